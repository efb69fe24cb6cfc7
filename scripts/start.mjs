// `npm start`: builds the runtime, then starts @motcua/server with the repository's
// motcua.config.json: the kiosk on http://127.0.0.1:8000/ (the portal on /portal/), the real
// procedures, and dossiers stored in embedded PostgreSQL (PGlite) in .motcua-data/: nothing else
// to install. PORT=8080 npm start picks another port, DATABASE_URL=postgres://… a real
// PostgreSQL; Ctrl-C closes the database cleanly and stops.
import process from 'node:process';
import { closeOnSignals, serve } from '@motcua/server';
import { buildPackages, root } from './build-examples.mjs';

console.log('start: building the runtime (npm run build)…');
try {
  buildPackages();
} catch (error) {
  console.error(`start: ${error.message}`);
  process.exit(1);
}

const started = await serve(process.argv.slice(2), {
  cwd: root,
  env: { MOTCUA_LOG_LEVEL: 'warn', ...process.env },
  stdout: process.stdout,
  stderr: process.stderr,
});
if ('exitCode' in started) process.exit(started.exitCode);
closeOnSignals(started.server, (code) => process.exit(code));
const { db } = started.server.motcua;
console.log(
  `\nKi-ốt dịch vụ công: ${started.origin}/  (cổng dịch vụ công: ${started.origin}/portal/)\n` +
    `Dossiers are checked again by the server and stored in ${
      db.kind === 'pglite'
        ? `embedded PostgreSQL (PGlite) in ${process.env.MOTCUA_DATA_DIR || '.motcua-data'}/`
        : 'PostgreSQL'
    }; the API is described at ${started.origin}/api/openapi.json. Ctrl-C stops it.`,
);
