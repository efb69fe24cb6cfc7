/**
 * The words only a kiosk shows (read-aloud, the on-screen keyboard, the paper choice, the help
 * notice), in vi and en: in the kiosk chunk, so a portal never downloads them.
 */
export interface KioskStrings {
  /** A file question's choice to bring the paper instead of uploading it. */
  bringPaper: string;
  /** Shown at once when "Cần trợ giúp" is pressed, until the next page. */
  helpAsked: string;
  /** The read-aloud button: reads the question, its hint and any error. */
  listen: string;
  /** The switch that opens and closes the on-screen keyboard. */
  keyboard: string;
  /** The keyboard's name, for screen readers. */
  keyboardName: string;
  /** Above the keys: where they type. "Đang gõ vào: {label}" */
  typingInto: string;
  /** Before the marked forms of a letter just typed. "Chọn dấu cho chữ {letter}:" */
  marksFor: string;
  /** Where the marked forms appear, before a vowel is typed. */
  marksHint: string;
  /** The one-shot capital key. */
  shift: string;
  backspace: string;
  space: string;
  /** Switches a digits-only keyboard to letters ("ABC"), and its name. */
  letters: string;
  lettersName: string;
  /** Switches back to digits ("123"), and its name. */
  digits: string;
  digitsName: string;
}

const vi: KioskStrings = {
  bringPaper: 'Tôi sẽ mang bản giấy đến quầy',
  helpAsked: 'Đã báo cán bộ hỗ trợ, vui lòng chờ trong giây lát.',
  listen: 'Nghe',
  keyboard: 'Bàn phím',
  keyboardName: 'Bàn phím tiếng Việt',
  typingInto: 'Đang gõ vào: {label}',
  marksFor: 'Chọn dấu cho chữ {letter}:',
  marksHint: 'Chữ có dấu: gõ a, e, i, o, u, y hoặc d, rồi chọn dấu ở đây.',
  shift: 'Chữ hoa',
  backspace: 'Xoá',
  space: 'Dấu cách',
  letters: 'ABC',
  lettersName: 'Bàn phím chữ',
  digits: '123',
  digitsName: 'Bàn phím số',
};

const en: KioskStrings = {
  bringPaper: 'I will bring the paper to the counter',
  helpAsked: 'Staff have been told. Please wait a moment.',
  listen: 'Listen',
  keyboard: 'Keyboard',
  keyboardName: 'Vietnamese keyboard',
  typingInto: 'Typing into: {label}',
  marksFor: 'Choose the mark for {letter}:',
  marksHint: 'Letters with marks: type a, e, i, o, u, y or d, then choose the mark here.',
  shift: 'Capital',
  backspace: 'Delete',
  space: 'Space',
  letters: 'ABC',
  lettersName: 'Letter keys',
  digits: '123',
  digitsName: 'Number keys',
};

/** The kiosk's words in a locale, falling back to Vietnamese. */
export function kioskStringsFor(locale: string): KioskStrings {
  return locale === 'en' ? en : vi;
}
