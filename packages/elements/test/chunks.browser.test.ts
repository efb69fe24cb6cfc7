import { expect } from '@open-wc/testing';
import { heading, mount, shadow, text } from './helpers.js';

// Issue 15: what the first input waits for is the runtime and the procedure alone. The review
// page and the renderers of address, file and group questions are chunks the element fetches
// once the first page is drawn, so that Continue never waits on the network for them; and the
// element marks where the time to the first input went, for `npm run bench` and a browser's
// performance panel. (Runs first in its own page: nothing else loaded those modules before.)

/** The modules of the page, as the browser fetched them (the test server serves sources). */
function fetched(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.includes('/packages/elements/src/'));
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > 5000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('<motcua-procedure> loads what later pages need after the first is drawn', () => {
  it('draws the first page, then fetches the review page and the renderers the procedure uses', async () => {
    const before = fetched();
    expect(before.some((path) => path.endsWith('/review.ts'))).to.equal(false);
    expect(before.some((path) => path.endsWith('/fields/address.ts'))).to.equal(false);

    const element = await mount();
    expect(text(heading(element))).to.equal('Thông tin về bạn');
    expect(shadow(element).querySelector('input')).to.not.equal(null);

    // The birth registration asks addresses and files (not groups) on later steps.
    await until(
      () =>
        ['/review.ts', '/fields/address.ts', '/fields/file.ts'].every((module) =>
          fetched().some((path) => path.endsWith(module)),
        ),
      'the review and renderer chunks',
    );
    expect(fetched().some((path) => path.endsWith('/fields/group.ts'))).to.equal(false);
  });

  it('marks, once a page, when the procedure came, the session started and the first input showed', () => {
    const marks = performance
      .getEntriesByType('mark')
      .filter((entry) => entry.name.startsWith('motcua:'));
    // The procedure is given as a property here, so there is no `src` to load.
    expect(marks.map((entry) => entry.name)).to.deep.equal([
      'motcua:session-started',
      'motcua:first-input',
    ]);
  });

  it('marks nothing more for the next citizen', async () => {
    await mount();
    const marks = performance
      .getEntriesByType('mark')
      .filter((entry) => entry.name.startsWith('motcua:'));
    expect(marks.length).to.equal(2);
  });
});
