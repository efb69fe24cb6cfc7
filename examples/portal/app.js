// The host's side of the example: the element sends the dossier itself (its `endpoint`,
// /api/dossiers on @motcua/server, which checks it again with the same rules, stores it and
// answers with the receipt whose dossier code the confirmation shows). The page only shows what
// was sent, from the element's `motcua-submit` event, so a developer can see the payload.
import { createAddressData } from './vn-address.js';

const element = document.querySelector('motcua-procedure');
const payload = document.getElementById('payload');
const payloadJson = document.getElementById('payload-json');

// A draft saved for later on another device: its QR code opens this page with ?resume=<code>,
// and the element opens the draft from the server.
const resume = new URLSearchParams(location.search).get('resume');
if (resume) element.setAttribute('resume-code', resume);

await customElements.whenDefined('motcua-procedure');

// The places of the address fields (place of birth, home town, residences): Vietnam's provinces
// and communes, fetched one province at a time from the data folder beside the page.
element.addressData = createAddressData({
  load: async (/** @type {string} */ path) => {
    const response = await fetch(new URL(`./vn-data/${path}`, document.baseURI));
    if (!response.ok) throw new Error(`vn-data/${path}: HTTP ${response.status}`);
    return response.json();
  },
});

/** The body the element POSTs: the pruned, validated answers of this procedure's version. */
element.addEventListener('motcua-submit', (event) => {
  const procedure = element.session?.procedure;
  const dossier = { procedure: procedure?.id, version: procedure?.version, ...event.detail };
  console.log('motcua: dossier sent', dossier);
  payloadJson.textContent = JSON.stringify(dossier, null, 2);
  payload.hidden = false;
});

element.addEventListener('motcua-reset', () => {
  payload.hidden = true;
  payloadJson.textContent = '';
});

// Where citizens get stuck (issue 13): one summary per citizen session, with no answer in it,
// POSTed to @motcua/server's /api/insights for the agency's periodic review. A file of its own
// beside the runtime; without it (a static copy of the site) the form works the same.
import('./insights.js').then(
  ({ watchInsights }) => watchInsights(element, { endpoint: '/api/insights' }),
  (error) => console.warn('portal: no insights.js, so no insights are sent:', error),
);
