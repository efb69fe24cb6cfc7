import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import type { Condition, FieldDefinition, ProcedureDefinition, Text } from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';
import vn from '@motcua/vn/pack';
import { procedureDocs } from '../src/docs.js';
import { mermaidFlow } from '../src/graph.js';
import { PROCEDURES, root, run, temporaryFolder } from './helpers.js';

const FIXTURE = 'packages/cli/test/fixtures/every-condition.procedure.json';

function load(path: string): ProcedureDefinition {
  return loadProcedure(readFileSync(join(root, path), 'utf8'), { packs: [vn] }).definition;
}

function text(value: Text | undefined, locale: 'vi' | 'en'): string {
  if (value === undefined) return '';
  return (typeof value === 'string' ? value : (value[locale] ?? value.vi)).trim();
}

const squash = (value: string) => value.replace(/\s+/g, ' ');

/** What a reader of the page sees: the text without tags, entities decoded. */
function htmlText(html: string): string {
  return squash(
    html
      .replace(/<style>[\s\S]*?<\/style>/, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

/** What a reader of the rendered Markdown sees: backslash escapes and entities undone. */
function markdownText(markdown: string): string {
  return squash(
    markdown
      .replace(/\\(.)/g, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
}

function allFields(definition: ProcedureDefinition): FieldDefinition[] {
  const found: FieldDefinition[] = [];
  const visit = (fields: readonly FieldDefinition[]) => {
    for (const field of fields) {
      found.push(field);
      if (field.fields) visit(field.fields);
    }
  };
  for (const step of definition.steps) visit(step.fields);
  return found;
}

/** The words every reviewer's document must hold: each title, label, id, basis. */
function expectedTexts(definition: ProcedureDefinition, locale: 'vi' | 'en'): string[] {
  return [
    text(definition.title, locale),
    ...definition.steps.map((step) => text(step.title, locale)),
    ...allFields(definition).map((field) => text(field.label, locale)),
    ...(definition.rules ?? []).flatMap((rule) => [
      rule.id,
      text(rule.basis, locale),
      text(rule.message, locale),
    ]),
    ...(definition.documents ?? []).map((document) => text(document.title, locale)),
    ...(definition.fees ?? []).map((fee) => text(fee.label, locale)),
    ...(definition.legalBasis ?? []).map((law) => text(law.title, locale)),
  ]
    .filter((value) => value !== '')
    .map(squash);
}

/**
 * The structure a screen reader and axe rely on, checked without a browser: one `lang`, one
 * h1, headings that never skip a level, every header cell scoped, every table captioned,
 * unique ids, and nothing that runs.
 */
function assertStructure(html: string, locale: string): void {
  assert.match(html, new RegExp(`^<!doctype html>\\n<html lang="${locale}">`));
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /\son[a-z]+=/i);
  assert.doesNotMatch(html, /href="(?!#|https?:|[\w.-]+\.html")/);
  const levels = [...html.matchAll(/<h([1-6])\b/g)].map((match) => Number(match[1]));
  assert.equal(levels.filter((level) => level === 1).length, 1, 'one h1');
  assert.equal(levels[0], 1);
  levels.forEach((level, index) => {
    if (index > 0)
      assert.ok(level <= (levels[index - 1] ?? 0) + 1, `h${level} follows h${levels[index - 1]}`);
  });
  const headerCells = [...html.matchAll(/<th\b[^>]*>/g)].map((match) => match[0]);
  assert.ok(headerCells.length > 0);
  for (const cell of headerCells) assert.match(cell, /^<th scope="(col|row)">$/);
  assert.equal(
    (html.match(/<table>/g) ?? []).length,
    (html.match(/<caption>/g) ?? []).length,
    'every table has a caption',
  );
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  assert.match(html, /<main>[\s\S]*<h1>/);
  assert.match(html, /@media print \{[\s\S]*nav \{ display: none; \}/);
  assert.match(html, /a\[href\^="http"\]::after \{ content: " \(" attr\(href\) "\)"/);
}

describe('procedureDocs', () => {
  for (const path of [...PROCEDURES, FIXTURE]) {
    const definition = load(path);
    for (const locale of ['vi', 'en'] as const) {
      it(`holds every title, label, rule, document and fee of ${definition.id} (${locale})`, () => {
        const { html, markdown } = procedureDocs(definition, { locale, packs: [vn] });
        const page = htmlText(html);
        const plain = markdownText(markdown);
        for (const expected of expectedTexts(definition, locale)) {
          assert.ok(page.includes(expected), `the HTML has “${expected}”`);
          assert.ok(plain.includes(expected), `the Markdown has “${expected}”`);
        }
      });

      it(`is a well-formed page in ${locale} for ${definition.id}`, () => {
        const { html, markdown } = procedureDocs(definition, { locale, packs: [vn] });
        assertStructure(html, locale);
        assert.ok(
          html.includes(
            `<pre class="mermaid">${mermaidFlow(definition, locale).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</pre>`,
          ),
        );
        assert.ok(markdown.includes(`\`\`\`mermaid\n${mermaidFlow(definition, locale)}\`\`\``));
        assert.equal(html, html.normalize('NFC'));
        assert.doesNotMatch(markdown, /<(?!br>)[a-z]/i, 'no raw HTML in the Markdown');
      });
    }
  }

  it('says each rule with its condition, message, basis and severity', () => {
    const definition = load(FIXTURE);
    const vi = htmlText(procedureDocs(definition, { locale: 'vi', packs: [vn] }).html);
    assert.ok(
      vi.includes(
        'Quy tắc equals-value Quy tắc equals-value Mục Nội dung Áp dụng Khi “Nhận kết quả” là “Qua bưu điện” ' +
          'Phải đúng “Địa chỉ nhận” đã được điền Thông báo khi sai Hãy kiểm tra lại (equals-value). ' +
          'Mức độ Lỗi: phải sửa mới tiếp tục được Căn cứ pháp lý Điều 5 Luật Mẫu 2025',
      ),
    );
    assert.ok(vi.includes('Mức độ Cảnh báo: người dân đọc rồi vẫn có thể tiếp tục'));
    const en = htmlText(procedureDocs(definition, { locale: 'en', packs: [vn] }).html);
    assert.ok(
      en.includes(
        'Rule equals-value Rule equals-value Item Detail Applies When “Receive the result” is “By post” ' +
          'Must hold “Delivery address” is filled in',
      ),
    );
  });

  it("says a rule over rows, a pack operator's own message and an option offered on a condition", () => {
    const definition: ProcedureDefinition = {
      id: 'household',
      version: '1.0.0',
      title: { vi: 'Hộ gia đình', en: 'Household' },
      steps: [
        {
          id: 'members',
          title: { vi: 'Thành viên', en: 'Members' },
          fields: [
            {
              id: 'members',
              type: 'group',
              label: { vi: 'Thành viên', en: 'Members' },
              fields: [
                { id: 'memberId', type: 'text', label: { vi: 'Số định danh', en: 'Personal ID' } },
                {
                  id: 'memberBirthDate',
                  type: 'date',
                  label: { vi: 'Ngày sinh', en: 'Birth date' },
                },
              ],
            },
            {
              id: 'delivery',
              type: 'radio',
              label: { vi: 'Cách nhận', en: 'How to receive it' },
              options: [
                { value: 'counter', label: { vi: 'Tại quầy', en: 'At the counter' } },
                {
                  value: 'post',
                  label: { vi: 'Qua bưu điện', en: 'By post' },
                  when: { field: 'members', rows: { gte: 2 } },
                },
              ],
            },
          ],
        },
      ],
      rules: [
        {
          id: 'id-matches',
          each: 'members',
          when: { field: 'memberId', filled: true },
          assert: {
            field: 'memberId',
            vnPersonalIdMatches: { birthDate: 'memberBirthDate' },
          } as unknown as Condition,
          fields: ['memberId'],
          severity: 'warning',
        },
      ],
    };
    loadProcedure(definition, { packs: [vn] });
    const vi = htmlText(procedureDocs(definition, { locale: 'vi', packs: [vn] }).html);
    assert.ok(
      vi.includes('“Qua bưu điện” — chỉ có khi số dòng trong “Thành viên” từ 2 trở lên'),
      vi,
    );
    assert.ok(
      vi.includes('Áp dụng Với từng dòng của “Thành viên”: Khi “Số định danh” đã được điền'),
      vi,
    );
    assert.ok(
      vi.includes(
        'Thông báo khi sai Số định danh không khớp với ngày sinh hoặc giới tính: xem lại số trên thẻ Căn cước (thông báo mặc định của vnPersonalIdMatches)',
      ),
      vi,
    );
    const en = htmlText(procedureDocs(definition, { locale: 'en', packs: [vn] }).html);
    assert.ok(
      en.includes('Applies For each row of “Members”: When “Personal ID” is filled in'),
      en,
    );
    assert.ok(en.includes('(the default message of vnPersonalIdMatches)'), en);
    assert.ok(en.includes('“By post” — offered only when'), en);
  });

  it('says fees with their amount, unit, condition and channel', () => {
    const definition = load(FIXTURE);
    const vi = htmlText(procedureDocs(definition, { locale: 'vi', packs: [vn] }).html);
    assert.ok(vi.includes('Lệ phí cấp giấy 50.000 đồng Luôn áp dụng Mọi cách nộp'));
    assert.ok(
      vi.includes(
        'Phí bản sao 8.000 đồng mỗi đơn vị, theo câu trả lời “Số bản sao”; tính từ đơn vị thứ 2, các đơn vị trước không mất phí ' +
          'Khi “Số bản sao” từ 2 trở lên Trực tuyến, Máy tự phục vụ',
      ),
    );
    assert.ok(
      vi.includes(
        'Cước gửi qua bưu điện Mức do tỉnh quy định; cán bộ báo khi nhận hồ sơ ' +
          'Khi “Nhận kết quả” là “Qua bưu điện” Qua bưu điện Theo bảng giá của bưu điện.',
      ),
    );
    const en = htmlText(procedureDocs(definition, { locale: 'en', packs: [vn] }).html);
    assert.ok(en.includes('Postage Amount set by the province'));
  });

  it('says each field with its type, requirement, constraints, options and messages', () => {
    const definition = load(FIXTURE);
    const vi = htmlText(procedureDocs(definition, { locale: 'vi', packs: [vn] }).html);
    assert.ok(
      vi.includes(
        'Địa chỉ nhận Địa chỉ nhận Mục Nội dung Mã trường postAddress Loại câu trả lời Chữ, nhiều dòng ' +
          'Bắt buộc trả lời Bắt buộc khi “Nhận kết quả” là “Qua bưu điện” ' +
          'Chỉ hỏi Khi “Nhận kết quả” là “Qua bưu điện” Ràng buộc Tối đa 300 ký tự',
      ),
    );
    assert.ok(vi.includes('Các lựa chọn (chọn một) “Tại quầy” “Qua bưu điện” — Mất thêm 2 ngày.'));
    assert.ok(vi.includes('maximum Chỉ xin tối đa 10 bản. Hãy nhập số nhỏ hơn. Riêng của thủ tục'));
    assert.ok(vi.includes('required Nhập họ và tên Mặc định'));
    assert.ok(vi.includes('Chỉ hỏi bước này khi tuổi tính theo “Ngày sinh” chưa đủ 18'));
    const birth = htmlText(procedureDocs(load(PROCEDURES[0]), { locale: 'vi', packs: [vn] }).html);
    assert.ok(
      birth.includes('Điền sẵn Từ “Họ, chữ đệm và tên của bạn” khi “Bạn là gì của trẻ?” là “Mẹ”'),
    );
    assert.ok(
      vi.includes(
        'Giấy tờ của người giám hộ Bản chụp thẻ Căn cước. Không 2 Khi tuổi tính theo “Ngày sinh” chưa đủ 18',
      ),
    );
  });

  it('escapes every definition text, in HTML and in Markdown', () => {
    const definition = structuredClone(load(FIXTURE));
    const evil = '<img src=x onerror=alert(1)>';
    const name = definition.steps[0]?.fields[0];
    assert.ok(name && definition.rules?.[0] && definition.legalBasis?.[0]);
    name.label = evil;
    definition.steps[0]!.title = 'Bước <b>"đậm"</b> & | ống';
    definition.rules[0].message = '<script>alert(1)</script>';
    definition.description = '*đậm* [liên kết](https://evil.example) `mã`';
    definition.legalBasis[0].url = 'javascript:alert(1)';
    const { html, markdown } = procedureDocs(definition, { locale: 'vi', packs: [vn] });
    assert.doesNotMatch(html, /<img|<script|<b>|javascript:/);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('Bước 1: Bước &lt;b&gt;&quot;đậm&quot;&lt;/b&gt; &amp; | ống'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.doesNotMatch(markdown, /<img|<script|<b>|\]\(javascript:/);
    assert.ok(markdown.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(markdown.includes('\\*đậm\\* \\[liên kết\\](https://evil.example) \\`mã\\`'));
    assert.ok(markdown.includes('Bước &lt;b&gt;"đậm"&lt;/b&gt; &amp; \\| ống'));
  });
});

describe('motcua docs', () => {
  it('writes a page per procedure and language, as HTML and Markdown', async () => {
    const dir = temporaryFolder();
    const result = await run(['docs', ...PROCEDURES, '--pack', '@motcua/vn/pack', '--out', dir]);
    assert.equal(result.code, 0, result.stderr);
    const ids = PROCEDURES.map((path) => load(path).id);
    const files = ids.flatMap((id) => [`${id}.html`, `${id}.md`, `${id}.en.html`, `${id}.en.md`]);
    assert.deepEqual(readdirSync(dir).sort(), [...files].sort());
    assert.deepEqual(
      result.stdout.trim().split('\n').sort(),
      files.map((file) => `wrote ${join(dir, file)}`).sort(),
    );
    const birth = readFileSync(join(dir, 'birth-registration.html'), 'utf8');
    assert.match(birth, /<a href="birth-registration\.en\.html" lang="en">English version<\/a>/);
    const birthEn = readFileSync(join(dir, 'birth-registration.en.md'), 'utf8');
    assert.match(birthEn, /\[Bản tiếng Việt\]\(birth-registration\.md\)/);
  });

  it('exits 2 without --out, with an unknown option, or without files', async () => {
    const noOut = await run(['docs', FIXTURE, '--pack', '@motcua/vn/pack']);
    assert.equal(noOut.code, 2);
    assert.equal(
      noOut.errors[0],
      'motcua: --out is missing; say where to write the documents, e.g. --out docs/procedures',
    );
    const unknown = await run(['docs', FIXTURE, '--out', temporaryFolder(), '--lang', 'en']);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.errors[0], 'motcua: unknown option --lang; see the options below');
    const noFiles = await run(['docs', '--out', temporaryFolder()]);
    assert.equal(noFiles.code, 2);
    assert.match(noFiles.errors[0] ?? '', /^motcua: no definition files given/);
  });

  it('exits 1 for a bad definition and writes the good ones', async () => {
    const dir = temporaryFolder();
    const bad = join(dir, 'bad.procedure.json');
    writeFileSync(bad, '{ "id": "bad", ');
    const out = join(dir, 'out');
    const result = await run(['docs', bad, FIXTURE, '--pack', '@motcua/vn/pack', '--out', out]);
    assert.equal(result.code, 1);
    assert.match(result.errors[0] ?? '', /bad\.procedure\.json: \/: not valid JSON/);
    assert.ok(existsSync(join(out, 'every-condition.html')));
    assert.equal(existsSync(join(out, 'bad.html')), false);
  });

  it('says to add the pack when a definition uses one', async () => {
    const result = await run(['docs', FIXTURE, '--out', temporaryFolder()]);
    assert.equal(result.code, 1);
    assert.ok(
      result.errors.some((line) =>
        /every-condition\.procedure\.json: \/steps\/0\/fields\/0\/format: /.test(line),
      ),
    );
    assert.equal(
      result.errors.at(-1),
      'motcua: formats and operators such as vn-personal-id come from packs; add --pack <module> for each pack, e.g. --pack @motcua/vn/pack',
    );
  });
});

/** The repository's way to start Chromium (scripts/chromium.mjs), shared with the page tests. */
interface ChromiumScript {
  findChromium(options?: { quiet?: boolean }): string | undefined;
  launchChromium(): Promise<Browser>;
}

// A specifier TypeScript does not follow: the script is plain JavaScript outside this package.
const chromiumScript = new URL('../../../scripts/chromium.mjs', import.meta.url).href;
const chromium = (await import(chromiumScript)) as ChromiumScript;
const noChromium = chromium.findChromium({ quiet: true }) === undefined;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

// axe-core 4.14 with the WCAG 2.2 AA rules and best practices, in headless Chromium (Debian's
// package), on the pages of a real procedure and of the fixture with every kind of condition.
describe(
  'reviewer pages in Chromium (axe, WCAG 2.2 AA)',
  { skip: noChromium && 'no Chromium' },
  () => {
    let browser: Browser;
    let page: Page;
    const axeSource = readFileSync(new URL(import.meta.resolve('axe-core/axe.min.js')), 'utf8');

    before(async () => {
      browser = await chromium.launchChromium();
      page = await browser.newPage();
    });
    after(async () => {
      await browser?.close();
    });

    // The functions run in the page are written as source text: this package is typed for Node,
    // without the DOM's globals.
    async function violations(html: string): Promise<string[]> {
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(axeSource);
      return (await page.evaluate(`(async () => {
      const { violations } = await axe.run(document, { runOnly: ${JSON.stringify(AXE_TAGS)} });
      return violations.map((violation) =>
        violation.id + ': ' + violation.nodes.map((node) => JSON.stringify(node.target)).join(', '));
    })()`)) as string[];
    }

    for (const path of [PROCEDURES[0], FIXTURE]) {
      for (const locale of ['vi', 'en'] as const) {
        it(`has no axe violations: ${path} (${locale})`, async () => {
          const { html } = procedureDocs(load(path), {
            locale,
            packs: [vn],
            otherLanguage: 'x.html',
          });
          assert.deepEqual(await violations(html), []);
        });
      }
    }

    it('prints without the navigation, with the address after each web link', async () => {
      const { html } = procedureDocs(load(FIXTURE), { locale: 'vi', packs: [vn] });
      await page.setContent(html, { waitUntil: 'load' });
      await page.emulateMediaType('print');
      const printed = await page.evaluate(`({
        nav: getComputedStyle(document.querySelector('nav')).display,
        after: getComputedStyle(document.querySelector('a[href^="https"]'), '::after').content,
      })`);
      await page.emulateMediaType('screen');
      assert.deepEqual(printed, { nav: 'none', after: '" (https://example.gov.vn/xa)"' });
    });
  },
);
