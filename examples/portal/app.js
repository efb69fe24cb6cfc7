// The host's side of the example: how a portal gives <motcua-procedure> a way to send the dossier.
// Here nothing leaves the page: the answers are logged and shown, and a made-up dossier code comes
// back as the "server's" receipt.
/* global document, console, customElements, setTimeout */

const element = document.querySelector('motcua-procedure');
const payload = document.getElementById('payload');
const payloadJson = document.getElementById('payload-json');

/** A dossier code in the form portals use: HS-<yyyymmdd>-<4 digits>. */
function dossierCode() {
  const now = new Date();
  const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((part) => String(part).padStart(2, '0'))
    .join('');
  const serial = String(Math.floor(Math.random() * 10000)).padStart(4, '0');
  return `HS-${day}-${serial}`;
}

await customElements.whenDefined('motcua-procedure');

/**
 * Receives the pruned, validated answers (only what the citizen was asked) and resolves with the
 * receipt; a rejection would show "Gửi lại" with the answers kept.
 */
element.submit = async (answers, procedure) => {
  const dossier = { procedure: procedure.id, version: procedure.version, answers };
  console.log('motcua: dossier to send', dossier);
  payloadJson.textContent = JSON.stringify(dossier, null, 2);
  payload.hidden = false;
  // A short pause, as a real server takes, so the "Đang gửi hồ sơ…" state can be seen.
  await new Promise((resolve) => setTimeout(resolve, 600));
  return { dossierCode: dossierCode() };
};

element.addEventListener('motcua-reset', () => {
  payload.hidden = true;
  payloadJson.textContent = '';
});
