import { expect } from '@open-wc/testing';
import { createManualClock, createProcedure } from '@motcua/core';
import type { MotcuaProcedure } from '@motcua/elements';
import {
  TODAY,
  axeViolations,
  button,
  clickContinue,
  delayedSubmit,
  focused,
  mount,
  shadow,
  submitted,
  walkTo,
} from './helpers.js';

// Issue 15: Continue to a review of 200 answers took 12× a blank page's click, all of it style
// and layout of rows below the screen. A review of more than 40 answers now comes in two frames
// (the steps that fill a screen, then the rest), and each step's answers off screen are neither
// styled nor laid out until scrolled to (`content-visibility: auto`, review.ts). These tests
// prove the citizen still gets every answer, once, with its "Thay đổi", and that a short review
// is drawn whole at once.

/** `steps` steps of `perStep` text questions, every one answered. */
function longProcedure(steps: number, perStep: number) {
  const answers: Record<string, string> = {};
  const definition = {
    id: 'long-review',
    version: '1.0.0',
    title: { vi: 'Thủ tục dài', en: 'A long procedure' },
    steps: Array.from({ length: steps }, (_, s) => ({
      id: `step${s}`,
      title: { vi: `Phần ${s + 1}`, en: `Part ${s + 1}` },
      fields: Array.from({ length: perStep }, (_, f) => {
        const id = `s${s}q${f}`;
        answers[id] = `Trả lời ${s + 1}.${f + 1}`;
        return {
          id,
          type: 'text' as const,
          label: { vi: `Câu ${s + 1}.${f + 1}`, en: `Question ${s + 1}.${f + 1}` },
          required: true,
        };
      }),
    })),
  };
  return { definition, answers };
}

/** Mounted with every answer given, then Continue to review. */
async function atReview(steps: number, perStep: number, submit?: MotcuaProcedure['submit']) {
  const { definition, answers } = longProcedure(steps, perStep);
  const element = document.createElement('motcua-procedure') as MotcuaProcedure;
  Object.assign(element, {
    clock: createManualClock(TODAY),
    procedure: createProcedure(definition),
    answers,
  });
  if (submit) element.submit = submit;
  document.body.append(element);
  await element.updateComplete;
  await element.session!.ready;
  for (let i = 0; i < steps && element.session!.snapshot.status === 'filling'; i++) {
    await clickContinue(element);
  }
  expect(element.session!.snapshot.status).to.equal('review');
  return element;
}

const rows = (element: MotcuaProcedure) =>
  [...shadow(element).querySelectorAll('.summary-list__key')].map((key) => key.textContent);
const sections = (element: MotcuaProcedure) =>
  [...shadow(element).querySelectorAll('.review h2.heading-m')].map((h) => h.textContent);

/** The frame after this one is on screen, and a task after it. */
const nextFrame = () =>
  new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));

describe('a long review', () => {
  afterEach(() => {
    for (const element of document.querySelectorAll('motcua-procedure')) element.remove();
  });

  it('comes in two frames: the steps that fill a screen, then every other, each once', async () => {
    // 6 steps of 10: 60 answers.
    const element = await atReview(6, 10);
    // The first frame: the steps up to the one that reaches 20 answers, with the heading
    // focused, and the button that sends already there.
    expect(sections(element)).to.deep.equal(['Phần 1', 'Phần 2']);
    expect(rows(element)).to.have.length(20);
    expect(focused(element)).to.contain('h1');
    expect(button(element, 'Gửi hồ sơ').disabled).to.equal(false);
    await nextFrame();
    await element.updateComplete;
    expect(sections(element)).to.deep.equal([1, 2, 3, 4, 5, 6].map((n) => `Phần ${n}`));
    const all = Array.from(
      { length: 60 },
      (_, i) => `Câu ${Math.floor(i / 10) + 1}.${(i % 10) + 1}`,
    );
    expect(rows(element)).to.deep.equal(all);
    // Each with its own "Thay đổi", the papers and the button after all of them.
    expect(shadow(element).querySelectorAll('.summary-list__actions button')).to.have.length(60);
    const last = shadow(element).querySelectorAll('.summary-list').item(5);
    const send = button(element, 'Gửi hồ sơ');
    expect(last.compareDocumentPosition(send) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    // Focus stayed where the page put it, and the element is at rest: no render asks for another.
    expect(focused(element)).to.contain('h1');
    let renders = 0;
    const counted = element as unknown as { update(changed: unknown): void };
    const update = counted.update.bind(counted);
    counted.update = (changed) => {
      renders++;
      update(changed);
    };
    for (let i = 0; i < 5; i++) await nextFrame();
    // At most one, a chunk's arrival: not one a frame.
    expect(renders).to.be.at.most(1);
    // axe measures every target, those never drawn yet too (off screen, at their estimate).
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('keeps each answer off screen unstyled and unlaid until it is scrolled to', async () => {
    const element = await atReview(6, 10);
    await nextFrame();
    const answers = [...shadow(element).querySelectorAll('.review .summary-list__row')];
    expect(answers).to.have.length(60);
    for (const row of answers) expect(getComputedStyle(row).contentVisibility).to.equal('auto');
    // On paper, every answer (the print rule, read from the review pages' own sheet).
    const printed = shadow(element)
      .adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules])
      .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule)
      .filter((rule) => rule.media.mediaText === 'print')
      .flatMap((rule) => [...rule.cssRules])
      .map((rule) => rule.cssText);
    expect(printed).to.include('.review .summary-list__row { content-visibility: visible; }');
  });

  it('keeps every answer while it is sent, each "Thay đổi" then unavailable', async () => {
    const element = await atReview(6, 10, delayedSubmit({ dossierCode: 'HS-20250901-0001' }, 300));
    await nextFrame();
    button(element, 'Gửi hồ sơ').click();
    await element.updateComplete;
    expect(element.session!.snapshot.status).to.equal('submitting');
    expect(rows(element)).to.have.length(60);
    const changes = [
      ...shadow(element).querySelectorAll<HTMLButtonElement>('.summary-list__actions button'),
    ];
    expect(changes).to.have.length(60);
    expect(changes.every((change) => change.disabled)).to.equal(true);
    await submitted(element);
    expect(element.session!.snapshot.status).to.equal('submitted');
  });

  it('draws a review of 40 answers or fewer whole, in one frame', async () => {
    const element = await atReview(4, 10);
    expect(rows(element)).to.have.length(40);
    expect(sections(element)).to.deep.equal(['Phần 1', 'Phần 2', 'Phần 3', 'Phần 4']);
  });

  it('draws the birth registration review whole, in one frame', async () => {
    const element = await mount();
    await walkTo(element, 'review');
    const count = rows(element).length;
    expect(count).to.be.greaterThan(10);
    await nextFrame();
    await element.updateComplete;
    expect(rows(element)).to.have.length(count);
  });
});
