// The command run from the sources, for this repository: `npm run motcua -- build …` runs
// `node --import tsx --conditions=source packages/cli/src/bin.ts build …`. The installed command
// is bin/motcua.js, which runs the built package the same way.
import process from 'node:process';
import { run } from './cli.js';

process.exitCode = await run(process.argv.slice(2));
