/**
 * The whole page-side runtime in one file, for pages without a bundler: Lit, XState, the engine
 * (`@motcua/core`) and the elements, minified into `dist/browser/motcua.js`. Loading it defines
 * `<motcua-procedure>`; a procedure built with `motcua build --runtime ./motcua.js` imports
 * `createProcedure` from it, so every procedure on the page shares this one copy.
 *
 * @module
 */
export * from './motcua.js';
export * from '@motcua/core';
