import { expect, fixture, html } from '@open-wc/testing';
import { createProcedure } from '@motcua/core';
import { type MotcuaProcedure, defineMotcuaProcedure } from '@motcua/elements';
import { pageSpeech } from '../src/read-aloud.js';
import { axeViolations, formatViolations } from './helpers.js';

defineMotcuaProcedure();

// Options with a `when` (issue 16): the page shows, and "Nghe" reads, only the options offered
// by the answers so far; an answer naming an option no longer offered is asked again.
const procedure = createProcedure({
  id: 'delivery',
  version: '1.0.0',
  title: 'Nhận kết quả',
  steps: [
    {
      id: 'where',
      title: 'Nơi nhận',
      fields: [
        {
          id: 'abroad',
          type: 'radio',
          label: 'Bạn đang ở nước ngoài?',
          options: [
            { value: 'yes', label: 'Có' },
            { value: 'no', label: 'Không' },
          ],
        },
        {
          id: 'delivery',
          type: 'radio',
          label: 'Cách nhận kết quả',
          options: [
            { value: 'counter', label: 'Tại quầy' },
            { value: 'post', label: 'Qua bưu điện', when: { field: 'abroad', equals: 'no' } },
          ],
        },
        {
          id: 'copies',
          type: 'checkboxes',
          label: 'Bản sao',
          required: false,
          options: [
            { value: 'paper', label: 'Bản giấy' },
            {
              value: 'mailed',
              label: 'Gửi thêm qua bưu điện',
              when: { field: 'delivery', equals: 'post' },
            },
          ],
        },
        {
          id: 'members',
          type: 'group',
          label: 'Người nhận',
          itemLabel: 'người nhận',
          fields: [
            { id: 'age', type: 'number', label: 'Tuổi' },
            {
              id: 'relation',
              type: 'select',
              label: 'Quan hệ',
              options: [
                { value: 'parent', label: 'Cha mẹ' },
                { value: 'child', label: 'Con', when: { field: 'age', lt: 18 } },
              ],
            },
          ],
        },
      ],
    },
    { id: 'next', title: 'Bước sau', fields: [{ id: 'note', type: 'text', label: 'Ghi chú' }] },
  ],
});

/** The values of the options a field's controls show on the page. */
function shown(element: MotcuaProcedure, name: string): string[] {
  return Array.from(
    element.shadowRoot!.querySelectorAll<HTMLInputElement | HTMLOptionElement>(
      `input[name="${name}"], select[name="${name}"] option`,
    ),
  )
    .map((control) => control.value)
    .filter((value) => value !== '');
}

describe('<motcua-procedure> options offered on a condition', () => {
  it('shows and reads only the options the answers offer, in radios, checkboxes and rows', async () => {
    const element = await fixture<MotcuaProcedure>(
      html`<motcua-procedure .procedure=${procedure}></motcua-procedure>`,
    );
    const session = element.session!;
    session.set('abroad', 'yes');
    session.set('members', [{ age: 40 }, { age: 10 }]);
    await element.updateComplete;
    expect(shown(element, 'delivery')).to.deep.equal(['counter']);
    expect(shown(element, 'copies')).to.deep.equal(['paper']);
    expect(shown(element, 'members.0.relation')).to.deep.equal(['parent']);
    expect(shown(element, 'members.1.relation')).to.deep.equal(['parent', 'child']);
    const heard = pageSpeech(procedure, element.snapshot!);
    expect(heard).to.include('Tại quầy');
    expect(heard).to.not.include('Qua bưu điện');
    expect(heard).to.not.include('Gửi thêm qua bưu điện');

    session.set('abroad', 'no');
    session.set('delivery', 'post');
    await element.updateComplete;
    expect(shown(element, 'delivery')).to.deep.equal(['counter', 'post']);
    expect(shown(element, 'copies')).to.deep.equal(['paper', 'mailed']);
    expect(pageSpeech(procedure, element.snapshot!)).to.include('Qua bưu điện');
    const violations = await axeViolations(element);
    expect(violations, formatViolations(violations)).to.deep.equal([]);
  });

  it('asks again for an answer whose option is no longer offered, linked to its field', async () => {
    const element = await fixture<MotcuaProcedure>(
      html`<motcua-procedure .procedure=${procedure}></motcua-procedure>`,
    );
    const session = element.session!;
    session.set('abroad', 'no');
    session.set('delivery', 'post');
    session.set('members', [{ age: 40, relation: 'parent' }]);
    session.set('abroad', 'yes');
    await element.updateComplete;
    const root = element.shadowRoot!;
    expect(shown(element, 'delivery')).to.deep.equal(['counter']);
    root.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await element.updateComplete;

    expect(element.snapshot?.step?.id).to.equal('where');
    const link = root.querySelector<HTMLAnchorElement>('.error-summary a')!;
    expect(link.textContent).to.contain('“Qua bưu điện” không còn áp dụng');
    expect(link.getAttribute('href')).to.equal('#f-delivery');
    const violations = await axeViolations(element);
    expect(violations, formatViolations(violations)).to.deep.equal([]);

    root.querySelector<HTMLInputElement>('input[name="delivery"][value="counter"]')!.click();
    await element.updateComplete;
    root.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await element.updateComplete;
    expect(element.snapshot?.step?.id).to.equal('next');
  });
});
