import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CardQrResult, decodePersonalId, parseCardQr, personName } from '@motcua/vn';

/** The card's data, or the test fails saying why the parse failed. */
function read(text: string) {
  const result = parseCardQr(text);
  assert.ok(result.ok, `expected a card, got ${JSON.stringify(result)}`);
  return result.card;
}

function failure(result: CardQrResult) {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
  return result.ok ? undefined : result.code;
}

describe('parseCardQr on the card layout', () => {
  it('reads a CCCD with an old CMND number: ISO dates, sex as definitions spell it', () => {
    const card = read(
      '001090123456|012345678|Nguyễn Văn An|01011990|Nam|Số 12 Hàng Bài, Phường Hoàn Kiếm, Hà Nội|15042021',
    );
    assert.deepEqual(card, {
      personalId: '001090123456',
      oldId: '012345678',
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '1990-01-01',
      sex: 'male',
      residence: 'Số 12 Hàng Bài, Phường Hoàn Kiếm, Hà Nội',
      issueDate: '2021-04-15',
    });
  });

  it('reads a card whose old-number part is empty (||), leaving oldId out', () => {
    const card = read(
      '079304004321||Trần Thị Bích Ngọc|29022004|Nữ|123/4 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh|10082021',
    );
    assert.equal(card.oldId, undefined);
    assert.equal('oldId' in card, false);
    assert.equal(card.sex, 'female');
    assert.equal(card.dateOfBirth, '2004-02-29');
    assert.equal(card.issueDate, '2021-08-10');
    assert.equal(card.fullName, 'Trần Thị Bích Ngọc');
  });

  it('reads six parts with no old-number part at all (a layout the 2024 card may use)', () => {
    const card = read('066185009876|H’Hen Niê|07071985|Nữ|Buôn Ko Tam, Xã Ea Tu, Đắk Lắk|01072024');
    assert.equal(card.personalId, '066185009876');
    assert.equal(card.fullName, "H'Hen Niê");
    assert.equal(card.dateOfBirth, '1985-07-07');
    assert.equal(card.issueDate, '2024-07-01');
    assert.equal(card.residence, 'Buôn Ko Tam, Xã Ea Tu, Đắk Lắk');
  });

  it('reads six parts with the old number and no date of issue', () => {
    const card = read(
      '037153000257|161234567|Phạm Thị Lan|05051953|Nữ|Xóm 3, Xã Gia Viễn, Ninh Bình',
    );
    assert.equal(card.oldId, '161234567');
    assert.equal(card.issueDate, undefined);
    assert.equal(card.residence, 'Xóm 3, Xã Gia Viễn, Ninh Bình');
  });

  it('ignores parts added after the seventh (expiry, birthplace: the 2024 card is unverified)', () => {
    const card = read(
      '031204001122||Lê Minh Khoa|12122004|Nam|Phường Lê Chân, Hải Phòng|20092024|12122029|Hải Phòng|',
    );
    assert.equal(card.issueDate, '2024-09-20');
    assert.equal(card.residence, 'Phường Lê Chân, Hải Phòng');
    assert.deepEqual(Object.keys(card).sort(), [
      'dateOfBirth',
      'fullName',
      'issueDate',
      'personalId',
      'residence',
      'sex',
    ]);
  });

  it('takes a scanner’s CR/LF, a BOM, stray spaces and decomposed (NFD) Vietnamese', () => {
    const nfd = 'Nguyễn Thị Hoà'.normalize('NFD');
    const card = read(
      `\uFEFF  001196001234 | | ${nfd}  |  03031996 | Nữ |  Thôn   Đông,  Xã Sóc Sơn, Hà Nội | 01012022 \r\n`,
    );
    assert.equal(card.fullName, 'Nguyễn Thị Hoà'.normalize('NFC'));
    assert.equal(card.fullName, card.fullName.normalize('NFC'));
    assert.equal(card.residence, 'Thôn Đông, Xã Sóc Sơn, Hà Nội');
    assert.equal(card.personalId, '001196001234');
  });

  it('reads capitals without diacritics (NAM / NU) as some scanners type them', () => {
    const card = read('001090123456|012345678|NGUYEN VAN AN|01011990|NAM|HA NOI|15042021');
    assert.equal(card.fullName, 'NGUYEN VAN AN');
    assert.equal(card.sex, 'male');
    const woman = read('001196001234||TRẦN THỊ HOA|03031996|NỮ|HÀ NỘI|01012022');
    assert.equal(woman.sex, 'female');
    assert.equal(read('001196001234||TRAN THI HOA|03031996|NU|HA NOI|01012022').sex, 'female');
  });

  it('gives a name the vn-person-name format accepts as it is, and an ID that agrees with the card', () => {
    const card = read('036082004567||Đỗ  Quang   Vinh|31121982|Nam|Nam Định|02022022');
    assert.equal(card.fullName, 'Đỗ Quang Vinh');
    assert.equal(personName.normalize!(card.fullName), card.fullName);
    assert.equal(personName.validate(card.fullName), true);
    const decoded = decodePersonalId(card.personalId)!;
    assert.equal(decoded.birthYear, 1982);
    assert.equal(decoded.sex, card.sex);
  });

  it('leaves out an old number that is not one, rather than failing the scan', () => {
    const card = read('001090123456|12AB|Nguyễn Văn An|01011990|Nam|Hà Nội|15042021');
    assert.equal('oldId' in card, false);
  });
});

describe('parseCardQr on what is not a card', () => {
  it('says the ID is not 12 digits', () => {
    assert.equal(
      failure(parseCardQr('00109012345|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội|15042021')),
      'personal-id',
    );
    assert.equal(
      failure(parseCardQr('0010901234567|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội|15042021')),
      'personal-id',
    );
  });

  it('refuses a day that does not exist (31 February, 29 February of a common year)', () => {
    assert.equal(
      failure(parseCardQr('001200123456|012345678|Nguyễn Văn An|31022000|Nam|Hà Nội|15042021')),
      'date-of-birth',
    );
    assert.equal(
      failure(parseCardQr('001301123456||Nguyễn Thị An|29022001|Nữ|Hà Nội|15042021')),
      'date-of-birth',
    );
    assert.equal(
      failure(parseCardQr('001090123456|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội|32042021')),
      'issue-date',
    );
  });

  it('says the sex could not be read when the part after the date of birth is not Nam or Nữ', () => {
    assert.equal(
      failure(parseCardQr('001090123456|012345678|Nguyễn Văn An|01011990|N?m|Hà Nội|15042021')),
      'sex',
    );
    assert.equal(
      failure(parseCardQr('001090123456|Nguyễn Văn An|01011990||Hà Nội|15042021')),
      'sex',
    );
  });

  it('refuses a card issued before its holder was born', () => {
    assert.equal(
      failure(parseCardQr('001090123456|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội|15041980')),
      'issue-date',
    );
  });

  it('reads, with a warning, an ID whose century/sex digit or year disagrees with the card', () => {
    // 0 = a man born in the 1900s, but the card says Nữ.
    const woman = parseCardQr('001090123456|012345678|Nguyễn Thị An|01011990|Nữ|Hà Nội|15042021');
    assert.ok(woman.ok);
    assert.equal(woman.card.sex, 'female');
    assert.equal(woman.warning?.code, 'mismatch');
    assert.match(woman.warning.message.vi, /không khớp/);
    assert.match(woman.warning.message.en, /does not match/);
    // The ID says born 1991.
    const year = parseCardQr('001091123456|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội|15042021');
    assert.ok(year.ok);
    assert.equal(year.warning?.code, 'mismatch');
    // An ID that agrees has no warning.
    const agrees = parseCardQr('001090123456|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội|15042021');
    assert.ok(agrees.ok);
    assert.equal(agrees.warning, undefined);
  });

  it('says a text with too few parts, or none of the layout, is not a card', () => {
    assert.equal(
      failure(parseCardQr('001090123456|012345678|Nguyễn Văn An|01011990|Nam')),
      'not-card',
    );
    assert.equal(
      failure(parseCardQr('https://dichvucong.gov.vn/p/home/dvc-trang-chu.html')),
      'not-card',
    );
    assert.equal(failure(parseCardQr('a|b|c|d|e|f|g')), 'not-card');
    assert.equal(failure(parseCardQr('||||||')), 'not-card');
  });

  it('says nothing was received for an empty text, whitespace or a non-string', () => {
    assert.equal(failure(parseCardQr('')), 'empty');
    assert.equal(failure(parseCardQr(' \r\n')), 'empty');
    assert.equal(failure(parseCardQr(undefined)), 'empty');
    assert.equal(failure(parseCardQr({ length: 3 })), 'empty');
  });

  it('refuses a huge input without reading it', () => {
    const huge = `001090123456|012345678|Nguyễn Văn An|01011990|Nam|${'Hà Nội '.repeat(200_000)}|15042021`;
    assert.equal(failure(parseCardQr(huge)), 'too-long');
  });

  it('refuses a name of symbols (`__proto__`) and pollutes nothing', () => {
    const result = parseCardQr(
      '001090123456|__proto__|__proto__|01011990|Nam|constructor|15042021',
    );
    assert.equal(failure(result), 'name');
    assert.equal(({} as Record<string, unknown>).personalId, undefined);
    const card = read('001090123456||Nguyễn Văn An|01011990|Nam|__proto__|15042021');
    assert.equal(Object.getPrototypeOf(card), Object.prototype);
    assert.equal(Object.hasOwn(card, 'residence'), true);
    assert.equal(card.residence, '__proto__');
  });

  it('says what to do in Vietnamese and English for every failure', () => {
    const results = [
      parseCardQr(''),
      parseCardQr('x'.repeat(5000)),
      parseCardQr('junk'),
      parseCardQr('00109012345|012345678|Nguyễn Văn An|01011990|Nam|Hà Nội|15042021'),
      parseCardQr('001090123456|012345678|Nguyễn Văn An|31021990|Nam|Hà Nội|15042021'),
    ];
    for (const result of results) {
      assert.equal(result.ok, false);
      if (result.ok) continue;
      assert.match(result.message.vi, /Hãy (quét lại|lau sạch)/);
      assert.match(result.message.en, /scan/i);
      assert.equal(result.message.vi, result.message.vi.normalize('NFC'));
    }
  });
});
