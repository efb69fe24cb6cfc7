import { expect } from '@open-wc/testing';
import { createManualClock } from '@motcua/core';
import { sendKeys } from '@web/test-runner-commands';
import { encode } from 'uqr';
import type { MotcuaProcedure } from '@motcua/elements';
import {
  TODAY,
  button,
  exists,
  expectAccessible,
  find,
  focused,
  mount,
  text,
  typeInto,
  until,
} from './helpers.js';

// Issue 16, last part: "Quét thẻ Căn cước" at a kiosk. The birth registration maps the card's
// personal ID and name to the requester's (its `card` key). The scanner is a keyboard wedge:
// real key presses (sendKeys) typed while focus is on the panel's heading, ending with Enter.

/** A card's QR text: a man born 1990, with his old CMND number (C06's layout). */
const CARD =
  '001090123456|012345678|Nguyễn Văn An|01011990|Nam|Số 12 Hàng Bài, Hoàn Kiếm, Hà Nội|15042021';

/** The chunk's source modules this page has fetched so far. */
function cardModules(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => /\/elements\/src\/card-scan\.ts$/.test(path));
}

async function kiosk(lang: 'vi' | 'en' = 'vi'): Promise<MotcuaProcedure> {
  const element = await mount({ mode: 'kiosk', speech: null, lang });
  await until(element, () => exists(element, '.card-offer button'), 'the card offer');
  return element;
}

/** Presses "Quét thẻ Căn cước" and waits for the panel, focus on its heading. */
async function openPanel(element: MotcuaProcedure): Promise<void> {
  find<HTMLButtonElement>(element, '.card-offer button').click();
  await until(element, () => exists(element, '#card-scan-input'), 'the scan panel');
  await until(element, () => focused(element).startsWith('h1'), 'focus on the panel heading');
}

/** A USB scanner: the text as key presses, then Enter. */
async function scan(element: MotcuaProcedure, code: string): Promise<void> {
  await sendKeys({ type: code });
  await sendKeys({ press: 'Enter' });
  await element.updateComplete;
}

function answers(element: MotcuaProcedure) {
  return element.session!.snapshot.answers;
}

/** The QR code of `value` drawn on a canvas, 6 px a module, black on white. */
function qrCanvas(value: string): HTMLCanvasElement {
  const { data, size } = encode(value, { ecc: 'M', border: 4 });
  const scale = 6;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size * scale;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  data.forEach((row, y) =>
    row.forEach((dark, x) => dark && context.fillRect(x * scale, y * scale, scale, scale)),
  );
  return canvas;
}

describe('"Quét thẻ Căn cước" at a kiosk (issue 16)', () => {
  it('is offered on the first page of a kiosk only, from a chunk a portal never fetches', async () => {
    const portal = await mount({ mode: 'portal' });
    await portal.updateComplete;
    expect(exists(portal, '.card-offer')).to.equal(false);
    expect(cardModules()).to.deep.equal([]);
    portal.remove();
    const element = await kiosk();
    expect(cardModules()).to.have.length(1);
    expect(text(find(element, '.card-offer button'))).to.equal('Quét thẻ Căn cước');
    await openPanel(element);
    expect(text(find(element, '#card-scan-title'))).to.equal('Quét thẻ Căn cước');
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    // Not on the next page.
    typeInto(find<HTMLInputElement>(element, '#f-requesterName'), 'Trần Thị Mai');
    button(element, 'Tiếp tục').click();
    await element.updateComplete;
    expect(element.session!.snapshot.page).to.equal(1);
    expect(exists(element, '.card-offer')).to.equal(false);
  });

  it('reads a USB scanner’s keystrokes, shows what it read, and fills the answers once confirmed', async () => {
    const element = await kiosk();
    await openPanel(element);
    await expectAccessible(element, 'the card scan panel');
    await scan(element, CARD);
    await until(
      element,
      () => text(find(element, 'h1')).startsWith('Kiểm tra'),
      'the confirm screen',
    );
    expect(focused(element)).to.match(/^h1/);
    const list = text(find(element, '.summary-list'));
    expect(list).to.contain('Nguyễn Văn An');
    expect(list).to.contain('001090123456');
    // Nothing is filled before the citizen says so.
    expect(answers(element).requesterName).to.equal(undefined);
    await expectAccessible(element, 'the card confirm screen');
    button(element, 'Đúng, điền vào').click();
    await until(element, () => exists(element, '#f-requesterName'), 'the first page again');
    expect(answers(element).requesterName).to.equal('Nguyễn Văn An');
    expect(answers(element).requesterPersonalId).to.equal('001090123456');
    const input = find<HTMLInputElement>(element, '#f-requesterName');
    expect(input.value).to.equal('Nguyễn Văn An');
    expect(text(find(element, '#f-requesterName-card'))).to.contain('Đã điền từ thẻ Căn cước');
    expect(input.getAttribute('aria-describedby')).to.contain('f-requesterName-card');
    expect(element.announcement).to.contain('Đã điền 2 câu trả lời');
    await expectAccessible(element, 'an answer filled from the card');
    // Through the engine: Continue checks it like a typed answer, and the next page has it too.
    await element.updateComplete;
    button(element, 'Tiếp tục').click();
    await element.updateComplete;
    expect(element.session!.snapshot.errors).to.deep.equal([]);
    // Changed by the citizen: the note goes, the answer is theirs.
    button(element, 'Quay lại').click();
    await element.updateComplete;
    typeInto(find<HTMLInputElement>(element, '#f-requesterName'), 'Nguyễn Văn Anh');
    await element.updateComplete;
    expect(exists(element, '#f-requesterName-card')).to.equal(false);
  });

  it('leaves the answers as they were on "Quét lại", Escape and "Không dùng thẻ"', async () => {
    const element = await kiosk();
    typeInto(find<HTMLInputElement>(element, '#f-requesterName'), 'Trần Thị Mai');
    await element.updateComplete;
    await openPanel(element);
    await scan(element, CARD);
    await until(
      element,
      () => text(find(element, 'h1')).startsWith('Kiểm tra'),
      'the confirm screen',
    );
    button(element, 'Quét lại').click();
    await until(element, () => exists(element, '#card-scan-input'), 'the scan panel again');
    await until(element, () => focused(element).startsWith('h1'), 'focus on the panel heading');
    expect(find<HTMLInputElement>(element, '#card-scan-input').value).to.equal('');
    await sendKeys({ press: 'Escape' });
    await until(element, () => exists(element, '#f-requesterName'), 'the first page');
    expect(focused(element)).to.contain('Quét thẻ Căn cước');
    expect(answers(element).requesterName).to.equal('Trần Thị Mai');
    await openPanel(element);
    await scan(element, CARD);
    await until(
      element,
      () => text(find(element, 'h1')).startsWith('Kiểm tra'),
      'the confirm screen',
    );
    button(element, 'Không dùng thẻ').click();
    await until(element, () => exists(element, '#f-requesterName'), 'the first page');
    expect(answers(element).requesterName).to.equal('Trần Thị Mai');
    expect(answers(element).requesterPersonalId).to.equal(undefined);
    expect(exists(element, '#f-requesterName-card')).to.equal(false);
  });

  it('says what to do when the code is not a card’s, and waits for the next scan', async () => {
    const element = await kiosk();
    await openPanel(element);
    await scan(element, '00109012345|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội|15042021');
    const message = text(find(element, '#card-scan-error'));
    expect(message).to.contain('12 chữ số');
    expect(message).to.contain('quét lại');
    expect(element.announcement).to.equal(message);
    const input = find<HTMLInputElement>(element, '#card-scan-input');
    expect(input.value).to.equal('');
    await until(element, () => focused(element).startsWith('input'), 'focus on the input');
    expect(input.getAttribute('aria-describedby')).to.contain('card-scan-error');
    await expectAccessible(element, 'a scan that is not a card');
    // The next scan is read as it comes.
    await scan(element, CARD);
    await until(
      element,
      () => text(find(element, 'h1')).startsWith('Kiểm tra'),
      'the confirm screen',
    );
  });

  it('says so when the card’s ID disagrees with its date of birth, and still fills it', async () => {
    const element = await kiosk();
    await openPanel(element);
    // 0 in the fourth digit: a man born in the 1900s; the card says Nữ.
    await scan(element, '001090123456||Nguyễn Thị An|01011990|Nữ|Hà Nội|15042021');
    await until(
      element,
      () => text(find(element, 'h1')).startsWith('Kiểm tra'),
      'the confirm screen',
    );
    expect(text(find(element, '#card-scan-warning'))).to.contain('không khớp');
    await expectAccessible(element, 'the card confirm screen with a warning');
    button(element, 'Đúng, điền vào').click();
    await until(element, () => exists(element, '#f-requesterName'), 'the first page again');
    expect(answers(element).requesterPersonalId).to.equal('001090123456');
  });

  it('speaks English in an English kiosk', async () => {
    const element = await kiosk('en');
    expect(text(find(element, '.card-offer button'))).to.equal('Scan your Citizen Identity card');
    expect(text(find(element, '.card-offer'))).not.to.match(
      /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i,
    );
    await openPanel(element);
    await scan(element, 'hello');
    expect(text(find(element, '#card-scan-error'))).to.contain('Scan the QR code');
    // No Vietnamese word left for an English reader (as the kiosk's English page test checks).
    const vietnamese = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
    expect(text(find(element, '.card-scan'))).not.to.match(vietnamese);
    await expectAccessible(element, 'the card scan panel, en');
  });

  it('forgets the card on a wipe: no note, no panel', async () => {
    const element = await kiosk();
    await openPanel(element);
    await scan(element, CARD);
    await until(
      element,
      () => text(find(element, 'h1')).startsWith('Kiểm tra'),
      'the confirm screen',
    );
    button(element, 'Đúng, điền vào').click();
    await until(element, () => exists(element, '#f-requesterName-card'), 'the note');
    element.reset();
    await element.updateComplete;
    expect(answers(element)).to.deep.equal({});
    expect(exists(element, '#f-requesterName-card')).to.equal(false);
    expect(exists(element, '.card-scan')).to.equal(false);
  });

  it('drops what was read when the kiosk is left on the confirm screen', async () => {
    const clock = createManualClock(TODAY);
    const element = await mount({ mode: 'kiosk', speech: null, clock });
    await until(element, () => exists(element, '.card-offer button'), 'the card offer');
    await openPanel(element);
    await scan(element, CARD);
    await until(
      element,
      () => text(find(element, 'h1')).startsWith('Kiểm tra'),
      'the confirm screen',
    );
    // The kiosk's idle wipe (2 minutes by default): the next person sees nothing of the card.
    clock.advance(2 * 60_000);
    await element.updateComplete;
    expect(exists(element, '.card-scan')).to.equal(false);
    expect(text(element.shadowRoot)).not.to.contain('001090123456');
    expect(answers(element)).to.deep.equal({});
  });
});

describe('reading a card’s QR code with a camera', () => {
  // Imported here, not at the top: the first test checks the page fetches it only when pressed.
  const decoders = () => import('../src/card-scan.js');

  it('decodes a real QR image of a card with jsQR, Vietnamese included', async () => {
    const decode = await (await decoders()).fallbackQrDecoder();
    expect(await decode(qrCanvas(CARD))).to.equal(CARD);
    // A blank picture has no code.
    const blank = document.createElement('canvas');
    blank.width = blank.height = 200;
    expect(await decode(blank)).to.equal(undefined);
  });

  it('decodes it with the browser’s BarcodeDetector where there is one', async () => {
    const { nativeQrDecoder, qrDecoder } = await decoders();
    const native = await nativeQrDecoder();
    const Detector = (
      globalThis as { BarcodeDetector?: { getSupportedFormats(): Promise<string[]> } }
    ).BarcodeDetector;
    if (!native) {
      // Chromium on Linux has none: the fallback is what the kiosk uses there.
      const formats = Detector ? await Detector.getSupportedFormats() : [];
      expect(formats).not.to.include('qr_code');
      expect(await (await qrDecoder())(qrCanvas(CARD))).to.equal(CARD);
      return;
    }
    expect(await native(qrCanvas(CARD))).to.equal(CARD);
  });

  it('reads the card from the camera’s picture and stops the camera when it has', async () => {
    // The camera is a canvas showing the card's code: a real MediaStream through the real path.
    // A camera sends frames all the time; WebKit's canvas stream sends one only when the canvas
    // is drawn, so the picture is drawn again and again as a camera's would be.
    const picture = qrCanvas(CARD);
    const stream = picture.captureStream(10);
    const context = picture.getContext('2d')!;
    const frames = setInterval(() => context.drawImage(qrCanvas(CARD), 0, 0), 100);
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia;
    devices.getUserMedia = async () => stream;
    try {
      const element = await kiosk();
      await openPanel(element);
      button(element, 'Dùng camera để quét').click();
      await until(
        element,
        () => text(find(element, 'h1')).startsWith('Kiểm tra'),
        'the card read by the camera',
      );
      expect(text(find(element, '.summary-list'))).to.contain('Nguyễn Văn An');
      expect(stream.getVideoTracks().every((track) => track.readyState === 'ended')).to.equal(true);
    } finally {
      clearInterval(frames);
      devices.getUserMedia = original;
    }
  });

  it('stops the camera when the panel closes', async () => {
    const stream = qrCanvas('not a card').captureStream(10);
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia;
    devices.getUserMedia = async () => stream;
    try {
      const element = await kiosk();
      await openPanel(element);
      button(element, 'Dùng camera để quét').click();
      await until(element, () => exists(element, 'video.card-scan__video'), 'the camera on');
      await until(
        element,
        () => find<HTMLVideoElement>(element, 'video').srcObject === stream,
        'the stream shown',
      );
      expect(stream.getVideoTracks()[0]!.readyState).to.equal('live');
      await expectAccessible(element, 'the card scan panel, camera on');
      button(element, 'Không dùng thẻ').click();
      await element.updateComplete;
      expect(stream.getVideoTracks()[0]!.readyState).to.equal('ended');
    } finally {
      devices.getUserMedia = original;
    }
  });
});
