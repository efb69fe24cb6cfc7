// What each module weighs in the runtime and its chunks: `node scripts/bundle-breakdown.mjs
// [file-name-part]` builds the browser bundle in memory (as `npx rollup -c` does) and prints,
// for each output file, its brotli size and each module's rendered bytes, raw and brotli alone.
// Modules compressed alone add up to more than their file (brotli finds repeats across them),
// so read the figures as ranks: what to split off next, not what it would save exactly.
import { brotliCompressSync, constants } from 'node:zlib';
import { rollup } from 'rollup';
import configs from '../rollup.config.mjs';

const only = process.argv[2];
const brotli = (code) =>
  brotliCompressSync(Buffer.from(code), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
    .length;
const config = configs.find(
  (candidate) =>
    typeof candidate.input === 'string' && candidate.input.endsWith('elements/src/browser.ts'),
);
const build = await rollup({ ...config, onwarn: () => {} });
const { output } = await build.generate(config.output);
for (const chunk of output) {
  if (chunk.type !== 'chunk' || (only && !chunk.fileName.includes(only))) continue;
  console.log(`\n${chunk.fileName}: ${chunk.code.length} B raw, ${brotli(chunk.code)} B brotli`);
  console.log('brotli alone      raw  module');
  const rows = Object.entries(chunk.modules)
    .filter(([, module]) => module.renderedLength > 0)
    .map(([id, module]) => ({
      id: id.replace(/.*[\\/]node_modules[\\/]/, '').replace(/.*[\\/]packages[\\/]/, ''),
      raw: module.renderedLength,
      brotli: module.code ? brotli(module.code) : 0,
    }))
    .sort((a, b) => b.brotli - a.brotli);
  for (const row of rows) {
    console.log(`${String(row.brotli).padStart(12)} ${String(row.raw).padStart(8)}  ${row.id}`);
  }
}
