import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MotcuaProcedure } from '@motcua/elements';
import {
  type AddressChoice,
  BIRTH_REGISTRATION,
  BIRTH_STEPS,
  type FileChoice,
  type PageAnswer,
  chooseFile,
  controlId,
  currentStep,
  delayedSubmit,
  describeNode,
  find,
  focused,
  heading,
  mount,
  procedure,
  shadow,
  submitted,
  text,
  until,
} from './helpers.js';

// The whole birth registration with the keyboard alone, through the browser's real key events
// (sendKeys goes through the DevTools protocol in Chromium, WebDriver BiDi in Firefox, not
// synthetic events): Tab and Shift+Tab,
// typing, Space and arrow keys on radios, type-ahead and arrows on selects, Enter on buttons.

/** A Tab or Shift+Tab press (the Chrome launcher's keyboard takes modifiers as down and up). */
async function tab(shift = false): Promise<void> {
  if (!shift) {
    await sendKeys({ press: 'Tab' });
    return;
  }
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

/**
 * Presses Tab until focus is on something matching `selector` in the element, and fails naming
 * every stop when it never gets there: a control the keyboard cannot reach is a defect.
 */
async function tabTo(
  element: MotcuaProcedure,
  selector: string,
  shift = false,
): Promise<HTMLElement> {
  const stops: string[] = [];
  for (let presses = 0; presses < 40; presses++) {
    const active = shadow(element).activeElement;
    if (active?.matches(selector)) return active as HTMLElement;
    await tab(shift);
    stops.push(focused(element));
  }
  throw new Error(`Tab never reached ${selector}; it stopped at: ${stops.join(' → ')}`);
}

/** Answers one field from the keyboard. */
async function answerByKeyboard(
  element: MotcuaProcedure,
  id: string,
  value: PageAnswer,
): Promise<void> {
  const field = procedure.field(id)!;
  const control = `#${controlId(id)}`;
  switch (field.type) {
    case 'radio': {
      // Tab enters a group with nothing chosen at its first radio; arrows move and choose.
      const first = await tabTo(element, `input[type=radio][name="${id}"]`);
      const radios = Array.from(
        shadow(element).querySelectorAll<HTMLInputElement>(`input[type=radio][name="${id}"]`),
      );
      const from = radios.indexOf(first as HTMLInputElement);
      const to = radios.findIndex((radio) => radio.value === value);
      // ' ', not 'Space': puppeteer's WebDriver BiDi keyboard (Firefox) knows no 'Space'.
      if (to === from) await sendKeys({ press: ' ' });
      for (let i = from; i < to; i++) await sendKeys({ press: 'ArrowDown' });
      for (let i = from; i > to; i--) await sendKeys({ press: 'ArrowUp' });
      break;
    }
    case 'select': {
      const select = (await tabTo(element, control)) as HTMLSelectElement;
      const option = Array.from(select.options).find((candidate) => candidate.value === value)!;
      const label = text(option);
      // Type-ahead takes the letters of an ASCII label ("Kinh"); otherwise arrow down to it.
      if (/^[A-Za-z ]+$/.test(label)) {
        await sendKeys({ type: label });
      } else {
        for (let i = select.selectedIndex; i < option.index; i++) {
          await sendKeys({ press: 'ArrowDown' });
        }
      }
      expect(select.value, `the choice in ${id}`).to.equal(value);
      break;
    }
    case 'date': {
      const parts = value as { day: string; month: string; year: string };
      await tabTo(element, control);
      await sendKeys({ type: parts.day });
      await tab();
      expect(focused(element)).to.equal(`input#${controlId(id)}-month`);
      await sendKeys({ type: parts.month });
      await tab();
      expect(focused(element)).to.equal(`input#${controlId(id)}-year`);
      await sendKeys({ type: parts.year });
      break;
    }
    case 'address': {
      // Arrows choose in both lists: the province's name is not ASCII, so type-ahead cannot
      // reach it, and the search leaves one commune in the list.
      const place = value as AddressChoice;
      const arrowTo = async (select: HTMLSelectElement, code: string) => {
        const target = Array.from(select.options).findIndex((option) => option.value === code);
        for (let i = select.selectedIndex; i < target; i++) await sendKeys({ press: 'ArrowDown' });
        await element.updateComplete;
      };
      const province = (await tabTo(element, control)) as HTMLSelectElement;
      await until(element, () => province.options.length > 1, `the provinces of ${id}`);
      await arrowTo(province, place.province);
      expect(province.value, `the province of ${id}`).to.equal(place.province);
      const communes = () => find<HTMLSelectElement>(element, `${control}-commune`);
      await until(
        element,
        () => Array.from(communes().options).some((option) => option.value === place.commune),
        `the communes of ${id}`,
      );
      await tabTo(element, `${control}-commune-search`);
      await sendKeys({ type: place.search });
      await tabTo(element, `${control}-commune`);
      await sendKeys({ press: 'ArrowDown' });
      await element.updateComplete;
      expect(communes().value, `the commune of ${id}`).to.equal(place.commune);
      if (place.detail !== undefined) {
        await tabTo(element, `${control}-detail`);
        await sendKeys({ type: place.detail });
      }
      break;
    }
    case 'file': {
      const input = (await tabTo(element, control)) as HTMLInputElement;
      // The one step not done with keys: Space on a file input opens the operating system's
      // picker, which no test can drive. The input is reached by Tab above; the file is then
      // put in it as the picker would, with the `change` the picker fires.
      chooseFile(input, value as FileChoice);
      break;
    }
    default:
      await tabTo(element, control);
      await sendKeys({ type: String(value) });
  }
  await element.updateComplete;
}

/** Tabs to the page's main button and presses Enter on it. */
async function pressButton(element: MotcuaProcedure, label: string): Promise<void> {
  const buttons = Array.from(shadow(element).querySelectorAll('button'));
  const target = buttons.find((candidate) => text(candidate) === label);
  if (!target) throw new Error(`no button "${label}" on the page`);
  const stops: string[] = [];
  for (let presses = 0; shadow(element).activeElement !== target; presses++) {
    if (presses >= 60) throw new Error(`Tab never reached "${label}": ${stops.join(' → ')}`);
    await tab();
    stops.push(focused(element));
  }
  await sendKeys({ press: 'Enter' });
  await element.updateComplete;
}

function expectFocusOnHeading(element: MotcuaProcedure, where: string): void {
  expect(focused(element), `focus on ${where}`).to.equal(describeNode(heading(element)));
}

describe('<motcua-procedure> with the keyboard alone', () => {
  it('completes the birth registration, from the first field to the confirmation', async function () {
    this.timeout(60_000);
    const send = delayedSubmit({ dossierCode: 'HS-20250901-0003' }, 10);
    const element = await mount({ submit: send });

    const seen: string[] = [];
    while (element.session?.snapshot.status === 'filling') {
      const step = currentStep(element)!;
      seen.push(step);
      const answers = BIRTH_REGISTRATION[step]!;
      for (const [id, value] of Object.entries(answers)) {
        await answerByKeyboard(element, id, value);
        if (step === 'requester' && id === 'requesterName') {
          // Shift+Tab goes back: from the first radio to the name just typed.
          await tab();
          await tab(true);
          expect(focused(element)).to.equal(`input#${controlId('requesterName')}`);
        }
      }
      expect(element.session.snapshot.answers, `answers of ${step}`).to.include.keys(
        Object.keys(answers),
      );
      await pressButton(element, 'Tiếp tục');
      expect(element.session.snapshot.errors, `errors on ${step}`).to.deep.equal([]);
      expect(currentStep(element), `Enter on Tiếp tục at ${step}`).not.to.equal(step);
      expectFocusOnHeading(element, `the page after ${step}`);
    }
    expect(seen).to.deep.equal(BIRTH_STEPS);
    expect(element.session?.snapshot.status).to.equal('review');
    expect(text(heading(element))).to.equal('Kiểm tra lại thông tin');

    await pressButton(element, 'Gửi hồ sơ');
    await submitted(element);
    expect(send.calls.length).to.equal(1);
    expect(send.calls[0]).to.deep.include({
      requesterName: 'Trần Thị Mai',
      requesterRelationship: 'mother',
      childDateOfBirth: '2025-08-20',
      childEthnicity: 'kinh',
      fatherDetermined: 'yes',
      copyCount: 2,
    });
    expect(element.session?.snapshot.status).to.equal('submitted');
    expect(text(find(element, '.dossier-code'))).to.equal('HS-20250901-0003');
    expectFocusOnHeading(element, 'the confirmation');
  });

  it('recovers from errors by keyboard: Enter on Continue, Tab to an error link, Enter to the field', async () => {
    const element = await mount();
    await pressButton(element, 'Tiếp tục');
    expect(focused(element)).to.match(/^div "Có lỗi cần sửa/);
    await tab();
    expect(focused(element)).to.equal('a "Nhập họ, chữ đệm và tên của bạn"');
    await sendKeys({ press: 'Enter' });
    expect(focused(element)).to.equal(`input#${controlId('requesterName')}`);
    await sendKeys({ type: 'Nguyễn Văn An' });
    await element.updateComplete;
    expect(find<HTMLInputElement>(element, `#${controlId('requesterName')}`).value).to.equal(
      'Nguyễn Văn An',
    );
    // The error of a corrected field goes as the citizen types.
    expect(element.session!.snapshot.errors.map((error) => error.field)).not.to.include(
      'requesterName',
    );
  });

  it('goes Back with Enter on "Quay lại", focus on the earlier page’s h1, answers kept', async () => {
    const element = await mount();
    for (const [id, value] of Object.entries(BIRTH_REGISTRATION.requester!)) {
      await answerByKeyboard(element, id, value);
    }
    await pressButton(element, 'Tiếp tục');
    expect(currentStep(element)).to.equal('child');
    await tab(true);
    await tabTo(element, '.back-link', true);
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(currentStep(element)).to.equal('requester');
    expectFocusOnHeading(element, 'the first page');
    expect(find<HTMLInputElement>(element, `#${controlId('requesterName')}`).value).to.equal(
      'Trần Thị Mai',
    );
  });
});
