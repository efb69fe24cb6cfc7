// Type-checks every workspace with its own tsconfig files, so each part is checked with the libs it
// will really run with: runtime code with lib ES2022 and no DOM (a stray `document` must fail),
// Node-side code and tests with Node types. One root tsconfig cannot express that.
//
// Runs `tsc -p` on packages/*/tsconfig*.json and examples/*/tsconfig.json, two at a time, and
// exits 1 if any of them fails.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** @returns {string[]} */
function subdirectories(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(dir, entry.name))
    .sort();
}

/** @returns {string[]} */
function findConfigs() {
  const configs = [];
  for (const pkg of subdirectories(join(root, 'packages'))) {
    for (const name of readdirSync(pkg).sort()) {
      if (/^tsconfig.*\.json$/.test(name)) configs.push(join(pkg, name));
    }
  }
  for (const example of subdirectories(join(root, 'examples'))) {
    const config = join(example, 'tsconfig.json');
    if (existsSync(config)) configs.push(config);
  }
  return configs;
}

/** @returns {Promise<{config: string, code: number, output: string}>} */
function check(config) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [tsc, '-p', config, '--noEmit', '--pretty', String(Boolean(process.stdout.isTTY))],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ config, code: 1, output: String(error) }));
    child.on('close', (code) => resolve({ config, code: code ?? 1, output }));
  });
}

if (!existsSync(tsc)) {
  console.error(`typecheck: ${relative(root, tsc)} is missing; run \`npm ci\` first.`);
  process.exit(1);
}

const configs = findConfigs();
if (configs.length === 0) {
  console.log('typecheck: no tsconfig files under packages/* or examples/*.');
  process.exit(0);
}

const queue = [...configs];
const results = [];
const workers = Array.from({ length: Math.min(availableParallelism(), 2) }, async () => {
  while (queue.length > 0) {
    const config = queue.shift();
    if (config) results.push(await check(config));
  }
});
await Promise.all(workers);

let failed = 0;
for (const config of configs) {
  const result = results.find((r) => r.config === config);
  if (!result) continue;
  const name = relative(root, config);
  // TS18003: a package that has a config for its tests but no tests yet is not an error.
  if (result.code !== 0 && /error TS18003/.test(result.output)) {
    console.log(`typecheck: ${name}: no input files yet, skipped`);
    continue;
  }
  if (result.code === 0) {
    console.log(`typecheck: ${name}: ok`);
  } else {
    failed += 1;
    console.log(`typecheck: ${name}: FAILED`);
    process.stdout.write(result.output);
  }
}

if (failed > 0) {
  console.error(`typecheck: ${failed} of ${configs.length} configs failed`);
  process.exit(1);
}
