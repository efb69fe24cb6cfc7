import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Pack } from '@motcua/core';
import { MotcuaError, loadProcedure } from '@motcua/core/compiler';
import { PACK_HINT, loadPack } from './build.js';
import {
  type CaseResult,
  type CoverageReport,
  caseClock,
  coverage,
  formatUncovered,
  readCaseFile,
  runCases,
} from './cases.js';
import type { CommandIo } from './cli.js';

/** What `motcua test --help` prints. */
export const TEST_USAGE = `Usage: motcua test <definition.json…> [--cases <file>] [--pack <module>…] [--min-coverage <percent>] [--json]

Runs each definition's example cases and says what no case exercises. The cases of
<id>.procedure.json are in <id>.cases.json beside it, judged on the date in its "today".

Options:
      --cases <file>          the case file, when there is one definition and its cases are elsewhere
      --pack <module>         a pack the definitions use, e.g. @motcua/vn/pack; repeat for more
      --min-coverage <percent> fail when a definition's overall coverage is below it, e.g. 90
      --json                  print the results and coverage as JSON, and nothing else
  -h, --help                  show this help

Exit codes: 0 every case passes (and coverage is at least --min-coverage); 1 a case fails,
coverage is too low, or a definition, case file or pack has problems; 2 wrong usage.
`;

class UsageError extends MotcuaError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

interface TestCommand {
  definitions: string[];
  cases?: string;
  packs: string[];
  minCoverage?: number;
  json: boolean;
}

/** The outcome of one definition: its cases and coverage, or the problem that stopped it. */
type Outcome =
  | {
      definition: string;
      cases: string;
      results: CaseResult[];
      coverage: CoverageReport;
    }
  | { definition: string; cases?: string; problem: string };

/**
 * `motcua test`: runs the example cases of each definition given, prints a line a case (and
 * what differs when it fails) and the coverage of the definition, and resolves to the exit code.
 *
 * @example
 * process.exitCode = await main(['birth-registration.procedure.json'], { cwd, stdout, stderr });
 */
export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  let command: TestCommand | 'help';
  try {
    command = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`motcua: ${error.message}\n\n${TEST_USAGE}`);
    return 2;
  }
  if (command === 'help') {
    io.stdout.write(TEST_USAGE);
    return 0;
  }

  let packs: Pack[];
  try {
    packs = await Promise.all(command.packs.map((specifier) => loadPack(specifier, io.cwd)));
  } catch (error) {
    io.stderr.write(`motcua: ${(error as Error).message}\n`);
    return 1;
  }

  const show = (path: string) => {
    const shown = relative(io.cwd, path).split('\\').join('/');
    return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? path : shown;
  };
  const outcomes: Outcome[] = [];
  for (const file of command.definitions) {
    const path = resolve(io.cwd, file);
    const casesPath = resolve(io.cwd, command.cases ?? casesBeside(file));
    const definition = show(path);
    const cases = show(casesPath);
    try {
      // The definition is read first, so a wrong path is reported as that, not as its cases.
      const text = await readDefinition(path, definition, io.cwd);
      const caseFile = await readCaseFile(casesPath, cases);
      const procedure = loadProcedure(text, {
        packs,
        clock: caseClock(caseFile),
        source: definition,
      });
      outcomes.push({
        definition,
        cases,
        results: runCases(procedure, caseFile),
        coverage: coverage(procedure, caseFile, { packs }),
      });
    } catch (error) {
      if (!(error instanceof MotcuaError)) throw error;
      const problem =
        error.message.startsWith(`${definition}:`) || error.message.startsWith(`${cases}:`)
          ? error.message
          : `${definition}: ${error.message}`;
      outcomes.push({ definition, cases, problem });
    }
  }

  const low = (outcome: Outcome) =>
    command.minCoverage !== undefined &&
    'coverage' in outcome &&
    outcome.coverage.percent < command.minCoverage;
  const failed = outcomes.some(
    (outcome) =>
      'problem' in outcome || outcome.results.some((result) => !result.passed) || low(outcome),
  );

  for (const outcome of outcomes) {
    if ('problem' in outcome) io.stderr.write(`motcua: ${outcome.problem}\n`);
  }
  const needsPack = outcomes.some(
    (outcome) => 'problem' in outcome && /add the pack/.test(outcome.problem),
  );
  if (needsPack && packs.length === 0) io.stderr.write(PACK_HINT);
  if (command.json) {
    io.stdout.write(`${JSON.stringify(asJson(outcomes, command.minCoverage), null, 2)}\n`);
    return failed ? 1 : 0;
  }
  for (const outcome of outcomes) {
    if ('problem' in outcome) continue;
    io.stdout.write(report(outcome, command.minCoverage));
  }
  const ran = outcomes.flatMap((outcome) => ('results' in outcome ? outcome.results : []));
  const failing = ran.filter((result) => !result.passed).length;
  if (ran.length > 0) {
    io.stdout.write(
      `${plural(ran.length, 'case')}: ${ran.length - failing} passed, ${failing} failed\n`,
    );
  }
  return failed ? 1 : 0;
}

function parse(argv: readonly string[]): TestCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        cases: { type: 'string' },
        pack: { type: 'string', multiple: true },
        'min-coverage': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new UsageError(`unknown option ${unknown[1]}; see the options below`);
    const missing = /Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(message);
    if (missing) throw new UsageError(`${missing[1]} needs a value after it`);
    throw new UsageError(message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length === 0) {
    throw new UsageError('no definition files given; name one or more *.procedure.json files');
  }
  if (values.cases !== undefined) {
    if (values.cases === '') throw new UsageError('--cases is empty; give the case file');
    if (positionals.length > 1) {
      throw new UsageError(
        `--cases names the cases of one definition, but ${positionals.length} are given; give one definition with --cases, or leave --cases out to use each <id>.cases.json`,
      );
    }
  } else {
    const unnamed = positionals.find((file) => !file.endsWith('.procedure.json'));
    if (unnamed !== undefined) {
      throw new UsageError(
        `cannot tell where the cases of ${unnamed} are; name the definition <id>.procedure.json with <id>.cases.json beside it, or give --cases <file>`,
      );
    }
  }
  const packs = values.pack ?? [];
  if (packs.some((pack) => pack === '')) {
    throw new UsageError('--pack is empty; give a module specifier, e.g. --pack @motcua/vn/pack');
  }
  let minCoverage: number | undefined;
  if (values['min-coverage'] !== undefined) {
    const text = values['min-coverage'].replace(/%$/, '');
    minCoverage = text.trim() === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(minCoverage) || minCoverage < 0 || minCoverage > 100) {
      throw new UsageError(
        `--min-coverage ${values['min-coverage']} is not a percentage; give a number from 0 to 100, e.g. --min-coverage 90`,
      );
    }
  }
  return {
    definitions: positionals,
    ...(values.cases !== undefined && { cases: values.cases }),
    packs,
    ...(minCoverage !== undefined && { minCoverage }),
    json: values.json ?? false,
  };
}

/** `foo.procedure.json` → `foo.cases.json`, in the same folder. */
function casesBeside(file: string): string {
  return join(dirname(file), basename(file).replace(/\.procedure\.json$/, '.cases.json'));
}

async function readDefinition(path: string, source: string, cwd: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MotcuaError(
      `${source}: ${code === 'ENOENT' ? `no such file; check the path, which is relative to ${cwd}` : `cannot be read (${code ?? (error as Error).message}); check that the file can be read`}`,
    );
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function report(
  outcome: Extract<Outcome, { results: CaseResult[] }>,
  minCoverage: number | undefined,
): string {
  const { results, coverage: covered } = outcome;
  const lines = [`${outcome.definition} (${plural(results.length, 'case')} in ${outcome.cases})`];
  for (const result of results) {
    lines.push(`  ${result.passed ? '✓' : '✗'} ${result.name}`);
    for (const line of result.diff) lines.push(`      ${line}`);
  }
  lines.push(`  coverage ${percent(covered.percent)} (${covered.covered} of ${covered.total})`);
  const width = Math.max(...covered.categories.map((category) => category.category.length));
  for (const category of covered.categories) {
    const count = `${category.covered}/${category.total}`;
    lines.push(
      `    ${category.category.padEnd(width)}  ${count.padStart(7)}  ${percent(category.percent).padStart(6)}`,
    );
  }
  if (covered.uncovered.length > 0) {
    lines.push('  not covered by any case:');
    for (const item of covered.uncovered) lines.push(`    ${formatUncovered(item)}`);
  }
  if (minCoverage !== undefined && covered.percent < minCoverage) {
    lines.push(
      `  coverage ${percent(covered.percent)} is below --min-coverage ${minCoverage}%; add cases for what is not covered`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A percentage rounded down, so that 99.96% is never shown as 100%. */
function percent(value: number): string {
  return `${Math.floor(value * 10) / 10}%`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function asJson(outcomes: readonly Outcome[], minCoverage: number | undefined) {
  return outcomes.map((outcome) =>
    'problem' in outcome
      ? outcome
      : {
          definition: outcome.definition,
          cases: outcome.cases,
          passed: outcome.results.filter((result) => result.passed).length,
          failed: outcome.results.filter((result) => !result.passed).length,
          results: outcome.results.map(({ name, passed, diff }) => ({ name, passed, diff })),
          coverage: outcome.coverage,
          ...(minCoverage !== undefined && {
            belowMinimum: outcome.coverage.percent < minCoverage,
          }),
        },
  );
}
