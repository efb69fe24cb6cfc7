import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Context } from './context.js';
import { Problem } from './problems.js';

/** The token from `Authorization: Bearer <token>`, or undefined; a bare token is not guessed at. */
export function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' && /^Bearer\s+/i.test(header)
    ? header.replace(/^Bearer\s+/i, '')
    : undefined;
}

/** Whether `given` is `secret`, compared in constant time (hashes of equal length). */
export function sameSecret(given: unknown, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/**
 * A hook for staff-only routes: with a staff token configured, only its holders pass (`401
 * unauthorized` otherwise); without one (a demo), everyone. `query: true` also takes
 * `?token=`, for an EventSource, which cannot set headers.
 */
export function staffOnly(context: Pick<Context, 'staffToken'>, options: { query?: boolean } = {}) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!context.staffToken) return;
    if (sameSecret(bearer(request), context.staffToken)) return;
    const query = (request.query as { token?: unknown } | undefined)?.token;
    if (options.query && sameSecret(query, context.staffToken)) return;
    throw new Problem('unauthorized');
  };
}
