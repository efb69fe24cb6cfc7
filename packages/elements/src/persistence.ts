// What a portal keeps on the citizen's own device, in IndexedDB: the dossier being sent (the
// outbox), so a reload or a crash mid-send resumes it with the same key, and the answers typed so
// far (the draft). Loaded only in portal mode: a kiosk is shared and keeps nothing.
import { type UseStore, createStore, del, get, promisifyRequest } from 'idb-keyval';
import type { Answers, Text } from '@motcua/core';

/** A dossier sent but not yet acknowledged, with everything needed to send it again. */
export interface OutboxEntry {
  /** The dossier's idempotency key: a resumed send lands on the same receipt. */
  key: string;
  /** What the key was made for: the pruned answers and the files' names and sizes. */
  fingerprint: string;
  version: string;
  /** The session's answers, to rebuild the review page. */
  answers: Answers;
  /**
   * The chosen files by answer path; `File`s are kept whole by IndexedDB, or as their bytes where
   * it refuses them (see {@link StoredFile}).
   */
  files: [string, File[]][];
  locale: string;
  savedAt: number;
}

/** The answers typed so far, kept as the citizen goes. */
export interface Draft {
  version: string;
  /** Never files: a draft keeps what was typed. */
  answers: Answers;
  /** The step reached, to come back to. */
  step: string | null;
  /** The labels of the answered fields, to name the ones a newer version no longer asks. */
  labels: Record<string, Text>;
  savedAt: number;
}

/**
 * A chosen file kept as its bytes. WebKit refuses `File`s and `Blob`s in IndexedDB in an
 * ephemeral session (Safari's private browsing; "Error preparing Blob/File data to be stored in
 * object store") yet stores an `ArrayBuffer`: the outbox is written so there, and read back as
 * `File`s.
 */
interface StoredFile {
  name: string;
  type: string;
  lastModified: number;
  bytes: ArrayBuffer;
}

async function filesAsBytes(entry: OutboxEntry) {
  const files = await Promise.all(
    entry.files.map(async ([path, files]) => {
      const stored = await Promise.all(
        files.map(async (file): Promise<StoredFile> => ({
          name: file.name,
          type: file.type,
          lastModified: file.lastModified,
          bytes: await file.arrayBuffer(),
        })),
      );
      return [path, stored] as const;
    }),
  );
  return { ...entry, files };
}

function filesFromBytes(entry: OutboxEntry | undefined): OutboxEntry | undefined {
  if (!entry) return entry;
  const files = entry.files.map(([path, files]): [string, File[]] => [
    path,
    files.map((file: File | StoredFile) =>
      file instanceof Blob
        ? file
        : new File([file.bytes], file.name, { type: file.type, lastModified: file.lastModified }),
    ),
  ]);
  return { ...entry, files };
}

/** The device's storage for one page, or memory when the device refuses to store. */
export interface Persistence {
  getOutbox(procedure: string): Promise<OutboxEntry | undefined>;
  putOutbox(procedure: string, entry: OutboxEntry): Promise<void>;
  deleteOutbox(procedure: string): Promise<void>;
  getDraft(procedure: string): Promise<Draft | undefined>;
  putDraft(procedure: string, draft: Draft): Promise<void>;
  deleteDraft(procedure: string): Promise<void>;
}

/**
 * Storage in IndexedDB that never throws at the page: when the device refuses (private mode, a
 * full disk, a SecurityError in a sandboxed frame), `onUnavailable` is called once and what
 * follows is kept in memory for this visit only.
 */
export function openPersistence(onUnavailable: () => void): Persistence {
  const memory = new Map<string, unknown>();
  let store: UseStore | undefined;
  let failed = false;
  try {
    store = typeof indexedDB === 'undefined' ? undefined : createStore('motcua', 'dossiers');
  } catch {
    store = undefined;
  }
  const fail = () => {
    if (!failed) {
      failed = true;
      onUnavailable();
    }
  };
  if (!store) queueMicrotask(fail);

  async function read<T>(key: string): Promise<T | undefined> {
    if (failed || !store) return memory.get(key) as T | undefined;
    try {
      return await get<T>(key, store);
    } catch {
      fail();
      return memory.get(key) as T | undefined;
    }
  }
  const put = (key: string, value: unknown) =>
    store!('readwrite', (objects) => {
      objects.put(value, key);
      // Committed with the put, not when its success event has come back to this page (as
      // idb-keyval's `set` leaves it): a page reloaded or closed in between aborts the write,
      // and a reload right after "Gửi hồ sơ" lost the dossier being sent (Chromium 156 under
      // load; examples/portal/test/chaos.page.test.ts). `commit` is missing before Safari 15.
      objects.transaction.commit?.();
      return promisifyRequest(objects.transaction);
    });
  async function write(key: string, value: unknown, files?: () => Promise<unknown>): Promise<void> {
    memory.set(key, value);
    if (failed || !store) return;
    try {
      await put(key, value);
    } catch {
      try {
        // Where the device refuses `File`s (WebKit's private browsing), their bytes.
        if (!files) throw new Error('nothing to store otherwise');
        await put(key, await files());
      } catch {
        fail();
      }
    }
  }
  async function remove(key: string): Promise<void> {
    memory.delete(key);
    if (failed || !store) return;
    try {
      await del(key, store);
    } catch {
      fail();
    }
  }

  return {
    getOutbox: async (procedure) => filesFromBytes(await read<OutboxEntry>(`outbox:${procedure}`)),
    putOutbox: (procedure, entry) => write(`outbox:${procedure}`, entry, () => filesAsBytes(entry)),
    deleteOutbox: (procedure) => remove(`outbox:${procedure}`),
    getDraft: (procedure) => read<Draft>(`draft:${procedure}`),
    putDraft: (procedure, draft) => write(`draft:${procedure}`, draft),
    deleteDraft: (procedure) => remove(`draft:${procedure}`),
  };
}
