import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Pack, ProcedureDefinition } from '@motcua/core';
import { DefinitionError, MotcuaError, loadProcedure } from '@motcua/core/compiler';
import { PACK_HINT, formatProblem, loadPack } from './build.js';
import type { CommandIo } from './cli.js';
import { type DescribeSource, describeCondition, textIn } from './describe.js';

/** One stop of the journey, in order: start, each step, review, submit. */
export interface FlowStop {
  /** A Mermaid node id: `start`, `step1`…, `review`, `submit`. */
  node: string;
  /** What the stop is called: "Bước 2: Về trẻ", "Kiểm tra lại thông tin". */
  label: string;
  /** For a step asked only sometimes: when, as a sentence ("khi …"). */
  condition?: string;
}

/**
 * The journey through a procedure, in order: start, every step (each conditional one with
 * its condition as a sentence), the review page and submitting.
 *
 * @example
 * flowOutline(definition, 'vi').map((stop) => stop.label);
 * // ['Bắt đầu', 'Bước 1: Người đi đăng ký', …, 'Kiểm tra lại thông tin', 'Gửi hồ sơ']
 */
export function flowOutline(source: DescribeSource, locale: string = 'vi'): FlowStop[] {
  const definition = 'definition' in source ? source.definition : source;
  const words = locale === 'en' ? EN : VI;
  return [
    { node: 'start', label: words.start },
    ...definition.steps.map((step, index) => ({
      node: `step${index + 1}`,
      label: words.step(index + 1, textIn(step.title, locale)),
      ...(step.when && { condition: describeCondition(step.when, source, locale) }),
    })),
    { node: 'review', label: words.review },
    { node: 'submit', label: words.submit },
  ];
}

/**
 * The flow of a procedure as a Mermaid flowchart: start, each step in order, review and submit.
 * An edge that enters a conditional step carries its condition; a dotted edge "nếu không"
 * (en "otherwise") skips it. Every label is quoted, and characters Mermaid reads as syntax are
 * written as its `#…;` entities.
 *
 * @example
 * mermaidFlow(definition, 'vi');
 * // 'flowchart TD\n  start(["Bắt đầu"])\n  step1["Bước 1: Người đi đăng ký"]\n …'
 */
export function mermaidFlow(source: DescribeSource, locale: string = 'vi'): string {
  const stops = flowOutline(source, locale);
  const words = locale === 'en' ? EN : VI;
  const lines = ['flowchart TD'];
  for (const stop of stops) {
    const label = `"${mermaidText(stop.label)}"`;
    const shape = stop.node === 'start' || stop.node === 'submit' ? `([${label}])` : `[${label}]`;
    lines.push(`  ${stop.node}${shape}`);
  }
  // The nodes a citizen may arrive from, each with whether it reaches here by skipping steps.
  let from: { node: string; skipping: boolean }[] = [{ node: 'start', skipping: false }];
  for (const stop of stops.slice(1)) {
    for (const source of from) {
      const label = stop.condition ?? (source.skipping ? words.otherwise : undefined);
      const arrow = source.skipping ? '-.->' : '-->';
      lines.push(
        `  ${source.node} ${arrow}${label ? `|"${mermaidText(label)}"|` : ''} ${stop.node}`,
      );
    }
    from = stop.condition
      ? [{ node: stop.node, skipping: false }, ...from.map((item) => ({ ...item, skipping: true }))]
      : [{ node: stop.node, skipping: false }];
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Text made safe inside a quoted Mermaid label: quotes, brackets, `#`, `;`, `|`, `<`, `>`, `&`
 * and backticks become Mermaid's entity codes (`#quot;`, `#35;`…), and line breaks spaces.
 */
export function mermaidText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[#"<>&[\]{}()|`;]/g, (character) => MERMAID_ENTITIES[character] ?? character);
}

const MERMAID_ENTITIES: Record<string, string> = {
  '#': '#35;',
  '"': '#quot;',
  '<': '#lt;',
  '>': '#gt;',
  '&': '#amp;',
  '[': '#91;',
  ']': '#93;',
  '{': '#123;',
  '}': '#125;',
  '(': '#40;',
  ')': '#41;',
  '|': '#124;',
  '`': '#96;',
  ';': '#59;',
};

const VI = {
  start: 'Bắt đầu',
  step: (number: number, title: string) => `Bước ${number}: ${title}`,
  review: 'Kiểm tra lại thông tin',
  submit: 'Gửi hồ sơ',
  otherwise: 'nếu không',
};

const EN: typeof VI = {
  start: 'Start',
  step: (number, title) => `Step ${number}: ${title}`,
  review: 'Check your answers',
  submit: 'Send the application',
  otherwise: 'otherwise',
};

const OPTIONS = {
  pack: { type: 'string', multiple: true },
  lang: { type: 'string' },
  out: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

export const GRAPH_USAGE = `Usage: motcua graph <definition.json> [--pack <module>…] [--lang vi|en] [--out <file.mmd>]

Prints the flow of a procedure as a Mermaid flowchart: start, each step in order (a step asked
only sometimes with its condition on the edges that enter it, and a dotted edge that skips it),
the review page and submitting. Paste it into any Mermaid viewer, or a Markdown file in a
\`\`\`mermaid block.

Options:
      --pack <module>   a pack the definition uses, e.g. @motcua/vn/pack; repeat for more
      --lang vi|en      the language of the labels (default: vi)
  -o, --out <file>      write the flowchart to this file instead of printing it
  -h, --help            show this help

Exit codes: 0 done; 1 the definition or a pack has problems; 2 wrong usage.
`;

/** `motcua graph`: see {@link GRAPH_USAGE}. */
export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseCommandArgs(argv, OPTIONS, GRAPH_USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    return usageError(
      io,
      positionals.length === 0
        ? 'no definition file given; name one *.procedure.json file'
        : `give one definition file, not ${positionals.length}; run graph once for each`,
      GRAPH_USAGE,
    );
  }
  const locale = values.lang ?? 'vi';
  if (locale !== 'vi' && locale !== 'en') {
    return usageError(io, `--lang must be vi or en, not "${locale}"`, GRAPH_USAGE);
  }
  if (values.out === '')
    return usageError(io, '--out is empty; give a file, e.g. --out flow.mmd', GRAPH_USAGE);

  const loaded = await loadDefinitions(positionals, values.pack ?? [], io);
  if (!loaded.ok) return 1;
  const [procedure] = loaded.procedures;
  if (!procedure) return 1;
  const flow = mermaidFlow({ definition: procedure.definition, packs: loaded.packs }, locale);
  if (values.out === undefined) {
    io.stdout.write(flow);
    return 0;
  }
  const path = resolve(io.cwd, values.out);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, flow);
  } catch (error) {
    io.stderr.write(
      `motcua: cannot write ${values.out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path and its permissions\n`,
    );
    return 1;
  }
  io.stdout.write(`wrote ${values.out}\n`);
  return 0;
}

// The two commands for reviewers share these; they live here, below docs.ts, which imports
// the flow from this module.

/** Definitions read for `docs` and `graph`: the ones without problems, and whether all were. */
export interface LoadedDefinitions {
  ok: boolean;
  packs: Pack[];
  procedures: { source: string; definition: ProcedureDefinition }[];
}

/**
 * Loads the packs, then reads and checks each definition as `build` does (`loadProcedure`),
 * printing each problem to stderr as `file: /pointer: message`.
 */
export async function loadDefinitions(
  files: readonly string[],
  specifiers: readonly string[],
  io: CommandIo,
): Promise<LoadedDefinitions> {
  const packs: Pack[] = [];
  try {
    for (const specifier of specifiers) packs.push(await loadPack(specifier, io.cwd));
  } catch (error) {
    if (!(error instanceof MotcuaError)) throw error;
    io.stderr.write(`motcua: ${error.message}\n`);
    return { ok: false, packs, procedures: [] };
  }
  let ok = true;
  const procedures: LoadedDefinitions['procedures'] = [];
  for (const source of [...new Set(files)]) {
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, source), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      io.stderr.write(
        `${source}: cannot be read (${code}); check the path, which is relative to ${io.cwd}\n`,
      );
      ok = false;
      continue;
    }
    try {
      const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
      const procedure = loadProcedure(body, { packs, source });
      procedures.push({ source, definition: procedure.definition });
    } catch (error) {
      ok = false;
      if (error instanceof DefinitionError) {
        for (const issue of error.issues) {
          io.stderr.write(`${formatProblem({ file: source, ...issue })}\n`);
        }
        if (
          specifiers.length === 0 &&
          error.issues.some((issue) => /add the pack/.test(issue.message))
        ) {
          io.stderr.write(PACK_HINT);
        }
      } else if (error instanceof MotcuaError) {
        io.stderr.write(`${source}: ${error.message}\n`);
      } else {
        throw error;
      }
    }
  }
  return { ok, packs, procedures };
}

/** What {@link parseCommandArgs} gives a command with these options. */
export type ParsedArgs<T extends NonNullable<ParseArgsConfig['options']>> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>;

/**
 * A command's arguments parsed strictly, or its exit code when there is nothing more to do: 0
 * after printing the usage for `--help`, 2 after saying what is wrong with them.
 */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: T,
  usage: string,
  io: CommandIo,
): ParsedArgs<T> | number {
  let parsed: ParsedArgs<T>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError(io, argsMessage(error), usage);
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout.write(usage);
    return 0;
  }
  return parsed;
}

/** Prints `motcua: <message>` and the command's usage; wrong usage exits with 2. */
export function usageError(io: CommandIo, message: string, usage: string): number {
  io.stderr.write(`motcua: ${message}\n\n${usage}`);
  return 2;
}

/** Node's parseArgs errors, said the way the rest of the command speaks. */
export function argsMessage(error: unknown): string {
  const message = (error as Error).message;
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown?.[1]) return `unknown option ${unknown[1]}; see the options below`;
  const missing = /Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(message);
  if (missing?.[1]) return `${missing[1]} needs a value after it`;
  return message;
}
