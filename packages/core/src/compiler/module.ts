import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { MotcuaError } from '../errors.js';
import { standaloneValidators } from './ajv.js';
import { type LoadOptions, checkDefinition } from './load.js';

/** Options of {@link compileToModule}. */
export interface CompileOptions extends Omit<LoadOptions, 'clock'> {
  /** Where the module imports the runtime from; `@motcua/core` by default. */
  coreSpecifier?: string;
  /** Minify the output (whitespace and syntax); the definition stays data. */
  minify?: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));
const VALIDATORS = 'motcua:validators';

/**
 * Turns a definition into one self-contained ES module for the page: the definition plus
 * Ajv's standalone validators with their runtime helpers bundled in, default-exporting the
 * same `Procedure` that `loadProcedure` gives in Node. The module holds no `eval`, no
 * `new Function` and no `require`, so it runs under a strict Content-Security-Policy; it imports
 * only the runtime (`@motcua/core`) and the packs it uses.
 *
 * @throws {DefinitionError} exactly as `loadProcedure` does.
 * @example
 * const source = await compileToModule(json, { packs: [vn] });
 * await writeFile('dist/birth-registration.js', source);
 */
export async function compileToModule(
  json: unknown,
  options: CompileOptions = {},
): Promise<string> {
  const definition = checkDefinition(json, options);
  const { source: validatorSource, names } = standaloneValidators(definition);
  const packs = options.packs ?? [];
  const packImports = packs.map((pack, index) => {
    if (!pack.module) {
      throw new MotcuaError(
        `compileToModule: pack "${pack.name}" has no "module" specifier, so the compiled procedure cannot import it; set pack.module (e.g. "@motcua/${pack.name}/pack")`,
      );
    }
    return `import * as pack${index}Module from ${JSON.stringify(pack.module)};\nconst pack${index} = pack${index}Module.pack ?? pack${index}Module.default;`;
  });
  const core = options.coreSpecifier ?? '@motcua/core';
  const entry = [
    `import * as compiled from ${JSON.stringify(VALIDATORS)};`,
    `import { createProcedure } from ${JSON.stringify(core)};`,
    ...packImports,
    `export const definition = ${JSON.stringify(definition)};`,
    `export const validators = {${[...names].map(([key, name]) => `${JSON.stringify(key)}: compiled.${name}`).join(', ')}};`,
    `export default createProcedure(definition, { validators, packs: [${packs.map((_, i) => `pack${i}`).join(', ')}] });`,
  ].join('\n');

  const result = await build({
    stdin: { contents: entry, resolveDir: here, sourcefile: 'procedure.js', loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: [core, ...packs.map((pack) => pack.module as string)],
    minify: options.minify ?? false,
    legalComments: 'none',
    // Keep Vietnamese text as written: readable, and smaller than \u escapes.
    charset: 'utf8',
    logLevel: 'silent',
    plugins: [
      {
        name: 'motcua-validators',
        setup(esbuild) {
          esbuild.onResolve({ filter: /^motcua:validators$/ }, () => ({
            path: VALIDATORS,
            namespace: 'motcua',
          }));
          esbuild.onLoad({ filter: /.*/, namespace: 'motcua' }, () => ({
            contents: validatorSource,
            loader: 'js',
            resolveDir: here,
          }));
        },
      },
    ],
  });
  const banner = `// ${definition.id} ${definition.version}: made by motcua compileToModule from the procedure definition. Do not edit; edit the definition.\n`;
  return banner + (result.outputFiles[0]?.text ?? '');
}
