import { expect, fixture, html } from '@open-wc/testing';
import { createProcedure } from '@motcua/core';
import { type MotcuaProcedure, defineMotcuaProcedure } from '@motcua/elements';
import pack from '@motcua/vn/pack';
import { expectAccessible } from './helpers.js';

defineMotcuaProcedure();

// The number keypad for every digits-only format (issue 12, point 6): a format declares its
// `inputMode`, the Vietnam pack sets it, and the element puts it on the input, so a phone and the
// kiosk's on-screen keyboard show digits for an ID number, a tax code or a postal code.

const procedure = createProcedure(
  {
    id: 'input-modes',
    version: '1.0.0',
    title: 'Bàn phím số',
    steps: [
      {
        id: 'numbers',
        // One page at the kiosk too (it asks one question per page): all the keypads at once.
        title: 'Các số của bạn',
        fields: [
          {
            id: 'personalId',
            type: 'text',
            label: 'Số định danh cá nhân',
            together: 'numbers',
            format: 'vn-personal-id',
          },
          {
            id: 'taxCode',
            type: 'text',
            label: 'Mã số thuế',
            format: 'vn-tax-code',
            together: 'numbers',
          },
          {
            id: 'taxOrId',
            type: 'text',
            label: 'Mã số thuế cá nhân',
            format: 'vn-tax-code-or-id',
            together: 'numbers',
          },
          {
            id: 'postalCode',
            type: 'text',
            label: 'Mã bưu chính',
            format: 'vn-postal-code',
            together: 'numbers',
          },
          { id: 'phone', type: 'phone', label: 'Số điện thoại', together: 'numbers' },
          {
            id: 'name',
            type: 'text',
            label: 'Họ và tên',
            format: 'vn-person-name',
            together: 'numbers',
          },
        ],
      },
    ],
  },
  { packs: [pack] },
);

describe('inputmode from the format', () => {
  it('shows the numeric keypad for ID numbers, tax codes and postal codes; the phone pad for phones', async () => {
    const element = await fixture<MotcuaProcedure>(
      html`<motcua-procedure .procedure=${procedure} mode="kiosk"></motcua-procedure>`,
    );
    await element.updateComplete;
    const modes = Object.fromEntries(
      Array.from(element.shadowRoot!.querySelectorAll('input')).map((input) => [
        input.name,
        input.getAttribute('inputmode'),
      ]),
    );
    expect(modes).to.deep.equal({
      personalId: 'numeric',
      taxCode: 'numeric',
      taxOrId: 'numeric',
      postalCode: 'numeric',
      phone: 'tel',
      name: null,
    });
    await expectAccessible(element, 'digits-only fields with the numeric keypad');
  });
});
