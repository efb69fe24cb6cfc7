import { expect, fixture, html } from '@open-wc/testing';
import { createProcedure } from '@motcua/core';
import { type MotcuaProcedure, defineMotcuaProcedure } from '@motcua/elements';
import { axeViolations, formatViolations } from './helpers.js';

defineMotcuaProcedure();

// A rule checked row by row ("each") reports at the row's field, and so does a `unique` rule at
// the row that repeats an earlier one: the summary links there.
const procedure = createProcedure({
  id: 'row-errors',
  version: '1.0.0',
  title: 'Thử lỗi theo dòng',
  steps: [
    {
      id: 'household',
      title: 'Thành viên hộ gia đình',
      fields: [
        {
          id: 'members',
          type: 'group',
          label: 'Thành viên',
          itemLabel: 'thành viên',
          fields: [
            { id: 'fullName', type: 'text', label: 'Họ và tên' },
            { id: 'personalId', type: 'text', label: 'Số định danh' },
          ],
        },
      ],
    },
    { id: 'next', title: 'Bước sau', fields: [{ id: 'note', type: 'text', label: 'Ghi chú' }] },
  ],
  rules: [
    {
      id: 'id-for-each',
      each: 'members',
      when: { field: 'fullName', filled: true },
      assert: { field: 'personalId', filled: true },
      fields: ['personalId'],
      message: 'Nhập số định danh của thành viên này',
    },
    {
      id: 'one-id-each',
      assert: { field: 'members', unique: 'personalId' },
      fields: ['members'],
      message: 'Số định danh này đã ghi cho một thành viên khác: sửa số bị nhập sai',
    },
  ],
});

describe('<motcua-procedure> row errors', () => {
  it("links the error summary to the row's field and focuses it", async () => {
    const element = await fixture<MotcuaProcedure>(
      html`<motcua-procedure .procedure=${procedure}></motcua-procedure>`,
    );
    element.session!.set('members', [
      { fullName: 'Lê Văn A', personalId: '001080000001' },
      { fullName: 'Lê Thị B' },
    ]);
    await element.updateComplete;
    const root = element.shadowRoot!;
    root.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await element.updateComplete;

    expect(element.snapshot?.step?.id).to.equal('household');
    const link = root.querySelector<HTMLAnchorElement>('.error-summary a')!;
    expect(link.textContent).to.contain('Nhập số định danh của thành viên này');
    expect(link.getAttribute('href')).to.equal('#f-members-1-personalId');
    const input = root.querySelector<HTMLInputElement>('#f-members-1-personalId')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(
      root.querySelector('#f-members-0-personalId')!.getAttribute('aria-invalid'),
    ).to.not.equal('true');
    const violations = await axeViolations(element);
    expect(violations, formatViolations(violations)).to.deep.equal([]);

    link.click();
    await element.updateComplete;
    expect(root.activeElement).to.equal(input);
  });

  it('puts a repeated personal ID on the row that repeats it', async () => {
    const element = await fixture<MotcuaProcedure>(
      html`<motcua-procedure .procedure=${procedure}></motcua-procedure>`,
    );
    element.session!.set('members', [
      { fullName: 'Lê Văn A', personalId: '001080000001' },
      { fullName: 'Lê Thị B', personalId: '001080000002' },
      { fullName: 'Lê Thị C', personalId: '001080000001' },
    ]);
    await element.updateComplete;
    const root = element.shadowRoot!;
    root.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await element.updateComplete;

    const links = [...root.querySelectorAll<HTMLAnchorElement>('.error-summary a')];
    expect(
      links.map((link) => [link.getAttribute('href'), link.textContent!.trim()]),
    ).to.deep.equal([
      [
        '#f-members-2-personalId',
        'Số định danh này đã ghi cho một thành viên khác: sửa số bị nhập sai',
      ],
    ]);
    const input = root.querySelector<HTMLInputElement>('#f-members-2-personalId')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    for (const row of [0, 1]) {
      expect(
        root.querySelector(`#f-members-${row}-personalId`)!.getAttribute('aria-invalid'),
      ).to.not.equal('true');
    }
    const violations = await axeViolations(element);
    expect(violations, formatViolations(violations)).to.deep.equal([]);
    links[0]!.click();
    await element.updateComplete;
    expect(root.activeElement).to.equal(input);
  });
});
