import { expect } from '@open-wc/testing';
import type { MotcuaProcedure } from '@motcua/elements';
import {
  BIRTH_REGISTRATION,
  answer,
  button,
  clickContinue,
  currentStep,
  expectAccessible,
  find,
  focused,
  heading,
  mount,
  shadow,
  text,
  walkTo,
  walkToQuestion,
} from './helpers.js';

// Issue 12, point 1: a kiosk asks one question per page (fields a definition marks `together`
// share one), with the same checks, rule checkpoints, Back, change links and error summary as a
// step; a portal keeps whole steps.

/** The ids of the questions on screen. */
function asked(element: MotcuaProcedure): string[] {
  return element.session!.snapshot.fields.map((field) => field.id);
}

/** Where the citizen is: the step and the question(s) on screen. */
const at = (element: MotcuaProcedure) => `${currentStep(element)}: ${asked(element).join(' + ')}`;

async function tapBack(element: MotcuaProcedure): Promise<void> {
  button(element, 'Quay lại').click();
  await element.updateComplete;
}

describe('one question per page in kiosk mode (issue 12, point 1)', () => {
  it('asks the requester step one question at a time, the question as the page’s h1', async () => {
    const element = await mount({ mode: 'kiosk', speech: null });
    const pages: string[] = [];
    while (currentStep(element) === 'requester') {
      pages.push(at(element));
      expect(shadow(element).querySelectorAll('h1').length).to.equal(1);
      expect(focused(element) === '' || heading(element).tabIndex === -1).to.equal(true);
      await answer(
        element,
        asked(element)[0]!,
        BIRTH_REGISTRATION.requester![asked(element)[0]!] ?? '',
      );
      await clickContinue(element);
    }
    expect(pages).to.deep.equal([
      'requester: requesterName',
      'requester: requesterRelationship',
      'requester: requesterPersonalId',
      'requester: requesterPhone',
    ]);
    const h1 = heading(element);
    expect(text(h1)).to.equal(
      text(find(element, `label[for="f-childName"]`)).replace(/\s+/g, ' '),
      'a one-question page uses the question as its heading',
    );
    expect(focused(element), 'focus on the new page’s heading').to.match(/^h1/);
    expect(text(find(element, '.caption'))).to.match(/^Bước 2 · /);
  });

  it('checks only the question on screen, and shows the fields marked together on one page', async () => {
    const element = await mount({ mode: 'kiosk', speech: null });
    await clickContinue(element);
    expect(element.session!.snapshot.errors.map((error) => error.field)).to.deep.equal([
      'requesterName',
    ]);
    expect(text(find(element, '.error-summary'))).to.contain('Nhập họ, chữ đệm và tên của bạn');
    await expectAccessible(element, 'one question with its error');
    await walkTo(element, 'childOrigin');
    expect(asked(element)).to.deep.equal(['childEthnicity']);
    await answer(element, 'childEthnicity', 'other');
    expect(asked(element), 'the "other" box joins its question').to.deep.equal([
      'childEthnicity',
      'childEthnicityOther',
    ]);
    await clickContinue(element);
    expect(element.session!.snapshot.errors.map((error) => error.field)).to.deep.equal([
      'childEthnicityOther',
    ]);
  });

  it('goes Back one question at a time, into the last question of the step before', async () => {
    const element = await mount({ mode: 'kiosk', speech: null });
    await walkTo(element, 'child');
    await tapBack(element);
    expect(at(element)).to.equal('requester: requesterPhone');
    await tapBack(element);
    expect(at(element)).to.equal('requester: requesterPersonalId');
    expect(
      find<HTMLInputElement>(element, '#f-requesterPersonalId').value,
      'the answer is still there',
    ).to.equal('001190012345');
  });

  it('takes a rule checked later to the page of the answer it names, and comes back', async () => {
    const element = await mount({ mode: 'kiosk', speech: null });
    await walkTo(element, 'mother');
    // The child is Kinh; the mother (and, below, the father) Tày: the child's ethnicity rule fails.
    await walkToQuestion(element, 'motherEthnicity');
    await answer(element, 'motherEthnicity', 'tay');
    await walkTo(element, 'father', {
      ...BIRTH_REGISTRATION,
      mother: { ...BIRTH_REGISTRATION.mother!, motherEthnicity: 'tay' },
    });
    await walkToQuestion(element, 'fatherEthnicity');
    await answer(element, 'fatherEthnicity', 'tay');
    for (let page = 0; page < 5 && element.session!.snapshot.errors.length === 0; page++) {
      await clickContinue(element);
      if (currentStep(element) !== 'father') break;
      const next = asked(element)[0]!;
      const value = BIRTH_REGISTRATION.father![next];
      if (value !== undefined) await answer(element, next, value);
    }
    const errors = element.session!.snapshot.errors;
    expect(errors.map((error) => error.field)).to.deep.equal(['childEthnicity']);
    const link = find<HTMLAnchorElement>(element, '.error-summary a');
    link.click();
    await element.updateComplete;
    expect(at(element)).to.equal('childOrigin: childEthnicity');
    expect(focused(element)).to.match(/^select#f-childEthnicity /);
    await answer(element, 'childEthnicity', 'tay');
    await clickContinue(element);
    expect(currentStep(element), 'back to the step that checks the rule').to.equal('father');
    expect(asked(element), 'on its last question').to.deep.equal(['fatherResidence']);
  });

  it('opens the question to change from review, and returns to review after it', async () => {
    const element = await mount({ mode: 'kiosk', speech: null });
    await walkTo(element, 'review');
    const row = Array.from(shadow(element).querySelectorAll('.summary-list__row')).find(
      (candidate) => text(candidate.querySelector('dt')) === 'Số định danh cá nhân của bạn',
    )!;
    row.querySelector<HTMLButtonElement>('button')!.click();
    await element.updateComplete;
    expect(at(element)).to.equal('requester: requesterPersonalId');
    expect(focused(element)).to.equal('input#f-requesterPersonalId');
    await clickContinue(element);
    expect(element.session!.snapshot.status).to.equal('review');
  });

  it('keeps whole steps in portal mode, and on a kiosk told per-page="step"', async () => {
    for (const options of [{}, { mode: 'kiosk' as const, perPage: 'step' as const }]) {
      const element = await mount({ ...options, speech: null });
      expect(asked(element)).to.deep.equal([
        'requesterName',
        'requesterRelationship',
        'requesterPersonalId',
        'requesterPhone',
      ]);
    }
  });

  for (const lang of ['vi', 'en'] as const) {
    for (const [contrast, textSize] of [
      ['normal', 'normal'],
      ['high', 'normal'],
      ['normal', 'large'],
    ] as const) {
      it(`is accessible one question at a time, ${lang}, ${contrast} contrast, ${textSize} text`, async () => {
        const element = await mount({ mode: 'kiosk', speech: null, lang, contrast });
        element.textSize = textSize;
        await element.updateComplete;
        await expectAccessible(element, `first question, ${lang}, ${contrast}, ${textSize}`);
        await walkToQuestion(element, 'requesterRelationship');
        await clickContinue(element);
        await expectAccessible(
          element,
          `a radio question with its error, ${lang}, ${contrast}, ${textSize}`,
        );
      });
    }
  }
});
