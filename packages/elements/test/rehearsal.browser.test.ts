import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { createManualClock } from '@motcua/core';
import type { MotcuaProcedure } from '@motcua/elements';
import { rehearse } from '../src/rehearsal.js';
import { TODAY, addressData, controlId, procedure, shadow, typeInto } from './helpers.js';

// Issue 15: a page drawn for the first time costs two or three times what it costs the next time
// (Lit prepares its templates, V8 compiles the code that draws a field type, the browser shapes
// its texts), so while the citizen reads the first page the element draws its later pages once,
// out of sight, in idle time (rehearsal.ts), and Continue finds all of that ready. These tests
// prove what the rehearsal draws and that it leaves nothing, shows nothing and keeps nothing of
// the citizen; `npm run bench` shows what it gains.

/** What one page of a rehearsal held, read while it was drawn. */
interface Drawn {
  headings: string[];
  controls: string[];
  values: string[];
}

/**
 * Every shadow root attached in this page, the closed ones too: the stage's is closed, so that no
 * deep search (a test's `>>>`, a host page's script) finds its copy of a page, ids and all. These
 * tests read it from here. (Each test file runs in a page of its own.)
 */
const shadowRoots = new WeakMap<Element, ShadowRoot>();
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
  const inner = attachShadow.call(this, init);
  shadowRoots.set(this, inner);
  return inner;
};

/** The stage of a rehearsal in the element's shadow root: the one child with a shadow root. */
const stageIn = (root: ShadowRoot) =>
  [...root.children].find((child): child is HTMLElement => shadowRoots.has(child));

/** The stage's own (closed) shadow root. */
const innerOf = (stage: Element) => shadowRoots.get(stage)!;

/**
 * The element on the birth registration, as helpers' mount makes it, but watched from the moment
 * it is connected: every page its rehearsal draws, and the stage's end.
 */
function mountWatched({
  answers,
  mode = 'portal',
  onPage,
}: {
  answers?: Record<string, unknown>;
  mode?: 'portal' | 'kiosk';
  /** Called as each page is drawn, before the next. */
  onPage?: (drawn: Drawn[]) => void;
} = {}) {
  const element = document.createElement('motcua-procedure') as MotcuaProcedure;
  Object.assign(element, { clock: createManualClock(TODAY), procedure, addressData, answers });
  element.setAttribute('mode', mode);
  document.body.append(element);
  const root = shadow(element);
  const drawn: Drawn[] = [];
  let stage: HTMLElement | undefined;
  const ended = new Promise<void>((resolve) => {
    const pages = new MutationObserver(() => {
      const inner = innerOf(stage!);
      // Cleared at the end: nothing drawn.
      if (!inner.querySelector('.page')) return;
      drawn.push({
        headings: [...inner.querySelectorAll('h1, h2')].map((h) => h.textContent!.trim()),
        controls: [...inner.querySelectorAll('input, select, textarea')].map((c) => c.id),
        values: [
          ...inner.querySelectorAll<HTMLInputElement>(
            'input:not([type=radio], [type=checkbox]), textarea',
          ),
        ].map((c) => c.value),
      });
      onPage?.(drawn);
    });
    new MutationObserver((records, observer) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          const added = stageIn(root);
          if (added && node === added) {
            stage = added;
            pages.observe(innerOf(added), { childList: true, subtree: true });
          }
        }
        if (stage && [...record.removedNodes].includes(stage)) {
          pages.disconnect();
          observer.disconnect();
          resolve();
        }
      }
    }).observe(root, { childList: true });
  });
  return { element, root, drawn, ended, stage: () => stage };
}

describe('<motcua-procedure> rehearses its later pages while the citizen reads the first', () => {
  let element: MotcuaProcedure | undefined;
  afterEach(() => element?.remove());

  it('draws every step with all its fields, then review, once each, and leaves nothing', async () => {
    const watched = mountWatched();
    element = watched.element;
    await watched.ended;

    const steps = procedure.steps;
    // One page a step, then review.
    expect(watched.drawn.map((page) => page.headings[0])).to.deep.equal([
      ...steps.map((step) => (step.title as { vi: string }).vi),
      'Kiểm tra lại thông tin',
    ]);
    steps.forEach((step, index) => {
      const ids = watched.drawn[index]!.controls;
      // Every field of the step is drawn, those a condition hides on the real page too.
      for (const field of step.fields.filter((f) => f.type !== 'group')) {
        expect(
          ids.some((id) => id === controlId(field.id) || id.startsWith(`${controlId(field.id)}-`)),
          `${step.id}: ${field.id}`,
        ).to.equal(true);
      }
    });
    // Review lists every step with nothing answered.
    expect(watched.drawn.at(-1)!.headings).to.include.members(
      steps.slice(0, 3).map((step) => (step.title as { vi: string }).vi),
    );

    // Nothing is left: the shadow root holds the page and nothing else; the page still works.
    expect(stageIn(watched.root)).to.equal(undefined);
    expect(watched.root.querySelectorAll('h1')).to.have.length(1);
    expect(performance.getEntriesByName('motcua:rehearsed', 'mark')).to.have.length(1);
  });

  it('draws none of the citizen’s answers, even out of sight', async () => {
    // Answers the page started with (a draft opened, a host's own), and one typed on the page.
    const watched = mountWatched({
      answers: { requesterName: 'Nguyễn Thị Lan', childName: 'Trần Minh An' },
    });
    element = watched.element;
    await element.loaded;
    const input = watched.root.querySelector<HTMLInputElement>(`#${controlId('requesterPhone')}`)!;
    typeInto(input, '0912345678');
    await watched.ended;
    expect(watched.drawn.length).to.equal(procedure.steps.length + 1);
    expect(watched.drawn.flatMap((page) => page.values).filter(Boolean)).to.deep.equal([]);
    // The page on screen has them, of course.
    expect(element.session!.snapshot.answers).to.include({
      requesterName: 'Nguyễn Thị Lan',
      requesterPhone: '0912345678',
      childName: 'Trần Minh An',
    });
  });

  it('stops at once for a kiosk’s next citizen, and leaves nothing', async () => {
    // A kiosk's wipe (or "Làm hồ sơ mới") starts a new session just as the first page is
    // rehearsed: the old session's rehearsal draws nothing more, and its stage goes.
    element = document.createElement('motcua-procedure') as MotcuaProcedure;
    Object.assign(element, { clock: createManualClock(TODAY), procedure, addressData });
    element.setAttribute('mode', 'kiosk');
    document.body.append(element);
    const root = shadow(element);
    let pages = 0;
    const first = await new Promise<HTMLElement>((resolve) =>
      new MutationObserver((_records, observer) => {
        const stage = stageIn(root);
        if (!stage) return;
        observer.disconnect();
        resolve(stage);
        new MutationObserver(() => {
          if (!innerOf(stage).querySelector('.page')) return;
          pages++;
          if (pages > 1) return;
          const before = element!.session;
          element!.reset();
          expect(element!.session).not.to.equal(before);
        }).observe(innerOf(stage), { childList: true, subtree: true });
      }).observe(root, { childList: true }),
    );
    for (let i = 0; first.isConnected && i < 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(first.isConnected, 'the old rehearsal’s stage is gone').to.equal(false);
    expect(pages).to.equal(1);
    expect(innerOf(first).childElementCount, 'nothing drawn in it').to.equal(0);
    await element.updateComplete;
    expect(element.session!.snapshot.step?.id).to.equal(procedure.steps[0]!.id);
  });
});

describe('rehearse()', () => {
  it('lays each page out out of sight: no height, hidden, nothing focusable or pressable, its own ids', async () => {
    const host = Object.assign(document.createElement('div'), { locale: 'vi' });
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('.wide { display: block; width: 300px }');
    root.adoptedStyleSheets = [sheet];
    root.innerHTML = '<p id="name">the page on screen</p>';
    const seen: Record<string, unknown>[] = [];
    let pressed = 0;
    const look = () => {
      const stage = stageIn(root)!;
      const inner = innerOf(stage);
      const input = inner.querySelector('input')!;
      input.focus();
      // Even a script's click or submit reaches none of its controls.
      inner.querySelector('button')!.click();
      inner.querySelector('form')!.requestSubmit();
      seen.push({
        height: stage.getBoundingClientRect().height,
        visibility: getComputedStyle(stage).visibility,
        // Laid out with the page's own styles: the text was shaped, the styles matched.
        width: inner.querySelector('.wide')!.getBoundingClientRect().width,
        focused: inner.activeElement === input || document.activeElement === host,
        ids: root.querySelectorAll('#name').length,
        // Closed: a deep search from the page (or a host's script) cannot reach into it.
        open: stage.shadowRoot !== null,
      });
    };
    await rehearse(
      root,
      host,
      [
        () =>
          html`<form @submit=${(event: Event) => (event.preventDefault(), pressed++)}>
            <p class="wide">Họ, chữ đệm và tên</p>
            <input id="name" />
            <button type="button" @click=${() => pressed++}>Gửi hồ sơ</button>
          </form>`,
        () => (look(), html`<p>second</p>`),
      ],
      () => true,
    );
    expect(seen).to.deep.equal([
      { height: 0, visibility: 'hidden', width: 300, focused: false, ids: 1, open: false },
    ]);
    expect(pressed, 'no click or submit reached the stage’s controls').to.equal(0);
    expect(stageIn(root)).to.equal(undefined);
    expect(root.innerHTML).to.equal('<p id="name">the page on screen</p>');
    host.remove();
  });

  it('draws nothing more once `current` no longer holds, and clears what it drew', async () => {
    const host = Object.assign(document.createElement('div'), { locale: 'vi' });
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    let drawn = 0;
    const page = () => (drawn++, html`<p>page</p>`);
    await rehearse(root, host, [page, page, page, page], () => drawn < 2);
    expect(drawn).to.equal(2);
    expect(root.childNodes).to.have.length(0);
    host.remove();
  });
});
