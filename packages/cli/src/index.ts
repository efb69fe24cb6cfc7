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
export type { WatchOptions } from './watch.js';
export { watch } from './watch.js';
