/**
 * `default-messages.ts` as a page's runtime (`motcua.js`) carries it: the same names, but the
 * catalogue starts empty and its messages (2 KB, in every locale) come in a chunk of their own,
 * fetched by `procedure.load()` with the procedure's checks. A procedure writes no message until
 * its checks are here (`validate` and the machine wait for `load()`), so what the first input
 * waits for holds none of them. The browser build puts this module in the other's place
 * (rollup.config.mjs); Node and bundled apps keep the catalogue as it is.
 *
 * @module
 */
import type { MessageCatalog } from './messages.js';

/** Filled in place once loaded, so every list of catalogues that holds it sees the messages. */
export const defaultMessages: MessageCatalog = {};

let loading: Promise<void> | undefined;
let loaded = false;

export function defaultMessagesLoaded(): boolean {
  return loaded;
}

export function loadDefaultMessages(): Promise<void> {
  loading ??= import('./default-messages.js').then(
    (module) => {
      Object.assign(defaultMessages, module.defaultMessages);
      loaded = true;
    },
    (error: unknown) => {
      // Offline: the next load() tries again.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
