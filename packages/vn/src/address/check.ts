import {
  type Answers,
  type FieldDefinition,
  type MessageCatalog,
  type Procedure,
  type ValidationError,
  formatMessage,
} from '@motcua/core';
import type { AddressSource } from './source.js';

/** The messages of {@link checkAddresses}: what is wrong, and what to do. */
export const addressCheckMessages: MessageCatalog = {
  vi: {
    'vn-address.province':
      'Tỉnh, thành phố trong {label} không có trong danh mục đơn vị hành chính hiện hành. Hãy chọn lại trong danh sách',
    'vn-address.commune':
      'Xã, phường, đặc khu trong {label} không thuộc tỉnh, thành phố đã chọn. Hãy chọn lại trong danh sách',
  },
  en: {
    'vn-address.province':
      'The province or city in {label} is not in the current list of administrative units. Choose it again from the list',
    'vn-address.commune':
      'The commune, ward or special zone in {label} is not in the province or city chosen. Choose it again from the list',
  },
};

/** Every address field of a procedure, with the paths of its answers in `answers`. */
function addressPaths(
  fields: readonly FieldDefinition[],
  answers: Answers,
): { field: FieldDefinition; path: string; value: unknown }[] {
  const found: { field: FieldDefinition; path: string; value: unknown }[] = [];
  for (const field of fields) {
    if (field.type === 'address' && answers[field.id] !== undefined) {
      found.push({ field, path: field.id, value: answers[field.id] });
    }
    if (field.type === 'group' && Array.isArray(answers[field.id])) {
      const rows = answers[field.id] as Answers[];
      rows.forEach((row, index) => {
        for (const inner of field.fields ?? []) {
          if (inner.type === 'address' && row?.[inner.id] !== undefined) {
            found.push({
              field: inner,
              path: `${field.id}.${index}.${inner.id}`,
              value: row[inner.id],
            });
          }
        }
      });
    }
  }
  return found;
}

/**
 * On the server, after `procedure.validate(...)`: checks that every address in the dossier
 * names real places, a province of the current list and a commune of that province. The page
 * only offers real places, but a server must not trust what it receives; the engine checks an
 * address's shape, not the data, which it does not carry. Errors are the engine's
 * `ValidationError`s, with a message in `locale` that says what to do.
 *
 * @example
 * const result = procedure.validate(body.answers);
 * const errors = [...result.errors, ...(await checkAddresses(procedure, result.answers, source))];
 */
export async function checkAddresses(
  procedure: Procedure,
  answers: Answers,
  source: AddressSource,
  options: { locale?: string } = {},
): Promise<ValidationError[]> {
  const locale = options.locale ?? 'vi';
  const fields = procedure.definition.steps.flatMap((step) => step.fields);
  const found = addressPaths(fields, answers);
  if (found.length === 0) return [];
  const provinces = new Set((await source.provinces()).map((province) => province.code));
  const errors: ValidationError[] = [];
  for (const { field, path, value } of found) {
    const { province, commune } = (value ?? {}) as { province?: unknown; commune?: unknown };
    let code: string | undefined;
    if (typeof province !== 'string' || !provinces.has(province)) code = 'vn-address.province';
    else {
      const communes = await source.communes(province);
      if (!communes.some((place) => place.code === commune)) code = 'vn-address.commune';
    }
    if (code) {
      const params = {
        province: String(province ?? ''),
        commune: String(commune ?? ''),
      };
      errors.push({
        field: path,
        code,
        params,
        message: formatMessage({ code, params, field }, locale, [addressCheckMessages]),
      });
    }
  }
  return errors;
}
