import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createManualClock } from '@motcua/core';
import type { MotcuaProcedure } from '@motcua/elements';
import {
  TODAY,
  axeViolations,
  controlId,
  currentStep,
  find,
  focused,
  heading,
  mount,
  shadow,
  text,
  typeInto,
} from './helpers.js';

// Kiosk mode's guard for a shared screen: after 120 s with no touch or key, "are you still
// there?"; 30 s more without an answer, every answer is wiped. Time comes from a manual clock.

const MINUTE = 60_000;

async function kiosk() {
  const clock = createManualClock(TODAY);
  const element = await mount({ mode: 'kiosk', clock });
  const resets: string[] = [];
  element.addEventListener('motcua-reset', (event) => resets.push(event.detail.reason));
  return { clock, element, resets };
}

function question(element: MotcuaProcedure): HTMLDialogElement | null {
  return shadow(element).querySelector<HTMLDialogElement>('dialog.idle');
}

async function typeName(element: MotcuaProcedure): Promise<void> {
  typeInto(find<HTMLInputElement>(element, `#${controlId('requesterName')}`), 'Trần Thị Mai');
  await element.updateComplete;
}

describe('kiosk mode: a form left unused', () => {
  it('asks "are you still there?" after 2 minutes, as a modal with focus on its button', async () => {
    const { clock, element } = await kiosk();
    await typeName(element);
    clock.advance(2 * MINUTE - 1000);
    await element.updateComplete;
    expect(question(element), 'not before 2 minutes').to.equal(null);
    clock.advance(1000);
    await element.updateComplete;
    const dialog = question(element);
    expect(dialog?.open).to.equal(true);
    expect(text(dialog?.querySelector('h2'))).to.equal('Bạn vẫn đang làm hồ sơ chứ?');
    expect(text(dialog?.querySelector('[role=timer]'))).to.equal('Còn 30 giây');
    expect(focused(element)).to.equal('button "Tôi vẫn đang làm"');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('keeps everything when the citizen answers, and counts again from then', async () => {
    const { clock, element, resets } = await kiosk();
    await typeName(element);
    clock.advance(2 * MINUTE);
    await element.updateComplete;
    question(element)?.querySelector('button')?.click();
    await element.updateComplete;
    expect(question(element)).to.equal(null);
    expect(element.session?.snapshot.answers.requesterName).to.equal('Trần Thị Mai');
    clock.advance(2 * MINUTE - 1000);
    await element.updateComplete;
    expect(question(element), 'the count started again').to.equal(null);
    expect(resets).to.deep.equal([]);
  });

  it('treats Escape as "still here", never as "wipe"', async () => {
    const { clock, element } = await kiosk();
    await typeName(element);
    clock.advance(2 * MINUTE);
    await element.updateComplete;
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(question(element)).to.equal(null);
    expect(element.session?.snapshot.answers.requesterName).to.equal('Trần Thị Mai');
  });

  it('any touch or key before the question starts the count again', async () => {
    const { clock, element } = await kiosk();
    await typeName(element);
    clock.advance(2 * MINUTE - 1000);
    await sendKeys({ press: 'Shift' });
    clock.advance(2 * MINUTE - 1000);
    await element.updateComplete;
    expect(question(element)).to.equal(null);
    clock.advance(1000);
    await element.updateComplete;
    expect(question(element)?.open).to.equal(true);
  });

  it('wipes every answer 30 seconds after an unanswered question, and says so', async () => {
    const { clock, element, resets } = await kiosk();
    await typeName(element);
    clock.advance(2 * MINUTE + 30_000);
    await element.updateComplete;
    await element.updateComplete;
    expect(question(element)).to.equal(null);
    expect(element.session?.snapshot.answers).to.deep.equal({});
    expect(currentStep(element)).to.equal('requester');
    expect(resets).to.deep.equal(['idle']);
    expect(text(shadow(element).querySelector('.page > .visually-hidden[role=status]'))).to.equal(
      'Thông tin đã nhập đã được xoá vì lâu không có ai dùng máy.',
    );
    expect(focused(element)).to.equal(`h1 "${text(heading(element))}"`);
    const input = find<HTMLInputElement>(element, `#${controlId('requesterName')}`);
    expect(input.value).to.equal('');
  });

  it('starts an untouched form again without asking, so a kiosk host can go home', async () => {
    const { clock, element, resets } = await kiosk();
    clock.advance(2 * MINUTE);
    await element.updateComplete;
    expect(question(element)).to.equal(null);
    expect(resets).to.deep.equal(['idle']);
    clock.advance(10 * MINUTE);
    expect(resets, 'once, not every 2 minutes').to.deep.equal(['idle']);
  });

  it('asks in English on an English form', async () => {
    const clock = createManualClock(TODAY);
    const element = await mount({ mode: 'kiosk', clock, lang: 'en' });
    await typeName(element);
    clock.advance(2 * MINUTE);
    await element.updateComplete;
    expect(text(question(element)?.querySelector('h2'))).to.equal('Are you still there?');
    expect(text(question(element)?.querySelector('button'))).to.equal('I’m still here');
  });

  it('follows idle-timeout and idle-warning, and 0 turns it off', async () => {
    const { clock, element } = await kiosk();
    element.setAttribute('idle-timeout', '30');
    element.setAttribute('idle-warning', '10');
    await typeName(element);
    clock.advance(30_000);
    await element.updateComplete;
    expect(text(question(element)?.querySelector('[role=timer]'))).to.equal('Còn 10 giây');
    question(element)?.querySelector('button')?.click();
    element.setAttribute('idle-timeout', '0');
    await typeName(element);
    clock.advance(60 * MINUTE);
    await element.updateComplete;
    expect(question(element)).to.equal(null);
    expect(element.session?.snapshot.answers.requesterName).to.equal('Trần Thị Mai');
  });

  it('does nothing in portal mode: a citizen at home may take their time', async () => {
    const clock = createManualClock(TODAY);
    const element = await mount({ mode: 'portal', clock });
    await typeName(element);
    clock.advance(60 * MINUTE);
    await element.updateComplete;
    expect(question(element)).to.equal(null);
    expect(element.session?.snapshot.answers.requesterName).to.equal('Trần Thị Mai');
  });
});
