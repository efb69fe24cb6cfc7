// TypeDoc plugin: documents each package's public entry points as listed in its package.json
// `exports`, through the `source` condition (`"source": "./src/compiler/index.ts"`).
//
// TypeDoc's own inference reads only the `typedoc`, `types`, `import`, `node` and `default`
// conditions, which point at dist/ (not built when docs are made). It also builds its program
// from the package's tsconfig.json, which may leave out Node-side entries such as src/compiler/
// (checked by tsconfig.node.json instead); the entries are added to the program here.
import { exportMap } from './package-exports.mjs';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { Converter, ReflectionKind } from 'typedoc';

/**
 * @returns {{file: string, specifier: string}[]} the `.ts` files named by `source` conditions,
 *   with the specifier users import them by (`@motcua/core/compiler`)
 */
function sourceEntries(packageDir) {
  const manifestPath = join(packageDir, 'package.json');
  if (!existsSync(manifestPath)) return [];
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const entries = [];
  for (const [key, target] of Object.entries(exportMap(manifest))) {
    const source = target && typeof target === 'object' ? target.source : undefined;
    if (typeof source !== 'string' || !source.endsWith('.ts')) continue;
    const file = resolve(packageDir, source);
    if (existsSync(file)) entries.push({ file, specifier: posix.join(manifest.name ?? '', key) });
  }
  return entries;
}

/** @type {Map<string, string>} source file → import specifier, for every package read */
const specifiers = new Map();

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.options.addReader({
    name: 'motcua-package-exports',
    // After TypeDoc's tsconfig reader (200), whose file list is extended here.
    order: 250,
    supportsPackages: true,
    read(container, logger, cwd) {
      // Only per-package reads: the root's package.json has no exports to document.
      if (container.packageDir === undefined) return;
      const entries = sourceEntries(cwd);
      if (entries.length === 0 || container.isSet('entryPoints')) return;
      const files = entries.map((entry) => entry.file);
      for (const entry of entries) specifiers.set(entry.file, entry.specifier);
      container.setValue('entryPoints', files, cwd);
      const fileNames = [...new Set([...container.getFileNames(), ...files])];
      container.setCompilerOptions(
        fileNames,
        container.getCompilerOptions(logger),
        container.getProjectReferences(),
      );
    },
  });

  // A package with several entry points gets one module per entry, named by TypeDoc after the
  // file ("index", "compiler"); name them as users import them instead.
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getChildrenByKind(ReflectionKind.Module)) {
      const file = module.sources?.[0]?.fullFileName;
      const specifier = file === undefined ? undefined : specifiers.get(resolve(file));
      if (specifier !== undefined) module.name = specifier;
    }
  });
}
