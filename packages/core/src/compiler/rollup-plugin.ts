import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type CompileOptions, compileToModule } from './module.js';

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
  const { include: _include, underFileName = false, ...compileOptions } = options;
  const compile = async (json: string, file: string) => ({
    code: await compileToModule(json, { ...compileOptions, source: basename(file) }),
    map: null,
  });
  const wanted = (id: string): string | undefined => {
    const [file = '', query = ''] = id.split('?');
    return include.test(file) && !FILE_QUERY.test(query) ? file : undefined;
  };

  return {
    name: 'motcua-procedures',
    enforce: 'pre',

    async resolveId(source, importer, resolveOptions) {
      if (underFileName) return null;
      if (fileOf(source) !== undefined) return source;
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
      const file = fileOf(id);
      if (file === undefined) return null;
      this.addWatchFile(file);
      return compile(await readFile(file, 'utf8'), file);
    },

    // For hosts that load the file under its own name without asking `resolveId` first.
    async transform(code, id) {
      if (id.startsWith(PREFIX)) return null;
      const file = wanted(id);
      return file === undefined ? null : compile(code, file);
    },
  };
}
