import { expect, fixture, html } from '@open-wc/testing';
import { createProcedure } from '@motcua/core';
import { type AddressData, type MotcuaProcedure, defineMotcuaProcedure } from '@motcua/elements';
import { ADDRESS_DATA_NOTICE, createAddressData } from '@motcua/vn/address';
import { axeViolations, formatViolations } from './helpers.js';

defineMotcuaProcedure();

// The real data of @motcua/vn, fetched one file at a time as a page would.
const addressData: AddressData = createAddressData({
  load: async (path) => (await fetch(new URL(`../../vn/data/${path}`, import.meta.url))).json(),
});

const procedure = createProcedure({
  id: 'address-test',
  version: '1.0.0',
  title: 'Thử địa chỉ',
  steps: [
    {
      id: 'home',
      title: 'Nơi ở',
      fields: [{ id: 'residence', type: 'address', label: 'Nơi thường trú', required: true }],
    },
  ],
});

describe('<motcua-procedure> address field', () => {
  let element: MotcuaProcedure;
  const root = () => element.shadowRoot!;
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await element.updateComplete;
  };

  beforeEach(async () => {
    element = await fixture<MotcuaProcedure>(
      html`<motcua-procedure
        .addressData=${addressData}
        .procedure=${procedure}
      ></motcua-procedure>`,
    );
  });

  it('chooses province, then a commune typed without diacritics, then the detail; no district', async () => {
    const province = () => root().querySelector<HTMLSelectElement>('#f-residence')!;
    await until(() => province().options.length > 1);
    expect(province().options.length).to.equal(35);
    expect(root().textContent).to.not.match(/[Hh]uyện|[Qq]uận/);
    expect(root().textContent).to.contain(ADDRESS_DATA_NOTICE);

    province().value = '66';
    province().dispatchEvent(new Event('change'));
    const list = () => root().querySelector<HTMLSelectElement>('#f-residence-commune')!;
    await until(() => list().options.length > 0);
    expect(list().disabled).to.equal(false);

    const search = root().querySelector<HTMLInputElement>('#f-residence-commune-search')!;
    search.value = 'ea hleo';
    search.dispatchEvent(new InputEvent('input'));
    const visible = Array.from(list().options).filter((option) => !option.hidden);
    expect(visible.map((option) => option.textContent?.trim())).to.include("Xã Ea H'Leo");

    list().value = visible.find((option) => option.textContent?.includes("Ea H'Leo"))!.value;
    list().dispatchEvent(new Event('change'));
    await element.updateComplete;
    const detail = root().querySelector<HTMLInputElement>('#f-residence-detail')!;
    detail.value = 'Thôn 3';
    detail.dispatchEvent(new InputEvent('input'));
    await element.updateComplete;

    const violations = await axeViolations(element);
    expect(violations, formatViolations(violations)).to.deep.equal([]);

    root().querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await element.updateComplete;
    expect(element.snapshot?.status).to.equal('review');
    expect({ ...(element.snapshot?.answers.residence as object) }).to.deep.equal({
      province: '66',
      commune: '24184',
      detail: 'Thôn 3',
    });
    expect(root().querySelector('.summary-list__value')?.textContent?.trim()).to.equal(
      "Thôn 3, Xã Ea H'Leo, Tỉnh Đắk Lắk",
    );
  });

  it('says which part of the address is missing', async () => {
    const province = () => root().querySelector<HTMLSelectElement>('#f-residence')!;
    await until(() => province().options.length > 1);
    province().value = '01';
    province().dispatchEvent(new Event('change'));
    await element.updateComplete;
    root().querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await element.updateComplete;
    expect(root().querySelector('.error-summary a')?.textContent?.trim()).to.equal(
      'Chọn xã, phường, đặc khu trong nơi thường trú',
    );
    await until(
      () => root().querySelector<HTMLSelectElement>('#f-residence-commune')!.options.length > 0,
    );
    expect(root().querySelector('#f-residence-commune')?.getAttribute('aria-invalid')).to.equal(
      'true',
    );
    const violations = await axeViolations(element);
    expect(violations, formatViolations(violations)).to.deep.equal([]);
  });

  it('suggests the new commune when the citizen types an old, pre-merger one', async () => {
    const province = () => root().querySelector<HTMLSelectElement>('#f-residence')!;
    await until(() => province().options.length > 1);
    province().value = '79';
    province().dispatchEvent(new Event('change'));
    const list = () => root().querySelector<HTMLSelectElement>('#f-residence-commune')!;
    await until(() => list().options.length > 0);
    const search = root().querySelector<HTMLInputElement>('#f-residence-commune-search')!;
    search.value = 'phuong 12 go vap';
    search.dispatchEvent(new InputEvent('input'));
    const suggestion = () => root().querySelector<HTMLButtonElement>('.address__formerly button');
    await until(() => suggestion() !== null);
    expect(suggestion()?.textContent).to.equal(
      'Chọn Phường An Hội Tây (trước đây là Phường 12, Quận Gò Vấp)',
    );
    suggestion()!.click();
    await element.updateComplete;
    expect((element.snapshot?.answers.residence as { commune?: string }).commune).to.equal('26882');
    expect(list().value).to.equal('26882');
  });
});
