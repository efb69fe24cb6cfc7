import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import { type Answers, createManualClock, createProcedure } from '@motcua/core';
import procedure from '../../core/test/every-field.procedure.json';
import {
  type MotcuaProcedure,
  defineMotcuaProcedure,
  fieldShell,
  registerField,
} from '@motcua/elements';

defineMotcuaProcedure();

// Every field type of the engine, through the element as a citizen would use it: typed,
// clicked, chosen, attached; then validated on Continue, and submitted with the right shape.
describe('<motcua-procedure> with every field type', () => {
  let element: MotcuaProcedure;
  let sent: Answers[];

  const root = () => element.shadowRoot!;
  const byId = <T extends HTMLElement>(id: string) => {
    const found = root().querySelector<T>(`#${id}`);
    if (!found)
      throw new Error(`no #${id} on the page "${root().querySelector('h1')?.textContent?.trim()}"`);
    return found;
  };
  const settle = () => element.updateComplete;
  async function type(id: string, value: string): Promise<void> {
    const input = byId<HTMLInputElement>(id);
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: value }));
    await settle();
  }
  async function click(selector: string): Promise<void> {
    const target = root().querySelector<HTMLElement>(selector);
    if (!target) throw new Error(`nothing matches ${selector}`);
    target.click();
    await settle();
  }
  async function choose(id: string, value: string): Promise<void> {
    const select = byId<HTMLSelectElement>(id);
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await settle();
  }
  const continueButton = () => click('form button[type=submit]');
  const errorFields = () =>
    [...root().querySelectorAll<HTMLAnchorElement>('.error-summary a')].map((link) =>
      link.getAttribute('href'),
    );

  beforeEach(async () => {
    sent = [];
    element = await fixture<MotcuaProcedure>(
      html`<motcua-procedure
        .clock=${createManualClock('2025-09-01T09:00:00+07:00')}
        .submit=${async (answers: Answers) => {
          sent.push(JSON.parse(JSON.stringify(answers)));
          return { dossierCode: 'HS-TEST-1' };
        }}
        .procedure=${procedure}
      ></motcua-procedure>`,
    );
  });

  it('renders, validates and submits text, textarea, number, email, phone, dates, year, choices, checkboxes, checkbox, file and group rows', async () => {
    // Text-like fields, with two errors first.
    await type('f-name', 'Lê Thị Hoa');
    await type('f-about', 'Ghi chú\nhai dòng');
    await type('f-count', 'hai');
    await type('f-email', 'hoa@');
    await continueButton();
    expect(errorFields()).to.deep.equal(['#f-count', '#f-email']);
    await type('f-count', '2');
    await type('f-email', 'hoa@example.com');
    await type('f-phone', '0912 345 678');
    await continueButton();

    // Dates as three inputs, and a year.
    expect(root().querySelector('h1')?.textContent).to.contain('Ngày tháng');
    await type('f-dob', '17');
    await type('f-dob-year', '1990');
    await continueButton();
    expect(root().querySelector('.error-summary a')?.textContent?.trim()).to.equal(
      'Ngày sinh phải có tháng',
    );
    await type('f-dob-month', '5');
    await type('f-year', '1965');
    await continueButton();

    // Radios, select, checkboxes, a field revealed by a choice, a required checkbox.
    await click('input[type=radio][value=b]');
    await choose('f-province', 'hn');
    await click('input[type=checkbox][value=online]');
    await type('f-proofNumber', '123456');
    await continueButton();
    expect(errorFields()).to.deep.equal(['#f-agree']);
    await click('#f-agree');
    await continueButton();

    // A file (as the file picker would set it) and group rows.
    const transfer = new DataTransfer();
    transfer.items.add(new File(['%PDF-1.4'], 'giay-to.pdf', { type: 'application/pdf' }));
    const file = byId<HTMLInputElement>('f-scan');
    file.files = transfer.files;
    file.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await settle();
    await continueButton();
    expect(errorFields()).to.deep.equal(['#f-members']);
    await click('#f-members-add');
    await type('f-members-0-memberName', 'Lê Văn Nam');
    await choose('f-members-0-memberRelation', 'other');
    await type('f-members-0-memberRelationOther', 'Cháu');
    await continueButton();

    expect(element.snapshot?.status).to.equal('review');
    expect(element.files.get('scan')?.[0]?.name).to.equal('giay-to.pdf');
    await click('.review .button');
    // Portal mode writes the dossier to the device's outbox before it leaves.
    await waitUntil(() => sent.length > 0, 'the dossier was not sent');
    await settle();

    expect(sent).to.have.length(1);
    expect(sent[0]).to.deep.equal({
      name: 'Lê Thị Hoa',
      about: 'Ghi chú\nhai dòng',
      count: 2,
      email: 'hoa@example.com',
      phone: '0912345678',
      dob: '1990-05-17',
      year: 1965,
      kind: 'b',
      province: 'hn',
      channels: ['online'],
      proofNumber: '123456',
      agree: true,
      scan: [{ name: 'giay-to.pdf', type: 'application/pdf', size: 8 }],
      members: [{ memberName: 'Lê Văn Nam', memberRelation: 'other', memberRelationOther: 'Cháu' }],
    });
    expect(root().querySelector('.dossier-code')?.textContent).to.equal('HS-TEST-1');
  });
});

describe('<motcua-procedure> with custom field types', () => {
  const custom = createProcedure({
    id: 'custom',
    version: '1.0.0',
    title: 'Thử loại trường riêng',
    steps: [
      {
        id: 'sign',
        title: 'Ký tên',
        fields: [
          { id: 'signature', type: 'x-signature', label: 'Chữ ký của bạn', required: true },
          { id: 'place', type: 'x-map', label: 'Vị trí trên bản đồ' },
        ],
      },
    ],
  });

  it('renders a registered renderer in the same shadow root, and a named slot for one with none', async () => {
    registerField('x-signature', (context) =>
      fieldShell(
        context,
        html`<input
          id=${context.id}
          class="input"
          aria-describedby=${context.describedBy ?? nothing}
          @input=${(event: Event) => context.set((event.target as HTMLInputElement).value)}
        />`,
      ),
    );
    const element = await fixture<MotcuaProcedure>(
      html`<motcua-procedure .procedure=${custom}></motcua-procedure>`,
    );
    const root = element.shadowRoot!;
    expect(root.querySelector('label[for=f-signature]')?.textContent).to.contain('Chữ ký của bạn');
    expect(root.querySelector('slot[name=field-place]')).to.not.equal(null);

    (root.querySelector('form button[type=submit]') as HTMLButtonElement).click();
    await element.updateComplete;
    expect(root.querySelector('#f-signature-error')?.textContent).to.contain('Nhập chữ ký của bạn');
    expect(root.querySelector('#f-signature')?.getAttribute('aria-describedby')).to.equal(
      'f-signature-error',
    );

    const input = root.querySelector<HTMLInputElement>('#f-signature')!;
    input.value = 'Nguyễn Văn An';
    input.dispatchEvent(new InputEvent('input'));
    (root.querySelector('form button[type=submit]') as HTMLButtonElement).click();
    await element.updateComplete;
    expect(element.snapshot?.status).to.equal('review');
    expect(element.snapshot?.answers.signature).to.equal('Nguyễn Văn An');
  });
});
