// What the kiosk works out before the form: which procedure a citizen means by the words they
// typed or the situation they chose, which papers and fees apply as far as their first answers
// tell, and which counter takes it. Plain functions over the catalogue (GET /api/procedures) and
// a procedure module, with the Vietnamese search (fold, Telex) passed in, so Node tests run them
// without a browser.

/**
 * @typedef {{ vi: string, en: string } | string} Text
 * @typedef {{ id: string, title: Text, keywords?: Text[], search?: string[], code?: string }} CatalogueProcedure
 * @typedef {{ keywords?: Text[], title: Text, where: Text }} Elsewhere
 * @typedef {{ id: string, name?: Text, procedures?: string[] }} Counter
 * @typedef {{ procedure: string, title?: Text }} Outcome
 * @typedef {{ label: Text, next: Step }} Choice
 * @typedef {Outcome | { question: Text, options: Choice[] }} Step
 * @typedef {{ id: string, title: Text, keywords?: Text[], next: Step }} LifeEvent
 * @typedef {{ fold: (text: string) => string, searchKeys: (query: string) => string[] }} SearchText
 */

/** The text in `locale`, from `{vi, en}` or a plain string. */
export function localized(/** @type {Text | undefined} */ value, locale = 'vi') {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return (locale === 'en' ? value.en : value.vi) || value.vi || '';
}

/**
 * Words that say nothing of the procedure ("tôi muốn làm …", "I need a …"): a query keeps its
 * other words, so "toi muon lam giay khai sinh cho con" finds the birth registration.
 */
const FILLER = new Set(
  (
    'toi minh em anh chi ong ba muon can phai lam xin cho cua o de va voi the nao thu tuc giup ' +
    'i me my need want to get a an the for of please how do'
  ).split(' '),
);

/** The words of a folded text: split at anything not a letter or digit, apostrophes dropped. */
function wordsOf(/** @type {string} */ folded) {
  return folded
    .replace(/['’ʼ]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * How well `query` matches a set of texts: the share of the query's words (fillers left out
 * unless there is nothing else) that begin a word of one text, the best text counting.
 *
 * @param {string[]} keys the query's search keys (as typed, and read as Telex), folded
 * @param {string[]} texts folded candidate texts
 */
function score(keys, texts) {
  let best = 0;
  for (const key of keys) {
    const all = wordsOf(key);
    const meaningful = all.filter((word) => !FILLER.has(word));
    const words = meaningful.length > 0 ? meaningful : all;
    if (words.length === 0) continue;
    for (const text of texts) {
      const targets = wordsOf(text);
      const found = words.filter((word) => targets.some((target) => target.startsWith(word)));
      best = Math.max(best, found.length / words.length);
    }
  }
  return best;
}

/**
 * Everything the finder shows for what a citizen typed: the site's procedures, the procedures
 * it does not handle (`elsewhere`, with where to go instead) and the situations (life events),
 * best first. A procedure needs every meaningful word matched; when none does, the ones that
 * match most of them are given, so a typo in one word still finds something.
 *
 * @param {string} query
 * @param {{ procedures: CatalogueProcedure[], elsewhere?: Elsewhere[], events?: LifeEvent[] }} lists
 * @param {SearchText} text
 * @example
 * search('dang ky khai sinh', { procedures }, { fold, searchKeys }).procedures[0].id;
 * // 'birth-registration'
 */
export function search(query, lists, text) {
  const keys = text.searchKeys(query).filter((key) => key.trim() !== '');
  if (keys.length === 0) return { procedures: [], elsewhere: [], events: [] };
  const fold = text.fold;
  const textsOf = (/** @type {{ title: Text, keywords?: Text[] }} */ item) =>
    [item.title, ...(item.keywords ?? [])].flatMap((value) =>
      typeof value === 'string' ? [fold(value)] : [fold(value.vi), fold(value.en)],
    );
  /**
   * @template T
   * @param {T[]} items
   * @param {(item: T) => string[]} texts
   */
  const scored = (items, texts) =>
    items
      .map((item, index) => ({ item, index, score: score(keys, texts(item)) }))
      .filter((entry) => entry.score > 0);
  const procedures = scored(lists.procedures, (procedure) => [
    ...(procedure.search ?? []),
    ...textsOf(procedure),
    ...(procedure.code ? [procedure.code] : []),
  ]);
  const elsewhere = scored(lists.elsewhere ?? [], textsOf);
  const events = scored(lists.events ?? [], textsOf);
  // Partial matches only when nothing, in any list, matches every word: "lam ho chieu" is the
  // passport (elsewhere), not every procedure with "hộ" in its name.
  const anyFull = [...procedures, ...elsewhere, ...events].some((entry) => entry.score === 1);
  /**
   * @template T
   * @param {{ item: T, index: number, score: number }[]} entries
   */
  const rank = (entries) =>
    entries
      .filter((entry) => (anyFull ? entry.score === 1 : entry.score >= 0.5))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .map((entry) => entry.item);
  return { procedures: rank(procedures), elsewhere: rank(elsewhere), events: rank(events) };
}

/**
 * Where a situation leads after `choices` (the indexes of the options chosen so far): a
 * question still to answer, or an outcome (a procedure id, with a title when the site may not
 * have it).
 *
 * @param {LifeEvent} event
 * @param {number[]} choices
 * @returns {{ question: Text, options: Choice[], depth: number } | { outcome: Outcome }}
 */
export function walkEvent(event, choices) {
  /** @type {Step} */
  let step = event.next;
  let depth = 0;
  for (const choice of choices) {
    if (!('question' in step)) break;
    const option = step.options[choice];
    if (!option) break;
    step = option.next;
    depth++;
  }
  return 'question' in step
    ? { question: step.question, options: step.options, depth }
    : { outcome: step };
}

/**
 * The longest chain of questions a situation asks before it names a procedure (the issue asks
 * for at most two).
 *
 * @param {Step} step
 * @returns {number}
 */
export function questionDepth(step) {
  if (!('question' in step)) return 0;
  return 1 + Math.max(0, ...step.options.map((option) => questionDepth(option.next)));
}

/** Every outcome a situation can lead to. */
export function outcomes(/** @type {Step} */ step) {
  /** @type {Outcome[]} */
  const found = [];
  const visit = (/** @type {Step} */ at) => {
    if ('question' in at) at.options.forEach((option) => visit(option.next));
    else found.push(at);
  };
  visit(step);
  return found;
}

/**
 * The site's entries for procedures it does not handle that match a title (and its keywords):
 * where a citizen should go instead.
 *
 * @param {Outcome & { keywords?: Text[] }} outcome
 * @param {Elsewhere[]} elsewhere
 * @param {SearchText} text
 */
export function elsewhereFor(outcome, elsewhere, text) {
  const titles = [outcome.title, ...(outcome.keywords ?? [])].filter(Boolean);
  const queries = titles.flatMap((title) =>
    typeof title === 'string' ? [title] : [title.vi, title.en],
  );
  for (const query of queries) {
    const found = search(query, { procedures: [], elsewhere }, text).elsewhere;
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * The counter that takes a procedure: the first that lists it, or takes every procedure.
 *
 * @param {{ counters?: Counter[] }} site
 * @param {string} procedure
 */
export function counterFor(site, procedure) {
  return (site.counters ?? []).find(
    (counter) => !counter.procedures || counter.procedures.includes(procedure),
  );
}

/**
 * The field ids a condition reads (`{field, …}`, inside `all`, `any`, `not`, and field
 * references such as `{ "field": "a", "equals": { "field": "b" } }`).
 *
 * @param {unknown} condition
 * @param {Set<string>} [into]
 */
export function conditionInputs(condition, into = new Set()) {
  if (!condition || typeof condition !== 'object') return into;
  const node = /** @type {Record<string, unknown>} */ (condition);
  for (const key of ['all', 'any']) {
    if (Array.isArray(node[key])) node[key].forEach((inner) => conditionInputs(inner, into));
  }
  if (node.not) conditionInputs(node.not, into);
  if (typeof node.field === 'string') into.add(node.field);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'field' || key === 'not' || key === 'all' || key === 'any') continue;
    if (
      value &&
      typeof value === 'object' &&
      typeof (/** @type {any} */ (value).field) === 'string'
    )
      into.add(/** @type {any} */ (value).field);
  }
  return into;
}

/**
 * @typedef {{ id: string, type: string, label: Text, hint?: Text, options?: { value: string, label: Text, hint?: Text }[] }} Field
 * @typedef {{ id: string, title: Text, description?: Text, when?: unknown }} Document
 * @typedef {{ id: string, label: Text, amount?: number, channel?: string | string[], per?: { field: string }, when?: unknown, note?: Text }} Fee
 * @typedef {{ lines: { id: string }[], total: number, complete: boolean }} Fees
 * @typedef {{
 *   definition: { documents?: Document[], fees?: Fee[], steps: { id: string, fields: Field[] }[] },
 *   field(id: string): Field | undefined,
 *   isVisible(id: string, answers: unknown): boolean,
 *   documents(answers: unknown): Document[],
 *   fees(answers: unknown, options?: { channel?: string }): Fees,
 * }} ProcedureLike
 */

/**
 * Up to `limit` simple questions to ask on the start page: the choices (radio, select) that
 * decide which documents a citizen needs, asked at the top of their step (no condition of their
 * own). Those that decide a document alone come first, then those that decide more documents,
 * then in the order of the form. The answers go into the form, so nobody answers twice.
 *
 * @param {ProcedureLike} procedure
 * @param {number} [limit]
 * @returns {Field[]}
 */
export function earlyQuestions(procedure, limit = 2) {
  /** @type {Map<string, { alone: number, total: number }>} */
  const decides = new Map();
  for (const doc of procedure.definition.documents ?? []) {
    if (!doc.when) continue;
    const inputs = [...conditionInputs(doc.when)];
    for (const id of inputs) {
      const entry = decides.get(id) ?? { alone: 0, total: 0 };
      entry.total++;
      if (inputs.length === 1) entry.alone++;
      decides.set(id, entry);
    }
  }
  const order = new Map();
  procedure.definition.steps.forEach((step, index) =>
    step.fields.forEach((field) => order.set(field.id, index)),
  );
  return [...decides.keys()]
    .filter((id) => order.has(id))
    .map((id) => procedure.field(id))
    .filter(
      /** @returns {field is Field} */
      (field) =>
        field !== undefined &&
        (field.type === 'radio' || field.type === 'select') &&
        (field.options?.length ?? 0) >= 2 &&
        (field.options?.length ?? 0) <= 8 &&
        procedure.isVisible(field.id, {}),
    )
    .sort((a, b) => {
      const x = /** @type {{ alone: number, total: number }} */ (decides.get(a.id));
      const y = /** @type {{ alone: number, total: number }} */ (decides.get(b.id));
      return y.alone - x.alone || y.total - x.total || order.get(a.id) - order.get(b.id);
    })
    .slice(0, limit);
}

/**
 * Whether a document or fee applies, as far as `answers` tell: `yes`, `no` or `maybe` (its
 * condition reads a question not answered yet). Unanswered choices are tried with each of
 * their options, so "owner's consent" is `no` once "do you own the home" is answered yes, even
 * if "do you join a household" is not.
 *
 * @param {ProcedureLike} procedure
 * @param {{ when?: unknown }} item
 * @param {Record<string, unknown>} answers
 * @param {(answers: Record<string, unknown>) => boolean} applies
 * @returns {'yes' | 'no' | 'maybe'}
 */
function decided(procedure, item, answers, applies) {
  if (!item.when) return 'yes';
  const unknown = [...conditionInputs(item.when)].filter((id) => answers[id] === undefined);
  if (unknown.length === 0) return applies(answers) ? 'yes' : 'no';
  const choices = unknown.map((id) => procedure.field(id)?.options?.map((option) => option.value));
  const combinations = choices.reduce((count, values) => count * (values?.length ?? Infinity), 1);
  if (combinations > 64) return 'maybe';
  const seen = /** @type {Set<boolean>} */ (new Set());
  const tryFrom = (/** @type {number} */ index, /** @type {Record<string, unknown>} */ tried) => {
    if (index === unknown.length) {
      seen.add(applies(tried));
      return;
    }
    for (const value of /** @type {string[]} */ (choices[index])) {
      tryFrom(index + 1, { ...tried, [/** @type {string} */ (unknown[index])]: value });
    }
  };
  tryFrom(0, answers);
  return seen.size === 2 ? 'maybe' : seen.has(true) ? 'yes' : 'no';
}

/**
 * The papers a citizen should have, as far as their answers tell: `needed` for sure, `maybe`
 * depending on questions the form asks later.
 *
 * @param {ProcedureLike} procedure
 * @param {Record<string, unknown>} answers
 */
export function papersFor(procedure, answers) {
  /** @type {Document[]} */
  const needed = [];
  /** @type {Document[]} */
  const maybe = [];
  for (const doc of procedure.definition.documents ?? []) {
    const state = decided(procedure, doc, answers, (tried) =>
      procedure.documents(tried).some((found) => found.id === doc.id),
    );
    if (state === 'yes') needed.push(doc);
    else if (state === 'maybe') maybe.push(doc);
  }
  return { needed, maybe };
}

/**
 * The fees of a dossier filed at the kiosk, as far as the answers tell: those the definition
 * charges on the `kiosk` channel, as `procedure.fees(answers, {channel: 'kiosk'})` counts them
 * for the page and the receipt. A fee per copy is `maybe` until the number of copies is given.
 * `total` is given only when no fee is still `maybe` and every amount is known.
 *
 * @param {ProcedureLike} procedure
 * @param {Record<string, unknown>} answers
 */
export function feesFor(procedure, answers) {
  const all = kioskFees(procedure.definition.fees ?? []);
  /** @type {Fee[]} */
  const applying = [];
  /** @type {Fee[]} */
  const maybe = [];
  const fees = procedure.fees(answers, { channel: 'kiosk' });
  const charged = (/** @type {Fees} */ found, /** @type {Fee} */ fee) =>
    found.lines.some((line) => line.id === fee.id);
  for (const fee of all) {
    const per = fee.per;
    const counted = !per || answers[per.field] !== undefined;
    const state = decided(procedure, fee, answers, (tried) =>
      charged(
        procedure.fees(per && !counted ? { ...tried, [per.field]: 1 } : tried, {
          channel: 'kiosk',
        }),
        fee,
      ),
    );
    // Counted and decided: charged only if there is something to count (a third copy).
    if (state === 'no' || (state === 'yes' && counted && !charged(fees, fee))) continue;
    (state === 'yes' && counted ? applying : maybe).push(fee);
  }
  const total = maybe.length === 0 && fees.complete ? fees.total : undefined;
  return { applying, maybe, total };
}

/**
 * The fees charged on a dossier filed at the kiosk: those of the `kiosk` channel, or of any
 * channel (a receipt's lines, already for the dossier's channel, name none).
 *
 * @template {{ channel?: string | string[] }} F
 * @param {F[]} fees
 * @returns {F[]}
 */
export function kioskFees(fees) {
  return fees.filter(({ channel = 'any' }) =>
    Array.isArray(channel) ? channel.includes('kiosk') : channel === 'any' || channel === 'kiosk',
  );
}

/**
 * An amount in đồng as a citizen reads it: "10.000 đồng" (or "10,000 VND" in English).
 *
 * @param {number} amount
 * @param {string} locale
 */
export function money(amount, locale) {
  if (locale === 'en') return `${new Intl.NumberFormat('en-GB').format(amount)} VND`;
  return `${new Intl.NumberFormat('vi-VN').format(amount)} đồng`;
}

/**
 * The papers to bring: the procedure's documents, and the files the citizen chose to bring on
 * paper instead of uploading. A document and a paper copy of the same title (the birth notice
 * is both a document of the procedure and the file of its upload field) are one paper, marked.
 *
 * @param {{ documents?: { title: Text }[], papers?: { label: Text }[] }} receipt
 * @param {string} locale
 * @returns {{ title: string, onPaper: boolean }[]}
 */
export function papersToBring(receipt, locale) {
  const papers = (receipt.documents ?? []).map((doc) => ({
    title: localized(doc.title, locale),
    onPaper: false,
  }));
  for (const paper of receipt.papers ?? []) {
    const title = localized(paper.label, locale);
    const same = papers.find(
      (known) => known.title.trim().toLocaleLowerCase() === title.trim().toLocaleLowerCase(),
    );
    if (same) same.onPaper = true;
    else papers.push({ title, onPaper: true });
  }
  return papers;
}
