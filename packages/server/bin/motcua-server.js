#!/usr/bin/env node
// The installed command: runs the built package (`npm run build` first in this repository, which
// `npm ci` does by itself through the root `prepare` script).
import process from 'node:process';
import { closeOnSignals, serve } from '../dist/index.js';

const started = await serve(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
if ('exitCode' in started) process.exit(started.exitCode);
closeOnSignals(started.server, (code) => process.exit(code));
