// Drafts, as data: what is kept of the answers (never files), and what a newer version of the
// procedure can still use. The element does the storing and the showing.
import {
  type AnswerValue,
  type Answers,
  type FieldDefinition,
  type Procedure,
  type Text,
  localize,
} from '@motcua/core';

/** The answers without file fields' values: a draft keeps what was typed, never files. */
export function withoutFiles(procedure: Procedure, answers: Answers): Answers {
  const kept: Answers = {};
  for (const [id, value] of Object.entries(answers)) {
    const field = procedure.field(id);
    if (field?.type === 'file') continue;
    kept[id] =
      field?.type === 'group' && Array.isArray(value)
        ? (value as Answers[]).map((row) => withoutRowFiles(field, row))
        : value;
  }
  return kept;
}

function withoutRowFiles(group: FieldDefinition, row: Answers): Answers {
  const kept: Answers = {};
  for (const [id, value] of Object.entries(row ?? {})) {
    if (group.fields?.find((inner) => inner.id === id)?.type !== 'file') kept[id] = value;
  }
  return kept;
}

/** The labels of the answered fields, so a later version can name the answers it dropped. */
export function labelsOf(procedure: Procedure, answers: Answers): Record<string, Text> {
  const labels: Record<string, Text> = {};
  for (const id of Object.keys(answers)) {
    const field = procedure.field(id);
    if (field) labels[id] = field.label;
  }
  return labels;
}

/**
 * A draft's answers as this version of the procedure can use them: answers of fields it still
 * asks (and, in group rows, of row fields it still asks), and the labels of the others, so the
 * citizen is told which could not be kept — never silently dropped.
 */
export function carryOver(
  procedure: Procedure,
  answers: Answers,
  labels: Record<string, Text>,
  locale: string,
): { answers: Answers; dropped: string[] } {
  const kept: Answers = {};
  const dropped: string[] = [];
  const name = (id: string) => localize(labels[id], locale) || id;
  for (const [id, value] of Object.entries(answers)) {
    const field = procedure.field(id);
    if (!field) {
      dropped.push(name(id));
      continue;
    }
    if (field.type === 'group' && Array.isArray(value)) {
      const rows = (value as Answers[]).map((row) => {
        const keptRow: Answers = {};
        for (const [inner, innerValue] of Object.entries(row ?? {})) {
          if (field.fields?.some((candidate) => candidate.id === inner)) {
            keptRow[inner] = innerValue as AnswerValue;
          } else {
            const label = `${localize(field.label, locale)}: ${inner}`;
            if (!dropped.includes(label)) dropped.push(label);
          }
        }
        return keptRow;
      });
      kept[id] = rows;
    } else {
      kept[id] = value;
    }
  }
  return { answers: kept, dropped };
}

/** The page's own address with `?resume=<code>`: what the QR code of a saved draft opens. */
export function resumeLink(code: string, href: string): string {
  const url = new URL(href);
  url.searchParams.set('resume', code);
  url.hash = '';
  return url.href;
}
