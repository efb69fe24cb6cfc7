import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { ProcedureDefinition } from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';
import {
  type CaseFile,
  CaseFileError,
  checkCaseFile,
  coverage,
  formatUncovered,
  readCaseFile,
  runCases,
} from '@motcua/cli/cases';
import { PROCEDURES, readJson, root, run, temporaryFolder } from './helpers.js';

const FIXTURES = 'packages/cli/test/fixtures';
/** A small library-card procedure whose two cases pass and leave known gaps. */
const LIBRARY = `${FIXTURES}/cases-library.procedure.json`;
const LIBRARY_CASES = `${FIXTURES}/cases-library.cases.json`;

function library() {
  return loadProcedure(readFileSync(join(root, LIBRARY), 'utf8'));
}

function libraryCases(): CaseFile {
  return readJson<CaseFile>(join(root, LIBRARY_CASES));
}

const LIBRARY_COVERAGE = `  coverage 78.2% (18 of 23)
    steps             2/2    100%
    when             9/10     90%
    requiredWhen      1/2     50%
    rules             1/2     50%
    documents         3/3    100%
    fees              2/2    100%
    messages          0/2      0%
  not covered by any case:
    /steps/0/fields/4/when (never true)
    /steps/1/fields/1/requiredWhen (never true)
    /rules/0 (never fails)
    /steps/0/fields/0/messages/maxLength (never shown)
    /rules/0/message (never shown)
`;

describe('motcua test: running cases', () => {
  it('prints a tick for each case that holds, then the coverage, and exits 0', async () => {
    const { code, stdout, stderr } = await run(['test', LIBRARY]);
    assert.equal(stderr, '');
    assert.equal(
      stdout,
      `${LIBRARY} (2 cases in ${LIBRARY_CASES})
  ✓ an adult who is not a student pays the card fee
  ✓ a student of 12 comes with a guardian and pays nothing
${LIBRARY_COVERAGE}2 cases: 2 passed, 0 failed
`,
    );
    assert.equal(code, 0);
  });

  it('prints a cross and one line for each key that differs, and exits 1', async () => {
    const { code, stdout } = await run([
      'test',
      LIBRARY,
      '--cases',
      `${FIXTURES}/cases-failing.cases.json`,
    ]);
    assert.equal(code, 1);
    const lines = stdout.split('\n');
    const from = lines.indexOf('  ✓ an adult who is not a student pays the card fee');
    assert.deepEqual(lines.slice(from, from + 10), [
      '  ✓ an adult who is not a student pays the card fee',
      '  ✗ a child of 12 without a guardian, expected wrongly to pass',
      '      valid: expected true but got false',
      '      steps: expected [you] but got [you, guardian]',
      '      errors: expected [] but got [guardianName required]',
      '      documents: expected [form] but got [form, student-card]',
      '      fees: expected [card-fee] but got []',
      '      absent: expected [seniorCard, school] left out but got [school] submitted',
      "  ✗ a child who gives their own name as the guardian's, expected as a missing name",
      '      errors: expected [guardianName required] but got [guardianName rule guardian-not-self]',
    ]);
    assert.match(stdout, /\n3 cases: 1 passed, 2 failed\n$/);
  });

  it('gives the same results from code: a diff for each failing case, none for a passing one', () => {
    const cases = readJson<CaseFile>(join(root, FIXTURES, 'cases-failing.cases.json'));
    const results = runCases(library(), cases);
    assert.deepEqual(
      results.map(({ name, passed, diff }) => ({ name, passed, lines: diff.length })),
      [
        { name: 'an adult who is not a student pays the card fee', passed: true, lines: 0 },
        {
          name: 'a child of 12 without a guardian, expected wrongly to pass',
          passed: false,
          lines: 6,
        },
        {
          name: "a child who gives their own name as the guardian's, expected as a missing name",
          passed: false,
          lines: 1,
        },
      ],
    );
    assert.deepEqual(results[0]?.outcome?.fees, ['card-fee']);
  });

  it('refuses cases written for another procedure', () => {
    assert.throws(
      () => runCases(library(), { ...libraryCases(), procedure: 'birth-registration' }),
      {
        name: 'MotcuaError',
        message:
          'the cases are for "birth-registration" but the definition is "cases-library"; give the cases of "cases-library", or set "procedure": "cases-library" in the case file',
      },
    );
  });
});

describe('motcua test: coverage', () => {
  it('lists what no case exercises, with a pointer into the definition, and counts each category', () => {
    const report = coverage(library(), libraryCases());
    assert.deepEqual(
      report.categories.map(({ category, covered, total }) => `${category} ${covered}/${total}`),
      [
        'steps 2/2',
        'when 9/10',
        'requiredWhen 1/2',
        'rules 1/2',
        'documents 3/3',
        'fees 2/2',
        'messages 0/2',
      ],
    );
    assert.equal(report.covered, 18);
    assert.equal(report.total, 23);
    assert.equal(report.percent, (18 / 23) * 100);
    assert.deepEqual(report.uncovered.map(formatUncovered), [
      '/steps/0/fields/4/when (never true)',
      '/steps/1/fields/1/requiredWhen (never true)',
      '/rules/0 (never fails)',
      '/steps/0/fields/0/messages/maxLength (never shown)',
      '/rules/0/message (never shown)',
    ]);
  });

  it('covers the gaps once cases exercise them', () => {
    const cases = libraryCases();
    const more: CaseFile = {
      ...cases,
      cases: [
        ...cases.cases,
        {
          name: 'a long name, a senior card, a five-year-old guardian named as the child',
          answers: {
            name: 'Nguyễn Thị Minh Khai Hoa',
            age: 5,
            student: 'no',
            seniorCard: 'x',
            guardianName: 'Nguyễn Thị Minh Khai Hoa',
            guardianPhone: '0912345678',
          },
          valid: false,
          errors: [{ field: 'name', code: 'maxLength' }],
          documents: ['form'],
        },
        {
          name: 'a senior',
          answers: { name: 'Lê Văn Tám', age: 70, student: 'no', seniorCard: 'HN-1' },
          valid: true,
          errors: [],
          documents: ['form'],
        },
        {
          name: 'a child who names themselves as the guardian',
          answers: { name: 'An', age: 10, student: 'no', guardianName: 'An' },
          valid: false,
          errors: [{ field: 'guardianName', code: 'rule', rule: 'guardian-not-self' }],
          documents: ['form'],
        },
      ],
    };
    assert.deepEqual(
      runCases(library(), more).flatMap((result) => result.diff),
      [],
    );
    const report = coverage(library(), more);
    assert.deepEqual(report.uncovered, []);
    assert.equal(report.percent, 100);
  });

  it('counts an overridden message as shown only when the engine gave its text', () => {
    // "Are you a student?" ends in "?", so a missing answer is worded by `required.question`,
    // then `required`: the `required.choice` override is never what the citizen reads.
    const definition = readJson<ProcedureDefinition>(join(root, LIBRARY));
    const student = definition.steps[0]!.fields[2]!;
    student.messages = {
      'required.choice': { vi: 'Hãy chọn Có hoặc Không.', en: 'Choose Yes or No.' },
      required: {
        vi: 'Hãy trả lời: bạn có phải học sinh không?',
        en: 'Answer: are you a student?',
      },
    };
    const unanswered = {
      name: 'the student question left unanswered',
      answers: { name: 'Nguyễn Văn An', age: 30 },
      valid: false,
      errors: [{ field: 'student', code: 'required' }],
      documents: ['form'],
    };
    const report = coverage(loadProcedure(definition), { ...libraryCases(), cases: [unanswered] });
    const messages = report.uncovered.filter((item) => item.category === 'messages');
    assert.deepEqual(messages.map(formatUncovered), [
      '/steps/0/fields/0/messages/maxLength (never shown)',
      '/steps/0/fields/2/messages/required.choice (never shown)',
      '/rules/0/message (never shown)',
    ]);
  });

  it("reads a group's row conditions row by row", () => {
    const definition: ProcedureDefinition = {
      id: 'household',
      version: '1.0.0',
      title: 'Hộ gia đình',
      steps: [
        {
          id: 'members',
          title: 'Thành viên',
          fields: [
            {
              id: 'members',
              type: 'group',
              label: 'Thành viên',
              minRows: 1,
              fields: [
                { id: 'memberName', type: 'text', label: 'Họ tên', required: true },
                { id: 'memberAge', type: 'number', label: 'Tuổi', required: true },
                {
                  id: 'memberSchool',
                  type: 'text',
                  label: 'Trường',
                  when: { field: 'memberAge', lt: 18 },
                  requiredWhen: { field: 'memberAge', gte: 6 },
                },
              ],
            },
          ],
        },
      ],
    };
    const report = coverage(loadProcedure(definition), {
      procedure: 'household',
      today: '2025-09-01',
      cases: [
        {
          name: 'an adult and a child of 4',
          answers: {
            members: [
              { memberName: 'An', memberAge: 30 },
              { memberName: 'Bình', memberAge: 4 },
            ],
          },
          valid: true,
          errors: [],
          documents: [],
        },
      ],
    });
    assert.deepEqual(report.uncovered.map(formatUncovered), [
      '/steps/0/fields/0/fields/2/requiredWhen (never true)',
    ]);
    assert.equal(report.total, 5);
  });
});

describe('motcua test: --min-coverage', () => {
  it('passes when the overall coverage reaches the minimum', async () => {
    const { code } = await run(['test', LIBRARY, '--min-coverage', '78']);
    assert.equal(code, 0);
  });

  it('fails when it is below, and says by how much', async () => {
    const { code, stdout } = await run(['test', LIBRARY, '--min-coverage', '80%']);
    assert.equal(code, 1);
    assert.match(
      stdout,
      /\n {2}coverage 78\.2% is below --min-coverage 80%; add cases for what is not covered\n2 cases: 2 passed, 0 failed\n$/,
    );
  });
});

describe('motcua test: coverage of a rule checked for each row', () => {
  const household = loadProcedure({
    id: 'household',
    version: '1.0.0',
    title: 'Hộ gia đình',
    steps: [
      {
        id: 'members',
        title: 'Thành viên',
        fields: [
          {
            id: 'members',
            type: 'group',
            label: 'Thành viên',
            fields: [
              { id: 'memberName', type: 'text', label: 'Họ và tên' },
              { id: 'memberAge', type: 'number', label: 'Tuổi' },
            ],
          },
        ],
      },
    ],
    rules: [
      {
        id: 'members-adult',
        each: 'members',
        when: { field: 'memberName', filled: true },
        assert: { field: 'memberAge', gte: 18 },
        fields: ['memberAge'],
        message: 'Thành viên phải từ đủ 18 tuổi',
      },
    ],
  });
  const adult = {
    name: 'one adult',
    answers: { members: [{ memberName: 'Lê Văn A', memberAge: 40 }] },
    valid: true,
    errors: [],
    documents: [],
  };
  const child = {
    name: "an adult and a child: the error on the child's row",
    answers: {
      members: [
        { memberName: 'Lê Văn A', memberAge: 40 },
        { memberName: 'Lê Văn B', memberAge: 10 },
      ],
    },
    valid: false,
    errors: [{ field: 'members.1.memberAge', code: 'rule', rule: 'members-adult' }],
    documents: [],
  };
  const file = (cases: CaseFile['cases']): CaseFile => ({
    procedure: 'household',
    today: '2026-03-02',
    cases,
  });
  const gaps = (cases: CaseFile['cases']) =>
    coverage(household, file(cases))
      .uncovered.map(formatUncovered)
      .filter((gap) => gap.startsWith('/rules'));

  it('counts it passed in a row that passes, failed in a row that fails', () => {
    assert.deepEqual(
      runCases(household, file([adult, child])).map((result) => result.diff),
      [[], []],
    );
    assert.deepEqual(gaps([adult, child]), ['/rules/0/when (never false)']);
    // The child's case alone both passes (the adult's row) and fails (the child's).
    assert.deepEqual(gaps([child]), ['/rules/0/when (never false)']);
  });

  it("says 'never fails' and 'never passes' as for any rule", () => {
    assert.deepEqual(gaps([adult]), [
      '/rules/0/when (never false)',
      '/rules/0 (never fails)',
      '/rules/0/message (never shown)',
    ]);
    const onlyChild = {
      ...child,
      name: 'a child alone',
      answers: { members: [{ memberName: 'Lê Văn B', memberAge: 10 }] },
      errors: [{ field: 'members.0.memberAge', code: 'rule', rule: 'members-adult' }],
    };
    assert.deepEqual(gaps([onlyChild]), ['/rules/0/when (never false)', '/rules/0 (never passes)']);
  });
});

describe('motcua test: case files', () => {
  it('checks a case file against cases.schema.json and names each problem by its pointer', async () => {
    const { code, stdout, stderr } = await run([
      'test',
      LIBRARY,
      '--cases',
      `${FIXTURES}/cases-broken.cases.json`,
    ]);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      `motcua: ${FIXTURES}/cases-broken.cases.json: the case file has 6 problems:
  /today: must be a date written YYYY-MM-DD, e.g. "2025-09-01", not "1 September 2025"
  /cases/0: "errors" is missing; add "errors": [] when the case has none, or the errors the engine must give
  /cases/0: "documents" is missing; add "documents": [ … ], the ids of the documents to bring
  /cases/0/eror: unknown key "eror" (did you mean "errors"?)
  /cases/0/valid: must be true or false, not "yes"
  /cases/0/channel: must be one of "online", "in-person", "kiosk", "post", not "counter"
`,
    );
  });

  it('says where a case file is not JSON', async () => {
    const dir = temporaryFolder();
    const file = join(dir, 'broken.cases.json');
    writeFileSync(
      file,
      '{\n  "procedure": "cases-library",\n  "today": "2025-09-01"\n  "cases": []\n}\n',
    );
    await assert.rejects(readCaseFile(file, 'broken.cases.json'), {
      name: 'CaseFileError',
      message:
        /^broken\.cases\.json: the case file has 1 problem:\n {2}\/: not valid JSON \(.+, line 4, column 3\); check commas, quotes and brackets$/,
    });
  });

  it('refuses two cases with the same name, so a failure names one case', () => {
    const cases = libraryCases();
    const twice = { ...cases, cases: [cases.cases[0], cases.cases[1], cases.cases[0]] };
    assert.throws(
      () => checkCaseFile(twice, 'twice.cases.json'),
      (error: unknown) => {
        assert.ok(error instanceof CaseFileError);
        assert.deepEqual(error.issues, [
          {
            pointer: '/cases/2/name',
            message:
              '"an adult who is not a student pays the card fee" is also the name of /cases/0; give each case its own name, so a failure names one case',
          },
        ]);
        return true;
      },
    );
  });

  it('says when the case file beside a definition is missing', async () => {
    const dir = temporaryFolder();
    writeFileSync(join(dir, 'lone.procedure.json'), readFileSync(join(root, LIBRARY)));
    const { code, stderr } = await run(['test', 'lone.procedure.json'], { cwd: dir });
    assert.equal(code, 1);
    assert.equal(
      stderr,
      'motcua: lone.cases.json: the case file has 1 problem:\n  /: no such file; write the cases there, or give their file with --cases\n',
    );
  });

  it('says when a definition is missing, before looking for its cases', async () => {
    const { code, stderr } = await run(['test', 'nowhere/missing.procedure.json']);
    assert.equal(code, 1);
    assert.equal(
      stderr,
      `motcua: nowhere/missing.procedure.json: no such file; check the path, which is relative to ${root}\n`,
    );
  });

  it('says to add --pack when a definition uses a pack it was not given', async () => {
    const { code, errors } = await run(['test', PROCEDURES[0]]);
    assert.equal(code, 1);
    assert.match(
      errors[0] ?? '',
      /^motcua: examples\/procedures\/birth-registration\.procedure\.json: the procedure definition has \d+ problems?:$/,
    );
    assert.equal(
      errors.at(-1),
      'motcua: formats and operators such as vn-personal-id come from packs; add --pack <module> for each pack, e.g. --pack @motcua/vn/pack',
    );
  });

  it('each real case file points at the published schema by a relative path', () => {
    const schema = join(root, 'packages/cli/schema/cases.schema.json');
    for (const definition of PROCEDURES) {
      const file = join(root, definition.replace('.procedure.json', '.cases.json'));
      const { $schema } = readJson<{ $schema: string }>(file);
      assert.equal(resolve(dirname(file), $schema), schema, file);
    }
    assert.equal(
      readJson<{ $id: string }>(schema).$id,
      'https://raw.githubusercontent.com/motcua/motcua/main/packages/cli/schema/cases.schema.json',
    );
  });
});

describe('motcua test: usage', () => {
  const usageErrors: [string, string[], string][] = [
    [
      'no definition',
      ['test'],
      'motcua: no definition files given; name one or more *.procedure.json files',
    ],
    [
      '--cases with two definitions',
      ['test', 'a.procedure.json', 'b.procedure.json', '--cases', 'a.cases.json'],
      'motcua: --cases names the cases of one definition, but 2 are given; give one definition with --cases, or leave --cases out to use each <id>.cases.json',
    ],
    [
      'a definition not named *.procedure.json, without --cases',
      ['test', 'library.json'],
      'motcua: cannot tell where the cases of library.json are; name the definition <id>.procedure.json with <id>.cases.json beside it, or give --cases <file>',
    ],
    [
      'an unknown option',
      ['test', LIBRARY, '--coverage'],
      'motcua: unknown option --coverage; see the options below',
    ],
    [
      '--min-coverage that is not a percentage',
      ['test', LIBRARY, '--min-coverage', 'most'],
      'motcua: --min-coverage most is not a percentage; give a number from 0 to 100, e.g. --min-coverage 90',
    ],
    [
      '--min-coverage over 100',
      ['test', LIBRARY, '--min-coverage', '120'],
      'motcua: --min-coverage 120 is not a percentage; give a number from 0 to 100, e.g. --min-coverage 90',
    ],
    [
      '--cases without a value',
      ['test', LIBRARY, '--cases'],
      'motcua: --cases needs a value after it',
    ],
  ];
  for (const [what, argv, message] of usageErrors) {
    it(`exits 2 for ${what}`, async () => {
      const { code, errors, stdout } = await run(argv);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.equal(errors[0], message);
      assert.equal(
        errors[1],
        'Usage: motcua test <definition.json…> [--cases <file>] [--pack <module>…] [--min-coverage <percent>] [--json]',
      );
    });
  }

  it('prints its help with --help', async () => {
    const { code, stdout } = await run(['test', '--help']);
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: motcua test /);
    assert.match(stdout, /--min-coverage <percent>/);
  });
});

describe('motcua test --json', () => {
  it("prints each definition's results and coverage as JSON, and nothing else", async () => {
    const { code, stdout } = await run([
      'test',
      LIBRARY,
      '--cases',
      `${FIXTURES}/cases-failing.cases.json`,
      '--json',
    ]);
    assert.equal(code, 1);
    const [report] = JSON.parse(stdout) as {
      definition: string;
      passed: number;
      failed: number;
      results: { name: string; passed: boolean; diff: string[] }[];
      coverage: { percent: number; uncovered: { pointer: string; gap: string }[] };
    }[];
    assert.equal(report?.definition, LIBRARY);
    assert.equal(report?.passed, 1);
    assert.equal(report?.failed, 2);
    assert.deepEqual(report?.results[2]?.diff, [
      'errors: expected [guardianName required] but got [guardianName rule guardian-not-self]',
    ]);
    assert.deepEqual(report?.coverage.uncovered[2], {
      category: 'rules',
      pointer: '/rules/0',
      gap: 'never passes',
    });
  });
});

describe('motcua test: the real procedures', () => {
  it('every case of every real procedure holds, each procedure at full coverage', async () => {
    const { code, stdout, stderr } = await run([
      'test',
      ...PROCEDURES,
      '--pack',
      '@motcua/vn/pack',
      '--min-coverage',
      '100',
    ]);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.doesNotMatch(stdout, /✗/);
    const coverageLines = stdout.split('\n').filter((line) => /^ {2}coverage /.test(line));
    assert.equal(coverageLines.length, PROCEDURES.length, stdout);
    // The first three are fixed: their figures tell whether a change to the engine moved coverage.
    assert.deepEqual(coverageLines.slice(0, 3), [
      '  coverage 100% (77 of 77)',
      '  coverage 100% (70 of 70)',
      '  coverage 100% (104 of 104)',
    ]);
    for (const line of coverageLines) assert.match(line, /^ {2}coverage 100% \((\d+) of \1\)$/);
    assert.doesNotMatch(stdout, /not covered by any case/);
    assert.match(stdout, /\n(\d+) cases: \1 passed, 0 failed\n$/);
  });
});
