// "Cần trợ giúp": the kiosk calls a volunteer (POST /api/help), then shares the dossier in
// progress with the volunteer's review view while the request is open (PUT
// /api/help/{id}/dossier with the request's own share token), on every change, and withdraws it
// (DELETE, which also closes the request) when the citizen's session ends: "Kết thúc", "Về trang
// đầu", the idle wipe, a page left. Answers only: a chosen file is shared by its name and size,
// never its bytes, and nothing is kept on the kiosk.

/**
 * @typedef {{ procedure: string, version: string, answers: Record<string, unknown>, step: string | null, locale: string }} SharedDossier
 * @typedef {{ procedure?: string, step?: string }} CallContext
 */

/** How long changes are gathered before one PUT: typing a name is one update, not twenty. */
const SHARE_DELAY_MS = 250;

/**
 * @param {{ kiosk: string, fetch?: typeof fetch, base?: string }} options `base`: the API's
 *   URL (`/api/` by default)
 */
export function createHelp({ kiosk, fetch: fetchImpl = globalThis.fetch.bind(globalThis), base }) {
  const api = base ?? '/api/';
  /** @type {{ id: number, token: string | undefined } | undefined} */
  let open;
  /** @type {SharedDossier | undefined} */
  let pending;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** Requests go one after another, so a late PUT never lands after the DELETE. */
  let queue = Promise.resolve();
  let shared = false;

  /** @param {() => Promise<void>} task */
  const enqueue = (task) => {
    queue = queue.then(task).catch((error) => console.warn('help:', error));
    return queue;
  };

  const headers = () => ({
    'content-type': 'application/json',
    ...(open?.token && { authorization: `Bearer ${open.token}` }),
  });

  /** The request was closed by a volunteer ("done") or has expired: stop sharing. */
  const forget = () => {
    open = undefined;
    pending = undefined;
    shared = false;
    clearTimeout(timer);
  };

  const flush = () =>
    enqueue(async () => {
      const request = open;
      const dossier = pending;
      pending = undefined;
      if (!request || !dossier || !request.token) return;
      const response = await fetchImpl(`${api}help/${request.id}/dossier`, {
        method: 'PUT',
        headers: headers(),
        body: JSON.stringify(dossier),
      });
      if (response.ok) shared = true;
      else if ([401, 403, 404, 409, 410].includes(response.status)) forget();
    });

  return {
    /** Whether a call is open (made by this kiosk and not ended). */
    get isOpen() {
      return open !== undefined;
    },

    /**
     * Calls a volunteer. A second press while a call is open calls nobody new; the same call
     * stands.
     *
     * @param {CallContext} context
     * @returns {Promise<boolean>} whether a call is open
     */
    async call(context) {
      if (open) return true;
      try {
        const response = await fetchImpl(`${api}help`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            kiosk,
            ...(context.procedure && { procedure: context.procedure }),
            ...(context.step && { step: context.step }),
          }),
        });
        if (!response.ok) return false;
        const body = /** @type {{ id: number, shareToken?: string }} */ (await response.json());
        open = { id: body.id, token: body.shareToken };
        if (pending) await flush();
        return true;
      } catch (error) {
        console.warn('help: the call failed:', error);
        return false;
      }
    },

    /**
     * The dossier as it is now, shared while a call is open (gathered for a moment first).
     *
     * @param {SharedDossier} dossier
     */
    share(dossier) {
      pending = dossier;
      if (!open) return;
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), SHARE_DELAY_MS);
    },

    /** Sends what is waiting at once (before the page changes). */
    flush,

    /**
     * The citizen's session ended: the shared dossier is deleted and the call closed. Resolves
     * when the server has been told.
     */
    end() {
      const request = open;
      const token = open?.token;
      const wasShared = shared;
      forget();
      pending = undefined;
      if (!request) return queue;
      return enqueue(async () => {
        // Delete even when nothing was shared: the server closes the call with it.
        const response = await fetchImpl(`${api}help/${request.id}/dossier`, {
          method: 'DELETE',
          headers: token ? { authorization: `Bearer ${token}` } : {},
          keepalive: true,
        });
        if (!response.ok && response.status !== 404 && wasShared) {
          console.warn(`help: withdrawing the dossier answered ${response.status}`);
        }
      });
    },
  };
}
