import { expect, fixture, html } from '@open-wc/testing';
import {
  type ManualClock,
  type ProcedureDefinition,
  createManualClock,
  createProcedure,
} from '@motcua/core';
import type { AddressData, MotcuaProcedure } from '@motcua/elements';
import {
  TODAY,
  describeNode,
  expectAccessible,
  focused,
  heading,
  shadow,
  text,
  typeInto,
} from './helpers.js';

// Kiosk mode on a shared device keeps nothing of a citizen. Unique canary strings are typed into
// every field type (a file whose name and bytes hold one too), the form is sent or left, the kiosk
// wipes, and then not one canary may be found anywhere a page can keep something: the DOM with
// every shadow root (text, attributes, control values, chosen files), localStorage,
// sessionStorage, cookies, every IndexedDB database, Cache Storage, history.state, the element's
// snapshot and its engine's, and the element's files. Time comes from a manual clock.

const MINUTE = 60_000;

/** What the citizen types, one canary per field: each is found nowhere else on the page. */
const TYPED = {
  name: 'Kanari-name Nguyễn Thị',
  about: 'kanari-about\ndòng thứ hai',
  count: '7316492',
  email: 'kanari-email@example.com',
  phone: '0961 357 924',
  dob: { day: '29', month: '02', year: '1964' },
  year: '1937',
  communeSearch: 'kanari-search',
  detail: 'kanari-detail, ngõ 5',
  fileName: 'kanari-file-name.pdf',
  fileContent: '%PDF-1.4 kanari-file-content',
  memberName: 'kanari-member',
};
const RECEIPT = 'HS-KANARI-RECEIPT';
const COMMUNE = { code: '26734', name: 'Phường Kanari-commune' };

/** Every canary and the forms it may be kept in (a phone is stored without its spaces). */
const CANARIES = [
  'kanari',
  TYPED.count,
  TYPED.phone,
  TYPED.phone.replace(/\s/g, ''),
  TYPED.dob.year,
  '1964-02-29',
  TYPED.year,
  COMMUNE.code,
];

/** What a test adds once something is sent (a dossier code, a key); emptied after each test. */
const sentCanaries: string[] = [];

/** Every field type of the engine, on one page, so that all of them are on screen at once. */
const definition: ProcedureDefinition = {
  id: 'privacy-canary',
  version: '1.0.0',
  title: { vi: 'Thủ tục thử mọi loại câu hỏi', en: 'Every kind of question' },
  steps: [
    {
      id: 'all',
      title: { vi: 'Mọi loại câu hỏi', en: 'Every kind of question' },
      fields: [
        { id: 'name', type: 'text', label: { vi: 'Họ và tên', en: 'Full name' }, required: true },
        { id: 'about', type: 'textarea', label: { vi: 'Ghi chú', en: 'Notes' } },
        { id: 'count', type: 'number', label: { vi: 'Số bản sao', en: 'Copies' } },
        { id: 'email', type: 'email', label: 'Email' },
        { id: 'phone', type: 'phone', label: { vi: 'Số điện thoại', en: 'Phone' } },
        {
          id: 'applicantBirthDate',
          type: 'date',
          label: { vi: 'Ngày sinh của bạn', en: 'Your date of birth' },
        },
        { id: 'year', type: 'year', label: { vi: 'Năm sinh của mẹ', en: 'Mother’s birth year' } },
        {
          id: 'kind',
          type: 'radio',
          label: { vi: 'Loại hồ sơ', en: 'Kind' },
          options: [
            { value: 'a', label: { vi: 'Loại A', en: 'Kind A' } },
            { value: 'b', label: { vi: 'Loại B', en: 'Kind B' } },
          ],
        },
        {
          id: 'province',
          type: 'select',
          label: { vi: 'Nơi cấp', en: 'Issued in' },
          options: [
            { value: 'hn', label: 'Hà Nội' },
            { value: 'hcm', label: 'TP. Hồ Chí Minh' },
          ],
        },
        {
          id: 'channels',
          type: 'checkboxes',
          label: { vi: 'Cách nhận kết quả', en: 'How to receive it' },
          options: [
            { value: 'post', label: { vi: 'Qua bưu điện', en: 'By post' } },
            { value: 'online', label: { vi: 'Trực tuyến', en: 'Online' } },
          ],
        },
        {
          id: 'agree',
          type: 'checkbox',
          label: { vi: 'Tôi cam đoan thông tin là đúng', en: 'I confirm this is true' },
        },
        { id: 'home', type: 'address', label: { vi: 'Nơi ở hiện nay', en: 'Current address' } },
        { id: 'scan', type: 'file', label: { vi: 'Bản chụp giấy tờ', en: 'Scan' } },
        {
          id: 'members',
          type: 'group',
          label: { vi: 'Thành viên hộ gia đình', en: 'Household members' },
          itemLabel: { vi: 'thành viên', en: 'member' },
          fields: [
            { id: 'memberName', type: 'text', label: { vi: 'Họ và tên', en: 'Full name' } },
            {
              id: 'memberRelation',
              type: 'select',
              label: { vi: 'Quan hệ', en: 'Relationship' },
              options: [
                { value: 'child', label: { vi: 'Con', en: 'Child' } },
                { value: 'other', label: { vi: 'Khác', en: 'Other' } },
              ],
            },
          ],
        },
      ],
    },
  ],
};
// One page even at a kiosk, which asks one question per page: the fields are marked together.
for (const field of definition.steps[0]!.fields) field.together = 'all';
const procedure = createProcedure(definition);

/** One province with one commune, whose name is a canary: shown only once chosen. */
const addressData: AddressData = {
  provinces: async () => [{ code: '79', name: 'Thành phố Hồ Chí Minh' }],
  communes: async (province) => (province === '79' ? [COMMUNE] : []),
};

interface Kiosk {
  element: MotcuaProcedure;
  clock: ManualClock;
  resets: string[];
  /** `detail.hadData` of each `motcua-reset`. */
  hadData: boolean[];
  sent: { signal: AbortSignal | undefined; settle: (receipt: unknown) => void }[];
}

/** Mounts the element on the every-field procedure; sends never settle unless told to. */
async function mount(
  mode: 'kiosk' | 'portal' = 'kiosk',
  options: { lang?: 'vi' | 'en'; receipt?: unknown } = {},
): Promise<Kiosk> {
  const clock = createManualClock(TODAY);
  const sent: Kiosk['sent'] = [];
  const submit = (_answers: unknown, _procedure: unknown, context?: { signal?: AbortSignal }) =>
    options.receipt
      ? Promise.resolve(options.receipt)
      : new Promise((resolve) => sent.push({ signal: context?.signal, settle: resolve }));
  const element = await fixture<MotcuaProcedure>(
    html`<motcua-procedure
      .clock=${clock}
      .procedure=${procedure}
      .addressData=${addressData}
      .submit=${submit}
      mode=${mode}
      lang=${options.lang ?? 'vi'}
    ></motcua-procedure>`,
  );
  // A kiosk's idle guard comes with its chunk, once the first page is drawn.
  await element.loaded;
  await element.updateComplete;
  const resets: string[] = [];
  const hadData: boolean[] = [];
  element.addEventListener('motcua-reset', (event) => {
    resets.push(event.detail.reason);
    hadData.push(event.detail.hadData);
  });
  return { element, clock, resets, hadData, sent };
}

function $<T extends Element = HTMLElement>(element: MotcuaProcedure, selector: string): T {
  const found = shadow(element).querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector} in <motcua-procedure>`);
  return found;
}

/** Lit renders, and an address list that arrives by a promise renders after it. */
async function settle(element: MotcuaProcedure): Promise<void> {
  await element.updateComplete;
  await new Promise((resolve) => setTimeout(resolve, 0));
  await element.updateComplete;
}

function choose(element: MotcuaProcedure, selector: string, value: string): void {
  const select = $<HTMLSelectElement>(element, selector);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Answers every field of the page as a citizen would, with a canary wherever text goes. */
async function fillEverything(element: MotcuaProcedure): Promise<void> {
  typeInto($<HTMLInputElement>(element, '#f-name'), TYPED.name);
  typeInto($<HTMLTextAreaElement>(element, '#f-about'), TYPED.about);
  typeInto($<HTMLInputElement>(element, '#f-count'), TYPED.count);
  typeInto($<HTMLInputElement>(element, '#f-email'), TYPED.email);
  typeInto($<HTMLInputElement>(element, '#f-phone'), TYPED.phone);
  typeInto($<HTMLInputElement>(element, '#f-applicantBirthDate'), TYPED.dob.day);
  typeInto($<HTMLInputElement>(element, '#f-applicantBirthDate-month'), TYPED.dob.month);
  typeInto($<HTMLInputElement>(element, '#f-applicantBirthDate-year'), TYPED.dob.year);
  typeInto($<HTMLInputElement>(element, '#f-year'), TYPED.year);
  $(element, 'input[type=radio][value=b]').click();
  choose(element, '#f-province', 'hn');
  $(element, 'input[type=checkbox][value=online]').click();
  $(element, '#f-agree').click();
  await settle(element);
  choose(element, '#f-home', '79');
  await settle(element);
  // The search box keeps what was typed in the DOM only: no answer holds it.
  typeInto($<HTMLInputElement>(element, '#f-home-commune-search'), TYPED.communeSearch);
  choose(element, '#f-home-commune', COMMUNE.code);
  // Each part of an address is stored over the value last rendered, as it is between touches.
  await settle(element);
  typeInto($<HTMLInputElement>(element, '#f-home-detail'), TYPED.detail);
  const transfer = new DataTransfer();
  transfer.items.add(new File([TYPED.fileContent], TYPED.fileName, { type: 'application/pdf' }));
  const file = $<HTMLInputElement>(element, '#f-scan');
  file.files = transfer.files;
  file.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  $(element, '#f-members-add').click();
  await settle(element);
  typeInto($<HTMLInputElement>(element, '#f-members-0-memberName'), TYPED.memberName);
  choose(element, '#f-members-0-memberRelation', 'other');
  await settle(element);
}

/** Runs the idle wipe: two quiet minutes, then the question left unanswered for 30 seconds. */
async function leaveUnused(kiosk: Kiosk): Promise<void> {
  kiosk.clock.advance(2 * MINUTE);
  await kiosk.element.updateComplete;
  expect(kiosk.element.shadowRoot?.querySelector('dialog.idle'), 'the question').to.not.equal(null);
  kiosk.clock.advance(30_000);
  await settle(kiosk.element);
}

/** `[where, text]` of every canary found in `text`, case-insensitively. */
function canariesIn(where: string, value: string): string[] {
  const lower = value.toLowerCase();
  return [...CANARIES, ...sentCanaries]
    .filter((canary) => lower.includes(canary.toLowerCase()))
    .map((canary) => `"${canary}" in ${where}`);
}

/**
 * Every text the DOM holds, through every shadow root: text and comment nodes, attribute values,
 * control values, and the names and bytes of files chosen in file inputs.
 */
async function domLeaks(root: Document | ShadowRoot = document): Promise<string[]> {
  const found: string[] = [];
  const files: [string, File][] = [];
  const visit = (scope: Document | ShadowRoot | DocumentFragment) => {
    const walker = document.createTreeWalker(
      scope,
      NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT | NodeFilter.SHOW_COMMENT,
    );
    for (let node: Node | null = walker.nextNode(); node; node = walker.nextNode()) {
      if (!(node instanceof Element)) {
        found.push(...canariesIn(`text in ${describeNode(node.parentElement)}`, node.nodeValue!));
        continue;
      }
      for (const attribute of Array.from(node.attributes)) {
        found.push(...canariesIn(`${describeNode(node)}[${attribute.name}]`, attribute.value));
      }
      if (
        node instanceof HTMLInputElement ||
        node instanceof HTMLTextAreaElement ||
        node instanceof HTMLSelectElement
      ) {
        found.push(...canariesIn(`${describeNode(node)}.value`, node.value));
      }
      if (node instanceof HTMLInputElement) {
        for (const file of Array.from(node.files ?? [])) files.push([describeNode(node), file]);
      }
      if (node instanceof HTMLTemplateElement) visit(node.content);
      if (node.shadowRoot) visit(node.shadowRoot);
    }
  };
  visit(root);
  for (const [where, file] of files) {
    found.push(...canariesIn(`${where}.files name`, file.name));
    found.push(...canariesIn(`${where}.files bytes`, await file.text()));
  }
  return found;
}

/** Any value as text, reading the bytes of Blobs and Files wherever they sit. */
async function deepText(value: unknown, seen = new Set<unknown>()): Promise<string> {
  if (value === null || typeof value !== 'object') return String(value);
  if (seen.has(value)) return '';
  seen.add(value);
  if (value instanceof Blob) {
    return `${value instanceof File ? value.name : ''} ${await value.text()}`;
  }
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes = value instanceof ArrayBuffer ? value : value.buffer;
    return new TextDecoder().decode(bytes);
  }
  const parts: string[] = [];
  const entries =
    value instanceof Map
      ? [...value.entries()].flat()
      : value instanceof Set
        ? [...value]
        : Object.entries(value).flat();
  for (const entry of entries) parts.push(await deepText(entry, seen));
  return parts.join(' ');
}

function request<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Every record of every store of every IndexedDB database of this origin, as text. */
async function indexedDbTexts(): Promise<[string, string][]> {
  const texts: [string, string][] = [];
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    const open = indexedDB.open(name);
    // Another test file (they run side by side, on this origin) may have deleted it since it was
    // listed: then opening would create it, so that is stopped and the database skipped.
    open.onupgradeneeded = () => open.transaction?.abort();
    const db = await request(open).catch((error: DOMException) => {
      if (error.name === 'AbortError') return undefined;
      throw error;
    });
    if (!db) continue;
    try {
      for (const store of Array.from(db.objectStoreNames)) {
        const objects = db.transaction(store, 'readonly').objectStore(store);
        const [keys, values] = await Promise.all([
          request(objects.getAllKeys()),
          request(objects.getAll()),
        ]);
        texts.push([`IndexedDB ${name}/${store}`, await deepText([keys, values])]);
      }
    } finally {
      db.close();
    }
  }
  return texts;
}

/** Every place a page can keep something beyond its DOM and memory. */
async function storageLeaks(): Promise<string[]> {
  const texts: [string, string][] = [];
  for (const [label, storage] of [
    ['localStorage', localStorage],
    ['sessionStorage', sessionStorage],
  ] as const) {
    for (let index = 0; index < storage.length; index++) {
      const key = storage.key(index)!;
      texts.push([`${label} ${key}`, `${key} ${storage.getItem(key)}`]);
    }
  }
  texts.push(['document.cookie', document.cookie]);
  texts.push(...(await indexedDbTexts()));
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const key of await cache.keys()) {
      const response = await cache.match(key);
      texts.push([`Cache Storage ${name}`, `${key.url} ${await deepText(await response?.blob())}`]);
    }
  }
  texts.push(['history.state', await deepText(history.state)]);
  return texts.flatMap(([where, value]) => canariesIn(where, value));
}

/** What the element and its engine hold: snapshots, the host's answers, the chosen files. */
async function memoryLeaks(element: MotcuaProcedure): Promise<string[]> {
  const actor = element.session?.actor;
  return [
    ...canariesIn('element.snapshot', JSON.stringify(element.snapshot) ?? ''),
    ...canariesIn('element.session.snapshot', JSON.stringify(element.session?.snapshot) ?? ''),
    ...canariesIn('actor.getSnapshot()', JSON.stringify(actor?.getSnapshot()) ?? ''),
    ...canariesIn(
      'actor.getPersistedSnapshot()',
      JSON.stringify(actor?.getPersistedSnapshot()) ?? '',
    ),
    ...canariesIn('element.answers', JSON.stringify(element.answers) ?? ''),
    ...canariesIn('element.files', await deepText(element.files)),
  ];
}

/** Everything at once: where a canary is found, or `[]`. */
async function leaks(element: MotcuaProcedure): Promise<string[]> {
  return [...(await domLeaks()), ...(await storageLeaks()), ...(await memoryLeaks(element))];
}

/** Every form control in the element's shadow root. */
function controls(element: MotcuaProcedure): (HTMLInputElement | HTMLSelectElement)[] {
  return Array.from(
    shadow(element).querySelectorAll<HTMLInputElement | HTMLSelectElement>(
      'input, select, textarea',
    ),
  );
}

/** Controls that still show a choice: a ticked box or radio, a select not on its first option. */
function chosen(element: MotcuaProcedure): string[] {
  return controls(element)
    .filter((control) =>
      control instanceof HTMLSelectElement
        ? control.selectedIndex > 0
        : (control.type === 'radio' || control.type === 'checkbox') && control.checked,
    )
    .map((control) => describeNode(control));
}

/** Watches object URLs from now on: which of those made were never revoked. */
function watchObjectUrls(): { unrevoked: () => string[]; restore: () => void } {
  const made = new Set<string>();
  const { createObjectURL, revokeObjectURL } = URL;
  URL.createObjectURL = (object: Blob | MediaSource) => {
    const url = createObjectURL(object);
    made.add(url);
    return url;
  };
  URL.revokeObjectURL = (url: string) => {
    made.delete(url);
    revokeObjectURL(url);
  };
  return {
    unrevoked: () => [...made],
    restore: () => Object.assign(URL, { createObjectURL, revokeObjectURL }),
  };
}

describe('kiosk privacy: the canary test', () => {
  let urls: ReturnType<typeof watchObjectUrls>;
  beforeEach(() => (urls = watchObjectUrls()));
  afterEach(() => {
    urls.restore();
    sentCanaries.length = 0;
  });

  it('finds a canary wherever it looks, so that finding none means something', async () => {
    const { element } = await mount();
    await fillEverything(element);
    // On screen and in memory while the citizen fills: the search must see them there.
    const before = [...(await domLeaks()), ...(await memoryLeaks(element))].join('\n');
    for (const where of [
      '#f-name.value',
      '#f-about.value',
      '#f-home-commune-search.value',
      '#f-scan.files name',
      '#f-scan.files bytes',
      'text in option',
      'element.snapshot',
      'actor.getSnapshot()',
      'element.files',
    ]) {
      expect(before, where).to.include(where);
    }
    // And in each store a page can write to, which kiosk mode never does.
    localStorage.setItem('probe', 'kanari');
    sessionStorage.setItem('probe', 'kanari');
    document.cookie = 'probe=kanari; path=/';
    history.replaceState({ answers: { name: 'kanari' } }, '');
    const cache = await caches.open('probe');
    await cache.put('/probe', new Response('kanari'));
    const open = indexedDB.open('probe', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('files');
    const db = await request(open);
    const put = (value: unknown) =>
      request(db.transaction('files', 'readwrite').objectStore('files').put(value, 'k'));
    const file = new File(['kanari'], 'x');
    // WebKit refuses Files in IndexedDB in an ephemeral session (its automation session here, or
    // Safari's private browsing): there the element stores a file's bytes (persistence.ts), and
    // so does this probe.
    await put({ file }).catch(async () =>
      put({ file: { name: file.name, bytes: await file.arrayBuffer() } }),
    );
    db.close();
    try {
      const found = (await storageLeaks()).join('\n');
      for (const where of [
        'localStorage probe',
        'sessionStorage probe',
        'document.cookie',
        'history.state',
        'Cache Storage probe',
        'IndexedDB probe/files',
      ]) {
        expect(found, where).to.include(where);
      }
    } finally {
      localStorage.removeItem('probe');
      sessionStorage.removeItem('probe');
      document.cookie = 'probe=; path=/; max-age=0';
      history.replaceState(null, '');
      await caches.delete('probe');
      await request(indexedDB.deleteDatabase('probe'));
    }
    expect(await storageLeaks()).to.deep.equal([]);
  });

  it('keeps no canary anywhere while the citizen fills, and none after an idle wipe mid-page', async () => {
    const kiosk = await mount();
    const { element } = kiosk;
    await fillEverything(element);
    expect(await storageLeaks(), 'nothing is stored while filling').to.deep.equal([]);
    const typedInto = $<HTMLInputElement>(element, '#f-home-commune-search');

    await leaveUnused(kiosk);

    expect(await leaks(element)).to.deep.equal([]);
    expect(chosen(element), 'no box, radio or list keeps a choice').to.deep.equal([]);
    expect(element.files.size).to.equal(0);
    expect(element.snapshot?.answers).to.deep.equal({});
    expect(element.snapshot?.errors).to.deep.equal([]);
    expect(typedInto.isConnected, 'every node of the page was made anew').to.equal(false);
    expect(urls.unrevoked(), 'object URLs left unrevoked').to.deep.equal([]);
    expect(kiosk.resets).to.deep.equal(['idle']);
    expect(kiosk.hadData).to.deep.equal([true]);
  });

  it('keeps no canary after the review, the sending and the confirmation are wiped', async () => {
    const kiosk = await mount('kiosk', { receipt: { dossierCode: RECEIPT } });
    const { element } = kiosk;
    let key = '';
    element.addEventListener('motcua-submit', (event) => (key = event.detail.key));
    await fillEverything(element);
    $(element, 'form button[type=submit]').click();
    await settle(element);
    expect(element.snapshot?.status, JSON.stringify(element.snapshot?.errors)).to.equal('review');
    expect(text(shadow(element))).to.include(TYPED.detail);
    $(element, '.review .button').click();
    await settle(element);
    expect(text($(element, '.dossier-code'))).to.equal(RECEIPT);
    // The dossier's code and its idempotency key are the citizen's too.
    expect(key).to.not.equal('');
    sentCanaries.push(RECEIPT, key);
    expect(await storageLeaks(), 'nothing is stored by sending').to.deep.equal([]);
    await leaveUnused(kiosk);
    expect(await leaks(element)).to.deep.equal([]);
    expect(element.snapshot?.status).to.equal('filling');
    expect(element.snapshot?.receipt).to.equal(undefined);
  });

  it('stops a send in flight, and its late answer brings nothing back', async () => {
    const kiosk = await mount();
    const { element } = kiosk;
    await fillEverything(element);
    $(element, 'form button[type=submit]').click();
    await settle(element);
    $(element, '.review .button').click();
    await settle(element);
    expect(kiosk.sent).to.have.length(1);
    await leaveUnused(kiosk);
    expect(kiosk.sent[0]!.signal?.aborted, 'the send was aborted').to.equal(true);
    kiosk.sent[0]!.settle({ dossierCode: RECEIPT });
    await settle(element);
    expect(element.snapshot?.status).to.equal('filling');
    expect(text(shadow(element))).not.to.include(RECEIPT);
    expect(await leaks(element)).to.deep.equal([]);
  });

  it('starts a new engine session, puts focus on the h1 and scrolls to the top', async () => {
    const kiosk = await mount();
    const { element } = kiosk;
    const session = element.session;
    const spacer = document.createElement('div');
    spacer.style.height = '5000px';
    document.body.append(spacer);
    try {
      await fillEverything(element);
      // Scrolled a little, the h1 still in view: focusing it would not scroll, so only the
      // wipe's own scroll brings the page to the top.
      window.scrollTo(0, 20);
      expect(window.scrollY).to.equal(20);
      expect(heading(element).getBoundingClientRect().top).to.be.greaterThan(0);
      await leaveUnused(kiosk);
      expect(element.session !== session, 'a fresh session').to.equal(true);
      expect(session?.actor.getSnapshot().status, 'the old one stopped').to.equal('stopped');
      expect(window.scrollY).to.equal(0);
      expect(focused(element)).to.equal(`h1 "${text(heading(element))}"`);
    } finally {
      spacer.remove();
    }
  });
});

describe('kiosk privacy: autocomplete', () => {
  it('turns autocomplete off on every input, select and textarea in kiosk mode', async () => {
    const { element } = await mount();
    await fillEverything(element);
    const all = controls(element);
    expect(all.length).to.be.greaterThan(20);
    expect(
      all
        .filter((control) => control.getAttribute('autocomplete') !== 'off')
        .map((control) => `${describeNode(control)} ${control.getAttribute('autocomplete')}`),
    ).to.deep.equal([]);
  });

  it('does not force it in portal mode: the citizen’s own device may offer their details', async () => {
    const { element } = await mount('portal');
    const autocomplete = (selector: string) => $(element, selector).getAttribute('autocomplete');
    expect(autocomplete('#f-email')).to.equal('email');
    expect(autocomplete('#f-phone')).to.equal('tel');
    expect(autocomplete('#f-applicantBirthDate')).to.equal('bday-day');
    expect(autocomplete('#f-about')).to.equal(null);
    expect(autocomplete('#f-province')).to.equal(null);
    expect(autocomplete('#f-agree')).to.equal(null);
    expect(autocomplete('#f-scan')).to.equal(null);
  });
});

describe('kiosk privacy: the idle question counts down', () => {
  const timer = (element: MotcuaProcedure) => text($(element, 'dialog.idle [role=timer]'));
  const spoken = (element: MotcuaProcedure) => text($(element, 'dialog.idle [role=status]'));

  it('shows the seconds left each second, and speaks them at most every 20 seconds', async () => {
    const { element, clock } = await mount();
    typeInto($<HTMLInputElement>(element, '#f-name'), TYPED.name);
    clock.advance(2 * MINUTE);
    await element.updateComplete;
    expect(timer(element)).to.equal('Còn 30 giây');
    expect(spoken(element), 'the dialog says it as it opens').to.equal('');
    await expectAccessible(element, 'the idle question with its countdown');

    const shown: string[] = [];
    const heard: string[] = [];
    for (let second = 1; second < 30; second++) {
      clock.advance(1000);
      await element.updateComplete;
      shown.push(timer(element));
      heard.push(spoken(element));
    }
    expect(shown).to.deep.equal(Array.from({ length: 29 }, (_, index) => `Còn ${29 - index} giây`));
    // 19 seconds of silence, then once, 20 seconds after the question: 10 seconds left.
    expect(heard.slice(0, 19)).to.deep.equal(Array(19).fill(''));
    expect(new Set(heard.slice(19))).to.deep.equal(
      new Set(['Còn 10 giây nữa thông tin sẽ bị xoá.']),
    );
    await expectAccessible(element, 'the idle question after its countdown was spoken');
  });

  it('speaks a longer countdown every 20 seconds, never more often', async () => {
    const { element, clock } = await mount();
    element.setAttribute('idle-warning', '90');
    typeInto($<HTMLInputElement>(element, '#f-name'), TYPED.name);
    clock.advance(2 * MINUTE);
    await element.updateComplete;
    const changes: [number, string][] = [];
    let last = spoken(element);
    for (let second = 1; second < 90; second++) {
      clock.advance(1000);
      await element.updateComplete;
      if (spoken(element) !== last) changes.push([second, (last = spoken(element))]);
    }
    expect(changes).to.deep.equal([
      [20, 'Còn 70 giây nữa thông tin sẽ bị xoá.'],
      [40, 'Còn 50 giây nữa thông tin sẽ bị xoá.'],
      [60, 'Còn 30 giây nữa thông tin sẽ bị xoá.'],
      [80, 'Còn 10 giây nữa thông tin sẽ bị xoá.'],
    ]);
  });

  it('counts down in English on an English form', async () => {
    const { element, clock } = await mount('kiosk', { lang: 'en' });
    typeInto($<HTMLInputElement>(element, '#f-name'), TYPED.name);
    clock.advance(2 * MINUTE + 20_000);
    await element.updateComplete;
    expect(timer(element)).to.equal('Seconds left: 10');
    expect(spoken(element)).to.equal('Seconds left before your answers are deleted: 10.');
  });
});

describe('kiosk privacy: after the wipe', () => {
  const notice = (element: MotcuaProcedure) =>
    shadow(element).querySelector<HTMLElement>('.privacy-notice');

  it('tells the next person that the previous one’s answers were deleted, until they act', async () => {
    const kiosk = await mount();
    const { element } = kiosk;
    typeInto($<HTMLInputElement>(element, '#f-name'), TYPED.name);
    await element.updateComplete;
    await leaveUnused(kiosk);
    expect(text(notice(element))).to.equal(
      'Những gì người dùng trước đã nhập đều đã được xoá để bảo vệ thông tin cá nhân của họ.',
    );
    expect(notice(element)?.offsetHeight, 'visible').to.be.greaterThan(0);
    await expectAccessible(element, 'the first page after a wipe, with its notice');
    typeInto($<HTMLInputElement>(element, '#f-name'), 'Lê Văn Bình');
    await element.updateComplete;
    expect(describeNode(notice(element))).to.equal('nothing');
  });

  it('says it in English, and says nothing when nothing was there', async () => {
    const english = await mount('kiosk', { lang: 'en' });
    typeInto($<HTMLInputElement>(english.element, '#f-name'), TYPED.name);
    await leaveUnused(english);
    expect(text(notice(english.element))).to.equal(
      'Everything the previous person entered has been deleted to protect their personal information.',
    );

    const untouched = await mount();
    untouched.clock.advance(2 * MINUTE);
    await untouched.element.updateComplete;
    expect(untouched.resets).to.deep.equal(['idle']);
    expect(untouched.hadData, 'a host can tell there was nothing').to.deep.equal([false]);
    expect(describeNode(notice(untouched.element))).to.equal('nothing');
  });
});

describe('kiosk privacy: leaving the page', () => {
  const leave = (persisted: boolean) =>
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted }));
  const comeBack = (persisted: boolean) =>
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted }));

  it('wipes on pagehide, so the back/forward cache keeps an empty form', async () => {
    const { element, resets } = await mount();
    await fillEverything(element);
    leave(true);
    await settle(element);
    expect(resets).to.deep.equal(['pagehide']);
    expect(await leaks(element)).to.deep.equal([]);
    expect(chosen(element)).to.deep.equal([]);
    expect(shadow(element).querySelector('.privacy-notice')).to.not.equal(null);
  });

  it('wipes again on a pageshow from the back/forward cache, and not on a fresh one', async () => {
    const { element, resets } = await mount();
    typeInto($<HTMLInputElement>(element, '#f-name'), TYPED.name);
    comeBack(false);
    await settle(element);
    expect(element.snapshot?.answers.name).to.equal(TYPED.name);
    comeBack(true);
    await settle(element);
    expect(resets).to.deep.equal(['pagehide']);
    expect(await leaks(element)).to.deep.equal([]);
  });

  it('leaves a portal form alone: the citizen’s own device keeps their answers', async () => {
    const { element, resets } = await mount('portal');
    typeInto($<HTMLInputElement>(element, '#f-name'), 'Lê Văn Bình');
    leave(true);
    comeBack(true);
    await settle(element);
    expect(resets).to.deep.equal([]);
    expect(element.snapshot?.answers.name).to.equal('Lê Văn Bình');
  });

  it('stops listening to the window once removed', async () => {
    const { element, resets } = await mount();
    typeInto($<HTMLInputElement>(element, '#f-name'), TYPED.name);
    element.remove();
    leave(true);
    comeBack(true);
    expect(resets).to.deep.equal([]);
  });
});
