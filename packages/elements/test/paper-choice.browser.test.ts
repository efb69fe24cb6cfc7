import { expect, fixture, html } from '@open-wc/testing';
import { type Answers, createManualClock, createProcedure } from '@motcua/core';
import type { MotcuaProcedure } from '@motcua/elements';
import {
  BIRTH_REGISTRATION,
  TODAY,
  addressData,
  button,
  chooseFile,
  clickContinue,
  controlId,
  delayedSubmit,
  exists,
  expectAccessible,
  find,
  mount,
  procedure,
  shadow,
  submitted,
  text,
  walkTo,
} from './helpers.js';

// Walk-ins without files: in kiosk mode a required upload may be answered "Tôi sẽ mang bản giấy
// đến quầy" ({ paper: true }); review says so, and the papers to bring list it. A definition may
// forbid it per field (`paper: false`), a site for the whole kiosk (files-at-counter="false"),
// and a portal never offers it: at home the citizen can scan.

const PAPER = 'Tôi sẽ mang bản giấy đến quầy';
const paperBox = (element: MotcuaProcedure, field = 'birthNotice') =>
  shadow(element).querySelector<HTMLInputElement>(`#${controlId(field)}-paper`);

/** The kiosk on the upload page of the birth registration (birth notice asked for). */
async function onUploadPage(options: Parameters<typeof mount>[0] = {}) {
  const element = await mount({ mode: 'kiosk', speech: null, ...options });
  await walkTo(element, 'attachments');
  return element;
}

function reviewRow(element: MotcuaProcedure, label: string): string {
  const row = Array.from(shadow(element).querySelectorAll('.summary-list__row')).find(
    (candidate) => text(candidate.querySelector('dt')) === label,
  );
  if (!row) throw new Error(`no review row "${label}"`);
  return text(row.querySelector('.summary-list__value'));
}

/** The list under "Giấy tờ cần mang theo" (review and confirmation). */
function papersToBring(element: MotcuaProcedure): string[] {
  const heading = Array.from(shadow(element).querySelectorAll('h2')).find((candidate) =>
    ['Giấy tờ cần mang theo', 'Documents to bring'].includes(text(candidate)),
  );
  let list = heading?.nextElementSibling;
  while (list && list.tagName !== 'UL') list = list.nextElementSibling;
  return Array.from(list?.querySelectorAll('li') ?? []).map((item) => text(item));
}

describe('"Tôi sẽ mang bản giấy đến quầy": a required upload answered on paper (kiosk mode)', () => {
  it('answers { paper: true }, which satisfies the required upload', async () => {
    const element = await onUploadPage();
    const box = paperBox(element)!;
    expect(text(box.labels![0])).to.equal(`${PAPER} (Giấy chứng sinh)`);
    expect(box.checked).to.equal(false);
    await clickContinue(element);
    expect(element.session!.snapshot.errors.map((error) => error.field)).to.deep.equal([
      'birthNotice',
    ]);
    paperBox(element)!.click();
    await element.updateComplete;
    expect(element.session!.snapshot.answers.birthNotice).to.deep.equal({ paper: true });
    await clickContinue(element);
    expect(element.session!.snapshot.errors).to.deep.equal([]);
    expect(element.session!.snapshot.status).to.equal('review');
  });

  it('shows "Mang bản giấy đến quầy" on review and marks the paper among the papers to bring, on review and on the confirmation', async () => {
    const send = delayedSubmit({ dossierCode: 'HS-PAPER-1' });
    const element = await onUploadPage({ submit: send });
    paperBox(element)!.click();
    await element.updateComplete;
    await clickContinue(element);
    expect(reviewRow(element, 'Giấy chứng sinh')).to.equal('Mang bản giấy đến quầy');
    const papers = [
      'Giấy chứng sinh (bản giấy)',
      'Giấy tờ tùy thân của người đi đăng ký',
      'Giấy chứng nhận kết hôn của cha, mẹ trẻ (nếu có)',
    ];
    expect(papersToBring(element)).to.deep.equal(papers);
    await expectAccessible(element, 'review with a paper, vi');

    const sent: Answers[] = [];
    element.addEventListener('motcua-submit', (event) => sent.push(event.detail.answers));
    button(element, 'Gửi hồ sơ').click();
    await submitted(element);
    expect(sent[0]?.birthNotice).to.deep.equal({ paper: true });
    expect(send.calls[0]?.birthNotice).to.deep.equal({ paper: true });
    expect(papersToBring(element)).to.deep.equal(papers);
  });

  it('lists a paper that is not among the documents after them', async () => {
    const element = await mount({ mode: 'kiosk', speech: null });
    await walkTo(element, 'birthNoticeStatus');
    find<HTMLInputElement>(element, 'input[name=hasBirthNotice][value=no]').click();
    await element.updateComplete;
    await clickContinue(element);
    paperBox(element, 'witnessStatement')!.click();
    await element.updateComplete;
    await clickContinue(element);
    expect(papersToBring(element)).to.deep.equal([
      'Văn bản của người làm chứng xác nhận về việc sinh (bản giấy)',
      'Giấy tờ tùy thân của người đi đăng ký',
      'Giấy chứng nhận kết hôn của cha, mẹ trẻ (nếu có)',
    ]);
  });

  it('in English: "Bringing the paper to the counter" and "(on paper)"', async () => {
    const element = await onUploadPage({ lang: 'en' });
    expect(text(paperBox(element)!.labels![0])).to.equal(
      'I will bring the paper to the counter (Birth notice)',
    );
    paperBox(element)!.click();
    await element.updateComplete;
    await clickContinue(element);
    expect(reviewRow(element, 'Birth notice')).to.equal('Bringing the paper to the counter');
    expect(papersToBring(element)[0]).to.equal('Birth notice (on paper)');
    await expectAccessible(element, 'review with a paper, en');
  });

  it('unticks when a file is chosen after all, and drops the chosen file when ticked', async () => {
    const element = await onUploadPage();
    const input = find<HTMLInputElement>(element, `#${controlId('birthNotice')}`);
    chooseFile(input, BIRTH_REGISTRATION.attachments!.birthNotice as never);
    await element.updateComplete;
    expect(element.files.get('birthNotice')?.length).to.equal(1);
    paperBox(element)!.click();
    await element.updateComplete;
    expect(element.session!.snapshot.answers.birthNotice).to.deep.equal({ paper: true });
    expect(element.files.has('birthNotice'), 'the file the citizen gave up is dropped').to.equal(
      false,
    );
    expect(exists(element, '.file-upload__remove')).to.equal(false);
    expect(input.value).to.equal('');

    chooseFile(input, BIRTH_REGISTRATION.attachments!.birthNotice as never);
    await element.updateComplete;
    expect(paperBox(element)!.checked).to.equal(false);
    expect(element.session!.snapshot.answers.birthNotice).to.deep.include({
      name: 'giay-chung-sinh.pdf',
    });

    // Unticking leaves the question unanswered, and the required upload is asked again.
    paperBox(element)!.click();
    await element.updateComplete;
    paperBox(element)!.click();
    await element.updateComplete;
    expect(element.session!.snapshot.answers.birthNotice).to.equal(undefined);
    await clickContinue(element);
    expect(element.session!.snapshot.errors.map((error) => error.field)).to.deep.equal([
      'birthNotice',
    ]);
  });

  it('is still ticked when the citizen comes back to the page from review', async () => {
    const element = await onUploadPage();
    paperBox(element)!.click();
    await element.updateComplete;
    await clickContinue(element);
    button(element, /^Thay đổi\s+Giấy chứng sinh$/).click();
    await element.updateComplete;
    expect(paperBox(element)!.checked).to.equal(true);
  });

  it('is not offered with files-at-counter="false" (the site takes no papers at the counter)', async () => {
    const element = await fixture<MotcuaProcedure>(
      html`<motcua-procedure
        .clock=${createManualClock(TODAY)}
        .procedure=${procedure}
        .addressData=${addressData}
        .speech=${null}
        mode="kiosk"
        files-at-counter="false"
      ></motcua-procedure>`,
    );
    await element.loaded;
    await element.updateComplete;
    expect(element.filesAtCounter).to.equal(false);
    await walkTo(element, 'attachments');
    expect(paperBox(element)).to.equal(null);
    expect(exists(element, `#${controlId('birthNotice')}`)).to.equal(true);
    // The property turns it back on (the kiosk sets it from the site's settings).
    element.filesAtCounter = true;
    await element.updateComplete;
    expect(paperBox(element)).to.not.equal(null);
  });

  it('is never offered in portal mode', async () => {
    const element = await mount({ mode: 'portal' });
    await walkTo(element, 'attachments');
    expect(paperBox(element)).to.equal(null);
    expect(exists(element, '.file-upload__paper')).to.equal(false);
  });

  it('is not offered for a field whose definition says `paper: false`', async () => {
    const custom = createProcedure({
      id: 'paper-test',
      version: '1',
      title: { vi: 'Thử', en: 'Test' },
      steps: [
        {
          id: 'files',
          title: { vi: 'Giấy tờ', en: 'Papers' },
          fields: [
            // One page at the kiosk (one question per page otherwise), to see both at once.
            {
              id: 'photo',
              type: 'file',
              label: { vi: 'Ảnh', en: 'Photo' },
              required: true,
              together: 'files',
            },
            {
              id: 'scan',
              type: 'file',
              label: { vi: 'Bản quét', en: 'Scan' },
              required: true,
              paper: false,
              together: 'files',
            },
          ],
        },
      ],
    });
    const element = await fixture<MotcuaProcedure>(
      html`<motcua-procedure
        .clock=${createManualClock(TODAY)}
        .procedure=${custom}
        .speech=${null}
        mode="kiosk"
      ></motcua-procedure>`,
    );
    await element.loaded;
    await element.updateComplete;
    expect(paperBox(element, 'photo')).to.not.equal(null);
    expect(paperBox(element, 'scan')).to.equal(null);
    paperBox(element, 'photo')!.click();
    await element.updateComplete;
    await clickContinue(element);
    expect(element.session!.snapshot.errors.map((error) => error.field)).to.deep.equal(['scan']);
    await expectAccessible(element, 'two uploads, one on paper, with an error');
  });

  it('works in a group’s rows: the row’s file is answered on paper and listed to bring', async () => {
    const custom = createProcedure({
      id: 'paper-rows',
      version: '1',
      title: { vi: 'Thử', en: 'Test' },
      steps: [
        {
          id: 'members',
          title: { vi: 'Thành viên', en: 'Members' },
          fields: [
            {
              id: 'members',
              type: 'group',
              label: { vi: 'Thành viên', en: 'Members' },
              minRows: 1,
              fields: [
                { id: 'name', type: 'text', label: { vi: 'Họ và tên', en: 'Name' } },
                {
                  id: 'idCard',
                  type: 'file',
                  label: { vi: 'Ảnh thẻ Căn cước', en: 'Identity card photo' },
                  required: true,
                },
              ],
            },
          ],
        },
      ],
    });
    const element = await fixture<MotcuaProcedure>(
      html`<motcua-procedure
        .clock=${createManualClock(TODAY)}
        .procedure=${custom}
        .answers=${{ members: [{ name: 'Lê Văn Tám' }] }}
        .speech=${null}
        mode="kiosk"
      ></motcua-procedure>`,
    );
    await element.loaded;
    await element.updateComplete;
    const box = shadow(element).querySelector<HTMLInputElement>('#f-members-0-idCard-paper');
    expect(box, 'the choice in the row').to.not.equal(null);
    box!.click();
    await element.updateComplete;
    expect(element.session!.snapshot.answers.members).to.deep.equal([
      { name: 'Lê Văn Tám', idCard: { paper: true } },
    ]);
    await clickContinue(element);
    expect(element.session!.snapshot.status).to.equal('review');
    expect(papersToBring(element)).to.deep.equal(['Ảnh thẻ Căn cước (bản giấy)']);
  });

  for (const lang of ['vi', 'en'] as const) {
    for (const contrast of ['normal', 'high'] as const) {
      it(`passes axe (WCAG 2.2 AA) on the upload page: with the error, ticked, ${lang}, ${contrast} contrast`, async () => {
        const element = await onUploadPage({ lang, contrast });
        await clickContinue(element);
        expect(exists(element, '.error-summary')).to.equal(true);
        await expectAccessible(element, `upload page with error, ${lang}, ${contrast}`);
        paperBox(element)!.click();
        await element.updateComplete;
        await expectAccessible(element, `upload page, paper ticked, ${lang}, ${contrast}`);
        await clickContinue(element);
        await expectAccessible(element, `review with a paper, ${lang}, ${contrast}`);
      });
    }
  }
});
