/**
 * `judge.ts` as a page's runtime (`motcua.js`) carries it: the same names, but the judging code
 * and the default messages (rules, fees, papers and every message, in every locale) come in a
 * chunk of their own, fetched by `procedure.load()` with the procedure's checks. A procedure
 * judges nothing and writes no message until its checks are here (`validate` and the machine
 * wait for `load()`), so what the first input waits for holds none of it. The browser build puts
 * this module in the other's place (rollup.config.mjs); Node and bundled apps keep `judge.ts`.
 *
 * @internal
 * @module
 */
import type { Judging } from './judge.js';
import type { MessageCatalog } from './messages.js';

/**
 * Filled in place once loaded, so that `formatMessage`'s default catalogue, and any list that
 * holds it, has the messages from then on.
 */
export const defaultMessages: MessageCatalog = {};

let judging: Judging | undefined;
let loading: Promise<void> | undefined;

export function judge(): Judging | undefined {
  return judging;
}

export function loadJudge(): Promise<void> {
  loading ??= import('./judge.js').then(
    (module) => {
      Object.assign(defaultMessages, module.defaultMessages);
      judging = module.judge();
    },
    (error: unknown) => {
      // Offline: the next load() tries again.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
