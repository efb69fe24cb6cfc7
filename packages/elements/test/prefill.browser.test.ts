import { expect } from '@open-wc/testing';
import {
  BIRTH_REGISTRATION,
  answer,
  clickContinue,
  currentStep,
  expectAccessible,
  find,
  mount,
  text,
  walkTo,
  walkToQuestion,
} from './helpers.js';

// Issue 12, point 3: a mother who says "Mẹ" on the first page does not type her name again: the
// mother's name starts from hers, shown for her to confirm, never hidden.

const NOTE =
  'Đã điền sẵn theo câu trả lời “Họ, chữ đệm và tên của bạn”. Hãy kiểm tra, sửa nếu chưa đúng.';

/** The journey without the names that a prefill gives. */
const WITHOUT_NAMES = {
  ...BIRTH_REGISTRATION,
  mother: Object.fromEntries(
    Object.entries(BIRTH_REGISTRATION.mother!).filter(([id]) => id !== 'motherName'),
  ),
};

describe('answers given once are not asked again (issue 12, point 3)', () => {
  it('fills the mother’s name from the requester’s when she registers, and says so', async () => {
    const element = await mount();
    await walkTo(element, 'mother', WITHOUT_NAMES);
    const input = find<HTMLInputElement>(element, '#f-motherName');
    expect(input.value).to.equal('Trần Thị Mai');
    const hint = find(element, '#f-motherName-hint');
    expect(text(hint)).to.contain(NOTE);
    expect(input.getAttribute('aria-describedby')).to.contain('f-motherName-hint');
    await expectAccessible(element, 'a prefilled answer');
    // Changed by the citizen: the note goes, her answer stays.
    await answer(element, 'motherName', 'Trần Thị Mai Anh');
    expect(text(find(element, '#f-motherName-hint'))).not.to.contain('Đã điền sẵn');
  });

  it('leaves the mother’s name empty when a grandparent registers', async () => {
    const element = await mount();
    await walkTo(element, 'mother', {
      ...WITHOUT_NAMES,
      requester: { ...BIRTH_REGISTRATION.requester!, requesterRelationship: 'grandparent' },
    });
    expect(find<HTMLInputElement>(element, '#f-motherName').value).to.equal('');
    await clickContinue(element);
    expect(element.session!.snapshot.errors.map((error) => error.field)).to.include('motherName');
  });

  for (const lang of ['vi', 'en'] as const) {
    for (const contrast of ['normal', 'high'] as const) {
      it(`says it at a kiosk, one question per page, ${lang}, ${contrast} contrast`, async () => {
        const element = await mount({ mode: 'kiosk', speech: null, lang, contrast });
        await walkToQuestion(element, 'motherName', WITHOUT_NAMES);
        expect(currentStep(element)).to.equal('mother');
        expect(find<HTMLInputElement>(element, '#f-motherName').value).to.equal('Trần Thị Mai');
        expect(text(find(element, '#f-motherName-hint'))).to.contain(
          lang === 'vi' ? 'Đã điền sẵn' : 'Filled in from your answer to “Your full name”',
        );
        await expectAccessible(element, `a prefilled answer, kiosk, ${lang}, ${contrast}`);
      });
    }
  }
});
