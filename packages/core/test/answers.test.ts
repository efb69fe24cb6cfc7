import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnswersError, createManualClock, createSession, toAnswers } from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';
import { everyField } from './fixtures.js';

const procedure = loadProcedure(everyField(), {
  clock: createManualClock('2025-09-01T08:00:00+07:00'),
});

describe('answers and prototype pollution', () => {
  it('keeps answers in null-prototype objects, rows included', () => {
    const answers = toAnswers({ name: 'An', members: [{ memberName: 'Bình' }] });
    assert.equal(Object.getPrototypeOf(answers), null);
    assert.equal(Object.getPrototypeOf((answers.members as object[])[0]), null);
  });

  for (const key of ['__proto__', 'constructor', 'prototype']) {
    it(`rejects "${key}" as an answer key, at the top and inside rows`, () => {
      const top = JSON.parse(`{"name": "An", "${key}": {"polluted": true}}`);
      assert.throws(
        () => toAnswers(top),
        (error: unknown) => {
          assert.ok(error instanceof AnswersError);
          assert.equal(error.name, 'AnswersError');
          assert.match(error.message, new RegExp(`"${key}" is not allowed`));
          return true;
        },
      );
      const nested = JSON.parse(`{"members": [{"${key}": {"polluted": true}}]}`);
      assert.throws(() => procedure.validate(nested), AnswersError);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }

  it('refuses a session.set on a forbidden or unknown key, and the machine ignores one sent directly', () => {
    const session = createSession(procedure);
    assert.throws(() => session.set('__proto__', 'x'), AnswersError);
    assert.throws(() => session.set('nmae', 'x'), /unknown field "nmae"/);
    session.actor.send({ type: 'SET', field: '__proto__', value: 'x' });
    assert.equal(Object.getPrototypeOf(session.snapshot.answers), null);
    assert.equal(Object.hasOwn(session.snapshot.answers, '__proto__'), false);
    session.stop();
  });

  it('rejects values that are not plain data', () => {
    assert.throws(
      () => toAnswers({ name: () => 'x' }),
      /is a function; answers must be plain data/,
    );
    assert.throws(() => toAnswers({ when: new Date() }), /not plain data/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.throws(() => toAnswers(cyclic), /refers to itself/);
    assert.throws(() => toAnswers('name=An'), /must be a plain object/);
  });
});
