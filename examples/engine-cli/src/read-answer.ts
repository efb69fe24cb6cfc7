import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, extname, resolve } from 'node:path';
import type { AnswerValue, DateParts, FieldDefinition, FileAnswer } from '@motcua/core';

/**
 * Why a typed line could not become an answer at all. Everything the engine can judge (a
 * missing part of a date, a wrong number of digits, a file too large) is left to the engine;
 * these are only the things a terminal adds: a number that names no option, a path to nothing.
 */
export type InputProblem =
  | { code: 'choice'; count: number }
  | { code: 'choices'; count: number }
  | { code: 'yesNo' }
  | { code: 'fileNotFound'; path: string }
  | { code: 'unsupported'; type: string };

export type ReadResult = { value: AnswerValue } | { problem: InputProblem };

/** What a line is read against. */
export interface ReadOptions {
  /** The words for yes and no in the locale, lower case, e.g. `['c', 'có']`. */
  yes: readonly string[];
  no: readonly string[];
  /** Where relative file paths start. */
  cwd: string;
}

/**
 * Turns one non-empty typed line into the value `session.set` expects for the field's type.
 *
 * @example
 * await readAnswer(dateField, '27/3/2025', options); // { value: { day: '27', month: '3', year: '2025' } }
 */
export async function readAnswer(
  field: FieldDefinition,
  text: string,
  options: ReadOptions,
): Promise<ReadResult> {
  switch (field.type) {
    case 'select':
    case 'radio':
      return readChoice(field, text);
    case 'checkboxes':
      return readChoices(field, text);
    case 'checkbox':
      return readYesNo(text, options);
    case 'date':
      return { value: readDateParts(text) };
    case 'file':
      return readFile(text, options.cwd);
    case 'group':
      return { problem: { code: 'unsupported', type: field.type } };
    default:
      // text, textarea, email, phone, number, year: the engine trims and parses them.
      return { value: text };
  }
}

function readChoice(field: FieldDefinition, text: string): ReadResult {
  const options = field.options ?? [];
  const option = /^\d+$/.test(text) ? options[Number(text) - 1] : undefined;
  return option ? { value: option.value } : { problem: { code: 'choice', count: options.length } };
}

function readChoices(field: FieldDefinition, text: string): ReadResult {
  const options = field.options ?? [];
  const values: string[] = [];
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const option = /^\d+$/.test(part) ? options[Number(part) - 1] : undefined;
    if (!option) return { problem: { code: 'choices', count: options.length } };
    if (!values.includes(option.value)) values.push(option.value);
  }
  return { value: values };
}

function readYesNo(text: string, options: ReadOptions): ReadResult {
  const word = text.toLocaleLowerCase('vi');
  if (options.yes.includes(word)) return { value: true };
  if (options.no.includes(word)) return { value: false };
  return { problem: { code: 'yesNo' } };
}

/**
 * Splits "27/3/2025" (or 27.3.2025, 27-3-2025, 27 3 2025) into the three parts the engine
 * checks, so its own messages ("must include a year", "must be a real date") reach the person.
 * Anything after the third part stays in the year, where the engine rejects it.
 */
export function readDateParts(text: string): DateParts {
  const [day = '', month = '', ...year] = text.split(/[\s/.-]+/).filter(Boolean);
  return { day, month, year: year.join('/') };
}

async function readFile(text: string, cwd: string): Promise<ReadResult> {
  const path = unquote(text);
  const absolute = resolve(cwd, path.startsWith('~/') ? homedir() + path.slice(1) : path);
  try {
    const info = await stat(absolute);
    if (!info.isFile()) return { problem: { code: 'fileNotFound', path } };
    const file: FileAnswer = {
      name: basename(absolute),
      type: mediaType(absolute),
      size: info.size,
    };
    return { value: file };
  } catch {
    return { problem: { code: 'fileNotFound', path } };
  }
}

/** Terminals quote a dragged-in path, or escape its spaces. */
function unquote(text: string): string {
  const quoted = /^(['"])(.*)\1$/.exec(text);
  return quoted ? (quoted[2] ?? '') : text.replace(/\\ /g, ' ');
}

const MEDIA_TYPES: { readonly [extension: string]: string } = {
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
};

function mediaType(path: string): string {
  return MEDIA_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}
