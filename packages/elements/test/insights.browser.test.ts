import { expect } from '@open-wc/testing';
import type { InsightsSummary, MotcuaProcedure } from '@motcua/elements';
// Not re-exported by the runtime (it must not grow it): pages load its own file.
import { watchInsights } from '../src/insights.js';
import {
  BIRTH_REGISTRATION,
  BIRTH_REGISTRATION_NO_FATHER,
  BIRTH_STEPS,
  answer,
  button,
  clickContinue,
  completePage,
  currentStep,
  delayedSubmit,
  fillPage,
  mount,
  submitted,
  walkTo,
} from './helpers.js';

// Issue 13: at each periodic review the agency sees where citizens get stuck. One summary per
// citizen session, sent when it ends, with step ids, field ids, codes, counts and times only.

const ENDPOINT = '/api/insights';

/** Watches `element`, keeping what would be POSTed: the endpoint and the parsed body. */
function watch(element: MotcuaProcedure) {
  const bodies: string[] = [];
  const urls: string[] = [];
  const stop = watchInsights(element, {
    endpoint: ENDPOINT,
    send: (url, body) => {
      urls.push(url);
      bodies.push(body);
    },
  });
  return {
    bodies,
    urls,
    stop,
    summaries: () => bodies.map((body) => JSON.parse(body) as InsightsSummary),
  };
}

/** Lets the watcher read the snapshots it was given (a microtask late, by design). */
const settled = () => new Promise((resolve) => setTimeout(resolve));

function expectTimes(summary: InsightsSummary): void {
  for (const { step, ms } of summary.steps) {
    expect(Number.isInteger(ms) && ms >= 0, `ms on ${step}: ${ms}`).to.equal(true);
  }
}

describe('watchInsights: where citizens get stuck (issue 13)', () => {
  it('sends one summary when a kiosk citizen who was refused once starts again', async () => {
    const element = await mount({ mode: 'kiosk', speech: null });
    const insights = watch(element);
    await clickContinue(element);
    expect(element.session!.snapshot.errors.map((error) => error.field)).to.deep.equal([
      'requesterName',
    ]);
    await answer(element, 'requesterName', 'Trần Thị Mai');
    await clickContinue(element);
    await completePage(element);
    expect(currentStep(element)).to.equal('child');
    await settled();
    expect(insights.bodies, 'nothing before the session ends').to.deep.equal([]);

    element.reset();
    await settled();
    expect(insights.urls).to.deep.equal([ENDPOINT]);
    const [summary] = insights.summaries();
    expect({ ...summary, steps: summary!.steps.map((entry) => entry.step) }).to.deep.equal({
      procedure: 'birth-registration',
      version: element.session!.procedure.version,
      channel: 'kiosk',
      outcome: 'left',
      last: 'child',
      steps: ['requester', 'child'],
      errors: [{ step: 'requester', field: 'requesterName', code: 'required', count: 1 }],
      warnings: [],
      help: [],
    });
    expectTimes(summary!);

    // The next citizen is a new session: answered once and left, with nothing of the first.
    await answer(element, 'requesterName', 'Lê Văn Hùng');
    element.reset();
    await settled();
    const next = insights.summaries()[1]!;
    expect([next.last, next.steps.map((entry) => entry.step), next.errors]).to.deep.equal([
      'requester',
      ['requester'],
      [],
    ]);
    expect(insights.bodies).to.have.length(2);
    insights.stop();
  });

  it('counts each showing of an error, and a warning confirmed by continuing past it', async () => {
    const element = await mount();
    const insights = watch(element);
    await completePage(element);
    await clickContinue(element);
    await clickContinue(element);
    expect(element.session!.snapshot.errors.map((error) => error.field)).to.include('childName');
    const { childName: _name, ...rest } = BIRTH_REGISTRATION.child!;
    await fillPage(element, rest);
    await answer(element, 'childName', 'nguyeenx minh khang');
    await clickContinue(element);
    expect(element.session!.snapshot.warnings.map((warning) => warning.code)).to.deep.equal([
      'vn-person-name.typed',
    ]);
    await clickContinue(element);
    expect(currentStep(element), 'the warning was confirmed').to.equal('childOrigin');

    element.reset();
    await settled();
    const [summary] = insights.summaries();
    expect(summary!.channel).to.equal('online');
    expect(summary!.last).to.equal('childOrigin');
    expect(summary!.errors).to.deep.include({
      step: 'child',
      field: 'childName',
      code: 'required',
      count: 2,
    });
    expect(summary!.warnings).to.deep.equal([
      { step: 'child', field: 'childName', code: 'vn-person-name.typed', count: 1 },
    ]);
    // No answer goes out: not the name typed, nor the requester's name or ID number.
    for (const value of ['nguyeenx', 'khang', 'Trần Thị Mai', '001190012345', 'Bệnh viện']) {
      expect(insights.bodies[0], value).to.not.contain(value);
    }
    insights.stop();
  });

  it('counts "Cần trợ giúp" by step', async () => {
    const element = await mount({ mode: 'kiosk', speech: null });
    const insights = watch(element);
    button(element, 'Cần trợ giúp').click();
    await answer(element, 'requesterName', 'Trần Thị Mai');
    button(element, 'Cần trợ giúp').click();
    await completePage(element);
    button(element, 'Cần trợ giúp').click();
    element.reset();
    await settled();
    expect(insights.summaries()[0]!.help).to.deep.equal([
      { step: 'requester', count: 2 },
      { step: 'child', count: 1 },
    ]);
    insights.stop();
  });

  it('sends "submitted" once the dossier is accepted, ending on review, and nothing after', async () => {
    const send = delayedSubmit({ dossierCode: 'HS-2025-000777' });
    const element = await mount({ submit: send });
    const insights = watch(element);
    await walkTo(element, 'review');
    button(element, 'Gửi hồ sơ').click();
    await submitted(element);
    await settled();
    expect(send.calls).to.have.length(1);
    const [summary] = insights.summaries();
    expect(summary!.outcome).to.equal('submitted');
    expect(summary!.last).to.equal('review');
    expect(summary!.steps.map((entry) => entry.step)).to.deep.equal([...BIRTH_STEPS, 'review']);
    expect(summary!.errors).to.deep.equal([]);
    expectTimes(summary!);
    expect(insights.bodies[0]).to.not.contain('HS-2025-000777');

    button(element, 'Làm hồ sơ mới').click();
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    insights.stop();
    await settled();
    expect(insights.bodies, 'one summary per session').to.have.length(1);
  });

  it('sends nothing for a session in which nothing was answered', async () => {
    const element = await mount();
    const insights = watch(element);
    await clickContinue(element);
    expect(element.session!.snapshot.errors.length).to.be.greaterThan(0);
    element.reset();
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    insights.stop();
    await settled();
    expect(insights.bodies).to.deep.equal([]);
  });

  it('leaves out a step the answers skip, and sends once when the page is left', async () => {
    const element = await mount();
    const insights = watch(element);
    await walkTo(element, 'copies', BIRTH_REGISTRATION_NO_FATHER);
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    element.reset();
    await settled();
    expect(insights.bodies).to.have.length(1);
    const [summary] = insights.summaries();
    expect(summary!.steps.map((entry) => entry.step)).to.deep.equal([
      'requester',
      'child',
      'childOrigin',
      'mother',
      'fatherStatus',
      'copies',
    ]);
    expect([summary!.outcome, summary!.last]).to.deep.equal(['left', 'copies']);
    insights.stop();
  });

  it('never lets a failing send reach the page', async () => {
    const element = await mount();
    const stop = watchInsights(element, {
      endpoint: ENDPOINT,
      send: () => {
        throw new Error('offline');
      },
    });
    await answer(element, 'requesterName', 'Trần Thị Mai');
    expect(() => element.reset()).to.not.throw();
    stop();
  });
});
