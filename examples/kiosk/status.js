// The status of a dossier, for the citizen who holds its slip: GET /api/dossiers/{code} with
// its access code. The QR code on the slip opens this page with both in the fragment, and
// `lang=en` when the slip was printed in English.
import { html, render } from './motcua.js';

const words = {
  vi: {
    title: 'Tra cứu hồ sơ',
    lead: 'Nhập mã hồ sơ và mã tra cứu in trên phiếu hẹn.',
    code: 'Mã hồ sơ',
    access: 'Mã tra cứu',
    look: 'Xem tình trạng',
    looking: 'Đang tra cứu…',
    notFound: 'Không tìm thấy hồ sơ với mã và mã tra cứu này. Bạn hãy kiểm tra lại trên phiếu hẹn.',
    failed: 'Chưa tra cứu được. Bạn hãy thử lại sau ít phút.',
    procedure: 'Thủ tục',
    receivedAt: 'Ngày nộp',
    status: 'Tình trạng',
    received: 'Đã tiếp nhận. Cán bộ đang xử lý hồ sơ của bạn.',
    awaiting: 'Đã nhận thông tin, còn thiếu {count} tệp. Bạn mang bản giấy đến quầy.',
    awaitingOne: 'Đã nhận thông tin, còn thiếu 1 tệp. Bạn mang bản giấy đến quầy.',
    language: 'English',
  },
  en: {
    title: 'Look up an application',
    lead: 'Enter the application code and the access code printed on your slip.',
    code: 'Application code',
    access: 'Access code',
    look: 'See the status',
    looking: 'Looking it up…',
    notFound: 'No application with this code and access code. Check them on your slip.',
    failed: 'It could not be looked up. Try again in a few minutes.',
    procedure: 'Procedure',
    receivedAt: 'Sent on',
    status: 'Status',
    received: 'Received. The officer is dealing with your application.',
    awaiting: 'Received, with {count} files still missing. Bring the papers to the counter.',
    awaitingOne: 'Received, with one file still missing. Bring the paper to the counter.',
    language: 'Tiếng Việt',
  },
};

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const fragment = new URLSearchParams(location.hash.slice(1));
const state = {
  locale: fragment.get('lang') === 'en' ? 'en' : 'vi',
  code: fragment.get('code') ?? '',
  access: fragment.get('access') ?? '',
  /** @type {'form' | 'looking' | 'found' | 'not-found' | 'failed'} */
  phase: 'form',
  /** @type {any} */
  found: undefined,
};

async function look() {
  state.phase = 'looking';
  draw();
  try {
    const response = await fetch(`/api/dossiers/${encodeURIComponent(state.code.trim())}`, {
      headers: { authorization: `Bearer ${state.access.trim()}`, 'accept-language': state.locale },
    });
    state.phase = response.ok ? 'found' : response.status === 404 ? 'not-found' : 'failed';
    state.found = response.ok ? await response.json() : undefined;
  } catch {
    state.phase = 'failed';
  }
  draw();
  document.getElementById('result')?.focus();
}

function draw() {
  const t = state.locale === 'en' ? words.en : words.vi;
  document.documentElement.lang = state.locale;
  document.title = t.title;
  const found = state.found;
  render(
    html`<button
        class="toolbar__button"
        type="button"
        lang=${state.locale === 'vi' ? 'en' : 'vi'}
        @click=${() => {
          state.locale = state.locale === 'vi' ? 'en' : 'vi';
          draw();
        }}
      >
        ${t.language}
      </button>
      <h1>${t.title}</h1>
      <p class="lead">${t.lead}</p>
      <form
        @submit=${(/** @type {Event} */ event) => {
          event.preventDefault();
          void look();
        }}
      >
        <p>
          <label class="search__label" for="code">${t.code}</label>
          <input
            class="search__input"
            id="code"
            autocomplete="off"
            .value=${state.code}
            @input=${(/** @type {any} */ event) => (state.code = event.target.value)}
          />
        </p>
        <p>
          <label class="search__label" for="access">${t.access}</label>
          <input
            class="search__input"
            id="access"
            autocomplete="off"
            .value=${state.access}
            @input=${(/** @type {any} */ event) => (state.access = event.target.value)}
          />
        </p>
        <button class="button" type="submit">${t.look}</button>
      </form>
      <div id="result" tabindex="-1" role="status">
        ${
          state.phase === 'looking'
            ? html`<p>${t.looking}</p>`
            : state.phase === 'not-found'
              ? html`<p>${t.notFound}</p>`
              : state.phase === 'failed'
                ? html`<p>${t.failed}</p>`
                : state.phase === 'found' && found
                  ? html`<dl class="facts">
                      <div class="facts__row">
                        <dt>${t.code}</dt>
                        <dd>${found.dossierCode}</dd>
                      </div>
                      <div class="facts__row">
                        <dt>${t.procedure}</dt>
                        <dd>${found.procedure?.title?.[state.locale] ?? found.procedure?.id}</dd>
                      </div>
                      <div class="facts__row">
                        <dt>${t.receivedAt}</dt>
                        <dd>
                          ${new Date(found.receivedAt).toLocaleString(state.locale === 'en' ? 'en-GB' : 'vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}
                        </dd>
                      </div>
                      <div class="facts__row">
                        <dt>${t.status}</dt>
                        <dd>
                          ${
                            found.status === 'received'
                              ? t.received
                              : found.missingFiles === 1
                                ? t.awaitingOne
                                : t.awaiting.replace('{count}', String(found.missingFiles))
                          }
                        </dd>
                      </div>
                    </dl>`
                  : ''
        }
      </div>`,
    main,
  );
}

draw();
if (state.code && state.access) void look();
