import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { type CompileOptions, compileToFiles } from './module.js';

/**
 * The part of a Rollup plugin this is: works in Rollup, Vite (dev and build) and @web/dev-server
 * (`fromRollup`).
 */
export interface ProcedurePlugin {
  name: string;
  /** Vite: before its own JSON plugin, which would otherwise turn the file into plain data. */
  enforce: 'pre';
  /** `this`: the part of Rollup's and Vite's plugin context the hook uses. */
  resolveId(
    this: {
      resolve(
        source: string,
        importer?: string,
        options?: { skipSelf?: boolean },
      ): Promise<{ id: string; external?: boolean | 'absolute' | 'relative' } | null>;
    },
    source: string,
    importer: string | undefined,
    options?: object,
  ): Promise<string | null>;
  load(
    this: { addWatchFile(id: string): void },
    id: string,
  ): Promise<{ code: string; map: null } | null>;
  transform(code: string, id: string): Promise<{ code: string; map: null } | null>;
}

/** Options of {@link motcuaProcedures}. */
export interface ProcedurePluginOptions extends Omit<CompileOptions, 'source'> {
  /** Which files to compile; `*.procedure.json` by default. */
  include?: RegExp;
  /**
   * Split each procedure as `motcua build` does (see `compileToFiles`): the module holds what
   * lays out the pages, and its checks (validators, pack code, the rest of the definition, texts
   * in other locales) are a chunk of the bundle that the module imports when `procedure.load()`
   * is first called. `<motcua-procedure>` calls it once the first page is drawn, so the first
   * input waits for less; code that judges answers itself awaits `procedure.load()` first. Off by
   * default; not with `underFileName`, whose host cannot serve the chunk.
   */
  split?: boolean;
  /**
   * Compile the file under its own name, in `transform`, instead of serving the module under an
   * id of its own. For @web/dev-server's `fromRollup`, which cannot serve such an id back (it
   * asks for `….procedure.json.js.js` and gets a 404); set its `mimeTypes` so that
   * `'**\/*.procedure.json'` is served as `'js'`. Not for Vite, whose JSON plugin would then run
   * on the compiled module.
   */
  underFileName?: boolean;
}

// A definition is served under an id of its own, `\0motcua-procedure:<file>.js`, not under its
// file name. Vite's JSON plugin transforms every id matching `.json` or `.json?…`, also after a
// `pre` plugin compiled it ("not valid JSON … export con…"), and Vite's dev server skips import
// analysis for such ids, so `import … from '@motcua/core'` would reach the browser unresolved.
// The `\0` prefix keeps other plugins (node-resolve, the file system loader) off the id; the `.js`
// ending makes Vite treat it as JavaScript. Seen with Vite 7.3 and Rollup 4.68.
const PREFIX = '\0motcua-procedure:';
const SUFFIX = '.js';
// A split procedure's checks: `\0motcua-checks:<folder of the definition>/<id>.checks-<hash>.js`.
const CHECKS = '\0motcua-checks:';
const CHECKS_FILE = /^\.\/[\w.-]+\.checks-[0-9a-f]{12}\.js$/;
// Queries that ask for the file itself rather than the module (Vite's `?raw` and `?url`, workers).
const FILE_QUERY = /(?:^|&)(?:raw|url|inline|worker|sharedworker)(?:&|=|$)/;

function fileOf(id: string): string | undefined {
  if (!id.startsWith(PREFIX)) return undefined;
  const path = id.slice(PREFIX.length).split('?')[0] ?? '';
  return path.endsWith(SUFFIX) ? path.slice(0, -SUFFIX.length) : undefined;
}

/**
 * A Rollup and Vite plugin that lets code `import` a `*.procedure.json` file as the compiled
 * procedure module (see `compileToModule`). The module imports `@motcua/core` by name, resolved
 * by the bundler like every other import of it, so the procedure runs on the same copy of the
 * engine as the page's elements. Saving the definition rebuilds the module (Rollup's watch mode,
 * Vite's dev server).
 *
 * In @web/dev-server, wrap it with `fromRollup`.
 *
 * @example
 * // vite.config.ts (or rollup.config.mjs: `plugins: [motcuaProcedures({ packs: [vn] })]`)
 * import { motcuaProcedures } from '@motcua/core/compiler';
 * import { pack as vn } from '@motcua/vn/pack';
 * export default { plugins: [motcuaProcedures({ packs: [vn] })] };
 */
export function motcuaProcedures(options: ProcedurePluginOptions = {}): ProcedurePlugin {
  const include = options.include ?? /\.procedure\.json$/;
  const { include: _include, underFileName = false, split = false, ...compileOptions } = options;
  /** The checks of each split module, by their id, and the definition each came from. */
  const checks = new Map<string, { code: string; file: string }>();
  const compile = async (json: string, file: string, splitting = false) => {
    const compiled = await compileToFiles(json, {
      ...compileOptions,
      source: basename(file),
      split: splitting,
    });
    if (compiled.checks) {
      checks.set(`${CHECKS}${dirname(file)}/${compiled.checks.file}`, {
        code: compiled.checks.code,
        file,
      });
    }
    return { code: compiled.code, map: null };
  };
  const wanted = (id: string): string | undefined => {
    const [file = '', query = ''] = id.split('?');
    return include.test(file) && !FILE_QUERY.test(query) ? file : undefined;
  };

  return {
    name: 'motcua-procedures',
    enforce: 'pre',

    async resolveId(source, importer, resolveOptions) {
      if (underFileName) return null;
      if (fileOf(source) !== undefined || source.startsWith(CHECKS)) return source;
      // A split module's `import('./<id>.checks-<hash>.js')`, beside its definition.
      const from = importer === undefined ? undefined : fileOf(importer);
      if (from !== undefined && CHECKS_FILE.test(source)) {
        return `${CHECKS}${dirname(from)}/${source.slice(2)}`;
      }
      const file = wanted(source);
      if (file === undefined) return null;
      // The definition file itself, as the module's watched file (below): left to the bundler,
      // so that an edit to it reaches the module that was compiled from it.
      if (importer !== undefined && fileOf(importer) !== undefined) return null;
      const resolved = await this.resolve(file, importer, { ...resolveOptions, skipSelf: true });
      if (!resolved || resolved.external) return null;
      return `${PREFIX}${resolved.id.split('?')[0]}${SUFFIX}`;
    },

    async load(id) {
      if (id.startsWith(CHECKS)) {
        const compiled = checks.get(id);
        if (!compiled) return null;
        this.addWatchFile(compiled.file);
        return { code: compiled.code, map: null };
      }
      const file = fileOf(id);
      if (file === undefined) return null;
      this.addWatchFile(file);
      return compile(await readFile(file, 'utf8'), file, split);
    },

    // For hosts that load the file under its own name without asking `resolveId` first.
    async transform(code, id) {
      if (id.startsWith(PREFIX)) return null;
      const file = wanted(id);
      return file === undefined ? null : compile(code, file);
    },
  };
}
