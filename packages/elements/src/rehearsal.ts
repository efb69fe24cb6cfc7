// The rehearsal: while the citizen reads the first page, the element draws its later pages once,
// out of sight, and throws them away. A page drawn for the first time costs two or three times
// what it costs the next time: Lit prepares each template once (parsing its HTML), V8 compiles
// the code that draws a field type on its first call, and the browser shapes a text's glyphs and
// matches its styles once. Done here, in idle time, Continue finds all of that ready
// (docs/performance.md, "The rehearsal"). Loaded with the chunks fetched after the first page.
import { html, render, nothing, type TemplateResult } from 'lit';

/**
 * Draws `pages` one at a time, each when the browser is idle, into a stage of its own at the end
 * of `root`: laid out (so that text is shaped and styled) but hidden from sight, from assistive
 * technology and from the pointer, in a shadow root of its own so that its ids never meet the
 * page's. Stops as soon as `current()` no longer holds (a new citizen, the element removed), and
 * leaves nothing behind. Resolves once done.
 */
export async function rehearse(
  root: ShadowRoot,
  host: HTMLElement & { readonly locale: string },
  pages: readonly (() => TemplateResult)[],
  current: () => boolean,
): Promise<void> {
  const stage = document.createElement('div');
  // Laid out, never seen: no height, clipped, hidden, and contained so that nothing outside it
  // is laid out again for it.
  stage.style.cssText = 'height:0;overflow:hidden;visibility:hidden;contain:strict';
  // Out of reach as well: nothing in it can be focused or found, and no event reaches its
  // controls, not even a script's click() on its "Gửi hồ sơ" (stopped on the way down, and
  // what it would do by default with it).
  stage.inert = true;
  // Closed, so that no deep search (a test's `>>>`, a host page's script) meets its copy of a
  // page, whose ids are the page's own.
  const inner = stage.attachShadow({ mode: 'closed' });
  for (const type of STOPPED) {
    inner.addEventListener(
      type,
      (event) => {
        event.stopPropagation();
        // A form's own submit would leave the page.
        event.preventDefault();
      },
      true,
    );
  }
  inner.adoptedStyleSheets = [...root.adoptedStyleSheets];
  root.append(stage);
  try {
    for (const page of pages) {
      await idle();
      if (!current()) return;
      // In the page's frame, so that the same styles match.
      render(html`<div class="page rehearsal" lang=${host.locale}>${page()}</div>`, inner, {
        host,
      });
      // Laid out now, in this idle moment, not later in a frame the citizen waits for.
      void inner.firstElementChild?.getBoundingClientRect();
    }
    // Cleared in an idle moment too.
    await idle();
    // For `npm run bench`, which times Continue once the citizen has read the first page.
    if (performance.getEntriesByName(REHEARSED, 'mark').length === 0) performance.mark(REHEARSED);
  } finally {
    render(nothing, inner);
    stage.remove();
  }
}

/** What the stage's controls would answer: stopped before it reaches them. */
const STOPPED = ['click', 'submit', 'input', 'change', 'keydown', 'pointerdown'];

/** Marked once a page, when a rehearsal first ends. */
const REHEARSED = 'motcua:rehearsed';

/** The browser's next idle moment (a short wait where there is no requestIdleCallback). */
const idle = () =>
  new Promise<unknown>((resolve) =>
    typeof requestIdleCallback === 'function'
      ? requestIdleCallback(resolve)
      : setTimeout(resolve, 50),
  );
