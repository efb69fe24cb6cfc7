export type { CliIo } from './cli.js';
export { USAGE, run } from './cli.js';
export type {
  BuildOptions,
  BuildReport,
  BuiltProcedure,
  FailedProcedure,
  Manifest,
  ManifestEntry,
  ProcedureResult,
  Problem,
} from './build.js';
export { build, formatProblem, loadPack } from './build.js';
export type { LintCode, LintFinding, LintOptions, LintReport, LintSeverity } from './lint.js';
export { ACTION_WORDS, DEFAULT_JARGON, TEXT_LIMITS, formatFinding, lint } from './lint.js';
export type { WatchOptions } from './watch.js';
export { watch } from './watch.js';
