import {
  type AddressAnswer,
  type AnswerValue,
  type Answers,
  type FieldDefinition,
  formatDate,
  isPaperAnswer,
  localize,
} from '@motcua/core';
import type { UiStrings } from './strings.js';

/** Options of {@link formatAnswer}. */
export interface FormatAnswerOptions {
  locale: string;
  strings: UiStrings;
  /**
   * Whether a row field is shown, by its path (`members.0.relationship`): pass
   * `(path) => procedure.isVisible(path, answers)` so that a row shows only what was asked.
   * Without it every row field with an answer is shown.
   */
  isVisible?: (path: string) => boolean;
  /**
   * The name of an address's province or commune by its code, from the lists the page loaded;
   * the code itself when absent.
   */
  placeName?: (
    level: 'province' | 'commune',
    code: string,
    provinceCode: string,
  ) => string | undefined;
}

/**
 * How "Kiểm tra lại thông tin" shows an answer: choices by their label, dates as `dd/mm/yyyy`,
 * a checkbox as "Có"/"Không", files by name (or "Mang bản giấy đến quầy"). Lists (checkboxes, files, a group's rows) put one
 * item per line, for a review that renders `white-space: pre-line`. An empty answer is `''`,
 * which the review shows as "Chưa cung cấp".
 *
 * @example
 * formatAnswer(dateField, { day: '5', month: '8', year: '2025' }, { locale: 'vi', strings });
 * // '05/08/2025'
 */
export function formatAnswer(
  field: FieldDefinition,
  value: AnswerValue,
  options: FormatAnswerOptions,
): string {
  return format(field, value, field.id, options, '\n');
}

function format(
  field: FieldDefinition,
  value: AnswerValue,
  path: string,
  options: FormatAnswerOptions,
  separator: string,
): string {
  if (value === undefined || value === null) return '';
  const { locale, strings } = options;
  switch (field.type) {
    case 'select':
    case 'radio':
      return typeof value === 'string' ? optionLabel(field, value, locale) : '';
    case 'checkboxes':
      return Array.isArray(value)
        ? (value as readonly unknown[])
            .filter((item): item is string => typeof item === 'string' && item !== '')
            .map((item) => optionLabel(field, item, locale))
            .join(separator)
        : '';
    case 'checkbox':
      return value === true ? strings.yes : value === false ? strings.no : '';
    case 'date':
      return formatDateAnswer(value);
    case 'file':
      if (isPaperAnswer(value)) return strings.paperAnswer;
      return (Array.isArray(value) ? (value as readonly unknown[]) : [value])
        .map((file) =>
          file !== null && typeof file === 'object' && 'name' in file ? String(file.name) : '',
        )
        .filter(Boolean)
        .join(separator);
    case 'address': {
      if (!value || typeof value !== 'object') return '';
      const { province = '', commune = '', detail = '' } = value as AddressAnswer;
      const name = (level: 'province' | 'commune', code: string) =>
        code ? (options.placeName?.(level, code, province) ?? code) : '';
      return [detail.trim(), name('commune', commune), name('province', province)]
        .filter(Boolean)
        .join(', ');
    }
    case 'group':
      return Array.isArray(value)
        ? (value as readonly unknown[])
            .map((row, index) => formatRow(field, row, `${path}.${index}`, options))
            .filter(Boolean)
            .join('\n')
        : '';
    default:
      return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  }
}

/** A choice by its label in the locale; a value no option has (an old draft) as it is. */
function optionLabel(field: FieldDefinition, value: string, locale: string): string {
  const option = field.options?.find((candidate) => candidate.value === value);
  return option ? localize(option.label, locale) : value;
}

/** One row of a group on one line: its shown fields' answers, separated by commas. */
function formatRow(
  field: FieldDefinition,
  row: unknown,
  rowPath: string,
  options: FormatAnswerOptions,
): string {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return '';
  const answers = row as Answers;
  return (field.fields ?? [])
    .filter((inner) => options.isVisible?.(`${rowPath}.${inner.id}`) ?? true)
    .map((inner) => format(inner, answers[inner.id], `${rowPath}.${inner.id}`, options, ', '))
    .filter(Boolean)
    .join(', ');
}

/**
 * `dd/mm/yyyy` with leading zeros, as Vietnamese papers print dates, from an ISO date or the
 * parts as typed. Parts that are not numbers are shown as typed: review shows what was given.
 */
function formatDateAnswer(value: AnswerValue): string {
  if (typeof value === 'string') return formatDate(value.trim());
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return '';
  const parts = value as Partial<Record<'day' | 'month' | 'year', unknown>>;
  const text = (part: unknown) => (part === undefined || part === null ? '' : String(part).trim());
  const [day, month, year] = [text(parts.day), text(parts.month), text(parts.year)];
  if (day === '' && month === '' && year === '') return '';
  const pad = (part: string, width: number) =>
    /^\d+$/.test(part) ? part.padStart(width, '0') : part;
  return `${pad(day, 2)}/${pad(month, 2)}/${year}`;
}
