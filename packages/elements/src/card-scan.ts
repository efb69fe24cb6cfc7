// "Quét thẻ Căn cước" at a kiosk: the panel that reads the QR code of the citizen's card (a USB
// scanner typing into the page, or the camera), the screen where the citizen confirms what was
// read, and the answers it then fills. Its own chunk, fetched by the kiosk tools (kiosk.ts) once
// the first page is drawn, and only where the procedure maps the card (`card`): the first page
// never waits for it and a portal never fetches it. The camera's fallback decoder (jsQR) is a
// chunk of its own again, loaded only where the browser has no BarcodeDetector.
//
// Nothing read from a card outlives the citizen: the raw text leaves the input as soon as it is
// read and is never stored, logged or sent; what was parsed is dropped on "Quét lại", "Không dùng
// thẻ", Escape and any wipe; the camera stops when the panel closes, after a minute unused, or on
// a wipe. The answers filled go through the engine like typed ones (its checks and conditions
// apply), and each says "Đã điền từ thẻ Căn cước" until the citizen changes it.
import { type TemplateResult, css, html, nothing } from 'lit';
import {
  type AnswerValue,
  type ProcedureDefinition,
  type Session,
  formatDate,
  interpolate,
  localize,
} from '@motcua/core';
import { type CardQrData, parseCardQr } from '@motcua/vn';
import { addStyles } from './add-styles.js';

/** What the panel needs of `<motcua-procedure>` (through the kiosk tools). */
export interface CardScanHost extends HTMLElement {
  readonly locale: string;
  readonly session: Session | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  /** The element's live region. */
  announcement: string;
  requestUpdate(): void;
}

/** The panel's words, in vi and en: in this chunk, so no other page downloads them. */
export interface CardScanStrings {
  /** The first page's button, and the words under it. */
  offer: string;
  offerHint: string;
  /** Under an answer filled from the card, until the citizen changes it. */
  note: string;
  title: string;
  intro: string;
  inputLabel: string;
  inputHint: string;
  read: string;
  camera: string;
  cameraStarting: string;
  cameraOn: string;
  cameraStop: string;
  cameraUnavailable: string;
  cameraDenied: string;
  cameraTimedOut: string;
  confirmTitle: string;
  confirmIntro: string;
  confirm: string;
  rescan: string;
  decline: string;
  filled: string;
  closed: string;
  male: string;
  female: string;
}

const vi: CardScanStrings = {
  offer: 'Quét thẻ Căn cước',
  offerHint:
    'Có thẻ Căn cước gắn chip? Quét mã QR trên thẻ để điền sẵn họ tên, số định danh và ngày sinh.',
  note: 'Đã điền từ thẻ Căn cước. Hãy kiểm tra, sửa nếu chưa đúng.',
  title: 'Quét thẻ Căn cước',
  intro:
    'Đưa mã QR trên thẻ vào trước máy quét: mã ở mặt sau với thẻ Căn cước mới, ở góc trên bên phải mặt trước với thẻ Căn cước công dân gắn chip. Máy sẽ đọc họ tên, số định danh, ngày sinh và giới tính để điền sẵn cho bạn.',
  inputLabel: 'Mã đọc được từ thẻ',
  inputHint: 'Máy quét tự điền vào ô này. Bạn không cần gõ gì.',
  read: 'Đọc mã',
  camera: 'Dùng camera để quét',
  cameraStarting: 'Đang bật camera…',
  cameraOn: 'Camera đang bật. Giữ mã QR trên thẻ trước camera, cách khoảng một gang tay.',
  cameraStop: 'Tắt camera',
  cameraUnavailable: 'Máy này không dùng được camera. Hãy quét thẻ bằng máy quét.',
  cameraDenied:
    'Không bật được camera. Hãy quét thẻ bằng máy quét, hoặc nhờ cán bộ hỗ trợ bật camera.',
  cameraTimedOut: 'Camera đã tắt sau một phút. Bấm “Dùng camera để quét” để bật lại.',
  confirmTitle: 'Kiểm tra thông tin đọc từ thẻ',
  confirmIntro:
    'Đây là thông tin đọc được từ thẻ của bạn. Nếu đúng, bấm “Đúng, điền vào”: các câu trả lời được điền sẵn, bạn vẫn xem và sửa được từng câu.',
  confirm: 'Đúng, điền vào',
  rescan: 'Quét lại',
  decline: 'Không dùng thẻ',
  filled: 'Đã điền {count} câu trả lời từ thẻ Căn cước. Hãy kiểm tra từng câu.',
  closed: 'Đã đóng phần quét thẻ. Bạn tự nhập câu trả lời.',
  male: 'Nam',
  female: 'Nữ',
};

const en: CardScanStrings = {
  offer: 'Scan your Citizen Identity card',
  offerHint:
    'Have a chip-based Citizen Identity card? Scan its QR code to fill in your name, personal ID and date of birth.',
  note: 'Filled in from your Citizen Identity card. Check it, and change it if it is wrong.',
  title: 'Scan your Citizen Identity card',
  intro:
    'Hold the QR code of your card in front of the scanner: it is on the back of the new Identity card (from 2024), and at the top right of the front of a chip-based Citizen Identity card (CCCD). Your name, personal ID, date of birth and sex are read and filled in for you.',
  inputLabel: 'Code read from the card',
  inputHint: 'The scanner fills this box. You do not need to type anything.',
  read: 'Read the code',
  camera: 'Scan with the camera',
  cameraStarting: 'Starting the camera…',
  cameraOn: 'The camera is on. Hold the QR code of your card in front of it, a hand’s width away.',
  cameraStop: 'Turn the camera off',
  cameraUnavailable: 'This machine cannot use a camera. Scan your card with the scanner.',
  cameraDenied:
    'The camera could not be turned on. Scan your card with the scanner, or ask staff to turn the camera on.',
  cameraTimedOut:
    'The camera turned off after a minute. Press “Scan with the camera” to turn it on.',
  confirmTitle: 'Check what was read from your card',
  confirmIntro:
    'This is what was read from your card. If it is right, press “Yes, fill it in”: your answers are filled in, and you can still check and change each one.',
  confirm: 'Yes, fill it in',
  rescan: 'Scan again',
  decline: 'Do not use the card',
  filled: '{count} answers were filled in from your Citizen Identity card. Check each one.',
  closed: 'Card scanning closed. Type your answers yourself.',
  male: 'Male',
  female: 'Female',
};

/** The panel's words in a locale, falling back to Vietnamese. */
export function cardScanStringsFor(locale: string): CardScanStrings {
  return locale === 'en' ? en : vi;
}

/** Reads a QR code in a picture: its text, or `undefined` when there is none to read. */
export type QrDecoder = (
  source: HTMLVideoElement | HTMLCanvasElement | ImageBitmap,
) => Promise<string | undefined>;

interface Detector {
  detect(source: unknown): Promise<{ rawValue: string }[]>;
}
type DetectorClass = {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats?(): Promise<string[]>;
};

/**
 * The browser's own `BarcodeDetector` for QR codes (Chromium on Android, ChromeOS and macOS),
 * or `undefined` where there is none or it reads no QR codes.
 */
export async function nativeQrDecoder(): Promise<QrDecoder | undefined> {
  const Detector = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Detector) return undefined;
  try {
    const formats = (await Detector.getSupportedFormats?.()) ?? ['qr_code'];
    if (!formats.includes('qr_code')) return undefined;
    const detector = new Detector({ formats: ['qr_code'] });
    return async (source) => (await detector.detect(source))[0]?.rawValue;
  } catch {
    return undefined;
  }
}

type JsQr = (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  options?: { inversionAttempts?: 'dontInvert' | 'attemptBoth' },
) => { data: string } | null;

/** Frames are read at most this wide: enough for a card's code, and quick on a kiosk's CPU. */
const FRAME_WIDTH = 640;

/**
 * jsQR (pure JavaScript, no WebAssembly, so no CSP exception), loaded on first use: its own
 * chunk of about 27 KB brotli, fetched only where the browser has no `BarcodeDetector`.
 */
export async function fallbackQrDecoder(): Promise<QrDecoder> {
  // jsQR ships only a UMD file: as an ES module it defines `self.jsQR` instead of exporting.
  const module = (await import('jsqr')) as { default?: JsQr };
  const jsQR = module.default ?? (globalThis as { jsQR?: JsQr }).jsQR;
  if (typeof jsQR !== 'function') throw new Error('jsQR did not load');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return async (source) => {
    const width = source instanceof HTMLVideoElement ? source.videoWidth : source.width;
    const height = source instanceof HTMLVideoElement ? source.videoHeight : source.height;
    if (!context || !width || !height) return undefined;
    const scale = Math.min(1, FRAME_WIDTH / width);
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data;
  };
}

/** The browser's decoder where it has one, else jsQR. */
export async function qrDecoder(): Promise<QrDecoder> {
  return (await nativeQrDecoder()) ?? fallbackQrDecoder();
}

type CardPart = keyof NonNullable<ProcedureDefinition['card']>;

/** How long the camera stays on without reading a card. */
const CAMERA_LIMIT_MS = 60_000;
/** Between two looks at the camera's picture. */
const FRAME_EVERY_MS = 200;

/**
 * The scan panel and its confirmation for one kiosk element. `open` shows it; the element draws
 * {@link render} instead of its page while {@link shown}.
 */
export class CardScan {
  readonly #host: CardScanHost;
  #state: 'closed' | 'scan' | 'confirm' = 'closed';
  /** What was read, until the citizen confirms it or turns it down. */
  #card: CardQrData | undefined;
  /** The card's ID disagrees with its date of birth or sex: said on the confirm screen. */
  #warning: { vi: string; en: string } | undefined;
  #error: string | undefined;
  #camera: 'off' | 'starting' | 'on' | 'unavailable' | 'denied' | 'timed-out' = 'off';
  #stream: MediaStream | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #cameraLimit: ReturnType<typeof setTimeout> | undefined;
  /** The answers filled from the card, while they are still what it gave. */
  readonly #filled = new Map<string, AnswerValue>();

  constructor(host: CardScanHost) {
    this.#host = host;
    addStyles(host.renderRoot, cardScanStyles);
  }

  /** Whether the panel or its confirmation is on screen. */
  get shown(): boolean {
    return this.#state !== 'closed';
  }

  /** Opens the scan panel, focus on its heading. */
  open(): void {
    this.#card = undefined;
    this.#warning = undefined;
    this.#error = undefined;
    this.#show('scan', cardScanStringsFor(this.#host.locale).title);
  }

  /**
   * "Quét thẻ Căn cước" on the first page of a procedure that maps the card's parts to fields
   * (`card` in its definition): a big button that opens the panel.
   */
  offer(): TemplateResult | typeof nothing {
    const session = this.#host.session;
    const snapshot = session?.snapshot;
    if (
      !session?.procedure.definition.card ||
      snapshot?.status !== 'filling' ||
      snapshot.stepIndex !== 0 ||
      snapshot.page !== 0
    ) {
      return nothing;
    }
    const strings = cardScanStringsFor(this.#host.locale);
    return html`<div class="card-offer">
      <button
        class="button button--secondary card-offer__button"
        type="button"
        aria-describedby="card-offer-hint"
        @click=${() => this.open()}
      >
        ${strings.offer}
      </button>
      <p class="hint" id="card-offer-hint">${strings.offerHint}</p>
    </div>`;
  }

  /** The panel or its confirmation while open, drawn instead of the page. */
  panel(): TemplateResult | undefined {
    return this.shown ? this.render() : undefined;
  }

  /**
   * "Đã điền từ thẻ Căn cước" while `path`'s answer is still the one the card gave. A changed
   * answer is the citizen's own, and says nothing.
   */
  note(path: string, value: AnswerValue): string | undefined {
    return this.#filled.has(path) && this.#filled.get(path) === value
      ? cardScanStringsFor(this.#host.locale).note
      : undefined;
  }

  /** The note under the field `id` at `path`, said in a hint its input is described by. */
  hint(id: string, path: string, value: AnswerValue): TemplateResult | undefined {
    const note = this.note(path, value);
    return note ? html`<p class="hint" id=${`${id}-card`}><strong>${note}</strong></p>` : undefined;
  }

  /** Reads a scanned text: the confirmation when it is a card's, the reason when not. */
  read(text: string): void {
    const result = parseCardQr(text);
    if (result.ok) {
      this.#stopCamera();
      this.#card = result.card;
      this.#warning = result.warning?.message;
      this.#error = undefined;
      this.#show('confirm', cardScanStringsFor(this.#host.locale).confirmTitle);
      return;
    }
    this.#error = result.message[this.#host.locale === 'en' ? 'en' : 'vi'];
    this.#host.announcement = this.#error;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => this.#input()?.focus());
  }

  /** "Đúng, điền vào": each part the definition maps goes to its field, through the engine. */
  confirm(): void {
    const session = this.#host.session;
    const card = this.#card;
    const mapping = session?.procedure.definition.card;
    if (!session || !card || !mapping) return this.close();
    let count = 0;
    for (const [part, field] of Object.entries(mapping) as [CardPart, string][]) {
      const value = card[part];
      if (value === undefined || !session.procedure.field(field)) continue;
      session.set(field, value);
      this.#filled.set(field, value);
      count++;
    }
    this.#card = undefined;
    this.#warning = undefined;
    this.#state = 'closed';
    this.#host.announcement = interpolate(cardScanStringsFor(this.#host.locale).filled, { count });
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() =>
      this.#host.renderRoot.querySelector<HTMLElement>('h1')?.focus(),
    );
  }

  /** "Quét lại": what was read is dropped, and the panel waits for another scan. */
  rescan(): void {
    this.open();
  }

  /** "Không dùng thẻ" or Escape: nothing is filled; focus goes back to the button. */
  close(): void {
    const wasShown = this.shown;
    this.#stopCamera();
    this.#card = undefined;
    this.#warning = undefined;
    this.#error = undefined;
    this.#state = 'closed';
    if (!wasShown) return;
    this.#host.announcement = cardScanStringsFor(this.#host.locale).closed;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() =>
      this.#host.renderRoot.querySelector<HTMLElement>('.card-offer__button')?.focus(),
    );
  }

  /** A wipe (the next citizen): nothing of the card stays, the camera is off. */
  forget(): void {
    this.#stopCamera();
    this.#card = undefined;
    this.#warning = undefined;
    this.#error = undefined;
    this.#state = 'closed';
    this.#filled.clear();
  }

  render(): TemplateResult {
    const strings = cardScanStringsFor(this.#host.locale);
    return html`<section
      class="card-scan"
      aria-labelledby="card-scan-title"
      @keydown=${this.#keydown}
    >
      ${
        this.#state === 'confirm' && this.#card
          ? this.#renderConfirm(this.#card, strings)
          : this.#renderScan(strings)
      }
    </section>`;
  }

  #renderScan(strings: CardScanStrings): TemplateResult {
    const error = this.#error;
    const camera = this.#camera;
    const cameraNote =
      camera === 'starting'
        ? strings.cameraStarting
        : camera === 'on'
          ? strings.cameraOn
          : camera === 'unavailable'
            ? strings.cameraUnavailable
            : camera === 'denied'
              ? strings.cameraDenied
              : camera === 'timed-out'
                ? strings.cameraTimedOut
                : '';
    return html`<h1 class="heading-l" id="card-scan-title" tabindex="-1">${strings.title}</h1>
      <p class="body">${strings.intro}</p>
      <form class="card-scan__form" novalidate @submit=${this.#submit}>
        <div class="field ${error ? 'field--error' : ''}">
          <label class="label" for="card-scan-input">${strings.inputLabel}</label>
          <p class="hint" id="card-scan-input-hint">${strings.inputHint}</p>
          ${error ? html`<p class="error-message" id="card-scan-error">${error}</p>` : nothing}
          <input
            class="input card-scan__input ${error ? 'input--error' : ''}"
            id="card-scan-input"
            type="text"
            autocomplete="off"
            autocapitalize="off"
            spellcheck="false"
            aria-describedby=${error ? 'card-scan-input-hint card-scan-error' : 'card-scan-input-hint'}
          />
        </div>
        <button class="button" type="submit">${strings.read}</button>
      </form>
      <div class="card-scan__camera">
        ${
          camera === 'on' || camera === 'starting'
            ? html`<video
                  class="card-scan__video"
                  muted
                  .muted=${true}
                  playsinline
                  aria-hidden="true"
                ></video>
                <button class="button button--secondary" type="button" @click=${this.#cameraOff}>
                  ${strings.cameraStop}
                </button>`
            : html`<button
                class="button button--secondary"
                type="button"
                ?disabled=${camera === 'unavailable'}
                @click=${this.#cameraOnClick}
              >
                ${strings.camera}
              </button>`
        }
        ${cameraNote ? html`<p class="hint" role="status">${cameraNote}</p>` : nothing}
      </div>
      <button class="button button--secondary" type="button" @click=${() => this.close()}>
        ${strings.decline}
      </button>`;
  }

  #renderConfirm(card: CardQrData, strings: CardScanStrings): TemplateResult {
    const procedure = this.#host.session?.procedure;
    const mapping = procedure?.definition.card ?? {};
    const locale = this.#host.locale;
    const rows = (Object.entries(mapping) as [CardPart, string][]).flatMap(([part, id]) => {
      const value = card[part];
      const field = procedure?.field(id);
      if (value === undefined || !field) return [];
      const shown =
        part === 'sex'
          ? strings[value as 'male' | 'female']
          : part === 'dateOfBirth' || part === 'issueDate'
            ? formatDate(value)
            : value;
      return [{ label: localize(field.label, locale), shown }];
    });
    return html`<h1 class="heading-l" id="card-scan-title" tabindex="-1">
        ${strings.confirmTitle}
      </h1>
      <p class="body">${strings.confirmIntro}</p>
      ${
        this.#warning
          ? html`<p class="warning-message" id="card-scan-warning">
              ${this.#warning[locale === 'en' ? 'en' : 'vi']}
            </p>`
          : nothing
      }
      <dl class="summary-list">
        ${rows.map(
          (row) =>
            html`<div class="summary-list__row">
              <dt class="summary-list__key">${row.label}</dt>
              <dd class="summary-list__value">${row.shown}</dd>
            </div>`,
        )}
      </dl>
      <div class="card-scan__actions">
        <button class="button" type="button" @click=${() => this.confirm()}>
          ${strings.confirm}
        </button>
        <button class="button button--secondary" type="button" @click=${() => this.rescan()}>
          ${strings.rescan}
        </button>
        <button class="button button--secondary" type="button" @click=${() => this.close()}>
          ${strings.decline}
        </button>
      </div>`;
  }

  #show(state: 'scan' | 'confirm', heading: string): void {
    this.#state = state;
    this.#host.announcement = heading;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() =>
      this.#host.renderRoot.querySelector<HTMLElement>('#card-scan-title')?.focus(),
    );
  }

  #input(): HTMLInputElement | null {
    return this.#host.renderRoot.querySelector<HTMLInputElement>('#card-scan-input');
  }

  #submit = (event: Event): void => {
    event.preventDefault();
    const input = this.#input();
    if (!input) return;
    const text = input.value;
    // The raw text goes no further than the parse: not in the DOM, not in any state.
    input.value = '';
    this.read(text);
  };

  /**
   * A USB scanner types the code as keystrokes and ends with Enter. Focus is on the panel's
   * heading when it opens (so a screen reader says where the citizen is), so keys typed
   * anywhere in the panel go to the input; Escape closes the panel.
   */
  #keydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
      return;
    }
    const input = this.#input();
    const target = event.composedPath()[0];
    if (!input || target === input || event.ctrlKey || event.metaKey || event.altKey) return;
    // A button keeps Space and Enter for itself; the first character of a scan (a digit) has
    // already moved focus to the input before any space in the code comes.
    const onButton = target instanceof HTMLButtonElement;
    if (event.key.length === 1 && !(onButton && event.key === ' ')) {
      event.preventDefault();
      input.focus();
      input.value += event.key;
    }
  };

  #cameraOnClick = (): void => {
    void this.#startCamera();
  };

  #cameraOff = (): void => {
    this.#stopCamera();
    this.#host.requestUpdate();
  };

  async #startCamera(): Promise<void> {
    const devices = globalThis.navigator?.mediaDevices;
    if (!devices?.getUserMedia) {
      this.#camera = 'unavailable';
      this.#host.requestUpdate();
      return;
    }
    this.#camera = 'starting';
    this.#host.requestUpdate();
    let stream: MediaStream;
    let decode: QrDecoder;
    try {
      [stream, decode] = await Promise.all([
        devices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
        qrDecoder(),
      ]);
    } catch (error) {
      if (this.#camera !== 'starting') return;
      this.#camera = (error as Error).name === 'NotAllowedError' ? 'denied' : 'unavailable';
      this.#host.requestUpdate();
      return;
    }
    // Closed, or turned off, while the camera was starting.
    if (this.#camera !== 'starting' || this.#state !== 'scan') {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    this.#stream = stream;
    this.#camera = 'on';
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    const video = this.#host.renderRoot.querySelector<HTMLVideoElement>('.card-scan__video');
    if (!video || this.#stream !== stream) return this.#stopCamera();
    // Muted by property too: the attribute of a cloned template is not the property everywhere,
    // and WebKit then refuses to play a stream without a real tap.
    video.srcObject = stream;
    await video.play().catch(() => {});
    this.#cameraLimit = setTimeout(() => {
      this.#stopCamera();
      this.#camera = 'timed-out';
      this.#host.requestUpdate();
    }, CAMERA_LIMIT_MS);
    const look = async (): Promise<void> => {
      if (this.#stream !== stream) return;
      const text = video.readyState >= 2 ? await decode(video).catch(() => undefined) : undefined;
      if (this.#stream !== stream) return;
      // A code that is not a card's (a poster, a phone): said, and the camera keeps looking.
      if (text) this.read(text);
      if (this.#stream === stream) {
        this.#timer = setTimeout(() => void look(), text ? 1500 : FRAME_EVERY_MS);
      }
    };
    void look();
  }

  #stopCamera(): void {
    clearTimeout(this.#timer);
    clearTimeout(this.#cameraLimit);
    const stream = this.#stream;
    this.#stream = undefined;
    if (this.#camera === 'on' || this.#camera === 'starting') this.#camera = 'off';
    if (!stream) return;
    for (const track of stream.getTracks()) track.stop();
    const video = this.#host.renderRoot.querySelector<HTMLVideoElement>('.card-scan__video');
    if (video) video.srcObject = null;
  }
}

/**
 * The offer's and the panel's own styles, adopted into the element's shadow root when this chunk
 * loads. The offer stands apart from the question under it (a bordered box, in the theme's
 * colours, so high contrast reaches it); the choices on the confirm screen wrap as a group.
 */
export const cardScanStyles = css`
  .card-offer {
    margin: 0 0 1.5em;
    padding: 0.75em 1em;
    border: var(--_border-width) solid var(--_text);
  }
  .card-offer .hint {
    margin: 0;
  }
  .card-offer__button {
    min-height: 72px;
    font-size: 1.25em;
  }
  .card-scan__input {
    width: 100%;
    max-width: 30em;
  }
  .card-scan__camera {
    margin: 1em 0;
  }
  .card-scan__video {
    display: block;
    width: 100%;
    max-width: 480px;
    aspect-ratio: 4 / 3;
    background: #0b0c0c;
    object-fit: cover;
  }
  .card-scan .summary-list__value {
    font-weight: 700;
  }
  .card-scan__actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5em;
  }
`;
