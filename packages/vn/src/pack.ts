import type { OperatorDefinition, Pack } from '@motcua/core';
import { dateText } from './formats/date.js';
import { personName } from './formats/person-name.js';
import {
  type PersonalIdOptions,
  createPersonalIdFormat,
  vnPersonalIdMatches,
} from './formats/personal-id.js';
import { type PhoneOptions, createPhoneFormat } from './formats/phone.js';
import { postalCode } from './formats/postal-code.js';
import { createTaxCodeOrIdFormat, taxCode } from './formats/tax-code.js';
import { messages } from './messages.js';

const TEXT = { type: 'string', minLength: 1 };

/**
 * `vnPersonalIdMatches`, with the shape of its operand for the linter (a mistyped key such as
 * `birthdate` is a definition error, not a check that silently always holds) and the message of
 * a rule that writes none of its own.
 */
const personalIdMatches: OperatorDefinition = {
  ...vnPersonalIdMatches,
  operandSchema: {
    type: 'object',
    minProperties: 1,
    additionalProperties: false,
    properties: { birthDate: TEXT, birthYear: TEXT, sex: TEXT, male: TEXT, female: TEXT },
  },
  message: {
    vi: 'Số định danh không khớp với ngày sinh hoặc giới tính: xem lại số trên thẻ Căn cước',
    en: 'The personal ID does not match the date of birth or sex: check the number on the card',
  },
};

/** Options of {@link createPack}: the lists that are not yet verified, and where to import from. */
export interface VnPackOptions extends PersonalIdOptions, PhoneOptions {
  /**
   * The module a compiled procedure imports this pack from (its default export). Leave it out
   * unless such a module exports a pack made with the same options: a compiled procedure would
   * otherwise run with the default lists.
   */
  module?: string;
}

/**
 * Makes the Vietnam pack with its own province codes or unassigned phone prefixes, for when
 * those lists must change before this package does.
 *
 * @example
 * const vn = createPack({ unassignedPrefixes: ['071'], module: '@my-agency/forms/vn-pack' });
 */
export function createPack(options: VnPackOptions = {}): Pack {
  const personalId = createPersonalIdFormat(options);
  const phone = createPhoneFormat(options);
  return {
    name: 'vn',
    ...(options.module !== undefined && { module: options.module }),
    formats: {
      'vn-personal-id': personalId,
      'vn-phone': phone,
      // A phone question of a Vietnamese procedure asks for a Vietnamese number even where the
      // definition names no format: the built-in `phone` takes any 8 to 15 digits, so a personal
      // ID typed by mistake (001190012345) would pass.
      phone,
      'vn-tax-code': taxCode,
      'vn-tax-code-or-id': createTaxCodeOrIdFormat(personalId),
      'vn-postal-code': postalCode,
      'vn-person-name': personName,
      'vn-date-text': dateText,
    },
    operators: { vnPersonalIdMatches: personalIdMatches },
    messages,
  };
}

/**
 * The Vietnam pack: formats for Vietnamese identifiers, names and dates, the
 * `vnPersonalIdMatches` operator, and their messages in Vietnamese and English.
 *
 * @example
 * import { loadProcedure } from '@motcua/core/compiler';
 * import pack from '@motcua/vn/pack';
 * const procedure = loadProcedure(definition, { packs: [pack] });
 */
export const pack: Pack = /* @__PURE__ */ createPack({ module: '@motcua/vn/pack' });

export default pack;
