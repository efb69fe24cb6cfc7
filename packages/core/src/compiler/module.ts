import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildFailure, type BuildResult, type Message, type Plugin, build } from 'esbuild';
import { MotcuaError } from '../errors.js';
import * as runtimeExports from '../index.js';
import type { FieldDefinition, ProcedureDefinition } from '../definition.js';
import type { Pack } from '../formats.js';
import { isLocalized } from '../judging.js';
import type { InputMode, TextsOverlay } from '../procedure.js';
import { standaloneValidators } from './ajv.js';
import { type LoadOptions, checkDefinition } from './load.js';

/** Options of {@link compileToModule}. */
export interface CompileOptions extends Omit<LoadOptions, 'clock'> {
  /** Where the module imports the runtime from; `@motcua/core` by default. */
  coreSpecifier?: string;
  /** Minify the output (whitespace and syntax); the definition stays data. */
  minify?: boolean;
  /**
   * Bundle the packs' code into the output instead of importing each pack's `module`, so the
   * module imports nothing but the runtime: for pages without a bundler, where a bare specifier
   * such as `@motcua/vn/pack` cannot load. An `@motcua/core` import inside pack code stays an
   * import of the runtime (`coreSpecifier`, or the page's own with `shareRuntime`), so the page
   * keeps one copy of it.
   */
  bundlePacks?: boolean;
  /**
   * Where each pack's `module` is resolved from when `bundlePacks` is set: the current working
   * directory by default. An absolute path in `module` needs none.
   */
  resolveDir?: string;
  /**
   * Run on the engine the page already has, when it has one: the module looks up the runtime
   * that `<motcua-procedure>` registers under `globalThis[Symbol.for('motcua.runtime@1')]` and
   * imports `coreSpecifier` only when there is none (a top-level `await import()`). So a page
   * that bundles the elements and sets `src` loads no second copy of the engine. Leave it off
   * for a bundler, which shares the one copy by itself. `bundlePacks` by default.
   */
  shareRuntime?: boolean;
}

/** Options of {@link compileToFiles}. */
export interface CompileFilesOptions extends CompileOptions {
  /**
   * Put the checks (Ajv's validators and the packs' code) in a chunk of their own beside the
   * module, `<id>.checks-<hash>.js`, which the module imports when `procedure.load()` is first
   * called: a page's runtime calls it once the first page is drawn, so the first input waits for
   * the definition alone. The definition's texts in other locales than Vietnamese go with the
   * checks too (a page in English loads them before it draws). The module keeps the keyboard
   * (`inputMode`) of each pack format used. So does what no page needs before it judges: the
   * module's `definition` holds `id`, `version`, `title`, `steps`, `timeZone` and `card`, and the
   * fees, papers, rules, legal basis, keywords and the rest are put back by `load()`.
   */
  split?: boolean;
}

/** What {@link compileToFiles} makes: the module, and its checks' chunk when split. */
export interface CompiledFiles {
  /** The module a page imports: it default-exports the `Procedure`. */
  code: string;
  /** The chunk the module imports by `import()`, to be written beside it under `file`. */
  checks?: { file: string; code: string };
}

/**
 * The global under which the elements register the runtime for modules that share it. The
 * number is the contract: the definition's shape, `createProcedure`'s signature and the names
 * `@motcua/core` exports to packs. Bump it here and in the elements when one of them breaks, so
 * that an older page runtime is not found and a newer module loads its own, as before.
 */
const RUNTIME_KEY = 'motcua.runtime@1';

/**
 * What a split module's own definition keeps: what lays out the pages before the checks come.
 * The rest goes with the checks, and `load()` puts it back.
 */
const LAID_OUT = new Set(['id', 'version', 'title', 'steps', 'timeZone', 'card']);

const here = dirname(fileURLToPath(import.meta.url));
const VALIDATORS = 'motcua:validators';
const RUNTIME = 'motcua:runtime';
const PACK = /^motcua:pack\/(\d+)$/;
const CORE = '@motcua/core';
const SHARED = 'motcua:shared-runtime';

/**
 * Turns a definition into one self-contained ES module for the page: the definition plus
 * Ajv's standalone validators with their runtime helpers bundled in, default-exporting the
 * same `Procedure` that `loadProcedure` gives in Node. The module holds no `eval`, no
 * `new Function` and no `require`, so it runs under a strict Content-Security-Policy; it imports
 * only the runtime (`@motcua/core`) and the packs it uses, or only the runtime with
 * `bundlePacks`, and with `shareRuntime` only when the page has none.
 *
 * @throws {DefinitionError} exactly as `loadProcedure` does.
 * @throws {MotcuaError} when a pack has no `module`, or its code cannot be bundled.
 * @example
 * const source = await compileToModule(json, { packs: [vn] });
 * await writeFile('dist/birth-registration.js', source);
 */
export async function compileToModule(
  json: unknown,
  options: CompileOptions = {},
): Promise<string> {
  return (await compileToFiles(json, options)).code;
}

/**
 * Like {@link compileToModule}, and with `split` the checks (validators and pack code) are a
 * chunk of their own, named by their content, that the module loads by `import()` when its
 * procedure's `load()` is called: what `motcua build` and the server make for pages.
 *
 * @throws {DefinitionError} exactly as `loadProcedure` does.
 * @throws {MotcuaError} when a pack has no `module`, or its code cannot be bundled.
 * @example
 * const { code, checks } = await compileToFiles(json, { packs: [vn], bundlePacks: true, split: true });
 * await writeFile('dist/birth-registration.js', code);
 * if (checks) await writeFile(`dist/${checks.file}`, checks.code);
 */
export async function compileToFiles(
  json: unknown,
  options: CompileFilesOptions = {},
): Promise<CompiledFiles> {
  const definition = checkDefinition(json, options);
  const { source: validatorSource, names } = standaloneValidators(definition);
  const packs = options.packs ?? [];
  const bundlePacks = options.bundlePacks ?? false;
  const shareRuntime = options.shareRuntime ?? bundlePacks;
  const packModules = packs.map((pack) => {
    if (!pack.module) {
      throw new MotcuaError(
        bundlePacks
          ? `compileToModule: pack "${pack.name}" has no "module" specifier, so its code cannot be found to bundle; set pack.module to the package name or path of the module that exports it`
          : `compileToModule: pack "${pack.name}" has no "module" specifier, so the compiled procedure cannot import it; set pack.module (e.g. "@motcua/${pack.name}/pack")`,
      );
    }
    return pack.module;
  });
  const core = options.coreSpecifier ?? CORE;
  const packImports = packModules.map((specifier, index) => {
    // Bundled packs are imported through a name of our own, resolved below from `resolveDir`:
    // the entry itself resolves from here, where Ajv's runtime is found.
    const from = bundlePacks ? `motcua:pack/${index}` : specifier;
    return `import * as pack${index}Module from ${JSON.stringify(from)};\nconst pack${index} = pack${index}Module.pack ?? pack${index}Module.default;`;
  });
  const validators = `{${[...names].map(([key, name]) => `${JSON.stringify(key)}: compiled.${name}`).join(', ')}}`;
  const packList = `[${packs.map((_, i) => `pack${i}`).join(', ')}]`;
  const resolveDir = resolve(options.resolveDir ?? process.cwd());
  const plugin = (chunk?: string) =>
    procedurePlugin({
      core,
      bundlePacks,
      shareRuntime,
      packs,
      packModules,
      resolveDir,
      validatorSource,
      chunk,
    });
  const bundle = (entry: string, chunk?: string) =>
    bundleEntry(entry, definition.id, options, resolveDir, plugin(chunk));

  if (!options.split) {
    const code = await bundle(
      [
        `import * as compiled from ${JSON.stringify(VALIDATORS)};`,
        `import { createProcedure } from ${JSON.stringify(RUNTIME)};`,
        ...packImports,
        `export const definition = ${JSON.stringify(definition)};`,
        `export const validators = ${validators};`,
        `export default createProcedure(definition, { validators, packs: ${packList} });`,
      ].join('\n'),
    );
    return { code: banner(definition) + code };
  }

  // The texts in other locales than Vietnamese come with the checks: a Vietnamese page's first
  // input does not wait for English, and an English page awaits load() before it draws.
  const vietnamese = structuredClone(definition);
  const texts: { [locale: string]: TextsOverlay } = {};
  for (const locale of otherLocales(vietnamese)) {
    const taken = splitTexts(vietnamese, locale);
    if (taken !== undefined) texts[locale] = taken;
  }
  // So does what no page needs before it judges (fees, papers, rules, legal basis…): the
  // module keeps what lays out the pages.
  const laidOut: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(vietnamese)) {
    (LAID_OUT.has(key) ? laidOut : rest)[key] = value;
  }
  const checksCode =
    `// ${definition.id}: its checks (validators, pack code, the rest of its definition, texts in other locales), loaded by its module. Do not edit.\n` +
    (await bundle(
      [
        `import * as compiled from ${JSON.stringify(VALIDATORS)};`,
        ...packImports,
        `export const validators = ${validators};`,
        `export const packs = ${packList};`,
        `export const texts = ${JSON.stringify(texts)};`,
        `export const definition = ${JSON.stringify(rest)};`,
      ].join('\n'),
    ));
  const hash = createHash('sha256').update(checksCode).digest('hex').slice(0, 12);
  const file = `${definition.id}.checks-${hash}.js`;
  const code = await bundle(
    [
      `import { createProcedure } from ${JSON.stringify(RUNTIME)};`,
      `export const definition = ${JSON.stringify(laidOut)};`,
      `export default createProcedure(definition, { checks: () => import(${JSON.stringify(`./${file}`)}), inputModes: ${JSON.stringify(inputModesOf(definition, packs))} });`,
    ].join('\n'),
    `./${file}`,
  );
  return { code: banner(definition) + code, checks: { file, code: checksCode } };
}

function banner(definition: ProcedureDefinition): string {
  return `// ${definition.id} ${definition.version}: made by motcua compileToModule from the procedure definition. Do not edit; edit the definition.\n`;
}

/** The keyboard of each pack format the definition's fields (and row fields) use. */
function inputModesOf(
  definition: ProcedureDefinition,
  packs: readonly Pack[],
): Record<string, InputMode> {
  const used = new Set<string>();
  const visit = (field: FieldDefinition) => {
    used.add(field.format ?? field.type);
    field.fields?.forEach(visit);
  };
  for (const step of definition.steps) step.fields.forEach(visit);
  const modes: Record<string, InputMode> = {};
  for (const pack of packs) {
    for (const [name, format] of Object.entries(pack.formats ?? {})) {
      if (used.has(name) && format.inputMode) modes[name] = format.inputMode;
    }
  }
  return modes;
}

async function bundleEntry(
  entry: string,
  id: string,
  options: CompileOptions,
  resolveDir: string,
  plugin: Plugin,
): Promise<string> {
  let result: BuildResult<{ write: false }>;
  try {
    result = await build({
      stdin: { contents: entry, resolveDir: here, sourcefile: 'procedure.js', loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: options.minify ?? false,
      legalComments: 'none',
      // Keep Vietnamese text as written: readable, and smaller than \u escapes.
      charset: 'utf8',
      logLevel: 'silent',
      // Paths in esbuild's comments and messages are relative to this.
      absWorkingDir: resolveDir,
      plugins: [plugin],
    });
  } catch (error) {
    const failures = (error as Partial<BuildFailure>).errors;
    if (!failures) throw error;
    throw new MotcuaError(
      `compileToModule: ${id} could not be bundled:\n${failures.map(describe).join('\n')}`,
      { cause: error },
    );
  }
  return result.outputFiles[0]?.text ?? '';
}

interface PluginOptions {
  core: string;
  bundlePacks: boolean;
  shareRuntime: boolean;
  packs: readonly Pack[];
  packModules: readonly string[];
  resolveDir: string;
  validatorSource: string;
  /** The checks' chunk the module imports (`./<id>.checks-<hash>.js`): left as it is. */
  chunk?: string | undefined;
}

/**
 * The module that stands for `@motcua/core` when the runtime is shared: the page's runtime, or
 * the one at `core` when the page has none. Each export is a pure call, so esbuild keeps only
 * the names the entry and the packs use.
 */
function sharedRuntime(core: string): string {
  return [
    `const runtime = globalThis[Symbol.for(${JSON.stringify(RUNTIME_KEY)})] ?? (await import(${JSON.stringify(core)}));`,
    'const pick = (name) => runtime[name];',
    ...Object.keys(runtimeExports).map(
      (name) => `export const ${name} = /* @__PURE__ */ pick(${JSON.stringify(name)});`,
    ),
  ].join('\n');
}

/**
 * Resolves the entry's own imports: the validators (made in memory), the runtime (always
 * external, behind the page's own with `shareRuntime`), and the packs, external or, with
 * `bundlePacks`, bundled from `resolveDir` with every `@motcua/core` import inside them pointed
 * at the runtime.
 */
function procedurePlugin(options: PluginOptions): Plugin {
  const {
    core,
    bundlePacks,
    shareRuntime,
    packs,
    packModules,
    resolveDir,
    validatorSource,
    chunk,
  } = options;
  const runtime = shareRuntime
    ? { path: SHARED, namespace: 'motcua' }
    : { path: core, external: true };
  return {
    name: 'motcua-procedure',
    setup(esbuild) {
      esbuild.onResolve({ filter: /.*/ }, async (args) => {
        if (args.importer === SHARED) return { path: core, external: true };
        if (chunk !== undefined && args.path === chunk) return { path: chunk, external: true };
        if (args.path === RUNTIME) return runtime;
        if (args.path === VALIDATORS) return { path: VALIDATORS, namespace: 'motcua' };
        if (!bundlePacks) {
          return packModules.includes(args.path) ? { path: args.path, external: true } : undefined;
        }
        if (args.path === CORE) return runtime;
        if (args.path.startsWith(`${CORE}/`)) {
          return {
            errors: [
              {
                text: `pack code imports "${args.path}", which is not part of the runtime a page loads; import from "${CORE}" instead`,
              },
            ],
          };
        }
        const pack = PACK.exec(args.path);
        if (!pack) return undefined;
        const index = Number(pack[1]);
        const specifier = packModules[index] as string;
        const resolved = await esbuild.resolve(specifier, { kind: 'import-statement', resolveDir });
        if (resolved.errors.length === 0) {
          return { path: resolved.path, namespace: resolved.namespace };
        }
        return {
          errors: [
            {
              text: `cannot find the module "${specifier}" of pack "${packs[index]?.name}" from ${resolveDir}; install it there, or set pack.module to its path (or compile with resolveDir set to where it is installed)`,
            },
          ],
        };
      });
      esbuild.onLoad({ filter: /.*/, namespace: 'motcua' }, (args) => ({
        contents: args.path === SHARED ? sharedRuntime(core) : validatorSource,
        loader: 'js',
        resolveDir: here,
      }));
    },
  };
}

/**
 * One esbuild error as `file:line:column: text`, the way editors link to it; without a place
 * when it is in the entry made here, which the author never sees.
 */
function describe(message: Message): string {
  const location = message.location;
  const where =
    location && !location.lineText.includes('"motcua:')
      ? `${location.file}:${location.line}:${location.column + 1}: `
      : '';
  return `  ${where}${message.text}`;
}

/**
 * Takes every text of `locale` out of a definition (changed in place), for the procedure's `load()` to
 * put back: what `motcua build` does to English, which then loads with the checks.
 *
 * @example
 * const english = splitTexts(definition, 'en'); // definition.title is now { vi: '…' }
 */
export function splitTexts(definition: object, locale: string): TextsOverlay | undefined {
  const take = (value: unknown): TextsOverlay | undefined => {
    if (Array.isArray(value)) {
      const taken = value.map(take);
      return taken.some((item) => item !== undefined)
        ? taken.map((item) => item ?? null)
        : undefined;
    }
    if (value === null || typeof value !== 'object') return undefined;
    if (isLocalized(value)) {
      const text = value[locale];
      delete value[locale];
      return text;
    }
    let taken: { [key: string]: TextsOverlay } | undefined;
    for (const [key, item] of Object.entries(value)) {
      const part = take(item);
      if (part !== undefined) (taken ??= {})[key] = part;
    }
    return taken;
  };
  return take(definition);
}

/** The locales other than Vietnamese that the definition's texts are written in. */
function otherLocales(definition: object): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      if (isLocalized(value)) for (const locale of Object.keys(value)) found.add(locale);
      else Object.values(value).forEach(visit);
    }
  };
  visit(definition);
  found.delete('vi');
  return [...found].sort();
}
