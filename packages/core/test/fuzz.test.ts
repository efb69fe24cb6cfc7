// Hostile definitions (issue 16): the real procedures, mutated thousands of ways with a fixed seed,
// must each load or throw a DefinitionError, in well under a second, without touching
// Object.prototype; and what loads must validate answers (none, a real case, junk) as quickly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AnswersError, type Pack } from '@motcua/core';
import { DefinitionError, loadProcedure } from '@motcua/core/compiler';

const MUTANTS = 2000;
const SEED = 0x16_2026;
/** The issue's bound for one load, or one validate(), of one mutant. */
const SLOW_MS = 1000;

// ---------------------------------------------------------------------------------------------
// The definitions: the birth registration and every procedure of the Vietnam pack

const root = new URL('../../../', import.meta.url);
const readJson = (path: string): unknown =>
  JSON.parse(readFileSync(fileURLToPath(new URL(path, root)), 'utf8'));

interface Source {
  name: string;
  definition: Json;
  answers: Json[];
}

function source(dir: string, name: string): Source {
  const cases = readJson(`${dir}/${name}.cases.json`) as { cases: { answers: Json }[] };
  return {
    name,
    definition: readJson(`${dir}/${name}.procedure.json`) as Json,
    answers: cases.cases.map((entry) => entry.answers),
  };
}

const sources: Source[] = [
  source('examples/procedures', 'birth-registration'),
  ...readdirSync(fileURLToPath(new URL('packages/vn/procedures/', root)))
    .filter((file) => file.endsWith('.procedure.json'))
    .sort()
    .map((file) => source('packages/vn/procedures', file.replace('.procedure.json', ''))),
];

/**
 * The Vietnam pack's names, with trivial code: core knows no country (fixtures.ts), and what is
 * fuzzed here is the loader, not the pack's formats.
 */
function stubPack(): Pack {
  const formats = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      if (typeof value.format === 'string' && value.format.startsWith('vn-')) {
        formats.add(value.format);
      }
      Object.values(value).forEach(visit);
    }
  };
  sources.forEach((entry) => visit(entry.definition));
  return {
    name: 'vn-stub',
    formats: Object.fromEntries(
      [...formats].map((name) => [name, { validate: (value: string) => value.length < 200 }]),
    ),
    operators: {
      vnPersonalIdMatches: {
        evaluate: () => true,
        fields: (operand) =>
          isObject(operand)
            ? Object.values(operand).filter((id): id is string => typeof id === 'string')
            : [],
      },
    },
  };
}

const packs = [stubPack()];

// ---------------------------------------------------------------------------------------------
// Random choices, from a seed

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** mulberry32: a small PRNG, enough to pick mutations reproducibly. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(readonly next: () => number) {}
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Where a value sits: its container, the key in it, and the containers above. */
interface Place {
  parent: Json | unknown[];
  key: string | number;
  ancestors: object[];
}

function places(rootValue: unknown): Place[] {
  const found: Place[] = [];
  const visit = (value: unknown, ancestors: object[]): void => {
    if (typeof value !== 'object' || value === null) return;
    const above = [...ancestors, value];
    if (Array.isArray(value)) {
      value.forEach((item, key) => {
        found.push({ parent: value, key, ancestors: above });
        visit(item, above);
      });
    } else {
      for (const key of Object.keys(value)) {
        found.push({ parent: value as Json, key, ancestors: above });
        visit((value as Json)[key], above);
      }
    }
  };
  visit(rootValue, []);
  return found;
}

const get = (place: Place): unknown => (place.parent as Json)[place.key as string];
const set = (place: Place, value: unknown): void => {
  (place.parent as Json)[place.key as string] = value;
};

function where(all: Place[], test: (value: unknown, place: Place) => boolean): Place[] {
  return all.filter((place) => test(get(place), place));
}

const WORDS = ['field', 'equals', 'in', 'all', 'any', 'not', 'id', 'type', 'options', 'when'];

function typo(random: Random, word: string): string {
  if (word.length < 2) return `${word}x`;
  const at = random.int(word.length - 1);
  switch (random.int(3)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    default:
      return word.slice(0, at) + 'q' + word.slice(at);
  }
}

function scalar(random: Random): unknown {
  return random.pick<() => unknown>([
    () => '',
    () => 'x',
    () => random.pick(WORDS),
    () => random.int(1000) - 500,
    () => random.next() * 1e6,
    () => 1e308,
    () => -0,
    () => true,
    () => false,
    () => null,
    () => 'Nguyễn Văn An',
    () => 'Nguye\u0302\u0303n', // NFD
    () => '\uD800', // a lone surrogate
    () => '\u0000\u202E',
    () => 'today',
    () => '2025-13-45',
  ])();
}

function junk(random: Random, depth = 0): unknown {
  if (depth > 2 || random.chance(0.6)) return scalar(random);
  return random.chance(0.5)
    ? Array.from({ length: random.int(4) }, () => junk(random, depth + 1))
    : Object.fromEntries(
        Array.from({ length: random.int(4) }, () => [random.pick(WORDS), junk(random, depth + 1)]),
      );
}

/** Values a JSON text cannot hold: only an object graph passed to loadProcedure has them. */
function nonJson(random: Random): unknown {
  return random.pick<() => unknown>([
    () => NaN,
    () => Infinity,
    () => -Infinity,
    () => undefined,
    () => () => 'code',
    () => Symbol('s'),
    () => 10n,
    () => new Date(0),
    () => new Map([['a', 1]]),
    () => {
      const object = {};
      Object.defineProperty(object, 'vi', {
        enumerable: true,
        get() {
          throw new Error('a getter ran');
        },
      });
      return object;
    },
  ])();
}

const RECURSIVE_SCHEMAS: readonly unknown[] = [
  { $ref: '#' },
  { not: { $ref: '#' } },
  { items: { $ref: '#' } },
  { anyOf: [{ $ref: '#' }, { type: 'string' }] },
  { allOf: [{ $ref: '#/allOf/0' }] },
  { $ref: '#/allOf/0' },
  {
    definitions: { a: { $ref: '#/definitions/b' }, b: { $ref: '#/definitions/a' } },
    $ref: '#/definitions/a',
  },
  { $id: 'loop', $ref: 'loop' },
  { $id: 'https://example.com/s', properties: { a: { $ref: '#' } } },
  { $ref: '#/definitions/missing' },
  { $ref: 'https://example.com/elsewhere.json' },
  { const: { $ref: '#' } },
];

const PATTERNS = ['(a+)+$', '^(a|a)*$', '(', '[', '\\', '^[a-z]+( [a-z]+)*$', 'a'.repeat(300)];

// ---------------------------------------------------------------------------------------------
// Mutations: each changes the definition in place (or returns a replacement); `text` marks one
// that must go through JSON text (keys JSON.parse makes own properties of), `graph` one that a
// JSON text cannot express.

interface Mutant {
  value: unknown;
  /** Replaced by "__proto__", "constructor" or "prototype" in the text. */
  protoKeys: boolean;
  /** Holds values or shapes JSON text cannot (a cycle, NaN, a function). */
  graph: boolean;
  /** No further mutation: the value is a graph, or nested deeper than a walk of it may go. */
  final: boolean;
}

type Mutation = (random: Random, mutant: Mutant, all: Place[]) => void;

const MARK = '__fuzz_mark__';

const mutations: Record<string, Mutation> = {
  delete(random, _mutant, all) {
    const place = random.pick(all);
    if (Array.isArray(place.parent)) place.parent.splice(place.key as number, 1);
    else delete place.parent[place.key as string];
  },
  duplicate(random, _mutant, all) {
    const place = random.pick(all);
    const copy = structuredClone(get(place));
    if (Array.isArray(place.parent))
      place.parent.splice(random.int(place.parent.length + 1), 0, copy);
    else {
      const keys = Object.keys(place.parent);
      place.parent[random.pick(keys)] = copy;
    }
  },
  retype(random, _mutant, all) {
    set(random.pick(all), junk(random));
  },
  swap(random, _mutant, all) {
    const a = random.pick(all);
    const b = random.pick(all);
    if (a.ancestors.includes(get(b) as object) || b.ancestors.includes(get(a) as object)) return;
    const value = get(a);
    set(a, get(b));
    set(b, value);
  },
  protoKey(random, mutant, all) {
    const objects = where(all, isObject);
    if (objects.length === 0) return;
    const target = get(random.pick(objects)) as Json;
    target[MARK] = random.pick([{ polluted: true }, 'polluted', [1], null]);
    mutant.protoKeys = true;
  },
  protoId(random, _mutant, all) {
    const ids = where(all, (value, place) => place.key === 'id' && typeof value === 'string');
    if (ids.length > 0)
      set(random.pick(ids), random.pick(['__proto__', 'constructor', 'prototype']));
  },
  hugeString(random, _mutant, all) {
    const strings = where(all, (value) => typeof value === 'string');
    const length = random.pick([200, 5000, 9999, 10_001, 60_000]);
    if (strings.length > 0)
      set(random.pick(strings), random.pick(['x', 'ắ', 'a b']).repeat(length));
  },
  hugeArray(random, _mutant, all) {
    const arrays = where(all, (value) => Array.isArray(value) && value.length > 0);
    if (arrays.length === 0) return;
    const array = get(random.pick(arrays)) as unknown[];
    const length = random.pick([500, 3000, 12_000]);
    const item = array[0];
    while (array.length < length) array.push(random.chance(0.5) ? item : structuredClone(item));
  },
  manyOptions(random, _mutant, all) {
    const lists = where(all, (value, place) => place.key === 'options' && Array.isArray(value));
    if (lists.length === 0) return;
    const count = random.pick([1000, 5000, 5001]);
    set(
      random.pick(lists),
      Array.from({ length: count }, (_, i) => ({ value: `v${i}`, label: `Lựa chọn ${i}` })),
    );
  },
  deepNesting(random, mutant, all) {
    const place = random.pick(all);
    let value = get(place);
    const depth = random.pick([20, 70, 2000]);
    const wrap = random.pick<(inner: unknown) => unknown>([
      (inner) => [inner],
      (inner) => ({ all: [inner] }),
      (inner) => ({ not: inner }),
      (inner) => ({ field: 'x', every: inner }),
    ]);
    for (let i = 0; i < depth; i++) value = wrap(value);
    set(place, value);
    mutant.final = true;
  },
  recursiveSchema(random, _mutant, all) {
    const fields = where(
      all,
      (value) => isObject(value) && typeof value.type === 'string' && 'id' in value,
    );
    if (fields.length === 0) return;
    const field = get(random.pick(fields)) as Json;
    field.schema = structuredClone(random.pick(RECURSIVE_SCHEMAS));
  },
  badPattern(random, _mutant, all) {
    const fields = where(all, (value) => isObject(value) && value.type === 'text');
    if (fields.length === 0) return;
    (get(random.pick(fields)) as Json).schema = { pattern: random.pick(PATTERNS) };
  },
  cycle(random, mutant, all) {
    const objects = where(all, (value) => typeof value === 'object' && value !== null);
    if (objects.length === 0) return;
    const place = random.pick(objects);
    const target = get(place) as Json;
    const ancestor = random.pick([...place.ancestors, target]);
    if (Array.isArray(target)) target.push(ancestor);
    else target[random.pick(['self', 'when', 'fields', 'title'])] = ancestor;
    mutant.graph = true;
    mutant.final = true;
  },
  nonJsonValue(random, mutant, all) {
    set(random.pick(all), nonJson(random));
    mutant.graph = true;
    mutant.final = true;
  },
  unknownOperator(random, _mutant, all) {
    const conditions = where(all, (value) => isObject(value) && typeof value.field === 'string');
    if (conditions.length === 0) return;
    const condition = get(random.pick(conditions)) as Json;
    const operator = Object.keys(condition).find((key) => key !== 'field');
    const name = random.pick([
      'matches',
      'eq',
      'regex',
      '$where',
      typo(random, operator ?? 'equals'),
    ]);
    if (operator !== undefined) {
      condition[name] = condition[operator];
      delete condition[operator];
    } else condition[name] = 1;
  },
  typoKey(random, _mutant, all) {
    const keyed = all.filter((place) => !Array.isArray(place.parent));
    if (keyed.length === 0) return;
    const place = random.pick(keyed);
    const parent = place.parent as Json;
    const value = parent[place.key as string];
    delete parent[place.key as string];
    parent[typo(random, String(place.key))] = value;
  },
  unknownName(random, _mutant, all) {
    const names = where(
      all,
      (value, place) =>
        typeof value === 'string' && ['field', 'from', 'id'].includes(String(place.key)),
    );
    if (names.length === 0) return;
    const place = random.pick(names);
    set(
      place,
      random.pick([
        typo(random, String(get(place))),
        'x'.repeat(random.pick([65, 500, 9000])),
        `${String(get(place))}${'y'.repeat(200)}`,
      ]),
    );
  },
  weirdValue(random, _mutant, all) {
    set(random.pick(all), scalar(random));
  },
  notAnObject(random, mutant) {
    mutant.value = random.pick<unknown>([null, 42, 'text', [], [mutant.value], true]);
  },
};

const NAMES = Object.keys(mutations);

function mutate(random: Random, definition: Json): { mutant: Mutant; applied: string[] } {
  const mutant: Mutant = {
    value: structuredClone(definition),
    protoKeys: false,
    graph: false,
    final: false,
  };
  const applied: string[] = [];
  // One mutation mostly, so that a good share of mutants still load and their validate() runs.
  const count = random.chance(0.7) ? 1 : 2 + random.int(2);
  for (let i = 0; i < count; i++) {
    const name = random.pick(NAMES);
    // Cycles, non-JSON values and deep nesting last: the other mutations walk the tree.
    if (mutant.final) break;
    const all = places(mutant.value);
    if (all.length === 0 && name !== 'notAnObject') continue;
    mutations[name]!(random, mutant, all);
    applied.push(name);
  }
  return { mutant, applied };
}

/** The mutant as loadProcedure gets it: text, parsed text, or the object graph itself. */
function input(random: Random, mutant: Mutant): unknown {
  if (mutant.graph) return mutant.value;
  let text: string;
  try {
    text = JSON.stringify(mutant.value);
  } catch {
    return mutant.value; // Nested too deep for JSON.stringify itself: loaded as objects.
  }
  if (mutant.protoKeys) {
    text = text.replaceAll(
      `"${MARK}"`,
      () => `"${random.pick(['__proto__', 'constructor', 'prototype'])}"`,
    );
    return random.chance(0.5) ? text : JSON.parse(text);
  }
  return random.chance(0.3) ? text : mutant.value;
}

// ---------------------------------------------------------------------------------------------
// Answers to validate with: none, a real case's, and junk (through JSON text, like a request)

function junkAnswers(random: Random, definition: Json): unknown {
  const ids: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      if (typeof value.id === 'string' && typeof value.type === 'string') ids.push(value.id);
      Object.values(value).forEach(visit);
    }
  };
  visit(definition);
  const answers: Json = {};
  for (const id of ids) if (random.chance(0.5)) answers[id] = junk(random);
  // A value nested thousands deep, as a request body can hold (JSON.parse takes it; a recursive
  // walk of it would overflow the stack).
  const deep = random.chance(0.5) ? ['[', ']'] : ['{"a":', '}'];
  answers[MARK] = 0;
  const text = JSON.stringify(answers)
    .replace('{', random.chance(0.2) ? '{"__proto__":{"polluted":true},' : '{')
    .replace(
      `"${MARK}":0`,
      `${JSON.stringify(random.pick(ids) ?? 'x')}:${deep[0]!.repeat(200)}"x"${deep[1]!.repeat(200)}`,
    );
  return JSON.parse(text);
}

// ---------------------------------------------------------------------------------------------

function timed<T>(run: () => T): { result?: T; error?: unknown; ms: number } {
  const start = performance.now();
  try {
    const result = run();
    return { result, ms: performance.now() - start };
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
}

/**
 * Runs `run`, and once more when it was slow: a single pause of this busy two-core machine is not
 * a finding; being slow twice is.
 */
function twice<T>(run: () => T): { result?: T; error?: unknown; ms: number } {
  const first = timed(run);
  return first.ms <= SLOW_MS ? first : timed(run);
}

function prototypeState(): string {
  return JSON.stringify([
    Object.getOwnPropertyNames(Object.prototype).sort(),
    Object.getOwnPropertyNames(Array.prototype).sort(),
    Object.getOwnPropertyNames(Function.prototype).sort(),
  ]);
}

test(`${MUTANTS} mutated definitions each load or throw a DefinitionError, quickly and without pollution`, () => {
  const before = prototypeState();
  const failures: string[] = [];
  const outcomes = { loaded: 0, refused: 0 };
  const byMutation = new Map<string, number>();
  const started = performance.now();
  const slowest: [number, string][] = [];

  for (let index = 0; index < MUTANTS; index++) {
    // A generator per mutant, so that any one can be made again alone from its number.
    const random = new Random(mulberry32(SEED + index));
    const from = sources[index % sources.length]!;
    const { mutant, applied } = mutate(random, from.definition);
    for (const name of applied) byMutation.set(name, (byMutation.get(name) ?? 0) + 1);
    const what = `#${index} (${from.name}: ${applied.join(', ')})`;
    const fail = (message: string): void => {
      if (failures.length < 20) failures.push(`${what}: ${message}`);
    };
    const given = input(random, mutant);
    const load = twice(() => loadProcedure(given, { packs }));
    slowest.push([load.ms, what]);
    slowest.sort((a, b) => b[0] - a[0]).splice(3);
    if (load.ms > SLOW_MS) fail(`loading took ${Math.round(load.ms)} ms`);
    if (load.error !== undefined) {
      outcomes.refused += 1;
      if (!(load.error instanceof DefinitionError)) {
        fail(`threw ${String(load.error).slice(0, 300)}`);
      } else if (
        load.error.issues.length === 0 ||
        load.error.issues.some((i) => typeof i.pointer !== 'string' || !i.message)
      ) {
        fail(`a DefinitionError without issues: ${load.error.message.slice(0, 300)}`);
      }
    } else {
      outcomes.loaded += 1;
      const procedure = load.result!;
      const answers = [{}, random.pick(from.answers), junkAnswers(random, from.definition)];
      for (const [n, given] of answers.entries()) {
        const check = twice(() => procedure.validate(given, { locale: random.pick(['vi', 'en']) }));
        if (check.ms > SLOW_MS) fail(`validate() of answers ${n} took ${Math.round(check.ms)} ms`);
        // AnswersError is validate()'s own refusal of answers that are not plain data, or
        // carry a key such as "__proto__"; anything else is a crash.
        if (check.error !== undefined && !(check.error instanceof AnswersError)) {
          fail(`validate() of answers ${n} threw ${String(check.error)}`);
        }
      }
    }
    if (({} as Json).polluted !== undefined) fail('Object.prototype was polluted');
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `fuzz: ${MUTANTS} mutants in ${seconds} s: ${outcomes.loaded} loaded, ${outcomes.refused} refused; ` +
      [...byMutation].map(([name, n]) => `${name} ${n}`).join(', ') +
      `; slowest loads: ${slowest.map(([ms, what]) => `${what} ${Math.round(ms)} ms`).join('; ')}`,
  );
  assert.equal(prototypeState(), before, 'a built-in prototype changed');
  assert.deepEqual(failures, []);
  // The mutations must reach both outcomes, or the fuzz tests less than it seems to.
  assert.ok(outcomes.loaded > MUTANTS / 20, `only ${outcomes.loaded} mutants loaded`);
  assert.ok(outcomes.refused > MUTANTS / 2, `only ${outcomes.refused} mutants were refused`);
  assert.equal(byMutation.size, NAMES.length, 'every mutation was tried');
});
