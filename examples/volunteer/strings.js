// The volunteer page's words, in Vietnamese and English.

/** @typedef {typeof vi} VolunteerStrings */

const vi = {
  pageTitle: 'Hỗ trợ người dân — tình nguyện viên',
  title: 'Người dân cần hỗ trợ',
  languageSwitch: 'English',
  connecting: 'Đang kết nối…',
  live: 'Danh sách tự cập nhật.',
  lost: 'Mất kết nối với máy chủ, đang thử lại…',
  none: 'Chưa có ai cần hỗ trợ.',
  count: '{count} yêu cầu đang chờ',
  kiosk: 'Ki-ốt {kiosk}',
  statusOpen: 'Mới',
  statusTaken: 'Đang được hỗ trợ',
  takenBy: 'Đang được hỗ trợ bởi {name}',
  at: 'Đang ở: {step}',
  since: 'Gọi lúc {time}',
  noProcedure: 'Chưa chọn thủ tục',
  steps: {
    welcome: 'trang tìm thủ tục',
    event: 'câu hỏi tìm thủ tục',
    'not-here': 'thủ tục không làm ở đây',
    start: 'trang bắt đầu',
    review: 'Kiểm tra lại thông tin',
    submitting: 'đang gửi hồ sơ',
    failed: 'gửi hồ sơ chưa được',
    submitted: 'đã gửi hồ sơ',
    slip: 'phiếu hẹn',
    declaration: 'tờ khai',
  },
  take: 'Nhận hỗ trợ',
  done: 'Đã xong',
  review: 'Xem hồ sơ',
  updateFailed: 'Chưa cập nhật được. Yêu cầu có thể đã được người khác xử lý.',
  signInTitle: 'Mã truy cập của cán bộ',
  signInLead: 'Trang này cần mã truy cập do quản trị viên cấp.',
  signInLabel: 'Mã truy cập',
  signIn: 'Vào',
  signInWrong: 'Mã truy cập không đúng.',

  backToList: 'Quay lại danh sách',
  reviewTitle: 'Hồ sơ tại ki-ốt {kiosk}',
  reviewLead:
    'Cùng người dân xem lại từng câu trả lời. Hồ sơ chỉ được chia sẻ khi người dân còn ở ki-ốt.',
  reviewLoading: 'Đang tải hồ sơ…',
  reviewGone:
    'Hồ sơ không còn được chia sẻ: người dân đã kết thúc, hoặc ki-ốt đã tự xoá khi không ai dùng.',
  reviewFailed: 'Chưa tải được hồ sơ. Thử lại sau giây lát.',
  updated: 'Cập nhật lúc {time}',
  summary: 'Tóm tắt',
  errorsCount: '{count} lỗi cần sửa',
  warningsCount: '{count} cảnh báo cần xem',
  missingCount: '{count} giấy tờ cần lưu ý',
  unansweredCount: '{count} câu chưa trả lời (ở bước đang điền và các bước sau)',
  errorsTitle: 'Lỗi cần sửa',
  warningsTitle: 'Cảnh báo',
  warningsHint: 'Có thể đúng: hỏi lại người dân cho chắc.',
  papersTitle: 'Giấy tờ',
  papersToBring: 'Giấy tờ mang đến quầy',
  paperInstead: 'Sẽ mang bản giấy đến quầy (chưa tải tệp)',
  fileMissing: 'Chưa có tệp',
  fileAttached: 'Đã chọn tệp: {name}',
  answersTitle: 'Các câu trả lời',
  current: 'đang điền',
  notAnswered: 'Chưa trả lời',
  error: 'Lỗi',
  warning: 'Cảnh báo',
  flagged: 'Cần lưu ý',
};

/** @type {VolunteerStrings} */
const en = {
  pageTitle: 'Helping citizens — volunteers',
  title: 'Citizens asking for help',
  languageSwitch: 'Tiếng Việt',
  connecting: 'Connecting…',
  live: 'This list updates by itself.',
  lost: 'Lost the connection to the server, trying again…',
  none: 'Nobody is asking for help.',
  count: '{count} waiting',
  kiosk: 'Kiosk {kiosk}',
  statusOpen: 'New',
  statusTaken: 'Being helped',
  takenBy: 'Being helped by {name}',
  at: 'At: {step}',
  since: 'Called at {time}',
  noProcedure: 'No procedure chosen yet',
  steps: {
    welcome: 'the search page',
    event: 'a question to find the procedure',
    'not-here': 'a procedure not handled here',
    start: 'the start page',
    review: 'Check your answers',
    submitting: 'sending the application',
    failed: 'sending failed',
    submitted: 'application sent',
    slip: 'the slip',
    declaration: 'the form to sign',
  },
  take: 'Take it',
  done: 'Done',
  review: 'See the application',
  updateFailed: 'Could not update. Someone else may have dealt with it.',
  signInTitle: 'Staff access code',
  signInLead: 'This page needs the access code your administrator gave you.',
  signInLabel: 'Access code',
  signIn: 'Sign in',
  signInWrong: 'That access code is not right.',

  backToList: 'Back to the list',
  reviewTitle: 'Application at kiosk {kiosk}',
  reviewLead:
    'Go through each answer with the citizen. The application is shared only while the citizen is at the kiosk.',
  reviewLoading: 'Loading the application…',
  reviewGone:
    'The application is no longer shared: the citizen has finished, or the kiosk wiped itself when left unused.',
  reviewFailed: 'The application could not be loaded. Try again in a moment.',
  updated: 'Updated at {time}',
  summary: 'Summary',
  errorsCount: '{count} errors to fix',
  warningsCount: '{count} warnings to check',
  missingCount: '{count} papers to note',
  unansweredCount: '{count} questions not answered yet (this step and later ones)',
  errorsTitle: 'Errors to fix',
  warningsTitle: 'Warnings',
  warningsHint: 'These may be right: ask the citizen to be sure.',
  papersTitle: 'Papers',
  papersToBring: 'Papers to bring to the counter',
  paperInstead: 'Will bring the paper to the counter (no file uploaded)',
  fileMissing: 'No file yet',
  fileAttached: 'File chosen: {name}',
  answersTitle: 'The answers',
  current: 'in progress',
  notAnswered: 'Not answered',
  error: 'Error',
  warning: 'Warning',
  flagged: 'To note',
};

/** @param {string} locale */
export function volunteerStrings(locale) {
  return locale === 'en' ? en : vi;
}

/**
 * @param {string} template
 * @param {Record<string, unknown>} params
 */
export function fill(template, params) {
  return template.replace(/\{(\w+)\}/g, (whole, name) =>
    name in params ? String(params[name]) : whole,
  );
}
