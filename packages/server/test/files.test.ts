import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Database } from '@motcua/server';
import { BACKENDS, BIRTH, newKey, postgresSkip, testServer } from './helpers.js';

/** What the birth registration's valid case declares for the birth notice. */
const NOTICE = { field: 'birthNotice', name: 'giay-chung-sinh.pdf', size: 240_000 };
/** The birth notice field's `maxSize` in birth-registration.procedure.json (5 MiB). */
const NOTICE_MAX_SIZE = 5 * 1024 * 1024;

/**
 * A one-page PDF of exactly `size` bytes: header, comment lines as padding, three objects, and a
 * cross-reference table whose offsets are right, so a PDF reader opens it.
 */
function pdf(size: number): Buffer {
  const build = (padding: number) => {
    const filler = [];
    for (let left = padding; left > 0;) {
      // Comment lines of at most 80 bytes: "%" + "x"… + "\n".
      const line = Math.min(80, left);
      filler.push(line === 1 ? '\n' : `%${'x'.repeat(line - 2)}\n`);
      left -= line;
    }
    let text = `%PDF-1.4\n${filler.join('')}`;
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    ];
    const offsets: number[] = [];
    objects.forEach((body, index) => {
      offsets.push(Buffer.byteLength(text));
      text += `${index + 1} 0 obj\n${body}\nendobj\n`;
    });
    const xref = Buffer.byteLength(text);
    text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
    text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return Buffer.from(text, 'latin1');
  };
  let padding = size - build(0).length;
  // The startxref number may gain a digit with the padding: adjust until the size is exact.
  for (let tries = 0; tries < 3 && build(padding).length !== size; tries++) {
    padding += size - build(padding).length;
  }
  const bytes = build(padding);
  assert.equal(bytes.length, size, 'the test PDF has the size asked for');
  return bytes;
}

/** A 1×1 PNG (a real image: signature, IHDR, IDAT, IEND, each chunk with its CRC). */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, truecolour, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 255, 255]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A ZIP archive of exactly `size` bytes: one stored (uncompressed) file. */
function zip(size: number): Buffer {
  const name = Buffer.from('giay-chung-sinh.txt');
  const overhead = 30 + name.length + (46 + name.length) + 22;
  const content = Buffer.alloc(size - overhead, 'a');
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4); // version needed
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(10, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(name.length, 28);
  const centralAt = local.length + name.length + content.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralAt, 16);
  const bytes = Buffer.concat([local, name, content, central, name, end]);
  assert.equal(bytes.length, size, 'the test ZIP has the size asked for');
  return bytes;
}

/** Plain text of exactly `size` bytes. */
function text(size: number): Buffer {
  const line = Buffer.from('Giay chung sinh - day khong phai la tep PDF.\n');
  const bytes = Buffer.alloc(size);
  for (let at = 0; at < size; at += line.length) line.copy(bytes, at);
  return bytes;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Part {
  field: string;
  name: string;
  bytes: Uint8Array;
  type?: string;
}

/** The body and Content-Type a browser's FormData makes for these files. */
async function multipart(parts: readonly Part[]) {
  const form = new FormData();
  for (const part of parts) {
    form.append(part.field, new Blob([part.bytes], { type: part.type ?? '' }), part.name);
  }
  const encoded = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    contentType: encoded.headers.get('content-type') ?? '',
  };
}

for (const backend of BACKENDS) {
  describe(`POST /api/dossiers/{code}/files on ${backend.name}`, async () => {
    const skip = backend.name === 'PostgreSQL' ? await postgresSkip() : false;
    let db: Database;
    let server: FastifyInstance;
    const notice = pdf(NOTICE.size);

    before(async () => {
      if (skip) return;
      db = await backend.open();
      server = await testServer(db, { site: { id: 'HK' } });
    });
    after(async () => {
      await server?.close();
      await db?.close();
    });

    interface Receipt {
      dossierCode: string;
      accessCode: string;
      filesUrl: string;
      statusUrl: string;
      files: { field: string; name: string; size: number; type: string; received: boolean }[];
      missingFiles: number;
    }

    /** A new birth registration, with `birthNotice` replaced when `files` is given. */
    const file = async (files?: { name: string; type: string; size: number }[]) => {
      const answers = files ? { ...BIRTH.answers, birthNotice: files } : BIRTH.answers;
      const response = await server.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: { 'idempotency-key': newKey() },
        payload: { ...BIRTH, answers },
      });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<Receipt>();
    };

    const upload = async (
      receipt: Receipt,
      parts: readonly Part[],
      target: FastifyInstance = server,
      /** `null`: no Authorization header. */
      accessCode: string | null = receipt.accessCode,
    ) => {
      const { payload, contentType } = await multipart(parts);
      return target.inject({
        method: 'POST',
        url: receipt.filesUrl,
        headers: {
          'content-type': contentType,
          ...(accessCode !== null && { authorization: `Bearer ${accessCode}` }),
        },
        payload,
      });
    };
    const theNotice = (bytes: Uint8Array = notice): Part => ({
      field: NOTICE.field,
      name: NOTICE.name,
      bytes,
      type: 'application/pdf',
    });

    const storedFiles = async (receipt: Receipt) =>
      (
        await db.query<{
          name: string;
          type: string;
          size: number;
          sha256: string;
          bytes: Uint8Array;
        }>(
          `SELECT f.name, f.type, f.size, f.sha256, f.bytes FROM dossier_files f
           JOIN dossiers d ON d.id = f.dossier_id WHERE d.code = $1`,
          [receipt.dossierCode],
        )
      ).rows;

    const status = async (receipt: Receipt) =>
      (
        await server.inject({
          url: receipt.statusUrl,
          headers: { authorization: `Bearer ${receipt.accessCode}` },
        })
      ).json<{ status: string; missingFiles: number }>();

    const problemOf = (response: { statusCode: number; json: () => unknown }) => {
      const problem = response.json() as { type: string; status: number; detail: string };
      assert.equal(problem.status, response.statusCode);
      return problem;
    };

    it(
      'lists a declared file as missing on the receipt, and the dossier awaits it',
      { skip },
      async () => {
        const receipt = await file();
        assert.equal(receipt.missingFiles, 1);
        assert.deepEqual(receipt.files, [{ ...NOTICE, type: 'application/pdf', received: false }]);
        const now = await status(receipt);
        assert.equal(now.status, 'awaiting-files');
        assert.equal(now.missingFiles, 1);
      },
    );

    it(
      'takes a paper brought to the counter instead of the upload: listed under papers, nothing missing',
      { skip },
      async () => {
        const response = await server.inject({
          method: 'POST',
          url: '/api/dossiers',
          headers: { 'idempotency-key': newKey() },
          payload: { ...BIRTH, answers: { ...BIRTH.answers, birthNotice: { paper: true } } },
        });
        assert.equal(response.statusCode, 201, response.body);
        const receipt = response.json<
          Receipt & { papers: { field: string; label: { vi: string; en: string } }[] }
        >();
        assert.deepEqual(receipt.files, []);
        assert.equal(receipt.missingFiles, 0);
        assert.equal(receipt.papers.length, 1);
        assert.equal(receipt.papers[0]?.field, 'birthNotice');
        assert.match(receipt.papers[0]!.label.vi, /[Gg]iấy chứng sinh/);
        assert.ok(receipt.papers[0]!.label.en.length > 0);
        assert.equal((await status(receipt)).status, 'received');
        const { rows } = await db.query<{ answers: Record<string, unknown> }>(
          'SELECT answers FROM dossiers WHERE code = $1',
          [receipt.dossierCode],
        );
        assert.deepEqual(rows[0]?.answers.birthNotice, { paper: true });
      },
    );

    it(
      'stores the bytes sent with the access code, with their SHA-256, and the dossier is received',
      { skip },
      async () => {
        const receipt = await file();
        const response = await upload(receipt, [theNotice()]);
        assert.equal(response.statusCode, 200, response.body);
        const body = response.json<{
          status: string;
          missingFiles: number;
          files: { received: boolean; sha256?: string; type: string }[];
        }>();
        assert.equal(body.status, 'received');
        assert.equal(body.missingFiles, 0);
        assert.equal(body.files[0]?.received, true);
        assert.equal(body.files[0]?.sha256, sha256(notice));
        assert.equal(body.files[0]?.type, 'application/pdf');

        const rows = await storedFiles(receipt);
        assert.equal(rows.length, 1);
        assert.equal(rows[0]?.sha256, sha256(notice));
        assert.equal(rows[0]?.size, NOTICE.size);
        assert.ok(Buffer.from(rows[0]!.bytes).equals(notice), 'the stored bytes are those sent');
        assert.equal((await status(receipt)).status, 'received');
      },
    );

    it('takes the same file sent again without storing it twice', { skip }, async () => {
      const receipt = await file();
      assert.equal((await upload(receipt, [theNotice()])).statusCode, 200);
      const again = await upload(receipt, [theNotice()]);
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json().status, 'received');
      const rows = await storedFiles(receipt);
      assert.equal(rows.length, 1);
      assert.ok(Buffer.from(rows[0]!.bytes).equals(notice));
    });

    it('accepts a photo by its content and stores it as image/png', { skip }, async () => {
      const photo = png();
      const receipt = await file([
        { name: 'giay-chung-sinh.png', type: 'image/png', size: photo.length },
      ]);
      const response = await upload(receipt, [
        { field: NOTICE.field, name: 'giay-chung-sinh.png', bytes: photo, type: 'image/png' },
      ]);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().status, 'received');
      const rows = await storedFiles(receipt);
      assert.equal(rows[0]?.type, 'image/png');
      assert.equal(rows[0]?.sha256, sha256(photo));
    });

    it(
      'refuses a file named .pdf whose content is text or a ZIP (415), and stores nothing',
      { skip },
      async () => {
        const receipt = await file();
        const plain = await upload(receipt, [theNotice(text(NOTICE.size))]);
        assert.equal(plain.statusCode, 415, plain.body);
        assert.equal(problemOf(plain).type, 'tag:motcua,2026:problem/file-type-not-accepted');
        assert.match(
          plain.json().i18n.en.detail,
          /not recognised, but this item takes only PDF, JPEG, PNG/,
        );

        const archive = await upload(receipt, [theNotice(zip(NOTICE.size))], server);
        assert.equal(archive.statusCode, 415, archive.body);
        assert.equal(problemOf(archive).type, 'tag:motcua,2026:problem/file-type-not-accepted');
        assert.match(archive.json().i18n.en.detail, /"giay-chung-sinh\.pdf" is ZIP/);
        assert.match(archive.json().i18n.vi.detail, /chỉ nhận PDF, JPEG, PNG/);
        assert.equal((await storedFiles(receipt)).length, 0);
        assert.equal((await status(receipt)).status, 'awaiting-files');
      },
    );

    it(
      'refuses a file whose size is not the declared size (422), and stores nothing',
      { skip },
      async () => {
        const receipt = await file();
        const response = await upload(receipt, [theNotice(pdf(NOTICE.size - 1000))]);
        assert.equal(response.statusCode, 422, response.body);
        assert.equal(problemOf(response).type, 'tag:motcua,2026:problem/file-size-mismatch');
        assert.match(response.json().i18n.en.detail, /239000 bytes, but the dossier lists 240000/);
        assert.equal((await storedFiles(receipt)).length, 0);
      },
    );

    it(
      'refuses a file the dossier does not declare, by name or by field (422)',
      { skip },
      async () => {
        const receipt = await file();
        const otherName = await upload(receipt, [{ ...theNotice(), name: 'anh-ca-nhan.pdf' }]);
        const otherField = await upload(receipt, [{ ...theNotice(), field: 'witnessStatement' }]);
        for (const response of [otherName, otherField]) {
          assert.equal(response.statusCode, 422, response.body);
          assert.equal(problemOf(response).type, 'tag:motcua,2026:problem/file-not-declared');
          assert.match(response.json().i18n.en.detail, /birthNotice: giay-chung-sinh\.pdf/);
        }
        assert.equal((await storedFiles(receipt)).length, 0);
      },
    );

    it(
      'refuses a file larger than the field’s maxSize, or than limits.fileBytes (413)',
      { skip },
      async () => {
        const receipt = await file();
        const huge = await upload(receipt, [theNotice(pdf(NOTICE_MAX_SIZE + 1))]);
        assert.equal(huge.statusCode, 413, huge.body);
        assert.equal(problemOf(huge).type, 'tag:motcua,2026:problem/file-too-large');
        assert.match(huge.json().i18n.en.detail, /"giay-chung-sinh\.pdf" is larger than 5 MB/);

        // A site that takes files of at most 100 KB: the declared 240 KB notice is too large.
        const small = await testServer(db, { site: { id: 'HK' }, limits: { fileBytes: 100_000 } });
        try {
          const tooLarge = await upload(receipt, [theNotice()], small);
          assert.equal(tooLarge.statusCode, 413, tooLarge.body);
          assert.equal(problemOf(tooLarge).type, 'tag:motcua,2026:problem/file-too-large');
          assert.match(
            tooLarge.json().i18n.en.detail,
            /"giay-chung-sinh\.pdf" is larger than 98 KB/,
          );
        } finally {
          await small.close();
        }
        assert.equal((await storedFiles(receipt)).length, 0);
      },
    );

    it(
      'answers 404 unknown-dossier without the access code or with a wrong one, and stores nothing',
      { skip },
      async () => {
        const receipt = await file();
        const none = await upload(receipt, [theNotice()], server, null);
        const wrong = await upload(receipt, [theNotice()], server, '0000-0000');
        for (const response of [none, wrong]) {
          assert.equal(response.statusCode, 404, response.body);
          assert.equal(problemOf(response).type, 'tag:motcua,2026:problem/unknown-dossier');
        }
        assert.equal((await storedFiles(receipt)).length, 0);
      },
    );

    it('refuses a JSON body with 415: files come as multipart/form-data', { skip }, async () => {
      const receipt = await file();
      const response = await server.inject({
        method: 'POST',
        url: receipt.filesUrl,
        headers: { authorization: `Bearer ${receipt.accessCode}` },
        payload: { birthNotice: notice.toString('base64') },
      });
      assert.equal(response.statusCode, 415, response.body);
      assert.equal(problemOf(response).type, 'tag:motcua,2026:problem/unsupported-media-type');
      assert.match(response.json().i18n.en.detail, /Content-Type: multipart\/form-data/);
      assert.equal((await storedFiles(receipt)).length, 0);
    });
  });
}
