#!/usr/bin/env node
// The installed command: runs the built package (`npm run build` first in this repository; there,
// `npm run motcua -- build …` runs the TypeScript sources instead).
import process from 'node:process';
import { run } from '../dist/index.js';

process.exitCode = await run(process.argv.slice(2));
