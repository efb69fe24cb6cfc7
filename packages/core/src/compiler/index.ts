export { checkDeclaration, lintDeclaration } from './declaration.js';
export type { LoadOptions } from './load.js';
export { checkDefinition, loadProcedure } from './load.js';
export type { CompileFilesOptions, CompileOptions, CompiledFiles } from './module.js';
export { compileToFiles, compileToModule, splitTexts } from './module.js';
export type { ProcedurePlugin, ProcedurePluginOptions } from './rollup-plugin.js';
export { motcuaProcedures } from './rollup-plugin.js';
export type { LintOptions } from './lint.js';
export { lintDefinition } from './lint.js';
export type { Schema } from './field-schema.js';
export { fieldSchema } from './field-schema.js';
export type { DefinitionIssue } from '../errors.js';
export { DefinitionError, MotcuaError } from '../errors.js';
// For tools that say what the engine does (motcua docs): the same decisions, not copies.
export { isFieldRef } from '../condition.js';
export { requiredVariant } from '../judging.js';
