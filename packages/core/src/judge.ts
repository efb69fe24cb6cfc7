/**
 * How `procedure.ts` reaches what it needs only once a procedure's checks are here: the code that
 * judges answers (`judging.ts`: rules, fees, papers, messages) and the default messages. Here
 * they are at once, for Node and bundled apps. A page's runtime (`motcua.js`) is built with
 * `judge.lazy.ts` in this module's place (rollup.config.mjs), which loads this module as a chunk
 * when `procedure.load()` loads the checks: nothing on the way to the first input waits for it.
 *
 * @internal
 * @module
 */
import { defaultMessages } from './default-messages.js';
import * as judging from './judging.js';

export { defaultMessages };

export type Judging = typeof judging;

/** The judging code: here. */
export function judge(): Judging | undefined {
  return judging;
}

/** Settles once {@link judge} has the judging code: at once, here. */
export function loadJudge(): Promise<void> {
  return Promise.resolve();
}
