// Every malformed request the API can get, over real HTTP: each must be answered with an RFC 9457
// problem (application/problem+json) of the right type, with a detail in Vietnamese and English
// that says what to do, never a 500, never a stack trace; and the server must keep serving.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '@motcua/server';
import { openMemoryPglite, problemType } from '@motcua/server';
import type { ProblemName } from '@motcua/server';
import { BIRTH, newKey, testServer } from './helpers.js';

/** What a response is checked for. */
interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

interface Row {
  name: string;
  method?: string;
  /** A path, or one made once the setup has run (a stored dossier's code). */
  path: string | (() => string);
  headers?: Record<string, string> | (() => Record<string, string>);
  body?: string | Uint8Array | (() => string);
  /** Sent over a raw socket as is, for what fetch cannot send (bytes in headers, bad framing). */
  raw?: (path: string) => Buffer;
  /** The server with small limits (4 KiB bodies, 2 lookups a minute) and a staff token. */
  strict?: boolean;
  status: number;
  problem: ProblemName;
  /** More checks on the problem document. */
  check?: (problem: ProblemJson, answer: Answer) => void;
}

interface ProblemJson {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  i18n: { vi: { title: string; detail: string }; en: { title: string; detail: string } };
  errors?: { field?: string; pointer?: string; code?: string; keyword?: string }[];
  reason?: string;
}

const json = { 'content-type': 'application/json' };
const english = { 'accept-language': 'en' };
const withKey = () => ({ ...json, 'idempotency-key': newKey() });

/** A dossier body as text, with `answers` replaced by `answersJson` verbatim. */
const birthWith = (answersJson: string) =>
  `{"procedure":"birth-registration","version":"1.0.0","answers":${answersJson}}`;
/** The valid birth answers as JSON, with `extra` (raw JSON members) added at the start. */
const birthAnswersWith = (extra: string) => `{${extra},${JSON.stringify(BIRTH.answers).slice(1)}`;

/** A raw HTTP/1.1 request, header values and body as bytes, closing the connection after. */
function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string | Buffer>,
  body: Buffer = Buffer.alloc(0),
): Buffer {
  const lines: Buffer[] = [Buffer.from(`${method} ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n`)];
  for (const [name, value] of Object.entries(headers)) {
    lines.push(Buffer.from(`${name}: `), Buffer.from(value), Buffer.from('\r\n'));
  }
  lines.push(Buffer.from(`content-length: ${body.length}\r\nconnection: close\r\n\r\n`), body);
  return Buffer.concat(lines);
}

/** Sends `bytes` on a new connection and reads the whole response (the server closes it). */
function sendRaw(port: number, bytes: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    // The server may reset the connection after its answer (it destroys a socket whose request
    // Node's parser refused): what arrived before counts.
    socket.on('error', (error) => {
      if (chunks.length === 0) reject(error);
    });
    socket.on('close', () => {
      if (chunks.length === 0) return;
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...headerLines] = text.slice(0, split).split('\r\n');
      const headers = new Headers();
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      }
      let body = text.slice(split + 4);
      if (headers.get('transfer-encoding') === 'chunked') {
        let plain = '';
        for (;;) {
          const end = body.indexOf('\r\n');
          const size = parseInt(body.slice(0, end), 16);
          if (!size) break;
          plain += body.slice(end + 2, end + 2 + size);
          body = body.slice(end + 2 + size + 2);
        }
        body = plain;
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.end(bytes);
  });
}

/** The arrays `depth` deep: `[[[…]]]`. */
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('malformed requests over HTTP', () => {
  let db: Database;
  let strictDb: Database;
  let server: FastifyInstance;
  let strict: FastifyInstance;
  let port: number;
  let strictPort: number;
  /** A stored dossier, for the routes under /api/dossiers/<code>. */
  let dossier: {
    dossierCode: string;
    accessCode: string;
    files: { field: string; name: string }[];
  };

  before(async () => {
    [db, strictDb] = await Promise.all([openMemoryPglite(), openMemoryPglite()]);
    server = await testServer(db);
    strict = await testServer(strictDb, {
      limits: { bodyBytes: 4096, requestsPerMinute: 100_000, lookupsPerMinute: 2 },
      staffToken: 'volunteers-only-token',
    });
    await server.listen({ port: 0, host: '127.0.0.1' });
    await strict.listen({ port: 0, host: '127.0.0.1' });
    port = (server.server.address() as { port: number }).port;
    strictPort = (strict.server.address() as { port: number }).port;
    const stored = await fetch(`http://127.0.0.1:${port}/api/dossiers`, {
      method: 'POST',
      headers: withKey(),
      body: JSON.stringify(BIRTH),
    });
    assert.equal(stored.status, 201);
    dossier = (await stored.json()) as typeof dossier;
  });
  after(async () => {
    await server?.close();
    await strict?.close();
    await db?.close();
    await strictDb?.close();
  });

  const rows: Row[] = [
    // The body as JSON.
    {
      name: 'invalid JSON',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: '{"procedure": birth-registration}',
      status: 400,
      problem: 'invalid-json',
    },
    {
      name: 'truncated JSON',
      method: 'POST',
      path: '/api/dossiers',
      headers: { ...withKey(), ...english },
      body: JSON.stringify(BIRTH).slice(0, 60),
      status: 400,
      problem: 'invalid-json',
    },
    {
      name: 'an empty body with a JSON content type',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: '',
      status: 400,
      problem: 'invalid-json',
    },
    {
      name: 'a JSON array as the body',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: '[1, 2, 3]',
      status: 400,
      problem: 'invalid-request',
    },
    {
      name: 'a JSON string as the body',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: '"birth-registration"',
      status: 400,
      problem: 'invalid-request',
    },
    {
      name: 'a JSON number as the body',
      method: 'POST',
      path: '/api/tickets',
      headers: json,
      body: '42',
      status: 400,
      problem: 'invalid-request',
    },
    {
      name: 'JSON null as the body',
      method: 'POST',
      path: '/api/dossiers',
      headers: { ...withKey(), ...english },
      body: 'null',
      status: 400,
      problem: 'invalid-request',
    },
    {
      name: 'bytes that are not UTF-8 in the body',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: Buffer.concat([
        Buffer.from('{"procedure":"birth-registration","version":"1.0.0","answers":{"childName":"'),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1]),
        Buffer.from('"}}'),
      ]),
      status: 400,
      problem: 'invalid-json',
    },
    // The content type.
    {
      name: 'text/plain',
      method: 'POST',
      path: '/api/dossiers',
      headers: { 'content-type': 'text/plain', 'idempotency-key': newKey() },
      body: JSON.stringify(BIRTH),
      status: 415,
      problem: 'unsupported-media-type',
      check: (problem) => assert.match(problem.detail, /application\/json/),
    },
    {
      name: 'form-urlencoded',
      method: 'POST',
      path: '/api/tickets',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...english },
      body: 'counter=1',
      status: 415,
      problem: 'unsupported-media-type',
      check: (problem) => assert.match(problem.detail, /Content-Type: application\/json/),
    },
    {
      name: 'no content type',
      method: 'POST',
      path: '/api/dossiers',
      headers: { 'idempotency-key': newKey() },
      body: new TextEncoder().encode(JSON.stringify(BIRTH)),
      status: 415,
      problem: 'unsupported-media-type',
    },
    // Sizes and depths.
    {
      name: 'a body over the 1 MiB limit',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: birthWith(JSON.stringify({ childName: 'a'.repeat(1024 * 1024 + 10) })),
      status: 413,
      problem: 'body-too-large',
    },
    {
      name: 'a body over a configured 4 KiB limit',
      method: 'POST',
      path: '/api/tickets',
      headers: { ...json, ...english },
      body: JSON.stringify({ counter: '1', procedure: 'x'.repeat(5000) }),
      strict: true,
      status: 413,
      problem: 'body-too-large',
      check: (problem) => assert.match(problem.detail, /4 KB/),
    },
    {
      name: 'a huge string value in the answers',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: birthWith(JSON.stringify({ ...BIRTH.answers, childName: 'Nguyễn '.repeat(100_000) })),
      status: 422,
      problem: 'invalid-answers',
      check: (problem) => assert.ok(problem.errors?.some((error) => error.field === 'childName')),
    },
    {
      name: 'a huge string as the procedure id',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: JSON.stringify({ ...BIRTH, procedure: 'p'.repeat(500_000) }),
      status: 400,
      problem: 'invalid-request',
    },
    {
      name: 'arrays nested 10,000 deep in the answers',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: birthWith(`{"childName":${nested(10_000)}}`),
      status: 400,
      problem: 'invalid-request',
    },
    {
      name: 'arrays nested 10,000 deep in a draft',
      method: 'POST',
      path: '/api/drafts',
      headers: json,
      body: birthWith(`{"childName":${nested(10_000)}}`),
      status: 400,
      problem: 'invalid-request',
    },
    {
      name: 'arrays nested 10,000 deep as the body',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: nested(10_000),
      status: 400,
      problem: 'invalid-request',
    },
    // The Idempotency-Key.
    {
      name: 'no Idempotency-Key',
      method: 'POST',
      path: '/api/dossiers',
      headers: json,
      body: JSON.stringify(BIRTH),
      status: 400,
      problem: 'missing-idempotency-key',
    },
    {
      name: 'an empty Idempotency-Key',
      method: 'POST',
      path: '/api/dossiers',
      headers: { ...json, ...english, 'idempotency-key': '' },
      body: JSON.stringify(BIRTH),
      status: 400,
      problem: 'missing-idempotency-key',
    },
    {
      name: 'an Idempotency-Key too short',
      method: 'POST',
      path: '/api/dossiers',
      headers: { ...json, 'idempotency-key': 'abc' },
      body: JSON.stringify(BIRTH),
      status: 400,
      problem: 'invalid-idempotency-key',
    },
    {
      name: 'an Idempotency-Key with spaces',
      method: 'POST',
      path: '/api/dossiers',
      headers: { ...json, 'idempotency-key': 'my key with spaces' },
      body: JSON.stringify(BIRTH),
      status: 400,
      problem: 'invalid-idempotency-key',
    },
    {
      name: 'an Idempotency-Key of 256 characters',
      method: 'POST',
      path: '/api/dossiers',
      headers: { ...json, 'idempotency-key': 'k'.repeat(256) },
      body: JSON.stringify(BIRTH),
      status: 400,
      problem: 'invalid-idempotency-key',
    },
    {
      name: 'an Idempotency-Key in UTF-8 (not a ByteString: raw socket)',
      path: '/api/dossiers',
      raw: (path) =>
        rawRequest(
          'POST',
          path,
          { ...json, 'idempotency-key': Buffer.from('khóa-gửi-hồ-sơ-một-lần', 'utf8') },
          Buffer.from(JSON.stringify(BIRTH)),
        ),
      status: 400,
      problem: 'invalid-idempotency-key',
    },
    {
      name: 'arrays nested 400,000 deep as the body',
      method: 'POST',
      path: '/api/tickets',
      headers: json,
      body: nested(400_000),
      status: 400,
      problem: 'invalid-request',
      check: (problem) => assert.match(problem.i18n.en.detail, /more than 32 levels/),
    },
    // What the dossier says.
    {
      name: 'an unknown procedure',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: JSON.stringify({ ...BIRTH, procedure: 'no-such-procedure' }),
      status: 404,
      problem: 'unknown-procedure',
      check: (problem) => {
        assert.match(problem.detail, /no-such-procedure/);
        assert.match(problem.detail, /birth-registration/);
      },
    },
    {
      name: 'a version that is not the one in force',
      method: 'POST',
      path: '/api/dossiers',
      headers: { ...withKey(), ...english },
      body: JSON.stringify({ ...BIRTH, version: '0.9.0' }),
      status: 409,
      problem: 'procedure-version-mismatch',
      check: (problem) => assert.match(problem.detail, /version 0\.9\.0 .* version 1\.0\.0/),
    },
    {
      name: 'no answers',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: JSON.stringify({ procedure: BIRTH.procedure, version: BIRTH.version }),
      status: 400,
      problem: 'invalid-request',
      check: (problem) => assert.match(problem.detail, /body\.answers/),
    },
    {
      name: 'no procedure',
      method: 'POST',
      path: '/api/dossiers',
      headers: { ...withKey(), ...english },
      body: JSON.stringify({ version: BIRTH.version, answers: BIRTH.answers }),
      status: 400,
      problem: 'invalid-request',
      check: (problem) => assert.match(problem.detail, /body\.procedure is missing/),
    },
    {
      name: 'no version',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: JSON.stringify({ procedure: BIRTH.procedure, answers: BIRTH.answers }),
      status: 400,
      problem: 'invalid-request',
      check: (problem) => assert.match(problem.i18n.en.detail, /body\.version is missing/),
    },
    {
      name: 'answers that are an array',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: JSON.stringify({ ...BIRTH, answers: [BIRTH.answers] }),
      status: 400,
      problem: 'invalid-request',
      check: (problem) => assert.match(problem.i18n.en.detail, /body\.answers must be of type/),
    },
    {
      name: 'answers that are a string',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: JSON.stringify({ ...BIRTH, answers: 'childName=An' }),
      status: 400,
      problem: 'invalid-request',
    },
    {
      name: 'an extra top-level property',
      method: 'POST',
      path: '/api/dossiers',
      headers: { ...withKey(), ...english },
      body: JSON.stringify({ ...BIRTH, admin: true }),
      status: 400,
      problem: 'invalid-request',
      check: (problem) => assert.match(problem.detail, /body\.admin is not taken here/),
    },
    {
      name: '__proto__ at the top level',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: `{"__proto__":{"isAdmin":true},${JSON.stringify(BIRTH).slice(1)}`,
      status: 400,
      problem: 'forbidden-key',
      check: (problem) => assert.match(problem.detail, /__proto__/),
    },
    {
      name: '__proto__ inside the answers',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: birthWith(birthAnswersWith('"__proto__":{"polluted":"yes"}')),
      status: 400,
      problem: 'forbidden-key',
    },
    {
      name: '__proto__ inside a draft’s answers',
      method: 'POST',
      path: '/api/drafts',
      headers: json,
      body: birthWith('{"__proto__":{"polluted":"yes"}}'),
      status: 400,
      problem: 'forbidden-key',
    },
    {
      name: 'constructor.prototype in the answers',
      method: 'POST',
      path: '/api/dossiers',
      headers: { ...withKey(), ...english },
      body: birthWith(birthAnswersWith('"constructor":{"prototype":{"polluted":"yes"}}')),
      status: 400,
      problem: 'forbidden-key',
      check: (problem) => assert.match(problem.detail, /"constructor"/),
    },
    {
      name: 'a constructor key in the answers',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: birthWith(birthAnswersWith('"constructor":"Nguyễn Văn An"')),
      status: 400,
      problem: 'forbidden-key',
    },
    {
      name: 'a prototype key in the answers',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: birthWith(birthAnswersWith('"prototype":{"polluted":"yes"}')),
      status: 400,
      problem: 'forbidden-key',
      check: (problem) => assert.match(problem.detail, /"prototype"/),
    },
    {
      name: 'answers that break a rule of the procedure',
      method: 'POST',
      path: '/api/dossiers',
      headers: { ...withKey(), ...english },
      body: JSON.stringify({ ...BIRTH, answers: { ...BIRTH.answers, childEthnicity: 'tay' } }),
      status: 422,
      problem: 'invalid-answers',
      check: (problem) => {
        assert.ok(Array.isArray(problem.errors) && problem.errors.length > 0);
        assert.ok(problem.errors.some((error) => error.field === 'childEthnicity'));
        assert.match(problem.detail, /Fix them and send again/);
      },
    },
    {
      name: 'an unsupported locale',
      method: 'POST',
      path: '/api/dossiers',
      headers: withKey(),
      body: JSON.stringify({ ...BIRTH, locale: 'fr' }),
      status: 400,
      problem: 'invalid-request',
      check: (problem) => assert.match(problem.detail, /"vi", "en"/),
    },
    // Queue tickets.
    {
      name: 'a ticket at an unknown counter',
      method: 'POST',
      path: '/api/tickets',
      headers: json,
      body: JSON.stringify({ counter: '99' }),
      status: 404,
      problem: 'unknown-counter',
      check: (problem) => assert.match(problem.detail, /"99"/),
    },
    {
      name: 'a ticket with neither a counter nor a procedure',
      method: 'POST',
      path: '/api/tickets',
      headers: { ...json, ...english },
      body: JSON.stringify({}),
      status: 400,
      problem: 'invalid-request',
      check: (problem) =>
        assert.match(
          problem.detail,
          /body\.counter is missing; body\.procedure is missing; body needs at least one of those/,
        ),
    },
    {
      name: 'a ticket whose counter is a number',
      method: 'POST',
      path: '/api/tickets',
      headers: json,
      body: JSON.stringify({ counter: 1 }),
      status: 400,
      problem: 'invalid-request',
    },
    {
      name: 'a ticket for an unknown procedure',
      method: 'POST',
      path: '/api/tickets',
      headers: json,
      body: JSON.stringify({ counter: '1', procedure: 'no-such-procedure' }),
      status: 404,
      problem: 'unknown-procedure',
    },
    // Drafts.
    {
      name: 'a draft of an unknown procedure',
      method: 'POST',
      path: '/api/drafts',
      headers: json,
      body: JSON.stringify({ ...BIRTH, procedure: 'no-such-procedure' }),
      status: 404,
      problem: 'unknown-procedure',
    },
    {
      name: 'an unknown resume code',
      method: 'GET',
      path: '/api/drafts/7K3Q-F9XD-2M4T',
      headers: english,
      status: 404,
      problem: 'unknown-resume-code',
      check: (problem) => assert.match(problem.detail, /Check the code/),
    },
    {
      name: 'a malformed resume code',
      method: 'GET',
      path: '/api/drafts/not-a-code!',
      status: 404,
      problem: 'unknown-resume-code',
    },
    {
      name: 'a resume code over 40 characters',
      method: 'GET',
      path: `/api/drafts/${'A'.repeat(41)}`,
      status: 400,
      problem: 'invalid-request',
    },
    // Dossiers after filing.
    {
      name: 'a dossier’s status without its access code',
      method: 'GET',
      path: () => `/api/dossiers/${dossier.dossierCode}`,
      status: 404,
      problem: 'unknown-dossier',
    },
    {
      name: 'a dossier’s status with a wrong access code',
      method: 'GET',
      path: () => `/api/dossiers/${dossier.dossierCode}`,
      headers: { authorization: 'Bearer 0000-0000', ...english },
      status: 404,
      problem: 'unknown-dossier',
      check: (problem) => assert.match(problem.detail, /Check both codes/),
    },
    {
      name: 'files for an unknown dossier',
      method: 'POST',
      path: '/api/dossiers/HS-20260101-DEMO-9999/files',
      headers: {
        'content-type': 'multipart/form-data; boundary=x',
        authorization: 'Bearer 0000-0000',
      },
      body: '--x\r\ncontent-disposition: form-data; name="birthNoticeScan"; filename="a.pdf"\r\n\r\n%PDF\r\n--x--\r\n',
      status: 404,
      problem: 'unknown-dossier',
    },
    {
      name: 'files sent as JSON',
      method: 'POST',
      path: () => `/api/dossiers/${dossier.dossierCode}/files`,
      headers: () => ({ ...json, authorization: `Bearer ${dossier.accessCode}` }),
      body: JSON.stringify({ birthNoticeScan: 'JVBERi0=' }),
      status: 415,
      problem: 'unsupported-media-type',
      check: (problem) => assert.match(problem.detail, /multipart\/form-data/),
    },
    {
      name: 'files as multipart without a boundary',
      method: 'POST',
      path: () => `/api/dossiers/${dossier.dossierCode}/files`,
      headers: () => ({
        'content-type': 'multipart/form-data',
        authorization: `Bearer ${dossier.accessCode}`,
      }),
      body: '--x\r\n\r\n',
      status: 400,
      problem: 'invalid-request',
    },
    {
      name: 'files as multipart that is not multipart',
      method: 'POST',
      path: () => `/api/dossiers/${dossier.dossierCode}/files`,
      headers: () => ({
        'content-type': 'multipart/form-data; boundary=x',
        authorization: `Bearer ${dossier.accessCode}`,
        ...english,
      }),
      body: 'not a multipart body at all',
      status: 400,
      problem: 'invalid-request',
      check: (problem) => assert.match(problem.detail, /multipart\/form-data body is broken/),
    },
    {
      name: 'a declared file cut short',
      method: 'POST',
      path: () => `/api/dossiers/${dossier.dossierCode}/files`,
      headers: () => ({
        'content-type': 'multipart/form-data; boundary=x',
        authorization: `Bearer ${dossier.accessCode}`,
      }),
      body: () =>
        `--x\r\ncontent-disposition: form-data; name="${dossier.files[0]?.field}"; filename="${dossier.files[0]?.name}"\r\ncontent-type: application/pdf\r\n\r\n%PDF-1.4 cut`,
      status: 400,
      problem: 'invalid-request',
    },
    {
      name: 'a file part without a field name',
      method: 'POST',
      path: () => `/api/dossiers/${dossier.dossierCode}/files`,
      headers: () => ({
        'content-type': 'multipart/form-data; boundary=x',
        authorization: `Bearer ${dossier.accessCode}`,
      }),
      body: '--x\r\ncontent-disposition: form-data; filename="a.pdf"\r\n\r\n%PDF-1.4\r\n--x--\r\n',
      status: 422,
      problem: 'file-not-declared',
    },
    // Help calls.
    {
      name: 'a help call whose id is not a number',
      method: 'PATCH',
      path: '/api/help/abc',
      headers: json,
      body: JSON.stringify({ status: 'taken' }),
      status: 400,
      problem: 'invalid-request',
    },
    {
      name: 'an unknown help call',
      method: 'PATCH',
      path: '/api/help/999999',
      headers: { ...json, ...english },
      body: JSON.stringify({ status: 'done' }),
      status: 404,
      problem: 'unknown-help-request',
      check: (problem) => assert.match(problem.detail, /999999/),
    },
    {
      name: 'a help call with a status it cannot take',
      method: 'PATCH',
      path: '/api/help/1',
      headers: json,
      body: JSON.stringify({ status: 'closed' }),
      status: 400,
      problem: 'invalid-request',
      check: (problem) => assert.match(problem.detail, /"taken", "done"/),
    },
    {
      name: 'a help call without a kiosk',
      method: 'POST',
      path: '/api/help',
      headers: json,
      body: '{}',
      status: 400,
      problem: 'invalid-request',
    },
    // The address and HTTP itself.
    {
      name: 'a broken %-escape in the path',
      method: 'GET',
      path: '/api/drafts/%E0%A4%A',
      headers: english,
      status: 400,
      problem: 'invalid-request',
      check: (problem) => assert.match(problem.detail, /percent-encoding/),
    },
    {
      name: 'a path parameter over 100 characters',
      method: 'GET',
      path: `/api/dossiers/HS-${'9'.repeat(120)}`,
      status: 400,
      problem: 'invalid-request',
    },
    {
      name: 'a header name with a space in it (raw socket)',
      path: '/api/health',
      raw: (path) =>
        Buffer.from(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nbad header: 1\r\n\r\n`),
      status: 400,
      problem: 'invalid-request',
      check: (problem) => assert.match(problem.i18n.en.detail, /HTTP request is malformed/),
    },
    {
      name: 'a control character in a header value (raw socket)',
      path: '/api/tickets',
      raw: (path) =>
        rawRequest('POST', path, { ...json, 'x-note': 'a\u0001b' }, Buffer.from('{"counter":"1"}')),
      status: 400,
      problem: 'invalid-request',
    },
    {
      name: 'both Content-Length and Transfer-Encoding (raw socket)',
      path: '/api/tickets',
      raw: (path) =>
        Buffer.from(
          `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
            'content-length: 5\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n',
        ),
      status: 400,
      problem: 'invalid-request',
    },
    {
      name: 'headers over 16 KB (raw socket)',
      path: '/api/health',
      raw: (path) =>
        Buffer.from(
          `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncookie: ${'a'.repeat(20_000)}\r\n\r\n`,
        ),
      status: 431,
      problem: 'headers-too-large',
    },
    {
      name: 'the volunteers’ list without the staff token',
      method: 'GET',
      path: '/api/help',
      strict: true,
      status: 401,
      problem: 'unauthorized',
    },
    {
      name: 'the volunteers’ stream with a wrong staff token',
      method: 'GET',
      path: '/api/help/stream',
      headers: { authorization: 'Bearer not-the-token', ...english },
      strict: true,
      status: 401,
      problem: 'unauthorized',
    },
    // Routes and methods.
    {
      name: 'an unknown route',
      method: 'GET',
      path: '/api/nothing-here?x=1',
      status: 404,
      problem: 'not-found',
      check: (problem) => assert.match(problem.detail, /GET \/api\/nothing-here\./),
    },
    {
      name: 'a method a route does not take',
      method: 'DELETE',
      path: '/api/dossiers',
      headers: english,
      status: 404,
      problem: 'not-found',
    },
    // Rate limits: the third lookup in a minute, at a limit of 2.
    ...[1, 2].map((n): Row => ({
      name: `lookup ${n} of 2 allowed in a minute`,
      method: 'GET',
      path: '/api/drafts/XXXX',
      strict: true,
      status: 404,
      problem: 'unknown-resume-code',
    })),
    {
      name: 'a third lookup in a minute',
      method: 'GET',
      path: '/api/drafts/XXXX',
      strict: true,
      status: 429,
      problem: 'rate-limited',
      check: (problem, answer) => {
        const retryAfter = Number(answer.headers.get('retry-after'));
        assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After: ${retryAfter}`);
        assert.match(problem.i18n.vi.detail, /Hãy đợi \d+ giây/);
      },
    },
  ];

  const statuses: number[] = [];

  it('has at least 35 rows', () => assert.ok(rows.length >= 35, `${rows.length} rows`));

  for (const row of rows) {
    it(`answers ${row.status} ${row.problem} to ${row.name}`, async () => {
      const to = row.strict ? strictPort : port;
      const path = typeof row.path === 'function' ? row.path() : row.path;
      const headers = typeof row.headers === 'function' ? row.headers() : (row.headers ?? {});
      let answer: Answer;
      if (row.raw) {
        answer = await sendRaw(to, row.raw(path));
      } else {
        const response = await fetch(`http://127.0.0.1:${to}${path}`, {
          method: row.method ?? 'GET',
          headers,
          body: typeof row.body === 'function' ? row.body() : row.body,
        });
        answer = {
          status: response.status,
          headers: response.headers,
          body: await response.text(),
        };
      }
      statuses.push(answer.status);

      assert.equal(answer.status, row.status, answer.body.slice(0, 500));
      assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      const problem = JSON.parse(answer.body) as ProblemJson;
      assert.equal(problem.type, problemType(row.problem));
      assert.equal(problem.status, row.status);
      assert.ok(problem.title, 'a title');
      for (const detail of [problem.detail, problem.i18n.vi.detail, problem.i18n.en.detail]) {
        assert.equal(typeof detail, 'string');
        assert.ok(detail.trim().length > 0, 'a detail');
      }
      assert.equal(problem.i18n.vi.detail, problem.i18n.vi.detail.normalize('NFC'));
      for (const text of [problem.i18n.vi.detail, problem.i18n.en.detail]) {
        assert.doesNotMatch(text, /\{\w+\}/, 'every placeholder filled');
      }
      // English words leaking into the Vietnamese text (a parser's message, say).
      assert.doesNotMatch(
        problem.i18n.vi.detail,
        /\b(the|is|are|must|should|please|send|missing|not valid)\b/i,
        'Vietnamese detail in Vietnamese',
      );
      assert.equal(problem.i18n.vi.title, problem.i18n.vi.title.normalize('NFC'));
      const asked = headers['accept-language'];
      assert.equal(
        problem.detail,
        asked === 'en' ? problem.i18n.en.detail : problem.i18n.vi.detail,
        'detail in the language asked for',
      );
      // A stack frame ("at /srv/…", "at fn (/srv/x.js:1:2)"), a source path or a stack member.
      assert.doesNotMatch(answer.body, /\bat \/(?!api\/)|\.ts:|\.[cm]?js:\d|node_modules|\/work\//);
      assert.equal('stack' in problem, false);
      row.check?.(problem, answer);
    });
  }

  it('never answered 500 to any of them', () => {
    assert.equal(statuses.length, rows.length);
    assert.deepEqual(
      statuses.filter((status) => status >= 500),
      [],
    );
  });

  it('still files a good dossier and answers its health check after all of them', async () => {
    const stored = await fetch(`http://127.0.0.1:${port}/api/dossiers`, {
      method: 'POST',
      headers: withKey(),
      body: JSON.stringify(BIRTH),
    });
    assert.equal(stored.status, 201);
    assert.match(((await stored.json()) as { dossierCode: string }).dossierCode, /^HS-\d{8}-/);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { status: string }).status, 'ok');
  });
});
