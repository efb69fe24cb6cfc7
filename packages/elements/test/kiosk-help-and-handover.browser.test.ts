import { expect } from '@open-wc/testing';
import type { Answers } from '@motcua/core';
import type { MotcuaProcedure } from '@motcua/elements';
import {
  answer,
  button,
  clickContinue,
  completePage,
  currentStep,
  delayedSubmit,
  exists,
  expectAccessible,
  find,
  focused,
  mount,
  shadow,
  submitted,
  text,
  typeInto,
  controlId,
  walkTo,
} from './helpers.js';

// Two things a kiosk does for the citizen around the form: "Cần trợ giúp" says at once that
// staff were told (the host sends the request on `motcua-help`), and after Send the host may
// draw its own page, a printed slip (confirmation="host"), from `motcua-submitted`.

const HELP_ASKED = 'Đã báo cán bộ hỗ trợ, vui lòng chờ trong giây lát.';

/** The notice's live region: there before its words, so that screen readers say them. */
const helpRegion = (element: MotcuaProcedure) =>
  Array.from(shadow(element).querySelectorAll('[role=status]')).find(
    (region) => !region.classList.contains('visually-hidden') && !region.closest('.file-upload'),
  );

describe('"Cần trợ giúp" in kiosk mode', () => {
  it('says at once that staff were told, in a status region, and still fires motcua-help', async () => {
    const element = await mount({ mode: 'kiosk', speech: null });
    const region = helpRegion(element);
    expect(region, 'the live region is on the page before the press').to.not.equal(undefined);
    expect(text(region)).to.equal('');
    const calls: unknown[] = [];
    element.addEventListener('motcua-help', (event) => calls.push(event.detail));
    button(element, 'Cần trợ giúp').focus();
    button(element, 'Cần trợ giúp').click();
    await element.updateComplete;
    expect(helpRegion(element), 'the same region, not a new one').to.equal(region);
    expect(text(region)).to.equal(HELP_ASKED);
    expect(calls).to.deep.equal([{ step: 'requester', status: 'filling' }]);
    expect(focused(element), 'focus stays on the button').to.equal('button "Cần trợ giúp"');
  });

  it('stays while the citizen goes on with the page, and goes with the next page', async () => {
    const element = await mount({ mode: 'kiosk', speech: null });
    button(element, 'Cần trợ giúp').click();
    await element.updateComplete;
    await clickContinue(element);
    expect(element.session?.snapshot.errors.length, 'refused: still the same page').to.equal(1);
    expect(text(helpRegion(element))).to.equal(HELP_ASKED);
    // The step's next question: the volunteer is still on the way.
    typeInto(find<HTMLInputElement>(element, `#${controlId('requesterName')}`), 'Trần Thị Mai');
    await element.updateComplete;
    await clickContinue(element);
    expect(element.session?.snapshot.page).to.equal(1);
    expect(text(helpRegion(element))).to.equal(HELP_ASKED);
    button(element, 'English').click();
    await element.updateComplete;
    expect(text(helpRegion(element)), 'in the page’s language').to.equal(
      'Staff have been told. Please wait a moment.',
    );
    button(element, 'Tiếng Việt').click();
    await element.updateComplete;
    await completePage(element);
    expect(currentStep(element)).to.equal('child');
    expect(text(helpRegion(element))).to.equal('');
    // Asked again on the next page, then the kiosk is wiped: the next person sees nothing of it.
    button(element, 'Cần trợ giúp').click();
    await element.updateComplete;
    expect(text(helpRegion(element))).to.equal(HELP_ASKED);
    element.reset();
    await element.updateComplete;
    expect(text(helpRegion(element))).to.equal('');
  });

  it('works on review too, where the volunteer goes through the dossier with the citizen', async () => {
    const element = await mount({ mode: 'kiosk', speech: null });
    await walkTo(element, 'review');
    const calls: unknown[] = [];
    element.addEventListener('motcua-help', (event) => calls.push(event.detail));
    button(element, 'Cần trợ giúp').click();
    await element.updateComplete;
    expect(text(helpRegion(element))).to.equal(HELP_ASKED);
    expect(calls).to.deep.equal([{ step: null, status: 'review' }]);
  });

  it('in portal mode fires motcua-help and shows nothing (the host decides what help is)', async () => {
    const element = await mount({ mode: 'portal' });
    const calls: unknown[] = [];
    element.addEventListener('motcua-help', (event) => calls.push(event.detail));
    button(element, 'Cần trợ giúp').click();
    await element.updateComplete;
    expect(calls.length).to.equal(1);
    expect(exists(element, '.help-notice')).to.equal(false);
  });

  for (const lang of ['vi', 'en'] as const) {
    for (const contrast of ['normal', 'high'] as const) {
      it(`passes axe (WCAG 2.2 AA) with the notice, ${lang}, ${contrast} contrast`, async () => {
        const element = await mount({ mode: 'kiosk', speech: null, lang, contrast });
        button(element, lang === 'en' ? 'Get help' : 'Cần trợ giúp').click();
        await element.updateComplete;
        expect(exists(element, '.help-notice')).to.equal(true);
        await expectAccessible(element, `help notice, ${lang}, ${contrast}`);
      });
    }
  }
});

describe('confirmation="host": the host draws the page after Send', () => {
  /** Walks to review having said yes to copies, then no: the count is kept but hidden. */
  async function reviewWithHiddenAnswer(element: MotcuaProcedure): Promise<void> {
    await walkTo(element, 'copies');
    await answer(element, 'wantCopies', 'yes');
    await answer(element, 'copyCount', '2');
    await answer(element, 'wantCopies', 'no');
    await clickContinue(element);
    await walkTo(element, 'review');
    expect(element.session!.snapshot.answers.copyCount, 'kept while filling').to.equal('2');
  }

  it('draws nothing after Send, and motcua-submitted carries the receipt and the answers sent', async () => {
    const receipt = { dossierCode: 'HS-2025-000123', statusUrl: '/api/dossiers/HS-2025-000123' };
    const send = delayedSubmit(receipt);
    const element = await mount({
      mode: 'kiosk',
      speech: null,
      submit: send,
      confirmation: 'host',
    });
    await reviewWithHiddenAnswer(element);
    const submittedEvents: { receipt: unknown; answers: Answers }[] = [];
    const submitEvents: Answers[] = [];
    element.addEventListener('motcua-submit', (event) => submitEvents.push(event.detail.answers));
    element.addEventListener('motcua-submitted', (event) => submittedEvents.push(event.detail));
    button(element, 'Gửi hồ sơ').click();
    await submitted(element);

    expect(element.session!.snapshot.status).to.equal('submitted');
    expect(submittedEvents.length).to.equal(1);
    const detail = submittedEvents[0]!;
    expect(detail.receipt).to.deep.equal(receipt);
    expect(detail.answers.copyCount, 'hidden answers are not sent').to.equal(undefined);
    expect(detail.answers.wantCopies).to.equal('no');
    expect(detail.answers.requesterName).to.equal('Trần Thị Mai');
    expect(JSON.stringify(detail.answers.birthNotice)).to.contain('giay-chung-sinh.pdf');
    expect(JSON.parse(JSON.stringify(detail.answers))).to.deep.equal(
      JSON.parse(JSON.stringify(submitEvents[0])),
    );
    expect(JSON.parse(JSON.stringify(send.calls[0]))).to.deep.equal(
      JSON.parse(JSON.stringify(detail.answers)),
    );
    expect(element.session!.procedure.papers(detail.answers)).to.deep.equal([]);

    // Nothing drawn: no heading, no toolbar, no back link, no code, no print button.
    for (const selector of ['h1', '.toolbar', '.back-link', '.confirmation', 'button']) {
      expect(exists(element, selector), selector).to.equal(false);
    }
    expect(text(shadow(element).querySelector('.page')), 'only the hidden live region').to.equal(
      text(shadow(element).querySelector('.page > .visually-hidden[role=status]')),
    );
    await expectAccessible(element, 'after Send, host-drawn confirmation');
  });

  it('lets the element draw its confirmation by default, with the answers in motcua-submitted too', async () => {
    const send = delayedSubmit({ dossierCode: 'HS-2025-000124' });
    const element = await mount({ mode: 'kiosk', speech: null, submit: send });
    await reviewWithHiddenAnswer(element);
    const details: { receipt: unknown; answers: Answers }[] = [];
    element.addEventListener('motcua-submitted', (event) => details.push(event.detail));
    button(element, 'Gửi hồ sơ').click();
    await submitted(element);
    expect(exists(element, '.confirmation')).to.equal(true);
    expect(text(find(element, '.confirmation'))).to.contain('HS-2025-000124');
    expect(details[0]!.answers.copyCount).to.equal(undefined);
  });
});
