import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Condition,
  type ProcedureDefinition,
  type SchemaValidator,
  createManualClock,
  createProcedure,
  createSession,
} from '@motcua/core';

const text = (vi: string, en: string) => ({ vi, en });
/** A pack operator that counts how often a condition is evaluated. */
const counted = { field: 'name', counted: true } as unknown as Condition;

const definition: ProcedureDefinition = {
  id: 'memo',
  version: '1.0.0',
  title: text('Thủ tục thử', 'Test procedure'),
  steps: [
    {
      id: 'person',
      title: text('Người khai', 'Applicant'),
      fields: [
        {
          id: 'name',
          type: 'text',
          label: text('Họ tên', 'Name'),
          required: true,
          schema: { maxLength: 5 },
        },
        {
          id: 'nickname',
          type: 'text',
          label: text('Tên gọi khác', 'Other name'),
          requiredWhen: counted,
        },
        { id: 'born', type: 'date', label: text('Ngày sinh', 'Date of birth'), max: 'today' },
        {
          id: 'note',
          type: 'text',
          label: text('Ghi chú', 'Note'),
          when: { field: 'name', filled: true },
        },
        { id: 'copies', type: 'number', label: text('Số bản sao', 'Copies') },
      ],
    },
    {
      id: 'extra',
      title: text('Thêm', 'More'),
      when: counted,
      fields: [{ id: 'extraNote', type: 'text', label: text('Ghi thêm', 'More'), required: true }],
    },
  ],
  documents: [{ id: 'id-card', title: text('CCCD', 'ID card'), when: counted }],
  fees: [{ id: 'copy', label: text('Bản sao', 'Copy'), amount: 8000, per: { field: 'copies' } }],
};

/** A procedure whose name validator and `counted` operator count their calls. */
function counting() {
  const calls = { validator: 0, condition: 0 };
  const name: SchemaValidator = (value) => {
    calls.validator++;
    const valid = typeof value === 'string' && value.length <= 5;
    name.errors = valid ? null : [{ keyword: 'maxLength', params: { limit: 5 } }];
    return valid;
  };
  const clock = createManualClock('2025-09-01T09:00:00+07:00');
  const procedure = createProcedure(definition, {
    clock,
    validators: { name },
    packs: [
      {
        name: 'count',
        operators: {
          counted: {
            evaluate: (value) => {
              calls.condition++;
              return value === 'An';
            },
          },
        },
      },
    ],
  });
  return { procedure, clock, calls, session: createSession(procedure, { clock }) };
}

describe('procedure results memoised on the answers', () => {
  it('checks the answers once, however many fields ask whether they are required', () => {
    const { procedure, session, calls } = counting();
    const before = { ...calls };
    // The session's own snapshot is the first to ask.
    const answers = session.set('name', 'An').answers;
    const ask = () => {
      for (const field of procedure.step('person')!.fields) {
        procedure.isRequired(field.id, answers);
        procedure.isVisible(field.id, answers);
      }
      procedure.visibleFields('person', answers);
      procedure.questions('person', answers);
      procedure.validateStep('person', answers);
      procedure.checkStep('person', answers);
      procedure.applicableSteps(answers);
      procedure.documents(answers);
      procedure.fees(answers);
      procedure.papers(answers);
      procedure.validate(answers);
    };
    ask();
    const once = { validator: calls.validator - before.validator, condition: calls.condition };
    // One resolution: the name validated once, `counted` read by nickname, step and document.
    assert.equal(once.validator, 1);
    assert.equal(once.condition - before.condition, 3);
    for (let round = 0; round < 10; round++) ask();
    assert.equal(calls.validator - before.validator, 1);
    assert.equal(calls.condition, once.condition);
    assert.equal(procedure.isRequired('nickname', answers), true);
    assert.deepEqual(
      procedure.applicableSteps(answers).map((step) => step.id),
      ['person', 'extra'],
    );
  });

  it('checks new answers afresh: each SET makes a new answers object', () => {
    const { procedure, session, calls } = counting();
    const short = session.set('name', 'An').answers;
    const codes = (answers: unknown) =>
      procedure.validateStep('person', answers).map((error) => [error.field, error.code]);
    assert.deepEqual(codes(short), [['nickname', 'required']]);
    const validated = calls.validator;
    const long = session.set('name', 'Nguyễn Văn An').answers;
    assert.notEqual(long, short);
    assert.deepEqual(codes(long), [['name', 'maxLength']]);
    assert.equal(calls.validator, validated + 1);
    assert.equal(procedure.isRequired('nickname', long), false);
    assert.deepEqual(procedure.documents(long), []);
    // The earlier answers keep their own results.
    assert.deepEqual(codes(short), [['nickname', 'required']]);
    assert.equal(procedure.isRequired('nickname', short), true);
  });

  it('writes the messages of one check in each locale asked', () => {
    const { procedure, session, calls } = counting();
    const answers = session.set('name', 'Nguyễn Văn An').answers;
    const vi = procedure.validateStep('person', answers, { locale: 'vi' });
    const en = procedure.validateStep('person', answers, { locale: 'en' });
    assert.equal(vi[0]?.code, en[0]?.code);
    assert.notEqual(vi[0]?.message, en[0]?.message);
    assert.deepEqual(procedure.validateStep('person', answers, { locale: 'vi' }), vi);
    assert.deepEqual(procedure.validate(answers, { locale: 'en' }).errors, en);
    assert.deepEqual(procedure.validate(answers).errors, vi);
    assert.equal(calls.validator, 1);
  });

  it('checks the same answers again on another day: a date limit of today moves', () => {
    const { procedure, session, clock } = counting();
    clock.set('2025-09-01T16:59:59Z');
    const answers = session.set('born', '2025-09-02').answers;
    const codes = () => procedure.validateStep('person', answers).map((error) => error.code);
    assert.deepEqual(codes(), ['required', 'dateMax']);
    clock.advance(1000);
    assert.deepEqual(codes(), ['required']);
    clock.set('2025-09-01T12:00:00Z');
    assert.deepEqual(codes(), ['required', 'dateMax']);
    // A call may pass its own clock: its day, not the procedure's.
    const tomorrow = createManualClock('2025-09-02T08:00:00+07:00');
    assert.deepEqual(
      procedure.validateStep('person', answers, { clock: tomorrow }).map((error) => error.code),
      ['required'],
    );
  });

  it('hands out copies: a caller changing a result does not change the next one', () => {
    const { procedure, session } = counting();
    session.set('name', 'Nguyễn Văn An');
    const answers = session.set('copies', 2).answers;
    const errors = procedure.validateStep('person', answers);
    errors[0]!.message = 'changed';
    errors[0]!.params.limit = 99;
    errors.push(errors[0]!);
    procedure.applicableSteps(answers).pop();
    procedure.visibleFields('person', answers).length = 0;
    procedure.questions('person', answers)[0]!.length = 0;
    procedure.fees(answers).lines[0]!.amount = 0;
    const result = procedure.validate(answers);
    result.errors.length = 0;
    result.answers.copies = 7;

    const again = procedure.validateStep('person', answers);
    assert.equal(again.length, 1);
    assert.notEqual(again[0]!.message, 'changed');
    assert.equal(again[0]!.params.limit, 5);
    assert.equal(procedure.applicableSteps(answers).length, 1);
    // The note waits for a name that passes its own check (this one is too long): 4 of 5.
    assert.equal(procedure.visibleFields('person', answers).length, 4);
    assert.equal(procedure.questions('person', answers)[0]!.length, 1);
    assert.equal(procedure.fees(answers).lines[0]!.amount, 16_000);
    assert.equal(procedure.validate(answers).errors.length, 1);
    assert.equal(procedure.validate(answers).answers.copies, 2);
  });

  it('keeps the answers of a session frozen, so nothing can change them under the results', () => {
    const { session } = counting();
    const { answers } = session.set('born', { day: '1', month: '2', year: '1990' });
    assert.equal(Object.isFrozen(answers), true);
    assert.equal(Object.isFrozen(answers.born), true);
    assert.throws(() => {
      (answers as Record<string, unknown>).name = 'An';
    }, TypeError);
  });

  it('checks a caller’s own answers object on every call, since it may have changed', () => {
    const { procedure, calls } = counting();
    const answers: Record<string, unknown> = { name: 'Anh' };
    assert.deepEqual(procedure.validateStep('person', answers), []);
    answers.name = 'Nguyễn Văn An';
    assert.deepEqual(
      procedure.validateStep('person', answers).map((error) => error.code),
      ['maxLength'],
    );
    assert.equal(calls.validator, 2);
  });
});
