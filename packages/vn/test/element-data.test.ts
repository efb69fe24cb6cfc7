import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { ADDRESS_DATA_NOTICE, createAddressData } from '@motcua/vn/address';

// createAddressData: the real data of packages/vn/data in the shape <motcua-procedure>'s
// addressData takes, read one file at a time as a page fetches them.

const DATA = new URL('../data/', import.meta.url);
const loaded: string[] = [];
const data = createAddressData({
  load: async (path) => {
    loaded.push(path);
    return JSON.parse(await readFile(new URL(path, DATA), 'utf8')) as unknown;
  },
});

describe('createAddressData', () => {
  it('lists the 34 provinces with their full names as labels', async () => {
    const provinces = await data.provinces();
    assert.equal(provinces.length, 34);
    const hanoi = provinces.find((province) => province.code === '01');
    assert.equal(hanoi?.label, 'Thành phố Hà Nội');
  });

  it('loads one province’s communes only when asked, labelled with their type', async () => {
    assert.ok(!loaded.includes('communes/01.json'));
    const communes = await data.communes('01');
    assert.ok(loaded.includes('communes/01.json'));
    assert.ok(communes.length > 100);
    assert.ok(communes.some((commune) => commune.label === 'Phường Hoàng Mai'));
  });

  it('finds a commune typed without diacritics', async () => {
    const found = data.search(await data.communes('01'), 'hoang mai');
    assert.equal(found[0]?.label, 'Phường Hoàng Mai');
  });

  it('leads an old (pre-2025) unit to the new commune, saying what it was', async () => {
    const matches = await data.formerly('Phường 12 Gò Vấp', '79');
    assert.ok(matches.length > 0, 'no match for Phường 12, Quận Gò Vấp');
    assert.match(matches[0]?.formerly ?? '', /^Phường 12, Quận Gò Vấp$/);
    assert.match(matches[0]?.label ?? '', /^(Phường|Xã|Đặc khu) /);
  });

  it('carries the data notice the field shows, and its date for the notice in English', () => {
    assert.equal(data.notice, ADDRESS_DATA_NOTICE);
    assert.equal(data.notice, 'Danh mục đơn vị hành chính cập nhật 15/07/2025');
    assert.equal(data.updated, '15/07/2025');
  });

  it('finds a commune typed without spaces: "tuongmai" is Phường Tương Mai', async () => {
    const found = data.search(await data.communes('01'), 'tuongmai');
    assert.equal(found[0]?.label, 'Phường Tương Mai');
  });
});
