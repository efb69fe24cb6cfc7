// Hostile definitions (issue 16): each finding of the fuzz, and each limit, as a test of its own.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldDefinition, ProcedureDefinition } from '@motcua/core';
import { AnswersError } from '@motcua/core';
import { DefinitionError, loadProcedure } from '@motcua/core/compiler';
import { DEFINITION_LIMITS } from '../src/compiler/limits.js';
import { closest, editDistance } from '../src/compiler/suggest.js';
import { birthRegistration } from './fixtures.js';

/** The issue's bound: a load of any definition, however hostile, takes well under this. */
const SECOND = 1000;

// The first load compiles the published schema and checks the patterns: warm that up, so that
// the bounds below measure the definition, not the start.
before(() => {
  loadProcedure(birthRegistration());
});

/**
 * How long `run` takes, run once more when it took over a second: one pause of a busy machine is
 * not slowness, taking over a second twice is.
 */
function timed(run: () => void): number {
  const once = (): number => {
    const start = performance.now();
    try {
      run();
    } catch {
      // The caller looks at what it throws.
    }
    return performance.now() - start;
  };
  const first = once();
  return first < SECOND ? first : once();
}

function refused(definition: unknown): DefinitionError {
  let thrown: unknown;
  const ms = timed(() => {
    try {
      loadProcedure(definition);
      thrown = undefined;
    } catch (error) {
      thrown = error;
    }
  });
  assert.ok(thrown !== undefined, 'the definition loaded');
  assert.ok(thrown instanceof DefinitionError, `threw ${String(thrown)}`);
  assert.ok(ms < SECOND, `refusing it took ${Math.round(ms)} ms`);
  return thrown;
}

function issueAt(error: DefinitionError, pointer: string): string {
  const found = error.issues.find((issue) => issue.pointer === pointer);
  assert.ok(found, `no issue at ${pointer}; issues: ${error.message.slice(0, 500)}`);
  return found.message;
}

function fieldOf(definition: ProcedureDefinition, type: string): [FieldDefinition, string] {
  for (const [s, step] of definition.steps.entries()) {
    for (const [f, field] of step.fields.entries()) {
      if (field.type === type) return [field, `/steps/${s}/fields/${f}`];
    }
  }
  throw new Error(`no ${type} field`);
}

// ---------------------------------------------------------------------------------------------
// Finding 1: a field schema that refers to itself loaded, and validate() overflowed the stack

test('a field schema that refers to itself through "$ref" is a definition error', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['text', { $ref: '#' }],
    ['text', { not: { $ref: '#' } }],
    ['text', { allOf: [{ $ref: '#/allOf/0' }] }],
    ['number', { anyOf: [{ $ref: '#' }, { type: 'integer' }] }],
    // A custom type's schema is compiled as it is, so "#/definitions/…" resolves in it.
    [
      'x-signature',
      {
        definitions: { a: { $ref: '#/definitions/b' }, b: { $ref: '#/definitions/a' } },
        $ref: '#/definitions/a',
      },
    ],
  ];
  for (const [type, schema] of cases) {
    const definition = birthRegistration();
    definition.steps[0]!.fields.unshift({
      id: 'probe',
      type: type as FieldDefinition['type'],
      label: 'Thử',
      schema: schema as FieldDefinition['schema'],
    });
    const pointer = '/steps/0/fields/0';
    const error = refused(definition);
    const problems = error.issues.filter((issue) => issue.pointer.startsWith(`${pointer}/schema`));
    assert.ok(
      problems.some((issue) => /refer to itself.*cannot be recursive/.test(issue.message)),
      `${JSON.stringify(schema)}: ${error.message}`,
    );
  }
});

test('the recursive "$ref" is named by its pointer, and a custom field may still use $ref', () => {
  const definition = birthRegistration();
  const [field, pointer] = fieldOf(definition, 'text');
  field.schema = { $ref: '#' };
  assert.match(issueAt(refused(definition), `${pointer}/schema/$ref`), /"\$ref" "#" makes/);

  // A reference that goes down, not round, is no error: `x-` types take their schema as it is.
  const custom = birthRegistration();
  custom.steps[0]!.fields.push({
    id: 'signature',
    type: 'x-signature',
    label: 'Chữ ký',
    schema: { definitions: { text: { type: 'string' } }, $ref: '#/definitions/text' },
  });
  const procedure = loadProcedure(custom);
  assert.ok(procedure.validate({}).errors.every((error) => error.field !== 'signature'));
});

test('a field schema naming itself with "$id" is a definition error, so "$ref" cannot reach it by name', () => {
  // Each of these loaded, or took Ajv's stack down while compiling, before "$id" was refused:
  // the first then overflowed the stack in validate().
  for (const [schema, at] of [
    [{ $id: 'urn:x', allOf: [{ $ref: 'urn:x' }] }, '/$id'],
    [{ $id: 'https://example.com/s', $ref: 'https://example.com/s' }, '/$id'],
    [{ anyOf: [{ type: 'string' }, { $id: 'urn:y', not: { $ref: 'urn:y' } }] }, '/anyOf/1/$id'],
  ] as const) {
    const definition = birthRegistration();
    const [field, pointer] = fieldOf(definition, 'text');
    field.schema = structuredClone(schema) as unknown as FieldDefinition['schema'];
    const started = performance.now();
    const message = issueAt(refused(definition), `${pointer}/schema${at}`);
    assert.match(message, /"\$id" names the schema .* remove the "\$id"/);
    assert.ok(performance.now() - started < SECOND, JSON.stringify(schema));
  }
  // "$id" as data (a constant's key) names nothing and is no error.
  const definition = birthRegistration();
  definition.steps[0]!.fields.push({
    id: 'stamp',
    type: 'x-stamp',
    label: 'Dấu',
    required: false,
    schema: { not: { const: { $id: 'urn:z' } } },
  });
  assert.ok(loadProcedure(definition));
});

// ---------------------------------------------------------------------------------------------
// Finding 2: an object graph with a cycle threw RangeError

test('a definition that contains itself is a definition error, not a RangeError', () => {
  const definition = birthRegistration() as unknown as Record<string, unknown>;
  const steps = definition.steps as Record<string, unknown>[];
  steps[1]!.when = { all: [definition] };
  const error = refused(definition);
  assert.match(issueAt(error, '/steps/1/when/all/0'), /contains itself \(a cycle\)/);

  const looped: Record<string, unknown> = {};
  looped.self = looped;
  assert.match(issueAt(refused(looped), '/self'), /contains itself/);
});

test('values JSON cannot hold are named, with what to give instead', () => {
  const getter = {};
  Object.defineProperty(getter, 'vi', {
    enumerable: true,
    get() {
      throw new Error('the getter ran');
    },
  });
  const cases: [unknown, RegExp][] = [
    [NaN, /NaN is not a JSON number/],
    [Infinity, /Infinity is not a JSON number/],
    [undefined, /a undefined is not a JSON value/],
    [() => 1, /a function is not a JSON value/],
    [new Date(0), /not plain JSON data/],
    [getter, /a getter is not JSON data/],
  ];
  for (const [value, message] of cases) {
    const definition = birthRegistration() as unknown as Record<string, unknown>;
    definition.title = value;
    const error = refused(definition);
    const pointer = value === getter ? '/title/vi' : '/title';
    assert.match(issueAt(error, pointer), message);
  }
});

// ---------------------------------------------------------------------------------------------
// Finding 3: loading grew faster than linearly with huge arrays

test(`a field with ${DEFINITION_LIMITS.options} options, the most allowed, loads well within a second`, () => {
  const definition = birthRegistration();
  const [field, pointer] = fieldOf(definition, 'select');
  const kept = field.options!;
  field.options = [
    ...kept,
    ...Array.from({ length: DEFINITION_LIMITS.options - kept.length }, (_, i) => ({
      value: `option-${i}`,
      label: { vi: `Lựa chọn ${i}`, en: `Option ${i}` },
    })),
  ];
  const ms = timed(() => loadProcedure(definition));
  assert.ok(ms < SECOND, `the load took ${Math.round(ms)} ms`);
  assert.ok(loadProcedure(definition).validate({}).errors.length > 0);

  field.options.push({ value: 'one-more', label: 'Một nữa' });
  assert.match(issueAt(refused(definition), `${pointer}/options`), /too many options: 5,001/);
  field.options = Array.from({ length: 20_000 }, (_, i) => ({ value: `v${i}`, label: 'x' }));
  assert.match(issueAt(refused(definition), `${pointer}/options`), /too many options: 20,000/);
});

test('conditions naming a missing field, as many as allowed, are each reported well within a second', () => {
  const definition = birthRegistration();
  definition.documents = Array.from({ length: DEFINITION_LIMITS.documents }, (_, i) => ({
    id: `document-${i}`,
    title: 'Giấy tờ',
    when: { field: 'missingField', equals: 'x' },
  }));
  const error = refused(definition);
  const unknown = error.issues.filter((issue) =>
    /unknown field "missingField"/.test(issue.message),
  );
  assert.equal(unknown.length, DEFINITION_LIMITS.documents);

  definition.documents = Array.from({ length: 10_000 }, (_, i) => ({
    id: `document-${i}`,
    title: 'Giấy tờ',
    when: { field: 'missingField', equals: 'x' },
  }));
  assert.match(issueAt(refused(definition), '/documents'), /too many documents: 10,000/);
});

test('wrong conditions in one long "all" list are refused by count, not checked one by one', () => {
  const definition = birthRegistration();
  const bad = () => ({ field: 'childName', eqals: 'x' });
  definition.steps[1]!.when = { all: Array.from({ length: 4000 }, bad) } as never;
  assert.match(
    issueAt(refused(definition), '/steps/1/when/all'),
    /too many conditions in one list/,
  );
  definition.steps[1]!.when = {
    all: Array.from({ length: DEFINITION_LIMITS.conditionList }, bad),
  } as never;
  const error = refused(definition);
  assert.ok(error.issues.filter((i) => /unknown operator "eqals"/.test(i.message)).length > 100);
});

// ---------------------------------------------------------------------------------------------
// Finding 4: "did you mean" on a 30,000-character name took 638 ms

test('"did you mean" skips names too long to be typos and stops measuring past the distance allowed', () => {
  assert.equal(closest('x'.repeat(30_000), ['x'.repeat(30_000 - 1)]), undefined);
  assert.equal(closest('fatherNam', ['fatherName', 'motherName']), 'fatherName');
  // Within the bound the distance is exact; beyond it, the bound plus one.
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('kitten', 'sitting', 3), 3);
  assert.equal(editDistance('kitten', 'sitting', 2), 3);
  assert.equal(editDistance('a'.repeat(5000), 'b'.repeat(5000), 2), 3);
  assert.equal(editDistance('lable', 'label', 1), 1);

  const definition = birthRegistration();
  const name = 'y'.repeat(DEFINITION_LIMITS.stringLength);
  definition.steps[1]!.when = { field: name, equals: 'x' };
  const message = issueAt(refused(definition), '/steps/1/when/field');
  assert.match(message, /unknown field/);
  assert.doesNotMatch(message, /did you mean/);
});

// ---------------------------------------------------------------------------------------------
// Limits

test('each limit is enforced with a message that says what to do', () => {
  const deep = birthRegistration();
  let condition: unknown = { field: 'childName', filled: true };
  for (let i = 0; i < 100; i++) condition = { not: condition };
  deep.steps[1]!.when = condition as never;
  const nested = refused(deep).issues[0]!;
  assert.match(nested.message, /nested too deep: more than 64 .*flatten it/);
  assert.ok(nested.pointer.startsWith('/steps/1/when/not/not'));

  const long = birthRegistration();
  long.steps[0]!.fields[0]!.hint = 'ắ'.repeat(DEFINITION_LIMITS.stringLength + 1);
  assert.match(
    issueAt(refused(long), '/steps/0/fields/0/hint'),
    /the text is too long: 10,001 .*shorten it/,
  );

  const key = birthRegistration() as unknown as Record<string, unknown>;
  key['k'.repeat(300)] = 1;
  assert.match(issueAt(refused(key), ''), /the property name "k{40}…" is too long: 300/);

  const steps = birthRegistration();
  steps.steps = Array.from({ length: DEFINITION_LIMITS.steps + 1 }, () => steps.steps[0]!);
  assert.match(issueAt(refused(steps), '/steps'), /too many steps: 101.*split it/);

  const fields = birthRegistration();
  fields.steps[0]!.fields = Array.from({ length: DEFINITION_LIMITS.fields + 1 }, (_, i) => ({
    id: `f${i}`,
    type: 'text',
    label: 'x',
  }));
  assert.match(
    issueAt(refused(fields), '/steps'),
    /too many fields: [\d,]+, counting the fields of groups' rows; .* at most 500/,
  );

  const text = JSON.stringify({ title: 'x'.repeat(DEFINITION_LIMITS.size) });
  assert.match(issueAt(refused(text), ''), /too big: 2,000,012 characters/);
  const values = birthRegistration() as unknown as Record<string, unknown>;
  values.keywords = Array.from({ length: DEFINITION_LIMITS.values }, () => 0);
  assert.match(issueAt(refused(values), ''), /too big: over 200,000 values/);
});

test('the real procedures are far within every limit', () => {
  // Half of each limit at most, so that a procedure that grows has room before it.
  const definition = birthRegistration();
  const text = JSON.stringify(definition);
  assert.ok(text.length * 20 < DEFINITION_LIMITS.size);
  assert.ok(definition.steps.length * 2 <= DEFINITION_LIMITS.steps);
  loadProcedure(definition);
});

// ---------------------------------------------------------------------------------------------
// Answers nested thousands deep would overflow the stack in the copy validate() makes, and a
// request body can hold that: answers.ts refuses more than 64 levels.

test('validate() refuses answers nested thousands deep with an AnswersError', () => {
  const procedure = loadProcedure(birthRegistration());
  const deep = JSON.parse(`{"childName":${'['.repeat(10_000)}"x"${']'.repeat(10_000)}}`);
  assert.throws(() => procedure.validate(deep), AnswersError);
});
