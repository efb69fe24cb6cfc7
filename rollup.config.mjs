// Builds every package in packages/* that has src/index.ts, from its package.json `exports`:
// each export whose `source` condition is a .ts file is bundled as an ES module to its `default`
// path, and its declarations are bundled to its `types` path.
//
// All entries of one package are built together, so code they share (for example the
// `MotcuaError` class) lands in one shared chunk instead of being copied into each entry, which
// would break `instanceof` across entry points.
import { minifyTemplates } from './scripts/minify-templates.mjs';
import { exportMap } from './scripts/package-exports.mjs';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const packagesDir = join(root, 'packages');

/**
 * @typedef {{ name: string, source: string, js?: string, types?: string }} Entry
 * @typedef {{ dir: string, manifest: Record<string, any>, entries: Entry[] }} BuildablePackage
 */

/** @returns {BuildablePackage[]} */
function findPackages() {
  if (!existsSync(packagesDir)) return [];
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(packagesDir, entry.name))
    .filter((dir) => existsSync(join(dir, 'src', 'index.ts')))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .sort()
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { dir, manifest, entries: entriesOf(dir, manifest) };
    })
    .filter((pkg) => pkg.entries.length > 0);
}

/** @returns {Entry[]} */
function entriesOf(dir, manifest) {
  const entries = [];
  for (const [name, target] of Object.entries(exportMap(manifest))) {
    if (!target || typeof target !== 'object') continue;
    const { source, default: js, types } = target;
    if (typeof source !== 'string' || !source.endsWith('.ts')) continue;
    if (typeof js !== 'string' && typeof types !== 'string') continue;
    entries.push({
      name,
      source: inside(dir, source, `${name} "source"`),
      ...(typeof js === 'string' && { js: inside(dir, js, `${name} "default"`) }),
      ...(typeof types === 'string' && { types: inside(dir, types, `${name} "types"`) }),
    });
  }
  return entries;
}

/** Resolves a path from package.json and refuses one that points outside the package. */
function inside(dir, path, what) {
  const full = resolve(dir, path);
  if (!full.startsWith(dir + sep)) {
    throw new Error(
      `${relative(root, join(dir, 'package.json'))}: exports ${what} "${path}" points outside ` +
        'the package; use a path below the package folder.',
    );
  }
  return full;
}

/** The deepest folder that holds all the given files: the output folder of one build. */
function commonDir(files) {
  let dir = dirname(files[0]);
  while (!files.every((file) => file.startsWith(dir + sep))) dir = dirname(dir);
  return dir;
}

/** Maps each output file to an input name rollup can write it as, relative to `outDir`. */
function inputsFor(entries, key, outDir, extension) {
  return Object.fromEntries(
    entries
      .filter((entry) => entry[key])
      .map((entry) => {
        const out = relative(outDir, entry[key]).split(sep).join('/');
        if (!out.endsWith(extension)) {
          throw new Error(`exports "${entry.name}": "${key}" path must end in ${extension}`);
        }
        return [out.slice(0, -extension.length), entry.source];
      }),
  );
}

/** Dependencies, peer dependencies, node builtins and other workspace packages stay imports. */
function externalFor(manifest) {
  const names = [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
  ];
  const builtins = new Set(builtinModules);
  return (id) =>
    id.startsWith('node:') ||
    builtins.has(id) ||
    builtins.has(id.split('/')[0]) ||
    id.startsWith('@motcua/') ||
    names.some((name) => id === name || id.startsWith(`${name}/`));
}

/** Empties the output folders once per build, so renamed entries and old chunks do not linger. */
function clean(dirs) {
  let done = false;
  return {
    name: 'motcua-clean',
    buildStart() {
      if (done) return;
      done = true;
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Warns when code from node_modules ends up inside a bundle: usually a package imports something
 * it does not list in its dependencies, and would ship a private copy of it.
 */
function reportBundledDependencies(label) {
  return {
    name: 'motcua-report-bundled-dependencies',
    generateBundle(_options, bundle) {
      const bundled = new Set();
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        for (const id of Object.keys(file.modules)) {
          const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id);
          if (match?.[1]) bundled.add(match[1].replace('\\', '/'));
        }
      }
      for (const name of bundled) {
        this.warn(
          `${label}: "${name}" is bundled into the output. If that is not intended, add it to the ` +
            "package's dependencies or peerDependencies so it stays an import.",
        );
      }
    },
  };
}

/** @returns {import('rollup').RollupOptions[]} */
function configsFor({ dir, manifest, entries }) {
  const label = relative(root, dir);
  const jsEntries = entries.filter((entry) => entry.js);
  const typeEntries = entries.filter((entry) => entry.types);
  const jsDir = jsEntries.length > 0 ? commonDir(jsEntries.map((e) => e.js)) : undefined;
  const typesDir = typeEntries.length > 0 ? commonDir(typeEntries.map((e) => e.types)) : undefined;
  const outDirs = [...new Set([jsDir, typesDir].filter((d) => d !== undefined))];
  for (const outDir of outDirs) {
    // The output folder is emptied before each build: never let that be the package itself.
    if (outDir === dir || relative(dir, outDir).split(sep)[0] === 'src') {
      throw new Error(
        `${label}/package.json: build outputs must go to their own folder (such as dist/), ` +
          `not ${relative(root, outDir) || '.'}.`,
      );
    }
  }
  const external = externalFor(manifest);
  // A package may add tsconfig.build.json to control its declaration build; otherwise its
  // tsconfig.json is used, with Node types added for its Node-side entry points.
  const buildTsconfig = join(dir, 'tsconfig.build.json');
  const configs = [];

  if (jsDir) {
    configs.push({
      input: inputsFor(entries, 'js', jsDir, '.js'),
      external,
      plugins: [
        clean(outDirs),
        // No `source` condition here: the build resolves dependencies as their users will.
        nodeResolve({ exportConditions: ['import', 'module', 'default'] }),
        esbuild({ target: 'es2022', sourceMap: true, loaders: { '.json': 'json' } }),
        reportBundledDependencies(label),
      ],
      output: {
        dir: jsDir,
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        sourcemap: true,
      },
      onwarn(warning, warn) {
        // An unresolved import would ship a broken bundle; fail instead of warning.
        if (warning.code === 'UNRESOLVED_IMPORT') {
          throw new Error(
            `${label}: cannot resolve "${warning.exporter}" from ${relative(root, warning.id ?? '')}. Add it to the ` +
              "package's dependencies, or fix the import path.",
          );
        }
        warn(warning);
      },
    });
  }

  if (typesDir) {
    configs.push({
      input: inputsFor(entries, 'types', typesDir, '.d.ts'),
      external,
      plugins: [
        ...(jsDir ? [] : [clean(outDirs)]),
        dts({
          ...(existsSync(buildTsconfig) && { tsconfig: buildTsconfig }),
          compilerOptions: existsSync(buildTsconfig)
            ? { customConditions: [] }
            : { customConditions: [], types: ['node'] },
        }),
      ],
      output: {
        dir: typesDir,
        format: 'es',
        entryFileNames: '[name].d.ts',
        chunkFileNames: 'chunks/[name]-[hash].d.ts',
      },
    });
  }
  return configs;
}

/**
 * Self-contained, minified browser bundles: the whole page-side runtime in one ES module, for
 * pages without a bundler (and the file the size budget and the benchmark measure). Built after
 * the package builds, which empty their dist folders first.
 */
const browserBundles = [
  {
    input: join(packagesDir, 'elements', 'src', 'browser.ts'),
    file: join(packagesDir, 'elements', 'dist', 'browser', 'motcua.js'),
  },
  // Vietnam's address data for the element, beside the runtime: it imports the engine from
  // ./motcua.js, so a page has one copy of it.
  {
    input: join(packagesDir, 'vn', 'src', 'address', 'browser.ts'),
    file: join(packagesDir, 'vn', 'dist', 'browser', 'address.js'),
    runtime: './motcua.js',
  },
  // Where citizens get stuck (issue 13): a page that reports it loads this file itself; it only
  // watches the element from outside, so the runtime carries none of it. Its own folder, because
  // dist/browser holds the runtime and the chunks the runtime itself loads.
  {
    input: join(packagesDir, 'elements', 'src', 'insights.ts'),
    file: join(packagesDir, 'elements', 'dist', 'browser', 'insights', 'insights.js'),
  },
].filter((bundle) => existsSync(bundle.input));

/**
 * What a procedure needs only once its checks are here (the code that judges answers: rules,
 * fees, papers, messages; and the default messages in every locale) is no part of what a page's
 * first input waits for: in a browser bundle `judge.lazy.ts` takes the place of core's
 * `judge.ts`, and loads it as a chunk of its own when a procedure's checks load
 * (`procedure.load()`). `formatMessage`'s default catalogue is then the one it fills.
 * @returns {import('rollup').Plugin}
 */
function judgeWithTheChecks() {
  const core = join(packagesDir, 'core', 'src');
  const lazy = join(core, 'judge.lazy.ts');
  const swaps = [
    { eager: join(core, 'judge.ts') },
    { eager: join(core, 'default-messages.ts'), importer: join(core, 'messages.ts') },
  ];
  return {
    name: 'motcua-judge-with-the-checks',
    async resolveId(source, importer, options) {
      if (!importer || importer === lazy || !/\/(judge|default-messages)\.js$/.test(source)) {
        return null;
      }
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const swap = swaps.find(
        (candidate) =>
          candidate.eager === resolved?.id &&
          (!candidate.importer || candidate.importer === importer),
      );
      return swap ? lazy : null;
    },
  };
}

/**
 * @param {{ input: string, file: string, runtime?: string }} bundle `runtime`: where a bundle
 *   that is not the runtime imports `@motcua/core` from, instead of holding a copy.
 * @returns {import('rollup').RollupOptions}
 */
function browserConfig({ input, file, runtime }) {
  return {
    input,
    // The entry may export what its lazy chunks import from it (Lit, for the QR code), so it
    // stays the one runtime file instead of a facade over a shared chunk.
    preserveEntrySignatures: 'allow-extension',
    ...(runtime && { external: ['@motcua/core'] }),
    plugins: [
      // Workspace packages resolve to their TypeScript sources, so the bundle never depends on
      // the order in which the package builds ran; dependencies resolve as browsers need them.
      judgeWithTheChecks(),
      nodeResolve({ exportConditions: ['source', 'browser', 'import', 'module', 'default'] }),
      minifyTemplates(),
      esbuild({
        target: 'es2022',
        minify: true,
        sourceMap: true,
        legalComments: 'none',
        // Keep Vietnamese text as written: smaller than \u escapes.
        charset: 'utf8',
        define: { 'process.env.NODE_ENV': '"production"' },
      }),
    ],
    output: {
      // A folder, not one file: what a page rarely needs (the QR code of a saved draft) is a
      // chunk beside the runtime, `motcua-<name>-<hash>.js`, loaded by `import()` when used.
      dir: dirname(file),
      entryFileNames: basename(file),
      chunkFileNames: `${basename(file, '.js')}-[name]-[hash].js`,
      format: 'es',
      sourcemap: true,
      ...(runtime && { paths: { '@motcua/core': runtime } }),
    },
    onwarn(warning, warn) {
      if (warning.code === 'UNRESOLVED_IMPORT') {
        throw new Error(
          `${relative(root, input)}: cannot resolve "${warning.exporter}"; a browser bundle must ` +
            'hold every import.',
        );
      }
      warn(warning);
    },
  };
}

const packages = findPackages();
if (packages.length === 0) {
  // Rollup refuses an empty config list; nothing to build is not a failure.
  console.log('rollup: no package in packages/* has src/index.ts and TypeScript exports yet.');
  process.exit(0);
}

export default [...packages.flatMap(configsFor), ...browserBundles.map(browserConfig)];
