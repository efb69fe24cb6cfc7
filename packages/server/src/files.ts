import type { Answers, FieldDefinition, FileAnswer, ProcedureDefinition } from '@motcua/core';
import { isPaperAnswer } from '@motcua/core';

/** A file the dossier's answers say the citizen chose, with the rules of its field. */
export interface DeclaredFile {
  /** The field as a path: `birthNoticeScan`, or `members.1.idCard` in a group row. */
  field: string;
  name: string;
  size: number;
  type: string;
  accept: readonly string[] | undefined;
  maxSize: number | undefined;
  maxFiles: number;
}

function isFile(value: unknown): value is FileAnswer {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FileAnswer).name === 'string' &&
    typeof (value as FileAnswer).size === 'number'
  );
}

function collect(
  fields: readonly FieldDefinition[],
  answers: Answers,
  prefix: string,
  out: DeclaredFile[],
) {
  for (const field of fields) {
    const value = answers[field.id];
    if (field.type === 'group' && Array.isArray(value)) {
      (value as Answers[]).forEach((row, index) => {
        if (row && typeof row === 'object') {
          collect(field.fields ?? [], row, `${prefix}${field.id}.${index}.`, out);
        }
      });
    } else if (field.type === 'file') {
      const files = Array.isArray(value) ? value : value === undefined ? [] : [value];
      for (const file of files) {
        // A paper brought to the counter ({paper: true}) is not uploaded.
        if (!isFile(file)) continue;
        out.push({
          field: `${prefix}${field.id}`,
          name: file.name,
          size: file.size,
          type: typeof file.type === 'string' ? file.type : '',
          accept: field.accept,
          maxSize: field.maxSize,
          maxFiles: field.maxFiles ?? 1,
        });
      }
    }
  }
}

/** Every file the (validated, pruned) answers declare, in the order of the form. */
export function declaredFiles(definition: ProcedureDefinition, answers: Answers): DeclaredFile[] {
  const out: DeclaredFile[] = [];
  for (const step of definition.steps) collect(step.fields, answers, '', out);
  return out;
}

/** The media types a field's `accept` list allows, as words for a message: "PDF, JPEG, PNG". */
export function describeAccept(accept: readonly string[] | undefined): string {
  if (!accept || accept.length === 0) return '*';
  return accept
    .map((entry) => (entry.startsWith('.') ? entry.slice(1) : (entry.split('/')[1] ?? entry)))
    .map((word) => word.toUpperCase())
    .join(', ');
}

/**
 * Whether a file whose content was detected as `mime` (with extension `ext`) is one of `accept`:
 * a media type (`application/pdf`), a family (`image/*`) or an extension (`.jpg`).
 */
export function accepts(accept: readonly string[] | undefined, mime: string, ext: string): boolean {
  if (!accept || accept.length === 0) return true;
  return accept.some((entry) => {
    const wanted = entry.trim().toLowerCase();
    if (wanted.startsWith('.')) {
      const same = wanted.slice(1);
      return (
        same === ext || (same === 'jpeg' && ext === 'jpg') || (same === 'jpg' && ext === 'jpg')
      );
    }
    if (wanted.endsWith('/*')) return mime.startsWith(wanted.slice(0, -1));
    return wanted === mime;
  });
}

/** A size in the unit a citizen reads: "10 MB", "500 KB". */
export function describeSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

function strip(fields: readonly FieldDefinition[], answers: Answers): Answers {
  const out: Answers = Object.create(null) as Answers;
  for (const [key, value] of Object.entries(answers)) {
    const field = fields.find((candidate) => candidate.id === key);
    // The choice to bring a paper is kept: it is an answer, not a file.
    if (field?.type === 'file' && !isPaperAnswer(value)) continue;
    if (field?.type === 'group' && Array.isArray(value)) {
      out[key] = (value as Answers[]).map((row) =>
        row && typeof row === 'object' ? strip(field.fields ?? [], row) : row,
      );
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * The answers without any file field's value: a draft keeps what was typed, never files (the
 * choice to bring a paper is kept).
 */
export function withoutFiles(definition: ProcedureDefinition, answers: Answers): Answers {
  return strip(
    definition.steps.flatMap((step) => step.fields),
    answers,
  );
}

function shareable(fields: readonly FieldDefinition[], answers: Answers): Answers {
  const out: Answers = Object.create(null) as Answers;
  for (const [key, value] of Object.entries(answers)) {
    const field = fields.find((candidate) => candidate.id === key);
    if (field?.type === 'file') {
      if (isPaperAnswer(value)) out[key] = { paper: true };
      else {
        const files = (Array.isArray(value) ? value : [value]).filter(isFile);
        out[key] = files.map(({ name, type, size }) => ({ name, type, size }));
      }
    } else if (field?.type === 'group' && Array.isArray(value)) {
      out[key] = (value as Answers[]).map((row) =>
        row && typeof row === 'object' ? shareable(field.fields ?? [], row) : row,
      );
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * The answers a kiosk may share with a volunteer: everything typed, and of each file only its
 * name, type and size (or the choice to bring the paper), so that no file content leaves the
 * kiosk, whatever a page puts there.
 */
export function shareableAnswers(definition: ProcedureDefinition, answers: Answers): Answers {
  return shareable(
    definition.steps.flatMap((step) => step.fields),
    answers,
  );
}
