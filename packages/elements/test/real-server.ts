// What the Node tests of `postDossier` share: the real @motcua/server on PGlite, listening on a
// loopback port (the adapter is tested over real HTTP, not `inject`), the procedures it serves,
// and files whose content the server accepts.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Answers, Procedure } from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';
import { pack } from '@motcua/vn/pack';
import type { Database } from '@motcua/server';
import { BIRTH, REPO, RESIDENCE, testServer } from '../../server/test/helpers.js';

/** A valid birth registration: it declares one file, the birth notice. */
export const BIRTH_ANSWERS = BIRTH.answers as Answers;
/** A valid permanent residence that declares no file. */
export const RESIDENCE_ANSWERS = RESIDENCE.answers as Answers;

/** A procedure as a page has it, as the server loads it; `postDossier` sends its id and version. */
function procedure(file: string): Procedure {
  return loadProcedure(JSON.parse(readFileSync(join(REPO, file), 'utf8')), { packs: [pack] });
}

export const birth = procedure('examples/procedures/birth-registration.procedure.json');
export const residence = procedure('packages/vn/procedures/permanent-residence.procedure.json');

/** The example cases of a procedure, valid or not. */
export function cases(file: string): { name: string; valid: boolean; answers: Answers }[] {
  return (JSON.parse(readFileSync(join(REPO, file), 'utf8')) as { cases: never[] }).cases;
}

/** What BIRTH's answers declare for the birth notice. */
export const NOTICE = { field: 'birthNotice', name: 'giay-chung-sinh.pdf', size: 240_000 };

/**
 * A one-page PDF of exactly `size` bytes (as in packages/server/test/files.test.ts): the server
 * checks a file by its content, so the bytes must really be a PDF.
 */
export function pdf(size: number): Uint8Array<ArrayBuffer> {
  const build = (padding: number) => {
    const filler = [];
    for (let left = padding; left > 0;) {
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
  if (bytes.length !== size) throw new Error(`pdf(${size}) made ${bytes.length} bytes`);
  // A copy on its own ArrayBuffer: a Buffer's type allows a SharedArrayBuffer, no Blob part may.
  return new Uint8Array(bytes);
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The birth notice BIRTH declares, as the citizen chose it: a File, so it has its name. */
export function noticeFile(bytes: Uint8Array<ArrayBuffer> = pdf(NOTICE.size)): File {
  return new File([bytes], NOTICE.name, { type: 'application/pdf' });
}

/** The files of a birth registration, by answer path, as the element hands them over. */
export function birthFiles(notice: File = noticeFile()): Map<string, File[]> {
  return new Map([[NOTICE.field, [notice]]]);
}

/** BIRTH with the child's name changed: another dossier, still valid. */
export function birthOf(childName: string): Answers {
  return { ...BIRTH_ANSWERS, childName };
}

export interface RealServer {
  /** The dossiers endpoint, as a page configures it. */
  endpoint: string;
  /** The server's origin, `http://127.0.0.1:<port>`. */
  origin: string;
  db: Database;
  close(): Promise<void>;
}

/**
 * The real server on `db`, listening on a free loopback port. Files are uploaded through the
 * lookup-limited route, so its limit is raised: the tests send hundreds on purpose.
 */
export async function startServer(db: Database): Promise<RealServer> {
  const server = await testServer(db, {
    site: { id: 'HK' },
    limits: { requestsPerMinute: 100_000, lookupsPerMinute: 100_000 },
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    endpoint: `${origin}/api/dossiers`,
    origin,
    db,
    close: () => server.close(),
  };
}

/** The stored dossiers with this key: 0 or 1 of them, never more. */
export async function rowsWithKey(db: Database, key: string) {
  const { rows } = await db.query<{ id: number; code: string; answers: Answers }>(
    'SELECT id, code, answers FROM dossiers WHERE idempotency_key = $1',
    [key],
  );
  return rows;
}
