// `npm run build:examples`: the example pages as a static site a portal would deploy without
// @motcua/server, in examples/<name>/dist/: the page's own files, the runtime bundle (motcua.js,
// from `npm run build`) and its procedures built by `motcua build` to procedures/<id>.js (with
// manifest.json), importing the runtime by a relative URL. The benchmark measures these; serve
// one with `node scripts/serve-static.mjs examples/portal/dist` (strict CSP, no API).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const runtimeBundle = join(root, 'packages', 'elements', 'dist', 'browser', 'motcua.js');

/**
 * `npm run build`: every package and the browser bundles, with Rollup's output on this
 * process's terminal. Throws when the build fails.
 */
export function buildPackages() {
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'rollup', 'dist', 'bin', 'rollup'), '-c', '--silent'],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('`npm run build` (rollup -c) failed; see above.');
}

const birthRegistration = {
  file: join(root, 'examples', 'procedures', 'birth-registration.procedure.json'),
  // Its names are checked with the pack's vn-person-name.
  packs: ['@motcua/vn/pack'],
};
/** Every procedure of the Vietnam pack (permanent residence, criminal record, marriage, …). */
const vnProcedures = readdirSync(join(root, 'packages', 'vn', 'procedures'))
  .filter((file) => file.endsWith('.procedure.json'))
  .sort()
  .map((file) => ({
    file: join(root, 'packages', 'vn', 'procedures', file),
    packs: ['@motcua/vn/pack'],
  }));

/**
 * The address fields' places: Vietnam's address module (built beside the runtime, whose engine
 * it imports) and its data files, fetched one province at a time.
 */
const vnAddress = [
  { from: join(root, 'packages', 'vn', 'dist', 'browser', 'address.js'), to: 'vn-address.js' },
  { from: join(root, 'packages', 'vn', 'data'), to: 'vn-data' },
];

/** Where citizens get stuck (issue 13): the pages load it beside the runtime. */
const insights = {
  from: join(root, 'packages', 'elements', 'dist', 'browser', 'insights', 'insights.js'),
  to: 'insights.js',
};

/**
 * The example sites: each page's folder and the definitions it loads, each with the packs it
 * needs (bundled into its module by `motcua build`), and the files it needs beside it.
 */
export const sites = [
  {
    name: 'portal',
    dir: join(root, 'examples', 'portal'),
    procedures: [birthRegistration],
    assets: [...vnAddress, insights],
  },
  {
    name: 'kiosk',
    dir: join(root, 'examples', 'kiosk'),
    procedures: [birthRegistration, ...vnProcedures],
    assets: [...vnAddress, insights],
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
  const { build, formatProblem } = await import('@motcua/cli');
  const out = join(site.dir, 'dist');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'procedures'), { recursive: true });
  for (const entry of readdirSync(site.dir)) {
    if (!NOT_SITE.has(entry)) cpSync(join(site.dir, entry), join(out, entry), { recursive: true });
  }
  cpSync(runtimeBundle, join(out, 'motcua.js'));
  for (const asset of site.assets ?? []) {
    if (!existsSync(asset.from)) {
      throw new Error(`${relative(root, asset.from)} is missing: run \`npm run build\` first.`);
    }
    cpSync(asset.from, join(out, asset.to), { recursive: true });
  }
  if (existsSync(`${runtimeBundle}.map`))
    cpSync(`${runtimeBundle}.map`, join(out, 'motcua.js.map'));
  // The chunks the runtime loads by import() (review, renderers, portal, kiosk, QR), beside it.
  for (const chunk of readdirSync(dirname(runtimeBundle))) {
    if (chunk.startsWith('motcua-')) cpSync(join(dirname(runtimeBundle), chunk), join(out, chunk));
  }
  const results = [];
  // One build per procedure: each module bundles only the packs its definition needs.
  for (const procedure of site.procedures) {
    const report = await build({
      files: [relative(root, procedure.file)],
      outDir: join(out, 'procedures'),
      runtime: '../motcua.js',
      packs: procedure.packs,
      cwd: root,
    });
    results.push(...report.results);
  }
  const problems = results.flatMap((result) => (result.ok ? [] : result.problems));
  if (problems.length > 0) {
    throw new Error(`motcua build failed:\n${problems.map(formatProblem).join('\n')}`);
  }
  return out;
}

if (process.argv[1] && join(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const site of sites) {
    const out = await buildSite(site);
    console.log(`build:examples: ${relative(root, out)}`);
  }
}
