// The types of `@motcua/elements/browser` (dist/browser/motcua.js), written by hand like core's
// procedure-module.d.ts: the bundle is built from src/browser.ts by its own Rollup config, which
// makes no declarations. Keep this list the same as src/browser.ts.
export * from './dist/motcua.js';
export * from '@motcua/core';
export { html, nothing, render, svg } from 'lit';
