// Journeys through the example procedures, page by page, as a citizen answers them: plain data,
// shared by the element's browser tests (test/helpers.ts) and the page tests that drive the built
// example site in Chromium (examples/portal/test).

/** A file the citizen picks: what the tests put in the file input. */
export interface FileChoice {
  file: { name: string; type: string; content: string };
}

/** An answer as a citizen gives it in the page: typed text, a chosen option, date parts, a file. */
export type PageAnswer = string | { day: string; month: string; year: string } | FileChoice;

/** The answers of one page, by field id. */
export type PageAnswers = Readonly<Record<string, PageAnswer>>;

/**
 * A valid journey through the birth registration, page by page, with the father determined so
 * that all nine steps are asked. The optional phone is left out: review says "Chưa cung cấp".
 */
export const BIRTH_REGISTRATION: Readonly<Record<string, PageAnswers>> = {
  requester: {
    requesterName: 'Trần Thị Mai',
    requesterRelationship: 'mother',
    requesterPersonalId: '001190012345',
  },
  child: {
    childName: 'Nguyễn Minh An',
    childDateOfBirth: { day: '20', month: '8', year: '2025' },
    childSex: 'male',
    childPlaceOfBirth: 'Bệnh viện Phụ sản Hà Nội',
  },
  childOrigin: {
    childEthnicity: 'kinh',
    childNationality: 'vn',
    childHomeTown: 'Xã Thanh Trì, Thành phố Hà Nội',
  },
  mother: {
    motherName: 'Trần Thị Mai',
    motherBirthYear: '1995',
    motherEthnicity: 'kinh',
    motherNationality: 'vn',
    motherResidence: 'Phường Hoàng Mai, Thành phố Hà Nội',
  },
  fatherStatus: { fatherDetermined: 'yes' },
  father: {
    fatherName: 'Nguyễn Văn Bình',
    fatherBirthYear: '1993',
    fatherEthnicity: 'kinh',
    fatherNationality: 'vn',
    fatherResidence: 'Phường Hoàng Mai, Thành phố Hà Nội',
  },
  copies: { wantCopies: 'yes', copyCount: '2' },
  birthNoticeStatus: { hasBirthNotice: 'yes' },
  attachments: {
    birthNotice: {
      file: { name: 'giay-chung-sinh.pdf', type: 'application/pdf', content: '%PDF-1.4' },
    },
  },
};

/** The steps of {@link BIRTH_REGISTRATION}, in order. */
export const BIRTH_STEPS = Object.keys(BIRTH_REGISTRATION);

/** The same journey with the father not determined: eight steps. */
export const BIRTH_REGISTRATION_NO_FATHER: Readonly<Record<string, PageAnswers>> = {
  ...Object.fromEntries(Object.entries(BIRTH_REGISTRATION).filter(([step]) => step !== 'father')),
  fatherStatus: { fatherDetermined: 'no' },
  copies: { wantCopies: 'no' },
};
