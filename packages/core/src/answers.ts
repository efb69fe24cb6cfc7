import { MotcuaError } from './errors.js';

/** A value a citizen gave. Group fields hold arrays of rows, each an `Answers` of its own. */
export type AnswerValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly string[]
  | FileAnswer
  | readonly FileAnswer[]
  | PaperAnswer
  | DateParts
  | AddressAnswer
  | readonly Answers[];

/** A file's metadata as the engine sees it (the bytes stay with the page or the server). */
export interface FileAnswer {
  name: string;
  type: string;
  size: number;
}

/**
 * The answer of a file field when the citizen brings the paper to the counter instead of
 * uploading it (kiosk mode, where the field allows it).
 */
export interface PaperAnswer {
  paper: true;
}

/** Whether a value is the answer "I will bring the paper to the counter". */
export function isPaperAnswer(value: unknown): value is PaperAnswer {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    (value as { paper?: unknown }).paper === true
  );
}

/**
 * An address as a citizen gives it: the province and commune chosen from a list (their codes in
 * the page's data source) and the rest as text (house number, street, hamlet).
 */
export interface AddressAnswer {
  province?: string;
  commune?: string;
  detail?: string;
}

/** A date still in the three parts a citizen typed, before the engine makes it ISO. */
export interface DateParts {
  day: string | number;
  month: string | number;
  year: string | number;
}

/**
 * The answers of one dossier: a flat object keyed by field id, with a `null` prototype so that
 * no key can reach `Object.prototype`.
 */
export type Answers = { [fieldId: string]: AnswerValue };

/** Keys that would let data reach or replace object prototypes. Rejected everywhere. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** Thrown when answers carry a forbidden key or a value that is not plain data. */
export class AnswersError extends MotcuaError {
  readonly key: string;

  constructor(key: string, message: string) {
    super(message);
    this.name = 'AnswersError';
    this.key = key;
  }
}

/** Throws an {@link AnswersError} when `key` is one of {@link FORBIDDEN_KEYS}. */
export function assertSafeKey(key: string): void {
  if (FORBIDDEN_KEYS.has(key)) {
    throw new AnswersError(
      key,
      `the answer key "${key}" is not allowed: it could pollute object prototypes; use a field id from the procedure`,
    );
  }
}

/**
 * Copies answers into null-prototype objects, deeply, rejecting forbidden keys and anything
 * that is not plain JSON-like data (functions, class instances, cycles).
 *
 * @example
 * const answers = toAnswers(JSON.parse(body)); // throws AnswersError on {"__proto__": …}
 */
export function toAnswers(input: unknown): Answers {
  if (input === undefined || input === null) return Object.create(null) as Answers;
  if (!isPlainObject(input)) {
    throw new AnswersError('', 'answers must be a plain object keyed by field id');
  }
  return copyObject(input, new Set(), '') as Answers;
}

/** Answers made by {@link sealAnswers}: deeply frozen copies that nothing can change. */
const sealed = new WeakSet<object>();

/**
 * Like {@link toAnswers}, but the copy is frozen all the way down, so what a procedure works
 * out from it (the steps asked, each step's check) can be kept for as long as the object lives.
 * The machine keeps its answers this way: a SET makes new answers, it never changes them.
 */
export function sealAnswers(input: unknown): Answers {
  if (isSealed(input)) return input;
  const answers = Object.freeze(toAnswers(input));
  for (const value of Object.values(answers)) deepFreeze(value);
  sealed.add(answers);
  return answers;
}

/** Whether `input` was made by {@link sealAnswers}, so that results for it may be memoised. */
export function isSealed(input: unknown): input is Answers {
  return typeof input === 'object' && input !== null && sealed.has(input);
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}

/**
 * How deep answers may nest: a group's rows hold an address or a file list, four levels at
 * most. A request body nested thousands deep would otherwise overflow the stack.
 */
const MAX_ANSWER_DEPTH = 64;

/** An answer that is not plain data: where it is and what it is instead. */
function notPlain(path: string, what: string): AnswersError {
  return new AnswersError(path, `the answer at "${path}" ${what}; answers must be plain data`);
}

// `seen` holds the objects on the way from the root to `value`: a cycle is one already in it,
// and its size is how deep `value` is.
function copyValue(value: unknown, seen: Set<object>, path: string): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
      throw notPlain(path, `is a ${typeof value}`);
    }
    return value;
  }
  if (seen.has(value)) throw notPlain(path, 'refers to itself');
  if (seen.size > MAX_ANSWER_DEPTH) {
    throw notPlain(path, `is nested too deep (over ${MAX_ANSWER_DEPTH} levels)`);
  }
  seen.add(value);
  try {
    if (Array.isArray(value))
      return value.map((item, index) => copyValue(item, seen, `${path}.${index}`));
    if (isPlainObject(value)) return copyObject(value, seen, path);
    throw notPlain(path, 'is not plain data (an object of a class)');
  } finally {
    seen.delete(value);
  }
}

function copyObject(value: object, seen: Set<object>, path: string): Record<string, unknown> {
  const copy: Record<string, unknown> = Object.create(null);
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string') continue;
    assertSafeKey(key);
    copy[key] = copyValue(
      (value as Record<string, unknown>)[key],
      seen,
      path ? `${path}.${key}` : key,
    );
  }
  return copy;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/** Whether a value counts as not given: absent, blank text, or an empty list. */
export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (isDateParts(value)) {
    return [value.day, value.month, value.year].every((part) => String(part ?? '').trim() === '');
  }
  if (
    typeof value === 'object' &&
    ('province' in value || 'commune' in value || 'detail' in value)
  ) {
    const address = value as AddressAnswer;
    return [address.province, address.commune, address.detail].every(
      (part) => String(part ?? '').trim() === '',
    );
  }
  return false;
}

/** Whether a value is a date still in parts. */
export function isDateParts(value: unknown): value is DateParts {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    'day' in value &&
    'month' in value &&
    'year' in value
  );
}
