// The blank page's side of `npm run bench`: the same window.motcuaBench as harness.js, for a page
// with no framework. Its first input is in the HTML, so it is ready when this module runs (after
// the document is parsed); its Continue swaps the input for a new one.
/* global document, window, requestAnimationFrame */

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
let count = 0;

document.getElementById('continue').addEventListener('click', () => {
  count += 1;
  const input = document.createElement('input');
  input.id = `q${count}`;
  input.name = input.id;
  input.autocomplete = 'off';
  document.querySelector('#form input').replaceWith(input);
  document.querySelector('#form label').htmlFor = input.id;
  input.focus();
});

if (!document.querySelector('input')) throw new Error('bench: the blank page has no input');
performance.mark('bench:first-input');
const ready = Promise.resolve(performance.now());

/** Clicks "Continue" and resolves on the next animation frame after the swap: ms it took. */
async function next() {
  const start = performance.now();
  document.getElementById('continue').click();
  await frame();
  return { step: `swap ${count}`, ms: performance.now() - start };
}

/** As many swaps as the birth registration has steps. */
async function walk(steps = 9) {
  const times = [];
  for (let i = 0; i < steps; i++) times.push(await next());
  return times;
}

window.motcuaBench = { ready, fill: async () => {}, next, walk, where: () => `swap ${count}` };
