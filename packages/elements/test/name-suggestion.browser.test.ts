import { expect, fixture, html } from '@open-wc/testing';
import type AxeCore from 'axe-core';
import { sendKeys } from '@web/test-runner-commands';
import { createManualClock, createProcedure } from '@motcua/core';
import type { MotcuaProcedure } from '@motcua/elements';
import pack from '@motcua/vn/pack';
import {
  TODAY,
  axeViolations,
  button,
  clickContinue,
  currentStep,
  describeNode,
  exists,
  find,
  focused,
  formatViolations,
  shadow,
  tap,
  text,
} from './helpers.js';

// Names without diacritics (issue 12, point 4): many citizens type with the input method off,
// so "Nguyễn" arrives as raw Telex ("nguyeenx") or VNI ("nguye6n4"). The Vietnam pack reads it
// (vn-person-name.typed, params.suggestion) and the element offers the name as meant on a
// button, "Dùng tên này: Nguyễn Minh Khang", which puts it in with one tap.

const procedure = createProcedure(
  {
    id: 'name-suggestion',
    version: '1.0.0',
    title: { vi: 'Thử tên', en: 'Name check' },
    steps: [
      {
        id: 'person',
        title: { vi: 'Người yêu cầu', en: 'Applicant' },
        fields: [
          {
            id: 'fullName',
            type: 'text',
            label: { vi: 'Họ, chữ đệm và tên', en: 'Full name' },
            required: true,
            format: 'vn-person-name',
          },
        ],
      },
      {
        id: 'next',
        title: { vi: 'Bước sau', en: 'Next step' },
        fields: [{ id: 'note', type: 'text', label: { vi: 'Ghi chú', en: 'Note' } }],
      },
    ],
  },
  { packs: [pack] },
);

interface Options {
  lang?: 'vi' | 'en';
  mode?: 'portal' | 'kiosk';
  contrast?: 'normal' | 'high';
}

async function mount(options: Options = {}): Promise<MotcuaProcedure> {
  const element = await fixture<MotcuaProcedure>(
    html`<motcua-procedure
      .clock=${createManualClock(TODAY)}
      .procedure=${procedure}
      persist="none"
      lang=${options.lang ?? 'vi'}
      mode=${options.mode ?? 'portal'}
      contrast=${options.contrast ?? 'normal'}
    ></motcua-procedure>`,
  );
  await element.loaded;
  await element.updateComplete;
  return element;
}

/** Types the name with the keyboard into the name's input, as a citizen with no IME would. */
async function typeName(element: MotcuaProcedure, name: string): Promise<HTMLInputElement> {
  const input = find<HTMLInputElement>(element, '#f-fullName');
  input.focus();
  await sendKeys({ type: name });
  await element.updateComplete;
  return input;
}

/** axe's AA rules, and in high contrast its AAA colour rule too (7:1). */
async function violations(element: MotcuaProcedure, high: boolean): Promise<AxeCore.Result[]> {
  const found = await axeViolations(element);
  if (!high) return found;
  const axe = (window as unknown as { axe: typeof AxeCore }).axe;
  const enhanced = await axe.run(element, {
    runOnly: { type: 'rule', values: ['color-contrast-enhanced'] },
  });
  return [...found, ...enhanced.violations];
}

const SUGGESTED = {
  vi: {
    message: 'Có phải bạn muốn viết “Nguyễn Minh Khang”?',
    button: 'Dùng tên này: Nguyễn Minh Khang',
  },
  en: {
    message: 'Did you mean “Nguyễn Minh Khang”?',
    button: 'Use this name: Nguyễn Minh Khang',
  },
};

describe('<motcua-procedure> a name typed in raw Telex or VNI', () => {
  it('offers the name as meant, which one tap puts in, and Continue then goes on', async () => {
    const element = await mount({ mode: 'kiosk' });
    const input = await typeName(element, 'nguyeenx minh khang');
    expect(input.value).to.equal('nguyeenx minh khang');
    await clickContinue(element);

    expect(currentStep(element)).to.equal('person');
    expect(text(find(element, '.warning-summary'))).to.contain(SUGGESTED.vi.message);
    expect(text(find(element, '#f-fullName-warning'))).to.contain(SUGGESTED.vi.message);
    const offer = button(element, SUGGESTED.vi.button);
    expect(offer.type).to.equal('button');
    await tap(element, offer);

    expect(input.value).to.equal('Nguyễn Minh Khang');
    expect(element.session!.snapshot.answers.fullName).to.equal('Nguyễn Minh Khang');
    expect(focused(element), 'focus goes back to the name').to.equal(describeNode(input));

    await clickContinue(element);
    expect(currentStep(element)).to.equal('next');
    expect(exists(element, '.warning-summary')).to.equal(false);
    expect(exists(element, '.error-summary')).to.equal(false);
  });

  it('offers nothing for a name written without diacritics but with no Telex in it', async () => {
    const element = await mount();
    await typeName(element, 'nguyen minh khang');
    await clickContinue(element);
    expect(text(find(element, '#f-fullName-warning'))).to.contain('không dấu');
    expect(shadow(element).querySelector('.field .button'), 'no suggestion button').to.equal(null);
  });

  it('offers the name typed in VNI on its error, which goes away once it is put in', async () => {
    const element = await mount({ lang: 'en' });
    const input = await typeName(element, 'nguye6n4 minh khang');
    await clickContinue(element);

    expect(text(find(element, '.error-summary'))).to.contain(SUGGESTED.en.message);
    expect(text(find(element, '.error-message'))).to.contain(SUGGESTED.en.message);
    await tap(element, button(element, SUGGESTED.en.button));

    expect(input.value).to.equal('Nguyễn Minh Khang');
    expect(focused(element)).to.equal(describeNode(input));
    // An error on screen is checked again as the answer changes: this one is now right.
    expect(exists(element, '.error-message')).to.equal(false);
    await clickContinue(element);
    expect(currentStep(element)).to.equal('next');
  });

  it('makes the offer a button of at least 44 px, larger in kiosk mode', async () => {
    for (const [mode, least] of [
      ['portal', 44],
      ['kiosk', 56],
    ] as const) {
      const element = await mount({ mode });
      await typeName(element, 'ddinhf minh');
      await clickContinue(element);
      const box = button(element, 'Dùng tên này: Đình Minh').getBoundingClientRect();
      expect(box.height, mode).to.be.at.least(least);
      expect(box.width, mode).to.be.at.least(44);
    }
  });

  for (const lang of ['vi', 'en'] as const) {
    for (const mode of ['portal', 'kiosk'] as const) {
      for (const contrast of ['normal', 'high'] as const) {
        it(`is accessible with the offer on screen (${lang}, ${mode}, ${contrast} contrast)`, async () => {
          const element = await mount({ lang, mode, contrast });
          await typeName(element, 'nguyeenx minh khang');
          await clickContinue(element);
          expect(text(find(element, '#f-fullName-warning'))).to.contain(SUGGESTED[lang].message);
          button(element, SUGGESTED[lang].button);
          const found = await violations(element, contrast === 'high');
          expect(found, formatViolations(found)).to.deep.equal([]);
        });
      }
    }
  }
});
