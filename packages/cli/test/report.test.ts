// `motcua report` against a real motcua server (embedded PGlite) over HTTP: the tables a
// reviewer reads, in Vietnamese and English, and the one-line errors when the server cannot help.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '@motcua/server';
import { createServer, openMemoryPglite } from '@motcua/server';
import { root, run } from './helpers.js';

const TOKEN = 'staff-token-0123456789abcdef';
/** 03:00 on 1 December in Vietnam. */
const NOW = new Date('2026-11-30T20:00:00Z');
const DAY = '2026-12-01';

const birthAnswers = (
  JSON.parse(
    readFileSync(join(root, 'examples', 'procedures', 'birth-registration.cases.json'), 'utf8'),
  ) as { cases: { valid: boolean; answers: Record<string, unknown> }[] }
).cases.find((c) => c.valid)!.answers;

describe('motcua report', () => {
  let db: Database;
  let server: FastifyInstance;
  let url: string;
  const period = ['--procedure', 'birth-registration', '--from', DAY, '--to', DAY];

  before(async () => {
    delete process.env.MOTCUA_TOKEN;
    db = await openMemoryPglite();
    server = createServer({
      database: db,
      procedures: [{ dir: join(root, 'examples', 'procedures'), packs: ['@motcua/vn/pack'] }],
      cwd: root,
      staffToken: TOKEN,
      now: () => NOW,
    });
    await server.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
    const send = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
      (
        await fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        })
      ).status;
    const session = (outcome: string, last: string, steps: string[], more = {}) =>
      send('/api/insights', {
        procedure: 'birth-registration',
        version: '1.0.0',
        channel: 'kiosk',
        outcome,
        last,
        steps: steps.map((step) => ({ step, ms: 30_000 })),
        ...more,
      });
    const toMother = ['requester', 'child', 'childOrigin', 'mother'];
    assert.equal(
      await session('left', 'mother', toMother, {
        errors: [{ step: 'child', field: 'childName', code: 'required', count: 3 }],
        warnings: [{ step: 'child', field: 'childName', code: 'vn-person-name.typed', count: 1 }],
        help: [{ step: 'mother', count: 2 }],
      }),
      202,
    );
    assert.equal(await session('left', 'mother', toMother), 202);
    assert.equal(
      await session('submitted', 'review', [...toMother, 'fatherStatus', 'copies', 'review']),
      202,
    );
    const dossier = (answers: Record<string, unknown>) =>
      send(
        '/api/dossiers',
        { procedure: 'birth-registration', version: '1.0.0', answers },
        { 'idempotency-key': `test-${randomBytes(12).toString('hex')}` },
      );
    assert.equal(await dossier({ ...birthAnswers, childEthnicity: 'tay' }), 422);
    // The server counts refused dossiers after answering: wait until it has.
    for (let tries = 0; tries < 100; tries++) {
      const { rows } = await db.query(`SELECT 1 FROM insight_counts WHERE kind = 'rejected'`);
      if (rows.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  it('prints where citizens give up, in Vietnamese by default', async () => {
    const { code, stdout, stderr } = await run([
      'report',
      '--server',
      url,
      ...period,
      '--token',
      TOKEN,
    ]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Người dân gặp khó ở đâu: .* từ 01\/12\/2026 đến 01\/12\/2026/);
    assert.match(stdout, /Đăng ký khai sinh.*\(birth-registration 1\.0\.0\)/);
    assert.match(stdout, /Lượt làm: 3 \(nộp được 1, bỏ dở 2; kiosk 3, trực tuyến 0\)/);
    assert.match(stdout, /\nNgười dân bỏ dở ở đâu\n {2}Bước +Đến +Bỏ dở +Tỉ lệ bỏ\n/);
    assert.match(stdout, / {2}Thông tin về mẹ của trẻ +3 +2 +66,7%\n/);
    assert.match(stdout, / {2}Cha của trẻ +1 +0 +0%\n/);
    assert.doesNotMatch(stdout, /Thông tin về cha của trẻ/, 'a step nobody reached is not listed');
    assert.match(
      stdout,
      /\nTrường hay bị sai nhất\n.*\n {2}Họ, chữ đệm và tên của trẻ +required +3 +Nhập họ, chữ đệm và tên của trẻ\n/,
    );
    assert.match(stdout, /\nCảnh báo người dân đã xác nhận\n.*\n.*vn-person-name\.typed +1\n/);
    assert.match(stdout, /\nYêu cầu trợ giúp\n.*\n {2}Thông tin về mẹ của trẻ +2\n/);
    assert.match(stdout, /\nHồ sơ máy chủ từ chối\n {2}1 hồ sơ bị từ chối/);
    assert.match(stdout, /rule\.child-ethnicity-from-parents +1 +\S/);
    assert.match(stdout, /\nThời gian trung bình mỗi bước\n.*\n {2}Thông tin về bạn +30\n/);
  });

  it('prints the same in English with --lang en, with the token from MOTCUA_TOKEN', async () => {
    process.env.MOTCUA_TOKEN = TOKEN;
    try {
      const { code, stdout, stderr } = await run([
        'report',
        '--server',
        `${url}/`,
        ...period,
        '--lang',
        'en',
      ]);
      assert.equal(code, 0, stderr);
      assert.match(stdout, /Where citizens fail: .* from 2026-12-01 to 2026-12-01/);
      assert.match(stdout, /Sessions: 3 \(1 submitted, 2 left; 3 at a kiosk, 0 online\)/);
      assert.match(stdout, /\nWhere citizens give up\n {2}Step +Reached +Left +Drop-off\n/);
      assert.match(stdout, / {2}About the child's mother +3 +2 +66\.7%\n/);
      assert.match(
        stdout,
        /\nFields most often wrong\n.*\n {2}The child's full name +required +3 +Enter the child's full name\n/,
      );
      assert.match(stdout, /\nRefused by the server\n {2}1 dossier\(s\) refused/);
      assert.match(stdout, /\nMean time per step\n/);
    } finally {
      delete process.env.MOTCUA_TOKEN;
    }
  });

  it('prints the report as JSON with --json', async () => {
    const { code, stdout } = await run([
      'report',
      '--server',
      url,
      ...period,
      '--token',
      TOKEN,
      '--json',
    ]);
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as { procedures: { sessions: { total: number } }[] };
    assert.equal(report.procedures[0]?.sessions.total, 3);
  });

  it('says to give the staff token when the server answers 401', async () => {
    const { code, errors, stdout } = await run(['report', '--server', url, ...period]);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.equal(errors.length, 1);
    assert.match(
      errors[0]!,
      /^motcua: .* \(401\); give the site's staff token .* --token or MOTCUA_TOKEN$/,
    );
    const wrong = await run(['report', '--server', url, '--token', 'not-the-token-at-all']);
    assert.equal(wrong.code, 1);
    assert.match(wrong.errors[0]!, /refused the token \(401\)/);
  });

  it('says what the server said when it refuses the question', async () => {
    const { code, errors } = await run([
      'report',
      '--server',
      url,
      '--procedure',
      'no-such-procedure',
      '--token',
      TOKEN,
      '--lang',
      'en',
    ]);
    assert.equal(code, 1);
    assert.match(
      errors[0]!,
      /answered 404: This site does not take the procedure "no-such-procedure"/,
    );
  });

  it('says when the server cannot be reached', async () => {
    // A port that was free a moment ago: nothing listens there now.
    const probe = createNetServer();
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((done) => probe.close(done));
    const { code, errors } = await run(['report', '--server', `http://127.0.0.1:${port}`]);
    assert.equal(code, 1);
    assert.deepEqual(errors, [
      `motcua: cannot reach http://127.0.0.1:${port} (ECONNREFUSED); check --server, and that motcua-server is running there`,
    ]);
  });

  for (const [argv, message] of [
    [[], /report needs --server/],
    [['--server', 'motcua.example.gov.vn'], /is not an http\(s\) address/],
    [['--server', 'http://127.0.0.1:1', '--from', '1/12/2026'], /--from 1\/12\/2026 is not a day/],
    [['--server', 'http://127.0.0.1:1', '--lang', 'fr'], /--lang fr is not a language/],
    [['--server', 'http://127.0.0.1:1', '--colour'], /Unknown option '--colour'/],
  ] as const) {
    it(`refuses ${argv.join(' ') || 'no options'} as wrong usage (exit 2)`, async () => {
      const { code, errors, stdout } = await run(['report', ...argv]);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(errors[0]!, /^motcua: /);
      assert.match(errors[0]!, message);
    });
  }
});
