import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadProcedure } from '@motcua/core/compiler';
import pack from '@motcua/vn/pack';
import { reviewDossier } from '../review.js';

// What the volunteer's review makes of a shared dossier, on the real permanent residence
// definition with the Vietnam pack (the rules the kiosk and the server run).

const REPO = join(import.meta.dirname, '..', '..', '..');
const procedure = loadProcedure(
  JSON.parse(
    readFileSync(join(REPO, 'packages/vn/procedures/permanent-residence.procedure.json'), 'utf8'),
  ),
  { packs: [pack] },
);

type Review = ReturnType<typeof reviewDossier>;
const fields = (issues: Review['toFix']) => issues.map((issue) => issue.field);

describe('the review of a shared dossier', () => {
  it('counts empty questions of the step on screen and of later steps as not answered yet', () => {
    const review = reviewDossier(
      procedure as never,
      { answers: { applicantName: 'Nguyễn Văn An', ownsHome: 'no' }, step: 'applicant' },
      'vi',
    );
    assert.deepEqual(fields(review.toFix), []);
    // The owner's consent is a rule (the box must be ticked), not only "required": still later.
    assert.ok(fields(review.notYet).includes('ownerAgrees'), fields(review.notYet).join());
    assert.ok(fields(review.notYet).includes('applicantBirthDate'));
    assert.equal(review.current, 0);
  });

  it('flags an error on the step on screen that is not a missing answer', () => {
    const review = reviewDossier(
      procedure as never,
      { answers: { applicantName: 'Nguyễn Văn An', applicantPersonalId: '12' }, step: 'applicant' },
      'vi',
    );
    assert.deepEqual(fields(review.toFix), ['applicantPersonalId']);
  });

  it('counts every missing answer as an error once the citizen is past the steps', () => {
    const review = reviewDossier(
      procedure as never,
      { answers: { applicantName: 'Nguyễn Văn An', ownsHome: 'no' }, step: 'review' },
      'vi',
    );
    assert.ok(fields(review.toFix).includes('ownerAgrees'));
    assert.ok(fields(review.toFix).includes('applicantBirthDate'));
    assert.deepEqual(review.notYet, []);
  });

  it('lists the warnings of the procedure’s own rules, in the dossier’s language', () => {
    const dossier = { answers: { applicantName: 'Nguyen Van An' }, step: 'applicant' };
    const vi = reviewDossier(procedure as never, dossier, 'vi');
    const en = reviewDossier(procedure as never, dossier, 'en');
    assert.deepEqual(fields(vi.warnings), ['applicantName']);
    assert.match(vi.warnings[0]!.message, /không dấu/);
    assert.match(en.warnings[0]!.message, /diacritics|accents|marks/i);
  });

  it('flags a required file not chosen and a paper to bring, not a file chosen', () => {
    const missing = reviewDossier(
      procedure as never,
      { answers: { ownsHome: 'no' }, step: 'applicant' },
      'vi',
    );
    assert.deepEqual(
      missing.files.map(({ field, state, required }) => ({ field, state, required })),
      [{ field: 'ownerConsentDocument', state: 'missing', required: true }],
    );
    assert.equal(missing.flaggedFiles.length, 1);

    const paper = reviewDossier(
      procedure as never,
      { answers: { ownsHome: 'no', ownerConsentDocument: { paper: true } }, step: 'applicant' },
      'vi',
    );
    assert.deepEqual(
      paper.flaggedFiles.map(({ field, state }) => ({ field, state })),
      [{ field: 'ownerConsentDocument', state: 'paper' }],
    );

    const chosen = reviewDossier(
      procedure as never,
      {
        answers: {
          ownsHome: 'no',
          ownerConsentDocument: { name: 'dong-y.pdf', type: 'application/pdf', size: 1200 },
        },
        step: 'applicant',
      },
      'vi',
    );
    assert.deepEqual(chosen.flaggedFiles, []);
    assert.equal(chosen.files[0]?.name, 'dong-y.pdf');
  });
});
