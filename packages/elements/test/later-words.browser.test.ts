import { expect } from '@open-wc/testing';
import { loadStrings, stringsFor, uiStrings } from '@motcua/elements';
import { fetchesOf } from './helpers.js';

// Issue 15: the Vietnamese words of the pages after the first (review, confirmation, fees, the
// address, file and group questions) are a chunk of their own (strings-later), which the chunks
// that draw those pages import, and `loadStrings('vi')` loads for a host that shows them outside
// an element. (Its own page: nothing else loaded the chunk before. That the chunks drawing
// those pages import it is browser-bundle.test.ts's, on the built runtime.)

const fetches = () => fetchesOf('/packages/elements/src/strings-later.ts');

describe('the Vietnamese words of later pages', () => {
  it('are not there until asked for; the first page’s are', () => {
    expect(fetches()).to.equal(0);
    expect(stringsFor('vi').continue).to.equal('Tiếp tục');
    expect(stringsFor('vi').reviewTitle).to.equal(undefined);
  });

  it('come with loadStrings("vi"), once, keeping a word the page set by hand', async () => {
    uiStrings.vi!.submit = 'Nộp hồ sơ';
    const strings = await loadStrings('vi');
    expect(strings).to.equal(stringsFor('vi'));
    expect(strings.reviewTitle).to.equal('Kiểm tra lại thông tin');
    expect(strings.feesTitle).to.equal('Phí và lệ phí');
    expect(strings.communeSearch).to.equal('Tìm xã, phường, đặc khu');
    expect(strings.submit).to.equal('Nộp hồ sơ');
    await loadStrings('vi');
    expect(fetches()).to.equal(1);
  });
});
