import { expect } from '@open-wc/testing';
import { type Answers, createManualClock, createSession } from '@motcua/core';
import procedure from '../../../examples/procedures/birth-registration.procedure.json';

// The page gets the procedure as the compiler's module: definition plus Ajv's standalone
// validators, no Ajv compiler, no eval. This runs the engine on it in Chromium.
describe('a compiled procedure in the browser', () => {
  const clock = createManualClock('2025-09-01T09:00:00+07:00');

  it('is the birth registration procedure, ready to run', () => {
    expect(procedure.id).to.equal('birth-registration');
    expect(procedure.steps.map((step) => step.id)).to.include('fatherStatus');
  });

  it('validates with its compiled validators: the personal ID pattern and the file type', () => {
    const errors = procedure.validate(
      {
        requesterPersonalId: '12345',
        birthNotice: { name: 'a.heic', type: 'image/heic', size: 1 },
        hasBirthNotice: 'yes',
      },
      { clock },
    ).errors;
    const codes = Object.fromEntries(errors.map((error) => [error.field, error.code]));
    expect(codes.requesterPersonalId).to.equal('pattern');
    expect(codes.birthNotice).to.equal('fileType');
  });

  it('completes the journey without a father and submits only what was asked', async () => {
    const session = createSession(procedure, { clock });
    const pages: Record<string, Record<string, unknown>> = {
      requester: {
        requesterName: 'Trần Thị Mai',
        requesterRelationship: 'mother',
        requesterPersonalId: '001190012345',
      },
      child: {
        childName: 'Nguyễn Minh An',
        childDateOfBirth: { day: '20', month: '8', year: '2025' },
        childSex: 'male',
        childPlaceOfBirth: { province: '01', commune: '00025' },
        childBirthFacility: 'Bệnh viện Phụ sản Hà Nội',
      },
      childOrigin: {
        childEthnicity: 'kinh',
        childNationality: 'vn',
        childHomeTown: { province: '01', commune: '00640' },
      },
      mother: {
        motherName: 'Trần Thị Mai',
        motherBirthYear: '1995',
        motherEthnicity: 'kinh',
        motherNationality: 'vn',
        motherResidence: { province: '01', commune: '00331', detail: 'Số 12, ngõ 5, phố Tân Mai' },
      },
      fatherStatus: { fatherDetermined: 'no' },
      copies: { wantCopies: 'no' },
      birthNoticeStatus: { hasBirthNotice: 'yes' },
      attachments: {
        birthNotice: { name: 'giay-chung-sinh.pdf', type: 'application/pdf', size: 1000 },
      },
    };
    while (session.snapshot.status === 'filling') {
      const id = session.snapshot.step?.id ?? '';
      for (const [field, value] of Object.entries(pages[id] ?? {}))
        session.set(field, value as Answers[string]);
      const after = session.next();
      expect(after.errors, `errors on ${id}`).to.deep.equal([]);
    }
    expect(session.snapshot.status).to.equal('review');
    let payload: Answers | undefined;
    const done = await session.submit(async (answers) => {
      payload = answers;
      return { dossierCode: 'HS-1' };
    });
    expect(done.status).to.equal('submitted');
    expect(payload?.childDateOfBirth).to.equal('2025-08-20');
    expect(Object.keys(payload ?? {}).filter((key) => key.startsWith('father'))).to.deep.equal([
      'fatherDetermined',
    ]);
  });

  it('loaded no Ajv compiler into the page', () => {
    const loaded = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(loaded.filter((url) => /\/ajv\/(?!dist\/runtime)/.test(url))).to.deep.equal([]);
    expect(loaded.some((url) => url.includes('birth-registration.procedure.json'))).to.equal(true);
  });
});
