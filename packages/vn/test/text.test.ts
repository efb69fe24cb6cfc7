import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareVi, fold, matches, searchKeys, telexToVietnamese, toNfc } from '@motcua/vn';

describe('fold', () => {
  it('gives capitals with diacritics and plain lower case the same key', () => {
    assert.equal(fold('ĐĂNG KÝ KHAI SINH'), 'dang ky khai sinh');
    assert.equal(fold('ĐĂNG KÝ KHAI SINH'), fold('dang ky khai sinh'));
  });

  it('maps đ and Đ to d, which NFD does not decompose', () => {
    assert.equal(fold('Đắk Lắk'), 'dak lak');
    assert.equal(fold('đường'), 'duong');
  });

  it('makes both tone placements and both normal forms the same key', () => {
    assert.equal(fold('Hoà'), fold('Hòa'));
    assert.equal(fold('Thuỷ'), fold('Thủy'));
    assert.equal(fold('Nguyễn'.normalize('NFD')), fold('Nguyễn'));
  });

  it('collapses and trims spaces, keeping digits, apostrophes and hyphens', () => {
    assert.equal(fold('  Hà   Giang\t1 '), 'ha giang 1');
    assert.equal(fold("Ea H'Leo"), "ea h'leo");
    assert.equal(fold('Bà Rịa - Vũng Tàu'), 'ba ria - vung tau');
  });
});

describe('toNfc', () => {
  it('composes decomposed Vietnamese', () => {
    const decomposed = 'Nguyễn Thị Hòa'.normalize('NFD');
    assert.notEqual(decomposed, 'Nguyễn Thị Hòa');
    assert.equal(toNfc(decomposed), 'Nguyễn Thị Hòa');
  });
});

describe('telexToVietnamese', () => {
  it('reads the Telex vowel and đ keys', () => {
    assert.equal(telexToVietnamese('ddawng kys khai sinh'), 'đăng ký khai sinh');
    assert.equal(telexToVietnamese('kroong'), 'krông');
    assert.equal(telexToVietnamese('lee'), 'lê');
    assert.equal(telexToVietnamese('ow uw'), 'ơ ư');
  });

  it('puts the tone on the vowel the spelling rules give it', () => {
    assert.equal(telexToVietnamese('truwowngf'), 'trường');
    assert.equal(telexToVietnamese('nguwowif'), 'người');
    assert.equal(telexToVietnamese('tieengs vieetj'), 'tiếng việt');
    assert.equal(telexToVietnamese('quyeenf'), 'quyền');
    assert.equal(telexToVietnamese('ngoaif'), 'ngoài');
    assert.equal(telexToVietnamese('giaf quaf'), 'già quà');
    assert.equal(telexToVietnamese('thanhf phoos'), 'thành phố');
    assert.equal(telexToVietnamese('hoaf'), 'hòa');
  });

  it('reads "w" on its own as ư and "aw" after o as oă', () => {
    assert.equal(telexToVietnamese('tw nhw'), 'tư như');
    assert.equal(telexToVietnamese('xoawn'), 'xoăn');
  });

  it('leaves letters that compose nothing as typed, so "dang" folds like "đăng"', () => {
    assert.equal(telexToVietnamese('dang kys khai sinh'), 'dang ký khai sinh');
    assert.equal(fold(telexToVietnamese('dang kys khai sinh')), fold('đăng ký khai sinh'));
    assert.equal(telexToVietnamese('sinh'), 'sinh');
  });

  it('takes a tone off when its key is typed twice, as Telex does', () => {
    assert.equal(telexToVietnamese('kyss'), 'kys');
  });

  it('keeps capitals', () => {
    assert.equal(telexToVietnamese('DDAWNG KYS'), 'ĐĂNG KÝ');
  });

  it('reads VNI digits after letters, and leaves numbers on their own alone', () => {
    assert.equal(telexToVietnamese('ha2 giang'), 'hà giang');
    assert.equal(telexToVietnamese('d9a8ng ky1'), 'đăng ký');
    assert.equal(telexToVietnamese('tru7o7ng2'), 'trường');
    assert.equal(telexToVietnamese('tie6n1 muo6n'), 'tiến muôn');
    assert.equal(telexToVietnamese('Ha Giang 1'), 'Ha Giang 1');
  });

  it('leaves words that already have diacritics as typed', () => {
    assert.equal(telexToVietnamese('Hòas'), 'Hòas');
    assert.equal(telexToVietnamese('đăng kys'), 'đăng ký');
  });
});

describe('searchKeys', () => {
  it('gives the folded query and its folded Telex reading', () => {
    assert.deepEqual(searchKeys('Dang KYS'), ['dang kys', 'dang ky']);
  });

  it('gives one key when the reading changes nothing', () => {
    assert.deepEqual(searchKeys('Bến Tre'), ['ben tre']);
  });
});

describe('matches', () => {
  it('matches without diacritics and by word prefixes', () => {
    assert.equal(matches('ben tre', 'Bến Tre'), true);
    assert.equal(matches('dang ky', 'Đăng ký khai sinh'), true);
    assert.equal(matches('khai', 'Đăng ký khai sinh'), true);
    assert.equal(matches('kh sinh', 'Đăng ký khai sinh'), true);
    assert.equal(matches('thuong tru', 'Đăng ký khai sinh'), false);
  });

  it('matches a query typed in raw Telex', () => {
    assert.equal(matches('dang kys', 'Đăng ký khai sinh'), true);
    assert.equal(matches('ddawng kys thuwowngf trus', 'Đăng ký thường trú'), true);
    assert.equal(matches('kys', 'Khai sinh'), false);
  });

  it('still matches the query as typed when its Telex reading does not', () => {
    // "kar" reads as "kả" in Telex; the name is written "Kar".
    assert.equal(matches('ea kar', 'Ea Kar'), true);
  });

  it('ignores apostrophes inside names', () => {
    assert.equal(matches('ea hleo', "Ea H'Leo"), true);
    assert.equal(matches("ea h'leo", "Ea H'Leo"), true);
    assert.equal(matches('dak rlap', "Đắk R'Lấp"), true);
  });

  it('tells units with digits apart', () => {
    assert.equal(matches('ha giang 1', 'Hà Giang 1'), true);
    assert.equal(matches('ha giang 1', 'Hà Giang 2'), false);
  });

  it('splits names at hyphens', () => {
    assert.equal(matches('vung tau', 'Bà Rịa - Vũng Tàu'), true);
    assert.equal(matches('ba ria-vung tau', 'Bà Rịa - Vũng Tàu'), true);
    assert.equal(matches('vung tau', 'Bà Rịa-Vũng Tàu'), true);
  });

  it('needs every word of the query', () => {
    assert.equal(matches('ben tre cu', 'Bến Tre'), false);
  });
});

describe('compareVi', () => {
  it('sorts in Vietnamese alphabetical order, đ after d', () => {
    const names = ['Đà Nẵng', 'Bến Tre', 'Cà Mau', 'Dĩ An', 'Ân Thi', 'An Giang'];
    assert.deepEqual([...names].sort(compareVi), [
      'An Giang',
      'Ân Thi',
      'Bến Tre',
      'Cà Mau',
      'Dĩ An',
      'Đà Nẵng',
    ]);
  });
});
