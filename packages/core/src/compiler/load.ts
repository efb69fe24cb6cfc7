import type { ProcedureDefinition } from '../definition.js';
import { DefinitionError } from '../errors.js';
import type { Clock } from '../clock.js';
import { type OperatorDefinition, type Pack, builtinFormats } from '../formats.js';
import { type Procedure, createProcedure } from '../procedure.js';
import { compileValidators, recursiveRefIssues } from './ajv.js';
import { DEFINITION_LIMITS, limitIssues } from './limits.js';
import { lintDefinition } from './lint.js';

/** Options of {@link loadProcedure} and {@link checkDefinition}. */
export interface LoadOptions {
  /** Packs whose formats and messages the procedure uses. */
  packs?: readonly Pack[];
  /** Where "today" is read; the system clock by default. */
  clock?: Pick<Clock, 'now'>;
  /** A file name to put in front of error messages. */
  source?: string;
}

/**
 * Parses (when given text) and checks a definition, throwing a {@link DefinitionError} that
 * lists every problem. Returns the definition typed.
 *
 * A definition over the limits of docs/definitions.md ("Limits"), holding a cycle or values JSON
 * cannot hold is refused before anything else is checked, so that checking stays linear in its
 * size whatever it holds.
 */
export function checkDefinition(json: unknown, options: LoadOptions = {}): ProcedureDefinition {
  let value = json;
  if (typeof json === 'string') {
    if (json.length > DEFINITION_LIMITS.size) {
      throw new DefinitionError(
        [
          {
            pointer: '',
            message: `the definition is too big: ${json.length.toLocaleString('en')} characters, at most ${DEFINITION_LIMITS.size.toLocaleString('en')}; split it into several procedures or shorten its texts`,
          },
        ],
        options.source,
      );
    }
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new DefinitionError(
        [
          {
            pointer: '',
            message: `not valid JSON (${(error as Error).message}); check commas, quotes and brackets`,
          },
        ],
        options.source,
      );
    }
  }
  const formats = new Set(Object.keys(builtinFormats));
  const operators: Record<string, OperatorDefinition> = {};
  for (const pack of options.packs ?? []) {
    for (const name of Object.keys(pack.formats ?? {})) formats.add(name);
    Object.assign(operators, pack.operators);
  }
  const limits = limitIssues(value);
  if (limits.length > 0) throw new DefinitionError(limits, options.source);
  const issues = [...lintDefinition(value, { formats, operators }), ...recursiveRefIssues(value)];
  if (issues.length > 0) throw new DefinitionError(issues, options.source);
  return value as ProcedureDefinition;
}

/**
 * Checks a procedure definition and makes it runnable in Node: the definition is checked
 * against the published schema and for meaning (unknown fields in conditions, duplicate ids,
 * conditions that can never hold, …), and field schemas are compiled with Ajv once.
 *
 * @throws {DefinitionError} listing every problem, each with a JSON Pointer and how to fix it.
 * @example
 * import { loadProcedure } from '@motcua/core/compiler';
 * const procedure = loadProcedure(JSON.parse(await readFile('birth-registration.procedure.json', 'utf8')));
 * const { valid, errors, answers } = procedure.validate(request.body, { locale: 'vi' });
 */
export function loadProcedure(json: unknown, options: LoadOptions = {}): Procedure {
  const definition = checkDefinition(json, options);
  return createProcedure(definition, {
    validators: compileValidators(definition),
    packs: options.packs,
    clock: options.clock,
  });
}
