// `npm start`: builds the runtime and the kiosk example, then serves the kiosk on
// http://127.0.0.1:8000/ with its embedded dossier endpoint: no database or external service.
// PORT=8080 npm start picks another port; Ctrl-C stops it.
import { startKiosk } from '../examples/kiosk/server.mjs';
import { buildPackages, buildSite, sites } from './build-examples.mjs';

const port = Number(process.env.PORT ?? 8000);

console.log('start: building the runtime (npm run build)…');
try {
  buildPackages();
} catch (error) {
  console.error(`start: ${error.message}`);
  process.exit(1);
}

const kiosk = sites.find((site) => site.name === 'kiosk');
const siteRoot = await buildSite(kiosk);
try {
  const server = await startKiosk({
    root: siteRoot,
    procedures: kiosk.procedures,
    port,
    log: (line) => console.log(line),
  });
  console.log(
    `\nKi-ốt dịch vụ công: ${server.origin}/\n` +
      'Open it in a browser. Dossiers are checked again by the server and given a code; ' +
      'nothing is stored. Ctrl-C stops it.',
  );
} catch (error) {
  if (error.code === 'EADDRINUSE') {
    console.error(`start: port ${port} is in use; run PORT=8080 npm start to use another.`);
    process.exit(1);
  }
  throw error;
}
