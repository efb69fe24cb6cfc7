import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ProcedureDefinition } from '@motcua/core';
import {
  DEFAULT_JARGON,
  type LintCode,
  type LintFinding,
  TEXT_LIMITS,
  USAGE,
  lint,
} from '@motcua/cli';
import { PROCEDURES, root, run, temporaryFolder, vnPack } from './helpers.js';

/** A small definition every check passes: each test breaks one thing in a copy of it. */
function sample(): ProcedureDefinition {
  return {
    id: 'sample',
    version: '1.0.0',
    title: { vi: 'Đăng ký mẫu', en: 'Sample registration' },
    steps: [
      {
        id: 'you',
        title: { vi: 'Về bạn', en: 'About you' },
        fields: [
          {
            id: 'name',
            type: 'text',
            label: { vi: 'Họ và tên', en: 'Full name' },
            schema: { maxLength: 100 },
            messages: {
              maxLength: {
                vi: 'Họ tên dài quá; hãy viết ngắn hơn 100 chữ.',
                en: 'The name is too long; write it in fewer than 100 letters.',
              },
            },
          },
          {
            id: 'birthDate',
            type: 'date',
            label: { vi: 'Ngày sinh', en: 'Date of birth' },
            hint: { vi: 'Ví dụ: 15/08/1990', en: 'For example, 15/08/1990' },
          },
          {
            id: 'phone',
            type: 'text',
            format: 'vn-phone',
            label: { vi: 'Số điện thoại', en: 'Phone number' },
            example: '0912345678',
          },
        ],
      },
    ],
    rules: [
      {
        id: 'born',
        assert: { field: 'birthDate', before: 'today' },
        fields: ['birthDate'],
        message: {
          vi: 'Ngày sinh phải trước hôm nay; hãy kiểm tra lại.',
          en: 'The date of birth must be before today; check it.',
        },
      },
    ],
  };
}

/** The sample's first step's fields, to change in a test. */
function fields(definition: ProcedureDefinition) {
  const step = definition.steps[0];
  assert.ok(step);
  return step.fields;
}

function field(definition: ProcedureDefinition, index: number) {
  const found = fields(definition)[index];
  assert.ok(found);
  return found;
}

/** Lints `definition` as `motcua lint … --json` in a fresh folder; its exit code and findings. */
async function lintJson(
  definition: unknown,
  extra: readonly string[] = [],
  dir = temporaryFolder(),
): Promise<{ code: number; findings: LintFinding[]; stderr: string }> {
  writeFileSync(join(dir, 'sample.procedure.json'), `${JSON.stringify(definition, null, 2)}\n`);
  const result = await run(
    ['lint', 'sample.procedure.json', '--pack', vnPack, '--json', ...extra],
    { cwd: dir },
  );
  return {
    code: result.code,
    findings: JSON.parse(result.stdout) as LintFinding[],
    stderr: result.stderr,
  };
}

/** The findings of one check, as `pointer` → `message`-free pairs that read well in a diff. */
function only(findings: readonly LintFinding[], code: LintCode): string[] {
  return findings
    .filter((finding) => finding.code === code)
    .map((finding) => `${finding.severity} ${finding.pointer}`);
}

describe('motcua lint: the content checks', () => {
  it('finds nothing in a definition that passes every check', async () => {
    const { code, findings, stderr } = await lintJson(sample());
    assert.deepEqual([code, findings, stderr], [0, [], '']);
  });

  it('warns about a label, hint or message over its limit, for each locale text', async () => {
    const long = sample();
    const name = field(long, 0);
    name.label = { vi: 'H'.repeat(TEXT_LIMITS.label + 1), en: 'Full name' };
    field(long, 1).hint = { vi: 'Ví dụ', en: 'x'.repeat(TEXT_LIMITS.hint + 1) };
    const rule = long.rules?.[0];
    assert.ok(rule);
    rule.message = { vi: `Hãy ${'a'.repeat(TEXT_LIMITS.message)}`, en: 'Check it.' };
    const { code, findings } = await lintJson(long);
    assert.equal(code, 0);
    assert.deepEqual(only(findings, 'long-text'), [
      'warning /steps/0/fields/0/label/vi',
      'warning /steps/0/fields/1/hint/en',
      'warning /rules/0/message/vi',
    ]);
    assert.match(
      findings[0]?.message ?? '',
      /^the label is 121 characters, over 120; shorten it to one plain question/,
    );

    const atLimit = sample();
    field(atLimit, 0).label = { vi: 'H'.repeat(TEXT_LIMITS.label), en: 'Full name' };
    assert.deepEqual((await lintJson(atLimit)).findings, []);
  });

  it('warns about a date or formatted field without a hint or an example', async () => {
    const bare = sample();
    delete field(bare, 1).hint;
    delete field(bare, 2).example;
    fields(bare).push({ id: 'email', type: 'email', label: { vi: 'Thư điện tử', en: 'Email' } });
    const { findings } = await lintJson(bare);
    assert.deepEqual(only(findings, 'no-hint'), [
      'warning /steps/0/fields/1',
      'warning /steps/0/fields/2',
      'warning /steps/0/fields/3',
    ]);
    assert.match(
      findings.find((finding) => finding.pointer === '/steps/0/fields/2')?.message ?? '',
      /^the vn-phone text field "phone" has no "hint" or "example"; .*"0912345678"/,
    );

    const fixed = sample();
    delete field(fixed, 1).hint;
    field(fixed, 1).example = '15/08/1990';
    assert.deepEqual((await lintJson(fixed)).findings, []);
  });

  it('warns about jargon with the plain words, the longest term once', async () => {
    const jargon = sample();
    field(jargon, 0).label = {
      vi: 'Số Định danh điện tử mức độ 2 hoặc trích lục',
      en: 'Level 2 electronic ID',
    };
    const { findings } = await lintJson(jargon);
    assert.deepEqual(
      findings.map((finding) => [finding.code, finding.pointer, finding.message]),
      [
        [
          'jargon',
          '/steps/0/fields/0/label/vi',
          `"định danh điện tử mức độ 2" is a term many citizens do not know; say "${DEFAULT_JARGON['định danh điện tử mức độ 2']}" instead, or explain it`,
        ],
        [
          'jargon',
          '/steps/0/fields/0/label/vi',
          `"trích lục" is a term many citizens do not know; say "${DEFAULT_JARGON['trích lục']}" instead, or explain it`,
        ],
      ],
    );
  });

  it('matches jargon as whole words only', async () => {
    const plain = sample();
    // "phôi" is jargon; "phôii" and "tíchhợp" are not the words.
    field(plain, 0).label = { vi: 'Tên phôii tíchhợp', en: 'Name' };
    assert.deepEqual((await lintJson(plain)).findings, []);
  });

  it('warns about text and textarea fields without schema.maxLength', async () => {
    const open = sample();
    delete field(open, 0).schema;
    fields(open).push(
      {
        id: 'reason',
        type: 'textarea',
        label: { vi: 'Lý do', en: 'Reason' },
        schema: { pattern: '^.+$' },
      },
      // An anchored pattern with only bounded repeats sets the length already.
      {
        id: 'passport',
        type: 'text',
        label: { vi: 'Số hộ chiếu', en: 'Passport number' },
        schema: { pattern: '^[A-Z0-9]{6,12}$' },
      },
    );
    const { findings } = await lintJson(open);
    assert.deepEqual(only(findings, 'no-max-length'), [
      'warning /steps/0/fields/0',
      'warning /steps/0/fields/3',
    ]);
  });

  it('warns about a text without Vietnamese or English; a plain string is Vietnamese only', async () => {
    const missing = sample();
    missing.title = 'Đăng ký mẫu';
    const step = missing.steps[0];
    assert.ok(step);
    step.title = { vi: 'Về bạn' };
    const { findings } = await lintJson(missing);
    assert.deepEqual(only(findings, 'missing-locale'), [
      'warning /title',
      'warning /steps/0/title',
    ]);
    assert.match(findings[0]?.message ?? '', /^has no English text; write it as \{ "vi": "Đăng/);
    // The string example "0912345678" is a sample answer, the same in every language.
    assert.ok(!findings.some((finding) => finding.pointer.endsWith('/example')));
  });

  it('warns about a message that says what is wrong but not what to do', async () => {
    const vague = sample();
    const rule = vague.rules?.[0];
    assert.ok(rule);
    rule.message = { vi: 'Ngày sinh không đúng.', en: 'The date of birth is wrong.' };
    field(vague, 0).messages = {
      maxLength: { vi: 'Họ tên dài quá.', en: 'Enter a shorter name.' },
    };
    const { code, findings } = await lintJson(vague);
    assert.equal(code, 0);
    assert.deepEqual(only(findings, 'no-action'), [
      'warning /steps/0/fields/0/messages/maxLength/vi',
      'warning /rules/0/message/vi',
      'warning /rules/0/message/en',
    ]);
  });
});

describe('motcua lint: definition errors and output', () => {
  it('reports a definition problem as an error, word for word, and exits 1', async () => {
    const dir = temporaryFolder();
    const broken = sample();
    (field(broken, 1) as { type: string }).type = 'dat';
    writeFileSync(join(dir, 'sample.procedure.json'), JSON.stringify(broken));
    const result = await run(['lint', 'sample.procedure.json', '--pack', vnPack], { cwd: dir });
    assert.equal(result.code, 1);
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(
      lines[0] ?? '',
      /^sample\.procedure\.json:\/steps\/0\/fields\/1\/type: error: unknown field type "dat" \(did you mean "date"\?\)/,
    );
    assert.match(lines.at(-1) ?? '', /^\d+ errors?, \d+ warnings? in 1 file$/);
    assert.equal(result.stderr, '');
  });

  it('gives a JSON syntax error its line and column', async () => {
    const dir = temporaryFolder();
    writeFileSync(join(dir, 'bad.procedure.json'), '{\n  "id": "bad",\n}\n');
    const result = await run(['lint', 'bad.procedure.json'], { cwd: dir });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^bad\.procedure\.json:3:1: error: not valid JSON \(/);
    assert.match(result.stdout, /\n1 error, 0 warnings in 1 file\n$/);
  });

  it('prints one line a finding and a count, and exits 0 on warnings alone', async () => {
    const dir = temporaryFolder();
    const warned = sample();
    delete field(warned, 0).schema;
    // Its maxLength message would now be an override no check can give (a definition error).
    delete field(warned, 0).messages;
    writeFileSync(join(dir, 'sample.procedure.json'), JSON.stringify(warned));
    const result = await run(['lint', 'sample.procedure.json', '--pack', vnPack], { cwd: dir });
    assert.deepEqual(
      [result.code, result.stderr, result.stdout.split('\n')],
      [
        0,
        '',
        [
          'sample.procedure.json:/steps/0/fields/0: warning: the text field "name" has no "schema": { "maxLength": … }; set the longest answer the agency can take (e.g. 100), so the citizen is told before submitting, not at the counter',
          '0 errors, 1 warning in 1 file',
          '',
        ],
      ],
    );
  });

  it('prints only a JSON array of {file, pointer, severity, message, code} with --json', async () => {
    const dir = temporaryFolder();
    const broken = sample();
    (field(broken, 1) as { type: string }).type = 'dat';
    delete field(broken, 0).schema;
    delete field(broken, 0).messages;
    const { code, findings, stderr } = await lintJson(broken, [], dir);
    assert.equal(code, 1);
    assert.equal(stderr, '');
    assert.ok(findings.length >= 2);
    for (const finding of findings) {
      assert.deepEqual(Object.keys(finding), ['file', 'pointer', 'severity', 'message', 'code']);
      assert.equal(finding.file, 'sample.procedure.json');
    }
    assert.deepEqual(
      findings.map((finding) => [finding.severity, finding.code]),
      [
        ['error', 'definition'],
        ['warning', 'no-max-length'],
      ],
    );
  });

  it('shows files relative to the current folder', async () => {
    const dir = temporaryFolder();
    writeFileSync(join(dir, 'sample.procedure.json'), JSON.stringify(sample()));
    const result = await run(['lint', join(dir, 'sample.procedure.json'), '--json'], {
      cwd: root,
    });
    const findings = JSON.parse(result.stdout) as LintFinding[];
    // Without --pack, vn-phone is unknown: the one error, at the field's format.
    assert.equal(result.code, 1);
    assert.deepEqual(
      findings.filter((finding) => finding.severity === 'error').map((finding) => finding.pointer),
      ['/steps/0/fields/2/format'],
    );
    assert.ok(!findings[0]?.file.startsWith('/'));
    assert.match(findings[0]?.file ?? '', /sample\.procedure\.json$/);
  });
});

describe('motcua lint --jargon', () => {
  it('warns about the terms in the file instead of the built-in list', async () => {
    const dir = temporaryFolder();
    writeFileSync(join(dir, 'jargon.json'), JSON.stringify({ 'hộ khẩu': 'nơi thường trú' }));
    const definition = sample();
    field(definition, 0).label = { vi: 'Họ tên trong hộ khẩu hoặc trích lục', en: 'Name' };
    const { findings } = await lintJson(definition, ['--jargon', 'jargon.json'], dir);
    assert.deepEqual(
      findings.map((finding) => finding.message),
      [
        '"hộ khẩu" is a term many citizens do not know; say "nơi thường trú" instead, or explain it',
      ],
    );
  });

  it('exits 1 naming the file when it cannot be read or is not a list of terms', async () => {
    const dir = temporaryFolder();
    writeFileSync(join(dir, 'sample.procedure.json'), JSON.stringify(sample()));
    writeFileSync(join(dir, 'list.json'), JSON.stringify(['hộ khẩu']));
    const missing = await run(['lint', 'sample.procedure.json', '--jargon', 'none.json'], {
      cwd: dir,
    });
    assert.equal(missing.code, 1);
    assert.equal(missing.stdout, '');
    assert.match(missing.stderr, /^motcua: --jargon none\.json cannot be read \(ENOENT\)/);
    const wrong = await run(['lint', 'sample.procedure.json', '--jargon', 'list.json'], {
      cwd: dir,
    });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /^motcua: --jargon list\.json must be one JSON object of each term/);
  });

  it('takes the list as an object from code', async () => {
    const dir = temporaryFolder();
    const definition = sample();
    field(definition, 0).label = { vi: 'Tên ghi trên phôi', en: 'Name' };
    writeFileSync(join(dir, 'sample.procedure.json'), JSON.stringify(definition));
    const report = await lint({
      files: ['sample.procedure.json'],
      packs: [vnPack],
      jargon: { ...DEFAULT_JARGON, phôi: 'tờ giấy trắng' },
      cwd: dir,
    });
    assert.deepEqual(
      [report.errors, report.warnings, report.findings[0]?.message],
      [
        0,
        1,
        '"phôi" is a term many citizens do not know; say "tờ giấy trắng" instead, or explain it',
      ],
    );
  });
});

describe('motcua lint: the real procedures', () => {
  it('finds no errors in them with the Vietnam pack', async () => {
    const result = await run(['lint', ...PROCEDURES, '--pack', '@motcua/vn/pack', '--json']);
    const findings = JSON.parse(result.stdout) as LintFinding[];
    assert.deepEqual(
      findings.filter((finding) => finding.severity === 'error'),
      [],
    );
    assert.equal(result.code, 0);
  });
});

describe('motcua lint: usage', () => {
  const usageErrors: [string, string[], string][] = [
    [
      'no definition files',
      ['lint', '--json'],
      'motcua: no definition files given; name one or more *.procedure.json files',
    ],
    [
      'an unknown option',
      ['lint', 'x.json', '--jsno'],
      'motcua: unknown option --jsno (did you mean --json?); see the options below',
    ],
    [
      'an option of build',
      ['lint', 'x.json', '--out', 'dist'],
      'motcua: --out is an option of "motcua build", not of "motcua lint"; see the options below',
    ],
    [
      'an option of lint given to build',
      ['build', 'x.json', '--out', 'dist', '--json'],
      'motcua: --json is an option of "motcua lint", not of "motcua build"; see the options below',
    ],
    [
      'an empty --jargon',
      ['lint', 'x.json', '--jargon='],
      'motcua: --jargon is empty; give a JSON file, e.g. --jargon jargon.json',
    ],
    [
      'a near miss of lint',
      ['lnit', 'x.json'],
      'motcua: unknown command "lnit" (did you mean "motcua lint"?)',
    ],
  ];
  for (const [what, argv, message] of usageErrors) {
    it(`exits 2 with the usage on ${what}`, async () => {
      const result = await run(argv, { cwd: temporaryFolder() });
      assert.deepEqual(
        [result.code, result.stdout, result.stderr],
        [2, '', `${message}\n\n${USAGE}`],
      );
    });
  }

  it('is in the usage text', async () => {
    const result = await run(['lint', '--help']);
    assert.equal(result.code, 0);
    assert.match(
      result.stdout,
      /^ {7}motcua lint <definition\.json…> \[--pack <module>…\] \[--jargon <file\.json>\] \[--json\]$/m,
    );
    for (const option of ['--jargon', '--json']) assert.ok(USAGE.includes(option), option);
  });
});
