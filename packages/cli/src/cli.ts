import { createRequire } from 'node:module';
import { isAbsolute, relative } from 'node:path';
import process from 'node:process';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { MotcuaError } from '@motcua/core/compiler';
import {
  type BuildOptions,
  type BuildReport,
  type ProcedureResult,
  PACK_HINT,
  build,
  formatProblem,
} from './build.js';
import { type LintFinding, type LintOptions, formatFinding, lint } from './lint.js';
import { watch } from './watch.js';

/** Where {@link run} reads and writes: the process's own by default. */
export interface CliIo {
  /** Where relative paths and `--pack` specifiers start. */
  cwd?: string;
  stdout?: { write(text: string): unknown };
  stderr?: { write(text: string): unknown };
  /**
   * Stops `--watch`. Without one, Ctrl-C (SIGINT) or SIGTERM stops it, and `run` resolves 0.
   */
  signal?: AbortSignal;
}

/** The usage text `motcua --help` prints. */
export const USAGE = `Usage: motcua build <definition.json…> --out <dir> [options]
       motcua lint <definition.json…> [--pack <module>…] [--jargon <file.json>] [--json]
       motcua docs <definition.json…> --out <dir> [--pack <module>…]
       motcua graph <definition.json> [--pack <module>…] [--lang vi|en] [--out <file.mmd>]
       motcua test <definition.json…> [--pack <module>…] [--min-coverage <percent>] [--json]
       motcua report --server <url> [--procedure <id>] [--from <day>] [--to <day>] [--json]

For reviewers: docs writes a reviewer's document per procedure (HTML and Markdown, vi and en:
every field, constraint, message, condition and rule in plain words with its legal basis); graph
prints the flow as a Mermaid flowchart; test runs the example cases beside each definition
(<id>.cases.json) and says what no case covers; report prints where citizens fail, from a
server's counts. \`motcua <command> --help\` lists a command's own options.

build turns each procedure definition into one self-contained ES module, <dir>/<id>.js, for a
page to load (<motcua-procedure src="…">). Pack code is bundled in; only the runtime stays an
import. Writes <dir>/manifest.json: each procedure id with its file, version, source and
modulepreload, the files a page that loads it by src links in its <head> so that the browser
fetches them at once (<link rel="modulepreload" href="…">).

lint checks each definition without building it: as errors, every problem build would stop at;
as warnings, what a citizen who reads with difficulty may stumble on (long labels, hints and
messages; dates, ID numbers and phones without a hint or example; jargon; free text without a
length limit; a missing vi or en text; messages that do not say what to do). Prints one line a
finding, file:pointer: error|warning: message, then a count.

Options:
  -o, --out <dir>          the folder to write to (made if missing); required
      --runtime <module>   where a module gets the runtime when the page has none (default:
                           @motcua/core); for a page without a bundler, the runtime bundle, e.g.
                           ./motcua.js (a page whose element loaded it shares the element's)
      --pack <module>      a pack the definitions use, e.g. @motcua/vn/pack or ./my-pack.js,
                           resolved from the current folder; repeat for more than one
      --hash               name modules <id>.<hash>.js after their content, to cache forever
      --no-minify          readable modules (they are minified by default)
      --no-split           one self-contained module per procedure; by default its checks
                           (validators, pack code) are <id>.checks-<hash>.js beside it, loaded
                           once the first page is drawn, so the first input does not wait for them
  -w, --watch              rebuild a definition when its file changes; Ctrl-C stops
  -h, --help               show this help
  -v, --version            show the version

Options of lint (with --pack, as for build):
      --jargon <file.json> the words to warn about instead of the built-in list: one JSON object
                           of each term and the plain words to say instead
      --json               print the findings as a JSON array of
                           {file, pointer, severity, message, code}, and nothing else

Exit codes: 0 all built; 1 a definition, pack or the output folder has problems (nothing is
written for a definition with problems; the others are built); 2 wrong usage.
lint: 0 no errors (warnings alone pass); 1 a definition has errors, or a pack or the jargon
file cannot be loaded; 2 wrong usage.

Examples:
  motcua build procedures/*.procedure.json --pack @motcua/vn/pack \\
    --runtime ./motcua.js --hash --out public/procedures
  motcua lint procedures/*.procedure.json --pack @motcua/vn/pack
`;

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  runtime: { type: 'string' },
  pack: { type: 'string', multiple: true },
  hash: { type: 'boolean' },
  minify: { type: 'boolean' },
  split: { type: 'boolean' },
  watch: { type: 'boolean', short: 'w' },
  json: { type: 'boolean' },
  jargon: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} satisfies ParseArgsConfig['options'];

type OptionName = keyof typeof OPTIONS;

/** What a command module's `main` is given: the io of {@link run}, with `cwd` set. */
export interface CommandIo {
  cwd: string;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  signal?: AbortSignal;
}

/**
 * A command that parses its own arguments (everything after its name) and resolves to the exit
 * code; loaded only when it runs.
 */
interface CommandModule {
  main(argv: readonly string[], io: CommandIo): Promise<number>;
}

/** The commands kept each in a module of its own. */
const COMMANDS: Record<'docs' | 'graph' | 'test' | 'report', () => Promise<CommandModule>> = {
  docs: () => import('./docs.js'),
  graph: () => import('./graph.js'),
  test: () => import('./test-command.js'),
  report: () => import('./report.js'),
};
const NAMES = ['build', 'lint', ...Object.keys(COMMANDS)];
const LISTED = 'the commands are "motcua build", "lint", "docs", "graph", "test" and "report"';
/** The options only one command takes; the others (--pack, --help, --version) are shared. */
const ONLY: Record<'build' | 'lint', readonly OptionName[]> = {
  build: ['out', 'runtime', 'hash', 'minify', 'split', 'watch'],
  lint: ['json', 'jargon'],
};

class UsageError extends MotcuaError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Runs the `motcua` command with `argv` (without `node` and the script) and resolves to its exit
 * code: 0 when everything was built (or, for `lint`, no definition has errors), 1 when a
 * definition, a pack or the output folder has problems, 2 for wrong usage. Never exits the process, so it can be tested in-process.
 *
 * @example
 * process.exitCode = await run(process.argv.slice(2));
 */
export async function run(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const cwd = io.cwd ?? process.cwd();

  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`motcua: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.kind === 'help') {
    stdout.write(USAGE);
    return 0;
  }
  if (command.kind === 'version') {
    stdout.write(`${version()}\n`);
    return 0;
  }

  if (command.kind === 'lint') return runLint(command, { cwd, stdout, stderr });
  if (command.kind === 'other') {
    const module = await COMMANDS[command.name]();
    return module.main(command.args, {
      cwd,
      stdout,
      stderr,
      ...(io.signal && { signal: io.signal }),
    });
  }

  const options: BuildOptions = { ...command.options, cwd };
  const show = (path: string) => {
    const shown = relative(cwd, path);
    return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? path : shown;
  };
  const print = (results: readonly ProcedureResult[], at?: string) => {
    for (const result of results) {
      if (result.ok) {
        stdout.write(
          `${at ? `${at} ` : ''}built ${show(result.path)} (${kilobytes(result.bytes)}) from ${result.source}\n`,
        );
      } else {
        for (const problem of result.problems) stderr.write(`${formatProblem(problem)}\n`);
      }
    }
  };
  const summary = (report: BuildReport, next: string) => {
    const failed = report.results.filter((result) => !result.ok).length;
    const needsPack = report.results.some(
      (result) =>
        !result.ok && result.problems.some((problem) => /add the pack/.test(problem.message)),
    );
    if (needsPack && (options.packs ?? []).length === 0) stderr.write(PACK_HINT);
    if (failed > 0) {
      const total = report.results.length;
      stderr.write(
        `motcua: ${failed} of ${total} definition${total === 1 ? '' : 's'} failed; nothing was written for ${failed === 1 ? 'it' : 'them'}. Fix the problems above${next}.\n`,
      );
    }
    return failed;
  };

  try {
    if (!command.watch) {
      const report = await build(options);
      print(report.results);
      return summary(report, ', then build again') > 0 ? 1 : 0;
    }
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    if (!io.signal) {
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
    }
    try {
      await watch({
        ...options,
        signal: io.signal ?? stop.signal,
        onBuild: (report, rebuild) => {
          print(report.results, rebuild ? clockTime() : undefined);
          if (rebuild) return;
          summary(report, ' and save: a definition is rebuilt when its file changes');
          const count = new Set(options.files).size;
          stdout.write(
            `watching ${count} definition${count === 1 ? '' : 's'} for changes; Ctrl-C to stop\n`,
          );
        },
        onError: (error) => stderr.write(`motcua: ${describe(error)}\n`),
      });
    } finally {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    }
    return 0;
  } catch (error) {
    stderr.write(`motcua: ${describe(error)}\n`);
    return 1;
  }
}

type Writer = NonNullable<CliIo['stdout']>;

async function runLint(
  command: LintCommand,
  io: { cwd: string; stdout: Writer; stderr: Writer },
): Promise<number> {
  let report;
  try {
    report = await lint({ ...command.options, cwd: io.cwd });
  } catch (error) {
    io.stderr.write(`motcua: ${describe(error)}\n`);
    return 1;
  }
  if (command.json) {
    io.stdout.write(`${JSON.stringify(report.findings.map(asJson), null, 2)}\n`);
  } else {
    for (const finding of report.findings) io.stdout.write(`${formatFinding(finding)}\n`);
    const needsPack = report.findings.some(
      (finding) => finding.code === 'definition' && /add the pack/.test(finding.message),
    );
    if (needsPack && (command.options.packs ?? []).length === 0) io.stderr.write(PACK_HINT);
    const files = report.files.length;
    io.stdout.write(
      `${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')} in ${plural(files, 'file')}\n`,
    );
  }
  return report.errors > 0 ? 1 : 0;
}

/** A finding in `--json`: its keys in a fixed order, line and column only for a syntax error. */
function asJson(finding: LintFinding) {
  return {
    file: finding.file,
    pointer: finding.pointer,
    ...(finding.line !== undefined && { line: finding.line, column: finding.column }),
    severity: finding.severity,
    message: finding.message,
    code: finding.code,
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

interface LintCommand {
  kind: 'lint';
  json: boolean;
  options: Omit<LintOptions, 'cwd'>;
}

type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'build';
      watch: boolean;
      options: Omit<BuildOptions, 'cwd'>;
    }
  | LintCommand
  | { kind: 'other'; name: keyof typeof COMMANDS; args: readonly string[] };

function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first !== undefined && Object.hasOwn(COMMANDS, first)) {
    return { kind: 'other', name: first as keyof typeof COMMANDS, args: rest };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      allowNegative: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error as NodeJS.ErrnoException));
  }
  const { values, positionals, tokens } = parsed;
  if (values.help || positionals[0] === 'help') return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [name, ...files] = positionals;
  if (name === undefined) {
    throw new UsageError(`no command given; ${LISTED}`);
  }
  if (name !== 'build' && name !== 'lint') {
    if (/\.json$/.test(name)) {
      throw new UsageError(`"${name}" is not a command; put "build" first: motcua build ${name} …`);
    }
    const near = closest(name, NAMES);
    throw new UsageError(
      near
        ? `unknown command "${name}" (did you mean "motcua ${near}"?)`
        : `unknown command "${name}"; ${LISTED}`,
    );
  }
  if (files.length === 0) {
    throw new UsageError('no definition files given; name one or more *.procedure.json files');
  }
  const other = name === 'build' ? 'lint' : 'build';
  for (const token of tokens) {
    if (token.kind === 'option' && (ONLY[other] as readonly string[]).includes(token.name)) {
      throw new UsageError(
        `${token.rawName} is an option of "motcua ${other}", not of "motcua ${name}"; see the options below`,
      );
    }
  }
  const packs = values.pack ?? [];
  if (packs.some((pack) => pack === '')) {
    throw new UsageError('--pack is empty; give a module specifier, e.g. --pack @motcua/vn/pack');
  }
  if (name === 'lint') {
    if (values.jargon === '') {
      throw new UsageError('--jargon is empty; give a JSON file, e.g. --jargon jargon.json');
    }
    return {
      kind: 'lint',
      json: values.json ?? false,
      options: { files, packs, ...(values.jargon !== undefined && { jargon: values.jargon }) },
    };
  }
  if (values.out === undefined || values.out === '') {
    throw new UsageError('--out is missing; say where to write the modules, e.g. --out dist');
  }
  if (values.runtime === '') {
    throw new UsageError('--runtime is empty; give a module specifier, e.g. --runtime ./motcua.js');
  }
  return {
    kind: 'build',
    watch: values.watch ?? false,
    options: {
      files,
      outDir: values.out,
      packs,
      hash: values.hash ?? false,
      minify: values.minify ?? true,
      split: values.split ?? true,
      ...(values.runtime !== undefined && { runtime: values.runtime }),
    },
  };
}

/** Node's parseArgs messages, said the way the rest of the command speaks. */
function parseArgsMessage(error: NodeJS.ErrnoException): string {
  const unknown = /Unknown option '([^']+)'/.exec(error.message);
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown?.[1]) {
    const option = unknown[1];
    const names = Object.keys(OPTIONS).flatMap((key) =>
      key === 'minify' || key === 'split' ? [`--${key}`, `--no-${key}`] : [`--${key}`],
    );
    const suggestion = closest(option.replace(/=.*$/, ''), names);
    return `unknown option ${option}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; see the options below`;
  }
  const missing = /Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(error.message);
  if (missing?.[1]) return `${missing[1]} needs a value after it`;
  return error.message;
}

/** The closest name within two edits, for "did you mean". */
function closest(word: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of names) {
    const distance = editDistance(word, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

function describe(error: unknown): string {
  if (error instanceof MotcuaError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/** `14:03:27`: when a rebuild happened, so the latest save is easy to spot. */
function clockTime(): string {
  return new Date().toTimeString().slice(0, 8);
}

function version(): string {
  // By the package's own name (its exports list package.json): right from src/, dist/ and any
  // chunk rollup puts under dist/chunks/.
  const manifest = createRequire(import.meta.url)('@motcua/cli/package.json') as {
    version: string;
  };
  return manifest.version;
}
