import { expect } from '@open-wc/testing';
import { type OutboxEntry, openPersistence } from '../src/persistence.js';

// WebKit's IndexedDB refuses Files and Blobs in an ephemeral session (Safari's private browsing,
// and the WebKitGTK automation session the suite runs in) while it stores their bytes. The outbox
// then keeps each file as its bytes, so a reload still sends the dossier with its files. Here the
// refusal is made in every browser, by a put that throws as WebKit's does when given a File.

const hasFile = (value: unknown) =>
  (value as Partial<OutboxEntry> | undefined)?.files?.some(([, files]) =>
    files.some((file) => file instanceof Blob),
  ) ?? false;

describe('the device storage (persistence.ts)', () => {
  it("keeps the outbox's files as their bytes where IndexedDB refuses Files", async () => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key) {
      if (hasFile(value)) {
        throw new DOMException(
          'Error preparing Blob/File data to be stored in object store',
          'UnknownError',
        );
      }
      return put.call(this, value, key);
    };
    let unavailable = 0;
    const procedure = 'persistence-test';
    const scan = new File(['scan bytes'], 'giay-chung-sinh.pdf', {
      type: 'application/pdf',
      lastModified: 1_700_000_000_000,
    });
    try {
      await openPersistence(() => unavailable++).putOutbox(procedure, {
        key: 'k-1',
        fingerprint: 'f',
        version: '1.0.0',
        answers: { name: 'An' },
        files: [['birthCertificate', [scan]]],
        locale: 'vi',
        savedAt: 0,
      });
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    // Another page on the same device, as after a reload.
    const later = openPersistence(() => unavailable++);
    const entry = await later.getOutbox(procedure);
    await later.deleteOutbox(procedure);
    expect(unavailable, 'the device was said to refuse storage').to.equal(0);
    expect(entry?.key).to.equal('k-1');
    expect(entry!.files.map(([path]) => path)).to.deep.equal(['birthCertificate']);
    const file = entry!.files[0]![1][0]!;
    expect(file).to.be.instanceOf(File);
    expect([file.name, file.type, file.lastModified]).to.deep.equal([
      'giay-chung-sinh.pdf',
      'application/pdf',
      1_700_000_000_000,
    ]);
    expect(await file.text()).to.equal('scan bytes');
  });
});
