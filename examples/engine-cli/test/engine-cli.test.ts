import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ProcedureDefinition } from '@motcua/core';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the example as `npm run start:terminal` does, with one answer per line piped to it. */
function runExample(args: readonly string[], answers: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'examples/engine-cli/src/main.ts', ...args],
      { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(answers.map((answer) => `${answer}\n`).join(''));
  });
}

/** The JSON the pretend server received: the one block that starts with `{` at column 0. */
function payload(stdout: string): Record<string, unknown> {
  const block = /^\{$[\s\S]*?^\}$/m.exec(stdout);
  assert.ok(block, `no payload printed in:\n${stdout}`);
  return JSON.parse(block[0]) as Record<string, unknown>;
}

/** Ten days ago as d/m/yyyy: in the past in Hà Nội whatever the machine's time zone. */
function recentBirthDate(): { typed: string; iso: string; shown: string } {
  const date = new Date(Date.now() - 10 * 24 * 60 * 60 * 1000);
  const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  const [mm, dd] = [String(month).padStart(2, '0'), String(day).padStart(2, '0')];
  return {
    typed: `${day}/${month}/${year}`,
    iso: `${year}-${mm}-${dd}`,
    shown: `${dd}/${mm}/${year}`,
  };
}

const birth = recentBirthDate();

// Answers step by step. Options are answered by number, in the definition's order; a province
// or commune by part of its name without diacritics, and by number when several match.
const aboutMother = ['Trần Thị Lan', '2', '001190012345', ''];
// Born at the hospital in Phường Giảng Võ, Hà Nội (the one ward that "giang vo" finds).
const child = [
  'Trần Minh Khang',
  birth.typed,
  '1',
  'ha noi',
  'giang vo',
  'Bệnh viện Phụ sản Hà Nội',
];
// A home town known by its old name, Phường Tân Mai: now part of Phường Hoàng Mai.
const childOrigin = ['1', '1', 'ha noi', 'tan mai', '1'];
// "ha" finds three provinces: Hà Nội is the first.
const mother = [
  'Trần Thị Lan',
  '1995',
  '1',
  '1',
  'ha',
  '1',
  'hoang mai',
  'Số 12, ngõ 5, phố Tân Mai',
];
const noFather = ['2'];
const twoCopies = ['1', '2'];
const hasBirthNotice = ['1'];

describe('engine-cli example', () => {
  let folder: string;
  let birthNoticePdf: string;
  let witnessJpg: string;
  let fatherFields: string[];

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'motcua-engine-cli-'));
    birthNoticePdf = join(folder, 'giay-chung-sinh.pdf');
    witnessJpg = join(folder, 'van-ban-lam-chung.jpg');
    await writeFile(birthNoticePdf, Buffer.alloc(2048, 1));
    await writeFile(witnessJpg, Buffer.alloc(1024, 2));
    const definition = JSON.parse(
      await readFile(join(root, 'examples/procedures/birth-registration.procedure.json'), 'utf8'),
    ) as ProcedureDefinition;
    fatherFields = definition.steps
      .find((step) => step.id === 'father')!
      .fields.map((field) => field.id);
  });

  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('sends a dossier in Vietnamese, skipping the father step when the father is not determined', async () => {
    const run = await runExample(
      [],
      [
        ...aboutMother,
        ...child,
        ...childOrigin,
        ...mother,
        ...noFather,
        ...twoCopies,
        ...hasBirthNotice,
        birthNoticePdf,
        'c',
      ],
    );

    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^ĐĂNG KÝ KHAI SINH$/m);
    assert.match(run.stdout, /^Cơ quan giải quyết: Ủy ban nhân dân cấp xã$/m);
    assert.match(run.stdout, /^Bước 1\/8 — Thông tin về bạn$/m);
    assert.match(run.stdout, /^Bước 5\/8 — Cha của trẻ$/m);
    assert.match(run.stdout, /^Bước 6\/8 — Bản sao Giấy khai sinh$/m);
    assert.doesNotMatch(run.stdout, /Thông tin về cha của trẻ/);
    // Review: a skipped optional answer, a date as forms write it, the copy fee.
    assert.match(run.stdout, /Số điện thoại của bạn\n {4}Chưa cung cấp/);
    assert.match(run.stdout, new RegExp(`Ngày, tháng, năm sinh\\n {4}${birth.shown}`));
    assert.match(run.stdout, /Phí cấp bản sao Giấy khai sinh: 2 × 8\.000 đồng = 16\.000 đồng/);
    // Places are found by a part of their name, listed when several match, and shown by name.
    assert.match(
      run.stdout,
      /^> ha\n {2}1\. Thành phố Hà Nội\n {2}2\. Tỉnh Hà Tĩnh\n {2}3\. Thành phố Hải Phòng\n/m,
    );
    assert.match(
      run.stdout,
      /^ {2}Không có tên này trong danh mục mới\. Có thể đơn vị cũ nay là:\n {2}1\. Phường Hoàng Mai \(trước đây là Phường Tân Mai, Quận Hoàng Mai\)$/m,
    );
    assert.match(run.stdout, /Nơi sinh\n {4}Phường Giảng Võ, Thành phố Hà Nội\n/);
    assert.match(run.stdout, /Quê quán của trẻ\n {4}Phường Hoàng Mai, Thành phố Hà Nội\n/);
    assert.match(
      run.stdout,
      /Nơi cư trú của mẹ\n {4}Số 12, ngõ 5, phố Tân Mai, Phường Hoàng Mai, Thành phố Hà Nội\n/,
    );
    assert.match(run.stdout, /^ {2}Tổng cộng: 16\.000 đồng$/m);

    const sent = payload(run.stdout);
    assert.deepEqual(
      Object.keys(sent).filter((key) => fatherFields.includes(key)),
      [],
    );
    assert.equal(sent.fatherDetermined, 'no');
    assert.equal(sent.childDateOfBirth, birth.iso);
    assert.equal(sent.copyCount, 2);
    assert.equal('requesterPhone' in sent, false);
    assert.deepEqual(sent.childPlaceOfBirth, { province: '01', commune: '00025' });
    assert.equal(sent.childBirthFacility, 'Bệnh viện Phụ sản Hà Nội');
    assert.deepEqual(sent.childHomeTown, { province: '01', commune: '00331' });
    assert.deepEqual(sent.motherResidence, {
      province: '01',
      commune: '00331',
      detail: 'Số 12, ngõ 5, phố Tân Mai',
    });
    assert.deepEqual(sent.birthNotice, [
      { name: 'giay-chung-sinh.pdf', type: 'application/pdf', size: 2048 },
    ]);
    assert.match(run.stdout, /Đã gửi hồ sơ\. Mã hồ sơ của bạn là HS-\d{8}-\d{4}\./);
    assert.match(run.stdout, /Thời gian giải quyết: trong ngày/);
  });

  it('shows the engine’s error in English and asks only that answer again', async () => {
    const run = await runExample(
      ['--lang', 'en'],
      [
        'Nguyễn Văn An',
        '1',
        '00119001234',
        '0912 345 678',
        '001190012345',
        ...child,
        ...childOrigin,
        ...mother,
        '1',
        'Nguyễn Văn An',
        '1990',
        '1',
        '1',
        'ha noi',
        'lang',
        '1',
        'Số 12 phố Láng',
        '2',
        '2',
        witnessJpg,
        'y',
      ],
    );

    assert.equal(run.code, 0, run.stderr);
    // Only the personal ID is asked again, showing the wrong answer, then step 2 follows.
    assert.match(
      run.stdout,
      new RegExp(
        [
          '^There is a problem:',
          '  • Enter the 12 digits printed on your citizen identity card, with no spaces\\.',
          '',
          'Your personal identification number',
          '.*',
          '  Your answer now: 00119001234\\. Press Enter to keep it\\.',
          '> 001190012345',
          '',
          'Step 2 of 8 — About the child$',
        ].join('\n'),
        'm',
      ),
    );
    assert.match(run.stdout, /^Step 6 of 9 — About the child's father$/m);

    const sent = payload(run.stdout);
    assert.equal(sent.requesterPersonalId, '001190012345');
    assert.equal(sent.requesterPhone, '0912345678');
    assert.equal(sent.fatherDetermined, 'yes');
    assert.equal(sent.fatherName, 'Nguyễn Văn An');
    assert.equal(sent.fatherBirthYear, 1990);
    assert.match(
      run.stdout,
      /^> lang\n {2}1\. Phường Láng\n {2}2\. Xã Yên Lãng\n {2}Enter the number of the place, or type another name to search again\.\n> 1\n {2}Chosen: Phường Láng$/m,
    );
    assert.deepEqual(sent.fatherResidence, {
      province: '01',
      commune: '00199',
      detail: 'Số 12 phố Láng',
    });
    assert.deepEqual(sent.witnessStatement, [
      { name: 'van-ban-lam-chung.jpg', type: 'image/jpeg', size: 1024 },
    ]);
    assert.equal('birthNotice' in sent, false);
    assert.match(
      run.stdout,
      /Your application has been sent\. Your reference number is HS-\d{8}-\d{4}\./,
    );
  });

  it('goes back a step on < and keeps the answers given there', async () => {
    const run = await runExample(
      [],
      [
        ...aboutMother,
        '<',
        'Trần Thị Mai',
        '',
        '',
        '',
        ...child,
        ...childOrigin,
        ...mother,
        ...noFather,
        ...twoCopies,
        ...hasBirthNotice,
        birthNoticePdf,
        // From review, < goes back to the last step.
        '<',
        '',
        'c',
      ],
    );

    assert.equal(run.code, 0, run.stderr);
    const headings = [...run.stdout.matchAll(/^Bước \d\/\d — .*$/gm)].map((match) => match[0]);
    assert.deepEqual(headings.slice(0, 3), [
      'Bước 1/8 — Thông tin về bạn',
      'Bước 2/8 — Thông tin về trẻ',
      'Bước 1/8 — Thông tin về bạn',
    ]);
    assert.equal(headings.at(-1), 'Bước 8/8 — Tải lên giấy tờ');
    assert.equal(headings.filter((heading) => heading.startsWith('Bước 8/8')).length, 2);
    assert.match(run.stdout, /Câu trả lời hiện tại: Trần Thị Lan\. Nhấn Enter để giữ nguyên\./);
    assert.match(run.stdout, /Câu trả lời hiện tại: Mẹ\. Nhấn Enter để giữ nguyên\./);

    const sent = payload(run.stdout);
    assert.equal(sent.requesterName, 'Trần Thị Mai');
    assert.equal(sent.requesterRelationship, 'mother');
  });

  it('asks again on the earlier step when a later rule rejects an answer given there', async () => {
    const run = await runExample(
      [],
      [
        ...aboutMother,
        ...child,
        // Tày, while the mother is Kinh and there is no father: only checked at step 5.
        '2',
        '1',
        'ha noi',
        'tan mai',
        '1',
        ...mother,
        ...noFather,
        '1',
        '',
        ...twoCopies,
        ...hasBirthNotice,
        birthNoticePdf,
        'c',
      ],
    );

    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /Có lỗi cần sửa:\n {2}• Dân tộc của trẻ phải là dân tộc của cha hoặc của mẹ\. Hãy chọn lại dân tộc của trẻ\.\nCâu trả lời cần sửa nằm ở bước “Dân tộc, quốc tịch và quê quán của trẻ”\.\n\nDân tộc của trẻ\n/,
    );
    // After the fix the engine returns to step 5, which is asked again (Enter keeps "no").
    const headings = [...run.stdout.matchAll(/^Bước \d\/\d — .*$/gm)].map((match) => match[0]);
    assert.deepEqual(headings.slice(4, 7), [
      'Bước 5/8 — Cha của trẻ',
      'Bước 5/8 — Cha của trẻ',
      'Bước 6/8 — Bản sao Giấy khai sinh',
    ]);
    assert.equal(run.stdout.split('Có lỗi cần sửa:').length, 2);
    assert.equal(payload(run.stdout).childEthnicity, 'kinh');
  });

  it('exits with code 1 and says nothing was sent when the input ends early', async () => {
    const run = await runExample([], ['<', 'Trần Thị Lan']);

    assert.equal(run.code, 1);
    assert.match(run.stdout, /Đây là bước đầu tiên, không có bước nào trước đó\./);
    assert.match(run.stderr, /Dữ liệu nhập đã hết trước khi hoàn tất, nên hồ sơ chưa được gửi\./);
    assert.doesNotMatch(run.stdout, /HS-/);
  });
});
