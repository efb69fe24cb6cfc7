// `npm run serve`: the example pages on http://127.0.0.1:8000/examples/portal/, served from the
// sources with no build. TypeScript is compiled by esbuild on request, and a `*.procedure.json`
// is served as its compiled module (definition plus Ajv's standalone validators), the same module
// a built page gets. Started with `node --import tsx --conditions=source` (see package.json), so
// this config imports the compiler's TypeScript sources by package name.
//
// The plugin list is repeated from web-test-runner.config.mjs rather than imported: importing that
// file would load the test runner and the Chrome launcher, and throw where Chromium is missing,
// which a page server does not need.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { motcuaProcedures } from '@motcua/core/compiler';
import vn from '@motcua/vn/pack';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * The example pages name their scripts as a built site has them: `./motcua.js` (the runtime
 * bundle), `./procedures/<id>.js` (made by `motcua build`), and the address module
 * `./vn-address.js` with its data files under `./vn-data/`, and `./insights.js` (which @motcua/server and
 * `npm run build:examples` put beside every page). Here those names redirect to the sources, so
 * the same HTML runs built and unbuilt. A redirect, not a rewrite: a module's base URL is where
 * it was finally loaded from, so its own relative imports keep working.
 *
 * @type {import('@web/dev-server').Middleware}
 */
export async function builtNames(context, next) {
  const match =
    /^\/examples\/[\w-]+\/(?:(motcua)\.js|procedures\/([\w-]+)\.js|(vn-address)\.js|vn-data\/((?:[\w-]+\/)?[\w-]+\.json)|(insights)\.js)$/.exec(
      context.path,
    );
  if (match?.[1]) return context.redirect('/packages/elements/src/motcua.ts');
  if (match?.[2]) return context.redirect(`/examples/procedures/${match[2]}.procedure.json`);
  if (match?.[3]) return context.redirect('/packages/vn/src/address/browser.ts');
  if (match?.[4]) return context.redirect(`/packages/vn/data/${match[4]}`);
  if (match?.[5]) return context.redirect('/packages/elements/src/insights.ts');
  return next();
}

/** @type {import('@web/dev-server').DevServerConfig} */
export default {
  rootDir: root,
  hostname: '127.0.0.1',
  port: 8000,
  nodeResolve: { exportConditions: ['source', 'browser', 'import', 'default'] },
  mimeTypes: { '**/*.procedure.json': 'js' },
  middleware: [builtNames],
  plugins: [
    // The Vietnam pack: the birth registration checks names with its vn-person-name.
    fromRollup(motcuaProcedures)({ packs: [vn], underFileName: true }),
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      // Read raw, ignoring "extends": this file holds every option esbuild needs.
      tsconfig: join(root, 'tsconfig.browser-tests.json'),
    }),
  ],
};
