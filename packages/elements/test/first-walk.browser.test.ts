import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  type ProcedureDefinition,
  type SendDossier,
  createManualClock,
  createProcedure,
} from '@motcua/core';
import type { MotcuaProcedure } from '@motcua/elements';
import { SubmissionError } from '@motcua/elements';
import {
  BIRTH_REGISTRATION,
  BIRTH_REGISTRATION_NO_FATHER,
  TODAY,
  button,
  currentStep,
  describeNode,
  exists,
  expectAccessible,
  fillPage,
  find,
  focused,
  heading,
  mount,
  shadow,
  submitted,
  tap,
  text,
  typeInto,
  walkTo,
} from './helpers.js';

// What a first-time citizen met on a kiosk (issue 12): a progress count that jumped, red on a
// row just added, a failed send titled as the citizen's error, a yellow box around headings
// that are not controls, and "Thay đổi" that landed on the h1 instead of the answer.

const LANGUAGES = ['vi', 'en'] as const;
const MODES = ['portal', 'kiosk'] as const;
const LOOKS = [
  { contrast: 'normal', textSize: 'normal' },
  { contrast: 'high', textSize: 'normal' },
  { contrast: 'normal', textSize: 'large' },
] as const;

/** A household with rows to add, then a page with a radio set, a date and a text field. */
const household: ProcedureDefinition = {
  id: 'household-declaration',
  version: '1.0.0',
  title: { vi: 'Khai báo hộ gia đình', en: 'Household declaration' },
  steps: [
    {
      id: 'household',
      title: { vi: 'Những người trong hộ', en: 'People in the household' },
      fields: [
        {
          id: 'members',
          type: 'group',
          label: { vi: 'Thành viên hộ gia đình', en: 'Household members' },
          itemLabel: { vi: 'thành viên', en: 'member' },
          minRows: 1,
          maxRows: 4,
          fields: [
            {
              id: 'fullName',
              type: 'text',
              label: { vi: 'Họ và tên', en: 'Full name' },
              required: true,
            },
            {
              id: 'birthDate',
              type: 'date',
              label: { vi: 'Ngày sinh', en: 'Date of birth' },
              required: true,
            },
            {
              id: 'relation',
              type: 'radio',
              label: { vi: 'Quan hệ với chủ hộ', en: 'Relationship to the head' },
              required: true,
              options: [
                { value: 'spouse', label: { vi: 'Vợ, chồng', en: 'Spouse' } },
                { value: 'child', label: { vi: 'Con', en: 'Child' } },
              ],
            },
          ],
        },
      ],
    },
    {
      id: 'contact',
      title: { vi: 'Liên hệ', en: 'Contact' },
      fields: [
        {
          id: 'channel',
          type: 'radio',
          label: { vi: 'Nhận kết quả ở đâu?', en: 'Where do you want the result?' },
          required: true,
          options: [
            { value: 'counter', label: { vi: 'Tại quầy', en: 'At the counter' } },
            { value: 'post', label: { vi: 'Qua bưu điện', en: 'By post' } },
          ],
        },
        {
          id: 'moveDate',
          type: 'date',
          label: { vi: 'Ngày chuyển đến', en: 'Date you moved in' },
          required: true,
        },
        {
          id: 'phone',
          type: 'text',
          label: { vi: 'Số điện thoại', en: 'Phone number' },
          required: true,
        },
      ],
    },
  ],
};

const ANSWERED_ROW = { fullName: 'Nguyễn Văn An', birthDate: '1980-04-03', relation: 'spouse' };

interface HouseholdOptions {
  lang?: 'vi' | 'en';
  mode?: 'portal' | 'kiosk';
  contrast?: 'normal' | 'high';
  textSize?: 'normal' | 'large';
  submit?: SendDossier;
}

async function mountHousehold(options: HouseholdOptions = {}): Promise<MotcuaProcedure> {
  const element = await fixture<MotcuaProcedure>(
    html`<motcua-procedure
      .clock=${createManualClock(TODAY)}
      .procedure=${createProcedure(household)}
      .submit=${options.submit}
      persist="none"
      lang=${options.lang ?? 'vi'}
      mode=${options.mode ?? 'portal'}
      contrast=${options.contrast ?? 'normal'}
      text-size=${options.textSize ?? 'normal'}
    ></motcua-procedure>`,
  );
  await element.loaded;
  await element.updateComplete;
  return element;
}

/** Answers every question through the engine (not what these tests look at), up to review. */
async function answerAll(element: MotcuaProcedure): Promise<void> {
  const session = element.session!;
  session.set('members', [ANSWERED_ROW]);
  session.set('channel', 'post');
  session.set('moveDate', '2025-08-01');
  session.set('phone', '0912345678');
  // One Continue per page: a step, or (kiosk) each question.
  for (let page = 0; page < 10 && session.snapshot.status === 'filling'; page++) session.next();
  await element.updateComplete;
  expect(session.snapshot.status).to.equal('review');
}

const tapContinue = (element: MotcuaProcedure) =>
  tap(element, find(element, 'form button[type=submit]'));

/** Every error a citizen can see: summary links, inline messages, fields marked invalid. */
function visibleErrors(element: MotcuaProcedure, within: ParentNode = shadow(element)): string[] {
  return [
    ...Array.from(within.querySelectorAll('.error-summary a, .error-message')).map(text),
    ...Array.from(within.querySelectorAll('[aria-invalid=true]')).map((node) => `#${node.id}`),
  ];
}

function row(element: MotcuaProcedure, index: number): HTMLElement {
  return find(element, `#f-members-row-${index}`);
}

describe('a first-time citizen walks the form (issue 12)', () => {
  describe('progress that only moves forward (point 2)', () => {
    /** The caption on every page, walking the journey to review. */
    async function captions(answers = BIRTH_REGISTRATION, lang: 'vi' | 'en' = 'vi') {
      const element = await mount({ lang });
      const seen: string[] = [];
      const announced: string[] = [];
      while (element.session?.snapshot.status === 'filling') {
        seen.push(text(find(element, '.caption')).replace(/ · .*/, ''));
        announced.push(text(find(element, '[role=status][aria-live=polite]')));
        await fillPage(element, answers[currentStep(element)!]!);
        await tapContinue(element);
      }
      return { seen, announced };
    }

    it('counts "Bước 1, 2, 3…" with no total, so adding the father step never makes it jump', async () => {
      const { seen, announced } = await captions();
      // Nine pages with the father determined: each page one more, never "5 trên 8" then
      // "6 trên 9" as the father step is added.
      expect(seen).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `Bước ${n}`));
      expect(
        announced.slice(1).every((words) => /^Bước \d: /.test(words)),
        announced.join(' | '),
      ).to.equal(true);
      expect(announced.join(' ')).not.to.include('trên');
    });

    it('counts one more on each page without the father step too, and in English', async () => {
      const without = await captions(BIRTH_REGISTRATION_NO_FATHER);
      expect(without.seen).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `Bước ${n}`));
      const english = await captions(BIRTH_REGISTRATION, 'en');
      expect(english.seen).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `Step ${n}`));
      expect(english.announced.join(' ')).not.to.match(/ of \d/);
    });

    for (const lang of LANGUAGES) {
      for (const mode of MODES) {
        for (const look of LOOKS) {
          it(`is accessible with the count alone, ${lang}, ${mode}, ${look.contrast} contrast, ${look.textSize} text`, async () => {
            const element = await mountHousehold({ lang, mode, ...look });
            expect(text(find(element, '.caption'))).to.equal(lang === 'vi' ? 'Bước 1' : 'Step 1');
            await expectAccessible(element, `${lang} ${mode} ${look.contrast} ${look.textSize}`);
          });
        }
      }
    }
  });

  describe('no red on a fresh row (point 7)', () => {
    it('shows no error on a row added after "Thêm ít nhất một thành viên", until Continue', async () => {
      const element = await mountHousehold({ mode: 'kiosk' });
      await tapContinue(element);
      expect(text(find(element, '.error-summary a'))).to.equal('Thêm ít nhất một thành viên');

      await tap(element, button(element, 'Thêm thành viên'));
      expect(visibleErrors(element), 'nothing red on the page once a row is there').to.deep.equal(
        [],
      );
      expect(focused(element)).to.equal('input#f-members-0-fullName');
      expect(document.title.startsWith('Lỗi: '), 'the title says no error either').to.equal(false);

      await tapContinue(element);
      expect(visibleErrors(element, row(element, 0))).to.include.members([
        '#f-members-0-fullName',
        '#f-members-0-birthDate',
      ]);
      expect(currentStep(element)).to.equal('household');
    });

    it('keeps the errors of a row already checked, and adds none on the next row', async () => {
      const element = await mountHousehold({ mode: 'kiosk' });
      await tap(element, button(element, 'Thêm thành viên'));
      typeInto(find(element, '#f-members-0-fullName'), 'Nguyễn Văn An');
      await element.updateComplete;
      await tapContinue(element);
      const before = visibleErrors(element, row(element, 0));
      expect(before).to.include('#f-members-0-birthDate');

      await tap(element, button(element, 'Thêm thành viên'));
      expect(visibleErrors(element, row(element, 1)), 'the new row').to.deep.equal([]);
      expect(visibleErrors(element, row(element, 0)), 'the row checked').to.deep.equal(before);

      // Answering a shown error still clears it as the citizen types (re-checked live).
      typeInto(find(element, '#f-members-0-birthDate'), '3');
      typeInto(find(element, '#f-members-0-birthDate-month'), '4');
      typeInto(find(element, '#f-members-0-birthDate-year'), '1980');
      await element.updateComplete;
      expect(visibleErrors(element, row(element, 0))).not.to.include('#f-members-0-birthDate');
      expect(visibleErrors(element, row(element, 1)), 'still nothing on the new row').to.deep.equal(
        [],
      );
    });

    for (const lang of LANGUAGES) {
      for (const mode of MODES) {
        for (const look of LOOKS) {
          it(`is accessible with a fresh row, ${lang}, ${mode}, ${look.contrast} contrast, ${look.textSize} text`, async () => {
            const element = await mountHousehold({ lang, mode, ...look });
            await tapContinue(element);
            await tap(element, button(element, lang === 'vi' ? 'Thêm thành viên' : 'Add member'));
            expect(visibleErrors(element)).to.deep.equal([]);
            await expectAccessible(element, `${lang} ${mode} ${look.contrast} ${look.textSize}`);
          });
        }
      }
    }
  });

  describe('a failed send is not the citizen’s error (point 8)', () => {
    /** At review with every answer given, and a send that fails once as `failure` says. */
    async function atReview(options: HouseholdOptions & { failure: Error }) {
      let attempts = 0;
      const element = await mountHousehold({
        ...options,
        submit: async () => {
          attempts += 1;
          if (attempts === 1) throw options.failure;
          return { dossierCode: 'HS-20250901-0003' };
        },
      });
      await tap(element, button(element, options.lang === 'en' ? 'Add member' : 'Thêm thành viên'));
      typeInto(find(element, '#f-members-0-fullName'), 'Nguyễn Văn An');
      typeInto(find(element, '#f-members-0-birthDate'), '3');
      typeInto(find(element, '#f-members-0-birthDate-month'), '4');
      typeInto(find(element, '#f-members-0-birthDate-year'), '1980');
      await element.updateComplete;
      await tap(element, find(element, 'input[name="members.0.relation"][value=spouse]'));
      await tapContinue(element);
      // At a kiosk, each question of "contact" is a page of its own.
      const nextQuestion = () => (element.mode === 'kiosk' ? tapContinue(element) : undefined);
      await tap(element, find(element, 'input[name=channel][value=counter]'));
      await nextQuestion();
      typeInto(find(element, '#f-moveDate'), '1');
      typeInto(find(element, '#f-moveDate-month'), '8');
      typeInto(find(element, '#f-moveDate-year'), '2025');
      await element.updateComplete;
      await nextQuestion();
      typeInto(find(element, '#f-phone'), '0912345678');
      await element.updateComplete;
      await tapContinue(element);
      expect(element.session?.snapshot.status).to.equal('review');
      return element;
    }

    async function send(element: MotcuaProcedure, label: string) {
      await tap(element, button(element, label));
      await submitted(element);
    }

    it('says "Hồ sơ chưa được gửi", that nothing was lost and to press "Gửi lại", not "Có lỗi cần sửa"', async () => {
      const element = await atReview({ mode: 'kiosk', failure: new Error('Failed to fetch') });
      await send(element, 'Gửi hồ sơ');
      const box = find(element, '[role=alert]');
      expect(text(box.querySelector('h2'))).to.equal('Hồ sơ chưa được gửi');
      expect(text(box)).not.to.include('Có lỗi cần sửa');
      expect(text(box)).to.include('vẫn được giữ nguyên, không mất gì');
      expect(text(box)).to.include('Hãy bấm “Gửi lại”');
      expect(text(box)).to.equal(text(box).normalize('NFC'));
      expect(describeNode(shadow(element).activeElement)).to.match(/^div "Hồ sơ chưa được gửi/);
      // Not drawn as the citizen's mistake: the box is not in the error colour.
      const red = getComputedStyle(find(element, '.error-summary--service')).borderTopColor;
      expect(red).not.to.equal('rgb(212, 53, 28)');
      expect(button(element, 'Gửi lại').disabled).to.equal(false);

      await send(element, 'Gửi lại');
      expect(text(find(element, '.dossier-code'))).to.equal('HS-20250901-0003');
    });

    it("keeps the server's own explanation, in the citizen's language", async () => {
      const failure = new SubmissionError('422 from the server', {
        detail: {
          vi: 'Máy chủ đang bảo trì đến 10 giờ.',
          en: 'The server is down for maintenance until 10 o’clock.',
        },
      });
      const element = await atReview({ lang: 'en', failure });
      await send(element, 'Send application');
      const box = find(element, '[role=alert]');
      expect(text(box.querySelector('h2'))).to.equal('Your application has not been sent');
      expect(text(box)).to.include('The server is down for maintenance until 10 o’clock.');
      expect(text(box)).to.include('Nothing you entered has been lost. Select “Send again”.');
      expect(text(box)).not.to.include('There is a problem');
    });

    for (const lang of LANGUAGES) {
      for (const mode of MODES) {
        for (const look of LOOKS) {
          it(`is accessible after a failed send, ${lang}, ${mode}, ${look.contrast} contrast, ${look.textSize} text`, async () => {
            const element = await atReview({
              lang,
              mode,
              ...look,
              failure: new Error('503 Service Unavailable'),
            });
            await send(element, lang === 'vi' ? 'Gửi hồ sơ' : 'Send application');
            expect(element.session?.snapshot.status).to.equal('failed');
            await expectAccessible(element, `${lang} ${mode} ${look.contrast} ${look.textSize}`);
          });
        }
      }
    }
  });

  describe('headings that take focus show no focus box (point 10)', () => {
    const outline = (node: Element) => getComputedStyle(node).outlineStyle;

    it('focuses the new page’s h1 after Continue by keyboard, with no outline, while controls keep theirs', async () => {
      const element = await mount({ mode: 'kiosk' });
      const input = find<HTMLInputElement>(element, 'input.input');
      input.focus();
      expect(outline(input), 'an input keeps its yellow outline').to.equal('solid');
      await fillPage(element, BIRTH_REGISTRATION.requester!);
      find(element, 'form button[type=submit]').focus();
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      const h1 = heading(element);
      expect(focused(element)).to.equal(describeNode(h1));
      expect(h1.getAttribute('tabindex')).to.equal('-1');
      // Keyboard use makes Chromium treat the moved focus as visible: the rule must still hold.
      expect(h1.matches(':focus-visible'), 'focus-visible after a key').to.equal(true);
      expect(outline(h1)).to.equal('none');

      const continueButton = find(element, 'form button[type=submit]');
      continueButton.focus();
      expect(continueButton.matches(':focus-visible')).to.equal(true);
      expect(getComputedStyle(continueButton).backgroundColor, 'the button its yellow').to.equal(
        'rgb(255, 221, 0)',
      );
    });

    it('draws no box around a one-question page’s h1, nor the confirmation’s, in high contrast too', async () => {
      const element = await mount({ mode: 'kiosk', contrast: 'high' });
      await walkTo(element, 'fatherStatus');
      const h1 = heading(element);
      expect(h1.closest('legend') !== null, 'the question is the h1').to.equal(true);
      expect(focused(element)).to.equal(describeNode(h1));
      expect(outline(h1)).to.equal('none');

      const household = await mountHousehold({
        mode: 'kiosk',
        contrast: 'high',
        submit: async () => ({ dossierCode: 'HS-20250901-0004' }),
      });
      await answerAll(household);
      await tap(household, button(household, 'Gửi hồ sơ'));
      await submitted(household);
      const title = find(household, '.panel__title');
      expect(focused(household)).to.equal(describeNode(title));
      expect(outline(title)).to.equal('none');
    });
  });

  describe('"Thay đổi" lands on the answer (point 14)', () => {
    async function review(options: HouseholdOptions = {}) {
      const element = await mountHousehold(options);
      await answerAll(element);
      return element;
    }

    /** Taps the change link of the answer labelled `label` on review. */
    async function change(element: MotcuaProcedure, label: string) {
      const rows = Array.from(shadow(element).querySelectorAll('.summary-list__row'));
      const found = rows.find((candidate) => text(candidate.querySelector('dt')) === label);
      if (!found) throw new Error(`no answer "${label}" on review`);
      await tap(element, found.querySelector<HTMLElement>('button')!);
    }

    const cases = [
      ['Số điện thoại', 'contact', 'input#f-phone'],
      ['Nhận kết quả ở đâu?', 'contact', 'input#f-channel'],
      ['Ngày chuyển đến', 'contact', 'input#f-moveDate'],
      ['Thành viên hộ gia đình', 'household', 'input#f-members-0-fullName'],
    ] as const;
    for (const [label, step, control] of cases) {
      it(`opens "${step}" with focus on the control of "${label}"`, async () => {
        const element = await review({ mode: 'kiosk' });
        await change(element, label);
        expect(currentStep(element)).to.equal(step);
        expect(focused(element)).to.equal(control);
        const announced = text(find(element, '[role=status][aria-live=polite]'));
        expect(announced, 'the page still says which page it is').to.match(/^Bước \d: /);
        expect(exists(element, 'h1')).to.equal(true);
      });
    }

    it('says the page in English too, with focus on the first radio of the set', async () => {
      const element = await review({ lang: 'en' });
      await change(element, 'Where do you want the result?');
      expect(focused(element)).to.equal('input#f-channel');
      expect(text(find(element, '[role=status][aria-live=polite]'))).to.equal('Step 2: Contact');
      await expectAccessible(element, 'en portal, changing an answer from review');
    });
  });
});
