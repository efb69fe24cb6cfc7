// The OpenAPI document at /api/openapi.json: valid OpenAPI 3.1, listing every API route the
// server registers with a summary and its problem responses; and the catalogue of problems it
// points to, complete in both languages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compileErrors, validate } from '@readme/openapi-parser';
import type { FastifyInstance } from 'fastify';
import type { Database } from '@motcua/server';
import { PROBLEMS, createServer, openMemoryPglite } from '@motcua/server';
import { PROCEDURES, REPO } from './helpers.js';

interface Operation {
  summary?: string;
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, { required?: string[] }> };
}

/** `/api/dossiers/:code/files` as OpenAPI writes it: `/api/dossiers/{code}/files`. */
const openapiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

/** The `{name}` placeholders of a text, sorted. */
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the OpenAPI document', () => {
  let db: Database;
  let server: FastifyInstance;
  let document: Document;
  /** Every route registered under /api/, as "METHOD /path". */
  const routes = new Set<string>();

  before(async () => {
    db = await openMemoryPglite();
    // testServer's options, with a hook added before the routes are: it sees each one.
    server = createServer({
      database: db,
      procedures: PROCEDURES,
      checks: ['@motcua/vn/server'],
      cwd: REPO,
    });
    server.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/') || route.url === '/api/openapi.json') return;
      for (const method of [route.method].flat()) {
        // fastify adds a HEAD to every GET; OpenAPI lists the GET.
        if (method !== 'HEAD') routes.add(`${method} ${route.url}`);
      }
    });
    await server.ready();
    const response = await server.inject({ url: '/api/openapi.json' });
    assert.equal(response.statusCode, 200);
    document = response.json();
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  it('is valid OpenAPI 3.1', async () => {
    assert.match(document.openapi, /^3\.1\./);
    const result = await validate(structuredClone(document) as never);
    assert.ok(result.valid, result.valid ? '' : compileErrors(result));
  });

  it('saw the routes it checks', () => {
    assert.ok(routes.has('POST /api/dossiers'), [...routes].join(', '));
    assert.ok(routes.size >= 10, [...routes].join(', '));
  });

  it('lists every API route with its method and a summary', () => {
    for (const route of routes) {
      const [method = '', url = ''] = route.split(' ');
      const operation = document.paths[openapiPath(url)]?.[method.toLowerCase()];
      assert.ok(operation, `${route} is missing from paths`);
      assert.ok(operation.summary?.trim(), `${route} has no summary`);
    }
  });

  it('lists no operation the server does not have', () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const method of Object.keys(operations)) {
        const route = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
        assert.ok(routes.has(route), `${route} is documented but not served`);
      }
    }
  });

  it('gives every operation its 4XX problem response, as application/problem+json', () => {
    assert.deepEqual(document.components?.schemas?.Problem?.required, [
      'type',
      'title',
      'status',
      'detail',
      'i18n',
    ]);
    for (const route of routes) {
      const [method = '', url = ''] = route.split(' ');
      const responses = document.paths[openapiPath(url)]?.[method.toLowerCase()]?.responses ?? {};
      const problem = responses['4XX'] ?? responses.default;
      assert.ok(problem, `${route} lists no 4XX or default response`);
      assert.deepEqual(
        problem.content?.['application/problem+json']?.schema,
        { $ref: '#/components/schemas/Problem' },
        `${route}: its 4XX response is not the Problem schema as application/problem+json`,
      );
    }
  });
});

describe('the catalogue of problems', () => {
  const entries = Object.entries(PROBLEMS);

  it('has problems to check', () => assert.ok(entries.length >= 20));

  for (const [name, kind] of entries) {
    it(`words ${name} in Vietnamese and English`, () => {
      assert.match(name, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(kind.status >= 400 && kind.status < 600, `status ${kind.status}`);
      for (const language of ['vi', 'en'] as const) {
        assert.ok(kind.title[language].trim(), `${language} title`);
        assert.ok(kind.detail[language].trim(), `${language} detail`);
      }
      assert.equal(kind.title.vi, kind.title.vi.normalize('NFC'), 'vi title in NFC');
      assert.equal(kind.detail.vi, kind.detail.vi.normalize('NFC'), 'vi detail in NFC');
      assert.notEqual(kind.detail.vi, kind.detail.en, 'the vi detail is translated');
      assert.deepEqual(
        placeholders(kind.detail.vi),
        placeholders(kind.detail.en),
        'the same placeholders in both languages',
      );
    });
  }
});
