import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createManualClock } from '@motcua/core';
import { MotcuaProcedure, type StepChangeDetail, defineMotcuaProcedure } from '@motcua/elements';
import {
  BIRTH_REGISTRATION,
  BIRTH_STEPS,
  TODAY,
  button,
  clickContinue,
  completePage,
  controlId,
  currentStep,
  delayedSubmit,
  describeNode,
  exists,
  fillPage,
  find,
  focused,
  heading,
  mount,
  procedure,
  shadow,
  submitted,
  text,
  typeInto,
  walkTo,
  walkToQuestion,
} from './helpers.js';

const RECEIPT = { dossierCode: 'HS-20250901-0001' };

/** Every control's value in the shadow root, to check that nothing of the citizen is left. */
function controlValues(element: MotcuaProcedure): string[] {
  const root = shadow(element);
  const typed = Array.from(
    root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
      'input:not([type=radio]):not([type=checkbox]):not([type=file]), textarea, select',
    ),
  ).map((control) => control.value);
  const ticked = Array.from(root.querySelectorAll<HTMLInputElement>('input:checked')).map(
    (box) => `checked ${box.name}=${box.value}`,
  );
  return [...typed, ...ticked].filter(Boolean);
}

/** The live region that announces each new page to screen readers. */
/** The element's own status region (an address field has a live region of its own). */
function liveRegion(element: MotcuaProcedure): HTMLElement {
  return find(element, 'div.visually-hidden[aria-live="polite"]');
}

describe('<motcua-procedure> on the birth registration', () => {
  describe('the first step', () => {
    it('shows the step title as the h1, the progress "Bước 1" (no total), and no field yet in error', async () => {
      const element = await mount();
      expect(text(heading(element))).to.equal('Thông tin về bạn');
      expect(text(find(element, '.caption'))).to.equal('Bước 1');
      expect(shadow(element).querySelectorAll('h1').length).to.equal(1);
      expect(exists(element, '.error-summary')).to.equal(false);
    });

    it('marks only the optional phone "(không bắt buộc)", and puts no asterisk anywhere', async () => {
      const element = await mount();
      const phone = find(element, `label[for="${controlId('requesterPhone')}"]`);
      expect(text(phone)).to.equal('Số điện thoại của bạn (không bắt buộc)');
      expect(text(shadow(element))).to.include('(không bắt buộc)');
      expect(text(shadow(element)).match(/không bắt buộc/g)).to.have.length(1);
      expect(text(shadow(element))).not.to.include('*');
      // GOV.UK marks optional fields, never required ones: no asterisk drawn by CSS either.
      for (const label of shadow(element).querySelectorAll('label, legend, h1')) {
        for (const pseudo of ['::before', '::after']) {
          expect(
            getComputedStyle(label, pseudo).content,
            `${label.outerHTML} ${pseudo}`,
          ).not.to.include('*');
        }
      }
    });

    it('uses the question as the h1 on a one-question page', async () => {
      const element = await mount();
      await walkTo(element, 'fatherStatus');
      expect(text(heading(element))).to.equal('Đã xác định được cha của trẻ chưa?');
      expect(heading(element).closest('legend') !== null, 'the h1 is in the legend').to.equal(true);
      expect(text(find(element, '.caption'))).to.equal('Bước 5 · Cha của trẻ');
      expect(shadow(element).querySelectorAll('h1').length).to.equal(1);
    });
  });

  describe('Continue with errors', () => {
    const originalTitle = document.title;
    afterEach(() => {
      document.title = originalTitle;
    });

    it('with nothing filled, shows "Có lỗi cần sửa" and moves focus to it', async () => {
      document.title = 'Đăng ký khai sinh';
      const element = await mount();
      await clickContinue(element);
      const summary = find(element, '.error-summary');
      expect(text(summary.querySelector('h2'))).to.equal('Có lỗi cần sửa');
      expect(focused(element)).to.equal(describeNode(summary));
      expect(summary.getAttribute('tabindex')).to.equal('-1');
      expect(summary.querySelectorAll('a').length).to.equal(3);
      expect(document.title).to.equal('Lỗi: Đăng ký khai sinh');
      expect(currentStep(element)).to.equal('requester');
    });

    it('keeps every typed value when Continue is refused, and focuses the summary again', async () => {
      const element = await mount();
      await clickContinue(element);
      typeInto(find<HTMLInputElement>(element, '#f-requesterPersonalId'), '00119001234');
      typeInto(find<HTMLInputElement>(element, '#f-requesterPhone'), '0912 345 678');
      await element.updateComplete;
      await clickContinue(element);
      expect(focused(element)).to.equal(describeNode(find(element, '.error-summary')));
      expect(find<HTMLInputElement>(element, '#f-requesterPersonalId').value).to.equal(
        '00119001234',
      );
      expect(find<HTMLInputElement>(element, '#f-requesterPhone').value).to.equal('0912 345 678');
      expect(text(find(element, '#f-requesterPersonalId-error'))).to.include('12 chữ số');
    });

    it('links each error to its field, and the link moves focus to the field', async () => {
      const element = await mount();
      typeInto(find<HTMLInputElement>(element, '#f-requesterPersonalId'), '00119001234');
      await clickContinue(element);
      const links = Array.from(
        shadow(element).querySelectorAll<HTMLAnchorElement>('.error-summary a'),
      );
      expect(links.map((link) => link.getAttribute('href'))).to.deep.equal([
        '#f-requesterName',
        '#f-requesterRelationship',
        '#f-requesterPersonalId',
      ]);
      for (const link of links) {
        link.click();
        const target = link.getAttribute('href')!.slice(1);
        expect(shadow(element).activeElement?.id, `focus after ${text(link)}`).to.equal(target);
      }
      // The radio group's link lands on its first radio.
      expect(find(element, '#f-requesterRelationship').getAttribute('type')).to.equal('radio');
    });

    it('shows the same message by each field, after a visually hidden "Lỗi:", described by the control', async () => {
      const element = await mount();
      typeInto(find<HTMLInputElement>(element, '#f-requesterPersonalId'), '00119001234');
      await clickContinue(element);
      const errors = element.session!.snapshot.errors;
      expect(errors.map((error) => error.field)).to.deep.equal([
        'requesterName',
        'requesterRelationship',
        'requesterPersonalId',
      ]);
      const links = Array.from(shadow(element).querySelectorAll('.error-summary a'));
      for (const [index, error] of errors.entries()) {
        const id = `${controlId(error.field)}-error`;
        const inline = find(element, `#${id}`);
        const prefix = inline.querySelector('.visually-hidden');
        expect(text(prefix)).to.equal('Lỗi:');
        expect(getComputedStyle(prefix!).position).to.equal('absolute');
        expect(text(inline)).to.equal(`Lỗi: ${error.message}`);
        expect(text(links[index])).to.equal(error.message);
        // A text input carries the error itself; a radio group's fieldset carries it for its radios.
        const control = find(element, `#${controlId(error.field)}`);
        const described =
          control.getAttribute('type') === 'radio' ? control.closest('fieldset')! : control;
        expect(described.getAttribute('aria-describedby') ?? '', error.field).to.include(id);
      }
      expect(find(element, '#f-requesterName').getAttribute('aria-invalid')).to.equal('true');
    });

    it('takes "Lỗi: " off the page title once the page is fixed', async () => {
      document.title = 'Đăng ký khai sinh';
      const element = await mount();
      await clickContinue(element);
      expect(document.title).to.equal('Lỗi: Đăng ký khai sinh');
      await completePage(element);
      expect(document.title).to.equal('Đăng ký khai sinh');
    });
  });

  describe('moving between steps', () => {
    it('moves focus to the new step’s h1 and announces "Bước 2: Thông tin về trẻ"', async () => {
      const element = await mount();
      await completePage(element);
      expect(text(heading(element))).to.equal('Thông tin về trẻ');
      expect(focused(element)).to.equal(describeNode(heading(element)));
      expect(heading(element).getAttribute('tabindex')).to.equal('-1');
      expect(text(liveRegion(element))).to.equal('Bước 2: Thông tin về trẻ');
      expect(liveRegion(element).getAttribute('role')).to.equal('status');
    });

    it('focuses the question’s h1 on a one-question page', async () => {
      const element = await mount();
      await walkTo(element, 'fatherStatus');
      expect(focused(element)).to.equal(describeNode(heading(element)));
      expect(text(liveRegion(element))).to.equal('Bước 5: Cha của trẻ');
    });

    it('counts the father step once the father is determined: "Bước 6"', async () => {
      const element = await mount();
      await walkTo(element, 'father');
      expect(text(find(element, '.caption'))).to.equal('Bước 6');
      expect(text(heading(element))).to.equal('Thông tin về cha của trẻ');
    });

    it('never loses an answer on Back: two steps forward, back twice, every control still holds it', async () => {
      const element = await mount();
      await completePage(element);
      await completePage(element);
      expect(currentStep(element)).to.equal('childOrigin');
      // Answered but not yet continued: Back keeps it too.
      await fillPage(element, { childEthnicity: 'kinh' });

      button(element, 'Quay lại').click();
      await element.updateComplete;
      expect(currentStep(element)).to.equal('child');
      expect(find<HTMLInputElement>(element, '#f-childName').value).to.equal('Nguyễn Minh An');
      expect(find<HTMLInputElement>(element, '#f-childDateOfBirth').value).to.equal('20');
      expect(find<HTMLInputElement>(element, '#f-childDateOfBirth-month').value).to.equal('8');
      expect(find<HTMLInputElement>(element, '#f-childDateOfBirth-year').value).to.equal('2025');
      expect(find<HTMLInputElement>(element, 'input[name=childSex][value=male]').checked).to.equal(
        true,
      );
      expect(find<HTMLSelectElement>(element, '#f-childPlaceOfBirth').value).to.equal('01');
      expect(find<HTMLSelectElement>(element, '#f-childPlaceOfBirth-commune').value).to.equal(
        '00025',
      );
      expect(find<HTMLInputElement>(element, '#f-childBirthFacility').value).to.equal(
        'Bệnh viện Phụ sản Hà Nội',
      );
      expect(focused(element)).to.equal(describeNode(heading(element)));

      button(element, 'Quay lại').click();
      await element.updateComplete;
      expect(currentStep(element)).to.equal('requester');
      expect(find<HTMLInputElement>(element, '#f-requesterName').value).to.equal('Trần Thị Mai');
      expect(
        find<HTMLInputElement>(element, 'input[name=requesterRelationship][value=mother]').checked,
      ).to.equal(true);
      expect(find<HTMLInputElement>(element, '#f-requesterPersonalId').value).to.equal(
        '001190012345',
      );

      // Forward again without retyping: the answers are still valid.
      await clickContinue(element);
      await clickContinue(element);
      expect(currentStep(element)).to.equal('childOrigin');
      expect(find<HTMLSelectElement>(element, '#f-childEthnicity').value).to.equal('kinh');
    });

    it('has no Back on the first step', async () => {
      const element = await mount();
      expect(() => button(element, 'Quay lại')).to.throw();
    });
  });

  describe('review', () => {
    it('shows every answer under its step, as the citizen chose it', async () => {
      const element = await mount();
      await walkTo(element, 'review');
      expect(text(heading(element))).to.equal('Kiểm tra lại thông tin');
      expect(focused(element)).to.equal(describeNode(heading(element)));
      const answers = element.session!.snapshot.answers;
      for (const step of BIRTH_STEPS) {
        const definition = procedure.step(step)!;
        const title = Array.from(shadow(element).querySelectorAll('h2')).find(
          (h2) => text(h2) === (definition.title as { vi: string }).vi,
        );
        expect(title !== undefined, `a heading for step ${step}`).to.equal(true);
        const list = title!.nextElementSibling!;
        expect(list.tagName, `the list after ${step}`).to.equal('DL');
        const keys = Array.from(list.querySelectorAll('dt')).map(text);
        const labels = procedure
          .visibleFields(step, answers)
          .map((field) => (field.label as { vi: string }).vi);
        expect(keys, `the questions of ${step}`).to.deep.equal(labels);
      }
      const row = (label: string) =>
        Array.from(shadow(element).querySelectorAll('dt')).find((dt) => text(dt) === label)!
          .nextElementSibling!;
      expect(text(row('Họ, chữ đệm và tên của bạn'))).to.equal('Trần Thị Mai');
      expect(text(row('Bạn là gì của trẻ?'))).to.equal('Mẹ');
      expect(text(row('Ngày, tháng, năm sinh'))).to.equal('20/08/2025');
      expect(text(row('Dân tộc của trẻ'))).to.equal('Kinh');
      expect(text(row('Bạn cần bao nhiêu bản sao?'))).to.equal('2');
      expect(text(row('Giấy chứng sinh'))).to.equal('giay-chung-sinh.pdf');
      expect(text(row('Số điện thoại của bạn'))).to.equal('Chưa cung cấp');
    });

    it('lists the documents to bring', async () => {
      const element = await mount();
      await walkTo(element, 'review');
      const title = Array.from(shadow(element).querySelectorAll('h2')).find(
        (h2) => text(h2) === 'Giấy tờ cần mang theo',
      );
      expect(title !== undefined, 'a heading for the documents').to.equal(true);
      const items = Array.from(shadow(element).querySelectorAll('.review ul li')).map(text);
      expect(items).to.include.members([
        'Giấy chứng sinh',
        'Giấy tờ tùy thân của người đi đăng ký',
        'Giấy chứng nhận kết hôn của cha, mẹ trẻ (nếu có)',
      ]);
      expect(items).not.to.include('Văn bản của người làm chứng xác nhận về việc sinh');
    });

    it('has a "Thay đổi" button per answer, naming the question to screen readers', async () => {
      const element = await mount();
      await walkTo(element, 'review');
      const rows = Array.from(shadow(element).querySelectorAll('.summary-list__row'));
      const changes = Array.from(shadow(element).querySelectorAll('dl button'));
      expect(changes.length).to.equal(rows.length);
      for (const row of rows) {
        const label = text(row.querySelector('dt'));
        const change = row.querySelector('button')!;
        expect(text(change)).to.equal(`Thay đổi ${label}`);
        const hidden = change.querySelector('.visually-hidden');
        expect(text(hidden)).to.equal(label);
      }
    });

    it('"Thay đổi" goes to that step with focus on the answer, and Continue comes back to review with the change', async () => {
      const element = await mount();
      await walkTo(element, 'review');
      const change = Array.from(
        shadow(element).querySelectorAll<HTMLButtonElement>('dl button'),
      ).find((candidate) => text(candidate) === 'Thay đổi Họ, chữ đệm và tên của trẻ')!;
      change.click();
      await element.updateComplete;
      expect(currentStep(element)).to.equal('child');
      expect(focused(element)).to.equal('input#f-childName');
      expect(find<HTMLInputElement>(element, '#f-childName').value).to.equal('Nguyễn Minh An');
      typeInto(find<HTMLInputElement>(element, '#f-childName'), 'Nguyễn Minh Khang');
      await clickContinue(element);
      expect(element.session!.snapshot.status).to.equal('review');
      expect(text(heading(element))).to.equal('Kiểm tra lại thông tin');
      expect(text(shadow(element))).to.include('Nguyễn Minh Khang');
    });
  });

  describe('sending', () => {
    it('sends once on a double click, with the button disabled while sending', async () => {
      const send = delayedSubmit(RECEIPT, 50);
      const element = await mount({ submit: send });
      await walkTo(element, 'review');
      const submit = button(element, 'Gửi hồ sơ');
      submit.click();
      submit.click();
      await element.updateComplete;
      const sending = button(element, 'Đang gửi hồ sơ…');
      expect(sending.disabled).to.equal(true);
      sending.click();
      await submitted(element);
      expect(send.calls).to.have.length(1);
      expect(send.calls[0]!.childDateOfBirth).to.equal('2025-08-20');
      expect(send.calls[0]!.fatherName).to.equal('Nguyễn Văn Bình');
      expect(send.calls[0]!).not.to.have.property('requesterPhone');
    });

    it('confirms with the dossier code from the receipt, the processing time and a print button', async () => {
      const element = await mount({ submit: delayedSubmit(RECEIPT) });
      await walkTo(element, 'review');
      const done = oneEvent(element, 'motcua-submitted');
      button(element, 'Gửi hồ sơ').click();
      const event = await done;
      expect(event.detail.receipt).to.deep.equal(RECEIPT);
      expect(event.bubbles && event.composed).to.equal(true);
      await element.updateComplete;
      expect(text(heading(element))).to.equal('Đã gửi hồ sơ');
      expect(focused(element)).to.equal(describeNode(heading(element)));
      expect(text(find(element, '.dossier-code'))).to.equal('HS-20250901-0001');
      expect(text(shadow(element))).to.include(
        'Thời gian giải quyết: trong ngày. Nếu hồ sơ được nhận sau 15 giờ',
      );
      expect(button(element, 'In trang này').type).to.equal('button');
      expect(text(liveRegion(element))).to.equal('Đã gửi hồ sơ. Mã hồ sơ: HS-20250901-0001');
    });

    it('shows a failed submission with "Gửi lại", keeps the answers, and the retry goes through', async () => {
      let attempts = 0;
      const element = await mount({
        submit: async () => {
          attempts += 1;
          await new Promise((resolve) => setTimeout(resolve, 10));
          if (attempts === 1) throw new Error('503 Service Unavailable');
          return { dossierCode: 'HS-20250901-0002' };
        },
      });
      await walkTo(element, 'review');
      const titleBefore = document.title;
      document.title = 'Đăng ký khai sinh';
      const failed = oneEvent(element, 'motcua-failed');
      button(element, 'Gửi hồ sơ').click();
      const event = await failed;
      expect(event.detail.cause).to.equal('503 Service Unavailable');
      await element.updateComplete;

      const alert = find(element, '.error-summary[role=alert]');
      expect(text(alert)).to.include('Hồ sơ chưa được gửi');
      expect(text(alert)).to.include('Những gì bạn đã nhập vẫn được giữ nguyên');
      // The problem takes focus, as the error summary does, so a screen reader hears it.
      expect(shadow(element).activeElement?.className).to.equal(
        'error-summary error-summary--service',
      );
      expect(document.title).to.equal('Lỗi: Đăng ký khai sinh');
      expect(text(heading(element))).to.equal('Kiểm tra lại thông tin');
      expect(text(shadow(element))).to.include('Trần Thị Mai');
      expect(element.session!.snapshot.answers.requesterName).to.equal('Trần Thị Mai');

      button(element, 'Gửi lại').click();
      await submitted(element);
      expect(attempts).to.equal(2);
      expect(text(find(element, '.dossier-code'))).to.equal('HS-20250901-0002');
      expect(document.title).to.equal('Đăng ký khai sinh');
      document.title = titleBefore;
    });
  });

  describe('events and reset', () => {
    it('fires motcua-step-change, bubbling out of the element, on each new page', async () => {
      const element = await mount();
      const changed = oneEvent(document, 'motcua-step-change');
      await completePage(element);
      const event = (await changed) as CustomEvent<StepChangeDetail>;
      expect(event.target === element, 'dispatched by the element').to.equal(true);
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({ status: 'filling', step: 'child', index: 1, count: 8 });
    });

    it('reset() forgets every answer: nothing of the citizen is left on screen, and fires motcua-reset', async () => {
      const element = await mount();
      await walkTo(element, 'review');
      expect(text(shadow(element))).to.include('Trần Thị Mai');
      const reset = oneEvent(document, 'motcua-reset');
      element.reset();
      const event = await reset;
      expect(event.bubbles && event.composed).to.equal(true);
      await element.updateComplete;
      expect(currentStep(element)).to.equal('requester');
      expect(text(heading(element))).to.equal('Thông tin về bạn');
      expect(controlValues(element)).to.deep.equal([]);
      expect(text(shadow(element))).not.to.include('Trần Thị Mai');
      expect(element.session!.snapshot.answers).to.deep.equal({});
      // Each step shows empty again, not the previous citizen's answers.
      await clickContinue(element);
      expect(exists(element, '.error-summary')).to.equal(true);
    });

    it('reset() mid-step clears the typed values of the page on screen', async () => {
      const element = await mount();
      await fillPage(element, BIRTH_REGISTRATION.requester!);
      element.reset();
      await element.updateComplete;
      expect(controlValues(element)).to.deep.equal([]);
    });

    it('"Làm hồ sơ mới" on the confirmation starts again with nothing filled', async () => {
      const element = await mount({ submit: delayedSubmit(RECEIPT, 0) });
      await walkTo(element, 'review');
      button(element, 'Gửi hồ sơ').click();
      await submitted(element);
      button(element, 'Làm hồ sơ mới').click();
      await element.updateComplete;
      expect(currentStep(element)).to.equal('requester');
      expect(controlValues(element)).to.deep.equal([]);
      expect(text(shadow(element))).not.to.include('HS-20250901-0001');
    });
  });

  describe('language', () => {
    it('switches to English with the toolbar button, keeping the answers', async () => {
      const element = await mount();
      typeInto(find<HTMLInputElement>(element, '#f-requesterName'), 'Trần Thị Mai');
      await element.updateComplete;
      button(element, 'English').click();
      await element.updateComplete;
      expect(element.lang).to.equal('en');
      expect(text(find(element, '.caption'))).to.equal('Step 1');
      expect(text(heading(element))).to.equal('About you');
      expect(text(find(element, 'form button[type=submit]'))).to.equal('Continue');
      expect(find<HTMLInputElement>(element, '#f-requesterName').value).to.equal('Trần Thị Mai');
      expect(find(element, '.page').getAttribute('lang')).to.equal('en');

      await clickContinue(element);
      expect(text(find(element, '.error-summary h2'))).to.equal('There is a problem');
      expect(text(find(element, '#f-requesterRelationship-error'))).to.match(/^Error: /);
      expect(find<HTMLInputElement>(element, '#f-requesterName').value).to.equal('Trần Thị Mai');

      button(element, 'Tiếng Việt').click();
      await element.updateComplete;
      expect(text(find(element, '.error-summary h2'))).to.equal('Có lỗi cần sửa');
      expect(text(find(element, '#f-requesterRelationship-error'))).to.match(/^Lỗi: /);
    });

    it('follows the lang attribute set by the host, on a later step, keeping the answers', async () => {
      const element = await mount();
      await completePage(element);
      await fillPage(element, { childName: 'Nguyễn Minh An' });
      element.setAttribute('lang', 'en');
      await element.updateComplete;
      expect(text(find(element, '.caption'))).to.equal('Step 2');
      expect(text(heading(element))).to.equal('About the child');
      expect(find<HTMLInputElement>(element, '#f-childName').value).to.equal('Nguyễn Minh An');
      button(element, 'Back').click();
      await element.updateComplete;
      expect(find<HTMLInputElement>(element, '#f-requesterName').value).to.equal('Trần Thị Mai');
    });

    it('translates the errors on screen when the language changes', async () => {
      const element = await mount();
      await clickContinue(element);
      const vietnamese = text(find(element, '.error-summary a'));
      element.setAttribute('lang', 'en');
      await element.updateComplete;
      const english = text(find(element, '.error-summary a'));
      expect(english).not.to.equal(vietnamese);
      expect(english).to.equal(element.session!.snapshot.errors[0]!.message);
    });
  });

  describe('language and the page title', () => {
    const originalTitle = document.title;
    afterEach(() => {
      document.title = originalTitle;
    });

    it('says "Error: " in the page title once the language changes to English with errors showing', async () => {
      document.title = 'Birth registration';
      const element = await mount();
      await clickContinue(element);
      expect(document.title).to.equal('Lỗi: Birth registration');
      element.setAttribute('lang', 'en');
      await element.updateComplete;
      expect(document.title).to.equal('Error: Birth registration');
    });
  });

  describe('loading by src', () => {
    const clock = () => createManualClock(TODAY);

    it('loads the compiled procedure module from a URL', async () => {
      const url = new URL(
        '../../../examples/procedures/birth-registration.procedure.json',
        import.meta.url,
      ).href;
      const element = await fixture<MotcuaProcedure>(
        html`<motcua-procedure .clock=${clock()} src=${url} lang="vi"></motcua-procedure>`,
      );
      await element.loaded;
      await element.updateComplete;
      expect(element.procedure?.id).to.equal('birth-registration');
      expect(text(heading(element))).to.equal('Thông tin về bạn');
      await completePage(element);
      expect(currentStep(element)).to.equal('child');
    });

    it('resolves a relative src against the page, as a host writes it in its HTML', async () => {
      // A page at /examples/portal/ writes src="../procedures/…": relative to the page, like
      // <img src>, not to the module of the element that happens to load it.
      const target = new URL(
        '../../../examples/procedures/birth-registration.procedure.json',
        import.meta.url,
      );
      const base = new URL('.', document.baseURI);
      const depth = base.pathname.split('/').filter(Boolean).length;
      const relative = `./${'../'.repeat(depth)}${target.pathname.slice(1)}`;
      expect(new URL(relative, document.baseURI).href).to.equal(target.href);
      const element = await fixture<MotcuaProcedure>(
        html`<motcua-procedure .clock=${clock()} src=${relative} lang="vi"></motcua-procedure>`,
      );
      await element.loaded;
      await element.updateComplete;
      expect(text(element.shadowRoot!.querySelector('[role=alert]'))).to.equal('');
      expect(text(heading(element))).to.equal('Thông tin về bạn');
    });

    it('says clearly that the procedure could not be loaded when the URL fails, and tries again', async () => {
      const url = new URL('./no-such.procedure.json', import.meta.url).href;
      const element = await fixture<MotcuaProcedure>(
        html`<motcua-procedure .clock=${clock()} src=${url} lang="vi"></motcua-procedure>`,
      );
      await element.loaded;
      await element.updateComplete;
      const alert = find(element, '[role=alert]');
      // Nothing typed yet: nothing said about keeping it.
      expect(text(alert)).to.equal(
        'Chưa tải được thủ tục. Hãy kiểm tra kết nối mạng rồi bấm “Thử lại”, hoặc nhờ cán bộ hỗ trợ.',
      );
      expect(element.loadError).to.be.a('string').and.not.equal('');
      const retry = find(element, '.load-failed__retry') as HTMLButtonElement;
      expect(text(retry)).to.equal('Thử lại');
      const before = element.loadError;
      retry.click();
      expect(element.loadError).to.equal(undefined);
      // It fails again here (there is no such file): said again, the new button focused, so
      // that a keyboard user can try once more.
      await waitUntil(
        () => element.shadowRoot!.activeElement?.classList.contains('load-failed__retry') === true,
        'the new "Thử lại" takes focus',
      );
      expect(element.loadError).to.equal(before);
    });
  });

  describe('its tag', () => {
    it('can be defined under another name beside <motcua-procedure>', async () => {
      const Renamed = defineMotcuaProcedure('test-procedure');
      expect(defineMotcuaProcedure('test-procedure')).to.equal(Renamed);
      expect(customElements.get('test-procedure')).to.equal(Renamed);
      expect(customElements.get('motcua-procedure')).to.equal(MotcuaProcedure);
      expect(Renamed).not.to.equal(MotcuaProcedure);

      const renamed = document.createElement('test-procedure') as MotcuaProcedure;
      renamed.clock = createManualClock(TODAY);
      renamed.procedure = procedure;
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      host.append(renamed);
      await renamed.updateComplete;
      expect(renamed instanceof MotcuaProcedure, 'a MotcuaProcedure').to.equal(true);
      expect(text(heading(renamed))).to.equal('Thông tin về bạn');
      await completePage(renamed);
      expect(currentStep(renamed)).to.equal('child');

      const original = await mount();
      expect(text(heading(original))).to.equal('Thông tin về bạn');
    });
  });

  describe('kiosk mode', () => {
    it('sets body text at 20px or more', async () => {
      const element = await mount({ mode: 'kiosk' });
      const description = find(element, 'p.body');
      expect(parseFloat(getComputedStyle(description).fontSize)).to.be.at.least(20);
      const label = find(element, `label[for="${controlId('requesterName')}"]`);
      expect(parseFloat(getComputedStyle(label).fontSize)).to.be.at.least(20);
    });

    it('makes Continue and each radio at least 48px tall', async () => {
      const element = await mount({ mode: 'kiosk' });
      await walkToQuestion(element, 'requesterRelationship');
      const continueButton = find(element, 'form button[type=submit]');
      expect(continueButton.getBoundingClientRect().height).to.be.at.least(48);
      const radios = Array.from(
        shadow(element).querySelectorAll<HTMLInputElement>('input[name=requesterRelationship]'),
      );
      expect(radios.length).to.equal(5);
      for (const radio of radios) {
        expect(radio.getBoundingClientRect().height, `radio ${radio.value}`).to.be.at.least(48);
        const label = find(element, `label[for="${radio.id}"]`);
        expect(label.getBoundingClientRect().height, `label of ${radio.value}`).to.be.at.least(48);
      }
    });

    it('switches high contrast and larger text, saying which is on with aria-pressed', async () => {
      const element = await mount({ mode: 'kiosk' });
      const contrast = button(element, 'Tương phản cao');
      const size = button(element, 'Chữ to hơn');
      expect(contrast.getAttribute('aria-pressed')).to.equal('false');
      expect(size.getAttribute('aria-pressed')).to.equal('false');
      const before = parseFloat(getComputedStyle(find(element, 'p.body')).fontSize);

      contrast.click();
      await element.updateComplete;
      expect(element.getAttribute('contrast')).to.equal('high');
      expect(button(element, 'Tương phản cao').getAttribute('aria-pressed')).to.equal('true');

      size.click();
      await element.updateComplete;
      expect(element.getAttribute('text-size')).to.equal('large');
      expect(button(element, 'Chữ to hơn').getAttribute('aria-pressed')).to.equal('true');
      expect(parseFloat(getComputedStyle(find(element, 'p.body')).fontSize)).to.be.above(before);

      button(element, 'Tương phản cao').click();
      button(element, 'Chữ to hơn').click();
      await element.updateComplete;
      expect(element.getAttribute('contrast')).to.equal('normal');
      expect(element.getAttribute('text-size')).to.equal('normal');
      expect(button(element, 'Tương phản cao').getAttribute('aria-pressed')).to.equal('false');
      expect(button(element, 'Chữ to hơn').getAttribute('aria-pressed')).to.equal('false');
    });

    it('offers the contrast and text-size switches only in kiosk mode', async () => {
      const element = await mount();
      expect(() => button(element, 'Tương phản cao')).to.throw();
      expect(() => button(element, 'Chữ to hơn')).to.throw();
    });
  });
});

describe('<motcua-procedure> help and theming', () => {
  it('fires motcua-help with the step when the citizen asks for help', async () => {
    const element = await mount();
    await walkTo(element, 'child');
    const help = oneEvent(element, 'motcua-help');
    button(element, 'Cần trợ giúp').click();
    const event = await help;
    expect(event.detail).to.deep.equal({ step: 'child', status: 'filling' });
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('takes its colours from custom properties and exposes parts for hosts to style', async () => {
    const style = document.createElement('style');
    style.textContent = `
      motcua-procedure.themed { --motcua-color-brand: rgb(128, 0, 128); --motcua-font-size: 24px; }
      motcua-procedure.themed::part(button) { text-transform: uppercase; }
    `;
    document.head.append(style);
    try {
      const element = await mount();
      element.classList.add('themed');
      await element.updateComplete;
      const link = button(element, 'Cần trợ giúp');
      expect(getComputedStyle(link).color).to.equal('rgb(128, 0, 128)');
      expect(getComputedStyle(element).fontSize).to.equal('24px');
      const continueButton = find<HTMLButtonElement>(element, '[part=button]');
      expect(getComputedStyle(continueButton).textTransform).to.equal('uppercase');
      expect(find(element, '[part=page]')).to.not.equal(null);
      expect(find(element, '[part=toolbar]')).to.not.equal(null);
    } finally {
      style.remove();
    }
  });
});
