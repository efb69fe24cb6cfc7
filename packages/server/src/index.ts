export type {
  Bilingual,
  Context,
  Counter,
  DossierCheck,
  ElsewhereEntry,
  Limits,
  Site,
} from './context.js';
export type { SiteConfig, SiteProblem, SiteText } from './site.js';
export { SITE_SCHEMA, readSiteFile, siteProblems } from './site.js';
export type { Database, Queryable, QueryResult, Row } from './db/database.js';
export { DataFolderError, openMemoryPglite, openPglite } from './db/pglite.js';
export type { PostgresOptions } from './db/postgres.js';
export { openPostgres } from './db/postgres.js';
export { MIGRATIONS, migrate } from './db/migrations.js';
export type { ProblemDocument, ProblemName } from './problems.js';
export { PROBLEMS, Problem, problemType } from './problems.js';
export type { CompiledModule, ProcedureSource, SiteProcedure } from './procedures.js';
export { ProcedureLoadError, ProcedureRegistry, fold } from './procedures.js';
export type { AssetMount, PageMount } from './routes/pages.js';
export type { ServerOptions } from './server.js';
export { DEFAULT_LIMITS, DEFAULT_SITE, ServerConfigError, createServer } from './server.js';
export type { ServerConfig } from './config.js';
export { CONFIG_FILE, CONFIG_SCHEMA, ConfigError, loadConfig } from './config.js';
export type { ServeIo } from './cli.js';
export { USAGE, closeOnSignals, serve } from './cli.js';
