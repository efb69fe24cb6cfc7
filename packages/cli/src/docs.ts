import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type {
  Fee,
  FeeChannel,
  FieldDefinition,
  Pack,
  ProcedureDefinition,
  RuleDefinition,
  StepDefinition,
} from '@motcua/core';
import type { CommandIo } from './cli.js';
import {
  type DescribeSource,
  describeClause,
  describeCondition,
  describeConstraints,
  describeMessages,
  describeRequirement,
  fieldIndex,
  quote,
  textIn,
} from './describe.js';
import {
  flowOutline,
  loadDefinitions,
  mermaidFlow,
  parseCommandArgs,
  usageError,
} from './graph.js';

/** Options of {@link procedureDocs}. */
export interface ProcedureDocsOptions {
  /** The language of the document: `vi` (default) or `en`. */
  locale?: string;
  /** The packs the definition uses: their formats' words and their messages. */
  packs?: readonly Pack[];
  /**
   * The file name of the same document in the other language, linked from the top of the page
   * (`<id>.en.html` from the Vietnamese page); no link without it.
   */
  otherLanguage?: string;
}

/** A reviewer's document, as a self-contained HTML page and as Markdown. */
export interface ProcedureDocs {
  html: string;
  markdown: string;
}

/**
 * A reviewer's document of one procedure, in one language: the agency, processing time, fees
 * and legal basis; the documents and when each is needed; the flow; each step and field with
 * its constraints and every message a citizen can see; each rule with its condition, message,
 * basis and severity. Every condition is a sentence. Definition text is always escaped: the
 * HTML has no script and no markup from the definition; the Markdown no raw HTML either.
 *
 * @example
 * const { html, markdown } = procedureDocs(procedure.definition, { locale: 'vi', packs: [vn] });
 */
export function procedureDocs(
  definition: ProcedureDefinition,
  options: ProcedureDocsOptions = {},
): ProcedureDocs {
  const locale = options.locale === 'en' ? 'en' : 'vi';
  const blocks = documentBlocks(definition, { ...options, locale });
  const title = textIn(definition.title, locale);
  return {
    html: renderHtml(blocks, { title, locale }),
    markdown: renderMarkdown(blocks),
  };
}

// ————————————————————————————————————————————————————————————————————————————
// The document, as blocks both renderers share

/** A piece of running text: plain text, a link, or code (an id, a pattern). */
type Inline = string | { link: string; href: string } | { code: string };
type Cell = Inline[] | { items: Inline[][] };

type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5; text: Inline[]; id?: string }
  | { kind: 'paragraph'; text: Inline[]; role?: 'lead' | 'note' }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'table'; caption: string; head: string[]; rows: Cell[][]; rowHeaders: boolean }
  | { kind: 'mermaid'; source: string; caption: string }
  | { kind: 'nav'; label: string; links: { text: string; href: string; lang?: string }[] }
  | { kind: 'section'; className: string; blocks: Block[] };

interface Context {
  locale: 'vi' | 'en';
  words: Words;
  source: DescribeSource;
  definition: ProcedureDefinition;
}

function documentBlocks(
  definition: ProcedureDefinition,
  options: ProcedureDocsOptions & { locale: 'vi' | 'en' },
): Block[] {
  const { locale } = options;
  const words = locale === 'en' ? EN : VI;
  const source: DescribeSource = { definition, packs: options.packs ?? [] };
  const context: Context = { locale, words, source, definition };
  const t = (text: Parameters<typeof textIn>[0]) => textIn(text, locale);
  const blocks: Block[] = [];

  const links: { text: string; href: string; lang?: string }[] = [
    { text: words.sections.about, href: '#about' },
    { text: words.sections.fees, href: '#fees' },
    { text: words.sections.basis, href: '#basis' },
    { text: words.sections.documents, href: '#documents' },
    { text: words.sections.flow, href: '#flow' },
    { text: words.sections.steps, href: '#steps' },
    { text: words.sections.rules, href: '#rules' },
  ];
  if (options.otherLanguage) {
    links.push({
      text: words.otherLanguage,
      href: options.otherLanguage,
      lang: locale === 'vi' ? 'en' : 'vi',
    });
  }
  blocks.push({ kind: 'nav', label: words.contents, links });
  blocks.push({ kind: 'heading', level: 1, text: [t(definition.title)] });
  blocks.push({
    kind: 'paragraph',
    role: 'lead',
    text: [words.lead(definition.version), ' ', { code: definition.id }],
  });
  if (definition.description) blocks.push({ kind: 'paragraph', text: [t(definition.description)] });

  blocks.push({ kind: 'heading', level: 2, text: [words.sections.about], id: 'about' });
  blocks.push(factsTable(words.sections.about, aboutRows(context), words));

  blocks.push({ kind: 'heading', level: 2, text: [words.sections.fees], id: 'fees' });
  const fees = definition.fees ?? [];
  if (fees.length === 0) blocks.push({ kind: 'paragraph', text: [words.noFees] });
  else {
    blocks.push({
      kind: 'table',
      caption: words.sections.fees,
      head: words.feeHead,
      rowHeaders: true,
      rows: fees.map((fee) => [
        [t(fee.label)],
        [feeAmount(fee, context)],
        [fee.when ? sentence(describeCondition(fee.when, source, locale)) : words.always],
        [channelText(fee.channel, words)],
        [fee.note ? t(fee.note) : ''],
      ]),
    });
  }

  blocks.push({ kind: 'heading', level: 2, text: [words.sections.basis], id: 'basis' });
  const basis = definition.legalBasis ?? [];
  if (basis.length === 0) blocks.push({ kind: 'paragraph', text: [words.noBasis] });
  else {
    blocks.push({
      kind: 'list',
      ordered: false,
      items: basis.map((law) => [
        law.url && isWebAddress(law.url) ? { link: t(law.title), href: law.url } : t(law.title),
      ]),
    });
  }

  blocks.push({ kind: 'heading', level: 2, text: [words.sections.documents], id: 'documents' });
  const documents = definition.documents ?? [];
  if (documents.length === 0) blocks.push({ kind: 'paragraph', text: [words.noDocuments] });
  else {
    blocks.push({
      kind: 'table',
      caption: words.sections.documents,
      head: words.documentHead,
      rowHeaders: true,
      rows: documents.map((document) => [
        [t(document.title)],
        [document.description ? t(document.description) : ''],
        [countText(document.originals, words)],
        [countText(document.copies, words)],
        [
          document.when
            ? sentence(describeCondition(document.when, source, locale))
            : words.alwaysNeeded,
        ],
        [document.basis ? t(document.basis) : ''],
      ]),
    });
  }

  blocks.push({ kind: 'heading', level: 2, text: [words.sections.flow], id: 'flow' });
  blocks.push({ kind: 'paragraph', text: [words.flowIntro] });
  blocks.push({
    kind: 'list',
    ordered: true,
    items: flowOutline(source, locale).map((stop) => [
      stop.condition ? words.onlyWhenSkip(stop.label, stop.condition) : stop.label,
    ]),
  });
  blocks.push({ kind: 'paragraph', text: [words.mermaidIntro] });
  blocks.push({
    kind: 'mermaid',
    caption: words.mermaidCaption,
    source: mermaidFlow(source, locale),
  });

  blocks.push({ kind: 'heading', level: 2, text: [words.sections.steps], id: 'steps' });
  definition.steps.forEach((step, index) => blocks.push(...stepBlocks(step, index, context)));

  blocks.push({ kind: 'heading', level: 2, text: [words.sections.rules], id: 'rules' });
  const rules = definition.rules ?? [];
  if (rules.length === 0) blocks.push({ kind: 'paragraph', text: [words.noRules] });
  for (const rule of rules) blocks.push(ruleBlock(rule, context));
  return blocks;
}

function aboutRows(context: Context): [string, Cell][] {
  const { definition, words, locale } = context;
  const t = (text: Parameters<typeof textIn>[0]) => textIn(text, locale);
  const rows: [string, Cell][] = [];
  if (definition.code) rows.push([words.code, [definition.code]]);
  rows.push([words.version, [definition.version]]);
  const agency = definition.agency;
  if (agency) {
    const name = t(agency.name);
    const level = agency.level ? ` (${words.levels[agency.level]})` : '';
    rows.push([
      words.agency,
      agency.url && isWebAddress(agency.url)
        ? [{ link: `${name}${level}`, href: agency.url }]
        : [`${name}${level}`],
    ]);
  }
  const time = definition.processingTime;
  if (time) {
    const days = words.workingDays(time.workingDays);
    rows.push([words.processingTime, [time.note ? `${days}. ${t(time.note)}` : days]]);
  }
  if (definition.audience) rows.push([words.audience, [t(definition.audience)]]);
  if (definition.online) rows.push([words.online, [words.onlineKinds[definition.online]]]);
  return rows;
}

function stepBlocks(step: StepDefinition, index: number, context: Context): Block[] {
  const { words, locale, source } = context;
  const blocks: Block[] = [
    {
      kind: 'heading',
      level: 3,
      text: [words.stepHeading(index + 1, textIn(step.title, locale))],
      id: `step-${step.id}`,
    },
  ];
  if (step.when) {
    blocks.push({
      kind: 'paragraph',
      role: 'note',
      text: [words.stepWhen(describeCondition(step.when, source, locale))],
    });
  }
  if (step.description)
    blocks.push({ kind: 'paragraph', text: [textIn(step.description, locale)] });
  for (const field of step.fields) blocks.push(...fieldBlocks(field, 4, context));
  return blocks;
}

function fieldBlocks(field: FieldDefinition, level: 4 | 5, context: Context): Block[] {
  const { words, locale, source, definition } = context;
  const t = (text: Parameters<typeof textIn>[0]) => textIn(text, locale);
  const label = t(field.label);
  const rows: [string, Cell][] = [];
  rows.push([words.fieldId, [{ code: field.id }]]);
  rows.push([words.type, [typeText(field, words)]]);
  rows.push([words.requirement, [describeRequirement(field, source, locale)]]);
  if (field.when)
    rows.push([words.shown, [sentence(describeCondition(field.when, source, locale))]]);
  if (field.hint) rows.push([words.hint, [t(field.hint)]]);
  if (field.example) rows.push([words.example, [t(field.example)]]);
  if (field.prefill) {
    const from = quote(
      t(fieldIndex(definition).get(field.prefill.from)?.field.label) || field.prefill.from,
    );
    const when = field.prefill.when
      ? ` ${describeCondition(field.prefill.when, source, locale)}`
      : '';
    rows.push([words.prefill, [`${words.prefillFrom(from)}${when}`]]);
  }
  // The options are listed on their own, with their hints.
  const constraints = describeConstraints(field, source, locale, { options: false });
  if (constraints.length > 0) {
    rows.push([words.constraints, { items: constraints.map((text) => [sentence(text)]) }]);
  }
  if (field.options && field.options.length > 0) {
    rows.push([
      field.type === 'checkboxes' ? words.optionsSome : words.optionsOne,
      {
        items: field.options.map((option) => [
          quote(t(option.label)) +
            (option.hint ? ` — ${t(option.hint)}` : '') +
            (option.when
              ? ` — ${words.offeredWhen(describeCondition(option.when, context.source, locale))}`
              : ''),
        ]),
      },
    ]);
  }
  const rules = (definition.rules ?? []).filter((rule) => rule.fields[0] === field.id);
  if (rules.length > 0) {
    rows.push([
      words.rulesHere,
      { items: rules.map((rule) => [{ code: rule.id }, ` — ${ruleMessage(rule, context)}`]) },
    ]);
  }

  const blocks: Block[] = [
    { kind: 'heading', level, text: [label], id: `field-${field.id}` },
    factsTable(label, rows, words),
  ];
  const messages = describeMessages(field, source, locale);
  if (messages.length > 0) {
    blocks.push({
      kind: 'table',
      caption: words.messagesCaption(label),
      head: words.messageHead,
      rowHeaders: false,
      rows: messages.map((message) => [
        [{ code: message.code }],
        [message.text],
        [message.own ? words.ownMessage : words.defaultMessage],
      ]),
    });
  }
  const section: Block = { kind: 'section', className: 'field', blocks };
  if (field.type !== 'group' || !field.fields) return [section];
  return [
    section,
    { kind: 'paragraph', role: 'note', text: [words.rowFields(quote(label))] },
    ...field.fields.flatMap((inner) => fieldBlocks(inner, 5, context)),
  ];
}

/**
 * What a citizen reads when the rule fails: its own message, or the one the pack operator it
 * asserts brings (as the procedure says it), marked as the pack's.
 */
function ruleMessage(rule: RuleDefinition, context: Context): string {
  if (rule.message !== undefined) return textIn(rule.message, context.locale);
  const packs = 'packs' in context.source ? (context.source.packs ?? []) : [];
  for (const key of Object.keys(rule.assert)) {
    for (const pack of packs) {
      const message = pack.operators?.[key]?.message;
      if (message !== undefined) {
        return `${textIn(message, context.locale)} (${context.words.packMessage(key)})`;
      }
    }
  }
  return context.words.noMessage;
}

function ruleBlock(rule: RuleDefinition, context: Context): Block {
  const { words, locale, source, definition } = context;
  const t = (text: Parameters<typeof textIn>[0]) => textIn(text, locale);
  const index = fieldIndex(definition);
  const when = rule.when ? sentence(describeCondition(rule.when, source, locale)) : words.always;
  const rows: [string, Cell][] = [
    [
      words.ruleWhen,
      [
        rule.each
          ? words.eachRow(
              quote(t(index.get(rule.each)?.field.label) || rule.each),
              rule.when ? when : undefined,
            )
          : when,
      ],
    ],
    [words.ruleAssert, [sentence(describeClause(rule.assert, source, locale))]],
    [words.ruleMessage, [ruleMessage(rule, context)]],
    [words.severity, [rule.severity === 'warning' ? words.warning : words.error]],
    [words.ruleBasis, [rule.basis ? t(rule.basis) : words.noRuleBasis]],
    [
      words.ruleFields,
      [rule.fields.map((id) => quote(t(index.get(id)?.field.label) || id)).join(', ')],
    ],
  ];
  return {
    kind: 'section',
    className: 'rule',
    blocks: [
      {
        kind: 'heading',
        level: 3,
        text: [words.ruleHeading, ' ', { code: rule.id }],
        id: `rule-${rule.id}`,
      },
      factsTable(`${words.ruleHeading} ${rule.id}`, rows, words),
    ],
  };
}

function factsTable(caption: string, rows: [string, Cell][], words: Words): Block {
  return {
    kind: 'table',
    caption,
    head: words.factsHead,
    rowHeaders: true,
    rows: rows.map(([name, value]) => [[name], value]),
  };
}

function feeAmount(fee: Fee, context: Context): string {
  const { words, locale, definition } = context;
  if (fee.amount === undefined) return words.amountByProvince;
  if (fee.amount === 0) return words.free;
  const amount = words.money(new Intl.NumberFormat(locale).format(fee.amount));
  if (!fee.per) return amount;
  const label = (id: string) =>
    quote(textIn(fieldIndex(definition).get(id)?.field.label, locale) || id);
  const { field, from = 1, upTo, times } = fee.per;
  return (
    words.perUnit(amount, label(field), from) +
    (upTo !== undefined ? words.upTo(upTo) : '') +
    (times !== undefined ? words.times(label(times)) : '')
  );
}

function channelText(channel: Fee['channel'], words: Words): string {
  if (channel === undefined || channel === 'any') return words.channels.any;
  const list = Array.isArray(channel) ? channel : [channel];
  return list.map((item: FeeChannel) => words.channels[item]).join(', ');
}

function countText(count: number | undefined, words: Words): string {
  return count === undefined || count === 0 ? words.none : String(count);
}

function typeText(field: FieldDefinition, words: Words): string {
  if (field.type.startsWith('x-')) return words.customType(field.type);
  return words.types[field.type as keyof Words['types']] ?? field.type;
}

/** A clause as the start of a sentence in a table cell: "Khi …". */
function sentence(text: string): string {
  const first = text.charAt(0);
  return first.toUpperCase() + text.slice(1);
}

/** Only web addresses become links: a `javascript:` URL in a definition stays text. */
function isWebAddress(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

// ————————————————————————————————————————————————————————————————————————————
// HTML

const STYLE = `
:root { color: #1b1b1b; background: #fff; font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; line-height: 1.5; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 3rem; }
a { color: #1d4ed8; }
a:focus { outline: 3px solid #fd0; outline-offset: 1px; }
nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; margin: 0 0 1rem; }
h1 { font-size: 2rem; margin: .5rem 0; }
h2 { font-size: 1.5rem; margin-top: 2.5rem; border-bottom: 2px solid #1b1b1b; }
h3 { font-size: 1.25rem; margin-top: 2rem; }
h4 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
h5 { font-size: 1rem; margin: 1rem 0 .5rem; }
.lead { color: #3d3d3d; }
.note { border-left: 4px solid #1d4ed8; padding-left: .75rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #949494; padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f0f0f0; }
tbody th { width: 12rem; font-weight: 600; }
td ul { margin: 0; padding-left: 1.1rem; }
code { font-family: ui-monospace, "Cascadia Mono", Menlo, Consolas, monospace; font-size: .95em; background: #f3f3f3; padding: 0 .2em; }
pre.mermaid { background: #f6f6f6; border: 1px solid #949494; padding: .75rem; overflow-x: auto; white-space: pre-wrap; }
.field { border-top: 1px solid #d0d0d0; }
@media print {
  nav { display: none; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .9em; word-break: break-all; }
  h1, h2, h3, h4, h5, caption { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr, .field, .rule, pre.mermaid { break-inside: avoid; page-break-inside: avoid; }
  pre.mermaid { white-space: pre-wrap; }
}
`;

function renderHtml(blocks: readonly Block[], page: { title: string; locale: string }): string {
  const nav = blocks
    .filter((block) => block.kind === 'nav')
    .map(htmlBlock)
    .join('');
  const main = blocks
    .filter((block) => block.kind !== 'nav')
    .map(htmlBlock)
    .join('\n');
  return `<!doctype html>
<html lang="${page.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>${nav}</header>
<main>
${main}
</main>
</body>
</html>
`;
}

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case 'heading': {
      const id = block.id ? ` id="${escapeHtml(block.id)}"` : '';
      return `<h${block.level}${id}>${htmlInline(block.text)}</h${block.level}>`;
    }
    case 'paragraph':
      return `<p${block.role ? ` class="${block.role}"` : ''}>${htmlInline(block.text)}</p>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${htmlInline(item)}</li>`).join('')}</${tag}>`;
    }
    case 'table': {
      const head = block.head.map((name) => `<th scope="col">${escapeHtml(name)}</th>`).join('');
      const body = block.rows
        .map((row) => {
          const cells = row.map((cell, column) =>
            column === 0 && block.rowHeaders
              ? `<th scope="row">${htmlCell(cell)}</th>`
              : `<td>${htmlCell(cell)}</td>`,
          );
          return `<tr>${cells.join('')}</tr>`;
        })
        .join('\n');
      return `<table>\n<caption>${escapeHtml(block.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
    }
    case 'mermaid':
      return `<figure>\n<figcaption>${escapeHtml(block.caption)}</figcaption>\n<pre class="mermaid">${escapeHtml(block.source)}</pre>\n</figure>`;
    case 'nav':
      return `<nav aria-label="${escapeHtml(block.label)}"><ul>${block.links
        .map((link) => {
          const lang = link.lang ? ` lang="${escapeHtml(link.lang)}"` : '';
          return `<li><a href="${escapeHtml(link.href)}"${lang}>${escapeHtml(link.text)}</a></li>`;
        })
        .join('')}</ul></nav>`;
    case 'section':
      return `<section class="${block.className}">\n${block.blocks.map(htmlBlock).join('\n')}\n</section>`;
  }
}

function htmlCell(cell: Cell): string {
  if (Array.isArray(cell)) return htmlInline(cell);
  return `<ul>${cell.items.map((item) => `<li>${htmlInline(item)}</li>`).join('')}</ul>`;
}

function htmlInline(parts: readonly Inline[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return escapeHtml(part);
      if ('code' in part) return `<code>${escapeHtml(part.code)}</code>`;
      return `<a href="${escapeHtml(part.href)}">${escapeHtml(part.link)}</a>`;
    })
    .join('');
}

/** Every character HTML could read as markup, in text and in quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character] ?? character);
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// ————————————————————————————————————————————————————————————————————————————
// Markdown

function renderMarkdown(blocks: readonly Block[]): string {
  return `${blocks.map((block, index) => markdownBlock(block, blocks[index - 1])).join('\n\n')}\n`;
}

function markdownBlock(block: Block, previous?: Block): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${markdownLine(markdownInline(block.text))}`;
    case 'paragraph': {
      const text = markdownLine(markdownInline(block.text));
      return block.role === 'note' ? `> ${text}` : text;
    }
    case 'list':
      return block.items
        .map((item, index) => `${block.ordered ? `${index + 1}.` : '-'} ${markdownInline(item)}`)
        .join('\n');
    case 'table': {
      const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
      // A caption that only repeats the heading above is left out.
      const repeats = previous?.kind === 'heading' && plainText(previous.text) === block.caption;
      return [
        ...(repeats ? [] : [`**${markdownText(block.caption)}**`, '']),
        row(block.head.map(markdownText)),
        row(block.head.map(() => '---')),
        ...block.rows.map((cells) =>
          row(
            cells.map((cell, column) => {
              const text = markdownCell(cell);
              return column === 0 && block.rowHeaders && text !== '' ? `**${text}**` : text;
            }),
          ),
        ),
      ].join('\n');
    }
    case 'mermaid':
      // A fence longer than any run of backticks in the source (Mermaid text has none: they are
      // written as #96;), so the block cannot be closed early.
      return `${markdownText(block.caption)}\n\n\`\`\`mermaid\n${block.source}\`\`\``;
    case 'nav':
      return block.links
        .map((link) => `[${markdownText(link.text)}](${markdownHref(link.href)})`)
        .join(' · ');
    case 'section':
      return block.blocks
        .map((inner, index) => markdownBlock(inner, block.blocks[index - 1]))
        .join('\n\n');
  }
}

function plainText(parts: readonly Inline[]): string {
  return parts
    .map((part) => (typeof part === 'string' ? part : 'code' in part ? part.code : part.link))
    .join('');
}

function markdownCell(cell: Cell): string {
  if (Array.isArray(cell)) return markdownInline(cell);
  return cell.items.map((item) => `• ${markdownInline(item)}`).join('<br>');
}

function markdownInline(parts: readonly Inline[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return markdownText(part);
      if ('code' in part) return `\`${part.code.replace(/`/g, '')}\``;
      return `[${markdownText(part.link)}](${markdownHref(part.href)})`;
    })
    .join('');
}

/**
 * Text that Markdown shows as written: `&`, `<` and `>` as entities (so no raw HTML passes
 * through), the punctuation that marks emphasis, code, links and table cells
 * backslash-escaped, line breaks as spaces (a line break would end a table row).
 */
export function markdownText(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (character) => `\\${character}`)
    .replace(/[&<>]/g, (character) => HTML_ENTITIES[character] ?? character);
}

/** Text that starts a line: also not a heading, a list item or a quote. */
function markdownLine(text: string): string {
  return text.replace(/^(?:(#|[-+])|(\d+)([.)]))(?=\s)/, (start, mark, digits, dot) =>
    mark ? `\\${mark}` : `${digits}\\${dot}`,
  );
}

function markdownHref(href: string): string {
  return href.replace(/[()\s<>]/g, (character) => encodeURIComponent(character));
}

// ————————————————————————————————————————————————————————————————————————————
// Words

interface Words {
  contents: string;
  otherLanguage: string;
  sections: Record<'about' | 'fees' | 'basis' | 'documents' | 'flow' | 'steps' | 'rules', string>;
  lead(version: string): string;
  factsHead: string[];
  code: string;
  version: string;
  agency: string;
  levels: Record<'commune' | 'province' | 'ministry' | 'other', string>;
  processingTime: string;
  workingDays(days: number): string;
  audience: string;
  online: string;
  onlineKinds: Record<'full' | 'partial' | 'counter', string>;
  noFees: string;
  feeHead: string[];
  always: string;
  free: string;
  amountByProvince: string;
  money(amount: string): string;
  perUnit(amount: string, unit: string, from: number): string;
  upTo(unit: number): string;
  times(field: string): string;
  channels: Record<FeeChannel | 'any', string>;
  noBasis: string;
  noDocuments: string;
  documentHead: string[];
  none: string;
  alwaysNeeded: string;
  flowIntro: string;
  onlyWhenSkip(label: string, condition: string): string;
  mermaidIntro: string;
  mermaidCaption: string;
  stepHeading(number: number, title: string): string;
  stepWhen(condition: string): string;
  fieldId: string;
  type: string;
  types: Record<string, string>;
  customType(type: string): string;
  requirement: string;
  shown: string;
  hint: string;
  example: string;
  prefill: string;
  prefillFrom(field: string): string;
  constraints: string;
  optionsOne: string;
  optionsSome: string;
  rulesHere: string;
  offeredWhen(condition: string): string;
  eachRow(group: string, condition?: string): string;
  packMessage(operator: string): string;
  noMessage: string;
  messagesCaption(label: string): string;
  messageHead: string[];
  ownMessage: string;
  defaultMessage: string;
  rowFields(group: string): string;
  noRules: string;
  ruleHeading: string;
  ruleWhen: string;
  ruleAssert: string;
  ruleMessage: string;
  severity: string;
  warning: string;
  error: string;
  ruleBasis: string;
  noRuleBasis: string;
  ruleFields: string;
}

const VI: Words = {
  contents: 'Mục lục',
  otherLanguage: 'English version',
  sections: {
    about: 'Thông tin chung',
    fees: 'Phí, lệ phí',
    basis: 'Căn cứ pháp lý',
    documents: 'Giấy tờ phải nộp hoặc xuất trình',
    flow: 'Trình tự các bước',
    steps: 'Các bước và câu hỏi',
    rules: 'Quy tắc kiểm tra',
  },
  lead: (version) =>
    `Tài liệu để cán bộ duyệt các quy định của thủ tục. Phiên bản ${version}, mã định nghĩa`,
  factsHead: ['Mục', 'Nội dung'],
  code: 'Mã thủ tục',
  version: 'Phiên bản',
  agency: 'Cơ quan giải quyết',
  levels: { commune: 'cấp xã', province: 'cấp tỉnh', ministry: 'cấp bộ', other: 'cấp khác' },
  processingTime: 'Thời hạn giải quyết',
  workingDays: (days) => (days === 0 ? 'Trong ngày' : `${days} ngày làm việc`),
  audience: 'Ai được nộp',
  online: 'Nộp trực tuyến',
  onlineKinds: {
    full: 'Toàn trình: nộp và nhận kết quả trực tuyến',
    partial: 'Một phần: nộp trực tuyến, giấy tờ hoặc kết quả tại quầy',
    counter: 'Chỉ nộp tại quầy',
  },
  noFees: 'Thủ tục không có phí, lệ phí.',
  feeHead: ['Khoản thu', 'Mức thu', 'Áp dụng', 'Cách nộp hồ sơ', 'Ghi chú'],
  always: 'Luôn áp dụng',
  free: 'Miễn phí (0 đồng)',
  amountByProvince: 'Mức do tỉnh quy định; cán bộ báo khi nhận hồ sơ',
  money: (amount) => `${amount} đồng`,
  perUnit: (amount, unit, from) =>
    `${amount} mỗi đơn vị, theo câu trả lời ${unit}${from > 1 ? `; tính từ đơn vị thứ ${from}, các đơn vị trước không mất phí` : ''}`,
  upTo: (unit) => `; tính đến đơn vị thứ ${unit}, các đơn vị sau không mất phí`,
  times: (field) => `; nhân với câu trả lời ${field}`,
  channels: {
    any: 'Mọi cách nộp',
    online: 'Trực tuyến',
    'in-person': 'Trực tiếp tại quầy',
    kiosk: 'Máy tự phục vụ',
    post: 'Qua bưu điện',
  },
  noBasis: 'Định nghĩa chưa ghi căn cứ pháp lý.',
  noDocuments: 'Không có giấy tờ phải nộp.',
  documentHead: ['Giấy tờ', 'Mô tả', 'Bản chính', 'Bản sao', 'Cần khi', 'Căn cứ'],
  none: 'Không',
  alwaysNeeded: 'Luôn cần',
  flowIntro: 'Người dân đi qua các bước theo thứ tự sau:',
  onlyWhenSkip: (label, condition) => `${label} — chỉ hỏi ${condition}; nếu không, bỏ qua bước này`,
  mermaidIntro:
    'Sơ đồ dưới đây viết bằng Mermaid: dán vào một trình xem Mermaid (ví dụ mermaid.live) để xem hình.',
  mermaidCaption: 'Sơ đồ các bước (Mermaid)',
  stepHeading: (number, title) => `Bước ${number}: ${title}`,
  stepWhen: (condition) => `Chỉ hỏi bước này ${condition}.`,
  fieldId: 'Mã trường',
  type: 'Loại câu trả lời',
  types: {
    text: 'Chữ, một dòng',
    textarea: 'Chữ, nhiều dòng',
    number: 'Số',
    date: 'Ngày',
    year: 'Năm',
    select: 'Chọn trong danh sách',
    radio: 'Chọn một',
    checkbox: 'Ô đánh dấu',
    checkboxes: 'Chọn nhiều',
    email: 'Địa chỉ email',
    phone: 'Số điện thoại',
    file: 'Tệp đính kèm',
    group: 'Danh sách nhiều dòng',
    address: 'Địa chỉ',
  },
  customType: (type) => `Loại riêng “${type}”`,
  requirement: 'Bắt buộc trả lời',
  shown: 'Chỉ hỏi',
  hint: 'Gợi ý',
  example: 'Ví dụ',
  prefill: 'Điền sẵn',
  prefillFrom: (field) => `Từ ${field}`,
  constraints: 'Ràng buộc',
  optionsOne: 'Các lựa chọn (chọn một)',
  optionsSome: 'Các lựa chọn (chọn một hoặc nhiều)',
  rulesHere: 'Quy tắc báo lỗi ở đây',
  offeredWhen: (condition) => `chỉ có ${condition}`,
  eachRow: (group, condition) =>
    condition ? `Với từng dòng của ${group}: ${condition}` : `Với từng dòng của ${group}.`,
  packMessage: (operator) => `thông báo mặc định của ${operator}`,
  noMessage: 'Chưa có thông báo',
  messagesCaption: (label) => `Thông báo người dân có thể thấy ở “${label}”`,
  messageHead: ['Mã lỗi', 'Thông báo', 'Nguồn'],
  ownMessage: 'Riêng của thủ tục',
  defaultMessage: 'Mặc định',
  rowFields: (group) => `Mỗi dòng của ${group} gồm các câu hỏi sau.`,
  noRules: 'Thủ tục không có quy tắc kiểm tra chéo.',
  ruleHeading: 'Quy tắc',
  ruleWhen: 'Áp dụng',
  ruleAssert: 'Phải đúng',
  ruleMessage: 'Thông báo khi sai',
  severity: 'Mức độ',
  warning: 'Cảnh báo: người dân đọc rồi vẫn có thể tiếp tục',
  error: 'Lỗi: phải sửa mới tiếp tục được',
  ruleBasis: 'Căn cứ pháp lý',
  noRuleBasis: 'Chưa ghi căn cứ',
  ruleFields: 'Báo ở câu hỏi',
};

const EN: Words = {
  contents: 'Contents',
  otherLanguage: 'Bản tiếng Việt',
  sections: {
    about: 'About the procedure',
    fees: 'Fees',
    basis: 'Legal basis',
    documents: 'Documents to hand in or show',
    flow: 'The flow',
    steps: 'Steps and questions',
    rules: 'Rules',
  },
  lead: (version) =>
    `For the staff who review the procedure's rules. Version ${version}, definition id`,
  factsHead: ['Item', 'Detail'],
  code: 'Procedure code',
  version: 'Version',
  agency: 'Agency',
  levels: {
    commune: 'commune level',
    province: 'province level',
    ministry: 'ministry level',
    other: 'other level',
  },
  processingTime: 'Processing time',
  workingDays: (days) =>
    days === 0 ? 'The same day' : `${days} working day${days === 1 ? '' : 's'}`,
  audience: 'Who may apply',
  online: 'Online',
  onlineKinds: {
    full: 'Fully online: apply and receive the result online',
    partial: 'Partly: apply online, papers or the result at the counter',
    counter: 'Only at the counter',
  },
  noFees: 'The procedure has no fees.',
  feeHead: ['Fee', 'Amount', 'Charged', 'Channel', 'Note'],
  always: 'Always',
  free: 'Free (0 dong)',
  amountByProvince:
    'Amount set by the province; the officer says it when the application is received',
  money: (amount) => `${amount} dong`,
  perUnit: (amount, unit, from) =>
    `${amount} each, by the answer to ${unit}${from > 1 ? `; charged from unit ${from} on, the units before are free` : ''}`,
  upTo: (unit) => `; charged up to unit ${unit}, the units after are free`,
  times: (field) => `; times the answer to ${field}`,
  channels: {
    any: 'Every channel',
    online: 'Online',
    'in-person': 'In person at the counter',
    kiosk: 'Self-service kiosk',
    post: 'By post',
  },
  noBasis: 'The definition names no legal basis.',
  noDocuments: 'No documents to hand in.',
  documentHead: ['Document', 'Description', 'Originals', 'Copies', 'Needed', 'Basis'],
  none: 'None',
  alwaysNeeded: 'Always',
  flowIntro: 'Citizens go through the steps in this order:',
  onlyWhenSkip: (label, condition) => `${label} — asked only ${condition}; otherwise skipped`,
  mermaidIntro:
    'The diagram below is written in Mermaid: paste it into a Mermaid viewer (such as mermaid.live) to see it drawn.',
  mermaidCaption: 'The flow (Mermaid)',
  stepHeading: (number, title) => `Step ${number}: ${title}`,
  stepWhen: (condition) => `This step is asked only ${condition}.`,
  fieldId: 'Field id',
  type: 'Answer type',
  types: {
    text: 'Text, one line',
    textarea: 'Text, several lines',
    number: 'Number',
    date: 'Date',
    year: 'Year',
    select: 'Choose from a list',
    radio: 'Choose one',
    checkbox: 'Checkbox',
    checkboxes: 'Choose several',
    email: 'Email address',
    phone: 'Phone number',
    file: 'File upload',
    group: 'List of rows',
    address: 'Address',
  },
  customType: (type) => `Custom type “${type}”`,
  requirement: 'Must be answered',
  shown: 'Asked only',
  hint: 'Hint',
  example: 'Example',
  prefill: 'Prefilled',
  prefillFrom: (field) => `From ${field}`,
  constraints: 'Constraints',
  optionsOne: 'Options (choose one)',
  optionsSome: 'Options (choose one or more)',
  rulesHere: 'Rules reported here',
  offeredWhen: (condition) => `offered only ${condition}`,
  eachRow: (group, condition) =>
    condition ? `For each row of ${group}: ${condition}` : `For each row of ${group}.`,
  packMessage: (operator) => `the default message of ${operator}`,
  noMessage: 'No message',
  messagesCaption: (label) => `Messages a citizen can see on “${label}”`,
  messageHead: ['Code', 'Message', 'Source'],
  ownMessage: 'This procedure',
  defaultMessage: 'Default',
  rowFields: (group) => `Each row of ${group} asks the questions below.`,
  noRules: 'The procedure has no cross-field rules.',
  ruleHeading: 'Rule',
  ruleWhen: 'Applies',
  ruleAssert: 'Must hold',
  ruleMessage: 'Message when it does not',
  severity: 'Severity',
  warning: 'Warning: the citizen reads it and may go on',
  error: 'Error: must be fixed before going on',
  ruleBasis: 'Legal basis',
  noRuleBasis: 'None given',
  ruleFields: 'Reported on',
};

// ————————————————————————————————————————————————————————————————————————————
// The command

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  pack: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

export const DOCS_USAGE = `Usage: motcua docs <definition.json…> --out <dir> [--pack <module>…]

Writes a document for the staff who review each procedure's rules, in Vietnamese and English,
as HTML (self-contained, prints well) and Markdown: <dir>/<id>.html, <dir>/<id>.en.html,
<dir>/<id>.md and <dir>/<id>.en.md. It says the agency, processing time, fees, legal basis and
documents; the flow; each question with its constraints and every message a citizen can see;
each rule with its condition, message, legal basis and severity; every condition as a sentence.

Options:
  -o, --out <dir>       the folder to write to (made if missing); required
      --pack <module>   a pack the definitions use, e.g. @motcua/vn/pack; repeat for more
  -h, --help            show this help

Exit codes: 0 all written; 1 a definition or a pack has problems (the others are written);
2 wrong usage.
`;

/** `motcua docs`: see {@link DOCS_USAGE}. */
export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseCommandArgs(argv, OPTIONS, DOCS_USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    return usageError(
      io,
      'no definition files given; name one or more *.procedure.json files',
      DOCS_USAGE,
    );
  }
  if (values.out === undefined || values.out === '') {
    return usageError(
      io,
      '--out is missing; say where to write the documents, e.g. --out docs/procedures',
      DOCS_USAGE,
    );
  }
  const loaded = await loadDefinitions(positionals, values.pack ?? [], io);
  const outDir = resolve(io.cwd, values.out);
  try {
    if (loaded.procedures.length > 0) await mkdir(outDir, { recursive: true });
    for (const { definition } of loaded.procedures) {
      for (const written of await writeDocs(definition, outDir, loaded.packs)) {
        io.stdout.write(`wrote ${join(values.out, written)}\n`);
      }
    }
  } catch (error) {
    io.stderr.write(
      `motcua: cannot write to ${values.out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check that it is a folder that can be written\n`,
    );
    return 1;
  }
  return loaded.ok ? 0 : 1;
}

/**
 * One document per language, each its own page: a page has one `lang`, so a screen reader
 * reads it in the right voice, and a reviewer prints only the language they review in.
 */
async function writeDocs(
  definition: ProcedureDefinition,
  outDir: string,
  packs: readonly Pack[],
): Promise<string[]> {
  const written: string[] = [];
  for (const locale of ['vi', 'en'] as const) {
    const suffix = locale === 'vi' ? '' : `.${locale}`;
    const other = locale === 'vi' ? '.en' : '';
    const html = procedureDocs(definition, {
      locale,
      packs,
      otherLanguage: `${definition.id}${other}.html`,
    });
    const markdown = procedureDocs(definition, {
      locale,
      packs,
      otherLanguage: `${definition.id}${other}.md`,
    });
    const base = `${definition.id}${suffix}`;
    await writeFile(join(outDir, `${base}.html`), html.html);
    await writeFile(join(outDir, `${base}.md`), markdown.markdown);
    written.push(`${base}.html`, `${base}.md`);
  }
  return written;
}
