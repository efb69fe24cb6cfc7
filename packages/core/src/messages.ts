import { formatDate } from './dates.js';
import type { FieldDefinition, Text } from './definition.js';
import { defaultMessages } from './default-messages.js';
import { DEFAULT_LOCALE, interpolate, localize, midSentence } from './text.js';

/** Message templates by locale, then by code (`required`, `maxLength`, `date.missing-year`, …). */
export type MessageCatalog = { [locale: string]: { [code: string]: string } };

/** Parameters of an error: plain data, so another locale can rebuild the message. */
export type ErrorParams = { [name: string]: string | number | boolean };

/** Codes whose `limit` parameter is an ISO date, shown as dd/mm/yyyy. */
const DATE_LIMIT_CODES = new Set(['dateMin', 'dateMax']);

/** What a message is built for: the code, its parameters, and the field it is about. */
export interface MessageRequest {
  code: string;
  params: ErrorParams;
  field?: FieldDefinition;
  /** A variant tried before the plain code, e.g. `choice` gives `required.choice`. */
  variant?: string;
  /** The rule's own message, for code `rule`. */
  text?: Text;
}

/**
 * Builds the text of a validation message in a locale: the field's own override for the code
 * first, then the catalogs (packs' before the defaults), the variant before the plain code.
 */
export function formatMessage(
  request: MessageRequest,
  locale: string,
  catalogs: readonly MessageCatalog[] = [defaultMessages],
): string {
  const { code, field, variant } = request;
  if (request.text !== undefined) return localize(request.text, locale);
  const keys = variant ? [`${code}.${variant}`, code] : [code];
  let template: string | undefined;
  for (const key of keys) {
    const override = field?.messages?.[key];
    if (override !== undefined) {
      template = localize(override, locale);
      break;
    }
  }
  template ??= lookup(keys, locale, catalogs) ?? lookup(keys, DEFAULT_LOCALE, catalogs) ?? code;
  const label = localize(field?.label, locale);
  const params: Record<string, unknown> = {
    ...request.params,
    Label: label,
    label: midSentence(label),
    item: midSentence(localize(field?.itemLabel ?? field?.label, locale)),
    example: localize(field?.example, locale),
  };
  if (DATE_LIMIT_CODES.has(code) && typeof request.params.limit === 'string') {
    params.limit = formatDate(request.params.limit);
  }
  if (code === 'fileSize' && typeof request.params.limit === 'number') {
    params.limit = formatBytes(request.params.limit, locale);
  }
  return capitalize(interpolate(template, params));
}

function lookup(
  keys: string[],
  locale: string,
  catalogs: readonly MessageCatalog[],
): string | undefined {
  for (const key of keys) {
    for (const catalog of catalogs) {
      const template = catalog[locale]?.[key];
      if (template !== undefined) return template;
    }
  }
  return undefined;
}

/** A file size as people read it: "5 MB", "1,5 MB" in Vietnamese, "300 KB". */
export function formatBytes(bytes: number, locale: string): string {
  const [unit, size] =
    bytes >= 1024 * 1024 ? ['MB', bytes / (1024 * 1024)] : ['KB', Math.max(1, bytes / 1024)];
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(size)} ${unit}`;
}

/** A message starts with a capital even when it starts with a mid-sentence label. */
function capitalize(message: string): string {
  const first = message.charAt(0);
  return first.toUpperCase() + message.slice(1);
}
