import type { FastifyInstance } from 'fastify';
import { AnswersError, toAnswers } from '@motcua/core';
import {
  draftLookup,
  groupCode,
  normaliseCode,
  openDraft,
  randomCode,
  sealDraft,
} from '../codes.js';
import type { Context } from '../context.js';
import { withoutFiles } from '../files.js';
import { Problem } from '../problems.js';
import { problems, shortId } from '../schemas.js';

/**
 * Resume codes are 12 characters of Crockford base-32 (60 bits), printed `7K3Q-F9XD-2M4T`. At the
 * lookup limit (20 a minute per address), with 100,000 drafts alive at once, one address guessing
 * without pause for the 7 days a draft lives finds one with a chance of about 1 in 57 million.
 */
const RESUME_CODE_LENGTH = 12;
const DAY = 24 * 60 * 60 * 1000;

interface DraftBody {
  procedure: string;
  version: string;
  answers: Record<string, unknown>;
  step?: string;
  locale?: 'vi' | 'en';
}

interface SealedContent {
  answers: Record<string, unknown>;
  step?: string;
  locale?: string;
}

export async function draftRoutes(app: FastifyInstance, context: Context): Promise<void> {
  const { db, procedures, site, now, limits } = context;

  app.post<{ Body: DraftBody }>(
    '/api/drafts',
    {
      schema: {
        summary: 'Save a draft to finish on another device',
        description:
          'Keeps the answers typed so far (never files) for `draftDays` days, encrypted with a key made from the resume code, which is stored only as a hash. Answers the resume code and when the draft expires.',
        tags: ['drafts'],
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
          201: {
            type: 'object',
            required: ['resumeCode', 'expiresAt', 'days'],
            properties: {
              resumeCode: { type: 'string', examples: ['7K3Q-F9XD-2M4T'] },
              expiresAt: { type: 'string', format: 'date-time' },
              days: { type: 'integer' },
            },
          },
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const entry = procedures.get(body.procedure);
      if (!entry) {
        throw new Problem('unknown-procedure', {
          procedure: body.procedure,
          known: procedures.ids.join(', '),
        });
      }
      let answers;
      try {
        answers = withoutFiles(entry.definition, toAnswers(body.answers));
      } catch (error) {
        if (error instanceof AnswersError) throw new Problem('forbidden-key', { key: error.key });
        throw error;
      }
      const savedAt = now();
      const expiresAt = new Date(savedAt.getTime() + limits.draftDays * DAY);
      const content: SealedContent = {
        answers,
        ...(body.step !== undefined && { step: body.step }),
        ...(body.locale !== undefined && { locale: body.locale }),
      };
      // Expired drafts go as new ones come: nothing is kept past the date the citizen was told.
      await db.query('DELETE FROM drafts WHERE expires_at < $1', [savedAt.toISOString()]);
      for (;;) {
        const code = randomCode(RESUME_CODE_LENGTH);
        const { rowCount } = await db.query(
          `INSERT INTO drafts (lookup, site, procedure_id, procedure_version, sealed, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (lookup) DO NOTHING`,
          [
            draftLookup(code),
            site.id,
            entry.procedure.id,
            body.version,
            sealDraft(code, content),
            savedAt.toISOString(),
            expiresAt.toISOString(),
          ],
        );
        // A clash of 50 random bits is all but impossible; if it happens, draw again.
        if (rowCount === 1) {
          return reply.code(201).send({
            resumeCode: groupCode(code),
            expiresAt: expiresAt.toISOString(),
            days: limits.draftDays,
          });
        }
      }
    },
  );

  app.get<{ Params: { resumeCode: string } }>(
    '/api/drafts/:resumeCode',
    {
      config: { rateLimit: { max: limits.lookupsPerMinute, timeWindow: 60_000 } },
      schema: {
        summary: 'Resume a draft by its code',
        description:
          'The code may be typed in any case, with or without the dash; O, I and L are read as 0, 1 and 1. Lookups are rate-limited per address.',
        tags: ['drafts'],
        params: { type: 'object', properties: { resumeCode: { type: 'string', maxLength: 40 } } },
        response: { 200: { $ref: 'Draft#' }, ...problems },
      },
    },
    async (request) => {
      const code = normaliseCode(request.params.resumeCode, RESUME_CODE_LENGTH);
      if (!code) throw new Problem('unknown-resume-code');
      const { rows } = await db.query<{
        procedure_id: string;
        procedure_version: string;
        sealed: Uint8Array;
        created_at: Date | string;
        expires_at: Date | string;
      }>(
        `SELECT procedure_id, procedure_version, sealed, created_at, expires_at FROM drafts
         WHERE lookup = $1 AND expires_at >= $2`,
        [draftLookup(code), now().toISOString()],
      );
      const row = rows[0];
      if (!row) throw new Problem('unknown-resume-code');
      const content = openDraft(code, row.sealed) as SealedContent;
      return {
        procedure: row.procedure_id,
        version: row.procedure_version,
        answers: content.answers,
        ...(content.step !== undefined && { step: content.step }),
        ...(content.locale !== undefined && { locale: content.locale }),
        savedAt: new Date(row.created_at).toISOString(),
        expiresAt: new Date(row.expires_at).toISOString(),
      };
    },
  );
}
