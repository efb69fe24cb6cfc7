import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MotcuaError,
  type Session,
  type SessionSnapshot,
  createManualClock,
  createSession,
  startSession,
} from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';
import { everyField } from './fixtures.js';

// startSession draws the first page before XState has loaded (what a page's runtime does) and
// hands every call made meanwhile to the actor once it runs. Its snapshots must be the ones
// createSession gives for the same calls: the page cannot tell which it has.

const clock = createManualClock('2025-09-01T08:00:00+07:00');
const procedure = loadProcedure(everyField(), { clock });

let copies = 0;
/**
 * startSession as a page has it before its first session: a module of its own, whose XState
 * has not loaded yet (a page loads it once; later sessions then start ready).
 */
async function fresh(): Promise<typeof startSession> {
  const module = (await import(`../src/start.ts?copy=${++copies}`)) as {
    startSession: typeof startSession;
  };
  return module.startSession;
}

/** A promise settled from outside: XState's load waits on it as it waits on a first page. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** The same calls on a session of createSession, for comparison. */
function reference(calls: (session: Session) => void, locale = 'vi'): SessionSnapshot {
  const session = createSession(procedure, { clock, locale });
  calls(session);
  return session.snapshot;
}

describe('startSession before XState has loaded', () => {
  it('draws the same first page as createSession, takes answers at once, and has no actor yet', async () => {
    const startSession = await fresh();
    const { opened, open } = gate();
    const session = startSession(procedure, { clock, after: opened });
    assert.deepEqual(
      session.snapshot,
      reference(() => {}),
    );
    assert.equal(session.snapshot.status, 'filling');
    assert.equal(session.snapshot.canGoBack, false);
    assert.throws(() => session.actor, MotcuaError);

    const heard: SessionSnapshot[] = [];
    session.subscribe((snapshot) => heard.push(snapshot));
    const after = session.set('name', 'Lê Thị Hoa');
    assert.equal(after.answers.name, 'Lê Thị Hoa');
    assert.equal(session.snapshot, after);
    assert.deepEqual(heard, [after]);
    assert.deepEqual(
      after,
      reference((s) => s.set('name', 'Lê Thị Hoa')),
    );
    // Names the procedure does not have are refused as createSession refuses them.
    assert.throws(() => session.set('nope', 1), MotcuaError);
    assert.throws(() => session.set('__proto__', 1), MotcuaError);
    assert.throws(() => session.edit('nope'), MotcuaError);
    open();
    await session.ready;
  });

  it('keeps Continue, and every call after it, for the actor, which runs them in order', async () => {
    const startSession = await fresh();
    const { opened, open } = gate();
    const session = startSession(procedure, { clock, after: opened });
    const heard: SessionSnapshot[] = [];
    session.subscribe((snapshot) => heard.push(snapshot));
    session.set('name', 'Lê Thị Hoa');
    const first = session.snapshot;
    // Continue needs the machine: nothing moves until it runs, nor does a later answer show.
    assert.equal(session.next(), first);
    assert.equal(session.set('dob', { day: '17', month: '5', year: '1990' }), first);
    assert.equal(session.snapshot.step?.id, first.step?.id);
    assert.equal(heard.length, 1);

    open();
    await session.ready;
    const expected = reference((s) => {
      s.set('name', 'Lê Thị Hoa');
      s.next();
      s.set('dob', { day: '17', month: '5', year: '1990' });
    });
    assert.notEqual(expected.step?.id, first.step?.id);
    assert.deepEqual(session.snapshot, expected);
    assert.deepEqual(heard.at(-1), expected);
    // From now on it is createSession's: the actor runs, and answers synchronously.
    assert.equal(session.actor.getSnapshot().context.stepId, expected.step?.id);
    assert.equal(
      session.next().step?.id,
      reference((s) => {
        s.set('name', 'Lê Thị Hoa');
        s.next();
        s.set('dob', { day: '17', month: '5', year: '1990' });
        s.next();
      }).step?.id,
    );
    assert.equal(heard.at(-1), session.snapshot);
  });

  it('changes language at once, errors included', async () => {
    const startSession = await fresh();
    const { opened, open } = gate();
    const session = startSession(procedure, { clock, after: opened, locale: 'vi' });
    const english = session.setLocale('en');
    assert.equal(english.locale, 'en');
    assert.deepEqual(
      english,
      reference((s) => s.setLocale('en')),
    );
    open();
    await session.ready;
    assert.equal(session.snapshot.locale, 'en');
  });

  it('starts no actor once stopped, and its listeners hear nothing more', async () => {
    const startSession = await fresh();
    const { opened, open } = gate();
    const session = startSession(procedure, { clock, after: opened });
    let heard = 0;
    session.subscribe(() => heard++);
    session.stop();
    open();
    await session.ready;
    assert.throws(() => session.actor, MotcuaError);
    assert.equal(heard, 0);
  });

  it('sends a dossier given before the actor runs, once it does', async () => {
    const startSession = await fresh();
    const { opened, open } = gate();
    const session = startSession(procedure, { clock, after: opened });
    const sent: unknown[] = [];
    const submitted = session.submit(async (answers) => {
      sent.push(answers);
      return { code: 'HS-1' };
    });
    open();
    // Not on review: nothing is sent, the snapshot says where the citizen is.
    assert.equal((await submitted).status, 'filling');
    assert.deepEqual(sent, []);
  });
});

describe('startSession once XState has loaded', () => {
  it('starts ready: the actor runs at once, and the machine is the procedure’s', async () => {
    await startSession(procedure, { clock }).ready;
    const session = startSession(procedure, { clock });
    assert.equal(session.actor.getSnapshot().status, 'active');
    assert.equal(session.next().errors.length > 0, true);
    assert.ok(procedure.machine);
  });
});
