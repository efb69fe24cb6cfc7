import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ProcedureDefinition } from '@motcua/core';
import { run } from '@motcua/cli';
import { readJson, root, temporaryFolder, until, vnPack } from './helpers.js';

const definition = readJson<ProcedureDefinition>(
  join(root, 'examples/procedures/birth-registration.procedure.json'),
);

function save(path: string, edit: (definition: ProcedureDefinition) => void = () => {}): void {
  const copy = structuredClone(definition);
  edit(copy);
  writeFileSync(path, `${JSON.stringify(copy, null, 2)}\n`);
}

describe('motcua build --watch', () => {
  it('rebuilds a definition when it changes, reports problems the same way, and goes on', async () => {
    const dir = temporaryFolder();
    const source = join(dir, 'birth.procedure.json');
    save(source);
    const stop = new AbortController();
    let stdout = '';
    let stderr = '';
    const running = run(
      ['build', 'birth.procedure.json', '--pack', vnPack, '--watch', '--hash', '--out', 'out'],
      {
        cwd: dir,
        signal: stop.signal,
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: (text: string) => (stderr += text) },
      },
    );
    const manifest = () => {
      const path = join(dir, 'out', 'manifest.json');
      return existsSync(path)
        ? readJson<Record<string, { file: string; version: string }>>(path)['birth-registration']
        : undefined;
    };
    try {
      await until(() => /watching 1 definition for changes/.test(stdout), 'the first build');
      const first = manifest();
      assert.ok(first);
      assert.match(
        stdout,
        /^built out\/birth-registration\.[0-9a-f]{12}\.js \(.* kB\) from birth\.procedure\.json\n/,
      );

      save(source, (changed) => (changed.version = '1.1.0'));
      const second = await until(() => manifest()?.version === '1.1.0' && manifest(), 'a rebuild');
      assert.notEqual(second.file, first.file);
      await until(() => stdout.split('\n').length >= 4, 'the rebuild line');
      assert.match(
        stdout.split('\n')[2] ?? '',
        /^\d\d:\d\d:\d\d built out\/birth-registration\.[0-9a-f]{12}\.js \(.* kB\) from birth\.procedure\.json$/,
      );
      // The module the previous build wrote is replaced, not left behind; the checks it
      // imports did not change with the version, so the new one imports the same.
      const checksOf = (file: string) =>
        /import\("\.\/([\w-]+\.checks-[0-9a-f]{12}\.js)"\)/.exec(
          readFileSync(join(dir, 'out', file), 'utf8'),
        )?.[1] ?? 'no checks';
      const checks = checksOf(second.file);
      assert.deepEqual(
        readdirSync(join(dir, 'out')).sort(),
        [checks, second.file, 'manifest.json'].sort(),
      );

      // A changed check is a new chunk: the old one goes with the module that imported it.
      save(source, (changed) => {
        changed.version = '1.1.1';
        changed.steps[0]!.fields[0]!.schema = { maxLength: 90 };
      });
      const third = await until(() => manifest()?.version === '1.1.1' && manifest(), 'a rebuild');
      const newChecks = checksOf(third.file);
      assert.notEqual(newChecks, checks);
      assert.deepEqual(
        readdirSync(join(dir, 'out')).sort(),
        [newChecks, third.file, 'manifest.json'].sort(),
      );

      save(source, (broken) => ((broken.steps[0]!.fields[0] as { type: string }).type = 'txt'));
      await until(
        () => stderr.includes('/steps/0/fields/0/type: unknown field type "txt"'),
        'the problem',
      );
      assert.match(
        stderr,
        /^birth\.procedure\.json: \/steps\/0\/fields\/0\/type: unknown field type "txt" \(did you mean "text"\?\)/,
      );
      assert.equal(manifest()?.file, third.file);

      // Saved the way many editors save: a new file renamed over the old one.
      save(`${source}.tmp`, (changed) => (changed.version = '1.2.0'));
      renameSync(`${source}.tmp`, source);
      await until(() => manifest()?.version === '1.2.0', 'a rebuild after the fix');
      assert.match(stdout.trimEnd().split('\n').at(-1) ?? '', /^\d\d:\d\d:\d\d built /);
      assert.ok(!stderr.includes('motcua:'), stderr);
    } finally {
      stop.abort();
    }
    assert.equal(await running, 0);
  });

  it('stops on Ctrl-C and exits 0', async () => {
    const dir = temporaryFolder();
    save(join(dir, 'birth.procedure.json'));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=source',
        'packages/cli/src/bin.ts',
        'build',
        join(dir, 'birth.procedure.json'),
        '--pack',
        vnPack,
        '--watch',
        '--out',
        join(dir, 'out'),
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await until(() => stdout.includes('watching 1 definition'), 'the first build', 20_000);
      assert.match(
        readFileSync(join(dir, 'out', 'birth-registration.js'), 'utf8'),
        /birth-registration/,
      );
      child.kill('SIGINT');
      assert.equal(await exited, 0, stderr);
    } finally {
      child.kill();
    }
  });
});
