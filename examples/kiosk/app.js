// The kiosk's side: a choice of procedures, then one <motcua-procedure mode="kiosk"> that sends
// the dossier to @motcua/server. A kiosk is shared: when the citizen finishes or presses
// "Về trang đầu", the element is removed (its session stopped, its answers and files dropped)
// and a fresh one is made for the next person. Nothing is written to storage.
/* global document, customElements, fetch, URL */
import { createAddressData } from './vn-address.js';

const chooser = document.getElementById('chooser');
const holder = document.getElementById('form');
const main = document.getElementById('main');
const restart = document.getElementById('restart');
const confirm = document.getElementById('confirm-restart');
const cleared = document.getElementById('cleared');

await customElements.whenDefined('motcua-procedure');

/** Provinces and communes for address fields, fetched one province at a time when needed. */
const addressData = createAddressData({
  load: async (path) => {
    const response = await fetch(new URL(`./vn-data/${path}`, document.baseURI));
    if (!response.ok) throw new Error(`vn-data/${path}: HTTP ${response.status}`);
    return response.json();
  },
});

/** Opens a procedure in a new element: nothing carries over from the last citizen. */
function open(id) {
  const element = document.createElement('motcua-procedure');
  element.setAttribute('mode', 'kiosk');
  element.setAttribute('lang', 'vi');
  element.setAttribute('endpoint', '/api/dossiers');
  element.setAttribute('src', `./procedures/${id}.js`);
  element.addressData = addressData;
  // "Làm hồ sơ mới" on the confirmation: this citizen is done. Or the element wiped itself,
  // left unused (`idle`) or because the page was left (`pagehide`): the next person is told
  // when there was something to wipe.
  element.addEventListener('motcua-reset', (event) =>
    home(event.detail.reason !== 'reset' && event.detail.hadData),
  );
  holder.replaceChildren(element);
  chooser.hidden = true;
  restart.hidden = false;
}

/**
 * Back to the choice, with every trace of the last citizen gone; `wiped` says so on the choice
 * until the next touch or key.
 */
function home(wiped = false) {
  cleared.hidden = !wiped;
  holder.replaceChildren();
  chooser.hidden = false;
  restart.hidden = true;
  document.title = 'Ki-ốt dịch vụ công — nộp hồ sơ từng bước';
  main.focus();
}

// Not on pointerdown: the list would move up under the finger before its click lands.
for (const type of ['click', 'keydown']) {
  document.addEventListener(type, () => (cleared.hidden = true), { capture: true });
}

for (const button of chooser.querySelectorAll('button[data-procedure]')) {
  button.addEventListener('click', () => open(button.dataset.procedure));
}

restart.addEventListener('click', () => {
  const element = holder.querySelector('motcua-procedure');
  // Nothing typed yet, or already sent: nothing to lose, so no question.
  const status = element?.snapshot?.status;
  const answered = Object.keys(element?.snapshot?.answers ?? {}).length > 0;
  if (!answered || status === 'submitted') home();
  else confirm.showModal();
});
document.getElementById('confirm-yes').addEventListener('click', () => {
  confirm.close();
  home();
});
document.getElementById('confirm-no').addEventListener('click', () => confirm.close());
