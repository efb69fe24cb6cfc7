import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Session, createManualClock, createSession } from '@motcua/core';
import { DefinitionError, loadProcedure } from '@motcua/core/compiler';

const clock = createManualClock('2025-09-01T08:00:00+07:00');

const text = (vi: string) => ({ vi, en: vi });

/** Two steps of four and two questions, a rule checked on the first, and a prefill. */
const definition = {
  id: 'pages',
  version: '1.0.0',
  title: text('Trang'),
  steps: [
    {
      id: 'who',
      title: text('Người đăng ký'),
      fields: [
        { id: 'name', type: 'text', label: text('Họ và tên'), required: true },
        {
          id: 'relation',
          type: 'radio',
          label: text('Quan hệ'),
          required: true,
          together: 'relation',
          options: [
            { value: 'mother', label: text('Mẹ') },
            { value: 'other', label: text('Khác') },
          ],
        },
        {
          id: 'relationOther',
          type: 'text',
          label: text('Quan hệ khác'),
          required: true,
          together: 'relation',
          when: { field: 'relation', equals: 'other' },
        },
        { id: 'age', type: 'number', label: text('Tuổi'), required: true },
        { id: 'phone', type: 'text', label: text('Điện thoại') },
      ],
    },
    {
      id: 'mother',
      title: text('Người mẹ'),
      fields: [
        {
          id: 'motherName',
          type: 'text',
          label: text('Họ và tên mẹ'),
          required: true,
          prefill: { from: 'name', when: { field: 'relation', equals: 'mother' } },
        },
        { id: 'motherYear', type: 'number', label: text('Năm sinh của mẹ'), required: true },
      ],
    },
  ],
  rules: [
    {
      id: 'adult',
      assert: { field: 'age', gte: 18 },
      fields: ['name'],
      message: text('Người đăng ký phải đủ 18 tuổi.'),
    },
  ],
};

const procedure = loadProcedure(definition, { clock });
const onScreen = (session: Session) => ({
  step: session.snapshot.step?.id ?? session.snapshot.status,
  page: session.snapshot.page,
  fields: session.snapshot.fields.map((field) => field.id),
});

describe('one question per page', () => {
  const start = () => createSession(procedure, { clock, perPage: 'question' });

  it('asks each question on its own page, fields marked together on one', () => {
    assert.deepEqual(
      procedure.questions('who', { relation: 'other' }).map((page) => page.map((f) => f.id)),
      [['name'], ['relation', 'relationOther'], ['age'], ['phone']],
    );
    const session = start();
    assert.deepEqual(onScreen(session), { step: 'who', page: 0, fields: ['name'] });
    session.next();
    assert.deepEqual(
      session.snapshot.errors.map((error) => error.field),
      ['name'],
      'Continue checks the question on screen, not the ones after it',
    );
    session.set('name', 'Lê Thị Hoa');
    session.next();
    assert.deepEqual(onScreen(session), { step: 'who', page: 1, fields: ['relation'] });
    assert.equal(session.snapshot.errors.length, 0);
    session.set('relation', 'other');
    assert.deepEqual(onScreen(session).fields, ['relation', 'relationOther']);
    session.next();
    assert.deepEqual(
      session.snapshot.errors.map((error) => error.field),
      ['relationOther'],
    );
  });

  it('checks the step and its rules on the last page, and shows a rule where its field is', () => {
    const session = start();
    session.set('name', 'Lê Thị Hoa');
    session.next();
    session.set('relation', 'mother');
    session.next();
    session.set('age', 16);
    session.next();
    assert.deepEqual(onScreen(session), { step: 'who', page: 3, fields: ['phone'] });
    session.next();
    assert.deepEqual(
      session.snapshot.errors.map((error) => error.field),
      ['name'],
    );
    assert.equal(session.snapshot.errors[0]!.message, 'Người đăng ký phải đủ 18 tuổi.');
    assert.equal(session.snapshot.page, 0, 'the page of the field the rule names');
    session.edit('who', 'age');
    assert.deepEqual(onScreen(session), { step: 'who', page: 2, fields: ['age'] });
    assert.equal(session.snapshot.errors.length, 1, 'an error summary link keeps the errors');
    session.set('age', 30);
    session.next();
    session.next();
    assert.deepEqual(onScreen(session), { step: 'mother', page: 0, fields: ['motherName'] });
  });

  it('goes back page by page, into the last page of the step before', () => {
    const session = start();
    session.set('name', 'Lê Thị Hoa');
    session.set('relation', 'other');
    session.set('relationOther', 'Bà ngoại');
    session.set('age', 60);
    for (let i = 0; i < 4; i++) session.next();
    assert.deepEqual(onScreen(session).step, 'mother');
    session.back();
    assert.deepEqual(onScreen(session), { step: 'who', page: 3, fields: ['phone'] });
    session.back();
    session.back();
    assert.deepEqual(onScreen(session), {
      step: 'who',
      page: 1,
      fields: ['relation', 'relationOther'],
    });
    assert.equal(session.snapshot.canGoBack, true);
  });

  it('opens the page of the answer to change from review, and returns to review after it', () => {
    const session = start();
    session.set('name', 'Lê Thị Hoa');
    session.set('relation', 'mother');
    session.set('age', 30);
    session.set('motherYear', 1995);
    for (let i = 0; i < 6; i++) session.next();
    assert.equal(session.snapshot.status, 'review');
    session.edit('who', 'age');
    assert.deepEqual(onScreen(session), { step: 'who', page: 2, fields: ['age'] });
    session.set('age', 31);
    session.next();
    assert.equal(session.snapshot.status, 'review', 'not through the pages after it');
    session.edit('mother', 'motherYear');
    assert.deepEqual(onScreen(session), { step: 'mother', page: 1, fields: ['motherYear'] });
    session.back();
    assert.equal(session.snapshot.status, 'review');
  });

  it('keeps whole steps where a page is a step (the portal)', () => {
    const session = createSession(procedure, { clock });
    assert.deepEqual(onScreen(session), {
      step: 'who',
      page: 0,
      fields: ['name', 'relation', 'age', 'phone'],
    });
    session.next();
    assert.deepEqual(
      session.snapshot.errors.map((error) => error.field),
      ['name', 'relation', 'age'],
    );
  });
});

describe('prefill', () => {
  const toMother = (session: Session, relation: string) => {
    session.set('name', 'Lê Thị Hoa');
    session.set('relation', relation);
    if (relation === 'other') session.set('relationOther', 'Bà ngoại');
    session.set('age', 30);
    session.next();
    return session;
  };

  it('fills an answer given earlier when its condition holds, and says so', () => {
    const session = toMother(createSession(procedure, { clock }), 'mother');
    assert.equal(session.snapshot.step?.id, 'mother');
    assert.equal(session.snapshot.answers.motherName, 'Lê Thị Hoa');
    assert.deepEqual(session.snapshot.prefilled, ['motherName']);
    const other = toMother(createSession(procedure, { clock }), 'other');
    assert.equal(other.snapshot.answers.motherName, undefined);
    assert.deepEqual(other.snapshot.prefilled, []);
  });

  it('follows the source until the citizen changes it, and gives it back when it no longer holds', () => {
    const session = toMother(createSession(procedure, { clock }), 'mother');
    session.back();
    session.set('name', 'Lê Thị Hồng');
    session.next();
    assert.equal(session.snapshot.answers.motherName, 'Lê Thị Hồng');
    session.back();
    session.set('relation', 'other');
    session.set('relationOther', 'Bà ngoại');
    session.next();
    assert.equal(session.snapshot.answers.motherName, undefined, 'no longer her own name');
    assert.deepEqual(session.snapshot.prefilled, []);

    const changed = toMother(createSession(procedure, { clock }), 'mother');
    changed.set('motherName', 'Lê Thị Hoa Mai');
    assert.deepEqual(changed.snapshot.prefilled, []);
    changed.back();
    changed.set('name', 'Lê Thị Hồng');
    changed.next();
    assert.equal(changed.snapshot.answers.motherName, 'Lê Thị Hoa Mai', 'the citizen’s own answer');
  });

  it('is refused when it names no field asked before, in a row, or of another type', () => {
    const withPrefill = (prefill: unknown, type = 'text') => {
      const copy = structuredClone(definition) as typeof definition;
      (copy.steps[1]!.fields[0] as Record<string, unknown>).prefill = prefill;
      (copy.steps[1]!.fields[0] as Record<string, unknown>).type = type;
      return () => loadProcedure(copy);
    };
    assert.throws(withPrefill({ from: 'nmae' }), (error: unknown) => {
      assert.ok(error instanceof DefinitionError);
      assert.match(error.message, /steps\/1\/fields\/0\/prefill\/from.*"nmae" is unknown.*"name"/s);
      return true;
    });
    assert.throws(withPrefill({ from: 'motherYear' }), /not asked before "motherName"/);
    assert.throws(withPrefill({ from: 'age' }), /"age" is a number field and "motherName" a text/);
    assert.throws(
      withPrefill({ from: 'name', when: { field: 'relaton', equals: 'mother' } }),
      /prefill\/when/,
    );
  });
});

describe('together', () => {
  it('is refused across steps and on a group’s row fields', () => {
    const across = structuredClone(definition) as typeof definition;
    (across.steps[1]!.fields[1] as Record<string, unknown>).together = 'relation';
    assert.throws(
      () => loadProcedure(across),
      /steps\/1\/fields\/1\/together.*"relation" is used on the step "who" too/s,
    );
    const rows = structuredClone(definition) as typeof definition;
    (rows.steps[1]!.fields as unknown[]).push({
      id: 'children',
      type: 'group',
      label: text('Con'),
      fields: [{ id: 'childName', type: 'text', label: text('Tên'), together: 'x' }],
    });
    assert.throws(() => loadProcedure(rows), /fields\/0\/together.*remove "together"/s);
  });
});
