// Builds the reviewers' documents of the real procedures into docs/procedures/: for each, a page
// in Vietnamese and in English, as HTML and Markdown (`motcua docs`), and README.md, the index.
// Run from the sources: `npm run docs:procedures` (or `-- --out <dir>` to write elsewhere; the
// test that the committed pages are up to date does so). The files are committed, so they are put
// through Prettier like every other file here.
import { readdirSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { run } from '@motcua/cli';
import * as prettier from 'prettier';

const root = fileURLToPath(new URL('..', import.meta.url));
const DOCS = 'docs/procedures';
const at = process.argv.indexOf('--out');
const OUT = at === -1 ? DOCS : process.argv[at + 1];
const PROCEDURES = [
  'examples/procedures/birth-registration.procedure.json',
  ...readdirSync(join(root, 'packages/vn/procedures'))
    .filter((file) => file.endsWith('.procedure.json'))
    .sort()
    .map((file) => `packages/vn/procedures/${file}`),
];

const code = await run(['docs', ...PROCEDURES, '--pack', '@motcua/vn/pack', '--out', OUT], {
  cwd: root,
});
if (code !== 0) {
  process.exitCode = code;
} else {
  const rows = [];
  for (const path of PROCEDURES) {
    const definition = JSON.parse(await readFile(join(root, path), 'utf8'));
    const { id, version } = definition;
    const title = (text, locale) => (typeof text === 'string' ? text : (text[locale] ?? text.vi));
    rows.push(
      `| ${cell(title(definition.title, 'vi'))} | ${cell(title(definition.title, 'en'))} | ` +
        `${cell(definition.code ?? '—')} | ${cell(version)} | ` +
        `[HTML](${id}.html) · [Markdown](${id}.md) | [HTML](${id}.en.html) · [Markdown](${id}.en.md) |`,
    );
  }
  const index = `# Thủ tục — tài liệu cho người duyệt / Procedures for reviewers

Mỗi thủ tục có một trang tiếng Việt và một trang tiếng Anh, dạng HTML (mở bằng trình duyệt, in
được) và Markdown. Trang nói rõ cơ quan giải quyết, thời hạn, phí, căn cứ pháp lý, giấy tờ, các
bước, từng câu hỏi với ràng buộc và thông báo lỗi, và từng quy tắc kiểm tra với căn cứ của nó.
Cách dùng: [docs/reviewers.md](../reviewers.md).

Each procedure has a page in Vietnamese and one in English, as HTML (open in a browser; prints
well) and Markdown. Made by \`motcua docs\`; do not edit these files: change the definition and
run \`npm run docs:procedures\` again (a test fails while these pages are out of date).

| Thủ tục | Procedure | Mã / Code | Phiên bản / Version | Tiếng Việt | English |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`;
  await writeFile(resolve(root, OUT, 'README.md'), index);
  console.log(`wrote ${OUT}/README.md`);
  for (const file of await readdir(resolve(root, OUT))) {
    if (!/\.(html|md)$/.test(file)) continue;
    const path = resolve(root, OUT, file);
    // The repository's settings, wherever the pages are written.
    const options = (await prettier.resolveConfig(join(root, DOCS, file))) ?? {};
    await writeFile(
      path,
      await prettier.format(await readFile(path, 'utf8'), { ...options, filepath: path }),
    );
  }
}

/** Text in a Markdown table cell: no pipe or line break ends it early. */
function cell(text) {
  return String(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[\\|*_[\]`]/g, '\\$&')
    .replace(/</g, '&lt;');
}
