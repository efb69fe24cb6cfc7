// The kiosk's embedded server: serves the built kiosk site (examples/kiosk/dist, from
// scripts/build-examples.mjs) under the strict CSP, and receives dossiers at POST /api/dossiers,
// re-checking each with the very same rules the page ran (`loadProcedure` + `validate`), and its
// addresses against Vietnam's data (`checkAddresses`), before it issues a dossier code. Nothing is
// stored on disk: a demo needs no database or external service.
import { Buffer } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { URL } from 'node:url';
import { checkAddresses, createStaticAddressSource } from '@motcua/vn/address';
import { serveStatic } from '../../scripts/serve-static.mjs';

/** Bodies larger than this are refused: a dossier's answers are text (files travel apart). */
const MAX_BODY = 1024 * 1024;

/** The code a citizen is given: HS-<yyyymmdd>-<4 digits>, counted from 1 per server start. */
function makeDossierCode(serial, today = new Date()) {
  const day = today
    .toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' })
    .replaceAll('-', '');
  return `HS-${day}-${String(serial).padStart(4, '0')}`;
}

function reply(response, status, body) {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

async function readJson(request) {
  let size = 0;
  const chunks = [];
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY) throw Object.assign(new Error('too large'), { status: 413 });
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw Object.assign(new Error('not JSON'), { status: 400 });
  }
}

/**
 * Starts the kiosk: the site in `root` and the dossier endpoint for the given procedures.
 *
 * @param {{ root: string, procedures: { file: string, packs?: string[] }[], port?: number,
 *   host?: string, log?: (line: string) => void }} options
 * @returns {Promise<{ origin: string, close: () => Promise<void>, dossiers: Map<string, unknown> }>}
 */
export async function startKiosk({ root, procedures, port = 0, host = '127.0.0.1', log }) {
  const { loadProcedure } = await import('@motcua/core/compiler');
  /** @type {Map<string, import('@motcua/core').Procedure>} */
  const byId = new Map();
  for (const { file, packs = [] } of procedures) {
    const loaded = await Promise.all(
      packs.map(async (specifier) => {
        const module = await import(specifier);
        return module.pack ?? module.default;
      }),
    );
    const procedure = loadProcedure(JSON.parse(await readFile(file, 'utf8')), { packs: loaded });
    byId.set(procedure.id, procedure);
  }
  /** Vietnam's places, read from @motcua/vn's data files one province at a time. */
  const data = new URL('.', import.meta.resolve('@motcua/vn/data/provinces.json'));
  const places = createStaticAddressSource({
    load: async (path) => JSON.parse(await readFile(new URL(path, data), 'utf8')),
  });
  /** Receipts by idempotency key: a retry of the same dossier gets the same code. */
  const receipts = new Map();
  /** What was received, by dossier code (in memory only, for the demo and its tests). */
  const dossiers = new Map();

  async function receive(request, response) {
    let body;
    try {
      body = await readJson(request);
    } catch (error) {
      const status = error.status ?? 400;
      return reply(response, status, {
        error: status === 413 ? 'The dossier is larger than 1 MB.' : 'The body is not JSON.',
      });
    }
    const key = request.headers['idempotency-key'];
    if (typeof key === 'string' && receipts.has(key))
      return reply(response, 200, receipts.get(key));
    const procedure = typeof body?.procedure === 'string' ? byId.get(body.procedure) : undefined;
    if (!procedure) {
      return reply(response, 404, {
        error: `Unknown procedure ${JSON.stringify(body?.procedure)}; this kiosk takes ${[...byId.keys()].join(', ')}.`,
      });
    }
    if (body.version !== procedure.version) {
      return reply(response, 409, {
        error: `The form is version ${body.version}, the rules are ${procedure.version}: reload the page.`,
      });
    }
    let result;
    try {
      result = procedure.validate(body.answers ?? {}, { locale: 'vi' });
    } catch (error) {
      return reply(response, 400, { error: error.message });
    }
    if (!result.valid) return reply(response, 422, { errors: result.errors });
    const addressErrors = await checkAddresses(procedure, result.answers, places);
    if (addressErrors.length > 0) return reply(response, 422, { errors: addressErrors });
    const dossierCode = makeDossierCode(dossiers.size + 1);
    dossiers.set(dossierCode, { procedure: procedure.id, answers: result.answers });
    const receipt = {
      dossierCode,
      documents: procedure.documents(result.answers).map((d) => d.id),
    };
    if (typeof key === 'string') receipts.set(key, receipt);
    log?.(`kiosk: received ${procedure.id} as ${dossierCode}`);
    return reply(response, 201, receipt);
  }

  const server = await serveStatic({
    root,
    port,
    host,
    handlers: { 'POST /api/dossiers': receive },
  });
  return { ...server, dossiers };
}

/** The kiosk's procedures, as scripts/build-examples.mjs builds them into the site. */
export const kioskRoot = join(import.meta.dirname, 'dist');
