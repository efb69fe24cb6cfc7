import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Answers, type Session, createManualClock, createSession } from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';
import { readCases } from './cases.js';
import { birthRegistration } from './fixtures.js';

const { today } = readCases('birth-registration');
const clock = createManualClock(`${today}T09:00:00+07:00`);
const procedure = loadProcedure(birthRegistration(), { clock });

// The example cases are run, with the Vietnam pack and at full coverage, by `motcua test`'s
// library in packages/vn/test/procedures.test.ts; here, journeys through the session.

/** Answers one page at a time, as a citizen would, and checks where Continue leads. */
function page(session: Session, expected: string, answers: Record<string, unknown>): void {
  assert.equal(session.snapshot.step?.id, expected);
  for (const [field, value] of Object.entries(answers))
    session.set(field, value as Answers[string]);
  const after = session.next();
  assert.deepEqual(
    after.errors,
    [],
    `errors on ${expected}: ${after.errors.map((e) => e.message).join('; ')}`,
  );
}

const FATHER = {
  fatherName: 'Nguyễn Văn Bình',
  fatherBirthYear: '1993',
  fatherEthnicity: 'kinh',
  fatherNationality: 'vn',
  fatherResidence: { province: '01', commune: '00331', detail: 'Số 12, ngõ 5, phố Tân Mai' },
};

function requesterToMother(session: Session): void {
  page(session, 'requester', {
    requesterName: 'Trần Thị Mai',
    requesterRelationship: 'mother',
    requesterPersonalId: '001190012345',
    requesterPhone: '0912 345 678',
  });
  page(session, 'child', {
    childName: 'Nguyễn Minh An',
    childDateOfBirth: { day: '20', month: '8', year: '2025' },
    childSex: 'male',
    childPlaceOfBirth: { province: '01', commune: '00025' },
    childBirthFacility: 'Bệnh viện Phụ sản Hà Nội',
  });
  page(session, 'childOrigin', {
    childEthnicity: 'kinh',
    childNationality: 'vn',
    childHomeTown: { province: '01', commune: '00640' },
  });
  page(session, 'mother', {
    motherName: 'Trần Thị Mai',
    motherBirthYear: '1995',
    motherEthnicity: 'kinh',
    motherNationality: 'vn',
    motherResidence: { province: '01', commune: '00331', detail: 'Số 12, ngõ 5, phố Tân Mai' },
  });
}

describe('birth registration: end to end through createSession', () => {
  it('completes with the father determined, and submits his details', async () => {
    const session = createSession(procedure, { clock });
    requesterToMother(session);
    page(session, 'fatherStatus', { fatherDetermined: 'yes' });
    page(session, 'father', FATHER);
    page(session, 'copies', { wantCopies: 'yes', copyCount: '2' });
    page(session, 'birthNoticeStatus', { hasBirthNotice: 'yes' });
    page(session, 'attachments', {
      birthNotice: { name: 'giay-chung-sinh.pdf', type: 'application/pdf', size: 240_000 },
    });
    assert.equal(session.snapshot.status, 'review');
    assert.equal(session.snapshot.stepCount, 9);
    assert.deepEqual(
      procedure.documents(session.snapshot.answers).map((doc) => doc.id),
      ['birth-notice', 'requester-identity', 'marriage-certificate'],
    );
    let payload: Answers | undefined;
    const done = await session.submit(async (answers) => {
      payload = answers;
      return { dossierCode: 'HS-20250901-0001' };
    });
    assert.equal(done.status, 'submitted');
    assert.equal(payload?.fatherName, 'Nguyễn Văn Bình');
    assert.equal(payload?.copyCount, 2);
    assert.equal(payload?.childDateOfBirth, '2025-08-20');
    assert.equal(payload?.requesterPhone, '0912345678');
    assert.equal(payload?.motherBirthYear, 1995);
    assert.deepEqual(payload?.childPlaceOfBirth, { province: '01', commune: '00025' });
    assert.equal(payload?.childBirthFacility, 'Bệnh viện Phụ sản Hà Nội');
    assert.deepEqual(payload?.motherResidence, {
      province: '01',
      commune: '00331',
      detail: 'Số 12, ngõ 5, phố Tân Mai',
    });
  });

  it('skips the father step when the father is not determined, and submits no father details', async () => {
    const session = createSession(procedure, { clock });
    requesterToMother(session);
    page(session, 'fatherStatus', { fatherDetermined: 'no' });
    page(session, 'copies', { wantCopies: 'no' });
    page(session, 'birthNoticeStatus', { hasBirthNotice: 'no' });
    page(session, 'attachments', {
      witnessStatement: { name: 'xac-nhan.jpg', type: 'image/jpeg', size: 800_000 },
    });
    assert.equal(session.snapshot.status, 'review');
    assert.equal(session.snapshot.stepCount, 8);
    assert.deepEqual(
      procedure.documents(session.snapshot.answers).map((doc) => doc.id),
      ['witness-statement', 'requester-identity'],
    );
    let payload: Answers | undefined;
    await session.submit(async (answers) => {
      payload = answers;
      return { dossierCode: 'HS-20250901-0002' };
    });
    assert.deepEqual(
      Object.keys(payload ?? {}).filter((key) => key.startsWith('father')),
      ['fatherDetermined'],
    );
    assert.equal('birthNotice' in (payload ?? {}), false);
  });

  it('changing the father answer from review asks the father step, and going back keeps it', () => {
    const session = createSession(procedure, { clock });
    requesterToMother(session);
    page(session, 'fatherStatus', { fatherDetermined: 'no' });
    page(session, 'copies', { wantCopies: 'no' });
    page(session, 'birthNoticeStatus', { hasBirthNotice: 'yes' });
    page(session, 'attachments', {
      birthNotice: { name: 'giay-chung-sinh.pdf', type: 'application/pdf', size: 240_000 },
    });
    session.edit('fatherStatus');
    page(session, 'fatherStatus', { fatherDetermined: 'yes' });
    assert.equal(session.snapshot.step?.id, 'father');
    page(session, 'father', FATHER);
    assert.equal(session.snapshot.status, 'review');
    session.edit('fatherStatus');
    page(session, 'fatherStatus', { fatherDetermined: 'no' });
    assert.equal(session.snapshot.status, 'review');
    // Kept, in case the citizen changes the answer back; not submitted meanwhile.
    assert.equal(session.snapshot.answers.fatherName, 'Nguyễn Văn Bình');
    assert.equal('fatherName' in procedure.validate(session.snapshot.answers).answers, false);
  });

  it('asks the commune of the place of birth, and keeps no detail line for the home town', () => {
    const errors = procedure.validateStep('child', {
      childName: 'Nguyễn Minh An',
      childDateOfBirth: '2025-08-20',
      childSex: 'male',
      childPlaceOfBirth: { province: '01', commune: '' },
    });
    assert.deepEqual(
      errors.map(({ field, code, params }) => ({ field, code, params })),
      [{ field: 'childPlaceOfBirth', code: 'address', params: { missing: 'commune' } }],
    );
    const submitted = procedure.validate({
      childHomeTown: { province: '01', commune: '00640', detail: 'Thôn Đông' },
    }).answers;
    assert.deepEqual(submitted.childHomeTown, { province: '01', commune: '00640' });
  });

  it('says in Vietnamese what to fix on the first page', () => {
    const session = createSession(procedure, { clock });
    session.set('requesterPersonalId', '00119001234');
    const messages = session.next().errors.map((error) => error.message);
    assert.deepEqual(messages, [
      'Nhập họ, chữ đệm và tên của bạn',
      'Trả lời câu hỏi “Bạn là gì của trẻ?”',
      procedure.validateStep('requester', { requesterPersonalId: '00119001234' })[2]?.message,
    ]);
    assert.match(messages[2] ?? '', /12 chữ số/);
  });
});
