/** The element's own words (buttons, headings, notices), in every locale motcua ships. */
export interface UiStrings {
  continue: string;
  back: string;
  /**
   * "Bước {index}": no total, which would jump as answers add or skip steps (GOV.UK shows none
   * on branching journeys).
   */
  progress: string;
  /** Under an answer filled from an earlier one (a `prefill`), for the citizen to confirm. */
  prefilled: string;
  optional: string;
  /** Before a field's example answer: "Ví dụ: Nguyễn Văn An". */
  example: string;
  errorSummaryTitle: string;
  /** Review, when Send failed: not the citizen's error. */
  sendFailedTitle: string;
  /** After a failed Send: nothing was lost, and what to do. */
  sendFailedNext: string;
  warningSummaryTitle: string;
  warningSummaryHint: string;
  warningPrefix: string;
  /**
   * The button that puts in the value a warning or error suggests, before it: "Dùng tên này:
   * Nguyễn Minh Khang" for a name typed in raw Telex (the Vietnam pack's `vn-person-name.typed`).
   */
  useSuggestion: string;
  errorPrefix: string;
  /** Prefix of the page title while errors show. */
  titleErrorPrefix: string;
  reviewTitle: string;
  reviewIntro: string;
  change: string;
  notProvided: string;
  yes: string;
  no: string;
  documentsTitle: string;
  documentsIntro: string;
  originals: string;
  copies: string;
  feesTitle: string;
  free: string;
  /** In place of an amount the definition leaves to the officer (a fee set by the province). */
  feeToBeTold: string;
  /** "Tổng cộng: {amount}". */
  feeTotal: string;
  /** The total when an amount is left to the officer: not final. */
  feeTotalKnown: string;
  submit: string;
  submitting: string;
  retry: string;
  submittedTitle: string;
  dossierCode: string;
  whatNext: string;
  /** What happens after sending: "{agency} sẽ kiểm tra hồ sơ…" */
  nextSteps: string;
  otherStepError: string;
  languageSwitch: string;
  processingTime: string;
  sameDay: string;
  workingDays: string;
  print: string;
  startAgain: string;
  loading: string;
  /** A part of the form did not load (a bad network): what to do. */
  loadFailed: string;
  /** After {@link UiStrings.loadFailed}, once the citizen has typed something. */
  loadFailedKept: string;
  /** The button that asks again for what did not load. */
  tryAgain: string;
  addRow: string;
  removeRow: string;
  rowHeading: string;
  day: string;
  month: string;
  year: string;
  chooseFile: string;
  takePhoto: string;
  selectPlaceholder: string;
  province: string;
  commune: string;
  communeSearch: string;
  /** `{example}`: a name of the chosen province's list, without diacritics. */
  communeHint: string;
  /**
   * When the search finds nothing: what to try instead. `{query}` as typed, `{example}` as in
   * `communeHint`.
   */
  communeNotFound: string;
  /** The data notice under the field: "… cập nhật {date}", the date as dd/mm/yyyy. */
  addressUpdated: string;
  chooseProvinceFirst: string;
  addressDetail: string;
  addressUnavailable: string;
  /** "Chọn {place} (trước đây là {formerly})" */
  formerlyChoice: string;
  formerlyIntro: string;
  fileSelected: string;
  removeFile: string;
  /** How review shows a file to be brought on paper (kiosk mode), `{ paper: true }`. */
  paperAnswer: string;
  /** A file brought on paper among the papers to bring: "{label} (bản giấy)". */
  paperToBring: string;
  highContrast: string;
  textSize: string;
  help: string;
  stepAnnouncement: string;
  reviewAnnouncement: string;
  submittedAnnouncement: string;
  languageName: string;
  /** Kiosk mode: the question asked when no one has touched the screen for a while. */
  idleTitle: string;
  /** What happens if no one answers; the time left is shown by `idleCountdown` beside it. */
  idleBody: string;
  /** The time left before the wipe, shown large and updated each second: "Còn {seconds} giây". */
  idleCountdown: string;
  /** The time left as a screen reader hears it, at most every 20 seconds. */
  idleCountdownSpoken: string;
  idleContinue: string;
  /** Announced once the answers of a form left unused were wiped. */
  idleWiped: string;
  /**
   * Shown on the start page after a kiosk wiped the last citizen's answers (left unused, or the
   * page was left), for the next person; it goes away at their first action.
   */
  previousSessionCleared: string;
}

/**
 * The words of the pages after the first: review, confirmation, fees, and the address, file and
 * group questions. In Vietnamese they are a chunk of their own (strings-later.ts), which the
 * chunks that draw those pages import, so that they are not on the way to the first input.
 */
export type LaterWord =
  | 'sendFailedTitle'
  | 'sendFailedNext'
  | 'reviewTitle'
  | 'reviewIntro'
  | 'change'
  | 'documentsTitle'
  | 'documentsIntro'
  | 'originals'
  | 'copies'
  | 'feesTitle'
  | 'free'
  | 'feeToBeTold'
  | 'feeTotal'
  | 'feeTotalKnown'
  | 'submit'
  | 'submitting'
  | 'retry'
  | 'submittedTitle'
  | 'dossierCode'
  | 'whatNext'
  | 'nextSteps'
  | 'processingTime'
  | 'sameDay'
  | 'workingDays'
  | 'print'
  | 'startAgain'
  | 'addRow'
  | 'removeRow'
  | 'rowHeading'
  | 'chooseFile'
  | 'takePhoto'
  | 'province'
  | 'commune'
  | 'communeSearch'
  | 'communeHint'
  | 'communeNotFound'
  | 'addressUpdated'
  | 'chooseProvinceFirst'
  | 'addressDetail'
  | 'addressUnavailable'
  | 'formerlyChoice'
  | 'formerlyIntro'
  | 'fileSelected'
  | 'removeFile'
  | 'idleTitle'
  | 'idleBody'
  | 'idleCountdown'
  | 'idleCountdownSpoken'
  | 'idleContinue';

/** The Vietnamese words of the first page (strings-later.ts has the rest). */
const vi: Omit<UiStrings, LaterWord> = {
  continue: 'Tiếp tục',
  back: 'Quay lại',
  progress: 'Bước {index}',
  prefilled: 'Đã điền sẵn theo câu trả lời “{label}”. Hãy kiểm tra, sửa nếu chưa đúng.',
  optional: '(không bắt buộc)',
  example: 'Ví dụ',
  errorSummaryTitle: 'Có lỗi cần sửa',
  warningSummaryTitle: 'Hãy kiểm tra lại',
  warningSummaryHint: 'Nếu thông tin đã đúng như trên giấy tờ của bạn, bấm “Tiếp tục” để đi tiếp.',
  warningPrefix: 'Lưu ý:',
  useSuggestion: 'Dùng tên này',
  errorPrefix: 'Lỗi:',
  titleErrorPrefix: 'Lỗi: ',
  notProvided: 'Chưa cung cấp',
  yes: 'Có',
  no: 'Không',
  otherStepError: '(ở bước “{step}”)',
  languageSwitch: 'English',
  loading: 'Đang tải thủ tục…',
  loadFailed:
    'Chưa tải được thủ tục. Hãy kiểm tra kết nối mạng rồi bấm “Thử lại”, hoặc nhờ cán bộ hỗ trợ.',
  loadFailedKept: 'Những gì bạn đã nhập vẫn được giữ nguyên.',
  tryAgain: 'Thử lại',
  day: 'Ngày',
  month: 'Tháng',
  year: 'Năm',
  selectPlaceholder: 'Chọn',
  paperAnswer: 'Mang bản giấy đến quầy',
  paperToBring: '{label} (bản giấy)',
  highContrast: 'Tương phản cao',
  textSize: 'Chữ to hơn',
  help: 'Cần trợ giúp',
  stepAnnouncement: 'Bước {index}: {title}',
  reviewAnnouncement: 'Kiểm tra lại thông tin trước khi gửi',
  submittedAnnouncement: 'Đã gửi hồ sơ. Mã hồ sơ: {code}',
  languageName: 'Tiếng Việt',
  idleWiped: 'Thông tin đã nhập đã được xoá vì lâu không có ai dùng máy.',
  previousSessionCleared:
    'Những gì người dùng trước đã nhập đều đã được xoá để bảo vệ thông tin cá nhân của họ.',
};

/**
 * The element's texts by locale; `{name}` placeholders are filled in. Vietnamese is always here,
 * the words of later pages ({@link LaterWord}) once a chunk that draws them has loaded (or
 * {@link loadStrings}); the other locales come with {@link loadStrings} (a chunk each, loaded
 * when a page switches to one), so that a Vietnamese page does not download English.
 */
export const uiStrings: { [locale: string]: UiStrings } = {
  // Completed in place by strings-later.ts, before anything that draws those words runs.
  vi: vi as UiStrings,
};

/**
 * What loads each locale's words: English is a chunk of its own, and Vietnamese has the words of
 * later pages to load.
 */
const loaders: { [locale: string]: () => Promise<UiStrings> } = {
  en: () => import('./strings-en.js').then((module) => module.strings),
  vi: () => import('./strings-later.js').then(() => uiStrings.vi!),
};
const loading = new Map<string, Promise<UiStrings>>();

/**
 * The element's words in a locale, once loaded ({@link loadStrings}); Vietnamese until then, and
 * for a locale motcua does not ship. Vietnamese has the words of later pages
 * ({@link LaterWord}) once a page that draws them has loaded, or `loadStrings('vi')`.
 */
export function stringsFor(locale: string): UiStrings {
  return uiStrings[locale] ?? uiStrings.vi!;
}

/**
 * Loads the element's words in `locale`, every one of them, once: English is a chunk of its own
 * (about 1.5 KB), and so are the Vietnamese words of the pages after the first. A failed load
 * is tried again by the next call. Resolves with {@link stringsFor}'s answer: Vietnamese for a
 * locale motcua does not ship. A page of your own that shows the element's words outside it
 * calls it first.
 *
 * @example
 * await loadStrings('en');
 * render(stringsFor('en').continue); // "Continue"
 */
export function loadStrings(locale: string): Promise<UiStrings> {
  const load = loaders[locale];
  if (!load) return Promise.resolve(stringsFor(locale));
  let pending = loading.get(locale);
  if (!pending) {
    pending = load().then(
      // Words a page set by hand before are kept.
      (strings) => (uiStrings[locale] ??= strings),
      (error: unknown) => {
        loading.delete(locale);
        throw error;
      },
    );
    loading.set(locale, pending);
  }
  return pending;
}
