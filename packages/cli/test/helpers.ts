import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type CliIo, run as motcua } from '@motcua/cli';

/** The repository root: `--pack @motcua/vn/pack` resolves from here, as in an app. */
export const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * core's own source entry as a file URL: what the built modules import as their runtime, so
 * that importing them here (under tsx) runs the very engine `loadProcedure` runs.
 */
export const runtime = import.meta.resolve('@motcua/core');

/** The Vietnam pack as a file URL, for builds run in a temporary folder. */
export const vnPack = import.meta.resolve('@motcua/vn/pack');

/** The real procedures, relative to the root, with the cases file beside each. */
export const PROCEDURES = [
  'examples/procedures/birth-registration.procedure.json',
  'packages/vn/procedures/permanent-residence.procedure.json',
  'packages/vn/procedures/criminal-record.procedure.json',
  // Any procedure added to the Vietnam pack is held to the same tests.
  ...readdirSync(join(root, 'packages/vn/procedures'))
    .filter((file) => file.endsWith('.procedure.json'))
    .filter((file) => !['permanent-residence', 'criminal-record'].includes(file.split('.')[0]!))
    .sort()
    .map((file) => `packages/vn/procedures/${file}`),
] as const as readonly [string, string, string, ...string[]];

/** A fresh temporary folder, removed when the test file is done. */
export function temporaryFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function readJson<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** What one run of `motcua` said, and its exit code. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** stderr, one line an item, without the trailing empty line. */
  errors: string[];
}

/** Runs `motcua` in-process, as the command line would in `cwd`. */
export async function run(argv: readonly string[], io: CliIo = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await motcua(argv, {
    cwd: root,
    ...io,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr, errors: stderr.split('\n').filter((line) => line !== '') };
}

/** The module specifiers a built module imports or re-exports from, each once. */
export function importsOf(source: string): string[] {
  const found = [
    ...source.matchAll(/\b(?:import|export)\b[^'"`;]*?\bfrom\s*["']([^"']+)["']/g),
    ...source.matchAll(/\bimport\s*["']([^"']+)["']/g),
    ...source.matchAll(/\bimport\s*\(\s*["']([^"']+)["']/g),
  ];
  return [...new Set(found.map((match) => match[1] as string))];
}

/** Polls until `check` gives a value, for file-system changes that arrive a little later. */
export async function until<T>(
  check: () => T | undefined | false,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
