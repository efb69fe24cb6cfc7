// The kiosk: what a volunteer at a one-stop counter does, on a shared touch screen. Welcome and
// find (words typed with or without diacritics, or a situation), the start page (what it costs,
// which papers), the form (<motcua-procedure mode="kiosk">), the slip with a queue number, the
// filled declaration, "Kết thúc". "Cần trợ giúp" calls a volunteer and shares the dossier in
// progress with their tablet until the session ends. Nothing is written to storage; everything
// of the citizen goes when they finish, press "Về trang đầu", or leave it unused.
//
// URL parameters, for the machine's launcher: `kiosk` (its name on the volunteers' list, "1" by
// default), `idle` and `idle-warning` (seconds before "are you still there?" and before the wipe:
// 120 and 30 by default).
import { html, render } from './motcua.js';
import * as vnText from './vn-address.js';
import { createHelp } from './help.js';
import {
  counterFor,
  earlyQuestions,
  elsewhereFor,
  localized,
  search,
  walkEvent,
} from './finder.js';
import {
  confirmDialog,
  eventQuestion,
  header,
  idleDialog,
  notHere,
  startPage,
  welcome,
} from './screens.js';
import { kioskStrings } from './strings.js';

const params = new URLSearchParams(location.search);
const KIOSK = params.get('kiosk')?.trim() || '1';
const seconds = (/** @type {string} */ name, /** @type {number} */ fallback) => {
  const value = Number(params.get(name));
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const IDLE_SECONDS = seconds('idle', 120);
const IDLE_WARNING_SECONDS = seconds('idle-warning', 30);

const headerRoot = /** @type {HTMLElement} */ (document.getElementById('header'));
const screenRoot = /** @type {HTMLElement} */ (document.getElementById('screen'));
const formRoot = /** @type {HTMLElement} */ (document.getElementById('form'));
const dialogRoot = /** @type {HTMLElement} */ (document.getElementById('dialogs'));
const announcer = /** @type {HTMLElement} */ (document.getElementById('announce'));
const main = /** @type {HTMLElement} */ (document.getElementById('main'));

// The static "Đang tải…" of index.html, shown until this module runs: Lit draws from here on.
screenRoot.replaceChildren();

const searchText = { fold: vnText.fold, searchKeys: vnText.searchKeys };
const help = createHelp({ kiosk: KIOSK });

/** Provinces and communes for address fields, fetched one province at a time when needed. */
const addressData = vnText.createAddressData({
  load: async (/** @type {string} */ path) => {
    const response = await fetch(new URL(`./vn-data/${path}`, document.baseURI));
    if (!response.ok) throw new Error(`vn-data/${path}: HTTP ${response.status}`);
    return response.json();
  },
});

/**
 * @typedef {import('./screens.js').Entry} Entry
 * @typedef {{ id: string, name: import('./finder.js').Text, counters: import('./finder.js').Counter[],
 *   openingHours?: import('./finder.js').Text, languages?: string[], filesAtCounter?: boolean,
 *   elsewhere?: import('./finder.js').Elsewhere[], administrativeCode?: { province: string, commune?: string } }} Site
 */

const state = {
  locale: 'vi',
  contrast: 'normal',
  textSize: 'normal',
  /** @type {'loading' | 'error' | 'welcome' | 'event' | 'not-here' | 'start' | 'form' | 'slip' | 'declaration'} */
  screen: 'loading',
  /** @type {{ site: Site, procedures: Entry[] } | undefined} */
  catalogue: undefined,
  /** @type {import('./finder.js').LifeEvent[]} */
  events: [],
  /** The previous citizen's answers were wiped: said on the welcome screen until a touch. */
  cleared: false,
  query: '',
  /** @type {ReturnType<typeof search> | undefined} */
  results: undefined,
  /** @type {{ event: import('./finder.js').LifeEvent, choices: number[] } | undefined} */
  walk: undefined,
  /** @type {{ title?: import('./finder.js').Text, places: import('./finder.js').Elsewhere[] } | undefined} */
  missing: undefined,
  /** The start page: its procedure, the module once loaded, the early answers. */
  /** @type {{ id: string, procedure?: any, questions: any[], answers: Record<string, string> } | undefined} */
  start: undefined,
  /** @type {'idle' | 'sent' | 'failed'} */
  help: 'idle',
  /** The slip and declaration: the receipt, the answers sent, the ticket. */
  /** @type {any} */
  done: undefined,
  dialog: /** @type {'confirm' | 'idle' | undefined} */ (undefined),
  idleLeft: 0,
};

const t = () => kioskStrings(state.locale);
const entryOf = (/** @type {string} */ id) => state.catalogue?.procedures.find((p) => p.id === id);
const counterName = (/** @type {string} */ id) => {
  const counter = state.catalogue && counterFor(state.catalogue.site, id);
  if (!counter) return '';
  return (
    localized(counter.name, state.locale) ||
    `${state.locale === 'en' ? 'Counter' : 'Quầy'} ${counter.id}`
  );
};

/** Modules of procedures, loaded once (the element imports the same URL: one copy). */
const modules = new Map();
/** @param {string} id */
function procedureModule(id) {
  const entry = entryOf(id);
  const url = new URL(entry?.module ?? `procedures/${id}.js`, document.baseURI).href;
  if (!modules.has(url)) {
    modules.set(
      url,
      import(url).then(
        // Its papers, fees and checks are a chunk of their own, with its texts in English: the
        // screens before the form (papers to bring, costs) and a dossier's review need them.
        (module) => module.default.load().then(() => module.default),
        (error) => {
          modules.delete(url);
          throw error;
        },
      ),
    );
  }
  return modules.get(url);
}

/** Focus goes to the new screen's heading, or to the element with this id. */
const HEADING = 'heading';
/** @type {string | undefined} */
let focusNext;

/** Draws the header, the screen and the dialogs from `state`; focus follows screen changes. */
function draw() {
  const strings = t();
  document.documentElement.lang = state.locale;
  document.documentElement.dataset.contrast = state.contrast;
  document.documentElement.dataset.textSize = state.textSize;
  document.title =
    state.screen === 'start' && state.start
      ? `${localized(entryOf(state.start.id)?.title, state.locale)} — ${strings.kiosk}`
      : strings.pageTitle;
  render(
    header({
      t: strings,
      site: state.catalogue?.site,
      locale: state.locale,
      screen: state.screen,
      bilingual: (state.catalogue?.site.languages ?? ['vi', 'en']).includes('en'),
      contrast: state.contrast,
      textSize: state.textSize,
      help: state.help,
      onHome: () => askHome(),
      onLanguage: () => setLocale(state.locale === 'vi' ? 'en' : 'vi'),
      onContrast: () => {
        state.contrast = state.contrast === 'high' ? 'normal' : 'high';
        draw();
      },
      onTextSize: () => {
        state.textSize = state.textSize === 'large' ? 'normal' : 'large';
        draw();
      },
      onHelp: () => void callHelp(),
    }),
    headerRoot,
  );
  render(screen(strings), screenRoot);
  render(
    state.dialog === 'confirm'
      ? confirmDialog({
          t: strings,
          onYes: () => {
            state.dialog = undefined;
            home();
          },
          onNo: () => {
            state.dialog = undefined;
            draw();
          },
        })
      : state.dialog === 'idle'
        ? idleDialog({ t: strings, seconds: state.idleLeft, onStay: () => idle.stillHere() })
        : [],
    dialogRoot,
  );
  const dialog = dialogRoot.querySelector('dialog');
  if (dialog && !dialog.open) {
    dialog.showModal();
    // The safe answer first: Enter on "Xoá hết thông tin?" must not wipe by accident.
    /** @type {HTMLElement | null} */ (
      dialog.querySelector('[data-default]') ?? dialog.querySelector('button')
    )?.focus();
  }
  if (focusNext) {
    const target =
      (focusNext !== HEADING && document.getElementById(focusNext)) ||
      screenRoot.querySelector('h1');
    focusNext = undefined;
    /** @type {HTMLElement | null} */ (target)?.focus();
  }
}

/** @param {import('./strings.js').KioskStrings} strings */
function screen(strings) {
  const common = { t: strings, locale: state.locale };
  const catalogue = state.catalogue;
  switch (state.screen) {
    case 'loading':
      return html`<p class="loading">${strings.loading}</p>`;
    case 'error':
      return errorView(strings);
    case 'welcome':
      return welcome({
        ...common,
        cleared: state.cleared,
        query: state.query,
        results: state.results,
        procedures: catalogue?.procedures ?? [],
        events: state.events,
        site: catalogue?.site,
        counterName,
        onQuery: (value) => {
          state.query = value;
          state.results = value.trim() ? find(value) : undefined;
          idle.restart();
          draw();
        },
        onSearch: () => {
          focusNext = 'results-count';
          draw();
        },
        onOpen: (id) => openStart(id),
        onEvent: (id) => {
          const event = state.events.find((candidate) => candidate.id === id);
          if (event) choose(event, []);
        },
      });
    case 'event': {
      const walk = /** @type {NonNullable<typeof state.walk>} */ (state.walk);
      const at = walkEvent(walk.event, walk.choices);
      if (!('question' in at)) return '';
      return eventQuestion({
        ...common,
        event: walk.event,
        question: at.question,
        options: at.options,
        index: walk.choices.length + 1,
        count: depthOf(walk.event),
        onChoose: (index) => choose(walk.event, [...walk.choices, index]),
        onBack: () => {
          if (walk.choices.length === 0) return home({ keepQuery: true });
          choose(walk.event, walk.choices.slice(0, -1));
        },
      });
    }
    case 'not-here':
      return notHere({
        ...common,
        title: state.missing?.title,
        places: state.missing?.places ?? [],
        onBack: () => home({ keepQuery: true }),
      });
    case 'start': {
      const start = /** @type {NonNullable<typeof state.start>} */ (state.start);
      const entry = /** @type {Entry} */ (entryOf(start.id));
      return startPage({
        ...common,
        entry,
        site: catalogue?.site,
        counter: counterName(start.id),
        procedure: start.procedure,
        questions: start.questions,
        answers: start.answers,
        onAnswer: (id, value) => {
          start.answers = { ...start.answers, [id]: value };
          announce(strings.papersUpdated);
          draw();
        },
        onStart: () => openForm(start.id, start.answers),
        onBack: () => home({ keepQuery: true }),
      });
    }
    case 'slip':
    case 'declaration':
      return state.done?.view?.(strings) ?? '';
    default:
      return '';
  }
}

/** The catalogue could not be loaded: say so, and offer to try again. */
function errorView(/** @type {import('./strings.js').KioskStrings} */ strings) {
  return html`<section class="screen" aria-labelledby="error-title">
    <h1 id="error-title" tabindex="-1">${strings.kiosk}</h1>
    <p class="lead" role="alert">${strings.catalogueFailed}</p>
    <button class="button" type="button" @click=${() => void loadCatalogue()}>
      ${strings.retry}
    </button>
  </section>`;
}

/** The deepest question of a situation, for "Câu hỏi 1 / 2". */
function depthOf(/** @type {import('./finder.js').LifeEvent} */ event) {
  let depth = 0;
  /** @param {import('./finder.js').Step} step @param {number} level */
  const visit = (step, level) => {
    if (!('question' in step)) return;
    depth = Math.max(depth, level);
    step.options.forEach((option) => visit(option.next, level + 1));
  };
  visit(event.next, 1);
  return depth;
}

/** @param {string} query */
function find(query) {
  return search(
    query,
    {
      procedures: state.catalogue?.procedures ?? [],
      elsewhere: state.catalogue?.site.elsewhere ?? [],
      events: state.events,
    },
    searchText,
  );
}

/**
 * A situation's next question, or where it leads: the start page of a procedure the site
 * handles, or where to go for one it does not.
 *
 * @param {import('./finder.js').LifeEvent} event
 * @param {number[]} choices
 */
function choose(event, choices) {
  const at = walkEvent(event, choices);
  if ('question' in at) {
    state.walk = { event, choices };
    show('event');
    return;
  }
  const { outcome } = at;
  if (entryOf(outcome.procedure)) {
    openStart(outcome.procedure);
    return;
  }
  state.missing = {
    title: outcome.title ?? outcome.procedure,
    places: elsewhereFor(outcome, state.catalogue?.site.elsewhere ?? [], searchText),
  };
  show('not-here');
}

/** @param {typeof state.screen} name */
function show(name) {
  state.screen = name;
  focusNext = HEADING;
  window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
  idle.restart();
  draw();
}

/** @param {string} message */
function announce(message) {
  announcer.textContent = '';
  // A new text node after a pause, so that screen readers speak a repeated message too.
  setTimeout(() => (announcer.textContent = message), 50);
}

/**
 * The start page of a procedure; its module loads meanwhile (the form will use it).
 *
 * @param {string} id
 */
function openStart(id) {
  const start = { id, procedure: undefined, questions: [], answers: {} };
  state.start = start;
  show('start');
  procedureModule(id).then(
    (/** @type {any} */ procedure) => {
      if (state.start !== start) return;
      start.procedure = procedure;
      start.questions = earlyQuestions(procedure);
      draw();
    },
    (/** @type {unknown} */ error) => {
      console.error(`kiosk: could not load the procedure ${id}:`, error);
      if (state.start === start) openForm(id, {});
    },
  );
}

/** The form, in a new element: nothing carries over from the last citizen. */
function openForm(/** @type {string} */ id, /** @type {Record<string, string>} */ answers) {
  const entry = entryOf(id);
  const element = /** @type {any} */ (document.createElement('motcua-procedure'));
  element.setAttribute('mode', 'kiosk');
  element.setAttribute('lang', state.locale);
  element.setAttribute('endpoint', '/api/dossiers');
  element.setAttribute('idle-timeout', String(IDLE_SECONDS));
  element.setAttribute('idle-warning', String(IDLE_WARNING_SECONDS));
  element.contrast = state.contrast;
  element.textSize = state.textSize;
  element.addressData = addressData;
  element.filesAtCounter = state.catalogue?.site.filesAtCounter ?? true;
  // The kiosk draws its own slip after Send (openSlip), not the element's confirmation.
  element.confirmation = 'host';
  if (Object.keys(answers).length > 0) element.answers = { ...answers };
  element.setAttribute(
    'src',
    new URL(entry?.module ?? `procedures/${id}.js`, document.baseURI).href,
  );
  watch(element, id);
  formRoot.replaceChildren(element);
  report(element);
  formRoot.hidden = false;
  state.screen = 'form';
  state.help = 'idle';
  idle.restart();
  draw();
}

/**
 * Where citizens get stuck (issue 13): one summary per citizen, with no answer in it, POSTed to
 * /api/insights for the agency's periodic review. A file of its own beside the runtime, loaded
 * once; without it the kiosk works the same.
 */
const insights = import('./insights.js').catch((error) => {
  console.warn('kiosk: no insights.js, so no insights are sent:', error);
  return undefined;
});
/** Nothing to do; made out here, so that it keeps nothing of a form. */
const nothingToStop = () => {};
/** Stops watching the form on screen, sending what its citizen left unfinished. */
let stopInsights = nothingToStop;

/** Watches the form's element for its citizens' summaries. */
function report(/** @type {any} */ element) {
  stopInsights();
  let stopped = false;
  /** @type {(() => void) | undefined} */
  let stop;
  stopInsights = () => {
    stopped = true;
    stop?.();
    // Nothing of this form is kept once it is gone: this function held its element, and with it
    // the citizen's answers, until the next citizen's form replaced it.
    stopInsights = nothingToStop;
  };
  void insights.then((module) => {
    if (module && !stopped) stop = module.watchInsights(element, { endpoint: '/api/insights' });
  });
}

/** @type {MutationObserver | undefined} */
let mirror;
/** @type {(() => void) | undefined} */
let unsubscribe;

/**
 * Follows the element: its switches (language, contrast, text size) carry over to the kiosk's
 * screens; every change of its answers is shared while a volunteer is called; a wipe goes home;
 * Send leads to the slip.
 *
 * @param {any} element
 * @param {string} id
 */
function watch(element, id) {
  mirror?.disconnect();
  mirror = new MutationObserver(() => {
    state.locale = element.lang === 'en' ? 'en' : 'vi';
    state.contrast = element.contrast;
    state.textSize = element.textSize;
    draw();
  });
  mirror.observe(element, { attributes: true, attributeFilter: ['lang', 'contrast', 'text-size'] });

  /** @type {any} */
  let session;
  const share = () => {
    const snapshot = session?.snapshot;
    if (!snapshot) return;
    help.share({
      procedure: session.procedure.id,
      version: session.procedure.version,
      answers: snapshot.answers,
      step: snapshot.status === 'filling' ? (snapshot.step?.id ?? null) : snapshot.status,
      locale: snapshot.locale ?? state.locale,
    });
  };
  element.addEventListener('motcua-step-change', () => {
    if (element.session !== session) {
      unsubscribe?.();
      session = element.session;
      unsubscribe = session?.subscribe(share);
    }
    share();
  });
  element.addEventListener('motcua-help', (/** @type {CustomEvent} */ event) => {
    share();
    void callHelp({ procedure: id, step: event.detail?.step ?? event.detail?.status });
  });
  /** The answers as sent, for the slip and the declaration. */
  let sent = {};
  element.addEventListener('motcua-submit', (/** @type {CustomEvent} */ event) => {
    sent = event.detail.answers;
  });
  element.addEventListener('motcua-submitted', (/** @type {CustomEvent} */ event) => {
    // The kiosk draws its own slip: the element's confirmation is never shown (hidden before
    // Lit renders it; the element is removed once its event is over).
    formRoot.hidden = true;
    const procedure = element.session?.procedure;
    setTimeout(() => void openSlip(id, event.detail.receipt, sent, procedure));
  });
  element.addEventListener('motcua-reset', (/** @type {CustomEvent} */ event) => {
    if (state.screen !== 'form') return;
    // "Làm hồ sơ mới", or the element wiped itself: left unused (`idle`), or the page was left
    // (`pagehide`). The next person is told when there was something to wipe.
    home({ wiped: event.detail.reason !== 'reset' && event.detail.hadData });
  });
}

/**
 * Lets go of the form on screen: it goes, and so do what watched it (insights, the help call's
 * sharing, the switches' mirror), which held the element and with it its citizen's answers.
 */
function leaveForm() {
  stopInsights();
  unsubscribe?.();
  unsubscribe = undefined;
  mirror?.disconnect();
  mirror = undefined;
  formRoot.replaceChildren();
  formRoot.hidden = false;
}

/** Calls a volunteer, and says so at once. */
async function callHelp(/** @type {{ procedure?: string, step?: string }} */ context = {}) {
  const where =
    state.screen === 'form'
      ? context
      : {
          procedure: state.start?.id ?? state.done?.id,
          step: state.screen === 'loading' || state.screen === 'error' ? 'welcome' : state.screen,
        };
  if (state.screen !== 'form') {
    state.help = 'sent';
    draw();
  }
  const ok = await help.call(where);
  if (!ok && state.screen !== 'form') {
    state.help = 'failed';
    draw();
  }
}

/**
 * The slip: the receipt and a queue number for the counter that takes the procedure.
 *
 * @param {string} id
 * @param {any} receipt
 * @param {Record<string, unknown>} answers
 * @param {any} procedure
 */
async function openSlip(id, receipt, answers, procedure) {
  leaveForm();
  const { slip, declaration, statusLink } = await import('./slip.js');
  const runtime = /** @type {any} */ (await import('./motcua.js'));
  // The slip reads answers with the element's words: English is a chunk, loaded by the element
  // when its citizen switched, and here in case that load failed.
  await runtime.loadStrings(state.locale).catch((/** @type {unknown} */ error) => {
    console.warn('kiosk: the element’s words:', error);
  });
  const entry = entryOf(id);
  const applicant = applicantName(procedure, answers);
  const done = {
    id,
    receipt,
    answers,
    procedure,
    applicant,
    /** @type {import('./slip.js').Ticket} */
    ticket: { state: 'pending' },
    counter: counterFor(state.catalogue?.site ?? { counters: [] }, id),
    qr: /** @type {unknown} */ (undefined),
    /** @type {'loading' | 'failed' | 'ready'} */
    declarationState: 'loading',
    /** @type {any} */
    template: undefined,
    place: localized(state.catalogue?.site.name, 'vi'),
    /** @type {Map<string, string>} */
    places: new Map(),
    /** @param {import('./strings.js').KioskStrings} strings */
    view: (strings) =>
      state.screen === 'declaration'
        ? declaration({
            t: strings,
            locale: state.locale,
            state: done.declarationState,
            template: done.template,
            procedure,
            answers,
            applicant,
            place: done.place,
            date: dayOf(receipt.receivedAt),
            placeName: (level, code) => done.places.get(`${level}:${code}`),
            onPrint: () => window.print(),
            onBack: () => show('slip'),
            onFinish: () => finish(),
          })
        : slip({
            t: strings,
            locale: state.locale,
            receipt,
            applicant,
            ticket: done.ticket,
            counterName: ticketCounterName(done),
            site: localized(state.catalogue?.site.name, state.locale),
            qr: done.qr,
            lookup: new URL('status.html', document.baseURI).href,
            hasDeclaration: entry?.hasDeclaration === true,
            onPrint: () => window.print(),
            onDeclaration: () => openDeclaration(done),
            onFinish: () => finish(),
          }),
  };
  state.done = done;
  show('slip');
  const link = statusLink(receipt, document.baseURI, state.locale);
  const loadQr = typeof runtime.loadQrCode === 'function' ? runtime.loadQrCode() : undefined;
  await Promise.all([
    takeTicket(id).then((ticket) => (done.ticket = ticket)),
    loadQr?.then(
      (/** @type {(text: string) => unknown} */ qrCode) => (done.qr = qrCode(link)),
      (/** @type {unknown} */ error) => console.warn('kiosk: no QR code:', error),
    ),
    placeNames(done, answers, procedure),
  ]);
  if (state.done === done) draw();
}

/** The counter's name on the slip: the ticket's counter, or the one the catalogue names. */
function ticketCounterName(/** @type {any} */ done) {
  const id = done.ticket.state === 'ready' ? done.ticket.counter : done.counter?.id;
  const counter = state.catalogue?.site.counters.find((candidate) => candidate.id === id);
  if (counter?.name) return localized(counter.name, state.locale);
  return id ? `${state.locale === 'en' ? 'Counter' : 'Quầy'} ${id}` : counterName(done.id);
}

/** @returns {Promise<import('./slip.js').Ticket>} */
async function takeTicket(/** @type {string} */ procedure) {
  try {
    const response = await fetch('/api/tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ procedure }),
    });
    if (!response.ok) throw new Error(`/api/tickets answered ${response.status}`);
    const ticket = await response.json();
    return { state: 'ready', number: ticket.number, counter: ticket.counter };
  } catch (error) {
    console.warn('kiosk: no queue number:', error);
    return { state: 'failed' };
  }
}

/**
 * The citizen's name for the slip: the first text answered on the form's first page (the
 * person filing: requesterName, applicantName, fullName in the three real procedures).
 */
function applicantName(
  /** @type {any} */ procedure,
  /** @type {Record<string, unknown>} */ answers,
) {
  const first = procedure?.definition?.steps?.[0];
  const field = first?.fields?.find(
    (/** @type {any} */ candidate) =>
      candidate.type === 'text' && typeof answers[candidate.id] === 'string',
  );
  return field ? String(answers[field.id]) : '';
}

/** The day (yyyy-mm-dd) of a moment, in Vietnam. */
function dayOf(/** @type {string} */ iso) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));
}

/**
 * Names of the provinces and communes in the answers (for the declaration) and of the site's
 * own commune (its place and date line), from the address data.
 */
async function placeNames(
  /** @type {any} */ done,
  /** @type {any} */ answers,
  /** @type {any} */ procedure,
) {
  const wanted = new Set();
  for (const field of procedure?.definition?.steps?.flatMap((/** @type {any} */ s) => s.fields) ??
    []) {
    const value = answers[field.id];
    if (field.type === 'address' && value?.province) wanted.add(value.province);
  }
  const code = state.catalogue?.site.administrativeCode;
  if (code?.province) wanted.add(code.province);
  if (wanted.size === 0) return;
  try {
    const provinces = await addressData.provinces();
    for (const province of provinces)
      done.places.set(`province:${province.code}`, province.label ?? province.name);
    for (const province of wanted) {
      for (const commune of await addressData.communes(province)) {
        done.places.set(`commune:${commune.code}`, commune.label ?? commune.name);
      }
    }
    if (code?.province) {
      done.place =
        (code.commune && done.places.get(`commune:${code.commune}`)) ||
        done.places.get(`province:${code.province}`) ||
        done.place;
    }
  } catch (error) {
    console.warn('kiosk: place names:', error);
  }
}

/** The declaration page: its template from the server, filled with the answers sent. */
async function openDeclaration(/** @type {any} */ done) {
  show('declaration');
  if (done.declarationState === 'ready') return;
  try {
    const response = await fetch(`/api/procedures/${encodeURIComponent(done.id)}/declaration`, {
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`declaration: HTTP ${response.status}`);
    done.template = await response.json();
    done.declarationState = 'ready';
  } catch (error) {
    console.warn('kiosk:', error);
    done.declarationState = 'failed';
  }
  if (state.done === done && state.screen === 'declaration') {
    focusNext = 'declaration-title';
    draw();
  }
}

/** "Kết thúc": the citizen is done; everything of theirs goes. */
function finish() {
  home();
}

/** "Về trang đầu": asks first when a half-filled form would be lost. */
function askHome() {
  if (state.screen === 'form') {
    const element = /** @type {any} */ (formRoot.querySelector('motcua-procedure'));
    const status = element?.snapshot?.status;
    const answered = Object.keys(element?.snapshot?.answers ?? {}).length > 0;
    if (answered && status !== 'submitted') {
      state.dialog = 'confirm';
      draw();
      return;
    }
  }
  home();
}

/**
 * Back to the welcome screen with every trace of the citizen gone (the form's element, the
 * answers on the start page, the slip, the typed search, a shared dossier); `wiped` says so to
 * the next person until their first touch or key.
 *
 * @param {{ wiped?: boolean, keepQuery?: boolean }} [options]
 */
function home({ wiped = false, keepQuery = false } = {}) {
  const ending = !keepQuery;
  // Before the form goes: a citizen who leaves it half-filled is counted where they stopped.
  leaveForm();
  if (ending) {
    void help.end();
    state.help = 'idle';
    state.query = '';
    state.results = undefined;
    state.locale = 'vi';
    state.contrast = 'normal';
    state.textSize = 'normal';
  }
  state.cleared = wiped;
  state.start = undefined;
  state.walk = undefined;
  state.missing = undefined;
  state.done = undefined;
  state.dialog = undefined;
  show('welcome');
  if (ending) {
    focusNext = undefined;
    main.focus();
  }
}

function setLocale(/** @type {string} */ locale) {
  state.locale = locale;
  draw();
}

/**
 * The kiosk's own screens left unused: "are you still there?" with a countdown, then home. The
 * form has its own (the element's), so this one sleeps while it is on screen, and on an untouched
 * welcome screen, which holds nothing of anyone.
 */
const idle = (() => {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let ticking;
  const holdsSomething = () =>
    state.screen !== 'form' &&
    state.screen !== 'loading' &&
    state.screen !== 'error' &&
    (state.screen !== 'welcome' || state.query !== '' || help.isOpen);
  const stop = () => {
    clearTimeout(timer);
    clearInterval(ticking);
    ticking = undefined;
  };
  return {
    restart() {
      if (state.dialog === 'idle') return;
      stop();
      if (!holdsSomething()) return;
      timer = setTimeout(() => {
        state.dialog = 'idle';
        state.idleLeft = IDLE_WARNING_SECONDS;
        draw();
        ticking = setInterval(() => {
          state.idleLeft -= 1;
          if (state.idleLeft > 0) return draw();
          stop();
          state.dialog = undefined;
          home({ wiped: true });
        }, 1000);
      }, IDLE_SECONDS * 1000);
    },
    stillHere() {
      stop();
      state.dialog = undefined;
      draw();
      this.restart();
    },
  };
})();

for (const type of ['pointerdown', 'keydown', 'input']) {
  document.addEventListener(
    type,
    () => {
      if (state.dialog !== 'idle') idle.restart();
    },
    { capture: true, passive: true },
  );
}
// Not on pointerdown: the list would move up under the finger before its click lands.
for (const type of ['click', 'keydown']) {
  document.addEventListener(
    type,
    () => {
      if (state.cleared) {
        state.cleared = false;
        if (state.screen === 'welcome') draw();
      }
    },
    { capture: true },
  );
}
// A kiosk left (or restored from the back/forward cache) keeps nothing of anyone on its own
// screens either; the form wipes itself the same way.
window.addEventListener('pagehide', () => {
  if (state.screen !== 'welcome' && state.screen !== 'form' && state.screen !== 'loading') {
    home({ wiped: true });
  } else if (state.screen === 'welcome' && (state.query || help.isOpen)) {
    home();
  }
});

async function loadCatalogue() {
  state.screen = 'loading';
  draw();
  try {
    const [catalogue, events] = await Promise.all([
      fetch('/api/procedures', { headers: { accept: 'application/json' } }).then((response) => {
        if (!response.ok) throw new Error(`/api/procedures answered ${response.status}`);
        return response.json();
      }),
      fetch(new URL('./life-events.json', document.baseURI)).then((response) =>
        response.ok ? response.json() : { events: [] },
      ),
    ]);
    state.catalogue = catalogue;
    state.events = events.events ?? [];
    show('welcome');
  } catch (error) {
    console.error('kiosk:', error);
    state.screen = 'error';
    focusNext = HEADING;
    draw();
  }
}

await customElements.whenDefined('motcua-procedure');
await loadCatalogue();
