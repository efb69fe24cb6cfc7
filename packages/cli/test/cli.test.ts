import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { USAGE } from '@motcua/cli';
import { PROCEDURES, readJson, root, run, temporaryFolder, vnPack } from './helpers.js';

const { version } = readJson<{ version: string }>(join(root, 'packages/cli/package.json'));

describe('motcua: usage', () => {
  const usageErrors: [string, string[], string][] = [
    [
      'nothing',
      [],
      'motcua: no command given; the commands are "motcua build", "lint", "docs", "graph", "test" and "report"',
    ],
    [
      'an unknown command',
      ['biuld', 'x.json', '--out', 'dist'],
      'motcua: unknown command "biuld" (did you mean "motcua build"?)',
    ],
    [
      'a definition without the command',
      ['x.procedure.json', '--out', 'dist'],
      'motcua: "x.procedure.json" is not a command; put "build" first: motcua build x.procedure.json …',
    ],
    [
      'no definition files',
      ['build', '--out', 'dist'],
      'motcua: no definition files given; name one or more *.procedure.json files',
    ],
    [
      'no --out',
      ['build', 'x.procedure.json'],
      'motcua: --out is missing; say where to write the modules, e.g. --out dist',
    ],
    ['--out without a value', ['build', 'x.json', '--out'], 'motcua: --out needs a value after it'],
    [
      'an unknown option',
      ['build', 'x.json', '--out', 'dist', '--hsah'],
      'motcua: unknown option --hsah (did you mean --hash?); see the options below',
    ],
    [
      'an unknown option like no other',
      ['build', 'x.json', '--out', 'dist', '--frobnicate'],
      'motcua: unknown option --frobnicate; see the options below',
    ],
    [
      'an empty --pack',
      ['build', 'x.json', '--out', 'dist', '--pack='],
      'motcua: --pack is empty; give a module specifier, e.g. --pack @motcua/vn/pack',
    ],
  ];
  for (const [what, argv, message] of usageErrors) {
    it(`exits 2 with the usage on ${what}`, async () => {
      const dir = temporaryFolder();
      const result = await run(argv, { cwd: dir });
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, `${message}\n\n${USAGE}`);
      assert.deepEqual(readdirSync(dir), []);
    });
  }

  it('prints the usage on --help, -h and "help", and exits 0', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['build', '--help']]) {
      const result = await run(argv);
      assert.deepEqual([result.code, result.stdout, result.stderr], [0, USAGE, ''], argv.join(' '));
    }
    assert.match(USAGE, /^Usage: motcua build <definition\.json…> --out <dir> \[options\]$/m);
    for (const option of ['--out', '--runtime', '--pack', '--hash', '--no-minify', '--watch']) {
      assert.ok(USAGE.includes(option), option);
    }
  });

  it('prints the version on --version and -v', async () => {
    for (const argv of [['--version'], ['-v']]) {
      assert.deepEqual(await run(argv), {
        code: 0,
        stdout: `${version}\n`,
        stderr: '',
        errors: [],
      });
    }
  });

  it('keeps the modules readable with --no-minify', async () => {
    const out = temporaryFolder();
    const result = await run([
      'build',
      PROCEDURES[0],
      '--pack',
      vnPack,
      '--no-minify',
      '--out',
      out,
    ]);
    assert.equal(result.code, 0, result.stderr);
    const code = readFileSync(join(out, 'birth-registration.js'), 'utf8');
    assert.ok(code.split('\n').length > 5);
    // Its checks too: Ajv's validators and the pack's code, one statement a line.
    const checks = /import\("\.\/(birth-registration\.checks-[0-9a-f]{12}\.js)"\)/.exec(code)?.[1];
    assert.ok(checks);
    assert.ok(readFileSync(join(out, checks), 'utf8').split('\n').length > 100);
    // The runtime is the page's own where its element registered one, else imported.
    assert.match(code, /\?\? await import\("@motcua\/core"\);/);
  });

  it('refuses to build a pattern that backtracks super-linearly (ReDoS), naming the answer', async () => {
    const dir = temporaryFolder();
    writeFileSync(
      join(dir, 'slow.procedure.json'),
      JSON.stringify({
        id: 'slow',
        version: '1.0.0',
        title: 'Chậm',
        steps: [
          {
            id: 'one',
            title: 'Một',
            fields: [{ id: 'code', type: 'text', label: 'Mã', schema: { pattern: '(a+)+$' } }],
          },
        ],
      }),
    );
    const result = await run(['build', 'slow.procedure.json', '--out', 'out'], { cwd: dir });
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^slow\.procedure\.json: \/steps\/0\/fields\/0\/schema\/pattern: the pattern can take exponential time on some answers, e\.g\. 'a'/,
    );
    assert.equal(existsSync(join(dir, 'out', 'slow.js')), false);
  });

  it('says when --out is a file', async () => {
    const dir = temporaryFolder();
    writeFileSync(join(dir, 'taken'), '');
    const result = await run(
      ['build', join(root, PROCEDURES[0]), '--pack', vnPack, '--out', 'taken'],
      {
        cwd: dir,
      },
    );
    assert.equal(result.code, 1);
    assert.deepEqual(result.errors, [
      'motcua: --out taken is a file; give a folder to write the modules to',
    ]);
  });
});

/** Runs a command the way a shell would, from the repository root. */
function spawn(args: string[]) {
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('motcua on the command line', () => {
  const fromSource = ['--import', 'tsx', '--conditions=source', 'packages/cli/src/bin.ts'];

  it('builds from the sources, as `npm run motcua -- build …` does', () => {
    const out = temporaryFolder();
    const result = spawn([
      ...fromSource,
      'build',
      PROCEDURES[2],
      '--pack',
      '@motcua/vn/pack',
      '--hash',
      '--out',
      out,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^built .*criminal-record\.[0-9a-f]{12}\.js \(.* kB\) from /);
    const manifest = readJson<Record<string, { file: string }>>(join(out, 'manifest.json'));
    assert.ok(existsSync(join(out, manifest['criminal-record']?.file ?? '-')));
  });

  it('exits 1 with the problems on stderr, and 2 on wrong usage', () => {
    const broken = spawn([...fromSource, 'build', PROCEDURES[2], '--out', temporaryFolder()]);
    assert.equal(broken.code, 1);
    assert.equal(broken.stdout, '');
    assert.match(
      broken.stderr,
      /^packages\/vn\/procedures\/criminal-record\.procedure\.json: \/steps\/0\/fields\/0\/format: unknown format "vn-person-name"/,
    );
    const usage = spawn([...fromSource, 'build']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /^motcua: no definition files given/);
  });

  const built = join(root, 'packages/cli/dist/index.js');
  it(
    'runs as the installed bin/motcua.js after npm run build',
    { skip: !existsSync(built) && 'packages/cli is not built (npm run build)' },
    () => {
      const out = temporaryFolder();
      const result = spawn([
        'packages/cli/bin/motcua.js',
        'build',
        PROCEDURES[0],
        '--pack',
        '@motcua/vn/pack',
        '--out',
        out,
      ]);
      assert.equal(result.code, 0, result.stderr);
      assert.ok(existsSync(join(out, 'birth-registration.js')));
      const version = spawn(['packages/cli/bin/motcua.js', '--version']);
      assert.equal(
        version.stdout,
        `${readJson<{ version: string }>(join(root, 'packages/cli/package.json')).version}\n`,
      );
    },
  );
});
