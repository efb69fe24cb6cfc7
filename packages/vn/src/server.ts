// Node only: the Vietnam pack's check for @motcua/server (`"checks": ["@motcua/vn/server"]`),
// reading the address data files this package ships.
import { readFile } from 'node:fs/promises';
import type { Answers, Procedure, ValidationError } from '@motcua/core';
import { checkAddresses } from './address/check.js';
import { createStaticAddressSource } from './address/source.js';

/** The data files, beside `src/` and `dist/` alike. */
const data = new URL('../data/', import.meta.url);

const places = createStaticAddressSource({
  load: async (path) => JSON.parse(await readFile(new URL(path, data), 'utf8')) as unknown,
});

/**
 * Every address in a dossier names a province of the current list and a commune of that
 * province; run by the server after `validate`, since the engine checks an address's shape only.
 *
 * @example
 * createServer({ checks: ['@motcua/vn/server'], procedures: [...] });
 */
export function check(
  procedure: Procedure,
  answers: Answers,
  options: { locale?: string } = {},
): Promise<ValidationError[]> {
  return checkAddresses(procedure, answers, places, options);
}
