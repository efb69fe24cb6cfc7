import { timingSafeEqual } from 'node:crypto';
import { Buffer } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import type { Answers, FeeChannel, Fees, ValidationError } from '@motcua/core';
import { AnswersError } from '@motcua/core';
import {
  canonicalJson,
  dayIn,
  dossierCode,
  groupCode,
  normaliseCode,
  randomCode,
  sha256,
} from '../codes.js';
import type { Context } from '../context.js';
import { localeOf } from '../context.js';
import type { Queryable } from '../db/database.js';
import { accepts, declaredFiles, describeAccept, describeSize } from '../files.js';
import { Problem } from '../problems.js';
import { bilingual } from '../procedures.js';
import { problems, shortId } from '../schemas.js';
import type { InsightCount } from './insights.js';
import { insightDay, recordInsights, rejectedCounts } from './insights.js';

/** What a client sends: the answers of one procedure, and the language the citizen used. */
interface DossierBody {
  procedure: string;
  version: string;
  answers: Record<string, unknown>;
  locale?: 'vi' | 'en';
  /** Where the citizen filed it, for fees that differ by channel; `online` when left out. */
  channel?: FeeChannel;
}

/** The receipt as stored with the dossier and sent again to every retry. */
interface Receipt {
  dossierCode: string;
  accessCode: string;
  receivedAt: string;
  files: { field: string; name: string; size: number; type: string; received: boolean }[];
  missingFiles: number;
  [more: string]: unknown;
}

interface DossierRow {
  id: number;
  code: string;
  request_hash: string;
  receipt: Receipt;
  access_code: string;
  procedure_id: string;
  answers: Answers;
}

/** Letters, digits and `- _ . :`: a UUID, a ULID or any random token of 8 to 255 characters. */
const KEY = /^[A-Za-z0-9._:-]{8,255}$/;
/**
 * The access code: 8 characters of Crockford base-32 (40 bits), printed `XXXX-XXXX`. It guards
 * one known dossier code: at the lookup limit of 20 a minute, guessing it takes 100,000 years.
 */
const ACCESS_CODE_LENGTH = 8;

class KeyTaken extends Error {}

function idempotencyKey(request: FastifyRequest): string {
  const key = request.headers['idempotency-key'];
  if (key === undefined || key === '') throw new Problem('missing-idempotency-key');
  if (typeof key !== 'string' || !KEY.test(key)) throw new Problem('invalid-idempotency-key');
  return key;
}

async function findByKey(db: Queryable, key: string): Promise<DossierRow | undefined> {
  const { rows } = await db.query<DossierRow & Record<string, unknown>>(
    'SELECT id, code, request_hash, receipt, access_code, procedure_id, answers FROM dossiers WHERE idempotency_key = $1',
    [key],
  );
  return rows[0];
}

/** The dossier with this code, when `accessCode` is its access code; the same 404 otherwise. */
async function findByCode(db: Queryable, code: string, accessCode: string | undefined) {
  const given = accessCode && normaliseCode(accessCode, ACCESS_CODE_LENGTH);
  const { rows } = await db.query<DossierRow & Record<string, unknown>>(
    'SELECT id, code, request_hash, receipt, access_code, procedure_id, answers FROM dossiers WHERE code = $1',
    [code],
  );
  const row = rows[0];
  // Compared in constant time, and the same answer for a wrong code and a wrong access code:
  // dossier codes are guessable, so they must not be confirmed without the secret.
  const expected = Buffer.from(row?.access_code ?? 'x'.repeat(ACCESS_CODE_LENGTH));
  const actual = Buffer.from(
    (given || '').padEnd(ACCESS_CODE_LENGTH, '\u0000').slice(0, ACCESS_CODE_LENGTH),
  );
  const same = expected.length === actual.length && timingSafeEqual(expected, actual);
  if (!row || !given || !same) throw new Problem('unknown-dossier');
  return row;
}

/** The access code from `Authorization: Bearer <code>` (or the `accessCode` query). */
function accessCodeOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string' && /^Bearer\s+/i.test(header))
    return header.replace(/^Bearer\s+/i, '');
  const query = request.query as { accessCode?: unknown } | undefined;
  return typeof query?.accessCode === 'string' ? query.accessCode : undefined;
}

interface FileRow {
  field: string;
  name: string;
  size: number;
  type: string;
  sha256: string;
}

/** The declared files with what has arrived, and how many are missing. */
async function fileStatus(db: Queryable, dossier: DossierRow) {
  const { rows } = await db.query<FileRow & Record<string, unknown>>(
    'SELECT field, name, size, type, sha256 FROM dossier_files WHERE dossier_id = $1',
    [dossier.id],
  );
  const files = dossier.receipt.files.map((file) => {
    const stored = rows.find((row) => row.field === file.field && row.name === file.name);
    return stored
      ? { ...file, received: true, type: stored.type, sha256: stored.sha256 }
      : { ...file, received: false };
  });
  return { files, missingFiles: files.filter((file) => !file.received).length };
}

/** The receipt's fees: the very lines and total the page showed on this channel. */
function feesOf(fees: Fees) {
  return {
    channel: fees.channel,
    fees: fees.lines.map((line) => ({
      ...line,
      label: bilingual(line.label),
      ...(line.note !== undefined && { note: bilingual(line.note) }),
    })),
    feeTotal: fees.total,
    feesComplete: fees.complete,
  };
}

export async function dossierRoutes(app: FastifyInstance, context: Context): Promise<void> {
  const { db, procedures, site, checks, now } = context;
  const lookupLimit = { rateLimit: { max: context.limits.lookupsPerMinute, timeWindow: 60_000 } };

  /**
   * Counts a dossier for the review (docs/insights.md), after its answer is decided and apart
   * from its transaction: not awaited, and a failure (even in working out the counts) is only
   * logged, so counting can neither slow nor fail the filing.
   */
  const countInsight = (
    request: FastifyRequest,
    key: { procedure: string; version: string; channel: string },
    counts: () => InsightCount[],
  ) => {
    Promise.resolve()
      .then(() => recordInsights(db, { site: site.id, day: insightDay(context), ...key }, counts()))
      .catch((error: unknown) =>
        request.log.warn({ err: error }, 'the insight counts could not be updated'),
      );
  };

  app.post<{ Body: DossierBody }>(
    '/api/dossiers',
    {
      schema: {
        summary: 'File a dossier, exactly once',
        description:
          'Checks the answers again with the procedure’s own rules and the packs’ checks, then stores them with the Idempotency-Key under a UNIQUE constraint in one transaction. The same key with the same dossier answers the first receipt again (also when the requests race); with another dossier, 422.',
        tags: ['dossiers'],
        headers: {
          type: 'object',
          required: ['idempotency-key'],
          properties: {
            'idempotency-key': {
              type: 'string',
              description: 'Made when the citizen first presses Send; the same for every retry.',
            },
          },
        },
        body: {
          type: 'object',
          required: ['procedure', 'version', 'answers'],
          additionalProperties: false,
          properties: {
            procedure: shortId,
            version: { type: 'string', minLength: 1, maxLength: 50 },
            answers: { type: 'object' },
            locale: { type: 'string', enum: ['vi', 'en'] },
            channel: {
              type: 'string',
              enum: ['online', 'in-person', 'kiosk', 'post'],
              default: 'online',
              description:
                'Where the citizen filed it: the portal (`online`), a self-service `kiosk`, the counter (`in-person`) or by post. It picks the fees on the receipt, as the page showed them.',
            },
          },
        },
        response: { 201: { $ref: 'Receipt#' }, ...problems },
      },
      // The header is checked by hand (for its own problem types), not by the schema.
      attachValidation: true,
    },
    async (request, reply) => {
      const key = idempotencyKey(request);
      if (request.validationError) throw request.validationError;
      const body = request.body;
      const locale = body.locale ?? localeOf(request);
      const requestHash = sha256(
        canonicalJson({ procedure: body.procedure, version: body.version, answers: body.answers }),
      );

      const replay = (row: DossierRow) => {
        if (row.request_hash !== requestHash) throw new Problem('idempotency-key-reused');
        return reply.code(201).header('idempotent-replayed', 'true').send(row.receipt);
      };
      // A retry of a stored dossier gets its receipt, even if the rules changed since.
      const earlier = await findByKey(db, key);
      if (earlier) return replay(earlier);

      const entry = procedures.get(body.procedure);
      if (!entry) {
        throw new Problem('unknown-procedure', {
          procedure: body.procedure,
          known: procedures.ids.join(', '),
        });
      }
      const { procedure, definition } = entry;
      if (body.version !== procedure.version) {
        throw new Problem('procedure-version-mismatch', {
          version: body.version,
          current: procedure.version,
        });
      }
      let result;
      try {
        result = procedure.validate(body.answers, { locale });
      } catch (error) {
        if (error instanceof AnswersError) throw new Problem('forbidden-key', { key: error.key });
        throw error;
      }
      const errors: ValidationError[] = [...result.errors];
      if (result.valid)
        for (const check of checks)
          errors.push(...(await check(procedure, result.answers, { locale })));
      const insightKey = {
        procedure: procedure.id,
        version: procedure.version,
        channel: body.channel ?? 'online',
      };
      if (errors.length > 0) {
        countInsight(request, insightKey, () => rejectedCounts(entry, errors));
        throw new Problem('invalid-answers', { count: errors.length }, { errors });
      }

      const answers = result.answers;
      const declared = declaredFiles(definition, answers);
      const receivedAt = now();
      const day = dayIn(site.timeZone, receivedAt);
      try {
        const receipt = await db.transaction(async (tx) => {
          // One row per site and day, locked until commit: codes follow one another with no
          // gap, and a rolled-back dossier gives its number back.
          const { rows } = await tx.query<{ last: number }>(
            `INSERT INTO dossier_counters (site, day, last) VALUES ($1, $2, 1)
             ON CONFLICT (site, day) DO UPDATE SET last = dossier_counters.last + 1
             RETURNING last`,
            [site.id, day],
          );
          const code = dossierCode(day, site.id, Number(rows[0]?.last));
          const accessCode = randomCode(ACCESS_CODE_LENGTH);
          const receipt: Receipt = {
            dossierCode: code,
            accessCode: groupCode(accessCode),
            receivedAt: receivedAt.toISOString(),
            site: { id: site.id, name: site.name },
            procedure: {
              id: procedure.id,
              version: procedure.version,
              title: bilingual(definition.title),
            },
            documents: procedure.documents(answers).map((document) => ({
              id: document.id,
              title: bilingual(document.title),
            })),
            ...feesOf(procedure.fees(answers, { channel: body.channel ?? 'online' })),
            ...(definition.processingTime && { processingTime: definition.processingTime }),
            files: declared.map(({ field, name, size, type }) => ({
              field,
              name,
              size,
              type,
              received: false,
            })),
            missingFiles: declared.length,
            // Brought to the counter instead of uploaded: not in `files`, never missing.
            papers: procedure.papers(answers).map((paper) => ({
              field: paper.field,
              label: bilingual(paper.label),
            })),
            statusUrl: `/api/dossiers/${code}`,
            filesUrl: `/api/dossiers/${code}/files`,
          };
          const inserted = await tx.query(
            `INSERT INTO dossiers (code, idempotency_key, request_hash, site, procedure_id,
               procedure_version, locale, answers, receipt, access_code, received_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (idempotency_key) DO NOTHING
             RETURNING id`,
            [
              code,
              key,
              requestHash,
              site.id,
              procedure.id,
              procedure.version,
              locale,
              JSON.stringify(answers),
              JSON.stringify(receipt),
              accessCode,
              receivedAt.toISOString(),
            ],
          );
          // Another request with this key committed while this one was checking: roll back
          // (the number is given back) and answer with that one's receipt.
          if (inserted.rowCount === 0) throw new KeyTaken();
          return receipt;
        });
        request.log.info(
          { dossier: receipt.dossierCode, procedure: procedure.id },
          'dossier stored',
        );
        countInsight(request, insightKey, () => [{ kind: 'filed', count: 1 }]);
        return reply
          .code(201)
          .header('location', receipt.statusUrl as string)
          .send(receipt);
      } catch (error) {
        if (!(error instanceof KeyTaken)) throw error;
        const winner = await findByKey(db, key);
        if (!winner) throw error;
        return replay(winner);
      }
    },
  );

  app.get<{ Params: { code: string } }>(
    '/api/dossiers/:code',
    {
      config: lookupLimit,
      schema: {
        summary: 'The status of a dossier, and the files still to send',
        description:
          'For the citizen who holds the receipt: the access code goes in `Authorization: Bearer <access code>`. A wrong code and a wrong access code get the same 404.',
        tags: ['dossiers'],
        params: { type: 'object', properties: { code: { type: 'string', maxLength: 60 } } },
        response: { 200: { $ref: 'DossierStatus#' }, ...problems },
      },
    },
    async (request) => {
      const dossier = await findByCode(db, request.params.code, accessCodeOf(request));
      const status = await fileStatus(db, dossier);
      return {
        dossierCode: dossier.code,
        status: status.missingFiles > 0 ? 'awaiting-files' : 'received',
        receivedAt: dossier.receipt.receivedAt,
        procedure: dossier.receipt.procedure,
        ...status,
      };
    },
  );

  app.post<{ Params: { code: string } }>(
    '/api/dossiers/:code/files',
    {
      config: lookupLimit,
      schema: {
        summary: 'Send the bytes of a dossier’s files',
        description:
          'multipart/form-data: one part per file, named after its field path (`birthNoticeScan`, `members.1.idCard`), with the file name the answers declare. Each file is checked by its content against the field’s `accept`, and against its `maxSize` and declared size, and stored with its SHA-256. Sending a file again is harmless. Answers with the files still missing.',
        tags: ['dossiers'],
        consumes: ['multipart/form-data'],
        params: { type: 'object', properties: { code: { type: 'string', maxLength: 60 } } },
        response: { 200: { $ref: 'DossierStatus#' }, ...problems },
      },
    },
    async (request) => {
      const dossier = await findByCode(db, request.params.code, accessCodeOf(request));
      if (!request.isMultipart()) {
        throw new Problem('unsupported-media-type', {
          type: request.headers['content-type'] ?? '(none)',
          expected: 'multipart/form-data',
        });
      }
      const entry = procedures.get(dossier.procedure_id);
      const declared = entry ? declaredFiles(entry.definition, dossier.answers) : [];
      for await (const part of request.parts()) {
        if (part.type !== 'file') continue;
        const match = declared.find(
          (file) => file.field === part.fieldname && file.name === part.filename,
        );
        if (!match) {
          part.file.resume();
          throw new Problem('file-not-declared', {
            field: part.fieldname || { vi: 'không tên', en: 'no name' },
            name: part.filename,
            expected: declared.map((file) => `${file.field}: ${file.name}`).join('; ') || '(none)',
          });
        }
        const limit = Math.min(match.maxSize ?? context.limits.fileBytes, context.limits.fileBytes);
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of part.file as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size > limit) {
            part.file.resume();
            throw new Problem('file-too-large', { name: match.name, limit: describeSize(limit) });
          }
          chunks.push(chunk);
        }
        if (part.file.truncated) {
          throw new Problem('file-too-large', { name: match.name, limit: describeSize(limit) });
        }
        const bytes = Buffer.concat(chunks);
        if (bytes.length !== match.size) {
          throw new Problem('file-size-mismatch', {
            name: match.name,
            received: bytes.length,
            declared: match.size,
          });
        }
        const detected = await fileTypeFromBuffer(bytes);
        const mime = detected?.mime ?? 'unknown';
        if (!accepts(match.accept, mime, detected?.ext ?? '')) {
          throw new Problem('file-type-not-accepted', {
            name: match.name,
            detected: detected
              ? detected.ext.toUpperCase()
              : { vi: 'một loại không nhận ra', en: 'of a type not recognised' },
            accept: describeAccept(match.accept),
          });
        }
        await db.query(
          `INSERT INTO dossier_files (dossier_id, field, name, type, size, sha256, bytes, received_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (dossier_id, field, name) DO NOTHING`,
          [
            dossier.id,
            match.field,
            match.name,
            mime,
            bytes.length,
            sha256(bytes),
            bytes,
            now().toISOString(),
          ],
        );
      }
      const status = await fileStatus(db, dossier);
      return {
        dossierCode: dossier.code,
        status: status.missingFiles > 0 ? 'awaiting-files' : 'received',
        receivedAt: dossier.receipt.receivedAt,
        procedure: dossier.receipt.procedure,
        ...status,
      };
    },
  );
}
