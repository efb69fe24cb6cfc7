import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, type TemplateResult } from 'lit';
import {
  type AnswerValue,
  type Answers,
  FIELD_TYPES,
  type FieldDefinition,
  type ValidationError,
  localize,
} from '@motcua/core';
// The renderers, the registry and the styles are internals of @motcua/elements (not in its
// `exports`), so they are imported by path.
import {
  type FieldContext,
  type FieldRenderer,
  fieldRenderer,
  loadFieldRenderer,
  registerField,
  registerFieldLoader,
} from '../src/field-registry.js';
import { loadBuiltinFields, registerBuiltinFields } from '../src/fields/index.js';
import { renderDate } from '../src/fields/date.js';
import { fieldStyles } from '../src/fields/styles.js';
import type { FileEventDetail } from '../src/fields/file.js';
import { elementStyles } from '../src/styles.js';
import { loadStrings, stringsFor } from '../src/strings.js';

registerBuiltinFields();
// The element's English words are a chunk, as on a page; these tests render in English too.
await loadStrings('en');
// Address, file and group renderers are chunks loaded on demand (what the element does when a
// page needs one); these tests render them directly.
await loadBuiltinFields();

/** `members.0.name` → `f-members-0-name`, as the element names controls. */
const domId = (path: string) => `f-${path.replace(/\./g, '-')}`;

/**
 * A minimal host: builds a FieldContext for one field, renders it with the registered
 * renderer, and records every `set` (then stores it and re-renders, as the element does).
 */
class FieldHarness extends LitElement {
  static override properties = {
    field: { attribute: false },
    answers: { attribute: false },
    errors: { attribute: false },
    pageHeading: { type: Boolean, attribute: 'page-heading' },
    mode: { reflect: true },
    locale: {},
  };
  static override styles = [elementStyles, fieldStyles];

  declare field: FieldDefinition;
  declare answers: Answers;
  declare errors: ValidationError[];
  declare pageHeading: boolean;
  declare mode: 'portal' | 'kiosk';
  declare locale: string;
  /** Row field ids that `rowFieldState` reports hidden. */
  hiddenRowFields = new Set<string>();
  sets: { value: AnswerValue; path: string }[] = [];

  constructor() {
    super();
    this.answers = {};
    this.errors = [];
    this.pageHeading = false;
    this.mode = 'portal';
    this.locale = 'vi';
  }

  valueAt(path: string): AnswerValue {
    const [head, index, rowField] = path.split('.');
    const value = this.answers[head!];
    if (rowField === undefined) return value;
    return (value as Answers[] | undefined)?.[Number(index)]?.[rowField];
  }

  store(value: AnswerValue, path: string): void {
    this.sets.push({ value, path });
    const [head, index, rowField] = path.split('.');
    if (rowField === undefined) {
      this.answers = { ...this.answers, [head!]: value };
      return;
    }
    const rows = [...((this.answers[head!] as Answers[] | undefined) ?? [])];
    rows[Number(index)] = { ...rows[Number(index)], [rowField]: value };
    this.answers = { ...this.answers, [head!]: rows };
  }

  context(field: FieldDefinition, path: string, isPageHeading: boolean): FieldContext {
    const id = domId(path);
    const error = this.errors.find((candidate) => candidate.field === path);
    const hasHint = field.hint !== undefined || field.example !== undefined;
    const describedBy = [hasHint ? `${id}-hint` : '', error ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ');
    return {
      field,
      path,
      id,
      hintId: `${id}-hint`,
      errorId: `${id}-error`,
      describedBy: describedBy || undefined,
      value: this.valueAt(path),
      error,
      errors: this.errors,
      required: field.required === true,
      isPageHeading,
      locale: this.locale,
      mode: this.mode,
      strings: stringsFor(this.locale),
      text: (text) => localize(text, this.locale),
      set: (value, at = path) => this.store(value, at),
      renderField: (inner, innerPath) => this.renderAt(inner, innerPath, false),
      addressData: undefined,
      resource: () => undefined,
      rowFieldState: (inner) => ({
        visible: !this.hiddenRowFields.has(inner.id),
        required: inner.required === true,
      }),
    };
  }

  renderAt(field: FieldDefinition, path: string, isPageHeading: boolean): TemplateResult {
    const renderer = fieldRenderer(field.type);
    if (!renderer) throw new Error(`no renderer for ${field.type}`);
    return renderer(this.context(field, path, isPageHeading));
  }

  protected override render(): TemplateResult {
    return html`<main lang=${this.locale}>
      ${this.renderAt(this.field, this.field.id, this.pageHeading)}
    </main>`;
  }
}
customElements.define('field-harness', FieldHarness);

async function mount(
  field: FieldDefinition,
  setup: Partial<Pick<FieldHarness, 'answers' | 'errors' | 'pageHeading' | 'mode'>> & {
    hiddenRowFields?: string[];
  } = {},
): Promise<FieldHarness> {
  const element = document.createElement('field-harness') as FieldHarness;
  element.field = field;
  if (setup.answers) element.answers = setup.answers;
  if (setup.errors) element.errors = setup.errors;
  if (setup.pageHeading) element.pageHeading = true;
  if (setup.mode) element.mode = setup.mode;
  for (const id of setup.hiddenRowFields ?? []) element.hiddenRowFields.add(id);
  const mounted = await fixture<FieldHarness>(html`<div>${element}</div>`);
  const harness = mounted.querySelector('field-harness') as FieldHarness;
  await harness.updateComplete;
  return harness;
}

function $<T extends Element = HTMLElement>(harness: FieldHarness, selector: string): T {
  const found = harness.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

function $$<T extends Element = HTMLElement>(harness: FieldHarness, selector: string): T[] {
  return Array.from(harness.shadowRoot!.querySelectorAll<T>(selector));
}

const text = (element: Element | null | undefined) =>
  (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The text of the elements an `aria-describedby` names, in order. */
function description(harness: FieldHarness, element: Element): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => text(harness.shadowRoot!.getElementById(id)))
    .join(' | ');
}

function error(field: string, message: string, code = 'required', params = {}): ValidationError {
  return { field, code, params, message };
}

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

const sex: FieldDefinition = {
  id: 'childSex',
  type: 'radio',
  label: { vi: 'Giới tính', en: 'Sex' },
  hint: 'Như trên Giấy chứng sinh',
  required: true,
  options: [
    { value: 'male', label: 'Nam' },
    { value: 'female', label: 'Nữ' },
  ],
};

const relationship: FieldDefinition = {
  id: 'requesterRelationship',
  type: 'radio',
  label: 'Bạn là gì của trẻ?',
  options: [
    { value: 'father', label: 'Cha' },
    { value: 'mother', label: 'Mẹ' },
    { value: 'other', label: 'Người thân khác', hint: 'Ông, bà, anh, chị…' },
  ],
};

describe('renderers loaded on demand', () => {
  it('loads once for every caller, and then fieldRenderer has it', async () => {
    let loads = 0;
    const renderer: FieldRenderer = () => html`<p>lazy</p>`;
    registerFieldLoader('x-lazy-once', async () => {
      loads++;
      return renderer;
    });
    expect(fieldRenderer('x-lazy-once')).to.equal(undefined);
    const first = loadFieldRenderer('x-lazy-once');
    const second = loadFieldRenderer('x-lazy-once');
    expect(first).to.equal(second);
    await first;
    expect(loads).to.equal(1);
    expect(fieldRenderer('x-lazy-once')).to.equal(renderer);
    expect(loadFieldRenderer('x-lazy-once'), 'nothing left to load').to.equal(undefined);
  });

  it('keeps a renderer a host registered before the chunk arrived', async () => {
    const host: FieldRenderer = () => html`<p>host</p>`;
    registerFieldLoader('x-lazy-host', async () => () => html`<p>built-in</p>`);
    const pending = loadFieldRenderer('x-lazy-host');
    registerField('x-lazy-host', host);
    await pending;
    expect(fieldRenderer('x-lazy-host')).to.equal(host);
  });

  it('tries again after a failed load (a chunk lost on a bad network)', async () => {
    let attempts = 0;
    const renderer: FieldRenderer = () => html`<p>second time</p>`;
    registerFieldLoader('x-lazy-retry', async () => {
      attempts++;
      if (attempts === 1) throw new Error('network');
      return renderer;
    });
    let failed = false;
    await loadFieldRenderer('x-lazy-retry')?.catch(() => (failed = true));
    expect(failed).to.equal(true);
    await loadFieldRenderer('x-lazy-retry');
    expect(attempts).to.equal(2);
    expect(fieldRenderer('x-lazy-retry')).to.equal(renderer);
  });

  it('has nothing to load for a type with no loader', () => {
    expect(loadFieldRenderer('x-no-such-type')).to.equal(undefined);
  });
});

describe('registerBuiltinFields', () => {
  it('registers a renderer for every field type the engine knows (address, file and group once loaded)', () => {
    for (const fieldType of FIELD_TYPES)
      expect(fieldRenderer(fieldType), fieldType).to.be.a('function');
  });

  it('keeps a renderer a host registered, when called again', () => {
    const custom = () => html`<p>custom</p>`;
    registerField('date', custom);
    try {
      registerBuiltinFields();
      expect(fieldRenderer('date')).to.equal(custom);
    } finally {
      registerField('date', renderDate);
    }
  });
});

describe('radio', () => {
  it('asks the question in the legend, with the hint and error described on the fieldset', async () => {
    const harness = await mount(sex, { errors: [error('childSex', 'Chọn giới tính')] });
    expect(text($(harness, 'legend'))).to.equal('Giới tính');
    const fieldset = $(harness, 'fieldset');
    expect(description(harness, fieldset)).to.equal(
      'Như trên Giấy chứng sinh | Lỗi: Chọn giới tính',
    );
    const radios = $$<HTMLInputElement>(harness, 'input[type=radio]');
    expect(radios.map((radio) => radio.id)).to.deep.equal(['f-childSex', 'f-childSex-1']);
    expect(radios.every((radio) => radio.getAttribute('aria-invalid') === 'true')).to.equal(true);
    expect($(harness, 'label[for=f-childSex]').textContent?.trim()).to.equal('Nam');
    await expect(harness).to.be.accessible();
  });

  it('stores the chosen value on change and shows it checked', async () => {
    const harness = await mount(sex);
    $<HTMLInputElement>(harness, '#f-childSex-1').click();
    await harness.updateComplete;
    expect(harness.sets).to.deep.equal([{ value: 'female', path: 'childSex' }]);
    expect($<HTMLInputElement>(harness, '#f-childSex-1').checked).to.equal(true);
  });

  it('sets two short answers side by side, and longer ones stacked', async () => {
    expect($(await mount(sex), '.radios').classList.contains('radios--inline')).to.equal(true);
    const long = {
      ...sex,
      options: [
        { value: 'yes', label: 'Đã xác định được cha' },
        { value: 'no', label: 'Chưa' },
      ],
    };
    expect($(await mount(long), '.radios').classList.contains('radios--inline')).to.equal(false);
    expect($(await mount(relationship), '.radios').classList.contains('radios--inline')).to.equal(
      false,
    );
  });

  it('marks an optional question and describes an option by its own hint', async () => {
    const harness = await mount(relationship, { answers: { requesterRelationship: 'mother' } });
    expect(text($(harness, 'legend'))).to.equal('Bạn là gì của trẻ? (không bắt buộc)');
    const other = $<HTMLInputElement>(harness, '#f-requesterRelationship-2');
    expect(description(harness, other)).to.equal('Ông, bà, anh, chị…');
    expect($<HTMLInputElement>(harness, '#f-requesterRelationship-1').checked).to.equal(true);
    expect(other.hasAttribute('aria-invalid')).to.equal(false);
    await expect(harness).to.be.accessible();
  });

  it('puts the question in the page heading on a one-question page', async () => {
    const harness = await mount(sex, { pageHeading: true });
    expect(text($(harness, 'legend h1'))).to.equal('Giới tính');
    await expect(harness).to.be.accessible();
  });
});

describe('checkboxes', () => {
  const documents: FieldDefinition = {
    id: 'documents',
    type: 'checkboxes',
    label: 'Bạn mang theo giấy tờ nào?',
    hint: 'Chọn tất cả giấy tờ bạn có',
    required: true,
    options: [
      { value: 'birthNotice', label: 'Giấy chứng sinh' },
      { value: 'marriage', label: 'Giấy chứng nhận kết hôn', hint: 'Nếu cha mẹ đã đăng ký' },
      { value: 'residence', label: 'Giấy xác nhận cư trú' },
    ],
  };

  it('stores the ticked values in the order of the options', async () => {
    const harness = await mount(documents);
    $<HTMLInputElement>(harness, '#f-documents-2').click();
    await harness.updateComplete;
    $<HTMLInputElement>(harness, '#f-documents').click();
    await harness.updateComplete;
    expect(harness.sets.map((set) => set.value)).to.deep.equal([
      ['residence'],
      ['birthNotice', 'residence'],
    ]);
    $<HTMLInputElement>(harness, '#f-documents-2').click();
    expect(harness.sets.at(-1)?.value).to.deep.equal(['birthNotice']);
  });

  it('shows the answer ticked, the legend, the hints and the error', async () => {
    const harness = await mount(documents, {
      answers: { documents: ['marriage'] },
      errors: [error('documents', 'Chọn giấy tờ bạn có')],
    });
    expect(text($(harness, 'legend'))).to.equal('Bạn mang theo giấy tờ nào?');
    expect(description(harness, $(harness, 'fieldset'))).to.equal(
      'Chọn tất cả giấy tờ bạn có | Lỗi: Chọn giấy tờ bạn có',
    );
    const boxes = $$<HTMLInputElement>(harness, 'input[type=checkbox]');
    expect(boxes.map((box) => box.checked)).to.deep.equal([false, true, false]);
    expect(boxes[0]!.id).to.equal('f-documents');
    expect(description(harness, boxes[1]!)).to.equal('Nếu cha mẹ đã đăng ký');
    expect(boxes.every((box) => box.getAttribute('aria-invalid') === 'true')).to.equal(true);
    await expect(harness).to.be.accessible();
  });
});

describe('checkbox', () => {
  const consent: FieldDefinition = {
    id: 'declaration',
    type: 'checkbox',
    label: 'Tôi cam đoan những thông tin trên là đúng sự thật',
    hint: 'Khai sai có thể bị xử phạt',
  };

  it('is one box labelled by the question, with no fieldset, storing a boolean', async () => {
    const harness = await mount(consent);
    expect(harness.shadowRoot!.querySelector('fieldset')).to.equal(null);
    const box = $<HTMLInputElement>(harness, 'input[type=checkbox]');
    expect(box.id).to.equal('f-declaration');
    expect(text($(harness, 'label[for=f-declaration]'))).to.equal(
      'Tôi cam đoan những thông tin trên là đúng sự thật (không bắt buộc)',
    );
    expect(description(harness, box)).to.equal('Khai sai có thể bị xử phạt');
    box.click();
    await harness.updateComplete;
    box.click();
    expect(harness.sets.map((set) => set.value)).to.deep.equal([true, false]);
    await expect(harness).to.be.accessible();
  });

  it('shows its error, described on the box, and its answer ticked', async () => {
    const harness = await mount(
      { ...consent, required: true },
      {
        answers: { declaration: true },
        errors: [error('declaration', 'Bạn phải cam đoan')],
      },
    );
    const box = $<HTMLInputElement>(harness, '#f-declaration');
    expect(box.checked).to.equal(true);
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    expect(description(harness, box)).to.equal(
      'Khai sai có thể bị xử phạt | Lỗi: Bạn phải cam đoan',
    );
    expect(text($(harness, 'label'))).not.to.contain('không bắt buộc');
    await expect(harness).to.be.accessible();
  });

  it('puts its label in the page heading on a one-question page', async () => {
    const harness = await mount(consent, { pageHeading: true });
    expect($(harness, 'h1 label').getAttribute('for')).to.equal('f-declaration');
    await expect(harness).to.be.accessible();
  });
});

describe('select', () => {
  const province: FieldDefinition = {
    id: 'province',
    type: 'select',
    label: 'Tỉnh, thành phố',
    required: true,
    options: [
      { value: 'hn', label: 'Hà Nội' },
      { value: 'hcm', label: { vi: 'Thành phố Hồ Chí Minh', en: 'Ho Chi Minh City' } },
    ],
  };

  it('starts with an empty "Chọn" option and stores the chosen value', async () => {
    const harness = await mount(province);
    const select = $<HTMLSelectElement>(harness, 'select');
    expect(select.id).to.equal('f-province');
    expect(text($(harness, 'label[for=f-province]'))).to.equal('Tỉnh, thành phố');
    expect(Array.from(select.options).map((option) => [option.value, text(option)])).to.deep.equal([
      ['', 'Chọn'],
      ['hn', 'Hà Nội'],
      ['hcm', 'Thành phố Hồ Chí Minh'],
    ]);
    expect(select.value).to.equal('');
    select.value = 'hcm';
    select.dispatchEvent(new Event('change'));
    expect(harness.sets).to.deep.equal([{ value: 'hcm', path: 'province' }]);
    await expect(harness).to.be.accessible();
  });

  it('shows the stored answer selected on the first render, and its error', async () => {
    const harness = await mount(province, {
      answers: { province: 'hn' },
      errors: [error('province', 'Chọn tỉnh, thành phố')],
    });
    const select = $<HTMLSelectElement>(harness, 'select');
    expect(select.value).to.equal('hn');
    expect(select.getAttribute('aria-invalid')).to.equal('true');
    expect(description(harness, select)).to.equal('Lỗi: Chọn tỉnh, thành phố');
    await expect(harness).to.be.accessible();
  });
});

describe('date', () => {
  const birth: FieldDefinition = {
    id: 'childDateOfBirth',
    type: 'date',
    label: 'Ngày, tháng, năm sinh',
    hint: 'Ví dụ: 27/03/2025',
    required: true,
  };
  const appointment: FieldDefinition = { ...birth, id: 'appointment', label: 'Ngày hẹn' };

  it('asks day, month and year in three labelled numeric boxes', async () => {
    const harness = await mount(birth);
    expect(text($(harness, 'legend'))).to.equal('Ngày, tháng, năm sinh');
    expect(description(harness, $(harness, 'fieldset'))).to.equal('Ví dụ: 27/03/2025');
    const inputs = $$<HTMLInputElement>(harness, 'input');
    expect(inputs.map((input) => input.id)).to.deep.equal([
      'f-childDateOfBirth',
      'f-childDateOfBirth-month',
      'f-childDateOfBirth-year',
    ]);
    expect(inputs.map((input) => text($(harness, `label[for=${input.id}]`)))).to.deep.equal([
      'Ngày',
      'Tháng',
      'Năm',
    ]);
    expect(inputs.map((input) => input.inputMode)).to.deep.equal(['numeric', 'numeric', 'numeric']);
    // A child's date of birth is not the citizen's own: no birthday autofill (WCAG 1.3.5
    // purposes are about the user). The requester's own date of birth gets it.
    expect(inputs.map((input) => input.getAttribute('autocomplete'))).to.deep.equal([
      'off',
      'off',
      'off',
    ]);
    expect(inputs[0]!.offsetWidth).to.be.lessThan(inputs[2]!.offsetWidth);
    await expect(harness).to.be.accessible();
  });

  it("offers birthday autofill only for the citizen's own date of birth", async () => {
    const own = await mount({ ...birth, id: 'requesterDateOfBirth' });
    expect(
      $$<HTMLInputElement>(own, 'input').map((input) => input.getAttribute('autocomplete')),
    ).to.deep.equal(['bday-day', 'bday-month', 'bday-year']);
  });

  it('turns autocomplete off for a date that is not a birth date', async () => {
    const harness = await mount(appointment);
    const values = $$<HTMLInputElement>(harness, 'input').map((input) =>
      input.getAttribute('autocomplete'),
    );
    expect(values).to.deep.equal(['off', 'off', 'off']);
  });

  it('stores the three parts exactly as typed', async () => {
    const harness = await mount(birth);
    type($<HTMLInputElement>(harness, '#f-childDateOfBirth'), '20');
    await harness.updateComplete;
    type($<HTMLInputElement>(harness, '#f-childDateOfBirth-month'), '08');
    await harness.updateComplete;
    type($<HTMLInputElement>(harness, '#f-childDateOfBirth-year'), '2025 ');
    expect(harness.sets.map((set) => set.value)).to.deep.equal([
      { day: '20', month: '', year: '' },
      { day: '20', month: '08', year: '' },
      { day: '20', month: '08', year: '2025 ' },
    ]);
  });

  it('shows the parts of a prefilled ISO date and of stored parts', async () => {
    const iso = await mount(birth, { answers: { childDateOfBirth: '2025-08-20' } });
    expect($$<HTMLInputElement>(iso, 'input').map((input) => input.value)).to.deep.equal([
      '20',
      '08',
      '2025',
    ]);
    const parts = await mount(birth, {
      answers: { childDateOfBirth: { day: '3', month: '', year: '2025' } },
    });
    expect($$<HTMLInputElement>(parts, 'input').map((input) => input.value)).to.deep.equal([
      '3',
      '',
      '2025',
    ]);
  });

  it('highlights only the missing parts when the engine names them', async () => {
    const harness = await mount(birth, {
      answers: { childDateOfBirth: { day: '3', month: '', year: '' } },
      errors: [
        error('childDateOfBirth', 'Ngày sinh phải có tháng và năm', 'date', {
          missing: 'month-year',
        }),
      ],
    });
    const invalid = $$<HTMLInputElement>(harness, 'input').map((input) =>
      input.getAttribute('aria-invalid'),
    );
    expect(invalid).to.deep.equal([null, 'true', 'true']);
    expect(description(harness, $(harness, 'fieldset'))).to.equal(
      'Ví dụ: 27/03/2025 | Lỗi: Ngày sinh phải có tháng và năm',
    );
    await expect(harness).to.be.accessible();
  });

  it('highlights all three parts when the date itself is wrong', async () => {
    const harness = await mount(birth, {
      answers: { childDateOfBirth: { day: '31', month: '2', year: '2025' } },
      errors: [error('childDateOfBirth', 'Ngày sinh phải là một ngày có thật', 'date')],
    });
    const invalid = $$<HTMLInputElement>(harness, 'input').map((input) =>
      input.getAttribute('aria-invalid'),
    );
    expect(invalid).to.deep.equal(['true', 'true', 'true']);
  });

  it('stores nothing while an input method composes, and the composed text after', async () => {
    const harness = await mount(birth);
    const day = $<HTMLInputElement>(harness, '#f-childDateOfBirth');
    day.value = '2';
    day.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true }));
    expect(harness.sets).to.deep.equal([]);
    day.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '2' }));
    expect(harness.sets.map((set) => set.value)).to.deep.equal([{ day: '2', month: '', year: '' }]);
  });
});

describe('text input and input methods', () => {
  it('stores nothing while Telex composes "đ", then the composed word', async () => {
    const harness = await mount({ id: 'childName', type: 'text', label: 'Họ, chữ đệm, tên' });
    const input = $<HTMLInputElement>(harness, '#f-childName');
    input.value = 'dd';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true }));
    expect(harness.sets).to.deep.equal([]);
    input.value = 'đ';
    input.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: 'đ' }));
    expect(harness.sets).to.deep.equal([{ value: 'đ', path: 'childName' }]);
  });
});

describe('file', () => {
  const notice: FieldDefinition = {
    id: 'birthNotice',
    type: 'file',
    label: 'Giấy chứng sinh',
    hint: 'Ảnh JPG, PNG hoặc tệp PDF.',
    required: true,
    accept: ['application/pdf', 'image/jpeg', 'image/png'],
  };

  function choose(input: HTMLInputElement, files: File[]): void {
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  it('is a labelled file input accepting the field types, with a camera button for photos', async () => {
    const harness = await mount(notice);
    const input = $<HTMLInputElement>(harness, '#f-birthNotice');
    expect(input.type).to.equal('file');
    expect(input.accept).to.equal('application/pdf,image/jpeg,image/png');
    expect(input.multiple).to.equal(false);
    expect(text($(harness, 'label[for=f-birthNotice]'))).to.equal('Giấy chứng sinh');
    expect(description(harness, input)).to.equal('Ảnh JPG, PNG hoặc tệp PDF.');
    expect(text($(harness, '.file-upload__camera'))).to.equal('Chụp ảnh');
    const camera = $<HTMLInputElement>(harness, '#f-birthNotice-camera');
    expect(camera.getAttribute('capture')).to.equal('environment');
    expect(camera.accept).to.equal('image/*');
    await expect(harness).to.be.accessible();
  });

  it('offers no camera when only documents are accepted', async () => {
    const harness = await mount({ ...notice, accept: ['application/pdf'] });
    expect(harness.shadowRoot!.querySelector('.file-upload__camera')).to.equal(null);
  });

  it('stores the metadata and hands the File to the host in a motcua-file event', async () => {
    const harness = await mount(notice);
    const received: FileEventDetail[] = [];
    harness.addEventListener('motcua-file', (event) =>
      received.push((event as CustomEvent<FileEventDetail>).detail),
    );
    const file = new File(['x'], 'a.pdf', { type: 'application/pdf' });
    choose($<HTMLInputElement>(harness, '#f-birthNotice'), [file]);
    expect(harness.sets).to.deep.equal([
      { value: { name: 'a.pdf', type: 'application/pdf', size: 1 }, path: 'birthNotice' },
    ]);
    expect(received).to.have.length(1);
    expect(received[0]!.path).to.equal('birthNotice');
    expect(received[0]!.files[0]).to.equal(file);
    await harness.updateComplete;
    expect(text($(harness, '.file-upload__chosen'))).to.equal('Đã chọn: a.pdf');
  });

  it('stores a list when several files are allowed', async () => {
    const harness = await mount({ ...notice, maxFiles: 3 });
    const input = $<HTMLInputElement>(harness, '#f-birthNotice');
    expect(input.multiple).to.equal(true);
    choose(input, [
      new File(['ab'], 'trang-1.jpg', { type: 'image/jpeg' }),
      new File(['abc'], 'trang-2.jpg', { type: 'image/jpeg' }),
    ]);
    expect(harness.sets[0]!.value).to.deep.equal([
      { name: 'trang-1.jpg', type: 'image/jpeg', size: 2 },
      { name: 'trang-2.jpg', type: 'image/jpeg', size: 3 },
    ]);
  });

  it('removes the chosen file, tells the host, and returns focus to the file input', async () => {
    const harness = await mount(notice, {
      answers: { birthNotice: { name: 'a.pdf', type: 'application/pdf', size: 1 } },
      errors: [error('birthNotice', 'Giấy chứng sinh phải là tệp JPG, PNG hoặc PDF', 'fileType')],
    });
    const received: FileEventDetail[] = [];
    harness.addEventListener('motcua-file', (event) =>
      received.push((event as CustomEvent<FileEventDetail>).detail),
    );
    expect($(harness, '#f-birthNotice').getAttribute('aria-invalid')).to.equal('true');
    await expect(harness).to.be.accessible();
    const remove = $<HTMLButtonElement>(harness, '.file-upload__remove');
    expect(text(remove)).to.equal('Bỏ tệp a.pdf');
    remove.click();
    await harness.updateComplete;
    expect(harness.sets).to.deep.equal([{ value: undefined, path: 'birthNotice' }]);
    expect(received).to.deep.equal([{ path: 'birthNotice', files: [] }]);
    expect(harness.shadowRoot!.querySelector('.file-upload__remove')).to.equal(null);
    expect(harness.shadowRoot!.activeElement?.id).to.equal('f-birthNotice');
  });
});

describe('group', () => {
  const members: FieldDefinition = {
    id: 'members',
    type: 'group',
    label: 'Thành viên hộ gia đình',
    itemLabel: { vi: 'thành viên', en: 'member' },
    required: true,
    minRows: 1,
    maxRows: 3,
    fields: [
      { id: 'fullName', type: 'text', label: 'Họ và tên', required: true },
      {
        id: 'relation',
        type: 'radio',
        label: 'Quan hệ với chủ hộ',
        options: [
          { value: 'spouse', label: 'Vợ, chồng' },
          { value: 'child', label: 'Con' },
        ],
      },
      { id: 'note', type: 'text', label: 'Ghi chú' },
    ],
  };

  it('renders each row under its heading with its visible fields at row paths', async () => {
    const harness = await mount(members, {
      answers: { members: [{ fullName: 'Nguyễn Văn An' }, { fullName: 'Trần Thị Mai' }] },
      hiddenRowFields: ['note'],
      errors: [error('members.1.fullName', 'Nhập họ và tên')],
    });
    expect(text($(harness, 'legend'))).to.equal('Thành viên hộ gia đình');
    expect($$(harness, '.group__row-heading').map(text)).to.deep.equal([
      'Thành viên 1',
      'Thành viên 2',
    ]);
    expect($<HTMLInputElement>(harness, '#f-members-1-fullName').value).to.equal('Trần Thị Mai');
    expect(harness.shadowRoot!.querySelector('#f-members-0-note')).to.equal(null);
    expect($(harness, '#f-members-0-relation-1').getAttribute('name')).to.equal(
      'members.0.relation',
    );
    expect($(harness, '#f-members-1-fullName').getAttribute('aria-invalid')).to.equal('true');
    expect($(harness, '#f-members').classList.contains('group')).to.equal(true);
    expect($$(harness, '.group__remove').map(text)).to.deep.equal([
      'Xoá thành viên 1',
      'Xoá thành viên 2',
    ]);
    expect(text($(harness, '.group__add'))).to.equal('Thêm thành viên');
    await expect(harness).to.be.accessible();
  });

  it('adds an empty row and moves focus to its first control', async () => {
    const harness = await mount(members, { answers: { members: [{ fullName: 'An' }] } });
    $<HTMLButtonElement>(harness, '.group__add').click();
    expect(harness.sets).to.deep.equal([{ value: [{ fullName: 'An' }, {}], path: 'members' }]);
    await harness.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(harness.shadowRoot!.activeElement?.id).to.equal('f-members-1-fullName');
  });

  it('removes a row and moves focus to the add button', async () => {
    const harness = await mount(members, {
      answers: { members: [{ fullName: 'An' }, { fullName: 'Bình' }, { fullName: 'Chi' }] },
    });
    expect(harness.shadowRoot!.querySelector('.group__add')).to.equal(null);
    $$<HTMLButtonElement>(harness, '.group__remove')[1]!.click();
    expect(harness.sets).to.deep.equal([
      { value: [{ fullName: 'An' }, { fullName: 'Chi' }], path: 'members' },
    ]);
    await harness.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(harness.shadowRoot!.activeElement?.id).to.equal('f-members-add');
    expect($<HTMLInputElement>(harness, '#f-members-1-fullName').value).to.equal('Chi');
  });

  it('keeps the fewest rows allowed: no remove button at minRows', async () => {
    const harness = await mount(members, { answers: { members: [{ fullName: 'An' }] } });
    expect(harness.shadowRoot!.querySelector('.group__remove')).to.equal(null);
  });

  it("shows the group's own error in its fieldset", async () => {
    const harness = await mount(members, {
      errors: [error('members', 'Thêm ít nhất một thành viên', 'minRows', { limit: 1 })],
    });
    expect(description(harness, $(harness, 'fieldset'))).to.equal(
      'Lỗi: Thêm ít nhất một thành viên',
    );
    expect($$(harness, '.group__row')).to.have.length(0);
    await expect(harness).to.be.accessible();
  });

  it('speaks English when the page does', async () => {
    const element = document.createElement('field-harness') as FieldHarness;
    element.field = members;
    element.locale = 'en';
    element.answers = { members: [{}, {}] };
    const harness = await fixture<FieldHarness>(html`${element}`);
    expect($$(harness, '.group__row-heading').map(text)).to.deep.equal(['Member 1', 'Member 2']);
    expect(text($(harness, '.group__add'))).to.equal('Add member');
  });
});

describe('kiosk mode', () => {
  it('gives radios and checkboxes at least a 48px target', async () => {
    const harness = await mount(sex, { mode: 'kiosk' });
    const radio = $<HTMLInputElement>(harness, '#f-childSex');
    const box = radio.getBoundingClientRect();
    expect(box.width).to.be.at.least(48);
    expect(box.height).to.be.at.least(48);
    const portal = await mount(sex);
    expect($(portal, '#f-childSex').getBoundingClientRect().width).to.be.at.least(44);
  });
});
