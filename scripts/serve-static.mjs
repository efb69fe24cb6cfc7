// A static file server for built example sites, sending the strict Content-Security-Policy with
// Trusted Types that motcua is made to run under. The benchmark serves the built sites with it;
// the page tests check that @motcua/server sends the same policy (STRICT_CSP).
//
//   node scripts/serve-static.mjs <folder> [--port 8001] [--host 127.0.0.1] [--no-csp]
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * The policy: scripts and styles only from the site's own files, no inline code, no eval, no
 * plugins, no <base>, and every DOM sink that takes HTML or script text must get a Trusted Type.
 * `lit-html` is the one policy the runtime creates (Lit's, for its template HTML); motcua itself
 * writes no HTML string anywhere, so it needs none. `'none'` for `trusted-types` would forbid Lit's.
 */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * @typedef {(request: import('node:http').IncomingMessage,
 *   response: import('node:http').ServerResponse) => void | Promise<void>} Handler
 */

/**
 * Serves `root` on a local port.
 *
 * @param {{ root: string, port?: number, host?: string, csp?: string | false,
 *   handlers?: Record<string, Handler> }} options
 *   `port` 0 (the default) picks a free one; `csp: false` sends no policy; `handlers` answer
 *   requests by `"METHOD /path"` (such as `"POST /api/dossiers"`) before any file is looked for.
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function serveStatic({
  root,
  port = 0,
  host = '127.0.0.1',
  csp = STRICT_CSP,
  handlers = {},
}) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    const headers = {
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
      ...(csp && { 'Content-Security-Policy': csp }),
    };
    try {
      const handler =
        handlers[`${request.method} ${new URL(request.url ?? '/', 'http://x').pathname}`];
      if (handler) {
        for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
        await handler(request, response);
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
        return;
      }
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      let file = resolve(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) {
        response.writeHead(403, headers).end();
        return;
      }
      let info = await stat(file).catch(() => undefined);
      if (info?.isDirectory()) {
        if (!path.endsWith('/')) {
          response.writeHead(301, { ...headers, Location: `${path}/` }).end();
          return;
        }
        file = join(file, 'index.html');
        info = await stat(file).catch(() => undefined);
      }
      if (!info?.isFile()) {
        response.writeHead(404, { ...headers, 'Content-Type': TYPES['.txt'] }).end('Not found\n');
        return;
      }
      response.writeHead(200, {
        ...headers,
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
      });
      if (request.method === 'HEAD') response.end();
      else createReadStream(file).pipe(response);
    } catch {
      if (!response.headersSent) response.writeHead(400, headers);
      response.end();
    }
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done(undefined));
  });
  const address = server.address();
  const origin = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  return {
    origin,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '8001' },
      host: { type: 'string', default: '127.0.0.1' },
      'no-csp': { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) {
    console.error('usage: node scripts/serve-static.mjs <folder> [--port 8001] [--no-csp]');
    process.exit(2);
  }
  const { origin } = await serveStatic({
    root: positionals[0],
    port: Number(values.port),
    host: values.host,
    csp: values['no-csp'] ? false : STRICT_CSP,
  });
  console.log(
    `Serving ${positionals[0]} on ${origin}/ ${values['no-csp'] ? 'without' : 'with'} a strict CSP`,
  );
}
