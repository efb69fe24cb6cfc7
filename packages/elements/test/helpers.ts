// Shared by the element's browser tests: mount <motcua-procedure> on the birth registration,
// answer its pages through the shadow DOM as a citizen would, and run axe.
import 'axe-core';
import type AxeCore from 'axe-core';
import { fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import { clear, createStore } from 'idb-keyval';
import {
  type Clock,
  type FieldDefinition,
  type SendDossier,
  createManualClock,
} from '@motcua/core';
import '@motcua/elements/motcua.js';
import type { AddressData, MotcuaProcedure, SpeechEngine } from '@motcua/elements';
import { createAddressData } from '@motcua/vn/address';
import procedure from '../../../examples/procedures/birth-registration.procedure.json';
import {
  type AddressChoice,
  BIRTH_REGISTRATION,
  type FileChoice,
  type PageAnswer,
  type PageAnswers,
} from './journeys.js';

export { procedure };

// Portal mode keeps drafts and the outbox in IndexedDB: each test starts on a clean device, so
// a draft left by the test before is not offered to the next.
beforeEach(async () => {
  await clear(createStore('motcua', 'dossiers'));
});

/** "Today" for every test: the birth on 20/8/2025 is in the past and within the 60 days. */
export const TODAY = '2025-09-01T09:00:00+07:00';

export type { AddressChoice, FileChoice, PageAnswer, PageAnswers } from './journeys.js';

/**
 * The real provinces and communes of @motcua/vn, fetched one file at a time as a page would:
 * the birth registration asks four addresses.
 */
export const addressData: AddressData = createAddressData({
  load: async (path) => (await fetch(new URL(`../../vn/data/${path}`, import.meta.url))).json(),
});
export { BIRTH_REGISTRATION, BIRTH_REGISTRATION_NO_FATHER, BIRTH_STEPS } from './journeys.js';

export interface MountOptions {
  lang?: 'vi' | 'en';
  mode?: 'portal' | 'kiosk';
  submit?: SendDossier;
  clock?: Clock;
  /** Kiosk mode: what read-aloud speaks with; `null` for nothing. */
  speech?: SpeechEngine | null;
  contrast?: 'normal' | 'high';
  filesAtCounter?: boolean;
  confirmation?: 'element' | 'host';
  /** `per-page`: one question (a kiosk's default) or a whole step. */
  perPage?: 'step' | 'question';
}

/**
 * Mounts <motcua-procedure> on the birth registration. The clock is bound before the procedure,
 * as a host must: the session reads "today" from the clock it starts with.
 */
export async function mount(options: MountOptions = {}): Promise<MotcuaProcedure> {
  const clock = options.clock ?? createManualClock(TODAY);
  const element = await fixture<MotcuaProcedure>(
    html`<motcua-procedure
      .clock=${clock}
      .procedure=${procedure}
      .addressData=${addressData}
      .submit=${options.submit}
      .speech=${options.speech}
      .filesAtCounter=${options.filesAtCounter ?? true}
      lang=${options.lang ?? 'vi'}
      mode=${options.mode ?? 'portal'}
      contrast=${options.contrast ?? 'normal'}
      confirmation=${options.confirmation ?? 'element'}
      per-page=${options.perPage ?? nothing}
    ></motcua-procedure>`,
  );
  // Portal mode first looks on the device for a draft (IndexedDB): then the first page shows.
  await element.loaded;
  await element.updateComplete;
  return element;
}

/** The element's shadow root: everything the citizen sees is in it. */
export function shadow(element: MotcuaProcedure): ShadowRoot {
  const root = element.shadowRoot;
  if (!root) throw new Error('<motcua-procedure> has no open shadow root');
  return root;
}

/** The one element matching `selector` in the shadow root; throws, naming it, when missing. */
export function find<T extends Element = HTMLElement>(
  element: MotcuaProcedure,
  selector: string,
): T {
  const found = shadow(element).querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector} in <motcua-procedure>`);
  return found;
}

/** The visible text of a node, whitespace collapsed. */
export function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * A node as a short string: `h1 "Thông tin về trẻ"`, `input#f-childName`. Assertions compare
 * these, never DOM nodes: the test runner serialises a failed assertion's values, and a DOM
 * node there hangs the whole file instead of failing one test.
 */
export function describeNode(node: Element | null | undefined): string {
  if (!node) return 'nothing';
  const id = node.id ? `#${node.id}` : '';
  const label = node.tagName === 'INPUT' ? '' : text(node).slice(0, 60);
  return `${node.tagName.toLowerCase()}${id}${label ? ` "${label}"` : ''}`;
}

/** What has focus inside the element, described by {@link describeNode}. */
export function focused(element: MotcuaProcedure): string {
  return describeNode(shadow(element).activeElement);
}

/** Whether something in the shadow root matches `selector`. */
export function exists(element: MotcuaProcedure, selector: string): boolean {
  return shadow(element).querySelector(selector) !== null;
}

/** The page's main heading, the `h1`, and its text. */
export function heading(element: MotcuaProcedure): HTMLElement {
  return find(element, 'h1');
}

/** The button with this text (Tiếp tục, Gửi hồ sơ, Thay đổi…); the first, if several. */
export function button(element: MotcuaProcedure, label: string | RegExp): HTMLButtonElement {
  const buttons = Array.from(shadow(element).querySelectorAll<HTMLButtonElement>('button'));
  const found = buttons.find((candidate) =>
    typeof label === 'string' ? text(candidate) === label : label.test(text(candidate)),
  );
  if (!found) {
    throw new Error(
      `no button "${label}" in <motcua-procedure>; buttons: ${buttons.map((b) => `"${text(b)}"`).join(', ')}`,
    );
  }
  return found;
}

/** The id of the step on screen (from the engine, to know where the journey is). */
export function currentStep(element: MotcuaProcedure): string | null {
  return element.session?.snapshot.step?.id ?? null;
}

/** The DOM id of a field's first control: the target of its error summary link. */
export function controlId(field: string): string {
  return `f-${field.replace(/\./g, '-')}`;
}

function fieldDefinition(element: MotcuaProcedure, id: string): FieldDefinition {
  const field = element.session?.procedure.field(id);
  if (!field) throw new Error(`the procedure has no field "${id}"`);
  return field;
}

/** Types into a text input as the browser reports typing: the value, then `input`. */
export function typeInto(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(
    new InputEvent('input', {
      bubbles: true,
      composed: true,
      inputType: 'insertText',
      data: value,
    }),
  );
}

/** Makes a `File` from a {@link FileChoice}. */
export function makeFile(choice: FileChoice): File {
  const { name, type, content } = choice.file;
  return new File([content], name, { type });
}

/**
 * Picks a file in a file input. The browser's picker cannot be driven from a test, so the file
 * is put into `input.files` as the picker would, and `change` is dispatched as it would be.
 */
export function chooseFile(input: HTMLInputElement, choice: FileChoice): void {
  const transfer = new DataTransfer();
  transfer.items.add(makeFile(choice));
  input.focus();
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Answers one field through its controls, as a citizen would: typing, clicking, choosing. */
export async function answer(
  element: MotcuaProcedure,
  id: string,
  value: PageAnswer,
): Promise<void> {
  const field = fieldDefinition(element, id);
  const control = `#${controlId(id)}`;
  switch (field.type) {
    case 'radio': {
      const radio = find<HTMLInputElement>(
        element,
        `input[type=radio][name="${id}"][value="${String(value)}"]`,
      );
      radio.click();
      break;
    }
    case 'checkbox': {
      const box = find<HTMLInputElement>(element, control);
      if (box.checked !== (value === 'true')) box.click();
      break;
    }
    case 'select': {
      const select = find<HTMLSelectElement>(element, control);
      select.focus();
      select.value = String(value);
      select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      break;
    }
    case 'date': {
      const parts = value as { day: string; month: string; year: string };
      typeInto(find<HTMLInputElement>(element, control), parts.day);
      typeInto(find<HTMLInputElement>(element, `${control}-month`), parts.month);
      typeInto(find<HTMLInputElement>(element, `${control}-year`), parts.year);
      break;
    }
    case 'file':
      chooseFile(find<HTMLInputElement>(element, control), value as FileChoice);
      break;
    case 'address':
      await chooseAddress(element, control, value as AddressChoice);
      break;
    default:
      typeInto(find<HTMLInputElement | HTMLTextAreaElement>(element, control), String(value));
  }
  // A field shown by this answer ("Tên dân tộc" after "Dân tộc khác") renders first.
  await element.updateComplete;
}

/** Waits, in real time, until `check` holds (the address lists arrive by fetch). */
export async function until(
  element: MotcuaProcedure,
  check: () => boolean,
  what: string,
): Promise<void> {
  for (let i = 0; !check(); i++) {
    if (i > 250) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await element.updateComplete;
  }
}

/**
 * Answers an address as a citizen does: chooses the province, waits for its communes, types
 * part of the commune's name into the search, chooses the commune, and types the house-number
 * line when the field asks it.
 */
async function chooseAddress(
  element: MotcuaProcedure,
  control: string,
  value: AddressChoice,
): Promise<void> {
  const choose = (select: HTMLSelectElement, code: string) => {
    select.focus();
    select.value = code;
    select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  };
  const province = () => find<HTMLSelectElement>(element, control);
  await until(element, () => province().options.length > 1, `the provinces of ${control}`);
  choose(province(), value.province);
  await element.updateComplete;
  const communes = () => find<HTMLSelectElement>(element, `${control}-commune`);
  await until(
    element,
    () => Array.from(communes().options).some((option) => option.value === value.commune),
    `commune ${value.commune} in ${control}-commune`,
  );
  typeInto(find<HTMLInputElement>(element, `${control}-commune-search`), value.search);
  choose(communes(), value.commune);
  await element.updateComplete;
  if (value.detail !== undefined)
    typeInto(find<HTMLInputElement>(element, `${control}-detail`), value.detail);
}

/**
 * Answers every field of the page on screen; in kiosk mode (one question per page), those of
 * `answers` the page asks, leaving the step's other questions to their pages.
 */
export async function fillPage(element: MotcuaProcedure, answers: PageAnswers): Promise<void> {
  for (const [id, value] of Object.entries(answers)) {
    if (element.mode === 'kiosk' && !onScreen(element, id)) continue;
    await answer(element, id, value);
  }
}

/** Whether the page on screen asks `id`. */
export function onScreen(element: MotcuaProcedure, id: string): boolean {
  return element.session?.snapshot.fields.some((field) => field.id === id) ?? false;
}

/** Presses the page's main button: Tiếp tục on a step. */
export async function clickContinue(element: MotcuaProcedure): Promise<void> {
  find<HTMLButtonElement>(element, 'form button[type=submit]').click();
  await element.updateComplete;
}

/**
 * Answers the page on screen from `journey` and continues, checking that Continue was accepted
 * (so a failing test names the page and its errors, not a later symptom).
 */
export async function completePage(
  element: MotcuaProcedure,
  journey: Readonly<Record<string, PageAnswers>> = BIRTH_REGISTRATION,
): Promise<void> {
  const step = currentStep(element);
  if (step === null) throw new Error('completePage: no step on screen');
  const answers = journey[step];
  if (!answers) throw new Error(`completePage: the journey has no answers for step "${step}"`);
  // A step in kiosk mode is several pages, one question each: answer and continue each.
  for (let guard = 0; currentStep(element) === step; guard++) {
    const page = element.session?.snapshot.page;
    await fillPage(element, answers);
    await clickContinue(element);
    const errors = element.session?.snapshot.errors ?? [];
    const stayed = currentStep(element) === step && element.session?.snapshot.page === page;
    if (errors.length > 0 || stayed || guard > 40) {
      throw new Error(
        `Continue on "${step}" (page ${page}) was refused: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
      );
    }
  }
}

/**
 * Walks the journey, page by page, until the page on screen asks `field` (at a kiosk, one
 * question per page).
 */
export async function walkToQuestion(
  element: MotcuaProcedure,
  field: string,
  journey: Readonly<Record<string, PageAnswers>> = BIRTH_REGISTRATION,
): Promise<void> {
  for (let guard = 0; !onScreen(element, field); guard++) {
    const step = currentStep(element);
    if (guard > 80 || step === null) throw new Error(`walkToQuestion: never asked "${field}"`);
    await fillPage(element, journey[step] ?? {});
    await clickContinue(element);
    const errors = element.session?.snapshot.errors ?? [];
    if (errors.length > 0)
      throw new Error(`walkToQuestion: refused on "${step}": ${errors[0]!.message}`);
  }
}

/** Walks the journey until `step` is on screen (or review, with `'review'`). */
export async function walkTo(
  element: MotcuaProcedure,
  step: string,
  journey: Readonly<Record<string, PageAnswers>> = BIRTH_REGISTRATION,
): Promise<void> {
  const at = () =>
    step === 'review'
      ? element.session?.snapshot.status === 'review'
      : currentStep(element) === step;
  for (let guard = 0; !at(); guard++) {
    if (guard > 20 || currentStep(element) === null) {
      throw new Error(`walkTo: never reached "${step}" (at ${element.session?.snapshot.status})`);
    }
    await completePage(element, journey);
  }
}

/** A `submit` that resolves with `receipt` after `ms` of real time, counting its calls. */
export function delayedSubmit(
  receipt: unknown,
  ms = 30,
): SendDossier & { calls: Parameters<SendDossier>[0][] } {
  const calls: Parameters<SendDossier>[0][] = [];
  const send = async (answers: Parameters<SendDossier>[0]) => {
    calls.push(answers);
    await new Promise((resolve) => setTimeout(resolve, ms));
    return receipt;
  };
  return Object.assign(send, { calls });
}

/** Resolves once the element leaves `submitting` and has rendered the outcome. */
export async function submitted(element: MotcuaProcedure): Promise<void> {
  for (let i = 0; i < 200 && element.session?.snapshot.status === 'submitting'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await element.updateComplete;
}

type Axe = typeof AxeCore;

/** axe-core, as it registers itself on `window` (it is a UMD script, not an ES module). */
function axe(): Axe {
  const found = (window as unknown as { axe?: Axe }).axe;
  if (!found) throw new Error('axe-core did not register window.axe');
  return found;
}

/** The WCAG 2.2 AA rules: A and AA of 2.0, 2.1 and 2.2. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe on the element (axe follows its open shadow root) with the WCAG 2.2 AA rules. */
export async function axeViolations(element: Element): Promise<AxeCore.Result[]> {
  const results = await axe().run(element, {
    runOnly: { type: 'tag', values: WCAG_AA_TAGS },
  });
  return results.violations;
}

/** Violations as a reader fixes them: rule, what it asks, and each node's target and summary. */
export function formatViolations(violations: readonly AxeCore.Result[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .map(
          (node) =>
            `    ${JSON.stringify(node.target)}\n      ${node.html}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`,
        )
        .join('\n');
      return `  ${violation.id} (${violation.impact ?? 'no impact'}): ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/**
 * Fails with every violation spelled out, naming the state checked ("vi portal, step child").
 */
export async function expectAccessible(element: Element, state: string): Promise<void> {
  const violations = await axeViolations(element);
  if (violations.length > 0) {
    throw new Error(
      `axe found ${violations.length} violation(s) on ${state}:\n${formatViolations(violations)}`,
    );
  }
}

/**
 * A finger's tap: pointer and touch events at the middle of the target, then the click a
 * browser makes of them (a kiosk's touch screen; nothing in the element listens for the mouse).
 * Touch events only where the browser makes them: without a touch screen desktop Firefox (153
 * ESR) has no `Touch`, and WebKitGTK's (2.50) throws "Illegal constructor". The element listens
 * to neither.
 */
export async function tap(element: MotcuaProcedure, target: HTMLElement): Promise<void> {
  target.scrollIntoView({ block: 'center' });
  const box = target.getBoundingClientRect();
  const at = { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 };
  let touch: Touch | undefined;
  try {
    touch = new Touch({ identifier: 1, target, ...at });
  } catch {
    touch = undefined;
  }
  const events = { bubbles: true, composed: true, cancelable: true };
  const pointer = { ...events, ...at, pointerType: 'touch', isPrimary: true };
  target.dispatchEvent(new PointerEvent('pointerdown', pointer));
  if (touch) {
    target.dispatchEvent(
      new TouchEvent('touchstart', { ...events, touches: [touch], changedTouches: [touch] }),
    );
  }
  target.dispatchEvent(new PointerEvent('pointerup', pointer));
  if (touch) {
    target.dispatchEvent(new TouchEvent('touchend', { ...events, changedTouches: [touch] }));
  }
  target.click();
  await element.updateComplete;
  // The group moves focus to the new row one frame after it is drawn.
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

/**
 * How many times the page fetched a source file, such as a chunk loaded on demand
 * (`/packages/elements/src/strings-en.ts`: the test server serves sources).
 */
export function fetchesOf(path: string): number {
  return performance
    .getEntriesByType('resource')
    .filter((entry) => new URL(entry.name).pathname.endsWith(path)).length;
}
