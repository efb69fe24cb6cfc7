import type { FeeChannel, SendContext, SendDossier } from '@motcua/core';
import { MotcuaError } from '@motcua/core';

/** A text in the languages the element speaks. */
type Localized = Readonly<Record<string, string>>;

/**
 * Thrown when a dossier was not accepted; the answers are kept for another try. `detail` is what
 * the citizen reads, by locale: the server's own explanation (a problem's `detail`) when it gave
 * one, else why sending stopped.
 */
export class SubmissionError extends MotcuaError {
  /** The HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** Whether trying again later may succeed (the network, a timeout, a busy server). */
  readonly retryable: boolean;
  /** What to tell the citizen, by locale. */
  readonly detail: Localized | undefined;
  /** The server's problem document, when it sent one. */
  readonly problem: unknown;

  constructor(
    message: string,
    options: { status?: number; retryable?: boolean; detail?: Localized; problem?: unknown } = {},
  ) {
    super(message);
    this.name = 'SubmissionError';
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.detail = options.detail;
    this.problem = options.problem;
  }
}

/**
 * A new idempotency key: a random UUID. `crypto.randomUUID` exists only in secure contexts
 * (https or localhost), and a kiosk on a local network is often plain http, so the UUID is made
 * from `crypto.getRandomValues` (available everywhere) when it is missing.
 *
 * @example
 * const key = newIdempotencyKey(); // '3b241101-e2bb-4255-8caf-4136c566a962'
 */
export function newIdempotencyKey(
  source: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>> = globalThis.crypto,
): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  // RFC 9562 version 4: the version nibble 4, the variant bits 10.
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The files of a dossier by answer path (`birthNotice`, `members.0.photo`), as chosen. */
export type DossierFiles = ReadonlyMap<string, readonly Blob[]>;

/** What {@link postDossier} is given with each dossier, beyond its answers. */
export interface DossierContext extends SendContext {
  /** The bytes of the files the answers declare; sent once the answers are stored. */
  files?: DossierFiles;
  /** Stops sending (the citizen left, the kiosk was wiped). */
  signal?: AbortSignal;
}

/** Options of {@link postDossier}. */
export interface PostOptions {
  /** The fetch to use (tests, or a host that adds authentication). */
  fetch?: typeof globalThis.fetch;
  /**
   * How long one request may take before it counts as lost, in ms (20,000), plus the time its
   * body takes at `uploadRate`.
   */
  timeout?: number;
  /**
   * The slowest upload to wait for, in bytes per second (16,000, a poor mobile link). A file's
   * request may take `timeout` plus its size at this rate: under a fixed limit, a large file on a
   * slow link would be cut off and sent again from the start at every try, and never arrive.
   */
  uploadRate?: number;
  /** Tries of one request before the citizen is asked to send again (5). */
  attempts?: number;
  /** The wait before the second try, in ms (1,000); it doubles each time, up to `maxDelay`. */
  delay?: number;
  /** The longest wait between tries, in ms (16,000); also caps a server's `Retry-After`. */
  maxDelay?: number;
  /** Random numbers in [0, 1) for the jitter (tests pass a seeded one). */
  random?: () => number;
  /** Waits; tests pass one that does not. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * The idempotency key, for a caller that sends one dossier with this function and keeps the
   * key itself. The element passes a key per dossier in the context, which wins.
   */
  idempotencyKey?: string;
  /**
   * Where the dossier is filed (`online`, `kiosk`, …), sent for the server to put the fees of
   * that channel on the receipt; the server takes `online` when it is left out.
   */
  channel?: FeeChannel;
}

/**
 * A way to send dossiers to a motcua server, for `element.submit`, or used by the element itself
 * when it has an `endpoint`. For each dossier it POSTs `{procedure, version, answers, locale}`
 * with the dossier's `Idempotency-Key`, then sends the bytes of every file the receipt says is
 * still missing, and resolves only when the server has stored the answers and every file.
 *
 * Network errors, timeouts, 5xx and 429 are tried again with exponential backoff and jitter (up
 * to `attempts` times, honouring `Retry-After`); the key makes every retry safe, as the server
 * stores a dossier once however often it arrives. Any other answer stops at once with the
 * server's explanation (`SubmissionError.detail`, in both languages).
 *
 * @example
 * element.submit = postDossier('/api/dossiers');
 */
export function postDossier(endpoint: string, options: PostOptions = {}): SendDossier {
  let sending: Promise<SendDossier> | undefined;
  return async (answers, procedure, context) => {
    sending ??= loadPost().then(
      (post) => post.postDossier(endpoint, options),
      (error: unknown) => {
        // Offline before the code came: the next "Gửi lại" fetches it again.
        sending = undefined;
        throw new SubmissionError(`could not load the code that sends dossiers: ${String(error)}`, {
          retryable: true,
        });
      },
    );
    return (await sending)(answers, procedure, context);
  };
}

let loading: Promise<typeof import('./post.js')> | undefined;

/**
 * The code that sends a dossier (retries, files, the server's words: `post.js`), a chunk of its
 * own. The element fetches it once the first page is drawn, so Send never waits for it.
 */
export function loadPost(): Promise<typeof import('./post.js')> {
  loading ??= import('./post.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
