import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MotcuaProcedure, SpeechEngine, SpeechVoice } from '@motcua/elements';
import {
  button,
  clickContinue,
  completePage,
  currentStep,
  exists,
  expectAccessible,
  focused,
  mount,
  shadow,
  text,
  typeInto,
  find,
  controlId,
  walkTo,
} from './helpers.js';
// Not public: the adapter over the browser's speechSynthesis, checked with a stand-in for it.
import { webSpeech } from '../src/read-aloud.js';

// Read-aloud in kiosk mode: "Nghe" reads the question(s) on the page, their hints and any error
// through a speech engine, in the page's language, and is there only where a voice speaks that
// language. The engine is a recorder standing in for speechSynthesis (headless Chromium has no
// voices), so what would be spoken, and with which voice, is checked exactly.

const VI: SpeechVoice = { lang: 'vi-VN', name: 'Tiếng Việt (máy)', localService: true };
const EN_GB: SpeechVoice = { lang: 'en-GB', name: 'English (UK)' };
const EN_AU: SpeechVoice = { lang: 'en-AU', name: 'English (Australia)' };

interface Recorder extends SpeechEngine {
  /** Everything queued since the last cancel: text and the voice's language. */
  queue: { text: string; lang: string; name: string }[];
  cancels: number;
  /** Voices arriving late, as Chromium's do after `voiceschanged`. */
  arrive(voices: SpeechVoice[]): void;
  listeners: Set<() => void>;
}

function recorder(voices: SpeechVoice[] = [VI, EN_GB]): Recorder {
  let list = voices;
  const engine: Recorder = {
    queue: [],
    cancels: 0,
    listeners: new Set(),
    voices: () => list,
    onVoicesChanged(listener) {
      engine.listeners.add(listener);
      return () => engine.listeners.delete(listener);
    },
    speak(words, voice) {
      engine.queue.push({ text: words, lang: voice.lang, name: voice.name });
    },
    cancel() {
      engine.cancels += 1;
      engine.queue = [];
    },
    arrive(next) {
      list = next;
      for (const listener of engine.listeners) listener();
    },
  };
  return engine;
}

function listen(element: MotcuaProcedure): HTMLButtonElement | undefined {
  return Array.from(shadow(element).querySelectorAll<HTMLButtonElement>('.toolbar button')).find(
    (candidate) => ['Nghe', 'Listen'].includes(text(candidate)),
  );
}

async function kiosk(speech: SpeechEngine | null, lang: 'vi' | 'en' = 'vi') {
  return mount({ mode: 'kiosk', speech, lang });
}

describe('webSpeech: the browser’s speechSynthesis as the engine', () => {
  it('speaks each part as an utterance in the voice’s language, cancels, and follows voiceschanged', () => {
    const spoken: SpeechSynthesisUtterance[] = [];
    let cancelled = 0;
    const voices: SpeechVoice[] = [];
    const synthesis = Object.assign(new EventTarget(), {
      getVoices: () => voices,
      speak: (utterance: SpeechSynthesisUtterance) => spoken.push(utterance),
      cancel: () => (cancelled += 1),
    }) as unknown as SpeechSynthesis;
    const engine = webSpeech(synthesis);
    let changes = 0;
    const stop = engine.onVoicesChanged(() => (changes += 1));
    expect(engine.voices()).to.deep.equal([]);
    voices.push(VI);
    synthesis.dispatchEvent(new Event('voiceschanged'));
    expect(changes).to.equal(1);
    expect(engine.voices()).to.deep.equal([VI]);
    stop();
    synthesis.dispatchEvent(new Event('voiceschanged'));
    expect(changes, 'no longer listening').to.equal(1);
    engine.speak('Họ, chữ đệm và tên của bạn', VI);
    expect(spoken.length).to.equal(1);
    expect(spoken[0]!.text).to.equal('Họ, chữ đệm và tên của bạn');
    expect(spoken[0]!.lang).to.equal('vi-VN');
    engine.cancel();
    expect(cancelled).to.equal(1);
  });
});

describe('read-aloud ("Nghe") in kiosk mode', () => {
  it('reads the page’s title, description, each question with its hint, example and choices, in vi-VN', async () => {
    const speech = recorder();
    const element = await kiosk(speech);
    listen(element)!.click();
    const texts = speech.queue.map((part) => part.text);
    expect(texts.slice(0, 7)).to.deep.equal([
      'Thông tin về bạn',
      'Bạn là người đi đăng ký khai sinh cho trẻ. Thường là cha hoặc mẹ; nếu cha, mẹ không thể đi thì ông, bà, người thân hoặc người đang nuôi dưỡng trẻ đi thay.',
      'Họ, chữ đệm và tên của bạn',
      'Ghi đúng như trên thẻ Căn cước của bạn.',
      'Ví dụ: Nguyễn Văn An',
      'Bạn là gì của trẻ?',
      'Cha',
    ]);
    expect(texts).to.include('Số định danh cá nhân của bạn');
    expect(texts).to.include(
      'Số định danh cá nhân gồm 12 chữ số, in trên thẻ Căn cước hoặc thẻ Căn cước công dân.',
    );
    expect(new Set(speech.queue.map((part) => part.lang))).to.deep.equal(new Set(['vi-VN']));
  });

  it('reads the errors first after a refused Continue, as the page shows them', async () => {
    const speech = recorder();
    const element = await kiosk(speech);
    await clickContinue(element);
    const errors = element.session!.snapshot.errors.map((error) => error.message);
    expect(errors.length).to.be.greaterThan(0);
    listen(element)!.click();
    const texts = speech.queue.map((part) => part.text);
    expect(texts[0]).to.equal('Có lỗi cần sửa');
    expect(texts.slice(1, 1 + errors.length)).to.deep.equal(errors);
    expect(texts).to.include('Họ, chữ đệm và tên của bạn');
  });

  it('reads English pages with an English voice, en-GB before another English', async () => {
    const speech = recorder([VI, EN_AU, EN_GB]);
    const element = await kiosk(speech, 'en');
    expect(text(listen(element))).to.equal('Listen');
    listen(element)!.click();
    expect(speech.queue[0]).to.deep.equal({
      text: 'About you',
      lang: 'en-GB',
      name: 'English (UK)',
    });
  });

  it('reads an English page’s errors first, in English, with the English voice', async () => {
    const speech = recorder([VI, EN_GB]);
    const element = await kiosk(speech, 'en');
    await clickContinue(element);
    const errors = element.session!.snapshot.errors.map((error) => error.message);
    expect(errors.length).to.be.greaterThan(0);
    listen(element)!.click();
    const texts = speech.queue.map((part) => part.text);
    expect(texts[0]).to.equal('There is a problem');
    expect(texts.slice(1, 1 + errors.length)).to.deep.equal(errors);
    expect(texts).to.include('Your full name');
    expect(new Set(speech.queue.map((part) => part.lang))).to.deep.equal(new Set(['en-GB']));
  });

  it('has no button where no voice speaks the page’s language (English voices, Vietnamese page)', async () => {
    const element = await kiosk(recorder([EN_GB]));
    expect(listen(element)).to.equal(undefined);
    // Switching to English finds the English voice.
    button(element, 'English').click();
    await element.updateComplete;
    expect(text(listen(element))).to.equal('Listen');
  });

  it('shows the button when a Vietnamese voice arrives late (voiceschanged)', async () => {
    const speech = recorder([]);
    const element = await kiosk(speech);
    expect(listen(element)).to.equal(undefined);
    speech.arrive([{ lang: 'vi_VN', name: 'Android' }]);
    await element.updateComplete;
    listen(element)!.click();
    expect(speech.queue[0]?.lang).to.equal('vi_VN');
  });

  it('has no button with `speech = null`, in portal mode, or on review', async () => {
    expect(listen(await kiosk(null))).to.equal(undefined);
    expect(listen(await mount({ mode: 'portal', speech: recorder() }))).to.equal(undefined);
    const element = await kiosk(recorder());
    await completePage(element);
    expect(currentStep(element)).to.equal('child');
    expect(listen(element), 'on every question page').to.not.equal(undefined);
    await walkTo(element, 'review');
    expect(listen(element)).to.equal(undefined);
  });

  it('stops reading when the page changes, when it is read again, and when the kiosk is wiped', async () => {
    const speech = recorder();
    const element = await kiosk(speech);
    listen(element)!.click();
    expect(speech.queue.length).to.be.greaterThan(3);
    const before = speech.cancels;
    listen(element)!.click();
    expect(speech.cancels, 'read again from the start').to.equal(before + 1);
    typeInto(find<HTMLInputElement>(element, `#${controlId('requesterName')}`), 'Trần Thị Mai');
    await element.updateComplete;
    element.reset();
    await element.updateComplete;
    expect(speech.queue, 'nothing of the last page is read on').to.deep.equal([]);
    expect(speech.cancels).to.be.greaterThan(before + 1);
    listen(element)!.click();
    const queued = speech.queue.length;
    button(element, 'English').click();
    await element.updateComplete;
    expect(speech.queue.length, 'a language switch stops the Vietnamese reading').to.equal(0);
    expect(queued).to.be.greaterThan(0);
  });

  it('is pressed with the keyboard alone: Tab to "Nghe", Enter', async () => {
    const speech = recorder();
    const element = await kiosk(speech);
    listen(element)!.focus();
    expect(focused(element)).to.equal('button "Nghe"');
    await sendKeys({ press: 'Enter' });
    expect(speech.queue.length).to.be.greaterThan(3);
  });

  for (const lang of ['vi', 'en'] as const) {
    for (const contrast of ['normal', 'high'] as const) {
      it(`passes axe (WCAG 2.2 AA) with the button, ${lang}, ${contrast} contrast, and with errors`, async () => {
        const element = await mount({ mode: 'kiosk', speech: recorder(), lang, contrast });
        expect(listen(element)).to.not.equal(undefined);
        await expectAccessible(element, `read-aloud, ${lang}, ${contrast}`);
        await clickContinue(element);
        expect(exists(element, '.error-summary')).to.equal(true);
        await expectAccessible(element, `read-aloud with errors, ${lang}, ${contrast}`);
      });
    }
  }
});
