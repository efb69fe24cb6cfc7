// What the kiosk's and the volunteer page's end-to-end tests share: the real server on the
// repository's configuration with PGlite in a temporary folder, Chromium, axe, and a few ways
// to touch the page as a citizen does (taps on a touch screen).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { ElementHandle, Page } from 'puppeteer-core';
import { createServer, loadConfig } from '@motcua/server';

export const REPO = join(import.meta.dirname, '..', '..', '..');

/**
 * Which of `needles` the page's JavaScript heap still holds, after two forced garbage
 * collections: a heap snapshot through CDP, each string in it that something of the page keeps
 * (a script's variables, closures and caches, the DOM, its listeners). What only DevTools keeps
 * is left out: the handles this test's driver holds on nodes it clicked, which keep those nodes,
 * and through their listeners the element they belonged to. A kiosk runs without DevTools.
 */
export async function inHeap(page: Page, needles: readonly string[]): Promise<string[]> {
  const cdp = await page.createCDPSession();
  let text = '';
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => (text += chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    await cdp.detach();
  }
  const { snapshot, nodes, edges, strings } = JSON.parse(text) as HeapSnapshot;
  const { node_fields: nodeFields, edge_fields: edgeFields } = snapshot.meta;
  const [nodeTypes] = snapshot.meta.node_types;
  const [edgeTypes] = snapshot.meta.edge_types;
  const at = (fields: string[], field: string) => {
    const index = fields.indexOf(field);
    if (index < 0) throw new Error(`inHeap: a heap snapshot without ${field}`);
    return index;
  };
  const [type, name, id, edgeCount] = [
    at(nodeFields, 'type'),
    at(nodeFields, 'name'),
    at(nodeFields, 'id'),
    at(nodeFields, 'edge_count'),
  ] as const;
  const [edgeType, edgeName, toNode] = [
    at(edgeFields, 'type'),
    at(edgeFields, 'name_or_index'),
    at(edgeFields, 'to_node'),
  ] as const;
  const count = nodes.length / nodeFields.length;
  const firstEdge = new Uint32Array(count + 1);
  const byId = new Map<number, number>();
  for (let node = 0; node < count; node++) {
    firstEdge[node + 1] = firstEdge[node]! + nodes[node * nodeFields.length + edgeCount]!;
    byId.set(nodes[node * nodeFields.length + id]!, node);
  }
  // From the roots (node 0), along every strong edge but DevTools' own. A WeakMap's value is
  // kept only while its map and its key are: its edges (from the map's table and from the key,
  // named "… part of key (… @key) -> value (… @value) pair in WeakMap (table @table)") are
  // followed once both are reached.
  const reached = new Uint8Array(count);
  const pairs: { key: number; table: number; value: number }[] = [];
  const queue = [0];
  reached[0] = 1;
  const found = new Set<string>();
  const reach = (node: number) => {
    if (reached[node]) return;
    reached[node] = 1;
    queue.push(node);
  };
  for (let more = true; more;) {
    while (queue.length > 0) {
      const node = queue.pop()!;
      const base = node * nodeFields.length;
      if (nodeTypes[nodes[base + type]!]!.includes('string')) {
        const value = strings[nodes[base + name]!]!;
        for (const needle of needles) if (value.includes(needle)) found.add(needle);
      }
      for (let edge = firstEdge[node]!; edge < firstEdge[node + 1]!; edge++) {
        const e = edge * edgeFields.length;
        const kind = edgeTypes[edges[e + edgeType]!];
        if (kind === 'weak' || kind === 'shortcut') continue;
        const to = edges[e + toNode]! / nodeFields.length;
        const label = kind === 'element' || kind === 'hidden' ? '' : strings[edges[e + edgeName]!]!;
        if (label.includes('DevTools')) continue;
        const pair = /part of key \(.*@(\d+)\) -> value .* pair in WeakMap \(table @(\d+)\)/.exec(
          label,
        );
        if (pair) {
          pairs.push({
            key: byId.get(Number(pair[1]))!,
            table: byId.get(Number(pair[2]))!,
            value: to,
          });
          continue;
        }
        reach(to);
      }
    }
    more = false;
    for (const { key, table, value } of pairs) {
      if (reached[key] && reached[table] && !reached[value]) {
        reach(value);
        more = true;
      }
    }
  }
  return needles.filter((needle) => found.has(needle));
}

/** What inHeap() reads of a V8 heap snapshot. */
interface HeapSnapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** A kiosk's touch screen, portrait, as the page tests drive it. */
export const KIOSK_VIEWPORT = { width: 900, height: 1400, hasTouch: true, isMobile: false };

export interface RunningServer {
  server: FastifyInstance;
  origin: string;
  close(): Promise<void>;
}

/**
 * `npm start`'s server (the repository's motcua.config.json) on a free port, its PGlite in a new
 * temporary folder; `site` replaces the configured site (another site from the same build).
 */
export async function startServer(
  options: { site?: unknown; staffToken?: string } = {},
): Promise<RunningServer> {
  const config = await loadConfig({ cwd: REPO, env: {} });
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-kiosk-db-'));
  const server = createServer({
    ...config,
    ...(options.site !== undefined && { site: options.site as never }),
    ...(options.staffToken !== undefined && { staffToken: options.staffToken }),
    dataDir,
    logger: false,
  });
  const origin = await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    server,
    origin,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A site file of the repository (`sites/*.json`), as JSON. */
export function siteFile(name: string): unknown {
  return JSON.parse(readFileSync(join(REPO, 'sites', name), 'utf8'));
}

const axeSource = readFileSync(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8');

/**
 * axe-core's WCAG 2.2 A and AA rules (and best practices) on the page as it is: the ids and
 * targets of violations (or the tags or rules `runOnly` names). Injected through CDP, which the
 * page's policy rightly does not stop.
 */
export async function axe(
  page: Page,
  runOnly: object = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (runOnly) => {
    const { violations } = await (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe.run(document, { runOnly });
    return violations.map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`,
    );
  }, runOnly);
}

/** The one element `selector` finds (through shadow roots with `>>>`), or a clear error. */
export async function one(page: Page, selector: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForSelector(selector, { visible: true, timeout: 10_000 });
  if (!handle) throw new Error(`nothing matches ${selector}`);
  return handle;
}

/** Taps `selector` as a finger does (touchstart/touchend, then the click the browser makes). */
export async function tap(page: Page, selector: string): Promise<void> {
  const handle = await one(page, selector);
  await handle.scrollIntoView();
  await handle.tap();
}

/** Taps the button whose text is `label` (in the page, or with `>>>` in the form). */
export async function tapButton(page: Page, label: string, scope = ''): Promise<void> {
  const buttons = await page.$$(`${scope}button`);
  for (const button of buttons) {
    const text = await button.evaluate((node) => node.textContent?.replace(/\s+/g, ' ').trim());
    const visible = await button.evaluate((node) => (node as HTMLElement).offsetParent !== null);
    if (text === label && visible) {
      await button.scrollIntoView();
      await button.tap();
      return;
    }
  }
  const labels = await Promise.all(
    buttons.map((b) => b.evaluate((n) => n.textContent?.replace(/\s+/g, ' ').trim())),
  );
  throw new Error(`no button "${label}"; buttons: ${labels.join(' | ')}`);
}

/** The text of `selector`, spaces collapsed. */
export async function textOf(page: Page, selector: string): Promise<string> {
  const handle = await one(page, selector);
  return handle.evaluate((node) => (node.textContent ?? '').replace(/\s+/g, ' ').trim());
}

/** The kiosk's current screen, by its heading's id. */
export function heading(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('#screen h1')?.id ?? '');
}

/** Waits until the kiosk's screen heading is `id`. */
export async function waitForScreen(page: Page, id: string): Promise<void> {
  try {
    await page.waitForFunction(
      (wanted) => document.querySelector('#screen h1')?.id === wanted,
      { timeout: 15_000 },
      id,
    );
  } catch (error) {
    const now = await page.evaluate(() => ({
      heading: document.querySelector('#screen h1')?.id,
      text: document.body.innerText.replace(/\s+/g, ' ').slice(0, 300),
    }));
    throw new Error(`waited for the screen #${id}; on screen: ${JSON.stringify(now)}`, {
      cause: error,
    });
  }
}

/** Replaces `window.print` with a recorder: headless Chromium would print to nowhere. */
export async function recordPrints(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(() => {
    (window as unknown as { prints: number }).prints = 0;
    window.print = () => {
      (window as unknown as { prints: number }).prints++;
    };
  });
}

/**
 * An answer as a finger gives it: a text to type, an option's value, the parts of a date, an
 * address (the province chosen, part of the commune's name typed, the commune chosen, and the
 * house-number line when the field asks it).
 */
export type TouchAnswer =
  | string
  | { day: string; month: string; year: string }
  | { province: string; search: string; commune: string; detail?: string };

/**
 * Answers one field of `<motcua-procedure>` by touch: taps the radio or the box and types on
 * the screen's keyboard (keystrokes), picks an option of a list. A value the form already holds
 * (from the start page's questions) is left as it is.
 */
export async function tapAnswer(page: Page, id: string, value: TouchAnswer): Promise<void> {
  const { type, current } = await page.evaluate((field) => {
    const session = (
      document.querySelector('motcua-procedure') as unknown as {
        session: {
          procedure: { field(id: string): { type: string } | undefined };
          snapshot: { answers: Record<string, unknown> };
        };
      }
    ).session;
    return { type: session.procedure.field(field)?.type, current: session.snapshot.answers[field] };
  }, id);
  const at = (selector: string) => `motcua-procedure >>> ${selector}`;
  const typeInto = async (selector: string, text: string) => {
    await tap(page, at(selector));
    await page.keyboard.type(text);
  };
  if (type === 'radio') {
    if (current === value) return;
    await tap(page, at(`input[type=radio][name="${id}"][value="${String(value)}"]`));
  } else if (type === 'select') {
    await tap(page, at(`#f-${id}`));
    await (await one(page, at(`#f-${id}`))).select(String(value));
  } else if (type === 'address' && typeof value === 'object' && 'province' in value) {
    // The provinces, then the chosen province's communes, arrive by fetch; a list can be chosen
    // from once it holds the place.
    const listed = (list: string, code: string) =>
      page.waitForFunction(
        (list: string, code: string) =>
          Array.from(
            document
              .querySelector('motcua-procedure')
              ?.shadowRoot?.querySelector<HTMLSelectElement>(list)?.options ?? [],
          ).some((option) => option.value === code),
        { timeout: 10_000 },
        list,
        code,
      );
    await listed(`#f-${id}`, value.province);
    await tap(page, at(`#f-${id}`));
    await (await one(page, at(`#f-${id}`))).select(value.province);
    await listed(`#f-${id}-commune`, value.commune);
    await typeInto(`#f-${id}-commune-search`, value.search);
    await (await one(page, at(`#f-${id}-commune`))).select(value.commune);
    if (value.detail !== undefined) await typeInto(`#f-${id}-detail`, value.detail);
  } else if (type === 'date' && typeof value === 'object' && 'day' in value) {
    await typeInto(`#f-${id}`, value.day);
    await typeInto(`#f-${id}-month`, value.month);
    await typeInto(`#f-${id}-year`, value.year);
  } else if (typeof value === 'string') {
    await typeInto(`#f-${id}`, value);
  } else {
    throw new Error(`tapAnswer: cannot answer ${id} (${type}) with ${JSON.stringify(value)}`);
  }
}

/** Where `<motcua-procedure>` is: the step's id, or its status past the steps. */
export function formAt(page: Page): Promise<string> {
  return page.evaluate(() => {
    const snapshot = (
      document.querySelector('motcua-procedure') as unknown as {
        session?: { snapshot: { status: string; step?: { id: string } } };
      } | null
    )?.session?.snapshot;
    return snapshot?.status === 'filling' ? (snapshot.step?.id ?? '?') : (snapshot?.status ?? '');
  });
}

/** What `<motcua-procedure>` shows: the step, its page and the questions on it. */
interface OnScreen {
  status: string;
  step: string;
  page: number;
  fields: string[];
  errors: unknown[];
}

function onScreen(page: Page): Promise<OnScreen> {
  return page.evaluate(() => {
    const snapshot = (
      document.querySelector('motcua-procedure') as unknown as {
        session?: {
          snapshot: {
            status: string;
            step?: { id: string };
            page: number;
            fields: { id: string }[];
            errors: unknown[];
          };
        };
      } | null
    )?.session?.snapshot;
    return {
      status: snapshot?.status ?? '',
      step: snapshot?.step?.id ?? '',
      page: snapshot?.page ?? 0,
      fields: snapshot?.fields.map((field) => field.id) ?? [],
      errors: snapshot?.errors ?? [],
    };
  });
}

/**
 * Answers each page from `journey` (answers by step) by touch and taps "Tiếp tục", until
 * review (or the step `until`): the kiosk asks one question per page, so a step is several
 * pages. The file fields in `onPaper` are answered "Tôi sẽ mang bản giấy đến quầy". Returns the
 * steps answered.
 */
export async function tapToReview(
  page: Page,
  journey: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  { onPaper = [] as readonly string[], until = 'review' } = {},
): Promise<string[]> {
  const visited: string[] = [];
  for (let guard = 0; guard < 120; guard++) {
    const at = await onScreen(page);
    if (at.status === 'review' || at.step === until) return visited;
    const answers = journey[at.step];
    if (!answers) throw new Error(`the journey has no answers for step "${at.step}"`);
    if (!visited.includes(at.step)) visited.push(at.step);
    for (const [id, value] of Object.entries(answers)) {
      // A question shown by an answer on the same page ("other" after a choice) counts too.
      if (!(await onScreen(page)).fields.includes(id)) continue;
      if (onPaper.includes(id)) await tap(page, `motcua-procedure >>> #f-${id}-paper`);
      else await tapAnswer(page, id, value as TouchAnswer);
    }
    await tap(page, 'motcua-procedure >>> form button[type=submit]');
    await page.waitForFunction(
      (from: { step: string; page: number }) => {
        const snapshot = (
          document.querySelector('motcua-procedure') as unknown as {
            session?: {
              snapshot: { status: string; step?: { id: string }; page: number; errors: unknown[] };
            };
          }
        )?.session?.snapshot;
        return (
          snapshot?.status !== 'filling' ||
          snapshot.step?.id !== from.step ||
          snapshot.page !== from.page ||
          snapshot.errors.length > 0
        );
      },
      { timeout: 10_000 },
      { step: at.step, page: at.page },
    );
    const { errors } = await onScreen(page);
    if (errors.length > 0) {
      throw new Error(`Continue on "${at.step}" page ${at.page}: ${JSON.stringify(errors)}`);
    }
  }
  throw new Error('tapToReview: never reached review');
}

/** The computed `display` of the first element each selector finds ('absent' when none). */
export function displays(page: Page, selectors: readonly string[]): Promise<string[]> {
  return page.evaluate(
    (list) =>
      list.map((selector) => {
        const node = document.querySelector(selector);
        if (!node) return 'absent';
        // Hidden by an ancestor counts as hidden: what matters is whether it reaches the paper.
        for (let at: Element | null = node; at; at = at.parentElement) {
          if (getComputedStyle(at).display === 'none') return 'none';
        }
        return getComputedStyle(node).display;
      }),
    selectors,
  );
}

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** A journey through the permanent residence, page by page: an adult who owns the home. */
export const PERMANENT_RESIDENCE = {
  applicant: {
    applicantName: 'Nguyễn Văn An',
    applicantBirthDate: { day: '14', month: '5', year: '1990' },
    applicantSex: 'male',
    applicantPersonalId: '001090012345',
  },
  address: {
    // Typed without diacritics, as many citizens must.
    homeAddress: {
      province: '01',
      search: 'hoang mai',
      commune: '00331',
      detail: 'Số 12, ngõ 5, phố Tân Mai',
    },
  },
  ownership: { ownsHome: 'yes' },
  household: { joinHousehold: 'no' },
  lawfulResidence: { residenceOnRecord: 'yes' },
  membersQuestion: { membersMoving: 'no' },
};
