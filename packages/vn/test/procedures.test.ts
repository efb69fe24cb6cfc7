import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  type CheckOptions,
  type Fee,
  type FeeChannel,
  type Procedure,
  type ValidationError,
  createManualClock,
} from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';
import pack from '@motcua/vn/pack';

/** Example cases kept as data beside a definition: answers, and what the engine must say. */
interface CaseFile {
  procedure: string;
  /** The date the cases are judged on (Vietnam time). */
  today: string;
  cases: ExampleCase[];
}

interface Finding {
  field: string;
  code: string;
  rule?: string;
}

interface ExampleCase {
  name: string;
  answers: Record<string, unknown>;
  valid: boolean;
  errors: Finding[];
  /** Warnings (rules with `"severity": "warning"`, format warnings); none when left out. */
  warnings?: Finding[];
  documents: string[];
  /** Where the dossier is filed, for fees that differ by channel; `online` when left out. */
  channel?: FeeChannel;
  /** The fees that apply on the case's channel, by id; not checked when left out. */
  fees?: string[];
  /** Their total in đồng, per-unit fees counted; not checked when left out. */
  feeTotal?: number;
  /** False when a fee's amount is left to the officer; true when left out. */
  feesComplete?: boolean;
  /** Fields that must not be in the submitted answers. */
  absent?: string[];
}

// The birth registration lives with the examples (the demos and core's tests use it); it is
// held to the same bar here.
const PROCEDURES = ['birth-registration', 'permanent-residence', 'criminal-record'] as const;
const FOLDERS: Record<string, string> = { 'birth-registration': '../../../examples/procedures/' };

function readJson(name: string): unknown {
  const folder = FOLDERS[name.split('.')[0] ?? ''] ?? '../procedures/';
  const url = new URL(`${folder}${name}`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as unknown;
}

function findings(errors: readonly ValidationError[]): Finding[] {
  return errors.map((error) =>
    error.code === 'rule'
      ? { field: error.field, code: error.code, rule: String(error.params.rule) }
      : { field: error.field, code: error.code },
  );
}

/** What the engine says of one case, in the shape the case file records. */
function outcome(procedure: Procedure, answers: unknown, options: CheckOptions = {}) {
  const result = procedure.validate(answers, options);
  return {
    valid: result.valid,
    errors: findings(result.errors),
    documents: procedure.documents(answers, options).map((doc) => doc.id),
  };
}

/** The warnings of a case, or `undefined` when this engine's `validate` does not report them. */
function warningsOf(procedure: Procedure, answers: unknown): Finding[] | undefined {
  const result: { warnings?: unknown } = procedure.validate(answers);
  return Array.isArray(result.warnings)
    ? findings(result.warnings as ValidationError[])
    : undefined;
}

for (const name of PROCEDURES) {
  const { procedure: id, today, cases } = readJson(`${name}.cases.json`) as CaseFile;
  const clock = createManualClock(`${today}T09:00:00+07:00`);
  const procedure = loadProcedure(readJson(`${name}.procedure.json`), {
    packs: [pack],
    clock,
    source: `${name}.procedure.json`,
  });

  describe(`${name}: example cases`, () => {
    it('the case file is for this procedure', () => {
      assert.equal(id, procedure.id);
      assert.ok(cases.length >= 10, `only ${cases.length} cases`);
    });

    for (const example of cases) {
      it(example.name, () => {
        assert.deepEqual(outcome(procedure, example.answers), {
          valid: example.valid,
          errors: example.errors,
          documents: example.documents,
        });
        const warnings = warningsOf(procedure, example.answers);
        // Engines before rule severities have no `warnings`; nothing to compare then.
        if (warnings !== undefined) assert.deepEqual(warnings, example.warnings ?? []);
        const fees = procedure.fees(example.answers, { channel: example.channel });
        if (example.fees !== undefined) {
          assert.deepEqual(
            fees.lines.map((fee) => fee.id),
            example.fees,
          );
        }
        if (example.feeTotal !== undefined) {
          assert.equal(fees.total, example.feeTotal);
          assert.equal(fees.complete, example.feesComplete ?? true);
        }
        const submitted = procedure.validate(example.answers).answers;
        for (const field of example.absent ?? [])
          assert.equal(field in submitted, false, `${field} is submitted`);
      });
    }
  });

  describe(`${name}: the cases prove every rule and branch`, () => {
    const definition = procedure.definition;

    it('every rule fails in at least one case', () => {
      const failed = new Set(
        cases.flatMap((example) =>
          [...example.errors, ...(example.warnings ?? [])].flatMap((f) => f.rule ?? []),
        ),
      );
      const unproven = (definition.rules ?? []).filter((rule) => !failed.has(rule.id));
      assert.deepEqual(
        unproven.map((rule) => rule.id),
        [],
      );
    });

    it('every step and field with a condition is shown in one case and hidden in another', () => {
      const conditional = definition.steps.flatMap((step) => [
        ...(step.when ? [{ kind: 'step', id: step.id }] : []),
        ...step.fields
          .filter((field) => field.when)
          .map((field) => ({ kind: 'field', id: field.id })),
      ]);
      for (const { kind, id: target } of conditional) {
        const shown = cases.map((example) =>
          kind === 'step'
            ? procedure.applicableSteps(example.answers).some((step) => step.id === target)
            : procedure.isVisible(target, example.answers),
        );
        assert.ok(shown.includes(true), `${kind} "${target}" is never shown`);
        assert.ok(shown.includes(false), `${kind} "${target}" is never hidden`);
      }
    });

    it('every conditional document and fee applies in one case and not in another', () => {
      const documents = (definition.documents ?? []).filter((doc) => doc.when);
      for (const doc of documents) {
        const listed = cases.map((example) => example.documents.includes(doc.id));
        assert.ok(listed.includes(true), `document "${doc.id}" is never needed`);
        assert.ok(listed.includes(false), `document "${doc.id}" is always needed`);
      }
      // A fee depends on the case when it has a condition, counts an answer, or is charged on
      // some channels only: each such fee is charged in one case and not in another.
      const fees = (definition.fees ?? []).filter(
        (fee) => fee.when || fee.per || (fee.channel !== undefined && fee.channel !== 'any'),
      );
      for (const fee of fees) {
        const applies = cases.map((example) =>
          procedure
            .fees(example.answers, { channel: example.channel })
            .lines.some((line) => line.id === fee.id),
        );
        assert.ok(applies.includes(true), `fee "${fee.id}" never applies`);
        assert.ok(applies.includes(false), `fee "${fee.id}" always applies`);
      }
    });

    it('every fee is recorded, with its total, in a valid case', () => {
      const recorded = cases.filter((example) => example.valid && example.feeTotal !== undefined);
      const shown = new Set(recorded.flatMap((example) => example.fees ?? []));
      const unshown = (definition.fees ?? []).filter((fee: Fee) => !shown.has(fee.id));
      assert.deepEqual(
        unshown.map((fee) => fee.id),
        [],
      );
    });
  });
}
