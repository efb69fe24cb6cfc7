import { Buffer } from 'node:buffer';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyRequest } from 'fastify';
import type { Bilingual, Limits } from './context.js';
import { Problem } from './problems.js';

interface SchemaIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Where in the request: `body.answers`, `header idempotency-key`, `params.code`. */
function where(context: string | undefined, path: string, property?: string): string {
  const parts = path.split('/').filter(Boolean);
  if (property !== undefined) parts.push(property);
  return [context ?? 'body', ...parts].join('.');
}

/**
 * One schema error in words, in both languages, saying what to send instead: the API's clients
 * are developers, but the detail may reach a volunteer's screen too.
 */
export function describeIssue(issue: SchemaIssue, context?: string): Bilingual {
  const at = where(context, issue.instancePath);
  const p = issue.params;
  switch (issue.keyword) {
    case 'required': {
      const name = where(context, issue.instancePath, String(p.missingProperty));
      return { vi: `thiếu ${name}`, en: `${name} is missing` };
    }
    case 'additionalProperties': {
      const name = where(context, issue.instancePath, String(p.additionalProperty));
      return {
        vi: `${name} không được nhận ở đây, hãy bỏ nó đi`,
        en: `${name} is not taken here; leave it out`,
      };
    }
    case 'type':
      return {
        vi: `${at} phải có kiểu ${String(p.type)}`,
        en: `${at} must be of type ${String(p.type)}`,
      };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return { vi: `${at} phải là một trong: ${allowed}`, en: `${at} must be one of: ${allowed}` };
    }
    case 'minLength':
      return {
        vi: `${at} phải có ít nhất ${String(p.limit)} ký tự`,
        en: `${at} must have at least ${String(p.limit)} characters`,
      };
    case 'maxLength':
      return {
        vi: `${at} chỉ được có tối đa ${String(p.limit)} ký tự`,
        en: `${at} must have at most ${String(p.limit)} characters`,
      };
    case 'pattern':
      return {
        vi: `${at} có ký tự không được phép`,
        en: `${at} has characters that are not allowed`,
      };
    case 'anyOf':
      // Follows the `required` issue of each choice: "counter is missing; procedure is missing".
      return {
        vi: `${at} cần ít nhất một trong các trường trên`,
        en: `${at} needs at least one of those`,
      };
    default:
      return {
        vi: `${at} không hợp lệ (${issue.keyword})`,
        en: `${at} is not valid (${issue.message ?? issue.keyword})`,
      };
  }
}

/** PostgreSQL errors that mean "not now" (the server is down, restarting or full), not "wrong". */
function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      '57P01',
      '57P02',
      '57P03',
      '53300',
      '40001',
      '40P01',
    ].includes(code) || code.startsWith('08')
  );
}

/** Any error a route or fastify throws, as the problem the client is told. */
export function toProblem(
  error: FastifyError | Error,
  request: FastifyRequest,
  limits: Limits,
): Problem {
  if (error instanceof Problem) return error;
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new Problem('unsupported-media-type', {
        type: request.headers['content-type'] ?? '(none)',
        expected: request.url.split('?')[0]?.endsWith('/files')
          ? 'multipart/form-data'
          : 'application/json',
      });
    // fastify's router answers these itself, as plain JSON, unless `frameworkErrors` is set.
    case 'FST_ERR_BAD_URL':
      return new Problem('invalid-request', {
        reason: {
          vi: 'địa chỉ có mã phần trăm (%) không hợp lệ',
          en: 'the address has a broken percent-encoding (%)',
        },
      });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new Problem('invalid-request', {
        reason: { vi: 'một phần của địa chỉ quá dài', en: 'a part of the address is too long' },
      });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      // A route may take less than the server's limit (a shared dossier: answers only).
      return new Problem('body-too-large', {
        limit: `${Math.round((request.routeOptions?.bodyLimit ?? limits.bodyBytes) / 1024)} KB`,
      });
    case 'FST_REQ_FILE_TOO_LARGE':
      return new Problem('file-too-large', {
        name: '',
        limit: `${Math.round(limits.fileBytes / 1024 / 1024)} MB`,
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new Problem('invalid-json', {}, { reason: 'The body is empty.' });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new Problem('invalid-json', {}, { reason: fastifyError.message });
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new Problem('invalid-request', {
        reason: { vi: 'gửi quá nhiều phần trong một lần', en: 'too many parts in one request' },
      });
  }
  if (fastifyError.validation) {
    const issues = fastifyError.validation as SchemaIssue[];
    const described = issues.map((issue) => describeIssue(issue, fastifyError.validationContext));
    return new Problem(
      'invalid-request',
      {
        reason: {
          vi: described.map((d) => d.vi).join('; '),
          en: described.map((d) => d.en).join('; '),
        },
      },
      {
        errors: issues.map((issue, index) => ({
          pointer: issue.instancePath || '/',
          keyword: issue.keyword,
          params: issue.params,
          message: described[index],
        })),
      },
    );
  }
  if (/prototype property/i.test(error.message)) {
    return new Problem('forbidden-key', {
      key: /constructor/i.test(error.message) ? 'constructor' : '__proto__',
    });
  }
  if (error instanceof SyntaxError)
    return new Problem('invalid-json', {}, { reason: error.message });
  // busboy's words for a multipart body it cannot split (plain Errors, with no code or status).
  if (
    /^(Multipart: |Boundary required|Malformed part header|Unexpected end of multipart data)|terminated early due to unexpected end of multipart data/.test(
      error.message,
    )
  ) {
    return new Problem(
      'invalid-request',
      {
        reason: {
          vi: 'nội dung multipart/form-data bị hỏng, bị cắt cụt hoặc thiếu boundary',
          en: 'the multipart/form-data body is broken, cut short or has no boundary',
        },
      },
      { reason: error.message },
    );
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // The library's own words are English: they go in `reason`, not in the Vietnamese detail.
    return new Problem(
      'invalid-request',
      {
        reason: {
          vi: 'máy chủ không đọc được yêu cầu (lý do bằng tiếng Anh trong "reason")',
          en: error.message,
        },
      },
      { reason: error.message },
    );
  }
  if (isUnavailable(error)) return new Problem('unavailable', {}, {}, { 'retry-after': '5' });
  return new Problem('internal', { requestId: request.id });
}

/**
 * A request Node's HTTP parser refused before fastify saw it (a malformed request line or header,
 * headers over 16 KB, framing that does not add up, or headers that never finished arriving),
 * as the problem the client is told.
 */
function clientErrorProblem(error: { code?: string }): Problem {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new Problem('headers-too-large');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new Problem('request-timeout');
    default:
      return new Problem('invalid-request', {
        reason: {
          vi: 'yêu cầu HTTP sai cú pháp (dòng đầu, một tiêu đề hoặc độ dài nội dung)',
          en: 'the HTTP request is malformed (its request line, a header or its length)',
        },
      });
  }
}

/**
 * fastify's `clientErrorHandler`: the problem of a request Node refused, written on the raw
 * socket (there is no reply object yet), which is then closed as Node and fastify do.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has no one left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const problem = clientErrorProblem(error);
    const body = JSON.stringify(problem.toDocument('vi'));
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        'content-type: application/problem+json; charset=utf-8\r\n' +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
