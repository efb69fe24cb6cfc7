import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MotcuaProcedure } from '@motcua/elements';
import {
  BIRTH_REGISTRATION,
  BIRTH_STEPS,
  controlId,
  currentStep,
  delayedSubmit,
  describeNode,
  find,
  focused,
  heading,
  mount,
  submitted,
  text,
} from './helpers.js';
import { answerByKeyboard, pressButton, tab, tabTo } from './keys.js';

// The whole birth registration with the keyboard alone, through the browser's real key events
// (sendKeys goes through the DevTools protocol in Chromium, WebDriver BiDi in Firefox, not
// synthetic events): Tab and Shift+Tab,
// typing, Space and arrow keys on radios, type-ahead and arrows on selects, Enter on buttons.

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
