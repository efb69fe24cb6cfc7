// `node node-check.mjs` in a project that installed the packed tarballs: imports every entry
// point the packages publish, resolves the files they publish for pages and editors, and uses
// the engine, the compiler and the Vietnam pack together. Prints one JSON report on stdout.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/** Entry points Node imports (@motcua/elements runs here on Lit's Node build). */
const modules = [
  '@motcua/core',
  '@motcua/core/compiler',
  '@motcua/elements',
  '@motcua/elements/motcua.js',
  '@motcua/elements/insights.js',
  '@motcua/vn',
  '@motcua/vn/pack',
  '@motcua/vn/address',
  '@motcua/vn/server',
  '@motcua/cli',
  '@motcua/cli/cases',
  '@motcua/server',
];

/** Files for pages, editors and servers: resolved through `exports`, never imported here. */
const files = [
  '@motcua/elements/browser',
  '@motcua/elements/browser/motcua.js',
  '@motcua/vn/browser/address.js',
  '@motcua/core/schema/procedure.schema.json',
  '@motcua/core/schema/declaration.schema.json',
  '@motcua/cli/schema/cases.schema.json',
  '@motcua/server/schema/site.schema.json',
  '@motcua/vn/data/provinces.json',
  '@motcua/vn/procedures/criminal-record.procedure.json',
  '@motcua/core/package.json',
  '@motcua/elements/package.json',
];

const report = { exports: {}, files: {}, errors: [] };

for (const specifier of modules) {
  try {
    report.exports[specifier] = Object.keys(await import(specifier)).sort();
  } catch (error) {
    report.errors.push(`import ${specifier}: ${error.message}`);
  }
}

for (const specifier of files) {
  try {
    const path = fileURLToPath(import.meta.resolve(specifier));
    report.files[specifier] = existsSync(path) ? path : null;
  } catch (error) {
    report.errors.push(`resolve ${specifier}: ${error.message}`);
  }
}

try {
  const { DefinitionError, createSession } = await import('@motcua/core');
  const { loadProcedure } = await import('@motcua/core/compiler');
  const { pack } = await import('@motcua/vn/pack');
  const definitionFile = fileURLToPath(
    import.meta.resolve('@motcua/vn/procedures/criminal-record.procedure.json'),
  );
  const definition = JSON.parse(readFileSync(definitionFile, 'utf8'));
  // The definition's own "$schema", a path relative to it: must reach the installed schema.
  const schemaFile = resolve(dirname(definitionFile), definition.$schema);
  const procedure = loadProcedure(definition, { packs: [pack] });
  const session = createSession(procedure, { locale: 'vi' });
  let sameErrorClass = false;
  try {
    loadProcedure({});
  } catch (error) {
    // The compiler and the engine are two entry points of one package: one error class.
    sameErrorClass = error instanceof DefinitionError;
  }
  report.engine = {
    id: procedure.id,
    status: session.snapshot.status,
    schemaFile: existsSync(schemaFile) ? schemaFile : null,
    sameErrorClass,
  };
} catch (error) {
  report.errors.push(`engine: ${error.stack ?? error.message}`);
}

process.stdout.write(`${JSON.stringify(report)}\n`);
