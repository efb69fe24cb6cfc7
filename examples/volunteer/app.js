// The volunteers' page (`/volunteer/`, for a tablet at the counter): the site's help calls, live
// from GET /api/help/stream, by kiosk and where its citizen is; take a call and mark it done
// (PATCH /api/help/{id}); and "Xem hồ sơ": the dossier the kiosk shares while its citizen is
// there, every answer with every error and warning of the procedure's own rules and every paper
// flagged, updated as the citizen changes it and gone when their session ends.
//
// With a staff token configured on the server, the page asks for it once and keeps it in memory
// only (a reload asks again).
import { formatAnswer, html, loadStrings, nothing, render, stringsFor } from './motcua.js';
import { createAddressData } from './vn-address.js';
import { reviewDossier } from './review.js';
import { fill, volunteerStrings } from './strings.js';

const main = /** @type {HTMLElement} */ (document.getElementById('main'));

/**
 * @typedef {{ id: number, kiosk: string, procedure: string | null, step: string | null,
 *   status: 'open' | 'taken' | 'done', takenBy: string | null, createdAt: string,
 *   hasDossier?: boolean, dossierUpdatedAt?: string | null }} HelpRequest
 */

// The static "Đang tải…" of index.html: Lit draws from here on.
main.replaceChildren();

const state = {
  locale: 'vi',
  /** @type {string | undefined} */
  token: undefined,
  /** @type {'connecting' | 'live' | 'lost' | 'sign-in' | 'wrong-token'} */
  connection: 'connecting',
  /** @type {HelpRequest[]} */
  requests: [],
  /** @type {Map<string, { title: any }>} */
  titles: new Map(),
  /** @type {Map<string, any>} procedures loaded, by id */
  procedures: new Map(),
  /** @type {{ id: number, kiosk: string, state: 'loading' | 'ready' | 'gone' | 'failed', dossier?: any, procedure?: any, seen?: string | null } | undefined} */
  review: undefined,
  /** @type {number | undefined} a request whose update failed */
  failed: undefined,
  /** @type {string | undefined} */
  focus: undefined,
};

const t = () => volunteerStrings(state.locale);
const text = (/** @type {any} */ value) =>
  value && typeof value === 'object'
    ? (state.locale === 'en' ? value.en : value.vi) || value.vi
    : (value ?? '');

const addressData = createAddressData({
  load: async (/** @type {string} */ path) => {
    const response = await fetch(new URL(`./vn-data/${path}`, document.baseURI));
    if (!response.ok) throw new Error(`vn-data/${path}: HTTP ${response.status}`);
    return response.json();
  },
});
/** Names of provinces and communes, by `province:<code>` and `commune:<code>`. */
const places = new Map();

const authorization = () =>
  /** @type {Record<string, string>} */ (
    state.token ? { authorization: `Bearer ${state.token}` } : {}
  );

/** @param {string} id */
function procedureModule(id) {
  if (!state.procedures.has(id)) {
    const url = new URL(`./procedures/${encodeURIComponent(id)}.js`, document.baseURI).href;
    state.procedures.set(
      id,
      import(url).then(
        // Its papers, fees and checks are a chunk of their own, with its texts in English: the
        // screens before the form (papers to bring, costs) and a dossier's review need them.
        (module) => module.default.load().then(() => module.default),
        (error) => {
          state.procedures.delete(id);
          throw error;
        },
      ),
    );
  }
  return state.procedures.get(id);
}

/** Where a citizen is, in words: the procedure's step title, or the kiosk screen's name. */
function stepLabel(/** @type {{ step: string | null }} */ request, /** @type {any} */ procedure) {
  const strings = t();
  const step = request.step;
  if (!step) return '';
  const known = /** @type {Record<string, string>} */ (strings.steps)[step];
  if (known) return known;
  const defined = procedure?.step?.(step);
  return defined ? text(defined.title) : step;
}

const timeOf = (/** @type {string} */ iso) =>
  new Intl.DateTimeFormat(state.locale === 'en' ? 'en-GB' : 'vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

/** @type {Map<string, any>} procedures ready to draw, by id */
const ready = new Map();
/** Makes sure the procedures of the listed calls are loaded, for their step titles. */
function loadProcedures() {
  for (const request of state.requests) {
    const id = request.procedure;
    if (!id || ready.has(id)) continue;
    ready.set(id, undefined);
    procedureModule(id).then(
      (/** @type {any} */ procedure) => {
        ready.set(id, procedure);
        draw();
      },
      (/** @type {unknown} */ error) => console.warn(`volunteer: procedure ${id}:`, error),
    );
  }
}

function draw() {
  const strings = t();
  document.documentElement.lang = state.locale;
  document.title = strings.pageTitle;
  render(
    html`<div class="bar">
        <p class="bar__name">${strings.pageTitle}</p>
        <button
          class="bar__button"
          id="language"
          type="button"
          lang=${state.locale === 'vi' ? 'en' : 'vi'}
          @click=${async () => {
            const locale = state.locale === 'vi' ? 'en' : 'vi';
            // The element's words in English are a chunk of the runtime, loaded on demand.
            await loadStrings(locale).catch((/** @type {unknown} */ error) =>
              console.warn('volunteer: the element’s words:', error),
            );
            state.locale = locale;
            draw();
          }}
        >
          ${strings.languageSwitch}
        </button>
      </div>
      ${
        state.connection === 'sign-in' || state.connection === 'wrong-token'
          ? signIn()
          : state.review
            ? reviewView()
            : listView()
      }`,
    main,
  );
  if (state.focus) {
    const target = document.getElementById(state.focus) ?? main.querySelector('h1');
    state.focus = undefined;
    /** @type {HTMLElement | null} */ (target)?.focus();
  }
}

function signIn() {
  const strings = t();
  return html`<h1 id="title" tabindex="-1">${strings.signInTitle}</h1>
    <p>${strings.signInLead}</p>
    ${
      state.connection === 'wrong-token'
        ? html`<p class="error" role="alert">${strings.signInWrong}</p>`
        : nothing
    }
    <form
      @submit=${(/** @type {Event} */ event) => {
        event.preventDefault();
        const input = /** @type {HTMLInputElement} */ (document.getElementById('token'));
        state.token = input.value.trim();
        void connect();
      }}
    >
      <label class="label" for="token">${strings.signInLabel}</label>
      <input class="input" id="token" type="password" autocomplete="off" />
      <button class="button" type="submit">${strings.signIn}</button>
    </form>`;
}

function listView() {
  const strings = t();
  loadProcedures();
  return html`<h1 id="title" tabindex="-1">${strings.title}</h1>
    <p class="connection" id="connection" role="status">
      ${
        state.connection === 'live'
          ? state.requests.length > 0
            ? fill(strings.count, { count: state.requests.length })
            : strings.none
          : state.connection === 'lost'
            ? strings.lost
            : strings.connecting
      }
    </p>
    ${state.connection === 'live' ? html`<p class="hint">${strings.live}</p>` : nothing}
    <ul class="requests" id="requests">
      ${state.requests.map((request) => {
        const procedure = request.procedure ? ready.get(request.procedure) : undefined;
        const title = request.procedure
          ? text(state.titles.get(request.procedure)?.title) || request.procedure
          : strings.noProcedure;
        const where = stepLabel(request, procedure);
        return html`<li class="request request--${request.status}" data-request=${request.id}>
          <h2 class="request__kiosk">${fill(strings.kiosk, { kiosk: request.kiosk })}</h2>
          <p class="request__status">
            <span class="tag tag--${request.status}"
              >${request.status === 'taken' ? strings.statusTaken : strings.statusOpen}</span
            >
            ${request.takenBy ? fill(strings.takenBy, { name: request.takenBy }) : nothing}
          </p>
          <p class="request__procedure">${title}</p>
          ${where ? html`<p class="request__step">${fill(strings.at, { step: where })}</p>` : nothing}
          <p class="hint">${fill(strings.since, { time: timeOf(request.createdAt) })}</p>
          ${
            state.failed === request.id
              ? html`<p class="error" role="alert">${strings.updateFailed}</p>`
              : nothing
          }
          <div class="request__actions">
            ${
              request.hasDossier
                ? html`<button
                    class="button"
                    type="button"
                    data-action="review"
                    @click=${() => openReview(request)}
                  >
                    ${strings.review}<span class="visually-hidden">
                      ${fill(strings.kiosk, { kiosk: request.kiosk })}</span
                    >
                  </button>`
                : nothing
            }
            ${
              request.status === 'open'
                ? html`<button
                    class="button button--secondary"
                    type="button"
                    data-action="take"
                    @click=${() => void update(request, 'taken')}
                  >
                    ${strings.take}<span class="visually-hidden">
                      ${fill(strings.kiosk, { kiosk: request.kiosk })}</span
                    >
                  </button>`
                : nothing
            }
            <button
              class="button button--secondary"
              type="button"
              data-action="done"
              @click=${() => void update(request, 'done')}
            >
              ${strings.done}<span class="visually-hidden">
                ${fill(strings.kiosk, { kiosk: request.kiosk })}</span
              >
            </button>
          </div>
        </li>`;
      })}
    </ul>`;
}

function reviewView() {
  const strings = t();
  const review = /** @type {NonNullable<typeof state.review>} */ (state.review);
  const request = state.requests.find((candidate) => candidate.id === review.id);
  // One outer template for every state, so that the heading (which has focus once the view
  // opens) and the live region stay the same nodes while the dossier loads, changes or goes.
  const view = (/** @type {unknown} */ body) =>
    html`<button class="back-link" id="back" type="button" @click=${closeReview}>
        ${strings.backToList}
      </button>
      <h1 id="title" tabindex="-1">${fill(strings.reviewTitle, { kiosk: review.kiosk })}</h1>
      <p class="lead" id="review-state" role="status">
        ${
          review.state === 'gone'
            ? strings.reviewGone
            : review.state === 'failed'
              ? strings.reviewFailed
              : review.state === 'loading'
                ? strings.reviewLoading
                : nothing
        }
      </p>
      ${body}`;
  if (review.state !== 'ready') return view(nothing);
  const { dossier, procedure } = review;
  const checked = reviewDossier(procedure, dossier, state.locale);
  const answers = dossier.answers ?? {};
  const byField = (/** @type {any[]} */ list) => new Map(list.map((issue) => [issue.field, issue]));
  const errors = byField(checked.toFix);
  const warnings = byField(checked.warnings);
  const files = new Map(checked.files.map((file) => [file.field, file]));
  const uiStrings = stringsFor(state.locale);
  // Where the citizen is now: the shared dossier follows them; the call says where they called.
  const stepNow = stepLabel({ step: dossier.step ?? request?.step ?? null }, procedure);
  const fieldLabel = (/** @type {string} */ path) => text(procedure.field(path)?.label) || path;
  return view(
    html`<p class="lead">${strings.reviewLead}</p>
      <p class="review__procedure">
        <strong>${text(procedure.definition.title)}</strong>${
          stepNow ? html` · ${fill(strings.at, { step: stepNow })}` : nothing
        }
      </p>
      <p class="hint" id="review-updated">
        ${fill(strings.updated, { time: timeOf(dossier.updatedAt) })}
      </p>
      <div class="summary" id="review-summary" role="status">
        <h2 class="visually-hidden">${strings.summary}</h2>
        <ul>
          <li class=${checked.toFix.length > 0 ? 'summary__bad' : ''}>
            ${fill(strings.errorsCount, { count: checked.toFix.length })}
          </li>
          <li class=${checked.warnings.length > 0 ? 'summary__warn' : ''}>
            ${fill(strings.warningsCount, { count: checked.warnings.length })}
          </li>
          <li class=${checked.flaggedFiles.length > 0 ? 'summary__warn' : ''}>
            ${fill(strings.missingCount, { count: checked.flaggedFiles.length })}
          </li>
          ${
            checked.notYet.length > 0
              ? html`<li>${fill(strings.unansweredCount, { count: checked.notYet.length })}</li>`
              : nothing
          }
        </ul>
      </div>
      ${
        checked.toFix.length > 0
          ? html`<section
              class="issues issues--error"
              id="review-errors"
              aria-labelledby="errors-title"
            >
              <h2 id="errors-title">${strings.errorsTitle}</h2>
              <ul>
                ${checked.toFix.map(
                  (issue) =>
                    html`<li><strong>${fieldLabel(issue.field)}:</strong> ${issue.message}</li>`,
                )}
              </ul>
            </section>`
          : nothing
      }
      ${
        checked.warnings.length > 0
          ? html`<section
              class="issues issues--warning"
              id="review-warnings"
              aria-labelledby="warnings-title"
            >
              <h2 id="warnings-title">${strings.warningsTitle}</h2>
              <p class="hint">${strings.warningsHint}</p>
              <ul>
                ${checked.warnings.map(
                  (issue) =>
                    html`<li><strong>${fieldLabel(issue.field)}:</strong> ${issue.message}</li>`,
                )}
              </ul>
            </section>`
          : nothing
      }
      <section class="papers" id="review-papers" aria-labelledby="papers-title">
        <h2 id="papers-title">${strings.papersTitle}</h2>
        ${
          checked.files.length > 0
            ? html`<ul class="files">
                ${checked.files.map(
                  (file) =>
                    html`<li class=${`file file--${file.state}`}>
                      <strong>${text(file.label)}:</strong>
                      ${
                        file.state === 'paper'
                          ? html`<span class="flag">${strings.flagged}</span>
                              ${strings.paperInstead}`
                          : file.state === 'missing'
                            ? html`<span class="flag">${strings.flagged}</span>
                                ${strings.fileMissing}`
                            : fill(strings.fileAttached, { name: file.name ?? '' })
                      }
                    </li>`,
                )}
              </ul>`
            : nothing
        }
        <h3>${strings.papersToBring}</h3>
        <ul>
          ${checked.documents.map((doc) => html`<li>${text(doc.title)}</li>`)}
        </ul>
      </section>
      <section aria-labelledby="answers-title">
        <h2 id="answers-title">${strings.answersTitle}</h2>
        ${checked.steps.map(
          (step, index) =>
            html`<h3 class="step-title">
                ${text(step.title)}${
                  index === checked.current
                    ? html` <span class="tag">${strings.current}</span>`
                    : nothing
                }
              </h3>
              <dl class="answers">
                ${procedure.visibleFields(step.id, answers).map((/** @type {any} */ field) => {
                  const shown = formatAnswer(field, answers[field.id], {
                    locale: state.locale,
                    strings: uiStrings,
                    isVisible: (/** @type {string} */ path) => procedure.isVisible(path, answers),
                    placeName: (/** @type {string} */ level, /** @type {string} */ code) =>
                      places.get(`${level}:${code}`),
                  });
                  const error = errors.get(field.id);
                  const warning = warnings.get(field.id);
                  const file = files.get(field.id);
                  const flagged =
                    file && (file.state === 'paper' || (file.state === 'missing' && file.required));
                  return html`<div
                    class=${`answer${error ? ' answer--error' : warning || flagged ? ' answer--warning' : ''}`}
                  >
                    <dt>${text(field.label)}</dt>
                    <dd>
                      ${shown ? html`<span class="pre-line">${shown}</span>` : html`<span class="hint">${strings.notAnswered}</span>`}
                      ${
                        error
                          ? html`<p class="answer__issue">
                              <strong>${strings.error}:</strong> ${error.message}
                            </p>`
                          : nothing
                      }
                      ${
                        warning
                          ? html`<p class="answer__issue">
                              <strong>${strings.warning}:</strong> ${warning.message}
                            </p>`
                          : nothing
                      }
                      ${
                        flagged && !error
                          ? html`<p class="answer__issue">
                              <strong>${strings.flagged}:</strong>
                              ${file?.state === 'paper' ? strings.paperInstead : strings.fileMissing}
                            </p>`
                          : nothing
                      }
                    </dd>
                  </div>`;
                })}
              </dl>`,
        )}
      </section>
      ${
        request
          ? html`<div class="request__actions">
              ${
                request.status === 'open'
                  ? html`<button
                      class="button button--secondary"
                      type="button"
                      @click=${() => void update(request, 'taken')}
                    >
                      ${strings.take}
                    </button>`
                  : nothing
              }
              <button
                class="button button--secondary"
                type="button"
                @click=${() => void update(request, 'done')}
              >
                ${strings.done}
              </button>
            </div>`
          : nothing
      }
      <button class="back-link" type="button" @click=${closeReview}>${strings.backToList}</button>`,
  );
}

/** @param {HelpRequest} request @param {'taken' | 'done'} status */
async function update(request, status) {
  state.failed = undefined;
  try {
    const response = await fetch(`/api/help/${request.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...authorization() },
      body: JSON.stringify({ status }),
    });
    if (!response.ok) throw new Error(`PATCH answered ${response.status}`);
    if (status === 'done' && state.review?.id === request.id) closeReview();
  } catch (error) {
    console.warn('volunteer:', error);
    state.failed = request.id;
    draw();
  }
}

/** @param {HelpRequest} request */
function openReview(request) {
  state.review = {
    id: request.id,
    kiosk: request.kiosk,
    state: 'loading',
    seen: request.dossierUpdatedAt ?? null,
  };
  state.focus = 'title';
  draw();
  void loadDossier(request.id);
}

function closeReview() {
  const id = state.review?.id;
  state.review = undefined;
  draw();
  const button = id === undefined ? null : document.querySelector(`[data-request="${id}"] button`);
  /** @type {HTMLElement | null} */ (button ?? document.getElementById('title'))?.focus();
}

/** Fetches the shared dossier again (it changed, or it is being opened). */
async function loadDossier(/** @type {number} */ id) {
  try {
    const response = await fetch(`/api/help/${id}/dossier`, { headers: authorization() });
    const review = state.review;
    if (!review || review.id !== id) return;
    if (response.status === 404 || response.status === 409 || response.status === 410) {
      review.state = 'gone';
      review.dossier = undefined;
      draw();
      return;
    }
    if (!response.ok) throw new Error(`dossier: HTTP ${response.status}`);
    const dossier = await response.json();
    const procedure = await procedureModule(dossier.procedure);
    await loadPlaces(procedure, dossier.answers ?? {});
    if (state.review !== review) return;
    review.dossier = dossier;
    review.procedure = procedure;
    review.state = 'ready';
    draw();
  } catch (error) {
    console.warn('volunteer:', error);
    if (state.review?.id === id) {
      state.review.state = 'failed';
      draw();
    }
  }
}

/** Names of the provinces and communes an address answer holds, for reading it out. */
async function loadPlaces(
  /** @type {any} */ procedure,
  /** @type {Record<string, any>} */ answers,
) {
  const provinces = new Set();
  for (const step of procedure.definition.steps) {
    for (const field of step.fields) {
      if (field.type === 'address' && answers[field.id]?.province)
        provinces.add(answers[field.id].province);
    }
  }
  if (provinces.size === 0) return;
  try {
    for (const place of await addressData.provinces())
      places.set(`province:${place.code}`, place.label ?? place.name);
    for (const province of provinces) {
      for (const place of await addressData.communes(province)) {
        places.set(`commune:${place.code}`, place.label ?? place.name);
      }
    }
  } catch (error) {
    console.warn('volunteer: place names:', error);
  }
}

/** The live list changed: the review follows its dossier, or says it is gone. */
function followReview() {
  const review = state.review;
  if (!review) return;
  const request = state.requests.find((candidate) => candidate.id === review.id);
  if (!request || request.hasDossier === false) {
    if (review.state !== 'gone') {
      review.state = 'gone';
      review.dossier = undefined;
    }
    return;
  }
  const seen = request.dossierUpdatedAt ?? null;
  if (seen !== review.seen || review.state === 'gone') {
    review.seen = seen;
    void loadDossier(review.id);
  }
}

/** @type {EventSource | undefined} */
let stream;

/** Checks the staff token (if any), loads the catalogue's titles, and opens the live list. */
async function connect() {
  stream?.close();
  state.connection = 'connecting';
  draw();
  try {
    const probe = await fetch('/api/help', { headers: authorization() });
    if (probe.status === 401) {
      state.connection = state.token ? 'wrong-token' : 'sign-in';
      state.focus = 'token';
      draw();
      return;
    }
  } catch {
    // The stream below retries by itself.
  }
  fetch('/api/procedures')
    .then((response) => (response.ok ? response.json() : { procedures: [] }))
    .then((catalogue) => {
      for (const entry of catalogue.procedures ?? []) state.titles.set(entry.id, entry);
      draw();
    })
    .catch((/** @type {unknown} */ error) => console.warn('volunteer: catalogue:', error));
  const url = new URL('/api/help/stream', document.baseURI);
  if (state.token) url.searchParams.set('token', state.token);
  stream = new EventSource(url);
  stream.addEventListener('requests', (event) => {
    state.requests = JSON.parse(/** @type {MessageEvent} */ (event).data);
    state.connection = 'live';
    followReview();
    draw();
  });
  stream.addEventListener('dossier', (event) => {
    const { id, updatedAt } = JSON.parse(/** @type {MessageEvent} */ (event).data);
    const review = state.review;
    if (review?.id !== id) return;
    if (updatedAt === null) {
      // Deleted (the citizen finished, or the kiosk wiped itself): nothing to fetch.
      review.state = 'gone';
      review.dossier = undefined;
      review.seen = null;
      draw();
    } else if (updatedAt !== review.seen) {
      review.seen = updatedAt;
      void loadDossier(id);
    }
  });
  stream.addEventListener('open', () => {
    if (state.connection !== 'live') {
      state.connection = 'live';
      draw();
    }
  });
  stream.addEventListener('error', () => {
    state.connection = 'lost';
    draw();
    // EventSource reconnects by itself (the server asks for 3 s); a closed one is reopened.
    if (stream?.readyState === EventSource.CLOSED) setTimeout(() => void connect(), 3000);
  });
}

void connect();
