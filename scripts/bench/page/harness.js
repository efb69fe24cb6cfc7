// The page side of `npm run bench` (scripts/bench/bench.mjs drives it through CDP): mounts
// <motcua-procedure> with a procedure to load (`src`) or one the page imported itself
// (`procedure`, the fast path), notes when its first input is ready, and offers the measured
// actions as window.motcuaBench. Everything is timed here, in the page, with performance.now(),
// so the CDP round trips are not counted.
//
// User timing marks, for the trace (scripts/bench/trace.mjs):
//   bench:page-script      this module runs (the runtime's module, before it, has run)
//   bench:defined          <motcua-procedure> is defined
//   bench:session-started  the element's first motcua-step-change: its session has started
//   bench:first-input      the first input, select or textarea is in the shadow root (at the
//                          element's own motcua:first-input mark, made in the render that drew it)
//   bench:machine-ready    the session's XState actor runs (its chunk is fetched once the first
//                          page is drawn)
//   motcua:rehearsed       the element's own mark: its later pages drawn once out of sight, in
//                          idle time (rehearsal.ts); Continue is timed from then on
/* global document, window, requestAnimationFrame, customElements */

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

/**
 * @param {{ id: string, src?: string, procedure?: unknown }} options
 */
export function mount({ id, src, procedure }) {
  performance.mark('bench:page-script');
  const element = document.createElement('motcua-procedure');
  element.submit = async () => ({ dossierCode: 'HS-20261124-0001' });
  element.addEventListener('motcua-step-change', () => performance.mark('bench:session-started'), {
    once: true,
  });
  if (procedure) element.procedure = procedure;
  else element.setAttribute('src', src);
  document.getElementById('main').append(element);

  const root = () => element.shadowRoot;
  const snapshot = () => element.session?.snapshot;
  const where = () => {
    const now = snapshot();
    return now?.status === 'filling' ? `step:${now.step?.id}` : (now?.status ?? 'loading');
  };

  /** Resolves on the frame after `done()` holds, checking after each render. */
  async function until(done, what) {
    for (let tries = 0; tries < 2000; tries++) {
      await element.updateComplete;
      if (done()) return;
      await frame();
    }
    throw new Error(`bench: ${what} never happened (at ${where()})`);
  }

  /** Clicks the button whose text is `label` (or the form's submit button with no label). */
  function press(label) {
    const buttons = [...(root()?.querySelectorAll('button') ?? [])];
    const button = label
      ? buttons.find((b) => b.textContent.trim() === label)
      : root()?.querySelector('form button[type=submit]');
    if (!button) throw new Error(`bench: no button ${label ?? 'Continue'} at ${where()}`);
    button.click();
  }

  const ready = (async () => {
    await customElements.whenDefined('motcua-procedure');
    performance.mark('bench:defined');
    // The element marks the render that drew its first input (motcua:first-input). Read on each
    // frame, not after updateComplete: that also waits for the machine's chunk, which the
    // element fetches only once the first page is drawn.
    for (let tries = 0; tries < 2000; tries++) {
      const [drawn] = performance.getEntriesByName('motcua:first-input', 'mark');
      if (drawn && root()?.querySelector('input, select, textarea')) {
        performance.mark('bench:first-input', { startTime: drawn.startTime });
        return drawn.startTime;
      }
      await frame();
    }
    throw new Error(`bench: the first input never happened (at ${where()})`);
  })();

  /** When the machine runs: XState's chunk came and the session's actor started. */
  const machine = ready.then(async () => {
    await element.session.ready;
    performance.mark('bench:machine-ready');
    return performance.now();
  });

  /**
   * When the element has rehearsed its later pages (its motcua:rehearsed mark, made in idle time
   * once the machine runs): a citizen reads and types on the first page for longer than that, so
   * Continue is timed after it. Undefined if no rehearsal ended within 2,000 frames.
   */
  const rehearsed = machine.then(async () => {
    for (let tries = 0; tries < 2000; tries++) {
      const [mark] = performance.getEntriesByName('motcua:rehearsed', 'mark');
      if (mark) return mark.startTime;
      await frame();
    }
    return undefined;
  });

  // The answers are the harness's, not the page's: fetched once the first input is ready, so
  // that they are not on the path measured.
  const answers = ready.then(async () => (await fetch(`./procedures/${id}.answers.json`)).json());

  /**
   * Answers every field through the session, as typing each one would, once the machine runs: a
   * citizen reads and types on the first page for longer than its chunk takes to come, so
   * Continue is timed as they meet it.
   */
  async function fill() {
    await machine;
    await rehearsed;
    for (const [field, value] of Object.entries(await answers)) element.session.set(field, value);
  }

  /** Presses Continue and resolves when the next page has rendered: ms it took. */
  async function next() {
    const before = where();
    const start = performance.now();
    press();
    await until(() => where() !== before, `leaving ${before}`);
    await frame();
    const errors = snapshot().errors;
    if (errors.length > 0) throw new Error(`bench: ${before} refused: ${JSON.stringify(errors)}`);
    return { step: before.replace(/^step:/, ''), ms: performance.now() - start };
  }

  /** From the first step to review, Continue by Continue (the last arrives at review). */
  async function walk() {
    const times = [];
    while (snapshot().status === 'filling') times.push(await next());
    return times;
  }

  /** One kiosk citizen: fill, Continue to review, send, start again. */
  async function cycle() {
    await fill();
    await walk();
    press('Gửi hồ sơ');
    await until(() => snapshot().status === 'submitted', 'the confirmation');
    press('Làm hồ sơ mới');
    await until(
      () => snapshot().status === 'filling' && Object.keys(snapshot().answers).length === 0,
      'a fresh form',
    );
  }

  window.motcuaBench = { ready, machine, rehearsed, fill, next, walk, cycle, where };
}
