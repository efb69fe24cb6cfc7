/**
 * The whole page-side runtime in one file, for pages without a bundler: Lit, the engine
 * (`@motcua/core`, as `engine.ts` lists it) and the elements, minified into
 * `dist/browser/motcua.js`, with XState and the journey's machine in a chunk beside it that a
 * session loads once its first page is drawn (`startSession`). Loading it defines
 * `<motcua-procedure>`; a procedure built with `motcua build --runtime ./motcua.js` imports
 * `createProcedure` from it, so every procedure on the page shares this one copy.
 *
 * Lit's `html`, `svg`, `render` and `nothing` are exported too, so a host page without a bundler
 * (the kiosk, the volunteer page) draws its own screens with the same templates: values are
 * always text, never markup, so the page needs no Trusted Types policy of its own.
 *
 * @module
 */
export * from './motcua.js';
export * from './engine.js';
export type * from '@motcua/core';
export { html, nothing, render, svg } from 'lit';
