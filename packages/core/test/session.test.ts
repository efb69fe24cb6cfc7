import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createActor } from 'xstate';
import { type Session, createManualClock, createSession } from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';
import { everyField } from './fixtures.js';

const clock = createManualClock('2025-09-01T08:00:00+07:00');
const procedure = loadProcedure(everyField(), { clock });

function start(answers?: Record<string, unknown>): Session {
  return createSession(procedure, { clock, answers });
}

/** Fills the first three steps of the fixture validly, ending on review (kind a). */
function toReview(session: Session, kind: 'a' | 'b' = 'a'): void {
  session.set('name', 'Lê Thị Hoa');
  session.next();
  session.set('dob', { day: '17', month: '5', year: '1990' });
  session.next();
  session.set('kind', kind);
  if (kind === 'b') session.set('proofNumber', '123456');
  session.set('agree', true);
  session.next();
  if (kind === 'b') {
    session.set('scan', { name: 'a.pdf', type: 'application/pdf', size: 100 });
    session.set('members', [{ memberName: 'An' }]);
    session.next();
  }
}

const stepId = (session: Session) => session.snapshot.step?.id ?? null;

describe('session navigation', () => {
  it('starts on the first step with progress counted over the steps this citizen is asked', () => {
    const session = start();
    assert.deepEqual(
      {
        status: session.snapshot.status,
        step: stepId(session),
        index: session.snapshot.stepIndex,
        count: session.snapshot.stepCount,
        back: session.snapshot.canGoBack,
      },
      { status: 'filling', step: 'basics', index: 0, count: 3, back: false },
    );
    session.set('kind', 'b');
    assert.equal(session.snapshot.stepCount, 4);
  });

  it('Continue validates only the current step and stays with errors', () => {
    const session = start();
    const after = session.next();
    assert.equal(stepId(session), 'basics');
    assert.deepEqual(
      after.errors.map((error) => error.field),
      ['name'],
    );
  });

  it('re-checks a shown error as the citizen corrects it, and leaves other errors alone', () => {
    const session = start({ email: 'bad' });
    session.next();
    assert.deepEqual(
      session.snapshot.errors.map((error) => error.field),
      ['name', 'email'],
    );
    session.set('name', 'Nguyễn Thị Minh Khai');
    assert.deepEqual(
      session.snapshot.errors.map((error) => [error.field, error.code]),
      [
        ['email', 'email'],
        ['name', 'maxLength'],
      ],
    );
    session.set('name', 'Hoa');
    assert.deepEqual(
      session.snapshot.errors.map((error) => error.field),
      ['email'],
    );
    session.set('about', 'no error shown here, so nothing is checked');
    assert.deepEqual(
      session.snapshot.errors.map((error) => error.field),
      ['email'],
    );
  });

  it('does not validate while typing when no error shows', () => {
    const session = start();
    session.set('name', 'Nguyễn Thị Minh Khai, far too long');
    assert.deepEqual(session.snapshot.errors, []);
  });

  it('shows no error on a group row just added: only errors already shown are re-checked', () => {
    const session = start();
    toReview(session, 'b');
    session.edit('extra');
    session.set('members', []);
    session.next();
    const fields = () => session.snapshot.errors.map((error) => error.field);
    assert.deepEqual(fields(), ['members']);
    session.set('members', [{}]);
    assert.deepEqual(fields(), [], 'the new, empty row shows nothing until Continue');
    session.next();
    assert.deepEqual(fields(), ['members.0.memberName']);
    session.set('members', [{}, {}]);
    assert.deepEqual(fields(), ['members.0.memberName'], 'the next new row shows nothing either');
    session.set('members', [{ memberName: 'An' }, {}]);
    assert.deepEqual(fields(), []);
  });

  it('skips a step whose condition does not hold and goes to review after the last one', () => {
    const session = start();
    toReview(session, 'a');
    assert.equal(session.snapshot.status, 'review');
    assert.equal(session.snapshot.step, null);
  });

  it('asks a conditional step when its condition holds', () => {
    const session = start();
    session.set('name', 'Hoa');
    session.next();
    session.set('dob', '1990-05-17');
    session.next();
    session.set('kind', 'b');
    session.set('proofNumber', '123456');
    session.set('agree', true);
    session.next();
    assert.equal(stepId(session), 'extra');
    assert.equal(session.snapshot.stepIndex, 3);
  });

  it('Back returns to the previous step the citizen saw, keeping every answer', () => {
    const session = start();
    toReview(session, 'b');
    assert.equal(session.snapshot.status, 'review');
    session.back();
    assert.equal(stepId(session), 'extra');
    session.back();
    assert.equal(stepId(session), 'choices');
    session.set('kind', 'a');
    session.back();
    session.back();
    assert.equal(stepId(session), 'basics');
    assert.equal(session.snapshot.canGoBack, false);
    assert.equal(session.back().step?.id, 'basics');
    assert.equal(session.snapshot.answers.proofNumber, '123456');
    assert.deepEqual(JSON.parse(JSON.stringify(session.snapshot.answers.members)), [
      { memberName: 'An' },
    ]);
  });

  it('Back skips a seen step that no longer applies', () => {
    const session = start();
    toReview(session, 'b');
    session.back();
    session.back();
    session.set('kind', 'a');
    session.next();
    assert.equal(session.snapshot.status, 'review');
    session.back();
    assert.equal(stepId(session), 'choices');
  });

  it('edit from review returns to review after Continue', () => {
    const session = start();
    toReview(session);
    session.edit('basics');
    assert.equal(stepId(session), 'basics');
    assert.equal(session.snapshot.returnToReview, true);
    session.set('name', 'Hoa');
    session.next();
    assert.equal(session.snapshot.status, 'review');
    assert.equal(session.snapshot.answers.name, 'Hoa');
  });

  it('edit from review stays on the step until it is valid', () => {
    const session = start();
    toReview(session);
    session.edit('basics');
    session.set('name', '');
    session.next();
    assert.equal(stepId(session), 'basics');
    assert.deepEqual(
      session.snapshot.errors.map((error) => error.code),
      ['required'],
    );
  });

  it('edit from review asks a newly required step before returning to review', () => {
    const session = start();
    toReview(session, 'a');
    session.edit('choices');
    session.set('kind', 'b');
    session.set('proofNumber', '654321');
    session.next();
    assert.equal(stepId(session), 'extra');
    session.set('scan', { name: 'a.pdf', type: 'application/pdf', size: 100 });
    session.set('members', [{ memberName: 'An' }]);
    session.next();
    assert.equal(session.snapshot.status, 'review');
  });

  it('Back from a step asked because of a change goes to the changed step, not past it', () => {
    const session = start();
    toReview(session, 'a');
    session.edit('choices');
    session.set('kind', 'b');
    session.set('proofNumber', '654321');
    session.next();
    assert.equal(stepId(session), 'extra');
    session.back();
    assert.equal(stepId(session), 'choices');
    assert.equal(session.snapshot.returnToReview, true);
    session.back();
    assert.equal(session.snapshot.status, 'review');
  });

  it('Back from a step being changed returns to review', () => {
    const session = start();
    toReview(session);
    session.edit('dates');
    session.back();
    assert.equal(session.snapshot.status, 'review');
  });

  it('ignores an edit of a step that does not apply', () => {
    const session = start();
    toReview(session, 'a');
    session.edit('extra');
    assert.equal(session.snapshot.status, 'review');
  });

  it('shows a rule checked on a later step, and returns there after the earlier answer is changed', () => {
    const session = start();
    session.set('name', 'Hoa');
    session.next();
    session.set('dob', '1990-05-17');
    session.next();
    session.set('kind', 'a');
    session.set('agree', true);
    session.set('channels', ['online']);
    session.next();
    // The rule reads "channels" (this step) and names "email" (first step).
    assert.equal(stepId(session), 'choices');
    assert.deepEqual(
      session.snapshot.errors.map((error) => [error.field, error.code]),
      [['email', 'rule']],
    );
    session.edit('basics');
    assert.equal(stepId(session), 'basics');
    assert.equal(session.snapshot.returnToStep, 'choices');
    session.set('email', 'hoa@example.com');
    session.next();
    assert.equal(stepId(session), 'choices');
    session.next();
    assert.equal(session.snapshot.status, 'review');
  });

  it('switching language keeps the answers and translates the errors on screen', () => {
    const session = start({ about: 'ghi chú' });
    session.next();
    assert.equal(session.snapshot.errors[0]?.message, 'Nhập họ và tên');
    session.setLocale('en');
    assert.equal(session.snapshot.errors[0]?.message, 'Enter full name');
    assert.equal(session.snapshot.answers.about, 'ghi chú');
    assert.equal(session.snapshot.locale, 'en');
  });

  it('notifies subscribers on every change until they unsubscribe', () => {
    const session = start();
    const seen: string[] = [];
    const stop = session.subscribe((snapshot) => seen.push(String(snapshot.answers.name ?? '')));
    session.set('name', 'A');
    session.set('name', 'An');
    stop();
    session.set('name', 'Anh');
    assert.deepEqual(seen, ['A', 'An']);
  });
});

describe('session submission', () => {
  it('sends the pruned, validated answers once and keeps the receipt', async () => {
    const session = start({ proofNumber: 'left over from kind b' });
    toReview(session, 'a');
    const sent: unknown[] = [];
    const done = await session.submit(async (answers) => {
      sent.push({ ...answers });
      return { dossierCode: 'HS-2025-000123' };
    });
    assert.equal(done.status, 'submitted');
    assert.deepEqual(done.receipt, { dossierCode: 'HS-2025-000123' });
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0], { name: 'Lê Thị Hoa', dob: '1990-05-17', kind: 'a', agree: true });
  });

  it('sends once when submit is pressed twice', async () => {
    const session = start();
    toReview(session);
    let calls = 0;
    let release: (value: unknown) => void = () => {};
    const send = () => {
      calls++;
      return new Promise((resolve) => (release = resolve));
    };
    const first = session.submit(send);
    assert.equal(session.snapshot.status, 'submitting');
    const second = session.submit(send);
    release({ dossierCode: 'X' });
    await Promise.all([first, second]);
    assert.equal(calls, 1);
    assert.equal(session.snapshot.status, 'submitted');
  });

  it('stays on review with an error and every answer kept when sending fails, and can retry', async () => {
    const session = start();
    toReview(session);
    const failed = await session.submit(async () => {
      throw new Error('HTTP 503');
    });
    assert.equal(failed.status, 'failed');
    assert.equal(failed.submitError?.cause, 'HTTP 503');
    assert.match(
      failed.submitError?.message ?? '',
      /^Chưa gửi được hồ sơ\. Thông tin bạn đã nhập vẫn được giữ nguyên/,
    );
    assert.equal(failed.answers.name, 'Lê Thị Hoa');
    assert.equal(failed.canGoBack, true);
    session.setLocale('en');
    assert.match(
      session.snapshot.submitError?.message ?? '',
      /^Your application has not been sent/,
    );
    const retried = await session.submit(async () => ({ dossierCode: 'Y' }));
    assert.equal(retried.status, 'submitted');
    assert.equal(retried.submitError, null);
  });

  it('sends the citizen to the first invalid step instead of submitting an invalid dossier', async () => {
    // A date of birth of "today" is valid; if the clock is then put back a day (a kiosk whose
    // time is corrected), the same answer is in the future and must not be submitted.
    const ownClock = createManualClock('2025-09-01T08:00:00+07:00');
    const session = createSession(procedure, { clock: ownClock });
    session.set('name', 'Hoa');
    session.next();
    session.set('dob', '2025-09-01');
    session.next();
    session.set('kind', 'a');
    session.set('agree', true);
    session.next();
    assert.equal(session.snapshot.status, 'review');
    ownClock.set('2025-08-31T08:00:00+07:00');
    let called = false;
    const after = await session.submit(async () => {
      called = true;
    });
    assert.equal(called, false);
    assert.equal(after.status, 'filling');
    assert.equal(after.step?.id, 'dates');
    assert.deepEqual(
      after.errors.map((error) => error.code),
      ['dateMax'],
    );
    assert.equal(after.returnToReview, true);
  });

  it('fails with a clear error when there is no function to send with', async () => {
    const session = start();
    toReview(session);
    const after = await session.submit();
    assert.equal(after.status, 'failed');
    assert.match(after.submitError?.cause ?? '', /no function to send the dossier with/);
  });

  it('reset forgets every answer and starts again', async () => {
    const session = start();
    toReview(session);
    await session.submit(async () => ({ dossierCode: 'Z' }));
    session.reset();
    assert.equal(session.snapshot.status, 'filling');
    assert.equal(stepId(session), 'basics');
    assert.deepEqual({ ...session.snapshot.answers }, {});
    assert.equal(session.snapshot.receipt, undefined);
  });
});

describe('procedure.machine', () => {
  it('is an XState machine that can be run directly', () => {
    const actor = createActor(procedure.machine, { input: { locale: 'en' } });
    actor.start();
    actor.send({ type: 'SET', field: 'name', value: 'Hoa' });
    actor.send({ type: 'NEXT' });
    assert.equal(actor.getSnapshot().context.stepId, 'dates');
    assert.equal(actor.getSnapshot().value, 'filling');
    actor.stop();
  });
});
