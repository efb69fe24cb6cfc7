import { createHash } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Pack } from '@motcua/core';
import { DefinitionError, MotcuaError, compileToFiles } from '@motcua/core/compiler';

/** Options of {@link build} and {@link watch}. */
export interface BuildOptions {
  /** The definition files (`*.procedure.json`), relative to `cwd`. */
  files: readonly string[];
  /** Where the modules and `manifest.json` are written, relative to `cwd`; made if missing. */
  outDir: string;
  /** What the modules import the runtime from: `@motcua/core` by default. */
  runtime?: string;
  /**
   * The packs the definitions use. A string is a module specifier resolved from `cwd` (a package
   * such as `@motcua/vn/pack`, or a path starting with `./`): it is imported here to check the
   * definitions and bundled into every module. A pack object is bundled from its `module`.
   */
  packs?: readonly (string | Pack)[];
  /** Name modules `<id>.<hash>.js` after their content, so they can be cached forever. */
  hash?: boolean;
  /** Minify the modules; `true` by default. */
  minify?: boolean;
  /**
   * Put each module's checks (validators and pack code) in a chunk of its own beside it,
   * `<id>.checks-<hash>.js`, loaded once the page's first page is drawn; `true` by default.
   * `false` makes one self-contained module per procedure.
   */
  split?: boolean;
  /** Where relative paths and pack specifiers start: the current working directory by default. */
  cwd?: string;
}

/**
 * Something wrong with one definition file, as data. Printed by {@link formatProblem} as
 * `file: /pointer: message`, or `file:line:column: message` for a JSON syntax error.
 */
export interface Problem {
  /** The definition file, relative to `cwd`. */
  file: string;
  /** A JSON Pointer into the definition, as in `DefinitionError.issues`; `''` is the whole. */
  pointer?: string;
  line?: number;
  column?: number;
  /** What is wrong and how to fix it. */
  message: string;
}

/** A definition that became a module. */
export interface BuiltProcedure {
  ok: true;
  /** The definition file, relative to `cwd`, with `/` separators. */
  source: string;
  id: string;
  version: string;
  /** The module's file name in the output folder. */
  file: string;
  /** The module's full path. */
  path: string;
  /** The content hash in the file name, with `hash` only. */
  hash?: string;
  /** The module's size in bytes. */
  bytes: number;
  /** The checks' chunk written beside the module (`<id>.checks-<hash>.js`), when split. */
  checks?: string;
}

/** A definition that could not be built; nothing was written for it. */
export interface FailedProcedure {
  ok: false;
  source: string;
  problems: Problem[];
}

export type ProcedureResult = BuiltProcedure | FailedProcedure;

/** One procedure in `manifest.json`. */
export interface ManifestEntry {
  /** The module's file name, beside `manifest.json`. */
  file: string;
  /** The definition's `version`. */
  version: string;
  /** The content hash in the file name, when built with `hash`. */
  hash?: string;
  /** The definition file it was built from, relative to where the build ran. */
  source: string;
  /**
   * What a page that loads this procedure by `src` puts in its `<head>` as
   * `<link rel="modulepreload" href="…">` (each path relative to `manifest.json`, to be made
   * relative to the page): the module itself, and the runtime when the module imports it by a
   * relative path (`--runtime ./motcua.js`). The browser then fetches and compiles the module
   * while the runtime starts, instead of after the element asks for it.
   */
  modulepreload: string[];
}

/** `manifest.json`: procedure id → its current module, so a portal finds hashed names. */
export type Manifest = Record<string, ManifestEntry>;

/** What {@link build} did. */
export interface BuildReport {
  /** One result per definition file, in the order given. */
  results: ProcedureResult[];
  /** The manifest as written (unchanged when nothing was built). */
  manifest: Manifest;
  /** Where `manifest.json` is. */
  manifestPath: string;
}

/** Hex digits of the SHA-256 in a hashed file name: 48 bits, so no collision in practice. */
const HASH_LENGTH = 12;
const MANIFEST = 'manifest.json';

/**
 * Builds each definition file into one self-contained ES module in `outDir`: `<id>.js`, or
 * `<id>.<hash>.js` with `hash`. Pack code is bundled in; only the runtime stays an import.
 * Every file is built and every problem reported, not only the first; nothing is written for a
 * file with problems. `manifest.json` is updated with every procedure built.
 *
 * @throws {MotcuaError} when a pack cannot be loaded or the output folder cannot be written;
 *   problems in definitions are results, not exceptions.
 * @example
 * const { results } = await build({
 *   files: ['procedures/birth-registration.procedure.json'],
 *   outDir: 'public/procedures',
 *   packs: ['@motcua/vn/pack'],
 *   runtime: './motcua.js',
 *   hash: true,
 * });
 * for (const result of results) if (!result.ok) console.error(result.problems.map(formatProblem));
 */
export async function build(options: BuildOptions): Promise<BuildReport> {
  const builder = await createBuilder(options);
  const compiled = await Promise.all(builder.sources.map((source) => builder.compile(source)));
  const results = await builder.write(settle(compiled));
  return { results, ...(await builder.writeManifest(results)) };
}

/**
 * `file: /pointer: message`, or `file:line:column: message`: one line, as editors link to it.
 *
 * @example
 * formatProblem({ file: 'x.procedure.json', pointer: '/steps/0/title', message: 'is missing' });
 * // 'x.procedure.json: /steps/0/title: is missing'
 */
export function formatProblem(problem: Problem): string {
  if (problem.line !== undefined) {
    return `${problem.file}:${problem.line}:${problem.column ?? 1}: ${problem.message}`;
  }
  if (problem.pointer !== undefined) {
    // As DefinitionError prints it: the whole definition is "/".
    return `${problem.file}: ${problem.pointer || '/'}: ${problem.message}`;
  }
  return `${problem.file}: ${problem.message}`;
}

/** A definition compiled in memory, not yet written. */
export interface CompiledProcedure {
  ok: true;
  source: string;
  id: string;
  version: string;
  code: string;
  /** The checks' chunk the module imports, when split. */
  checks?: { file: string; code: string };
}

export type Compiled = CompiledProcedure | FailedProcedure;

/** The steps of a build, shared by {@link build} and `watch`. */
export interface Builder {
  cwd: string;
  outDir: string;
  /** The definition files, relative to `cwd` with `/` separators, each once. */
  sources: string[];
  /** Reads, checks and compiles one definition file. */
  compile(source: string): Promise<Compiled>;
  /** Writes the compiled modules; `previous` names files this process wrote before, to replace. */
  write(compiled: readonly Compiled[], previous?: Map<string, string>): Promise<ProcedureResult[]>;
  writeManifest(results: readonly ProcedureResult[]): Promise<Omit<BuildReport, 'results'>>;
}

/**
 * Loads the packs; then definitions can be compiled and written. The output folder is made on
 * the first write.
 */
export async function createBuilder(options: BuildOptions): Promise<Builder> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const outDir = resolve(cwd, options.outDir);
  const packs: Pack[] = [];
  for (const entry of options.packs ?? []) {
    const pack = typeof entry === 'string' ? await loadPack(entry, cwd) : entry;
    if (!packs.some((other) => other.module === pack.module)) packs.push(pack);
  }
  const sources = [...new Set(options.files.map((file) => displayPath(cwd, resolve(cwd, file))))];
  const hash = options.hash ?? false;

  return {
    cwd,
    outDir,
    sources,
    async compile(source) {
      const text = await readDefinition(resolve(cwd, source), source, cwd);
      if (typeof text !== 'string') return text;
      const parsed = parseJson(text, source);
      if (!('value' in parsed)) return parsed;
      try {
        const { code, checks } = await compileToFiles(parsed.value, {
          packs,
          bundlePacks: true,
          resolveDir: cwd,
          coreSpecifier: options.runtime ?? '@motcua/core',
          minify: options.minify ?? true,
          split: options.split ?? true,
          source,
        });
        const { id, version } = parsed.value as { id: string; version: string };
        return { ok: true, source, id, version, code, ...(checks && { checks }) };
      } catch (error) {
        if (error instanceof DefinitionError) {
          return {
            ok: false,
            source,
            problems: error.issues.map((issue) => ({ file: source, ...issue })),
          };
        }
        if (error instanceof MotcuaError) {
          return { ok: false, source, problems: [{ file: source, message: error.message }] };
        }
        throw error;
      }
    },
    async write(compiled, previous) {
      const results: ProcedureResult[] = [];
      // Made only when there is something to put in it: a failed build leaves no trace.
      if (compiled.some((item) => item.ok)) await makeFolder(outDir, options.outDir);
      for (const item of compiled) {
        if (!item.ok) {
          results.push(item);
          continue;
        }
        const digest = hash
          ? createHash('sha256').update(item.code).digest('hex').slice(0, HASH_LENGTH)
          : undefined;
        const file = digest ? `${item.id}.${digest}.js` : `${item.id}.js`;
        const path = join(outDir, file);
        const before = previous?.get(item.source);
        // The module this one replaces: the same name unhashed, or (watching) the last hashed
        // one, which is deleted. Its checks' chunk goes with it; with --hash, modules from
        // earlier builds stay, and so do theirs, for pages that loaded them.
        const replaced = !digest ? file : before !== file ? before : undefined;
        const oldChecks = replaced && (await checksOf(join(outDir, replaced)));
        // The chunk first: a page that loads the new module finds what it imports.
        if (item.checks) await writeAtomically(join(outDir, item.checks.file), item.checks.code);
        await writeAtomically(path, item.code);
        if (before !== undefined && before !== file) {
          await rm(join(outDir, before), { force: true });
        }
        if (oldChecks && oldChecks !== item.checks?.file) {
          await rm(join(outDir, oldChecks), { force: true });
        }
        results.push({
          ok: true,
          source: item.source,
          id: item.id,
          version: item.version,
          file,
          path,
          ...(digest && { hash: digest }),
          bytes: Buffer.byteLength(item.code),
          ...(item.checks && { checks: item.checks.file }),
        });
      }
      return results;
    },
    async writeManifest(results) {
      const manifestPath = join(outDir, MANIFEST);
      const built = results.filter((result): result is BuiltProcedure => result.ok);
      const existing = await readManifest(manifestPath);
      if (built.length === 0) return { manifest: existing, manifestPath };
      const ids = new Set(built.map((result) => result.id));
      const sources = new Set(built.map((result) => result.source));
      const manifest: Manifest = {};
      // Earlier builds' entries stay while their module is there: building one procedure keeps
      // the others, and one that fails now keeps pointing at its last good module. An entry
      // from a definition built now under another id is gone: its id was renamed.
      for (const [id, entry] of Object.entries(existing)) {
        if (ids.has(id) || sources.has(entry.source)) continue;
        if (await isFile(join(outDir, entry.file))) manifest[id] = entry;
      }
      for (const result of built) {
        manifest[result.id] = {
          file: result.file,
          version: result.version,
          ...(result.hash && { hash: result.hash }),
          source: result.source,
          modulepreload: preloadsOf(result.file, options.runtime),
        };
      }
      const sorted = Object.fromEntries(
        Object.entries(manifest).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
      await writeAtomically(manifestPath, `${JSON.stringify(sorted, null, 2)}\n`);
      return { manifest: sorted, manifestPath };
    },
  };
}

/** The checks' chunk a module written earlier imports, if it is there and imports one. */
async function checksOf(path: string): Promise<string | undefined> {
  let code: string;
  try {
    code = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  return /import\(\s*["']\.\/([\w-]+\.checks-[0-9a-f]{12}\.js)["']/.exec(code)?.[1];
}

/**
 * The files a page preloads for a module in the output folder: the module, and a runtime it
 * imports by a relative path (`./motcua.js`, `../motcua.js`), resolved from the output folder.
 * A bare runtime (`@motcua/core`) is the page's bundler's to resolve, so it is not listed.
 */
export function preloadsOf(file: string, runtime: string | undefined): string[] {
  if (!runtime || !/^\.\.?\//.test(runtime)) return [file];
  return [file, posix.normalize(runtime)];
}

/**
 * Turns compiled definitions that share an id into failures: each would be written to the same
 * file. Ids that differ only in case count too, as they name the same file on Windows and macOS.
 */
export function settle(compiled: readonly Compiled[]): Compiled[] {
  const byName = new Map<string, CompiledProcedure[]>();
  for (const item of compiled) {
    if (!item.ok) continue;
    const key = item.id.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), item]);
  }
  return compiled.map((item) => {
    const clash = item.ok ? (byName.get(item.id.toLowerCase()) ?? []) : [];
    if (!item.ok || clash.length < 2) return item;
    const others = clash.filter((other) => other !== item);
    const sameId = others.filter((other) => other.id === item.id);
    const message =
      sameId.length > 0
        ? `the id "${item.id}" is also the id of ${list(sameId.map((other) => other.source))}, and each procedure is written to <id>.js; give each procedure its own "id"`
        : `the id "${item.id}" differs only in case from ${list(others.map((other) => `"${other.id}" in ${other.source}`))}, which is the same file name on Windows and macOS; give each procedure an id that differs in more than case`;
    return {
      ok: false,
      source: item.source,
      problems: [{ file: item.source, pointer: '/id', message }],
    };
  });
}

function list(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Imports a pack in Node, from a module specifier resolved from `cwd`: its export named `pack`,
 * or its default export. The pack's `module` is set to the file imported, so that the very
 * code that checked the definitions is the code bundled into the modules.
 *
 * @throws {MotcuaError} naming the specifier, when it cannot be found, loaded, or exports no pack.
 * @example
 * const vn = await loadPack('@motcua/vn/pack', process.cwd());
 */
export async function loadPack(specifier: string, cwd: string): Promise<Pack> {
  let path: string;
  try {
    const target = specifier.startsWith('file:') ? fileURLToPath(specifier) : specifier;
    // Node's resolution from the working folder, with the conditions Node runs with (such as
    // `--conditions=source`); the pack's own imports then resolve as Node does too.
    path = createRequire(join(cwd, 'noop.js')).resolve(target);
  } catch (error) {
    const relativePath = /^\.{1,2}[\\/]/.test(specifier) || isAbsolute(specifier);
    throw new MotcuaError(
      `pack "${specifier}" cannot be found from ${cwd} (${(error as NodeJS.ErrnoException).code ?? 'not found'}); ` +
        (relativePath
          ? 'check the path: it is relative to the current folder'
          : 'install the package there, or give the path of the pack module, starting with ./'),
      { cause: error },
    );
  }
  let module: { pack?: unknown; default?: unknown };
  try {
    module = (await import(pathToFileURL(path).href)) as typeof module;
  } catch (error) {
    throw new MotcuaError(
      `pack "${specifier}" (${path}) could not be loaded: ${(error as Error).message}; fix the module, or check that it runs in Node`,
      { cause: error },
    );
  }
  const pack = module.pack ?? module.default;
  if (!isPack(pack)) {
    throw new MotcuaError(
      `pack "${specifier}" (${path}) exports no pack; export one as "pack" or as the default export: an object with a "name" and its "formats", "operators" and "messages"`,
    );
  }
  return { ...pack, module: path };
}

function isPack(value: unknown): value is Pack {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string'
  );
}

async function readDefinition(
  path: string,
  source: string,
  cwd: string,
): Promise<string | FailedProcedure> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? `no such file; check the path, which is relative to ${cwd}`
        : code === 'EISDIR'
          ? `is a folder; give the definition files in it, e.g. ${source}/*.procedure.json`
          : `cannot be read (${code ?? (error as Error).message}); check that the file can be read`;
    return { ok: false, source, problems: [{ file: source, message }] };
  }
}

/**
 * Parses JSON, giving a syntax error the line and column editors jump to (Node 20 says only
 * "at position N"). A byte order mark, which some Windows editors add, is not an error.
 */
function parseJson(text: string, source: string): { value: unknown } | FailedProcedure {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { value: JSON.parse(body) };
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : body.length;
    const before = body.slice(0, offset).split(/\r\n|\r|\n/);
    const reason = message
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/ \(line \d+.*\)$/, '');
    return {
      ok: false,
      source,
      problems: [
        {
          file: source,
          line: before.length,
          column: (before[before.length - 1]?.length ?? 0) + 1,
          // The words loadProcedure uses for text that is not JSON.
          message: `not valid JSON (${reason}); check commas, quotes and brackets`,
        },
      ],
    };
  }
}

/** `path` relative to `cwd`, with `/` separators, as printed and put in the manifest. */
function displayPath(cwd: string, path: string): string {
  const shown = relative(cwd, path) || '.';
  return sep === '/' ? shown : shown.split(sep).join('/');
}

async function makeFolder(path: string, given: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MotcuaError(
      code === 'EEXIST' || code === 'ENOTDIR'
        ? `--out ${given} is a file; give a folder to write the modules to`
        : `the output folder ${given} cannot be made (${code ?? (error as Error).message}); check the path and its permissions`,
      { cause: error },
    );
  }
}

/** Writes through a temporary file, so a server never sends a half-written module. */
async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new MotcuaError(
      `cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check that the output folder can be written`,
      { cause: error },
    );
  }
}

async function readManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {};
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter(
        (entry): entry is [string, ManifestEntry] =>
          typeof entry[1] === 'object' &&
          entry[1] !== null &&
          typeof entry[1].file === 'string' &&
          !entry[1].file.includes('/') &&
          !entry[1].file.includes('\\'),
      ),
    );
  } catch {
    // A manifest that is not JSON is rebuilt from this build alone.
    return {};
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Said after the definition problems when one names a format or operator a pack adds and no `--pack` was given. */
export const PACK_HINT =
  'motcua: formats and operators such as vn-personal-id come from packs; add --pack <module> for each pack, e.g. --pack @motcua/vn/pack\n';
