export type { LoadOptions } from './load.js';
export { checkDefinition, loadProcedure } from './load.js';
export type { CompileOptions } from './module.js';
export { compileToModule } from './module.js';
export type { ProcedurePlugin, ProcedurePluginOptions } from './rollup-plugin.js';
export { motcuaProcedures } from './rollup-plugin.js';
export { lintDefinition } from './lint.js';
export { fieldSchema } from './field-schema.js';
