import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../context.js';
import type { Queryable } from '../db/database.js';
import { Problem } from '../problems.js';
import { problems, shortId } from '../schemas.js';

/** The channel every instance NOTIFYs on a change, so every volunteer's page hears of it. */
const CHANNEL = 'motcua_help';
/** A comment line this often keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

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
}

const toRequest = (row: HelpRow) => ({
  id: Number(row.id),
  site: row.site,
  kiosk: row.kiosk,
  procedure: row.procedure_id,
  step: row.step,
  status: row.status,
  takenBy: row.taken_by,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
});

/** Whether `given` is `secret`, compared in constant time (hashes of equal length). */
function sameSecret(given: unknown, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/** The requests a volunteer still has to see to: open and taken, oldest first. */
async function liveList(db: Queryable, site: string) {
  const { rows } = await db.query<HelpRow & Record<string, unknown>>(
    `SELECT * FROM help_requests WHERE site = $1 AND status <> 'done' ORDER BY created_at, id`,
    [site],
  );
  return rows.map(toRequest);
}

export async function helpRoutes(app: FastifyInstance, context: Context): Promise<void> {
  const { db, site, now } = context;

  /** Staff routes: with a staff token configured, only its holders. */
  const staffOnly = async (request: FastifyRequest) => {
    if (!context.staffToken) return;
    const header = request.headers.authorization;
    // Only the Bearer scheme: a bare token in Authorization is refused, not guessed at.
    const token =
      typeof header === 'string' && /^Bearer\s+/i.test(header)
        ? header.replace(/^Bearer\s+/i, '')
        : undefined;
    const query = (request.query as { token?: unknown } | undefined)?.token;
    if (!sameSecret(token, context.staffToken) && !sameSecret(query, context.staffToken)) {
      throw new Problem('unauthorized');
    }
  };

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
        response: { 201: { $ref: 'HelpRequest#' }, ...problems },
      },
    },
    async (request, reply) => {
      const { kiosk, procedure, step } = request.body;
      const at = now().toISOString();
      const { rows } = await db.query<HelpRow & Record<string, unknown>>(
        `INSERT INTO help_requests (site, kiosk, procedure_id, step, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING *`,
        [site.id, kiosk, procedure ?? null, step ?? null, at],
      );
      await db.query('SELECT pg_notify($1, $2)', [CHANNEL, site.id]);
      return reply.code(201).send(toRequest(rows[0] as HelpRow));
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
    async () => liveList(db, site.id),
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
      await db.query('SELECT pg_notify($1, $2)', [CHANNEL, site.id]);
      return toRequest(rows[0] as HelpRow);
    },
  );

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
          'text/event-stream. On connecting and after every change on any instance, an event `requests` whose data is the JSON list of calls not yet done (as GET /api/help).',
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
      const send = () => {
        sending = sending
          .then(async () => {
            if (raw.writableEnded) return;
            const list = JSON.stringify(await liveList(db, site.id));
            if (list === last) return;
            last = list;
            raw.write(`event: requests\ndata: ${list}\n\n`);
          })
          .catch((error: unknown) =>
            request.log.warn({ err: error }, 'help stream: could not send'),
          );
      };
      const stop = await db.listen(CHANNEL, (payload) => {
        if (payload === site.id) send();
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
