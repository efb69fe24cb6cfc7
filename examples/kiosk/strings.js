// The kiosk's own words, in Vietnamese and English. The form's words are the element's
// (packages/elements/src/strings.ts); these are the screens around it. Plain words, short
// sentences: many citizens at a counter read slowly or not at all, and a volunteer reads along.

/** @typedef {typeof vi} KioskStrings */

const vi = {
  kiosk: 'Ki-ốt dịch vụ công',
  pageTitle: 'Ki-ốt dịch vụ công — nộp hồ sơ từng bước',
  restart: 'Về trang đầu',
  languageSwitch: 'English',
  highContrast: 'Tương phản cao',
  textSize: 'Chữ to hơn',
  help: 'Cần trợ giúp',
  helpSent: 'Đã báo cán bộ hỗ trợ, vui lòng chờ trong giây lát',
  helpFailed: 'Chưa gọi được cán bộ hỗ trợ. Bạn hãy giơ tay hoặc đến quầy gần nhất để được giúp.',
  tools: 'Cài đặt màn hình và trợ giúp',
  cleared: 'Những gì người dùng trước đã nhập đều đã được xoá để bảo vệ thông tin cá nhân của họ.',
  privacy:
    'Máy này dùng chung: thông tin của bạn không được lưu lại trên máy. Khi xong, hoặc khi bấm “Về trang đầu”, mọi thông tin đã nhập đều bị xoá.',
  openingHours: 'Giờ làm việc',
  loading: 'Đang tải…',
  catalogueFailed:
    'Chưa tải được danh sách thủ tục. Bạn hãy chờ một lát rồi bấm “Thử lại”, hoặc bấm “Cần trợ giúp”.',
  retry: 'Thử lại',

  welcomeTitle: 'Bạn cần làm thủ tục gì?',
  welcomeLead:
    'Gõ vài chữ về việc bạn cần làm — có dấu hay không dấu đều được — hoặc chọn một việc ở dưới.',
  searchLabel: 'Tìm thủ tục',
  searchHint: 'Ví dụ: khai sinh, dang ky cho con, chuyen ho khau, ly lich',
  searchButton: 'Tìm',
  resultsTitle: 'Kết quả tìm',
  resultsCount: 'Có {count} kết quả cho “{query}”.',
  resultsCountOne: 'Có 1 kết quả cho “{query}”.',
  noResults:
    'Không tìm thấy thủ tục nào cho “{query}”. Bạn hãy thử từ khác, chọn một việc ở dưới, hoặc bấm “Cần trợ giúp”.',
  elsewhere: 'Không làm ở đây',
  elsewhereWhere: 'Bạn hãy đến: {where}',
  lifeEventsTitle: 'Hoặc chọn việc bạn đang gặp',
  proceduresTitle: 'Các thủ tục làm được ở đây',
  counter: 'Nộp tại {counter}',

  eventBack: 'Quay lại',
  eventStep: 'Câu hỏi {index} / {count}',
  notHere: 'Ki-ốt này chưa làm thủ tục “{title}”.',
  notHereAsk: 'Bạn hãy hỏi cán bộ tại quầy, hoặc bấm “Cần trợ giúp” để được hướng dẫn nơi làm.',
  goThere: 'Bạn hãy đến: {where}',

  startCaption: 'Trước khi bắt đầu',
  startWhat: 'Thủ tục này để làm gì',
  startWho: 'Ai được nộp',
  startWhere: 'Nộp ở đâu',
  startWhereCounter: '{counter} tại {site}. Cơ quan giải quyết: {agency}.',
  startFee: 'Lệ phí',
  startFeeTotal: 'Tổng cộng: {amount}',
  startFeeDepends: 'tuỳ trường hợp của bạn',
  startFeeNote:
    'Hồ sơ nộp qua ki-ốt là hồ sơ nộp trực tuyến, nên tính theo mức phí nộp trực tuyến (nếu có).',
  free: 'Miễn phí',
  startTime: 'Thời gian giải quyết',
  sameDay: 'Trong ngày',
  workingDays: '{count} ngày làm việc',
  startOnline: 'Làm trên mạng được không',
  online: {
    full: 'Được. Thủ tục này làm trọn vẹn trên mạng (dịch vụ công trực tuyến toàn trình): nộp hồ sơ và nhận kết quả không cần đến quầy.',
    partial:
      'Được một phần. Bạn nộp hồ sơ trên mạng, nhưng vẫn phải đến quầy để nộp giấy tờ hoặc nhận kết quả.',
    counter: 'Không. Thủ tục này chỉ làm tại quầy.',
  },
  startPapers: 'Giấy tờ cần có',
  startPapersIntro: 'Hãy để sẵn những giấy tờ này; cán bộ sẽ xem bản chính tại quầy.',
  startPapersMaybe: 'Có thể cần thêm, tuỳ trường hợp:',
  startAsk: 'Để biết chính xác giấy tờ cần có, bạn trả lời giúp (không bắt buộc):',
  papersUpdated: 'Danh sách giấy tờ đã được cập nhật.',
  vneidTitle: 'Lần sau, làm tại nhà',
  vneidNote:
    'Bạn có thể tự nộp hồ sơ tại nhà trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc ứng dụng VNeID. Cổng yêu cầu tài khoản định danh điện tử VNeID mức độ 2. Nếu chưa có, bạn mang thẻ Căn cước đến Công an xã, phường: cán bộ chụp ảnh và lấy vân tay để kích hoạt tài khoản.',
  startButton: 'Bắt đầu điền hồ sơ',
  chooseAnother: 'Chọn thủ tục khác',

  confirmTitle: 'Xoá hết thông tin và về trang đầu?',
  confirmBody: 'Những gì bạn đã nhập sẽ bị xoá và không lấy lại được.',
  confirmYes: 'Xoá và về trang đầu',
  confirmNo: 'Tiếp tục điền',

  slipCaption: 'Phiếu hẹn',
  slipTitle: 'Đã gửi hồ sơ',
  slipLead: 'Bạn mang phiếu này và các giấy tờ dưới đây đến {counter}. Cán bộ sẽ gọi số của bạn.',
  ticket: 'Số thứ tự',
  ticketAt: 'tại {counter}',
  ticketPending: 'Đang lấy số thứ tự…',
  ticketFailed: 'Chưa lấy được số thứ tự. Bạn hãy đến {counter} và đưa mã hồ sơ cho cán bộ.',
  procedure: 'Thủ tục',
  applicant: 'Người nộp',
  sentAt: 'Ngày giờ nộp',
  dossierCode: 'Mã hồ sơ',
  accessCode: 'Mã tra cứu',
  qrLabel: 'Quét mã QR để xem tình trạng hồ sơ trên điện thoại.',
  qrAlt: 'Mã QR tra cứu hồ sơ {code}',
  lookupAt: 'Tra cứu hồ sơ tại {url} bằng mã hồ sơ và mã tra cứu ở trên.',
  papersToBring: 'Giấy tờ mang đến quầy',
  paperCopy: 'bản giấy, thay cho tệp chưa tải lên',
  fees: 'Lệ phí',
  feeTotal: 'Tổng lệ phí',
  feesNote: 'Cán bộ sẽ báo mức phí chính xác.',
  processing: 'Thời gian giải quyết',
  printSlip: 'In phiếu',
  viewDeclaration: 'Xem tờ khai để ký',
  finish: 'Kết thúc',
  finishNote: 'Bấm “Kết thúc” khi đã in hoặc chụp lại phiếu: mọi thông tin sẽ được xoá khỏi máy.',

  declarationCaption: 'Tờ khai đã điền sẵn',
  declarationLead:
    'In tờ khai này, kiểm tra lại rồi ký tại quầy. Cán bộ vẫn kiểm tra bản chính các giấy tờ của bạn.',
  declarationFailed: 'Chưa tải được tờ khai. Cán bộ tại quầy sẽ đưa bạn tờ khai giấy.',
  printDeclaration: 'In tờ khai',
  backToSlip: 'Quay lại phiếu hẹn',
  nation: 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  placeDate: '{place}, ngày {day} tháng {month} năm {year}',
  notGiven: '(không khai)',

  idleTitle: 'Bạn vẫn đang dùng máy chứ?',
  idleBody: 'Để bảo vệ thông tin của bạn, máy sẽ xoá mọi thứ và về trang đầu nếu không ai dùng.',
  idleCountdown: 'Còn {seconds} giây',
  idleCountdownOne: 'Còn 1 giây',
  idleContinue: 'Tôi vẫn đang dùng',
};

/** @type {KioskStrings} */
const en = {
  kiosk: 'Public service kiosk',
  pageTitle: 'Public service kiosk — apply step by step',
  restart: 'Start again',
  languageSwitch: 'Tiếng Việt',
  highContrast: 'High contrast',
  textSize: 'Larger text',
  help: 'Get help',
  helpSent: 'A volunteer has been called. Please wait a moment.',
  helpFailed:
    'The volunteer could not be called. Please raise your hand or go to the nearest counter for help.',
  tools: 'Screen settings and help',
  cleared: 'Everything the previous person entered has been deleted to protect their privacy.',
  privacy:
    'This machine is shared: nothing you enter is kept on it. When you finish, or press “Start again”, everything you entered is deleted.',
  openingHours: 'Opening hours',
  loading: 'Loading…',
  catalogueFailed:
    'The list of procedures could not be loaded. Wait a moment and press “Try again”, or press “Get help”.',
  retry: 'Try again',

  welcomeTitle: 'What do you need to do?',
  welcomeLead:
    'Type a few words about what you need — with or without Vietnamese accents — or choose one of the situations below.',
  searchLabel: 'Find a procedure',
  searchHint: 'For example: birth, residence, criminal record, khai sinh',
  searchButton: 'Search',
  resultsTitle: 'Search results',
  resultsCount: '{count} results for “{query}”.',
  resultsCountOne: 'One result for “{query}”.',
  noResults:
    'No procedure found for “{query}”. Try other words, choose a situation below, or press “Get help”.',
  elsewhere: 'Not handled here',
  elsewhereWhere: 'Go to: {where}',
  lifeEventsTitle: 'Or choose what is happening in your life',
  proceduresTitle: 'Procedures you can do here',
  counter: 'Handed in at {counter}',

  eventBack: 'Back',
  eventStep: 'Question {index} of {count}',
  notHere: 'This kiosk does not handle “{title}” yet.',
  notHereAsk: 'Ask the staff at the counter, or press “Get help” to be told where to go.',
  goThere: 'Go to: {where}',

  startCaption: 'Before you start',
  startWhat: 'What it is for',
  startWho: 'Who can apply',
  startWhere: 'Where to hand it in',
  startWhereCounter: '{counter} at {site}. Decided by: {agency}.',
  startFee: 'Fee',
  startFeeTotal: 'Total: {amount}',
  startFeeDepends: 'depends on your case',
  startFeeNote:
    'An application made at this kiosk is an online application, so the online fee applies where there is one.',
  free: 'Free',
  startTime: 'Processing time',
  sameDay: 'The same day',
  workingDays: '{count} working days',
  startOnline: 'Can it be done online?',
  online: {
    full: 'Yes. You can apply and get the result entirely online, without coming to the counter.',
    partial:
      'Partly. You apply online, but you still come to the counter to hand in papers or collect the result.',
    counter: 'No. This procedure is only done at the counter.',
  },
  startPapers: 'Papers to have with you',
  startPapersIntro: 'Have these ready; the officer will look at the originals at the counter.',
  startPapersMaybe: 'You may also need, depending on your case:',
  startAsk: 'To see exactly which papers you need, please answer (optional):',
  papersUpdated: 'The list of papers has been updated.',
  vneidTitle: 'Next time, from home',
  vneidNote:
    'You can apply from home on the National Public Service Portal (dichvucong.gov.vn) or in the VNeID app. The portal needs a level-2 VNeID electronic identity account. If you do not have one, take your citizen identity card to the commune or ward police: they take your photo and fingerprints to activate it.',
  startButton: 'Start the application',
  chooseAnother: 'Choose another procedure',

  confirmTitle: 'Delete everything and start again?',
  confirmBody: 'What you have entered will be deleted and cannot be brought back.',
  confirmYes: 'Delete and start again',
  confirmNo: 'Keep going',

  slipCaption: 'Your slip',
  slipTitle: 'Application sent',
  slipLead: 'Take this slip and the papers below to {counter}. The officer will call your number.',
  ticket: 'Queue number',
  ticketAt: 'at {counter}',
  ticketPending: 'Getting your queue number…',
  ticketFailed:
    'Your queue number could not be given. Go to {counter} and show the application code to the officer.',
  procedure: 'Procedure',
  applicant: 'Applicant',
  sentAt: 'Sent on',
  dossierCode: 'Application code',
  accessCode: 'Access code',
  qrLabel: 'Scan the QR code to follow your application on your phone.',
  qrAlt: 'QR code to look up application {code}',
  lookupAt: 'Look up your application at {url} with the two codes above.',
  papersToBring: 'Papers to bring to the counter',
  paperCopy: 'on paper, instead of the file not uploaded',
  fees: 'Fees',
  feeTotal: 'Total fees',
  feesNote: 'The officer will tell you the exact amount.',
  processing: 'Processing time',
  printSlip: 'Print the slip',
  viewDeclaration: 'See the form to sign',
  finish: 'Finish',
  finishNote:
    'Press “Finish” once you have printed or photographed the slip: everything is then deleted from this machine.',

  declarationCaption: 'Your form, filled in',
  declarationLead:
    'Print this form, check it, and sign it at the counter. The officer still checks the originals of your papers.',
  declarationFailed:
    'The form could not be loaded. The officer at the counter will give you a paper form.',
  printDeclaration: 'Print the form',
  backToSlip: 'Back to the slip',
  nation: 'SOCIALIST REPUBLIC OF VIET NAM',
  motto: 'Independence - Freedom - Happiness',
  placeDate: '{place}, {day}/{month}/{year}',
  notGiven: '(not given)',

  idleTitle: 'Are you still using the kiosk?',
  idleBody:
    'To protect your information, the kiosk deletes everything and starts again when nobody is using it.',
  idleCountdown: '{seconds} seconds left',
  idleCountdownOne: '1 second left',
  idleContinue: 'I am still here',
};

/**
 * The kiosk's words in `locale` (`vi` unless `en`).
 *
 * @param {string} locale
 * @returns {KioskStrings}
 */
export function kioskStrings(locale) {
  return locale === 'en' ? en : vi;
}

/**
 * `{name}` placeholders filled from `params`.
 *
 * @param {string} template
 * @param {Record<string, unknown>} params
 */
export function fill(template, params) {
  return template.replace(/\{(\w+)\}/g, (whole, name) =>
    name in params ? String(params[name]) : whole,
  );
}
