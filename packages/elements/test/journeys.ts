// Journeys through the example procedures, page by page, as a citizen answers them: plain data,
// shared by the element's browser tests (test/helpers.ts) and the page tests that drive the built
// example site in Chromium (examples/portal/test).

/** A file the citizen picks: what the tests put in the file input. */
export interface FileChoice {
  file: { name: string; type: string; content: string };
}

/**
 * An address as a citizen gives it: the province chosen (its code), part of the commune's name
 * typed into the search (without diacritics, as many must), the commune chosen (its code from
 * packages/vn/data), and the house-number line when the field asks it.
 */
export interface AddressChoice {
  province: string;
  search: string;
  commune: string;
  detail?: string;
}

/**
 * An answer as a citizen gives it in the page: typed text, a chosen option, date parts, a file,
 * an address.
 */
export type PageAnswer =
  string | { day: string; month: string; year: string } | FileChoice | AddressChoice;

/** Where the parents of the journeys live: Phường Hoàng Mai, Thành phố Hà Nội. */
const HOME: AddressChoice = {
  province: '01',
  search: 'hoang mai',
  commune: '00331',
  detail: 'Số 12, ngõ 5, phố Tân Mai',
};

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
    // Phường Giảng Võ, Thành phố Hà Nội: the hospital's ward since 1 July 2025.
    childPlaceOfBirth: { province: '01', search: 'giang vo', commune: '00025' },
    childBirthFacility: 'Bệnh viện Phụ sản Hà Nội',
  },
  childOrigin: {
    childEthnicity: 'kinh',
    childNationality: 'vn',
    childHomeTown: { province: '01', search: 'thanh tri', commune: '00640' },
  },
  mother: {
    motherName: 'Trần Thị Mai',
    motherBirthYear: '1995',
    motherEthnicity: 'kinh',
    motherNationality: 'vn',
    motherResidence: HOME,
  },
  fatherStatus: { fatherDetermined: 'yes' },
  father: {
    fatherName: 'Nguyễn Văn Bình',
    fatherBirthYear: '1993',
    fatherEthnicity: 'kinh',
    fatherNationality: 'vn',
    fatherResidence: HOME,
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
