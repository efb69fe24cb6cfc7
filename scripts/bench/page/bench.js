// The page side of `npm run bench` (scripts/bench/bench.mjs drives it through CDP): mounts
// <motcua-procedure> on ?procedure=<id>, notes when its first input is ready, and offers the
// measured actions as window.motcuaBench. Everything is timed here, in the page, with
// performance.now(), so the CDP round trips are not counted.
/* global document, window, location, requestAnimationFrame, customElements */

const id = new URLSearchParams(location.search).get('procedure') ?? 'birth-registration';
const answers = await (await fetch(`./procedures/${id}.answers.json`)).json();

const element = document.createElement('motcua-procedure');
element.submit = async () => ({ dossierCode: 'HS-20261124-0001' });
element.setAttribute('src', `./procedures/${id}.js`);
document.getElementById('main').append(element);

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
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

/** Answers every field through the session, as typing each one would. */
function fill() {
  for (const [field, value] of Object.entries(answers)) element.session.set(field, value);
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
  return performance.now() - start;
}

/** From the first step to review, Continue by Continue: the ms of each. */
async function walk() {
  const times = [];
  while (snapshot().status === 'filling') times.push(await next());
  return times;
}

/** One kiosk citizen: fill, Continue to review, send, start again. */
async function cycle() {
  fill();
  await walk();
  press('Gửi hồ sơ');
  await until(() => snapshot().status === 'submitted', 'the confirmation');
  press('Làm hồ sơ mới');
  await until(
    () => snapshot().status === 'filling' && Object.keys(snapshot().answers).length === 0,
    'a fresh form',
  );
}

const ready = (async () => {
  await customElements.whenDefined('motcua-procedure');
  await until(() => root()?.querySelector('input, select, textarea'), 'the first input');
  return performance.now();
})();

window.motcuaBench = { ready, fill, next, walk, cycle, where };
