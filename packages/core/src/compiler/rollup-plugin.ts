import { basename } from 'node:path';
import { type CompileOptions, compileToModule } from './module.js';

/** The part of a Rollup plugin this is: works in Rollup, Vite and @web/dev-server (`fromRollup`). */
export interface ProcedurePlugin {
  name: string;
  transform(code: string, id: string): Promise<{ code: string; map: null } | null>;
}

/** Options of {@link motcuaProcedures}. */
export interface ProcedurePluginOptions extends Omit<CompileOptions, 'source'> {
  /** Which files to compile; `*.procedure.json` by default. */
  include?: RegExp;
}

/**
 * A Rollup plugin that lets code `import` a `*.procedure.json` file as the compiled procedure
 * module (see `compileToModule`). In @web/dev-server, wrap it with `fromRollup` and serve the
 * files as JavaScript: `mimeTypes: { '**\/*.procedure.json': 'js' }`.
 *
 * @example
 * // rollup.config.mjs
 * import { motcuaProcedures } from '@motcua/core/compiler';
 * export default { input: 'src/app.js', plugins: [motcuaProcedures({ packs: [vn] })] };
 */
export function motcuaProcedures(options: ProcedurePluginOptions = {}): ProcedurePlugin {
  const include = options.include ?? /\.procedure\.json$/;
  return {
    name: 'motcua-procedures',
    async transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!include.test(file)) return null;
      return {
        code: await compileToModule(code, { ...options, source: basename(file) }),
        map: null,
      };
    },
  };
}
