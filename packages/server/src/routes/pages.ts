import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Context } from '../context.js';

/** A folder of a site's pages, served at `path` (such as `/` or `/portal/`). */
export interface PageMount {
  path: string;
  dir: string;
}

/**
 * A file or folder every page gets beside it, at `path` below the page's own (such as the
 * address module `vn-address.js` or the data folder `vn-data/`).
 */
export interface AssetMount {
  path: string;
  file?: string;
  dir?: string;
}

/** Files in a pages folder that are not for browsers. */
const NOT_SERVED =
  /(^|\/)(test|dist|node_modules|\.[^/]*)(\/|$)|(^|\/)(tsconfig[^/]*\.json|package\.json|[^/]*\.(ts|mjs|map))$/;

/** Short-lived caching: pages revalidate (ETag), so a new build reaches every kiosk at once. */
const REVALIDATE = 'no-cache';
const FOREVER = 'public, max-age=31536000, immutable';

export async function pageRoutes(
  app: FastifyInstance,
  context: Context & {
    pages: readonly PageMount[];
    assets: readonly AssetMount[];
    runtime: string | undefined;
  },
): Promise<void> {
  const { procedures, pages, assets, runtime } = context;
  let decorated = false;
  const serveFolder = (root: string, prefix: string, index: boolean) => {
    app.register(fastifyStatic, {
      root,
      prefix,
      decorateReply: !decorated,
      index: index ? ['index.html'] : false,
      redirect: true,
      allowedPath: (pathName) => !NOT_SERVED.test(pathName),
      cacheControl: false,
      // Files sent by the routes below set their own (chunks are cached forever).
      setHeaders: (reply) => {
        if (!reply.hasHeader('cache-control')) reply.header('cache-control', REVALIDATE);
      },
    });
    decorated = true;
  };

  for (const page of pages) {
    serveFolder(page.dir, page.path, true);
    const base = page.path.endsWith('/') ? page.path : `${page.path}/`;

    if (runtime) {
      app.get(`${base}motcua.js`, { schema: { hide: true } }, (_request, reply) =>
        reply
          .header('cache-control', REVALIDATE)
          .sendFile(basename(runtime), dirname(runtime), { cacheControl: false }),
      );
      if (existsSync(`${runtime}.map`)) {
        app.get(`${base}motcua.js.map`, { schema: { hide: true } }, (_request, reply) =>
          reply
            .header('cache-control', REVALIDATE)
            .sendFile(`${basename(runtime)}.map`, dirname(runtime), { cacheControl: false }),
        );
      }
      // The chunks the runtime loads on demand, beside it (`motcua-portal-<hash>.js`): their
      // names change with their content, so they are cached forever.
      const chunk = `${basename(runtime, '.js')}-`;
      app.get<{ Params: { name: string } }>(
        `${base}${chunk}:name`,
        { schema: { hide: true } },
        (request, reply) => {
          const file = `${chunk}${request.params.name}`;
          if (!/^[\w-]+\.js(\.map)?$/.test(file) || !existsSync(join(dirname(runtime), file))) {
            return reply.callNotFound();
          }
          return reply
            .header('cache-control', FOREVER)
            .sendFile(file, dirname(runtime), { cacheControl: false });
        },
      );
    }

    for (const asset of assets) {
      if (asset.dir) serveFolder(asset.dir, `${base}${asset.path.replace(/^\/+/, '')}`, false);
      else if (asset.file) {
        const file = asset.file;
        app.get(
          `${base}${asset.path.replace(/^\/+/, '')}`,
          { schema: { hide: true } },
          (_request, reply) =>
            reply
              .header('cache-control', REVALIDATE)
              .sendFile(basename(file), dirname(file), { cacheControl: false }),
        );
      }
    }

    // The procedures, compiled on first request: `<id>.js` (revalidated by its hash as ETag),
    // `<id>.<hash>.js` (cached forever: a new definition has a new name), the checks' chunk
    // each imports, `<id>.checks-<hash>.js`, and manifest.json.
    app.get<{ Params: { file: string } }>(
      `${base}procedures/:file`,
      { schema: { hide: true } },
      async (request, reply) => {
        const { file } = request.params;
        if (file === 'manifest.json') {
          const manifest: Record<string, { file: string; version: string; hash: string }> = {};
          for (const { procedure } of procedures.all()) {
            const { hash } = await (procedures.module(procedure.id) as Promise<{ hash: string }>);
            manifest[procedure.id] = {
              file: `${procedure.id}.${hash}.js`,
              version: procedure.version,
              hash,
            };
          }
          return reply.header('cache-control', REVALIDATE).send(manifest);
        }
        // A module's checks (validators, pack code), imported by it once the first page is
        // drawn: named by their content, so cached forever.
        const chunk = /^([A-Za-z0-9_-]+)\.checks-[0-9a-f]{12}\.js$/.exec(file);
        if (chunk?.[1]) {
          const { checks } = (await procedures.module(chunk[1])?.catch(() => undefined)) ?? {};
          if (checks?.file !== file) return reply.callNotFound();
          return reply
            .type('text/javascript; charset=utf-8')
            .header('cache-control', FOREVER)
            .send(checks.code);
        }
        const match = /^([A-Za-z0-9_-]+?)(?:\.([0-9a-f]{12}))?\.js$/.exec(file);
        const compiled = match?.[1] ? procedures.module(match[1]) : undefined;
        if (!match || !compiled) return reply.callNotFound();
        const { code, hash } = await compiled;
        if (match[2] !== undefined && match[2] !== hash) return reply.callNotFound();
        const etag = `"${hash}"`;
        reply
          .type('text/javascript; charset=utf-8')
          .header('etag', etag)
          .header('cache-control', match[2] ? FOREVER : REVALIDATE);
        if (request.headers['if-none-match'] === etag) return reply.code(304).send();
        return reply.send(code);
      },
    );
  }
}
