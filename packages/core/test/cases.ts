import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CheckOptions, Procedure } from '@motcua/core';

/** Example cases kept as data beside a definition: answers, and what the engine must say. */
export interface CaseFile {
  procedure: string;
  /** The date the cases are judged on (Vietnam time). */
  today: string;
  cases: ExampleCase[];
}

export interface ExampleCase {
  name: string;
  answers: Record<string, unknown>;
  valid: boolean;
  errors: { field: string; code: string; rule?: string }[];
  documents: string[];
  /** Fields that must not be in the submitted answers. */
  absent?: string[];
}

export function readCases(name: string): CaseFile {
  const url = new URL(`../../../examples/procedures/${name}.cases.json`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as CaseFile;
}

/** What the engine says of one case, in the shape the case file records. */
export function outcome(procedure: Procedure, answers: unknown, options: CheckOptions = {}) {
  const result = procedure.validate(answers, options);
  return {
    valid: result.valid,
    errors: result.errors.map((error) =>
      error.code === 'rule'
        ? { field: error.field, code: error.code, rule: String(error.params.rule) }
        : { field: error.field, code: error.code },
    ),
    documents: procedure.documents(answers, options).map((doc) => doc.id),
  };
}
