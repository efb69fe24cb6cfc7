/** The words of drafts, the outbox and "save for later" (portal mode), in vi and en. */
export interface DraftStrings {
  offerTitle: string;
  offerBody: string;
  offerContinue: string;
  offerRestart: string;
  droppedTitle: string;
  droppedBody: string;
  storageUnavailable: string;
  resuming: string;
  saveForLater: string;
  saving: string;
  saveFailed: string;
  savedTitle: string;
  savedBody: string;
  savedCode: string;
  savedExpires: string;
  savedQr: string;
  savedBack: string;
  haveCode: string;
  codeLabel: string;
  codeHint: string;
  openDraft: string;
  codeNotFound: string;
  draftOpened: string;
}

const vi: DraftStrings = {
  offerTitle: 'Bạn có một hồ sơ đang làm dở',
  offerBody: 'Hồ sơ được lưu trên máy này lúc {time}. Bạn muốn làm tiếp hay làm lại từ đầu?',
  offerContinue: 'Tiếp tục hồ sơ đang làm',
  offerRestart: 'Làm lại từ đầu',
  droppedTitle: 'Mẫu đơn đã được cập nhật',
  droppedBody:
    'Các câu trả lời sau không còn dùng được trong mẫu mới, bạn cần xem lại hoặc nhập lại: {fields}.',
  storageUnavailable:
    'Máy này không lưu được hồ sơ đang làm (có thể trình duyệt đang ở chế độ ẩn danh). Hãy làm xong trong lần này, hoặc bấm “Lưu để làm tiếp sau” để nhận mã.',
  resuming: 'Đang gửi tiếp hồ sơ bạn đã bấm gửi lần trước…',
  saveForLater: 'Lưu để làm tiếp sau',
  saving: 'Đang lưu…',
  saveFailed: 'Chưa lưu được hồ sơ lên máy chủ. Hãy thử lại sau ít phút.',
  savedTitle: 'Đã lưu hồ sơ để làm tiếp sau',
  savedBody:
    'Trên máy khác, mở trang này và nhập mã dưới đây, hoặc quét mã QR bằng điện thoại. Tệp đính kèm không được lưu: bạn sẽ chọn lại tệp khi làm tiếp.',
  savedCode: 'Mã làm tiếp',
  savedExpires: 'Mã dùng được đến hết ngày {date}.',
  savedQr: 'Mã QR để mở hồ sơ đã lưu',
  savedBack: 'Tiếp tục điền',
  haveCode: 'Bạn đã có mã để làm tiếp hồ sơ đã lưu?',
  codeLabel: 'Mã làm tiếp',
  codeHint: '12 ký tự, ví dụ 7K3Q-F9XD-2M4T',
  openDraft: 'Mở hồ sơ đã lưu',
  codeNotFound:
    'Không tìm thấy hồ sơ với mã này, hoặc hồ sơ đã hết hạn. Hãy kiểm tra lại mã hoặc làm hồ sơ mới.',
  draftOpened: 'Đã mở hồ sơ đã lưu. Hãy kiểm tra và làm tiếp.',
};

const en: DraftStrings = {
  offerTitle: 'You have an application in progress',
  offerBody: 'It was saved on this device at {time}. Do you want to continue it or start again?',
  offerContinue: 'Continue the application',
  offerRestart: 'Start again',
  droppedTitle: 'The form has been updated',
  droppedBody: 'These answers no longer fit the new form; check them or give them again: {fields}.',
  storageUnavailable:
    'This device cannot save your application as you go (the browser may be in private mode). Finish it now, or press “Save to continue later” to get a code.',
  resuming: 'Sending the application you sent last time…',
  saveForLater: 'Save to continue later',
  saving: 'Saving…',
  saveFailed: 'Your application could not be saved on the server. Try again in a few minutes.',
  savedTitle: 'Your application is saved',
  savedBody:
    'On another device, open this page and enter the code below, or scan the QR code with a phone. Attached files are not saved: you will choose them again.',
  savedCode: 'Code to continue',
  savedExpires: 'The code works until the end of {date}.',
  savedQr: 'QR code to open the saved application',
  savedBack: 'Continue filling in',
  haveCode: 'Do you have a code to continue a saved application?',
  codeLabel: 'Code to continue',
  codeHint: '12 characters, such as 7K3Q-F9XD-2M4T',
  openDraft: 'Open the saved application',
  codeNotFound:
    'No saved application has this code, or it has expired. Check the code or start a new application.',
  draftOpened: 'The saved application is open. Check it and continue.',
};

/** The draft words in `locale`, Vietnamese by default. */
export function draftStringsFor(locale: string): DraftStrings {
  return locale === 'en' ? en : vi;
}
