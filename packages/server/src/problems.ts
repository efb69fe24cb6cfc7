import { MotcuaError } from '@motcua/core';
import type { Locale } from '@motcua/core';
import { interpolate } from '@motcua/core';

/** A text in both languages the service speaks. */
interface Bilingual {
  vi: string;
  en: string;
}

interface ProblemKind {
  status: number;
  title: Bilingual;
  /** Says what to do; `{name}` placeholders are filled from the problem's params. */
  detail: Bilingual;
}

/**
 * Every problem the API can answer, by name: the `type` of a problem is
 * `tag:motcua,2026:problem/<name>` (RFC 9457 §3.1.1 suggests a tag URI for a type that is an
 * identifier, not a page), and docs/server.md lists them all. Each detail says what to do.
 */
export const PROBLEMS = {
  'invalid-json': {
    status: 400,
    title: { vi: 'Nội dung không phải JSON', en: 'The body is not JSON' },
    detail: {
      vi: 'Nội dung gửi lên không đọc được dưới dạng JSON. Hãy gửi một đối tượng JSON hợp lệ (chi tiết trong "reason").',
      en: 'The body could not be read as JSON. Send a valid JSON object (see "reason").',
    },
  },
  'unsupported-media-type': {
    status: 415,
    title: { vi: 'Sai kiểu nội dung', en: 'Unsupported content type' },
    detail: {
      vi: 'Máy chủ không nhận nội dung kiểu {type} ở đây. Hãy gửi với Content-Type: {expected}.',
      en: 'This endpoint does not take {type}. Send it with Content-Type: {expected}.',
    },
  },
  'body-too-large': {
    status: 413,
    title: { vi: 'Nội dung quá lớn', en: 'The body is too large' },
    detail: {
      vi: 'Nội dung gửi lên lớn hơn mức cho phép ({limit}). Hãy gửi ít hơn, hoặc gửi tệp riêng qua địa chỉ nhận tệp của hồ sơ.',
      en: "The body is larger than allowed ({limit}). Send less, or send files separately to the dossier's files endpoint.",
    },
  },
  'headers-too-large': {
    status: 431,
    title: { vi: 'Phần tiêu đề quá lớn', en: 'The headers are too large' },
    detail: {
      vi: 'Phần tiêu đề (header) của yêu cầu lớn hơn mức máy chủ nhận (16 KB). Hãy bỏ bớt cookie hoặc tiêu đề không cần rồi gửi lại.',
      en: 'The request headers are larger than the server takes (16 KB). Drop unneeded cookies or headers and send it again.',
    },
  },
  'request-timeout': {
    status: 408,
    title: { vi: 'Yêu cầu đến quá chậm', en: 'The request took too long' },
    detail: {
      vi: 'Máy chủ không nhận được trọn yêu cầu trong thời gian cho phép. Hãy kiểm tra kết nối mạng rồi gửi lại đúng yêu cầu đó.',
      en: 'The server did not receive the whole request in time. Check the network connection and send the same request again.',
    },
  },
  'invalid-request': {
    status: 400,
    title: { vi: 'Yêu cầu chưa đúng mẫu', en: 'The request is not in the expected form' },
    detail: {
      vi: 'Yêu cầu thiếu hoặc sai một phần: {reason}. Hãy sửa theo mô tả API tại /api/openapi.json rồi gửi lại.',
      en: 'Part of the request is missing or wrong: {reason}. Fix it as described at /api/openapi.json and send it again.',
    },
  },
  'forbidden-key': {
    status: 400,
    title: { vi: 'Có tên trường không được phép', en: 'A key is not allowed' },
    detail: {
      vi: 'Nội dung gửi lên có khóa "{key}", là tên không được phép dùng. Hãy bỏ khóa đó rồi gửi lại.',
      en: 'The body holds the key "{key}", which is not allowed. Remove it and send again.',
    },
  },
  'missing-idempotency-key': {
    status: 400,
    title: { vi: 'Thiếu khóa chống gửi trùng', en: 'Missing Idempotency-Key' },
    detail: {
      vi: 'Mỗi hồ sơ phải gửi kèm tiêu đề Idempotency-Key: một chuỗi ngẫu nhiên tạo khi bấm Gửi lần đầu và giữ nguyên cho mọi lần gửi lại của chính hồ sơ đó.',
      en: 'Every dossier needs an Idempotency-Key header: a random string made at the first Send and kept for every retry of that same dossier.',
    },
  },
  'invalid-idempotency-key': {
    status: 400,
    title: { vi: 'Khóa chống gửi trùng không hợp lệ', en: 'Invalid Idempotency-Key' },
    detail: {
      vi: 'Idempotency-Key phải dài từ 8 đến 255 ký tự, chỉ gồm chữ, số và các dấu - _ . : (ví dụ một UUID).',
      en: 'The Idempotency-Key must be 8 to 255 characters of letters, digits and - _ . : (a UUID, for example).',
    },
  },
  'idempotency-key-reused': {
    status: 422,
    title: { vi: 'Khóa đã dùng cho hồ sơ khác', en: 'Idempotency-Key used for another dossier' },
    detail: {
      vi: 'Khóa chống gửi trùng này đã được dùng cho một hồ sơ có nội dung khác. Hồ sơ mới cần một khóa mới: hãy bấm "Làm hồ sơ mới" hoặc tải lại trang.',
      en: 'This Idempotency-Key was already used for a dossier with other content. A new dossier needs a new key: press "Start a new dossier" or reload the page.',
    },
  },
  'unknown-procedure': {
    status: 404,
    title: { vi: 'Không có thủ tục này', en: 'Unknown procedure' },
    detail: {
      vi: 'Nơi này không nhận thủ tục "{procedure}". Các thủ tục nhận được: {known}.',
      en: 'This site does not take the procedure "{procedure}". It takes: {known}.',
    },
  },
  'procedure-version-mismatch': {
    status: 409,
    title: { vi: 'Mẫu đơn đã được cập nhật', en: 'The form has been updated' },
    detail: {
      vi: 'Hồ sơ được điền theo phiên bản {version} của mẫu, nhưng quy định hiện hành là phiên bản {current}. Hãy tải lại trang rồi kiểm tra lại thông tin trước khi gửi.',
      en: 'The dossier was filled in version {version} of the form, but the rules now in force are version {current}. Reload the page and check the answers before sending.',
    },
  },
  'invalid-answers': {
    status: 422,
    title: { vi: 'Hồ sơ chưa đúng quy định', en: 'The dossier does not meet the rules' },
    detail: {
      vi: 'Có {count} chỗ cần sửa trong hồ sơ; xem từng lỗi trong "errors". Hãy sửa rồi gửi lại.',
      en: 'The dossier has {count} thing(s) to fix; see each in "errors". Fix them and send again.',
    },
  },
  'no-declaration': {
    status: 404,
    title: { vi: 'Thủ tục không có tờ khai để in', en: 'No declaration to print' },
    detail: {
      vi: 'Thủ tục "{title}" không có mẫu tờ khai để in tại đây. Hãy xin tờ khai giấy tại quầy.',
      en: 'The procedure "{title}" has no declaration to print here. Ask for the paper form at the counter.',
    },
  },
  'unknown-dossier': {
    status: 404,
    title: { vi: 'Không tìm thấy hồ sơ', en: 'Dossier not found' },
    detail: {
      vi: 'Không có hồ sơ nào với mã và mã tra cứu này. Hãy kiểm tra lại hai mã in trên phiếu biên nhận.',
      en: 'No dossier has this code and access code. Check both codes on the receipt.',
    },
  },
  'file-not-declared': {
    status: 422,
    title: { vi: 'Tệp không có trong hồ sơ', en: 'The file is not in the dossier' },
    detail: {
      vi: 'Hồ sơ không khai tệp "{name}" ở mục "{field}". Chỉ gửi những tệp đã chọn trong hồ sơ: {expected}.',
      en: 'The dossier does not list a file "{name}" under "{field}". Send only the files chosen in the dossier: {expected}.',
    },
  },
  'file-type-not-accepted': {
    status: 415,
    title: { vi: 'Loại tệp không được nhận', en: 'File type not accepted' },
    detail: {
      vi: 'Tệp "{name}" là {detected}, nhưng mục này chỉ nhận {accept}. Hãy chụp hoặc quét lại thành một trong các loại đó.',
      en: 'The file "{name}" is {detected}, but this item takes only {accept}. Scan or photograph it again as one of those.',
    },
  },
  'file-too-large': {
    status: 413,
    title: { vi: 'Tệp quá lớn', en: 'The file is too large' },
    detail: {
      vi: 'Tệp "{name}" lớn hơn {limit}. Hãy chụp với độ phân giải thấp hơn hoặc nén tệp rồi gửi lại.',
      en: 'The file "{name}" is larger than {limit}. Take the picture at a lower resolution or compress the file, then send it again.',
    },
  },
  'file-size-mismatch': {
    status: 422,
    title: { vi: 'Tệp không khớp với hồ sơ', en: 'The file does not match the dossier' },
    detail: {
      vi: 'Tệp "{name}" nhận được có {received} byte, nhưng hồ sơ khai {declared} byte. Hãy gửi lại đúng tệp đã chọn.',
      en: 'The file "{name}" arrived with {received} bytes, but the dossier lists {declared} bytes. Send the file that was chosen.',
    },
  },
  'unknown-counter': {
    status: 404,
    title: { vi: 'Không có quầy này', en: 'Unknown counter' },
    detail: {
      vi: 'Nơi này không có quầy "{counter}". Các quầy: {known}.',
      en: 'This site has no counter "{counter}". Its counters are: {known}.',
    },
  },
  'wrong-counter': {
    status: 422,
    title: {
      vi: 'Quầy này không nhận thủ tục này',
      en: 'This counter does not take this procedure',
    },
    detail: {
      vi: 'Quầy {counter} không nhận thủ tục "{procedure}". Hãy lấy số ở quầy: {counters}.',
      en: 'Counter {counter} does not take the procedure "{procedure}". Take a number at counter: {counters}.',
    },
  },
  'unknown-resume-code': {
    status: 404,
    title: { vi: 'Không tìm thấy hồ sơ nháp', en: 'Draft not found' },
    detail: {
      vi: 'Không có hồ sơ nháp nào với mã này, hoặc hồ sơ nháp đã hết hạn. Hãy kiểm tra lại mã (12 ký tự, ví dụ 7K3Q-F9XD-2M4T) hoặc làm hồ sơ mới.',
      en: 'No draft has this code, or the draft has expired. Check the code (12 characters, such as 7K3Q-F9XD-2M4T) or start a new dossier.',
    },
  },
  'unknown-help-request': {
    status: 404,
    title: { vi: 'Không có yêu cầu trợ giúp này', en: 'Unknown help request' },
    detail: {
      vi: 'Không có yêu cầu trợ giúp số {id} ở nơi này. Hãy tải lại danh sách.',
      en: 'There is no help request {id} at this site. Reload the list.',
    },
  },
  'help-request-closed': {
    status: 409,
    title: { vi: 'Yêu cầu trợ giúp đã xong', en: 'The help request is done' },
    detail: {
      vi: 'Yêu cầu trợ giúp số {id} đã được đánh dấu xong nên không đổi được nữa. Hãy tải lại danh sách.',
      en: 'Help request {id} is already done and cannot change. Reload the list.',
    },
  },
  'invalid-share-token': {
    status: 403,
    title: { vi: 'Mã chia sẻ không đúng', en: 'Wrong share token' },
    detail: {
      vi: 'Mã chia sẻ không khớp với yêu cầu trợ giúp số {id}. Chỉ máy kiosk đã gọi trợ giúp mới chia sẻ được hồ sơ: hãy bấm "Cần trợ giúp" lại.',
      en: 'The share token does not match help request {id}. Only the kiosk that called for help can share its dossier: press "Need help" again.',
    },
  },
  'no-shared-dossier': {
    status: 404,
    title: { vi: 'Chưa có hồ sơ được chia sẻ', en: 'No dossier shared' },
    detail: {
      vi: 'Máy kiosk của yêu cầu trợ giúp số {id} chưa chia sẻ hồ sơ, hoặc người dân đã xong và hồ sơ đã được xóa. Hãy đến tận máy để hỗ trợ.',
      en: 'The kiosk of help request {id} has not shared a dossier, or the citizen has finished and it was deleted. Go to the kiosk to help.',
    },
  },
  unauthorized: {
    status: 401,
    title: { vi: 'Cần đăng nhập', en: 'Sign-in needed' },
    detail: {
      vi: 'Trang này dành cho cán bộ và tình nguyện viên. Hãy gửi kèm mã truy cập của điểm (Authorization: Bearer …).',
      en: "This is for staff and volunteers. Send the site's access token (Authorization: Bearer …).",
    },
  },
  'rate-limited': {
    status: 429,
    title: { vi: 'Gửi quá nhanh', en: 'Too many requests' },
    detail: {
      vi: 'Có quá nhiều yêu cầu trong thời gian ngắn. Hãy đợi {seconds} giây rồi thử lại.',
      en: 'Too many requests in a short time. Wait {seconds} seconds and try again.',
    },
  },
  'not-found': {
    status: 404,
    title: { vi: 'Không có địa chỉ này', en: 'Not found' },
    detail: {
      vi: 'Không có gì ở {method} {path}. Xem các địa chỉ của API tại /api/openapi.json.',
      en: 'There is nothing at {method} {path}. The API is described at /api/openapi.json.',
    },
  },
  unavailable: {
    status: 503,
    title: { vi: 'Hệ thống tạm thời bận', en: 'Temporarily unavailable' },
    detail: {
      vi: 'Máy chủ chưa lưu được yêu cầu này. Không có gì bị lưu hai lần: hãy đợi một lát rồi gửi lại đúng yêu cầu đó.',
      en: 'The server could not store this request. Nothing was stored twice: wait a moment and send the same request again.',
    },
  },
  internal: {
    status: 500,
    title: { vi: 'Lỗi máy chủ', en: 'Server error' },
    detail: {
      vi: 'Máy chủ gặp lỗi khi xử lý yêu cầu này (mã sự cố {requestId}). Hãy thử lại; nếu vẫn lỗi, báo cán bộ kèm mã sự cố.',
      en: 'The server failed to handle this request (incident {requestId}). Try again; if it fails again, tell staff the incident code.',
    },
  },
} as const satisfies Record<string, ProblemKind>;

/** The name of a problem type, such as `'invalid-json'`. */
export type ProblemName = keyof typeof PROBLEMS;

/** Params as one language sees them: a `{vi, en}` value becomes its text in `language`. */
function inLanguage(params: Readonly<Record<string, unknown>>, language: 'vi' | 'en') {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      value !== null && typeof value === 'object' && 'vi' in value && 'en' in value
        ? (value as Bilingual)[language]
        : value,
    ]),
  );
}

/** The `type` URI of a problem. */
export function problemType(name: ProblemName): string {
  return `tag:motcua,2026:problem/${name}`;
}

/** An RFC 9457 problem document, as the API sends it. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  /** What happened and what to do, in the language the client asked for (vi by default). */
  detail: string;
  instance?: string;
  /** The title and detail in both languages, so a page can show the citizen's. */
  i18n: Record<Locale, { title: string; detail: string }>;
  [extension: string]: unknown;
}

/**
 * Thrown by handlers to answer with a problem; turned into `application/problem+json` by the
 * server's error handler, in one place.
 */
export class Problem extends MotcuaError {
  readonly problem: ProblemName;
  readonly params: Readonly<Record<string, unknown>>;
  /** Extension members sent with the problem, such as `errors` for invalid answers. */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** Extra response headers, such as `Retry-After`. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    problem: ProblemName,
    params: Record<string, unknown> = {},
    extensions: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(interpolate(PROBLEMS[problem].detail.en, inLanguage(params, 'en')));
    this.name = 'Problem';
    this.problem = problem;
    this.params = params;
    this.extensions = extensions;
    this.headers = headers;
  }

  get status(): number {
    return PROBLEMS[this.problem].status;
  }

  /** The problem document, with `detail` in `locale`. */
  toDocument(locale: Locale, instance?: string): ProblemDocument {
    const kind = PROBLEMS[this.problem];
    const text = (language: 'vi' | 'en') => ({
      title: kind.title[language],
      detail: interpolate(kind.detail[language], inLanguage(this.params, language)),
    });
    const i18n = { vi: text('vi'), en: text('en') };
    const chosen = locale === 'en' ? i18n.en : i18n.vi;
    return {
      ...this.extensions,
      type: problemType(this.problem),
      title: chosen.title,
      status: kind.status,
      detail: chosen.detail,
      ...(instance !== undefined && { instance }),
      i18n,
    };
  }
}
