import type { Answers, Procedure, SendContext, SendDossier } from '@motcua/core';
import {
  type DossierContext,
  type PostOptions,
  SubmissionError,
  newIdempotencyKey,
} from './submit.js';

/** A text in the languages the element speaks. */
type Localized = Readonly<Record<string, string>>;

// What `postDossier` (submit.ts) does, loaded once the first page is drawn: the first input
// does not wait for it.

/** A receipt as the server gives it: the dossier code, and the files still to send. */
interface Receipt {
  dossierCode?: string;
  accessCode?: string;
  filesUrl?: string;
  statusUrl?: string;
  files?: { field: string; name: string; received: boolean }[];
  missingFiles?: number;
  [more: string]: unknown;
}

const NOT_SENT: Localized = {
  vi: 'Chưa gửi được hồ sơ vì mạng chập chờn hoặc máy chủ đang bận. Thông tin bạn đã nhập vẫn được giữ nguyên. Hãy bấm "Gửi lại".',
  en: 'Your application has not been sent: the connection is unreliable or the server is busy. Everything you entered has been kept. Press "Send again".',
};

const FILE_MISSING: Localized = {
  vi: 'Hồ sơ đã được nhận nhưng còn thiếu tệp "{name}". Hãy chọn lại tệp đó rồi bấm "Gửi lại".',
  en: 'Your application was received, but the file "{name}" is missing. Choose that file again, then press "Send again".',
};

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/** The problem's `detail` by locale: its `i18n` when the server sends both languages. */
function problemDetail(problem: unknown): Localized | undefined {
  if (!problem || typeof problem !== 'object') return undefined;
  const { detail, i18n } = problem as {
    detail?: unknown;
    i18n?: Record<string, { detail?: unknown }>;
  };
  const texts: Record<string, string> = {};
  for (const [locale, entry] of Object.entries(i18n ?? {})) {
    if (typeof entry?.detail === 'string') texts[locale] = entry.detail;
  }
  if (Object.keys(texts).length > 0) return texts;
  return typeof detail === 'string' ? { vi: detail, en: detail } : undefined;
}

/** Seconds or an HTTP date in `Retry-After`, as ms; undefined when absent or unreadable. */
function retryAfter(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The work of `postDossier` in submit.ts, which loads this module when it first sends. */
export function postDossier(endpoint: string, options: PostOptions = {}): SendDossier {
  const timeout = options.timeout ?? 20_000;
  const uploadRate = options.uploadRate ?? 16_000;
  const attempts = Math.max(1, options.attempts ?? 5);
  const delay = options.delay ?? 1000;
  const maxDelay = options.maxDelay ?? 16_000;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;

  /** One request, tried until it is answered with something other than "try again". */
  async function call(
    url: string,
    init: () => RequestInit,
    bytes: number,
    signal: AbortSignal | undefined,
  ): Promise<{ body: Receipt; replayed: boolean }> {
    const send = options.fetch ?? globalThis.fetch.bind(globalThis);
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      let lastError: string;
      let lastStatus: number | undefined;
      let wait: number | undefined;
      const limit = AbortSignal.timeout(Math.ceil(timeout + (bytes * 1000) / uploadRate));
      const request = init();
      // Only the exchange itself is "the network": a fault of this code is not retried.
      const answer = await send(url, {
        ...request,
        signal: signal ? AbortSignal.any([signal, limit]) : limit,
      }).then(
        async (response) => ({
          response,
          body: (await response.json().catch(() => undefined)) as unknown,
        }),
        (error: unknown) => ({ error }),
      );
      if ('response' in answer) {
        const { response, body } = answer;
        if (response.ok && body && typeof body === 'object') {
          return {
            body: body as Receipt,
            replayed: response.headers.get('idempotent-replayed') === 'true',
          };
        }
        if (!response.ok && response.status !== 429 && response.status < 500) {
          throw new SubmissionError(`${url} answered ${response.status}`, {
            status: response.status,
            detail: problemDetail(body),
            problem: body,
          });
        }
        // A 2xx whose body was cut short is as good as lost: try again, safely.
        lastStatus = response.status;
        lastError = `${url} answered ${response.status}${response.ok ? ' with no readable body' : ''}`;
        wait = retryAfter(response);
      } else {
        if (signal?.aborted) throw signal.reason;
        // A network error or a timeout: the request may or may not have arrived. The key makes
        // sending it again safe.
        lastError = `could not reach ${url}: ${(answer.error as Error).message}`;
      }
      if (attempt >= attempts) {
        throw new SubmissionError(lastError, {
          retryable: true,
          detail: NOT_SENT,
          ...(lastStatus !== undefined && { status: lastStatus }),
        });
      }
      const backoff = Math.min(maxDelay, delay * 2 ** (attempt - 1));
      // "Equal jitter", between half and the whole backoff, so kiosks that lost the network
      // together do not all come back in the same instant.
      const jittered = backoff / 2 + (random() * backoff) / 2;
      await sleep(Math.min(maxDelay, Math.max(jittered, wait ?? 0)), signal);
    }
  }

  return async (answers: Answers, procedure: Procedure, context?: SendContext) => {
    const { files, signal } = (context ?? {}) as DossierContext;
    const key = context?.key ?? options.idempotencyKey ?? newIdempotencyKey();
    const locale = context?.locale ?? 'vi';
    const base = new URL(endpoint, globalThis.location?.href);
    const body = JSON.stringify({
      procedure: procedure.id,
      version: procedure.version,
      answers,
      locale,
      channel: options.channel,
    });
    const sent = await call(
      base.href,
      () => ({
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': key,
          'accept-language': locale,
        },
        body,
      }),
      new TextEncoder().encode(body).length,
      signal,
    );
    const receipt = sent.body;
    const authorization = {
      authorization: `Bearer ${receipt.accessCode ?? ''}`,
      'accept-language': locale,
    };
    let status: Receipt = receipt;
    // A replayed receipt is the first one, which lists every file as missing: ask what has
    // arrived since, so a retry sends only the files still missing.
    if (sent.replayed && receipt.statusUrl && (receipt.missingFiles ?? 0) > 0) {
      status = (
        await call(
          new URL(String(receipt.statusUrl), base).href,
          () => ({ headers: authorization }),
          0,
          signal,
        )
      ).body;
    }
    const missing = (status.files ?? []).filter((file) => !file.received);
    if (missing.length === 0) {
      return status === receipt ? receipt : { ...receipt, files: status.files, missingFiles: 0 };
    }
    if (!receipt.filesUrl) {
      throw new SubmissionError('the receipt lists missing files but no filesUrl to send them to', {
        retryable: false,
        detail: NOT_SENT,
      });
    }
    const filesUrl = new URL(receipt.filesUrl, base).href;
    for (const wanted of missing) {
      const blob = files
        ?.get(wanted.field)
        ?.find((candidate) => (candidate as File).name === wanted.name);
      if (!blob) {
        const detail = Object.fromEntries(
          Object.entries(FILE_MISSING).map(([lang, text]) => [
            lang,
            text.replace('{name}', wanted.name),
          ]),
        );
        throw new SubmissionError(`the file ${wanted.field} "${wanted.name}" is not at hand`, {
          retryable: false,
          detail,
        });
      }
      // A new form each try: a body is read once.
      status = (
        await call(
          filesUrl,
          () => {
            const form = new FormData();
            form.append(wanted.field, blob, wanted.name);
            return { method: 'POST', headers: authorization, body: form };
          },
          blob.size,
          signal,
        )
      ).body;
    }
    // Shown as received only when the server says every file is stored.
    if ((status.missingFiles ?? 0) > 0) {
      throw new SubmissionError(`${filesUrl}: ${status.missingFiles} file(s) still missing`, {
        retryable: true,
        detail: NOT_SENT,
      });
    }
    return { ...receipt, files: status.files, missingFiles: status.missingFiles };
  };
}
