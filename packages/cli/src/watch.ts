import { watch as watchFolder } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import {
  type BuildOptions,
  type BuildReport,
  type Compiled,
  createBuilder,
  settle,
} from './build.js';

/** Options of {@link watch}. */
export interface WatchOptions extends BuildOptions {
  /** Stops watching when aborted; `watch` then resolves once a rebuild under way is done. */
  signal: AbortSignal;
  /**
   * Called after the first build with every result, then after each rebuild with the results of
   * the definitions rebuilt (and of any other whose outcome changed with them, such as one whose
   * id no longer clashes).
   */
  onBuild?(report: BuildReport, rebuild: boolean): void;
  /** Called when a rebuild fails as a whole (the output folder cannot be written); it goes on. */
  onError?(error: unknown): void;
}

/**
 * Edits to a file arrive as several events (truncate, write, rename into place); one rebuild
 * after they settle is enough.
 */
const SETTLE_MS = 30;

/**
 * Builds like `build`, then rebuilds a definition each time its file changes, until `signal`
 * is aborted. Problems in a definition are reported through `onBuild` and watching goes on.
 * With `hash`, a rebuild removes the module the previous build of that definition wrote.
 * Packs are loaded once: restart to pick up a change in a pack.
 *
 * @throws {MotcuaError} when a pack cannot be loaded; a later failure to write goes to `onError`.
 * @example
 * const stop = new AbortController();
 * process.once('SIGINT', () => stop.abort());
 * await watch({ files, outDir: 'public/procedures', signal: stop.signal, onBuild: print });
 */
export async function watch(options: WatchOptions): Promise<void> {
  const { signal } = options;
  const builder = await createBuilder(options);
  const latest = new Map<string, Compiled>();
  const settledBefore = new Map<string, Compiled>();
  const written = new Map<string, string>();

  async function rebuild(changed: readonly string[], first: boolean): Promise<void> {
    const compiled = await Promise.all(changed.map((source) => builder.compile(source)));
    for (const item of compiled) latest.set(item.source, item);
    const settled = settle(builder.sources.flatMap((source) => latest.get(source) ?? []));
    const due = settled.filter(
      (item) =>
        first ||
        changed.includes(item.source) ||
        outcomeChanged(settledBefore.get(item.source), item),
    );
    for (const item of settled) settledBefore.set(item.source, item);
    const results = await builder.write(due, written);
    for (const result of results) if (result.ok) written.set(result.source, result.file);
    options.onBuild?.({ results, ...(await builder.writeManifest(results)) }, !first);
  }

  // Folders are watched, not files: editors that save by writing a new file and renaming it over
  // the old one would leave a watcher on the file watching nothing.
  const byFolder = new Map<string, Map<string, string>>();
  for (const source of builder.sources) {
    const path = resolve(builder.cwd, source);
    const names = byFolder.get(dirname(path)) ?? new Map<string, string>();
    names.set(basename(path), source);
    byFolder.set(dirname(path), names);
  }

  let queue = Promise.resolve();
  let pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    const batch = builder.sources.filter((source) => pending.has(source));
    pending = new Set();
    queue = queue.then(() =>
      rebuild(batch, false).catch((error: unknown) => options.onError?.(error)),
    );
  };
  const changed = (source: string) => {
    pending.add(source);
    clearTimeout(timer);
    timer = setTimeout(flush, SETTLE_MS);
  };

  if (signal.aborted) return;
  for (const [folder, names] of byFolder) {
    try {
      const watcher = watchFolder(folder, { signal }, (_event, name) => {
        // Some platforms do not say which file changed: rebuild every definition there.
        const sources = name === null ? [...names.values()] : [names.get(String(name)) ?? []];
        for (const source of sources.flat()) changed(source);
      });
      // A folder that is removed ends its watcher; the definitions in it are reported missing
      // if they change again, and the others go on.
      watcher.on('error', () => watcher.close());
    } catch {
      // A folder that does not exist: its definitions are already reported as missing.
    }
  }

  await rebuild(builder.sources, true);
  await new Promise<void>((done) => {
    if (signal.aborted) done();
    else signal.addEventListener('abort', () => done(), { once: true });
  });
  clearTimeout(timer);
  await queue;
}

function outcomeChanged(before: Compiled | undefined, now: Compiled): boolean {
  if (before === undefined || before.ok !== now.ok) return true;
  return !before.ok && !now.ok && JSON.stringify(before.problems) !== JSON.stringify(now.problems);
}
