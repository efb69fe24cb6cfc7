import type { Answers, Procedure, SendDossier } from '@motcua/core';
import { MotcuaError } from '@motcua/core';

/** Thrown when the server does not accept a dossier; the answers are kept for a retry. */
export class SubmissionError extends MotcuaError {
  /** The HTTP status, when the server answered. */
  readonly status: number | undefined;

  constructor(message: string, status?: number) {
    super(message);
    this.name = 'SubmissionError';
    this.status = status;
  }
}

/** Options of {@link postDossier}. */
export interface PostOptions {
  /** The fetch to use (tests, or a host that adds authentication). */
  fetch?: typeof globalThis.fetch;
  /**
   * The idempotency key: the same for every try of one dossier, so a retry after a lost answer
   * cannot file the dossier twice. A new one is made per dossier by default.
   */
  idempotencyKey?: string;
}

/**
 * A way to send dossiers: POSTs `{procedure, version, answers}` as JSON with an
 * `Idempotency-Key` header, and resolves with the server's JSON receipt (for example
 * `{"dossierCode": "HS-…"}`). Any answer other than 2xx is a failure.
 *
 * @example
 * element.submit = postDossier('/api/dossiers');
 */
export function postDossier(endpoint: string, options: PostOptions = {}): SendDossier {
  const key = options.idempotencyKey ?? globalThis.crypto.randomUUID();
  return async (answers: Answers, procedure: Procedure) => {
    const send = options.fetch ?? globalThis.fetch.bind(globalThis);
    let response: Response;
    try {
      response = await send(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ procedure: procedure.id, version: procedure.version, answers }),
      });
    } catch (error) {
      throw new SubmissionError(`could not reach ${endpoint}: ${(error as Error).message}`);
    }
    if (!response.ok) {
      throw new SubmissionError(`${endpoint} answered ${response.status}`, response.status);
    }
    return response.json();
  };
}
