import type { FastifyInstance } from 'fastify';
import { dayIn } from '../codes.js';
import type { Context, Counter } from '../context.js';
import { Problem } from '../problems.js';
import { problems, shortId } from '../schemas.js';

export async function ticketRoutes(app: FastifyInstance, context: Context): Promise<void> {
  const { db, site, now } = context;

  app.post<{ Body: { counter?: string; procedure?: string } }>(
    '/api/tickets',
    {
      schema: {
        summary: 'Take a queue number at a counter',
        description:
          'With `counter`, a number at that counter (which must take `procedure`, when given); with only `procedure`, a number at the first counter of the site that takes it, so the slip can say where to go. Numbers count from 1 each day (in the site’s time zone) at each counter, with no gap and no duplicate, whichever instance answers.',
        tags: ['tickets'],
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { counter: shortId, procedure: shortId },
          anyOf: [{ required: ['counter'] }, { required: ['procedure'] }],
        },
        response: { 201: { $ref: 'Ticket#' }, ...problems },
      },
    },
    async (request, reply) => {
      const { procedure } = request.body;
      if (procedure !== undefined && !context.procedures.get(procedure)) {
        throw new Problem('unknown-procedure', {
          procedure,
          known: context.procedures.ids.join(', '),
        });
      }
      const takes = (counter: Counter) =>
        procedure === undefined || !counter.procedures || counter.procedures.includes(procedure);
      const counter = request.body.counter ?? site.counters.find(takes)?.id;
      const chosen = site.counters.find((known) => known.id === counter);
      if (!chosen) {
        throw new Problem('unknown-counter', {
          counter: counter ?? '',
          known: site.counters.map((known) => known.id).join(', '),
        });
      }
      // A counter that lists its procedures takes only those: send the citizen to one that does.
      if (!takes(chosen)) {
        throw new Problem('wrong-counter', {
          counter: chosen.id,
          procedure,
          counters:
            site.counters
              .filter(takes)
              .map((other) => other.id)
              .join(', ') || '—',
        });
      }
      const issuedAt = now();
      const day = dayIn(site.timeZone, issuedAt);
      const number = await db.transaction(async (tx) => {
        // The counter's row is locked until commit: concurrent tickets, on any instance, queue
        // here and each gets the next number; a failed insert gives its number back.
        const { rows } = await tx.query<{ last: number }>(
          `INSERT INTO ticket_counters (site, counter, day, last) VALUES ($1, $2, $3, 1)
           ON CONFLICT (site, counter, day) DO UPDATE SET last = ticket_counters.last + 1
           RETURNING last`,
          [site.id, chosen.id, day],
        );
        const next = Number(rows[0]?.last);
        await tx.query(
          `INSERT INTO tickets (site, counter, day, number, procedure_id, issued_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [site.id, chosen.id, day, next, procedure ?? null, issuedAt.toISOString()],
        );
        return next;
      });
      return reply.code(201).send({
        site: site.id,
        counter: chosen.id,
        counterName: chosen.name,
        number,
        day: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`,
        issuedAt: issuedAt.toISOString(),
        ...(procedure !== undefined && { procedure }),
      });
    },
  );
}
