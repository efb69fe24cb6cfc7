import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The reviewers read docs/procedures/ as committed: the pages must say what the definitions say
// today. `npm run docs:procedures` writes them again after a definition changes.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const COMMITTED = join(ROOT, 'docs', 'procedures');

describe('docs/procedures: the committed reviewer pages', () => {
  const out = mkdtempSync(join(tmpdir(), 'motcua-procedure-docs-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('are what the definitions make today', async () => {
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', 'scripts/procedure-docs.mjs', '--out', out],
      { cwd: ROOT },
    );
    const made = readdirSync(out).sort();
    assert.deepEqual(readdirSync(COMMITTED).sort(), made);
    // Four pages (vi and en, HTML and Markdown) a procedure, and the index.
    const procedures =
      1 +
      readdirSync(join(ROOT, 'packages/vn/procedures')).filter((f) => f.endsWith('.procedure.json'))
        .length;
    assert.equal(made.length, 1 + 4 * procedures);
    for (const file of made) {
      assert.equal(
        readFileSync(join(out, file), 'utf8'),
        readFileSync(join(COMMITTED, file), 'utf8'),
        `docs/procedures/${file} is out of date: run npm run docs:procedures`,
      );
    }
  });
});
