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
export { build, formatProblem, loadPack, preloadsOf } from './build.js';
export type { LintCode, LintFinding, LintOptions, LintReport, LintSeverity } from './lint.js';
export { ACTION_WORDS, DEFAULT_JARGON, TEXT_LIMITS, formatFinding, lint } from './lint.js';
export type { WatchOptions } from './watch.js';
export { watch } from './watch.js';
export type { DescribeLocale, DescribeSource, FieldMessage } from './describe.js';
export {
  describeClause,
  describeCondition,
  describeConstraints,
  describeMessages,
  describeRequirement,
} from './describe.js';
export type { ProcedureDocs, ProcedureDocsOptions } from './docs.js';
export { procedureDocs } from './docs.js';
export type { FlowStop } from './graph.js';
export { flowOutline, mermaidFlow } from './graph.js';
export type {
  CaseFile,
  CaseFinding,
  CaseResult,
  CoverageReport,
  ExampleCase,
  Uncovered,
} from './cases.js';
export { coverage, readCaseFile, runCases } from './cases.js';
