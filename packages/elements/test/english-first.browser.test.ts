import { expect } from '@open-wc/testing';
import { localize } from '@motcua/core';
import { type MotcuaProcedure } from '@motcua/elements';
import { addressData, heading, procedure, shadow, text } from './helpers.js';

/** The first page's heading in English, as the definition words it. */
const FIRST_TITLE = localize(procedure.steps[0]!.title, 'en');

// Issue 15: a page that starts in English waits for its English words (a chunk) before it
// draws its first page: nothing in Vietnamese shows meanwhile, not even "loading".
// (Its own page: nothing else loaded the chunk before.)

describe('<motcua-procedure lang="en">, its English words a chunk away', () => {
  it('draws nothing until they came, then the first page in English', async () => {
    const element = document.createElement('motcua-procedure') as MotcuaProcedure;
    element.setAttribute('lang', 'en');
    element.addressData = addressData;
    element.procedure = procedure as never;
    document.body.append(element);
    const root = shadow(element);
    const drawn: string[] = [];
    const observer = new MutationObserver(() =>
      drawn.push((root.textContent ?? '').replace(/\s+/g, ' ').trim()),
    );
    observer.observe(root, { subtree: true, childList: true, characterData: true });
    try {
      await element.loaded;
      await element.updateComplete;
      observer.disconnect();
      expect(element.locale).to.equal('en');
      expect(text(heading(element))).to.equal(FIRST_TITLE);
      // The language switch reads "Tiếng Việt" on an English page: that is no Vietnamese page.
      const vietnamese = drawn.filter((page) => /Tiếp tục|Đang tải|Thông tin về bạn/.test(page));
      expect(vietnamese).to.deep.equal([]);
      expect(drawn.at(-1)).to.include('Continue');
    } finally {
      element.remove();
    }
  });
});
