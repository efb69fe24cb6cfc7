import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AnswersError, toAnswers } from '@motcua/core';
import type { Context } from '../context.js';
import type { Queryable } from '../db/database.js';
import { shareableAnswers } from '../files.js';
import { Problem } from '../problems.js';
import { helpRequestSchema, problems, shortId } from '../schemas.js';
import { bearer, staffOnly as staffGuard } from '../staff.js';

/** The channel every instance NOTIFYs on a change, so every volunteer's page hears of it. */
const CHANNEL = 'motcua_help';
/** A comment line this often keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
/** A shared dossier is deleted this long after its last change, if the kiosk never ends it. */
const SHARE_MS = 30 * 60_000;
/** A shared dossier holds answers only: far less than a dossier's own limit. */
const SHARE_BODY_BYTES = 256 * 1024;

interface HelpRow {
  id: number;
  site: string;
  kiosk: string;
  procedure_id: string | null;
  step: string | null;
  status: 'open' | 'taken' | 'done';
  taken_by: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  share_hash?: string | null;
  dossier_updated_at?: Date | string | null;
}

interface SharedRow {
  help_id: number;
  procedure_id: string;
  procedure_version: string;
  answers: Record<string, unknown>;
  step: string | null;
  locale: string | null;
  updated_at: Date | string;
  expires_at: Date | string;
}

const iso = (value: Date | string) => new Date(value).toISOString();

const toRequest = (row: HelpRow) => ({
  id: Number(row.id),
  site: row.site,
  kiosk: row.kiosk,
  procedure: row.procedure_id,
  step: row.step,
  status: row.status,
  takenBy: row.taken_by,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
  hasDossier: Boolean(row.dossier_updated_at),
  dossierUpdatedAt: row.dossier_updated_at ? iso(row.dossier_updated_at) : null,
});

/** The SHA-256 of a share token: all the database keeps of it. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The requests a volunteer still has to see to: open and taken, oldest first. */
async function liveList(db: Queryable, site: string, now: Date) {
  const { rows } = await db.query<HelpRow & Record<string, unknown>>(
    `SELECT h.*, d.updated_at AS dossier_updated_at
       FROM help_requests h
       LEFT JOIN help_dossiers d ON d.help_id = h.id AND d.expires_at >= $2
      WHERE h.site = $1 AND h.status <> 'done'
      ORDER BY h.created_at, h.id`,
    [site, now.toISOString()],
  );
  return rows.map(toRequest);
}

/**
 * What every volunteer's stream hears, on every instance: the site's id when the list changed,
 * and `{site, dossier, updatedAt}` when a shared dossier changed (`updatedAt` null: deleted).
 */
async function notify(
  db: Queryable,
  site: string,
  dossier?: { id: number; updatedAt: string | null },
) {
  const payload = dossier
    ? JSON.stringify({ site, dossier: dossier.id, updatedAt: dossier.updatedAt })
    : site;
  await db.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
}

/** Deletes the shared dossiers past their time, and tells the volunteers which. */
async function sweepShared(db: Queryable, site: string, now: Date): Promise<void> {
  const { rows } = await db.query<{ help_id: number }>(
    `DELETE FROM help_dossiers d USING help_requests h
      WHERE d.help_id = h.id AND h.site = $1 AND d.expires_at < $2
      RETURNING d.help_id`,
    [site, now.toISOString()],
  );
  for (const row of rows) await notify(db, site, { id: Number(row.help_id), updatedAt: null });
}

export async function helpRoutes(app: FastifyInstance, context: Context): Promise<void> {
  const { db, site, now } = context;

  /** Staff routes: with a staff token configured, only its holders (the stream by `?token=`). */
  const staffOnly = staffGuard(context, { query: true });

  app.post<{ Body: { kiosk: string; procedure?: string; step?: string } }>(
    '/api/help',
    {
      schema: {
        summary: 'Call a volunteer to a kiosk',
        tags: ['help'],
        body: {
          type: 'object',
          required: ['kiosk'],
          additionalProperties: false,
          properties: { kiosk: shortId, procedure: shortId, step: shortId },
        },
        response: {
          201: {
            type: 'object',
            required: [...helpRequestSchema.required, 'shareToken'],
            properties: {
              ...helpRequestSchema.properties,
              shareToken: {
                type: 'string',
                description:
                  'A secret for this kiosk only: with it (Authorization: Bearer …) the kiosk shares its dossier in progress with the volunteers (PUT /api/help/{id}/dossier) and ends the sharing (DELETE). Only its hash is stored.',
              },
            },
          },
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const { kiosk, procedure, step } = request.body;
      const at = now().toISOString();
      const shareToken = randomBytes(32).toString('base64url');
      const { rows } = await db.query<HelpRow & Record<string, unknown>>(
        `INSERT INTO help_requests (site, kiosk, procedure_id, step, created_at, updated_at, share_hash)
         VALUES ($1, $2, $3, $4, $5, $5, $6) RETURNING *`,
        [site.id, kiosk, procedure ?? null, step ?? null, at, hashToken(shareToken)],
      );
      await notify(db, site.id);
      return reply.code(201).send({ ...toRequest(rows[0] as HelpRow), shareToken });
    },
  );

  /** The help request `id` of this site, when `token` is its share token. */
  const sharer = async (id: number, token: string | undefined) => {
    const { rows } = await db.query<HelpRow & Record<string, unknown>>(
      'SELECT * FROM help_requests WHERE id = $1 AND site = $2',
      [id, site.id],
    );
    const row = rows[0];
    if (!row) throw new Problem('unknown-help-request', { id });
    const expected = Buffer.from(row.share_hash ?? '', 'hex');
    const given = Buffer.from(hashToken(token ?? ''), 'hex');
    if (!token || expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new Problem('invalid-share-token', { id });
    }
    return row;
  };
  const idParams = {
    type: 'object',
    properties: { id: { type: 'string', pattern: '^[0-9]{1,15}$' } },
  } as const;

  app.put<{
    Params: { id: string };
    Body: {
      procedure: string;
      version: string;
      answers: Record<string, unknown>;
      step?: string;
      locale?: 'vi' | 'en';
    };
  }>(
    '/api/help/:id/dossier',
    {
      bodyLimit: Math.min(SHARE_BODY_BYTES, context.limits.bodyBytes),
      schema: {
        summary: 'Share the dossier in progress with the volunteer called',
        description:
          'The kiosk that called for help, with `Authorization: Bearer <shareToken>`, sends the answers so far on every change while the citizen is there. Answers only: of a file, its name, type and size are kept, never its content. Kept for 30 minutes after the last change; DELETE it when the session ends.',
        tags: ['help'],
        params: idParams,
        body: {
          type: 'object',
          required: ['procedure', 'version', 'answers'],
          additionalProperties: false,
          properties: {
            procedure: shortId,
            version: { type: 'string', minLength: 1, maxLength: 50 },
            answers: { type: 'object' },
            step: shortId,
            locale: { type: 'string', enum: ['vi', 'en'] },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['help', 'updatedAt', 'expiresAt'],
            properties: {
              help: { type: 'integer' },
              updatedAt: { type: 'string', format: 'date-time' },
              expiresAt: { type: 'string', format: 'date-time' },
            },
          },
          ...problems,
        },
      },
    },
    async (request) => {
      const id = Number(request.params.id);
      const row = await sharer(id, bearer(request));
      if (row.status === 'done') throw new Problem('help-request-closed', { id });
      const body = request.body;
      const entry = context.procedures.get(body.procedure);
      if (!entry) {
        throw new Problem('unknown-procedure', {
          procedure: body.procedure,
          known: context.procedures.ids.join(', '),
        });
      }
      let answers;
      try {
        answers = shareableAnswers(entry.definition, toAnswers(body.answers));
      } catch (error) {
        if (error instanceof AnswersError) throw new Problem('forbidden-key', { key: error.key });
        throw error;
      }
      const at = now();
      const expiresAt = new Date(at.getTime() + SHARE_MS);
      await db.query(
        `INSERT INTO help_dossiers (help_id, procedure_id, procedure_version, answers, step, locale, updated_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (help_id) DO UPDATE SET procedure_id = $2, procedure_version = $3,
           answers = $4, step = $5, locale = $6, updated_at = $7, expires_at = $8`,
        [
          id,
          entry.procedure.id,
          body.version,
          JSON.stringify(answers),
          body.step ?? null,
          body.locale ?? null,
          at.toISOString(),
          expiresAt.toISOString(),
        ],
      );
      await notify(db, site.id, { id, updatedAt: at.toISOString() });
      return { help: id, updatedAt: at.toISOString(), expiresAt: expiresAt.toISOString() };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/help/:id/dossier',
    {
      schema: {
        summary: 'End the sharing: the citizen has finished or left',
        description:
          'The kiosk, with its share token, when the session ends or is wiped: the shared dossier is deleted and the help request marked done. Harmless to repeat.',
        tags: ['help'],
        params: idParams,
        response: { 204: { type: 'null', description: 'Deleted.' }, ...problems },
      },
    },
    async (request, reply) => {
      const id = Number(request.params.id);
      await sharer(id, bearer(request));
      const { rowCount } = await db.query('DELETE FROM help_dossiers WHERE help_id = $1', [id]);
      const closed = await db.query(
        `UPDATE help_requests SET status = 'done', updated_at = $2 WHERE id = $1 AND status <> 'done'`,
        [id, now().toISOString()],
      );
      if (rowCount > 0) await notify(db, site.id, { id, updatedAt: null });
      else if (closed.rowCount > 0) await notify(db, site.id);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/help/:id/dossier',
    {
      preHandler: staffOnly,
      schema: {
        summary: 'The dossier a kiosk shares, for the volunteer’s review',
        description:
          'The answers so far, the procedure and its version (load its module from the page’s procedures/ folder and run its own validate), the step the citizen is on and their language. 404 no-shared-dossier when the kiosk shares none (or it ended or expired).',
        tags: ['help'],
        params: idParams,
        response: { 200: { $ref: 'SharedDossier#' }, ...problems },
      },
    },
    async (request, reply) => {
      const id = Number(request.params.id);
      const at = now();
      await sweepShared(db, site.id, at);
      const { rows } = await db.query<SharedRow & Record<string, unknown>>(
        `SELECT d.* FROM help_dossiers d JOIN help_requests h ON h.id = d.help_id
          WHERE d.help_id = $1 AND h.site = $2 AND d.expires_at >= $3`,
        [id, site.id, at.toISOString()],
      );
      const shared = rows[0];
      if (!shared) {
        const { rows: found } = await db.query(
          'SELECT 1 FROM help_requests WHERE id = $1 AND site = $2',
          [id, site.id],
        );
        throw new Problem(found.length > 0 ? 'no-shared-dossier' : 'unknown-help-request', { id });
      }
      // Personal data: not to be kept by a browser's or a proxy's cache.
      reply.header('cache-control', 'no-store');
      return {
        help: Number(shared.help_id),
        procedure: shared.procedure_id,
        version: shared.procedure_version,
        answers: shared.answers,
        step: shared.step,
        ...(shared.locale && { locale: shared.locale }),
        updatedAt: iso(shared.updated_at),
        expiresAt: iso(shared.expires_at),
      };
    },
  );

  app.get(
    '/api/help',
    {
      preHandler: staffOnly,
      schema: {
        summary: 'The help calls not yet done',
        tags: ['help'],
        response: { 200: { type: 'array', items: { $ref: 'HelpRequest#' } }, ...problems },
      },
    },
    async () => {
      await sweepShared(db, site.id, now());
      return liveList(db, site.id, now());
    },
  );

  app.patch<{ Params: { id: string }; Body: { status: 'taken' | 'done'; by?: string } }>(
    '/api/help/:id',
    {
      preHandler: staffOnly,
      schema: {
        summary: 'Take a help call, or mark it done',
        tags: ['help'],
        params: {
          type: 'object',
          properties: { id: { type: 'string', pattern: '^[0-9]{1,15}$' } },
        },
        body: {
          type: 'object',
          required: ['status'],
          additionalProperties: false,
          properties: { status: { type: 'string', enum: ['taken', 'done'] }, by: shortId },
        },
        response: { 200: { $ref: 'HelpRequest#' }, ...problems },
      },
    },
    async (request) => {
      const id = Number(request.params.id);
      const { status, by } = request.body;
      const { rows } = await db.query<HelpRow & Record<string, unknown>>(
        `UPDATE help_requests SET status = $3, taken_by = COALESCE($4, taken_by), updated_at = $5
         WHERE id = $1 AND site = $2 AND status <> 'done' RETURNING *`,
        [id, site.id, status, by ?? null, now().toISOString()],
      );
      if (!rows[0]) {
        const { rows: found } = await db.query(
          'SELECT 1 FROM help_requests WHERE id = $1 AND site = $2',
          [id, site.id],
        );
        throw new Problem(found.length > 0 ? 'help-request-closed' : 'unknown-help-request', {
          id,
        });
      }
      // A call that is done needs no dossier: it is deleted at once.
      const deleted =
        status === 'done'
          ? (await db.query('DELETE FROM help_dossiers WHERE help_id = $1', [id])).rowCount
          : 0;
      if (deleted > 0) await notify(db, site.id, { id, updatedAt: null });
      else await notify(db, site.id);
      const [updated] = await liveList(db, site.id, now()).then((list) =>
        list.filter((item) => item.id === id),
      );
      return updated ?? toRequest(rows[0] as HelpRow);
    },
  );

  // Shared dossiers past their time go even when no one looks: answers are personal data.
  const sweeper = setInterval(
    () => void sweepShared(db, site.id, now()).catch(() => undefined),
    60_000,
  );
  sweeper.unref();
  app.addHook('onClose', async () => clearInterval(sweeper));

  /** Open streams, ended when the server closes (they would hold it open forever). */
  const streams = new Set<FastifyReply>();
  app.addHook('preClose', async () => {
    for (const reply of streams) reply.raw.end();
  });

  app.get(
    '/api/help/stream',
    {
      preHandler: staffOnly,
      schema: {
        summary: 'The help calls, live (server-sent events)',
        description:
          'text/event-stream. On connecting and after every change on any instance, an event `requests` whose data is the JSON list of calls not yet done (as GET /api/help); and when a kiosk’s shared dossier changes, an event `dossier` with `{"id": <help request>, "updatedAt": <time, or null when deleted>}`.',
        tags: ['help'],
        produces: ['text/event-stream'],
        response: { 200: { type: 'string' }, ...problems },
      },
    },
    async (request, reply) => {
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // nginx would otherwise buffer the stream.
        'x-accel-buffering': 'no',
      });
      let sending = Promise.resolve();
      let last = '';
      const send = (dossier?: { id: number; updatedAt: string | null }) => {
        sending = sending
          .then(async () => {
            if (raw.writableEnded) return;
            const list = JSON.stringify(await liveList(db, site.id, now()));
            if (list !== last) {
              last = list;
              raw.write(`event: requests\ndata: ${list}\n\n`);
            }
            if (dossier) raw.write(`event: dossier\ndata: ${JSON.stringify(dossier)}\n\n`);
          })
          .catch((error: unknown) =>
            request.log.warn({ err: error }, 'help stream: could not send'),
          );
      };
      const stop = await db.listen(CHANNEL, (payload) => {
        if (payload === site.id) return send();
        if (!payload.startsWith('{')) return;
        try {
          const change = JSON.parse(payload) as {
            site?: string;
            dossier?: number;
            updatedAt?: string | null;
          };
          if (change.site === site.id && typeof change.dossier === 'number') {
            send({ id: change.dossier, updatedAt: change.updatedAt ?? null });
          }
        } catch {
          // Not ours: another version's payload on the same channel.
        }
      });
      streams.add(reply);
      raw.write('retry: 3000\n\n');
      send();
      const heartbeat = setInterval(() => raw.write(': still here\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      raw.on('close', () => {
        clearInterval(heartbeat);
        streams.delete(reply);
        void stop();
      });
    },
  );
}
