// `npm run build:examples`: the example pages as a static site a portal would deploy, in
// examples/<name>/dist/: the page's own files, the runtime bundle (motcua.js, from `npm run
// build`) and its procedures compiled to procedures/<id>.js, importing the runtime by a relative
// URL. Serve it with `node scripts/serve-static.mjs examples/portal/dist` (strict CSP).
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const runtimeBundle = join(root, 'packages', 'elements', 'dist', 'browser', 'motcua.js');

/** The example sites: each page's folder and the definitions it loads. */
export const sites = [
  {
    name: 'portal',
    dir: join(root, 'examples', 'portal'),
    procedures: [join(root, 'examples', 'procedures', 'birth-registration.procedure.json')],
  },
];

/** Files of an example folder that are not part of the site. */
const NOT_SITE = new Set(['dist', 'test', 'tsconfig.json', 'node_modules']);

/**
 * Builds one site into `<dir>/dist` and returns that folder.
 *
 * @param {(typeof sites)[number]} site
 */
export async function buildSite(site) {
  if (!existsSync(runtimeBundle)) {
    throw new Error(
      `${relative(root, runtimeBundle)} is missing: run \`npm run build\` first (it makes the ` +
        'runtime bundle).',
    );
  }
  const { compileToModule } = await import('@motcua/core/compiler');
  const out = join(site.dir, 'dist');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'procedures'), { recursive: true });
  for (const entry of readdirSync(site.dir)) {
    if (!NOT_SITE.has(entry)) cpSync(join(site.dir, entry), join(out, entry), { recursive: true });
  }
  cpSync(runtimeBundle, join(out, 'motcua.js'));
  if (existsSync(`${runtimeBundle}.map`))
    cpSync(`${runtimeBundle}.map`, join(out, 'motcua.js.map'));
  for (const file of site.procedures) {
    const json = JSON.parse(await readFile(file, 'utf8'));
    const code = await compileToModule(json, { coreSpecifier: '../motcua.js', minify: true });
    writeFileSync(join(out, 'procedures', `${json.id}.js`), code);
  }
  return out;
}

if (process.argv[1] && join(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const site of sites) {
    const out = await buildSite(site);
    console.log(`build:examples: ${relative(root, out)}`);
  }
}
