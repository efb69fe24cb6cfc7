/**
 * The one-script entry for pages: `<script type="module" src=".../motcua.js">` defines
 * `<motcua-procedure>`.
 *
 * @module
 */
import { defineMotcuaProcedure } from './define.js';

defineMotcuaProcedure();

export * from './index.js';
