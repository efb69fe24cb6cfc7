/**
 * Types for importing a procedure definition as its compiled module, through the Rollup plugin
 * `motcuaProcedures()` or a module made by `motcua build`. Add to a tsconfig's `types`, or write
 * `/// <reference types="@motcua/core/procedure-module" />`.
 */
declare module '*.procedure.json' {
  import type { ProcedureDefinition, Procedure, SchemaValidators } from '@motcua/core';

  /** The procedure, ready to run in the page. */
  const procedure: Procedure;
  export default procedure;
  export const definition: ProcedureDefinition;
  export const validators: SchemaValidators;
}
