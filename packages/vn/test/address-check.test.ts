import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { loadProcedure } from '@motcua/core/compiler';
import { checkAddresses, createStaticAddressSource } from '@motcua/vn/address';
import pack from '@motcua/vn/pack';

// checkAddresses: a server's check, after validate(), that a dossier's addresses name real places
// of packages/vn/data. Run on the permanent residence (an address field at the top level) and on
// a procedure with addresses inside a repeatable group.

const DATA = new URL('../data/', import.meta.url);
const source = createStaticAddressSource({
  load: async (path) => JSON.parse(await readFile(new URL(path, DATA), 'utf8')) as unknown,
});
const read = async (path: string) =>
  JSON.parse(await readFile(new URL(path, import.meta.url), 'utf8')) as unknown;

const residence = loadProcedure(await read('../procedures/permanent-residence.procedure.json'), {
  packs: [pack],
});
const cases = (await read('../procedures/permanent-residence.cases.json')) as {
  cases: { valid: boolean; answers: Record<string, unknown> }[];
};
const valid = cases.cases.find((c) => c.valid)?.answers ?? {};
const home = { province: '01', commune: '00331', detail: 'Số 12, ngõ 5, phố Tân Mai' };

describe('checkAddresses', () => {
  it('accepts an address of a real commune in its province', async () => {
    assert.deepEqual(await checkAddresses(residence, { ...valid, homeAddress: home }, source), []);
  });

  it('refuses a commune of another province, naming the field and what to do', async () => {
    // 00331 is Phường Hoàng Mai, in Hà Nội (01), not in Thành phố Hồ Chí Minh (79).
    const errors = await checkAddresses(
      residence,
      { ...valid, homeAddress: { ...home, province: '79' } },
      source,
    );
    assert.deepEqual(
      errors.map(({ field, code }) => ({ field, code })),
      [{ field: 'homeAddress', code: 'vn-address.commune' }],
    );
    assert.match(errors[0]?.message ?? '', /không thuộc tỉnh, thành phố đã chọn\. Hãy chọn lại/);
  });

  it('refuses a province code that is not in the current list, in English too', async () => {
    const errors = await checkAddresses(
      residence,
      { ...valid, homeAddress: { ...home, province: '99' } },
      source,
      { locale: 'en' },
    );
    assert.equal(errors[0]?.code, 'vn-address.province');
    assert.match(errors[0]?.message ?? '', /not in the current list.*Choose it again/);
  });

  it('checks addresses inside the rows of a group, by their path', async () => {
    const moving = loadProcedure({
      id: 'moving',
      version: '1.0.0',
      title: 'Chuyển nhà',
      steps: [
        {
          id: 'people',
          title: 'Người chuyển đến',
          fields: [
            {
              id: 'people',
              type: 'group',
              label: 'Người chuyển đến',
              fields: [
                { id: 'name', type: 'text', label: 'Họ và tên' },
                { id: 'from', type: 'address', label: 'Nơi ở trước đây' },
              ],
            },
          ],
        },
      ],
    });
    const errors = await checkAddresses(
      moving,
      {
        people: [
          { name: 'An', from: home },
          { name: 'Bình', from: { ...home, commune: '99999' } },
        ],
      },
      source,
    );
    assert.deepEqual(
      errors.map(({ field, code }) => ({ field, code })),
      [{ field: 'people.1.from', code: 'vn-address.commune' }],
    );
  });

  it('has nothing to check in a dossier without addresses', async () => {
    assert.deepEqual(await checkAddresses(residence, {}, source), []);
  });
});
