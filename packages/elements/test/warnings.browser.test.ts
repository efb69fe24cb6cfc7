import { expect, fixture, html } from '@open-wc/testing';
import { type Pack, createProcedure } from '@motcua/core';
import { type MotcuaProcedure, defineMotcuaProcedure } from '@motcua/elements';
import { axeViolations, formatViolations } from './helpers.js';

defineMotcuaProcedure();

const pack: Pack = {
  name: 'test',
  formats: {
    postcode: {
      validate: (value) =>
        !/^\d{5}$/.test(value)
          ? false
          : value.startsWith('9')
            ? { code: 'postcode.unusual', severity: 'warning' }
            : true,
    },
  },
  messages: {
    vi: {
      postcode: 'Nhập mã bưu chính gồm 5 chữ số',
      'postcode.unusual': 'Mã bưu chính bắt đầu bằng 9 là ít gặp',
    },
  },
};

const procedure = createProcedure(
  {
    id: 'warnings',
    version: '1.0.0',
    title: 'Thử cảnh báo',
    steps: [
      {
        id: 'where',
        title: 'Nơi ở',
        fields: [
          {
            id: 'postcode',
            type: 'text',
            label: 'Mã bưu chính',
            format: 'postcode',
            required: true,
          },
        ],
      },
      { id: 'next', title: 'Bước sau', fields: [{ id: 'note', type: 'text', label: 'Ghi chú' }] },
    ],
  },
  { packs: [pack] },
);

// A warning is shown, never blocks: the citizen reads it and Continue again goes on.
describe('<motcua-procedure> warnings', () => {
  it('shows a warning summary that takes focus, notes the field, and lets Continue go on', async () => {
    const element = await fixture<MotcuaProcedure>(
      html`<motcua-procedure .procedure=${procedure}></motcua-procedure>`,
    );
    const root = element.shadowRoot!;
    const input = root.querySelector<HTMLInputElement>('#f-postcode')!;
    input.value = '90000';
    input.dispatchEvent(new InputEvent('input'));
    root.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await element.updateComplete;

    expect(element.snapshot?.step?.id).to.equal('where');
    expect(root.querySelector('.error-summary')).to.equal(null);
    const summary = root.querySelector('.warning-summary')!;
    expect(summary.textContent).to.contain('Hãy kiểm tra lại');
    expect(summary.textContent).to.contain('Mã bưu chính bắt đầu bằng 9 là ít gặp');
    expect(root.activeElement).to.equal(summary);
    expect(input.getAttribute('aria-describedby')).to.equal('f-postcode-warning');
    expect(root.querySelector('#f-postcode-warning')?.textContent).to.contain('Lưu ý:');
    const violations = await axeViolations(element);
    expect(violations, formatViolations(violations)).to.deep.equal([]);

    root.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await element.updateComplete;
    expect(element.snapshot?.step?.id).to.equal('next');
  });
});
