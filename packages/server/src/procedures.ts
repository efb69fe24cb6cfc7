import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { DeclarationTemplate, Pack, Procedure, ProcedureDefinition, Text } from '@motcua/core';
import { MotcuaError } from '@motcua/core';
import {
  DefinitionError,
  checkDeclaration,
  compileToFiles,
  loadProcedure,
} from '@motcua/core/compiler';
import { loadPack } from '@motcua/cli';
import { sha256 } from './codes.js';

/** Where a site's procedures come from: a folder of `*.procedure.json`, and the packs they use. */
export interface ProcedureSource {
  /** A folder: every `*.procedure.json` in it is served. */
  dir: string;
  /** Packs these definitions use: module specifiers (such as `@motcua/vn/pack`) or packs. */
  packs?: readonly (string | Pack)[];
}

/** One procedure the site serves. */
export interface SiteProcedure {
  procedure: Procedure;
  definition: ProcedureDefinition;
  /** The definition file. */
  file: string;
  packs: readonly Pack[];
  /** The declaration (tờ khai) kept beside it as `<name>.declaration.json`, when there is one. */
  declaration?: DeclarationTemplate;
}

/** A procedure compiled for pages: an ES module importing the runtime. */
export interface CompiledModule {
  code: string;
  /** 12 hex digits of the code's SHA-256, as in `<id>.<hash>.js`. */
  hash: string;
  /**
   * The checks' chunk (validators, pack code) the module imports once the page's first page is
   * drawn: `<id>.checks-<hash>.js`, named by its content.
   */
  checks?: { file: string; code: string };
}

/** Thrown at start when a definition or pack cannot be loaded: the site must not half-start. */
export class ProcedureLoadError extends MotcuaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProcedureLoadError';
  }
}

/** Lower case without diacritics (đ → d): how the finder compares what a citizen types. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The procedures of a site, loaded and checked at start with the very rules the pages run, and
 * compiled for pages on first request (then kept: the output depends only on the definition).
 */
export class ProcedureRegistry {
  readonly #byId = new Map<string, SiteProcedure>();
  readonly #modules = new Map<string, Promise<CompiledModule>>();
  readonly #cwd: string;
  readonly #runtime: string;

  private constructor(cwd: string, runtime: string) {
    this.#cwd = cwd;
    this.#runtime = runtime;
  }

  /**
   * Loads every definition in `sources`. `options.runtime` is what compiled modules import the
   * engine from, relative to the module (`../motcua.js`); `options.cwd` where packs resolve.
   * @throws {ProcedureLoadError} naming the file and every problem in it
   */
  static async load(
    sources: readonly ProcedureSource[],
    options: { cwd: string; runtime: string },
  ): Promise<ProcedureRegistry> {
    const registry = new ProcedureRegistry(options.cwd, options.runtime);
    const problems: string[] = [];
    for (const source of sources) {
      const packs: Pack[] = [];
      for (const pack of source.packs ?? []) {
        try {
          packs.push(typeof pack === 'string' ? await loadPack(pack, options.cwd) : pack);
        } catch (error) {
          throw new ProcedureLoadError((error as Error).message, { cause: error });
        }
      }
      let names: string[];
      try {
        names = (await readdir(source.dir)).filter((name) => name.endsWith('.procedure.json'));
      } catch (error) {
        throw new ProcedureLoadError(
          `the procedures folder ${source.dir} cannot be read (${(error as NodeJS.ErrnoException).code}); check "procedures" in the configuration`,
          { cause: error },
        );
      }
      for (const name of names.sort()) {
        const file = join(source.dir, name);
        const shown = relative(options.cwd, file) || file;
        try {
          const definition = JSON.parse(await readFile(file, 'utf8')) as ProcedureDefinition;
          const procedure = loadProcedure(definition, { packs });
          const other = registry.#byId.get(procedure.id);
          if (other) {
            problems.push(
              `${shown}: the id "${procedure.id}" is also the id of ${relative(options.cwd, other.file)}; each procedure needs its own id`,
            );
            continue;
          }
          const declarationFile = file.replace(/\.procedure\.json$/, '.declaration.json');
          let declaration: DeclarationTemplate | undefined;
          try {
            declaration = await readDeclaration(declarationFile, definition);
          } catch (error) {
            const where = relative(options.cwd, declarationFile) || declarationFile;
            problems.push(
              ...(error instanceof DefinitionError
                ? error.issues.map((i) => `${where}: ${i.pointer || '/'}: ${i.message}`)
                : [`${where}: ${(error as Error).message}`]),
            );
            continue;
          }
          registry.#byId.set(procedure.id, {
            procedure,
            definition,
            file,
            packs,
            ...(declaration && { declaration }),
          });
        } catch (error) {
          if (error instanceof DefinitionError) {
            problems.push(
              ...error.issues.map((i) => `${shown}: ${i.pointer || '/'}: ${i.message}`),
            );
          } else {
            problems.push(`${shown}: ${(error as Error).message}`);
          }
        }
      }
    }
    if (problems.length > 0) {
      throw new ProcedureLoadError(
        `the site's procedures have ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}`,
      );
    }
    return registry;
  }

  get ids(): string[] {
    return [...this.#byId.keys()];
  }

  get(id: string): SiteProcedure | undefined {
    return this.#byId.get(id);
  }

  all(): SiteProcedure[] {
    return [...this.#byId.values()];
  }

  /** The procedure as a page loads it, compiled on first request and kept. */
  module(id: string): Promise<CompiledModule> | undefined {
    const entry = this.#byId.get(id);
    if (!entry) return undefined;
    let compiled = this.#modules.get(id);
    if (!compiled) {
      compiled = compileToFiles(entry.definition, {
        packs: entry.packs,
        bundlePacks: true,
        resolveDir: this.#cwd,
        coreSpecifier: this.#runtime,
        minify: true,
        split: true,
        source: relative(this.#cwd, entry.file),
      }).then(({ code, checks }) => ({
        code,
        hash: sha256(code).slice(0, 12),
        ...(checks && { checks }),
      }));
      // A failed compile is not kept: the next request tries again.
      compiled.catch(() => this.#modules.delete(id));
      this.#modules.set(id, compiled);
    }
    return compiled;
  }
}

/**
 * The declaration beside a definition, checked against it: every `field` must be one of its
 * fields. Undefined when there is no such file.
 * @throws {DefinitionError} naming the file, the pointer and the fix
 */
async function readDeclaration(
  file: string,
  definition: ProcedureDefinition,
): Promise<DeclarationTemplate | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DefinitionError(
      [
        {
          pointer: '',
          message: `not valid JSON (${(error as Error).message}); check commas, quotes and brackets`,
        },
      ],
      undefined,
      'the declaration',
    );
  }
  return checkDeclaration(json, definition);
}

/** Both languages of a definition text. */
export function bilingual(text: Text | undefined): { vi: string; en: string } | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string') return { vi: text, en: text };
  return { vi: text.vi ?? '', en: text.en ?? text.vi ?? '' };
}
