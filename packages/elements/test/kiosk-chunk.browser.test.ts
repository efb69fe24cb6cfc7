import { expect } from '@open-wc/testing';
import { mount } from './helpers.js';

// Read-aloud and the on-screen keyboard are a chunk of their own (kiosk.ts and what it imports),
// loaded by import() when a kiosk starts: a portal's first load holds nothing of them. The bundle
// test checks the built runtime imports the chunk only by import(); this checks the element asks
// for it only in kiosk mode. The tests run in order, in one page: the portal first.

/** The kiosk modules this page has fetched so far (the test server serves each source file). */
function kioskModules(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) =>
      /\/elements\/src\/(kiosk|keyboard|read-aloud|kiosk-strings|kiosk-styles)\.ts$/.test(path),
    )
    .map((path) => path.split('/').pop()!)
    .sort();
}

describe('the kiosk chunk', () => {
  it('is not fetched by a portal', async () => {
    const element = await mount({ mode: 'portal' });
    expect(element.session?.snapshot.status).to.equal('filling');
    expect(kioskModules()).to.deep.equal([]);
  });

  it('is fetched when a kiosk starts, before `loaded` settles', async () => {
    const element = await mount({ mode: 'kiosk', speech: null });
    expect(kioskModules()).to.deep.equal([
      'keyboard.ts',
      'kiosk-strings.ts',
      'kiosk-styles.ts',
      'kiosk.ts',
      'read-aloud.ts',
    ]);
    expect(element.shadowRoot!.querySelector('.toolbar')?.textContent).to.contain('Bàn phím');
  });
});
