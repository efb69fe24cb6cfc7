import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadProcedure } from '@motcua/core/compiler';
import { caseClock, coverage, formatUncovered, readCaseFile, runCases } from '@motcua/cli/cases';
import pack from '@motcua/vn/pack';

// The birth registration lives with the examples (the demos and core's tests use it); it is
// held to the same bar here.
// Every procedure in packages/vn/procedures is found here: a new one is held to the bar by
// being added to the folder.
const PROCEDURES = [
  'birth-registration',
  ...readdirSync(new URL('../procedures/', import.meta.url))
    .filter((file) => file.endsWith('.procedure.json'))
    .map((file) => file.slice(0, -'.procedure.json'.length))
    .sort(),
];
const FOLDERS: Record<string, string> = { 'birth-registration': '../../../examples/procedures/' };

function pathOf(file: string): string {
  const folder = FOLDERS[file.split('.')[0] ?? ''] ?? '../procedures/';
  return fileURLToPath(new URL(`${folder}${file}`, import.meta.url));
}

for (const name of PROCEDURES) {
  const caseFile = await readCaseFile(pathOf(`${name}.cases.json`), `${name}.cases.json`);
  const procedure = loadProcedure(readFileSync(pathOf(`${name}.procedure.json`), 'utf8'), {
    packs: [pack],
    clock: caseClock(caseFile),
    source: `${name}.procedure.json`,
  });

  describe(`${name}: example cases`, () => {
    it('the case file is for this procedure, with enough cases to tell', () => {
      assert.equal(caseFile.procedure, procedure.id);
      assert.ok(caseFile.cases.length >= 12, `only ${caseFile.cases.length} cases`);
    });

    for (const result of runCases(procedure, caseFile)) {
      it(result.name, () => assert.deepEqual(result.diff, [], result.diff.join('\n')));
    }
  });

  describe(`${name}: the cases prove every rule and branch`, () => {
    const report = coverage(procedure, caseFile, { packs: [pack] });

    it('every step, condition, rule, document, fee and message is exercised', () => {
      assert.deepEqual(report.uncovered.map(formatUncovered), []);
      for (const category of report.categories) assert.equal(category.percent, 100);
    });

    it('every fee is recorded, with its total, in a valid case', () => {
      const recorded = caseFile.cases.filter(
        (example) => example.valid && example.feeTotal !== undefined,
      );
      const shown = new Set(recorded.flatMap((example) => example.fees ?? []));
      const unshown = (procedure.definition.fees ?? []).filter((fee) => !shown.has(fee.id));
      assert.deepEqual(
        unshown.map((fee) => fee.id),
        [],
      );
    });

    it('some cases record the steps they visit', () => {
      assert.ok(caseFile.cases.filter((example) => example.steps !== undefined).length >= 2);
    });
  });
}

describe('every procedure is walked in the browser', () => {
  it('procedures.browser.test.ts imports each procedure of the folder', () => {
    const walk = readFileSync(new URL('./procedures.browser.test.ts', import.meta.url), 'utf8');
    const missing = PROCEDURES.filter(
      (name) =>
        name !== 'birth-registration' && !walk.includes(`'../procedures/${name}.procedure.json'`),
    );
    assert.deepEqual(missing, []);
  });
});
