import type { DefinitionIssue } from '../errors.js';

/**
 * How big a procedure definition may be. A definition may come from a CMS or a careless edit;
 * these bounds keep checking and loading it fast and keep a mistake from hanging a server. The
 * real procedures are far below them: about 45,000 characters, 1,000 values, 10 steps, 35
 * fields, 10 options, 6 documents, 4 fees, 8 rules, 32 conditions, nesting 10 deep and strings
 * of 400 characters at most (docs/definitions.md, "Limits").
 *
 * The counts of conditions and rules are lower than the size alone would need: the structural
 * check (Ajv, listing every error) gathers the errors of a list's items by copying them, so
 * thousands of wrong conditions took seconds.
 */
export const DEFINITION_LIMITS = {
  /** Characters of JSON text (or, for an object, of the JSON it would be, roughly). */
  size: 2_000_000,
  /** Values of any kind: objects, arrays, strings, numbers, booleans, nulls. */
  values: 200_000,
  /** Objects and arrays inside one another. */
  depth: 64,
  /** Characters of one string value. */
  stringLength: 10_000,
  /** Characters of one property name. */
  keyLength: 200,
  /** Steps. */
  steps: 100,
  /** Fields, counting the fields of groups' rows. */
  fields: 500,
  /** Options of one field. */
  options: 5_000,
  /** Documents to bring. */
  documents: 200,
  /** Fees. */
  fees: 100,
  /** Rules. */
  rules: 500,
  /** Legal bases. */
  legalBasis: 100,
  /** Conditions, counting each one inside "all", "any", "not", "every" and "some". */
  conditions: 1_000,
  /** Conditions in one "all" or "any" list. */
  conditionList: 200,
} as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(pointer: string, segment: string | number): string {
  return `${pointer}/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function count(n: number): string {
  return n.toLocaleString('en');
}

const GETTER = 'a getter is not JSON data; give the value itself, as JSON.parse makes it';

/** Stops the walk once the definition is known to be too big to check further. */
class TooBig extends Error {}

/**
 * Problems that must be fixed before a definition can be checked at all: it is too big, too deep,
 * holds a cycle (an object that contains itself, possible only when an object graph is passed
 * rather than JSON text), or values JSON cannot hold (NaN, Infinity, undefined, functions,
 * class instances). Walks the definition once, never deeper than {@link DEFINITION_LIMITS}
 * `.depth`, so it cannot overflow the stack; an empty array when there is none.
 *
 * @example
 * limitIssues({ steps: Array(1000).fill({}) });
 * // [{ pointer: '/steps', message: 'too many steps: 1,000; a procedure may have at most 100…' }]
 */
export function limitIssues(json: unknown): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const ancestors = new Set<object>();
  let values = 0;
  let size = 0;
  const report = (pointer: string, message: string): void => {
    issues.push({ pointer, message });
    // A hostile definition may have a problem in every value: a hundred say enough.
    if (issues.length >= 100) throw new TooBig();
  };
  const tooBig = (): never => {
    issues.push({
      pointer: '',
      message:
        size > DEFINITION_LIMITS.size
          ? `the definition is too big: over ${count(DEFINITION_LIMITS.size)} characters; split it into several procedures or shorten its texts`
          : `the definition is too big: over ${count(DEFINITION_LIMITS.values)} values; split it into several procedures`,
    });
    throw new TooBig();
  };

  const visit = (value: unknown, pointer: string, depth: number): void => {
    values += 1;
    size += 1;
    if (values > DEFINITION_LIMITS.values || size > DEFINITION_LIMITS.size) tooBig();
    switch (typeof value) {
      case 'string':
        size += value.length;
        if (value.length > DEFINITION_LIMITS.stringLength) {
          report(
            pointer,
            `the text is too long: ${count(value.length)} characters, at most ${count(DEFINITION_LIMITS.stringLength)}; shorten it, or link to a page that explains more`,
          );
        }
        return;
      case 'number':
        if (!Number.isFinite(value)) {
          report(pointer, `${String(value)} is not a JSON number; write a number such as 0 or 100`);
        }
        return;
      case 'boolean':
        return;
      case 'object':
        break;
      default:
        report(
          pointer,
          `a ${typeof value} is not a JSON value; use a string, number, true/false, null, array or object`,
        );
        return;
    }
    if (value === null) return;
    if (ancestors.has(value)) {
      report(
        pointer,
        'this object contains itself (a cycle), which JSON cannot hold; give a copy of the value instead of the object it is inside of',
      );
      return;
    }
    if (depth >= DEFINITION_LIMITS.depth) {
      report(
        pointer,
        `nested too deep: more than ${DEFINITION_LIMITS.depth} objects and arrays inside one another; flatten it (a condition of "all" inside "all" can be one "all")`,
      );
      return;
    }
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) {
      report(
        pointer,
        'not plain JSON data (an instance of a class, such as a Date or a Map); give plain objects, arrays, strings and numbers, as JSON.parse makes them',
      );
      return;
    }
    ancestors.add(value);
    // Properties are read through their descriptors: reading a getter runs code, which may throw
    // or answer differently each time.
    if (Array.isArray(value)) {
      size += value.length;
      for (let index = 0; index < value.length; index++) {
        const item = Object.getOwnPropertyDescriptor(value, index);
        if (item && !('value' in item)) {
          report(join(pointer, index), GETTER);
          continue;
        }
        // A hole of a sparse array reads as undefined, which is reported as such.
        visit(item?.value, join(pointer, index), depth + 1);
      }
    } else {
      for (const key of Object.keys(value)) {
        size += key.length + 3;
        if (key.length > DEFINITION_LIMITS.keyLength) {
          // The pointer names the object: a pointer holding the whole name would be unreadable.
          report(
            pointer,
            `the property name ${JSON.stringify(`${key.slice(0, 40)}…`)} is too long: ${count(key.length)} characters, at most ${count(DEFINITION_LIMITS.keyLength)}; rename it`,
          );
          continue;
        }
        const property = Object.getOwnPropertyDescriptor(value, key);
        if (property && !('value' in property)) {
          report(join(pointer, key), GETTER);
          continue;
        }
        visit(property?.value, join(pointer, key), depth + 1);
      }
    }
    ancestors.delete(value);
  };

  try {
    visit(json, '', 0);
    if (issues.length === 0) countIssues(json, (pointer, message) => report(pointer, message));
  } catch (error) {
    if (!(error instanceof TooBig)) throw error;
  }
  return issues;
}

const LISTS = [
  ['steps', 'steps', 'a procedure may have at most'],
  ['documents', 'documents', 'a procedure may list at most'],
  ['fees', 'fees', 'a procedure may have at most'],
  ['rules', 'rules', 'a procedure may have at most'],
  ['legalBasis', 'legal bases', 'a procedure may cite at most'],
] as const;

/** Where conditions sit: a step's, field's, document's, fee's or rule's. */
const CONDITION_KEYS: ReadonlySet<string> = new Set(['when', 'requiredWhen', 'assert']);

/** Counts of steps, fields, options, documents, fees, rules and legal bases, within limits. */
function countIssues(json: unknown, report: (pointer: string, message: string) => void): void {
  if (!isObject(json)) return;
  for (const [list, noun, most] of LISTS) {
    const items = json[list];
    const limit = DEFINITION_LIMITS[list];
    if (Array.isArray(items) && items.length > limit) {
      report(
        `/${list}`,
        `too many ${noun}: ${count(items.length)}; ${most} ${count(limit)}; split it into several procedures`,
      );
    }
  }
  let fields = 0;
  const visitFields = (nodes: unknown, pointer: string): void => {
    if (!Array.isArray(nodes)) return;
    nodes.forEach((node, index) => {
      if (!isObject(node)) return;
      fields += 1;
      const at = join(pointer, index);
      const options = node.options;
      if (Array.isArray(options) && options.length > DEFINITION_LIMITS.options) {
        report(
          join(at, 'options'),
          `too many options: ${count(options.length)}; a field may have at most ${count(DEFINITION_LIMITS.options)}; for a long list, such as places, use an "address" field or a field with a format`,
        );
      }
      visitFields(node.fields, join(at, 'fields'));
    });
  };
  const steps = Array.isArray(json.steps) ? json.steps : [];
  steps.forEach((step, index) => {
    if (isObject(step)) visitFields(step.fields, join(join('/steps', index), 'fields'));
  });
  let conditions = 0;
  const visitCondition = (node: unknown, pointer: string): void => {
    if (!isObject(node)) return;
    conditions += 1;
    for (const key of ['all', 'any'] as const) {
      const list = node[key];
      if (!Array.isArray(list)) continue;
      if (list.length > DEFINITION_LIMITS.conditionList) {
        report(
          join(pointer, key),
          `too many conditions in one list: ${count(list.length)}, at most ${count(DEFINITION_LIMITS.conditionList)}; a long list of values to compare with is one condition with "in": […]`,
        );
      } else list.forEach((item, index) => visitCondition(item, join(join(pointer, key), index)));
    }
    for (const key of ['not', 'every', 'some']) visitCondition(node[key], join(pointer, key));
  };
  const visitConditions = (node: unknown, pointer: string): void => {
    if (Array.isArray(node))
      node.forEach((item, index) => visitConditions(item, join(pointer, index)));
    else if (isObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (CONDITION_KEYS.has(key)) visitCondition(value, join(pointer, key));
        else visitConditions(value, join(pointer, key));
      }
    }
  };
  visitConditions(json, '');
  if (conditions > DEFINITION_LIMITS.conditions) {
    report(
      '',
      `too many conditions: ${count(conditions)}, counting those inside "all", "any", "not", "every" and "some"; a procedure may have at most ${count(DEFINITION_LIMITS.conditions)}; split it into several procedures`,
    );
  }
  if (fields > DEFINITION_LIMITS.fields) {
    report(
      '/steps',
      `too many fields: ${count(fields)}, counting the fields of groups' rows; a procedure may have at most ${count(DEFINITION_LIMITS.fields)}; split it into several procedures`,
    );
  }
}
