import { expect } from '@open-wc/testing';
import { localize } from '@motcua/core';
import { stringsFor, uiStrings } from '@motcua/elements';
import { fetchesOf, heading, mount, procedure, shadow, text } from './helpers.js';

/** The first page's heading in English, as the definition words it. */
const FIRST_TITLE = localize(procedure.steps[0]!.title, 'en');

// Issue 15: the element's English words are a chunk of their own (strings-en), fetched when a
// page turns to English, so that a Vietnamese page, nearly every page, never downloads them.
// Until they come, the page stays in the language it was in; `updateComplete` settles once it
// is drawn in English. (Its own page: nothing else loaded the chunk before.)

const fetches = () => fetchesOf('/packages/elements/src/strings-en.ts');

describe('<motcua-procedure> loads its English words when a page turns to English', () => {
  it('never fetches them for a Vietnamese page', async () => {
    const element = await mount();
    expect(text(heading(element))).to.equal('Thông tin về bạn');
    expect(element.locale).to.equal('vi');
    expect(fetches()).to.equal(0);
    expect(uiStrings.en).to.equal(undefined);
    // A host asking for English words before they came gets Vietnamese, never nothing.
    expect(stringsFor('en').continue).to.equal('Tiếp tục');
  });

  it('switches once they came, never showing half a page in each language', async () => {
    const element = await mount();
    const root = shadow(element);
    const shown: string[] = [];
    const observer = new MutationObserver((records) => {
      // The rehearsal's stage coming or going (rehearsal.ts) changes nothing on screen.
      const stage = (node: Node) => node instanceof HTMLElement && node.inert;
      const seen = records.some(
        (record) =>
          record.target !== root || ![...record.addedNodes, ...record.removedNodes].every(stage),
      );
      if (!seen) return;
      const submit = root.querySelector('form button[type=submit]');
      shown.push(`${text(heading(element))} | ${submit ? text(submit) : ''}`);
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true });

    element.lang = 'en';
    // Not yet: the words are on their way, and the session is still in Vietnamese.
    expect(element.locale).to.equal('vi');
    expect(element.session!.snapshot.locale).to.equal('vi');
    await element.updateComplete;
    observer.disconnect();

    expect(element.locale).to.equal('en');
    expect(element.session!.snapshot.locale).to.equal('en');
    const english = `${FIRST_TITLE} | Continue`;
    expect(text(heading(element))).to.equal(FIRST_TITLE);
    expect(shown.filter((page) => page !== english)).to.deep.equal([]);
    expect(fetches()).to.equal(1);
    expect(stringsFor('en').continue).to.equal('Continue');

    // Back to Vietnamese at once (always there), and to English again with no new fetch.
    element.lang = 'vi';
    expect(element.locale).to.equal('vi');
    await element.updateComplete;
    expect(text(heading(element))).to.equal('Thông tin về bạn');
    element.lang = 'en';
    expect(element.locale).to.equal('en');
    await element.updateComplete;
    expect(text(heading(element))).to.equal(FIRST_TITLE);
    expect(fetches()).to.equal(1);
  });
});
