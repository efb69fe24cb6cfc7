import { expect, fixture, html } from '@open-wc/testing';
import { createManualClock } from '@motcua/core';
import type { MotcuaProcedure } from '@motcua/elements';
import { TODAY, answer, clickContinue, currentStep, heading, text } from './helpers.js';

// fixtures/one-engine.js is built as `motcua build --runtime ./second-runtime.js` builds it
// (one-engine.test.ts keeps it so): a page that bundles the elements and sets `src` to such a
// module must run it on the engine it has, never fetching the module's own runtime.
const moduleUrl = new URL('./fixtures/one-engine.js', import.meta.url).href;
const KEY = Symbol.for('motcua.runtime@1');
const page = globalThis as typeof globalThis & {
  motcuaSecondRuntimeLoads?: number;
  [KEY]?: unknown;
};

function secondRuntimeRequests(): number {
  return performance
    .getEntriesByType('resource')
    .filter((entry) => entry.name.includes('/fixtures/second-runtime.js')).length;
}

describe('one engine on a page that has the elements and sets src', () => {
  it('runs the module on the page engine and never requests its own runtime', async () => {
    const element = await fixture<MotcuaProcedure>(
      html`<motcua-procedure
        .clock=${createManualClock(TODAY)}
        src=${moduleUrl}
        lang="vi"
      ></motcua-procedure>`,
    );
    await element.loaded;
    await element.updateComplete;
    expect(element.loadError).to.equal(undefined);
    expect(element.procedure?.id).to.equal('one-engine');
    expect(text(heading(element))).to.equal('Họ và tên');

    // The form works on the shared engine: the required check, then on to the review.
    await clickContinue(element);
    expect(element.session?.snapshot.errors.map((error) => error.field)).to.deep.equal([
      'fullName',
    ]);
    await answer(element, 'fullName', 'Nguyễn Văn An');
    await clickContinue(element);
    expect(element.session?.snapshot.errors).to.deep.equal([]);
    expect(currentStep(element)).not.to.equal('name');

    expect(page.motcuaSecondRuntimeLoads).to.equal(undefined);
    expect(secondRuntimeRequests()).to.equal(0);
  });

  it('loads its own runtime where the page has none, as on a page without the elements', async () => {
    // The check above can fail: without the registered engine the same module fetches its own.
    const registered = page[KEY];
    delete page[KEY];
    try {
      const module = (await import(/* @vite-ignore */ `${moduleUrl}?without-engine`)) as {
        default: { id: string };
      };
      expect(module.default.id).to.equal('one-engine');
      expect(page.motcuaSecondRuntimeLoads).to.equal(1);
      expect(secondRuntimeRequests()).to.equal(1);
    } finally {
      page[KEY] = registered;
    }
  });
});
