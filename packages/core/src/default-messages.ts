import type { MessageCatalog } from './messages.js';

/**
 * The default messages, written for citizens: each says what to do, in plain words, the way
 * the GOV.UK Design System words its errors. `{label}` is the field's label as it reads inside
 * a sentence ("họ và tên"), `{Label}` as written ("Họ và tên"), `{limit}` the bound broken.
 */
export const defaultMessages: MessageCatalog = {
  vi: {
    required: 'Nhập {label}',
    'required.choice': 'Chọn {label}',
    'required.question': 'Trả lời câu hỏi “{Label}”',
    'required.checkbox': 'Đánh dấu vào ô “{Label}” để tiếp tục',
    'required.checkboxes': 'Chọn ít nhất một mục cho {label}',
    'required.file': 'Tải lên {label}',
    'required.group': 'Thêm ít nhất một {item}',
    type: '{Label} chưa đúng định dạng, hãy nhập lại',
    number: '{Label} phải là một số, ví dụ 2',
    integer: '{Label} phải là số nguyên, ví dụ 2',
    minLength: '{Label} phải có ít nhất {limit} ký tự',
    maxLength: '{Label} không được dài quá {limit} ký tự',
    pattern: 'Nhập {label} đúng định dạng',
    'pattern.example': 'Nhập {label} đúng định dạng, ví dụ {example}',
    format: 'Nhập {label} đúng định dạng',
    minimum: '{Label} phải từ {limit} trở lên',
    maximum: '{Label} không được lớn hơn {limit}',
    exclusiveMinimum: '{Label} phải lớn hơn {limit}',
    exclusiveMaximum: '{Label} phải nhỏ hơn {limit}',
    multipleOf: '{Label} phải là bội số của {limit}',
    enum: 'Chọn {label} trong danh sách',
    option: 'Chọn lại {label}: “{option}” không còn áp dụng',
    const: '{Label} chưa đúng, hãy kiểm tra lại',
    minItems: 'Chọn ít nhất {limit} mục cho {label}',
    maxItems: 'Chỉ chọn tối đa {limit} mục cho {label}',
    uniqueItems: 'Mỗi mục của {label} chỉ được chọn một lần',
    email: 'Nhập địa chỉ email đúng định dạng, ví dụ ten@example.com',
    phone: 'Nhập số điện thoại đúng định dạng, ví dụ 0912 345 678',
    date: '{Label} phải là ngày có thật, ví dụ 27/3/2007',
    'date.missing-day': '{Label} phải có ngày',
    'date.missing-month': '{Label} phải có tháng',
    'date.missing-year': '{Label} phải có năm',
    'date.missing-day-month': '{Label} phải có ngày và tháng',
    'date.missing-day-year': '{Label} phải có ngày và năm',
    'date.missing-month-year': '{Label} phải có tháng và năm',
    'date.year-digits': 'Năm trong {label} phải có 4 chữ số, ví dụ 2007',
    'address.missing-province': 'Chọn tỉnh, thành phố trong {label}',
    'address.missing-commune': 'Chọn xã, phường, đặc khu trong {label}',
    'address.missing-detail': 'Nhập số nhà, tên đường, thôn, xóm trong {label}',
    dateMin: '{Label} phải từ ngày {limit} trở về sau',
    'dateMin.today': '{Label} phải là hôm nay hoặc một ngày sau hôm nay',
    dateMax: '{Label} phải là ngày {limit} hoặc trước đó',
    'dateMax.today': '{Label} phải là hôm nay hoặc một ngày đã qua',
    year: '{Label} phải là năm gồm 4 chữ số, ví dụ 1985',
    yearMin: '{Label} phải từ năm {limit} trở về sau',
    yearMax: '{Label} không được sau năm {limit}',
    'yearMax.today': '{Label} không được là năm trong tương lai',
    'yearMin.today': '{Label} phải từ năm nay trở về sau',
    fileType: 'Tệp {label} phải có định dạng {types}',
    fileSize: 'Tệp {label} phải nhỏ hơn {limit}',
    fileCount: 'Chỉ tải lên tối đa {limit} tệp cho {label}',
    paperNotAllowed:
      'Hãy tải lên tệp {label}: mục này cần bản điện tử, không nhận bản giấy mang đến quầy',
    minRows: 'Thêm ít nhất {limit} {item}',
    maxRows: 'Chỉ được thêm tối đa {limit} {item}',
    submitFailed:
      'Chưa gửi được hồ sơ. Thông tin bạn đã nhập vẫn được giữ nguyên. Hãy thử gửi lại sau ít phút.',
  },
  en: {
    required: 'Enter {label}',
    'required.choice': 'Select {label}',
    'required.question': 'Answer the question “{Label}”',
    'required.checkbox': 'Select “{Label}” to continue',
    'required.checkboxes': 'Select at least one option for {label}',
    'required.file': 'Upload {label}',
    'required.group': 'Add at least one {item}',
    type: '{Label} is not in the right format; enter it again',
    number: '{Label} must be a number, like 2',
    integer: '{Label} must be a whole number, like 2',
    minLength: '{Label} must be {limit} characters or more',
    maxLength: '{Label} must be {limit} characters or fewer',
    pattern: 'Enter {label} in the correct format',
    'pattern.example': 'Enter {label} in the correct format, like {example}',
    format: 'Enter {label} in the correct format',
    minimum: '{Label} must be {limit} or more',
    maximum: '{Label} must be {limit} or less',
    exclusiveMinimum: '{Label} must be more than {limit}',
    exclusiveMaximum: '{Label} must be less than {limit}',
    multipleOf: '{Label} must be a multiple of {limit}',
    enum: 'Select {label} from the list',
    option: 'Choose {label} again: “{option}” no longer applies',
    const: '{Label} is not right; check it and try again',
    minItems: 'Select {limit} or more options for {label}',
    maxItems: 'Select {limit} or fewer options for {label}',
    uniqueItems: 'Select each option for {label} only once',
    email: 'Enter an email address in the correct format, like name@example.com',
    phone: 'Enter a telephone number in the correct format, like 0912 345 678',
    date: '{Label} must be a real date, like 27/3/2007',
    'date.missing-day': '{Label} must include a day',
    'date.missing-month': '{Label} must include a month',
    'date.missing-year': '{Label} must include a year',
    'date.missing-day-month': '{Label} must include a day and month',
    'date.missing-day-year': '{Label} must include a day and year',
    'date.missing-month-year': '{Label} must include a month and year',
    'date.year-digits': 'The year in {label} must have 4 digits, like 2007',
    'address.missing-province': 'Select the province or city in {label}',
    'address.missing-commune': 'Select the commune, ward or special zone in {label}',
    'address.missing-detail': 'Enter the house number, street, village or hamlet in {label}',
    dateMin: '{Label} must be the same as or after {limit}',
    'dateMin.today': '{Label} must be today or in the future',
    dateMax: '{Label} must be the same as or before {limit}',
    'dateMax.today': '{Label} must be today or in the past',
    year: '{Label} must be a year with 4 digits, like 1985',
    yearMin: '{Label} must be {limit} or later',
    yearMax: '{Label} must be {limit} or earlier',
    'yearMax.today': '{Label} must not be in the future',
    'yearMin.today': '{Label} must be this year or later',
    fileType: 'The file for {label} must be a {types}',
    fileSize: 'The file for {label} must be smaller than {limit}',
    fileCount: 'Upload {limit} or fewer files for {label}',
    paperNotAllowed:
      'Upload the file for {label}: this item needs the file itself, not a paper copy brought to the counter',
    minRows: 'Add another {item}: you need at least {limit}',
    maxRows: 'Remove a {item}: you can add up to {limit}',
    submitFailed:
      'Your application has not been sent. Everything you entered has been kept. Try sending it again in a few minutes.',
  },
};

/**
 * Whether {@link defaultMessages} holds its messages: always, here. A page's runtime
 * (`motcua.js`) is built with `default-messages.lazy.ts` in this module's place, whose messages
 * come in a chunk of their own that `procedure.load()` fetches with a procedure's checks: no
 * message is written before the checks are here, so the first page never waits for them.
 */
export function defaultMessagesLoaded(): boolean {
  return true;
}

/** Settles once {@link defaultMessages} holds its messages: at once, here. */
export function loadDefaultMessages(): Promise<void> {
  return Promise.resolve();
}
