// What the volunteer goes through with the citizen: the dossier a kiosk shares, checked with the
// procedure's own `validate` (the very rules the form and the server run), sorted into what to
// fix now, what to check, what is not asked yet, and the papers, each file answered on paper or
// still missing flagged. A plain function over a procedure, so it is the same wherever it runs.

/**
 * @typedef {{ field: string, code: string, message: string }} Issue
 * @typedef {{ id: string, type: string, label: any, required?: boolean, fields?: any[] }} Field
 * @typedef {{
 *   definition: { steps: { id: string, title: any, fields: Field[] }[] },
 *   applicableSteps(answers: unknown): { id: string, title: any, fields: Field[] }[],
 *   visibleFields(step: string, answers: unknown): Field[],
 *   isVisible(path: string, answers: unknown): boolean,
 *   isRequired(path: string, answers: unknown): boolean,
 *   stepOf(path: string): { id: string } | undefined,
 *   validate(answers: unknown, options?: { locale?: string }): { errors: Issue[], warnings: Issue[] },
 *   documents(answers: unknown): { id: string, title: any }[],
 *   papers?(answers: unknown): { field: string, label: any }[],
 * }} ProcedureLike
 * @typedef {{ field: string, label: any, state: 'paper' | 'missing' | 'attached', name?: string, required: boolean }} FileState
 */

/** A file answer declared by name and size, or "I will bring the paper". */
const isPaper = (/** @type {unknown} */ value) =>
  !!value && typeof value === 'object' && /** @type {any} */ (value).paper === true;

/** The answer at `path` (`members.0.name` in a group). */
const valueAt = (/** @type {Record<string, unknown>} */ answers, /** @type {string} */ path) =>
  path
    .split('.')
    .reduce(
      (/** @type {any} */ value, key) =>
        value && typeof value === 'object' ? value[key] : undefined,
      answers,
    );

/** No answer: nothing, an empty text or list, or an unticked box. */
const isEmpty = (/** @type {unknown} */ value) =>
  value === undefined ||
  value === null ||
  value === false ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/**
 * The review of a shared dossier. `step` is where the citizen is: a step id, or `review`,
 * `submitted` (every question asked). Questions left empty on later steps, and required ones on
 * the current step, are "not answered yet", not errors: the citizen has not got there.
 *
 * @param {ProcedureLike} procedure
 * @param {{ answers: Record<string, unknown>, step?: string | null }} dossier
 * @param {string} locale
 */
export function reviewDossier(procedure, dossier, locale) {
  const answers = dossier.answers ?? {};
  const steps = procedure.applicableSteps(answers);
  const at = steps.findIndex((step) => step.id === dossier.step);
  // Past the steps (review, submitted, or a step no longer asked): everything counts.
  const reached = at < 0 ? steps.length : at;
  const indexOf = (/** @type {string} */ path) => {
    const step = procedure.stepOf(path);
    return step ? steps.findIndex((candidate) => candidate.id === step.id) : -1;
  };
  const { errors, warnings } = procedure.validate(answers, { locale });
  /** @type {Issue[]} */
  const toFix = [];
  /** @type {Issue[]} */
  const notYet = [];
  for (const error of errors) {
    const index = indexOf(error.field);
    // A step not reached yet: its empty questions (required, or a rule such as "the owner
    // agrees" that an unticked box breaks) are for later, not mistakes. An answer given there
    // already (on the kiosk's start page) is checked like any other.
    const later = index > reached || (index === reached && error.code === 'required');
    if (later && isEmpty(valueAt(answers, error.field))) notYet.push(error);
    else toFix.push(error);
  }

  /** @type {FileState[]} */
  const files = [];
  const visitFiles = (
    /** @type {Field[]} */ fields,
    /** @type {Record<string, unknown>} */ values,
    /** @type {string} */ prefix,
  ) => {
    for (const field of fields) {
      const path = `${prefix}${field.id}`;
      if (!procedure.isVisible(path, answers)) continue;
      const value = values?.[field.id];
      if (field.type === 'file') {
        const required = procedure.isRequired(path, answers);
        const chosen = Array.isArray(value) ? value[0] : value;
        if (isPaper(value))
          files.push({ field: path, label: field.label, state: 'paper', required });
        else if (chosen && typeof chosen === 'object' && 'name' in chosen) {
          files.push({
            field: path,
            label: field.label,
            state: 'attached',
            name: String(chosen.name),
            required,
          });
        } else files.push({ field: path, label: field.label, state: 'missing', required });
      } else if (field.type === 'group' && Array.isArray(value)) {
        value.forEach((row, index) => visitFiles(field.fields ?? [], row, `${path}.${index}.`));
      }
    }
  };
  for (const step of steps) visitFiles(step.fields, answers, '');

  return {
    steps,
    current: at,
    toFix,
    notYet,
    warnings,
    files,
    /** Files answered on paper, and required ones with nothing yet: each to flag. */
    flaggedFiles: files.filter(
      (file) => file.state === 'paper' || (file.state === 'missing' && file.required),
    ),
    documents: procedure.documents(answers),
  };
}
