// The `card` key: which field each part of the Căn cước card's QR code fills at a kiosk. Its
// shape is the schema's; here, that each field is one the scan can fill and the citizen then
// checks: it exists, is asked directly on one of the first steps (those before any condition,
// where the kiosk offers the scan), and is of a type the part's value fits.
import type { DefinitionIssue } from '../errors.js';
import { FIELD_TYPES } from '../definition.js';
import { didYouMean } from './suggest.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The field types each part of the card can fill, and why, for the message. */
const FITS: { readonly [part: string]: { types: readonly string[]; say: string } } = {
  personalId: { types: ['text'], say: 'a text field (12 digits)' },
  oldId: { types: ['text'], say: 'a text field (9 digits)' },
  fullName: { types: ['text'], say: 'a text field' },
  residence: {
    types: ['text', 'textarea'],
    say: 'a text or textarea field (the card gives one line of text, not the codes an address field keeps)',
  },
  dateOfBirth: { types: ['date'], say: 'a date field' },
  issueDate: { types: ['date'], say: 'a date field' },
  sex: {
    types: ['radio', 'select'],
    say: 'a radio or select field with the options "male" and "female"',
  },
};

interface Asked {
  type: unknown;
  options: unknown;
  when: boolean;
  step: string;
  stepIndex: number;
  inGroup: boolean;
}

/**
 * Problems with a definition's `card` key, each with a JSON Pointer and what to do; none when
 * the key is absent or not an object (the schema says so then).
 */
export function cardIssues(json: unknown): DefinitionIssue[] {
  if (!isObject(json) || !isObject(json.card)) return [];
  const steps = Array.isArray(json.steps) ? json.steps : [];
  const asked = new Map<string, Asked>();
  // Steps before the first with a condition: always on screen, in this order, from the start.
  let firstConditional = steps.length;
  steps.forEach((step, stepIndex) => {
    if (!isObject(step)) return;
    if (step.when !== undefined && firstConditional === steps.length) firstConditional = stepIndex;
    const id = typeof step.id === 'string' ? step.id : String(stepIndex);
    const visit = (fields: unknown, inGroup: boolean) => {
      if (!Array.isArray(fields)) return;
      for (const field of fields) {
        if (!isObject(field) || typeof field.id !== 'string') continue;
        if (!asked.has(field.id)) {
          asked.set(field.id, {
            type: field.type,
            options: field.options,
            when: field.when !== undefined,
            step: id,
            stepIndex,
            inGroup,
          });
        }
        if (field.type === 'group') visit(field.fields, true);
      }
    };
    visit(step.fields, false);
  });
  const issues: DefinitionIssue[] = [];
  const mappedTo = new Map<string, string>();
  for (const [part, target] of Object.entries(json.card)) {
    const fit = FITS[part];
    if (!fit || typeof target !== 'string') continue;
    const pointer = `/card/${part}`;
    const other = mappedTo.get(target);
    if (other !== undefined) {
      issues.push({
        pointer,
        message: `"${target}" is already filled by the card's ${other}; map each part to its own field`,
      });
      continue;
    }
    mappedTo.set(target, part);
    const field = asked.get(target);
    const message = !field
      ? `unknown field "${target}"${didYouMean(target, asked.keys())}; name a field asked on one of the first steps`
      : field.inGroup
        ? `"${target}" is a field of a group's rows; the card fills a field asked directly on a step`
        : field.stepIndex >= firstConditional
          ? `"${target}" is asked on step "${field.step}", after a step with a condition; the card fills fields of the first steps, those before any "when", which every citizen sees`
          : field.when
            ? `"${target}" has a "when"; the card fills fields every citizen is asked, so remove the condition or map another field`
            : // A type the definition does not know is reported where it is written, once.
              (FIELD_TYPES as readonly unknown[]).includes(field.type) &&
                !fit.types.includes(String(field.type))
              ? `"${target}" is a ${String(field.type)} field; the card's ${part} fills ${fit.say}`
              : part === 'sex' && !hasMaleFemale(field.options)
                ? `"${target}" has no options "male" and "female"; the card gives the sex as those values`
                : undefined;
    if (message) issues.push({ pointer, message });
  }
  return issues;
}

function hasMaleFemale(options: unknown): boolean {
  if (!Array.isArray(options)) return false;
  const values = new Set(options.map((option) => (isObject(option) ? option.value : undefined)));
  return values.has('male') && values.has('female');
}
