// A pack as a pack author ships one: its own module, importing from the runtime (`@motcua/core`)
// at run time, not only types. compile.test.ts bundles it with `bundlePacks`.
import { type Pack, isEmpty } from '@motcua/core';

export const pack: Pack = {
  name: 'postcode',
  module: './postcode-pack.js',
  formats: {
    postcode: {
      normalize: (value) => value.replace(/\s+/g, ''),
      validate: (value) => !isEmpty(value) && /^\d{5}$/.test(value),
    },
  },
  messages: {
    vi: { postcode: 'Nhập mã bưu chính gồm 5 chữ số' },
    en: { postcode: 'Enter a 5-digit postal code' },
  },
};

export default pack;
