import { type LaterWord, type UiStrings, uiStrings } from './strings.js';

/**
 * The Vietnamese words of the pages after the first (review, confirmation, fees, the address,
 * file and group questions, and a kiosk's "are you still there?"): a chunk of its own, imported
 * by the chunks that draw them (review.ts, the address, file and group renderers, and the
 * kiosk's chunk), and by `loadStrings('vi')`. It puts them into `uiStrings.vi` when it runs,
 * leaving any word a page has already set there.
 *
 * @module
 */
const later: Pick<UiStrings, LaterWord> = {
  sendFailedTitle: 'Hồ sơ chưa được gửi',
  sendFailedNext:
    'Những gì bạn đã nhập vẫn được giữ nguyên, không mất gì. Hãy bấm “Gửi lại”. Nếu vẫn chưa gửi được, hãy thử lại sau ít phút hoặc bấm “Cần trợ giúp”.',
  reviewTitle: 'Kiểm tra lại thông tin',
  reviewIntro:
    'Hãy đọc lại các câu trả lời trước khi gửi hồ sơ. Bạn có thể thay đổi bất kỳ câu trả lời nào.',
  change: 'Thay đổi',
  documentsTitle: 'Giấy tờ cần mang theo',
  documentsIntro: 'Mang theo các giấy tờ sau khi đến nhận kết quả hoặc khi cán bộ yêu cầu:',
  originals: '{count} bản chính',
  copies: '{count} bản sao',
  feesTitle: 'Phí và lệ phí',
  free: 'Miễn phí',
  feeToBeTold: 'mức do địa phương quy định, cán bộ sẽ báo khi nhận hồ sơ',
  feeTotal: 'Tổng cộng: {amount}',
  feeTotalKnown: 'Tổng các khoản đã biết mức: {amount}. Cán bộ sẽ báo khoản còn lại.',
  submit: 'Gửi hồ sơ',
  submitting: 'Đang gửi hồ sơ…',
  retry: 'Gửi lại',
  submittedTitle: 'Đã gửi hồ sơ',
  dossierCode: 'Mã hồ sơ của bạn',
  whatNext: 'Việc tiếp theo',
  nextSteps:
    '{agency} sẽ kiểm tra hồ sơ. Nếu cần bổ sung giấy tờ, cán bộ sẽ liên hệ với bạn. Hãy ghi lại mã hồ sơ để tra cứu.',
  processingTime: 'Thời gian giải quyết',
  sameDay: 'trong ngày',
  workingDays: '{count} ngày làm việc',
  print: 'In trang này',
  startAgain: 'Làm hồ sơ mới',
  addRow: 'Thêm {item}',
  removeRow: 'Xoá {item} {index}',
  rowHeading: '{Item} {index}',
  chooseFile: 'Chọn tệp',
  takePhoto: 'Chụp ảnh',
  province: 'Tỉnh, thành phố',
  commune: 'Xã, phường, đặc khu',
  communeSearch: 'Tìm xã, phường, đặc khu',
  communeHint: 'Gõ vài chữ của tên, không cần dấu, rồi chọn trong danh sách. Ví dụ: {example}',
  communeNotFound:
    'Không tìm thấy “{query}”. Hãy thử gõ ít chữ hơn, không dấu, ví dụ “{example}”, hoặc tên cũ trước 7/2025.',
  addressUpdated: 'Danh mục đơn vị hành chính cập nhật {date}',
  chooseProvinceFirst: 'Chọn tỉnh, thành phố trước.',
  addressDetail: 'Số nhà, tên đường, thôn, xóm',
  addressUnavailable: 'Chưa tải được danh mục địa chỉ. Hãy nhờ cán bộ hỗ trợ.',
  formerlyChoice: 'Chọn {place} (trước đây là {formerly})',
  formerlyIntro: 'Không có tên này trong danh mục mới. Có thể đơn vị cũ nay là:',
  fileSelected: 'Đã chọn: {name}',
  removeFile: 'Bỏ tệp {name}',
  idleTitle: 'Bạn vẫn đang làm hồ sơ chứ?',
  idleBody:
    'Máy này dùng chung. Nếu bạn không bấm nút dưới đây, mọi thông tin bạn đã nhập sẽ bị xoá để người sau không nhìn thấy.',
  idleCountdown: 'Còn {seconds} giây',
  idleCountdownSpoken: 'Còn {seconds} giây nữa thông tin sẽ bị xoá.',
  idleContinue: 'Tôi vẫn đang làm',
};

const vi = uiStrings.vi as unknown as Record<string, string>;
for (const [key, text] of Object.entries(later)) vi[key] ??= text;
