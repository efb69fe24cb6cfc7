import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintDefinition } from '@motcua/core/compiler';
import { closest } from '../src/compiler/suggest.js';

/** A small valid definition; each test changes a copy of it. */
function base(): unknown {
  return {
    id: 'birth-registration',
    version: '1.0.0',
    title: { vi: 'Đăng ký khai sinh', en: 'Birth registration' },
    steps: [
      {
        id: 'child',
        title: { vi: 'Về trẻ', en: 'About the child' },
        fields: [
          {
            id: 'childName',
            type: 'text',
            label: { vi: 'Họ và tên', en: 'Full name' },
            required: true,
            schema: { maxLength: 100 },
          },
          { id: 'birthDate', type: 'date', label: 'Ngày sinh', max: 'today' },
        ],
      },
      {
        id: 'parents',
        title: 'Cha mẹ',
        fields: [
          {
            id: 'fatherKnown',
            type: 'radio',
            label: 'Đã xác định được cha chưa?',
            options: [
              { value: 'determined', label: 'Đã xác định' },
              { value: 'undetermined', label: 'Chưa xác định' },
            ],
          },
          {
            id: 'fatherName',
            type: 'text',
            label: 'Họ tên cha',
            when: { field: 'fatherKnown', equals: 'determined' },
          },
        ],
      },
      {
        id: 'home',
        title: 'Nơi cư trú',
        fields: [
          {
            id: 'residences',
            type: 'group',
            label: 'Những nơi trẻ đã sống',
            minRows: 1,
            maxRows: 5,
            fields: [
              { id: 'place', type: 'text', label: 'Địa chỉ' },
              { id: 'movedIn', type: 'date', label: 'Từ ngày' },
              { id: 'movedOut', type: 'date', label: 'Đến ngày' },
            ],
          },
          {
            id: 'copies',
            type: 'number',
            label: 'Số bản sao',
            schema: { type: 'integer', minimum: 1 },
          },
        ],
      },
    ],
    rules: [
      {
        id: 'father-named',
        when: { field: 'fatherKnown', equals: 'determined' },
        assert: { field: 'fatherName', filled: true },
        fields: ['fatherName'],
        message: 'Nhập họ tên cha.',
      },
    ],
  };
}

/**
 * A copy of the base definition with edits applied, each `[pointer, value]`; `undefined` removes
 * the property, and a last segment `-` appends to an array (as in RFC 6902).
 */
function changed(...edits: [pointer: string, value: unknown][]): unknown {
  const doc = structuredClone(base());
  for (const [pointer, value] of edits) {
    const path = pointer.slice(1).split('/');
    const last = path.pop()!;
    let node = doc as Record<string, unknown>;
    for (const segment of path) node = node[segment] as Record<string, unknown>;
    if (Array.isArray(node) && last === '-') node.push(value);
    else if (value === undefined) delete node[last];
    else node[last] = value;
  }
  return doc;
}

/** The field-type list every "unknown field type" message ends with. */
const FIELD_TYPE_LIST =
  'text, textarea, number, date, year, select, radio, checkbox, checkboxes, email, phone, file, group, address, or a custom type named like "x-signature"';
const OPERATOR_LIST =
  'equals, notEquals, in, filled, lt, lte, gt, gte, before, after, onOrBefore, onOrAfter, ageAtLeast, ageUnder, daysAgoOver, every, some, rows, unique, noOverlap, noGaps';
const TEXT_SHAPE = 'must be a string or an object like {"vi": "…", "en": "…"}';

// ---------------------------------------------------------------------------------------------
// Valid definitions

test('finds nothing wrong with the base definition', () => {
  assert.deepEqual(lintDefinition(base()), []);
});

test('finds nothing wrong with a rich definition that uses every feature', () => {
  const rich = {
    $schema: 'https://unpkg.com/@motcua/core/schema/procedure.schema.json',
    id: 'residence-registration',
    version: '2.1.0-beta.1',
    code: '1.004222',
    title: { vi: 'Đăng ký thường trú', en: 'Permanent residence registration', fr: 'Résidence' },
    description: 'Đăng ký nơi thường trú.',
    agency: { name: 'Công an cấp xã', level: 'commune', url: 'https://dichvucong.gov.vn' },
    processingTime: { workingDays: 7, note: { vi: 'Ngày làm việc' } },
    timeZone: 'Asia/Ho_Chi_Minh',
    legalBasis: [
      { id: 'luat-cu-tru-2020', title: 'Luật Cư trú 2020', url: 'https://thuvienphapluat.vn' },
    ],
    fees: [
      {
        id: 'online-fee',
        label: 'Lệ phí',
        amount: 10000,
        currency: 'VND',
        channel: 'online',
        when: { field: 'channel', equals: 'online' },
        note: 'Nộp trực tuyến',
      },
    ],
    documents: [
      {
        id: 'lease',
        title: 'Hợp đồng thuê nhà',
        description: 'Bản sao',
        when: { field: 'housing', in: ['rented', 'borrowed'] },
        originals: 1,
        copies: 2,
        basis: 'Điều 20',
      },
      // Documents, like fees and rules, may use any field, even one asked on the last step.
      { id: 'photo', title: 'Ảnh', when: { field: 'attachments', filled: true } },
    ],
    steps: [
      {
        id: 'applicant',
        title: { vi: 'Người đăng ký', en: 'Applicant' },
        description: 'Thông tin của bạn',
        fields: [
          {
            id: 'fullName',
            type: 'text',
            label: 'Họ tên',
            hint: 'Như trên thẻ Căn cước',
            example: 'Nguyễn Văn An',
            required: true,
            schema: { maxLength: 100, pattern: '^\\p{L}[\\p{L} ]*$' },
            messages: { maxLength: { vi: 'Tối đa 100 ký tự', en: 'At most 100 characters' } },
          },
          {
            id: 'personalId',
            type: 'text',
            label: 'Số định danh',
            format: 'vn-personal-id',
            required: true,
          },
          { id: 'birthDate', type: 'date', label: 'Ngày sinh', min: '1900-01-01', max: 'today' },
          {
            id: 'birthYearOfSpouse',
            type: 'year',
            label: 'Năm sinh vợ/chồng',
            min: 1900,
            max: 'today',
          },
          { id: 'email', type: 'email', label: 'Email', format: 'email' },
          {
            id: 'phone',
            type: 'phone',
            label: 'Điện thoại',
            format: 'phone',
            requiredWhen: { field: 'email', filled: false },
          },
          { id: 'note', type: 'textarea', label: 'Ghi chú', schema: { maxLength: 500 } },
          {
            id: 'household',
            type: 'number',
            label: 'Số người',
            schema: { minimum: 1, maximum: 20 },
          },
        ],
      },
      {
        id: 'housing-step',
        title: 'Chỗ ở',
        when: {
          all: [
            { field: 'birthDate', ageAtLeast: 18 },
            { not: { field: 'birthDate', after: 'today' } },
          ],
        },
        fields: [
          {
            id: 'housing',
            type: 'select',
            label: 'Chỗ ở',
            options: [
              { value: 'owned', label: 'Nhà của mình' },
              { value: 'rented', label: 'Thuê', hint: 'Có hợp đồng' },
              { value: 'borrowed', label: 'Mượn' },
            ],
          },
          {
            id: 'channel',
            type: 'radio',
            label: 'Nộp',
            options: [
              { value: 'online', label: 'Trực tuyến' },
              { value: 'counter', label: 'Tại quầy' },
            ],
            when: { field: 'housing', notEquals: 'owned' },
          },
          { id: 'agree', type: 'checkbox', label: 'Tôi cam đoan', required: true },
          {
            id: 'needs',
            type: 'checkboxes',
            label: 'Hỗ trợ',
            options: [
              { value: 'ramp', label: 'Lối đi' },
              { value: 'reader', label: 'Đọc' },
            ],
          },
          {
            id: 'rooms',
            type: 'number',
            label: 'Số phòng',
            when: {
              any: [
                { field: 'household', gt: 2 },
                { field: 'household', gte: { field: 'household' } },
              ],
            },
          },
          {
            id: 'history',
            type: 'group',
            label: 'Nơi đã ở',
            itemLabel: { vi: 'nơi ở', en: 'address' },
            minRows: 0,
            maxRows: 10,
            fields: [
              { id: 'address', type: 'text', label: 'Địa chỉ' },
              { id: 'from', type: 'date', label: 'Từ', max: 'today' },
              { id: 'to', type: 'date', label: 'Đến', when: { field: 'from', filled: true } },
              {
                id: 'members',
                type: 'number',
                label: 'Số người',
                when: { field: 'household', lt: 10 },
              },
            ],
          },
          {
            id: 'reason',
            type: 'textarea',
            label: 'Lý do',
            when: {
              all: [
                {
                  field: 'history',
                  some: {
                    all: [
                      { field: 'to', before: { field: 'from' } },
                      { field: 'birthDate', before: 'today' },
                    ],
                  },
                },
                { field: 'history', every: { field: 'members', lte: { field: 'household' } } },
                { field: 'history', noOverlap: { from: 'from', to: 'to' } },
                { not: { field: 'history', noGaps: { from: 'from', to: 'to' } } },
                { field: 'birthDate', ageUnder: 120 },
                { field: 'birthDate', after: '1900-01-01' },
              ],
            },
          },
        ],
      },
      {
        id: 'files',
        title: 'Tệp',
        when: { field: 'housing', equals: { field: 'housing' } },
        fields: [
          {
            id: 'attachments',
            type: 'file',
            label: 'Giấy tờ',
            accept: ['application/pdf', '.jpg'],
            maxSize: 5242880,
            maxFiles: 3,
          },
        ],
      },
    ],
    rules: [
      {
        id: 'adult',
        assert: { field: 'birthDate', ageAtLeast: 14 },
        fields: ['birthDate'],
        message: { vi: 'Phải từ 14 tuổi', en: 'Must be 14' },
        basis: 'Điều 20 Luật Cư trú',
      },
      {
        id: 'rooms',
        when: { field: 'rooms', filled: true },
        assert: { field: 'rooms', lte: { field: 'household' } },
        fields: ['rooms', 'household'],
        message: 'Số phòng không quá số người',
      },
    ],
  };
  assert.deepEqual(lintDefinition(rich, { formats: ['vn-personal-id'] }), []);
});

// ---------------------------------------------------------------------------------------------
// Structure

test('suggests the closest property name for a misspelt property', () => {
  const doc = changed(
    ['/steps/0/fields/1/label', undefined],
    ['/steps/0/fields/1/lable', 'Ngày sinh'],
  );
  assert.deepEqual(lintDefinition(doc), [
    {
      pointer: '/steps/0/fields/1/lable',
      message: 'unknown property "lable" (did you mean "label"?)',
    },
  ]);
});

test('lists the allowed properties when an unknown one is close to none of them', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/0/colour', 'red'])), [
    {
      pointer: '/steps/0/colour',
      message:
        'unknown property "colour"; remove it, or use one of: id, title, description, when, fields',
    },
  ]);
});

test('explains what a missing required property is for', () => {
  assert.deepEqual(lintDefinition(changed(['/rules/0/assert', undefined])), [
    {
      pointer: '/rules/0',
      message: 'missing required property "assert": the condition that must hold',
    },
  ]);
});

test('reports several missing properties of one object as one issue', () => {
  const doc = changed(['/steps/0/fields/1/id', undefined], ['/steps/0/fields/1/label', undefined]);
  assert.deepEqual(lintDefinition(doc), [
    { pointer: '/steps/0/fields/1', message: 'missing required properties "id" and "label"' },
  ]);
});

test('reports a step without fields', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/0/fields', []])), [
    { pointer: '/steps/0/fields', message: 'a step needs at least one field' },
  ]);
});

test('suggests the closest field type and lists them all', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/0/fields/1/type', 'dat'])), [
    {
      pointer: '/steps/0/fields/1/type',
      message: `unknown field type "dat" (did you mean "date"?); use one of ${FIELD_TYPE_LIST}`,
    },
  ]);
});

test('accepts a custom field type named x-…, checked by its schema fragment only', () => {
  assert.deepEqual(
    lintDefinition(
      changed([
        '/steps/0/fields/1',
        { id: 'signature', type: 'x-signature', label: 'Chữ ký', schema: { type: 'string' } },
      ]),
    ),
    [],
  );
  assert.deepEqual(lintDefinition(changed(['/steps/0/fields/1/type', 'x-Bad Name'])), [
    {
      pointer: '/steps/0/fields/1/type',
      message: `unknown field type "x-Bad Name"; use one of ${FIELD_TYPE_LIST}`,
    },
  ]);
});

test('says how to fix a required property that the fragment does not describe', () => {
  assert.deepEqual(
    lintDefinition(
      changed([
        '/steps/0/fields/1',
        {
          id: 'signature',
          type: 'x-signature',
          label: 'Chữ ký',
          schema: { type: 'object', required: ['strokes'] },
        },
      ]),
    ),
    [
      {
        pointer: '/steps/0/fields/1/schema',
        message:
          '"required" names "strokes", which "properties" does not describe; add "properties": {"strokes": {…}}',
      },
    ],
  );
});

test('explains the two ways to write a text', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/0/fields/0/label', 5])), [
    { pointer: '/steps/0/fields/0/label', message: TEXT_SHAPE },
  ]);
});

test('requires the Vietnamese text and string values in a text object', () => {
  assert.deepEqual(lintDefinition(changed(['/title', { en: 'Birth registration', fr: 3 }])), [
    {
      pointer: '/title',
      message: 'missing "vi": the Vietnamese text is required, like {"vi": "…", "en": "…"}',
    },
    { pointer: '/title/fr', message: 'must be a string: the text in "fr"' },
  ]);
});

test('says which JSON type a value must have', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/0/fields/0/required', 'yes'])), [
    { pointer: '/steps/0/fields/0/required', message: 'must be true or false' },
  ]);
});

test('shows what a list item should look like when it is not an object', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/0/fields/1', 'birthDate'])), [
    {
      pointer: '/steps/0/fields/1',
      message: 'must be an object: a field, like {"id": "…", "type": "text", "label": "…"}',
    },
  ]);
});

test('explains how an id is written', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/0/id', '1-child'])), [
    {
      pointer: '/steps/0/id',
      message: 'must be an id: a letter, then letters, digits, "_" or "-", like "childName"',
    },
  ]);
});

test('explains how a version is written', () => {
  assert.deepEqual(lintDefinition(changed(['/version', '1.0'])), [
    { pointer: '/version', message: 'must be a version like "1.0.0"' },
  ]);
});

test('rejects a definition that is not a JSON object', () => {
  assert.deepEqual(lintDefinition([]), [
    { pointer: '', message: 'the definition must be a JSON object' },
  ]);
  assert.deepEqual(lintDefinition(null), [
    { pointer: '', message: 'the definition must be a JSON object' },
  ]);
});

test('suggests the closest value of an enumeration and checks web addresses', () => {
  const doc = changed(['/agency', { name: 'UBND xã', level: 'provice', url: 'dichvucong.gov.vn' }]);
  assert.deepEqual(lintDefinition(doc), [
    {
      pointer: '/agency/level',
      message:
        'unknown value "provice" (did you mean "province"?); use one of commune, province, ministry, other',
    },
    {
      pointer: '/agency/url',
      message: 'must be a full web address, like "https://dichvucong.gov.vn"',
    },
  ]);
});

test('rejects a negative fee', () => {
  assert.deepEqual(
    lintDefinition(changed(['/fees', [{ id: 'fee', label: 'Lệ phí', amount: -1 }]])),
    [{ pointer: '/fees/0/amount', message: 'must be 0 or more' }],
  );
});

test('lets a fee be counted per unit of a number field, on named channels, its amount left out', () => {
  assert.deepEqual(
    lintDefinition(
      changed([
        '/fees',
        [
          { id: 'copy', label: 'Bản sao', amount: 8000, per: { field: 'copies', from: 2 } },
          { id: 'late', label: 'Quá hạn', channel: ['online', 'kiosk'] },
          { id: 'late2', label: 'Quá hạn', when: { field: 'birthDate', daysAgoOver: 60 } },
        ],
      ]),
    ),
    [],
  );
});

test('rejects a per-unit fee that does not count a number field asked on a step', () => {
  const per = (field: string) =>
    lintDefinition(
      changed(['/fees', [{ id: 'copy', label: 'Bản sao', amount: 8000, per: { field } }]]),
    );
  assert.deepEqual(per('birthDate'), [
    {
      pointer: '/fees/0/per/field',
      message:
        '"birthDate" is a date field; a fee is counted per unit of a number field (type "number"), such as a count of copies',
    },
  ]);
  assert.deepEqual(per('copie'), [
    {
      pointer: '/fees/0/per/field',
      message:
        '"copie" is unknown; name a number field asked directly on a step (did you mean "copies"?)',
    },
  ]);
  assert.deepEqual(per('movedIn'), [
    {
      pointer: '/fees/0/per/field',
      message:
        '"movedIn" is a field of a group\'s rows; name a number field asked directly on a step',
    },
  ]);
});

test('checks a per-unit fee\'s "times" like its field, and an "upTo" before its "from"', () => {
  const per = (per: Record<string, unknown>) =>
    lintDefinition(changed(['/fees', [{ id: 'copy', label: 'Bản sao', amount: 8000, per }]]));
  assert.deepEqual(per({ field: 'copies', from: 3, upTo: 198, times: 'copies2' }), [
    {
      pointer: '/fees/0/per/times',
      message:
        '"copies2" is unknown; name a number field asked directly on a step (did you mean "copies"?)',
    },
  ]);
  assert.deepEqual(per({ field: 'copies', times: 'birthDate' }), [
    {
      pointer: '/fees/0/per/times',
      message:
        '"birthDate" is a date field; a fee\'s count is multiplied by the answer of a number field (type "number"), such as a count of copies',
    },
  ]);
  assert.deepEqual(per({ field: 'copies', times: 'copies' }), [
    {
      pointer: '/fees/0/per/times',
      message:
        '"times" names "copies", the field the fee already counts; name the other number, such as the count of copies',
    },
  ]);
  assert.deepEqual(per({ field: 'copies', from: 3, upTo: 2 }), [
    {
      pointer: '/fees/0/per/upTo',
      message:
        '"upTo" 2 is before "from" 3, so the fee would never count a unit; make "upTo" at least 3',
    },
  ]);
  assert.deepEqual(
    per({ field: 'copies', upTo: 0 }).map((found) => found.pointer),
    ['/fees/0/per/upTo'],
  );
});

test('rejects an unknown fee channel and a daysAgoOver that is not a whole number of days', () => {
  assert.deepEqual(
    lintDefinition(
      changed(['/fees', [{ id: 'f', label: 'Phí', amount: 1, channel: 'counter' }]]),
    ).map((found) => found.pointer),
    ['/fees/0/channel'],
  );
  assert.deepEqual(
    lintDefinition(
      changed([
        '/fees',
        [{ id: 'f', label: 'Phí', amount: 1, when: { field: 'birthDate', daysAgoOver: 1.5 } }],
      ]),
    ),
    [
      {
        pointer: '/fees/0/when/daysAgoOver',
        message: '"daysAgoOver" must be a whole number of days',
      },
    ],
  );
});

test('escapes "~" and "/" in pointers', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/0/fields/0/messages', { 'a/b~c': 5 }])), [
    { pointer: '/steps/0/fields/0/messages/a~1b~0c', message: TEXT_SHAPE },
  ]);
});

test('rejects an unknown time zone', () => {
  assert.deepEqual(lintDefinition(changed(['/timeZone', 'Asia/Hanoi'])), [
    {
      pointer: '/timeZone',
      message: 'unknown time zone "Asia/Hanoi"; use an IANA name like "Asia/Ho_Chi_Minh"',
    },
  ]);
});

// ---------------------------------------------------------------------------------------------
// Prototype pollution and ids

test('rejects a "__proto__" key that JSON.parse made an own key, and pollutes nothing', () => {
  const source = JSON.stringify(base()).replace(
    '"id":"childName",',
    '"id":"childName","__proto__":{"polluted":true},',
  );
  const doc: unknown = JSON.parse(source);
  assert.deepEqual(lintDefinition(doc), [
    {
      pointer: '/steps/0/fields/0/__proto__',
      message: 'the key "__proto__" is not allowed (it could pollute object prototypes); rename it',
    },
  ]);
  assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
});

test('rejects "prototype" and "constructor" keys even where any key is allowed', () => {
  const doc = changed(
    ['/steps/0/fields/0/messages', { prototype: 'x' }],
    ['/title/constructor', 'y'],
  );
  assert.deepEqual(lintDefinition(doc), [
    {
      pointer: '/title/constructor',
      message:
        'the key "constructor" is not allowed (it could pollute object prototypes); rename it',
    },
    {
      pointer: '/steps/0/fields/0/messages/prototype',
      message: 'the key "prototype" is not allowed (it could pollute object prototypes); rename it',
    },
  ]);
});

test('rejects an id that names a prototype property', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/0/fields/0/id', 'constructor'])), [
    {
      pointer: '/steps/0/fields/0/id',
      message:
        'the id "constructor" is not allowed (it could pollute object prototypes); rename it',
    },
  ]);
});

test('reports a field id used twice, even inside a group, naming the first place', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/2/fields/0/fields/0/id', 'childName'])), [
    {
      pointer: '/steps/2/fields/0/fields/0/id',
      message:
        'duplicate field id "childName": already used at /steps/0/fields/0; field ids must be unique in a procedure',
    },
  ]);
});

test('reports a step id used twice', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/2/id', 'child'])), [
    {
      pointer: '/steps/2/id',
      message:
        'duplicate step id "child": already used at /steps/0; step ids must be unique in a procedure',
    },
  ]);
});

test('reports an option value used twice in one field', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/1/fields/0/options/1/value', 'determined'])), [
    {
      pointer: '/steps/1/fields/0/options/1/value',
      message:
        'duplicate option value "determined": already used at /steps/1/fields/0/options/0; option values must be unique within a field',
    },
  ]);
});

// ---------------------------------------------------------------------------------------------
// Fields and their types

test('requires options on a choice field', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/1/fields/0/options', undefined])), [
    {
      pointer: '/steps/1/fields/0',
      message: 'a radio field needs "options": the choices, like [{"value": "…", "label": "…"}]',
    },
  ]);
});

test('reports options on a field type that has none, instead of what is wrong inside them', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/0/fields/0/options', []])), [
    {
      pointer: '/steps/0/fields/0/options',
      message:
        '"options" is only used by select, radio and checkboxes fields; remove it from this text field',
    },
  ]);
});

test('reports group, file and date properties on a text field', () => {
  const doc = changed(
    ['/steps/0/fields/0/maxRows', 3],
    ['/steps/0/fields/0/accept', ['.pdf']],
    ['/steps/0/fields/0/min', 1],
  );
  assert.deepEqual(lintDefinition(doc), [
    {
      pointer: '/steps/0/fields/0/maxRows',
      message: '"maxRows" is only used by group fields; remove it from this text field',
    },
    {
      pointer: '/steps/0/fields/0/accept',
      message: '"accept" is only used by file fields; remove it from this text field',
    },
    {
      pointer: '/steps/0/fields/0/min',
      message: '"min" is only used by date and year fields; remove it from this text field',
    },
  ]);
});

test('requires fields on a group', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/2/fields/0/fields', undefined])), [
    {
      pointer: '/steps/2/fields/0',
      message: 'a group field needs "fields": the questions asked for each row',
    },
  ]);
});

test('reports more rows required than allowed', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/2/fields/0/minRows', 6])), [
    {
      pointer: '/steps/2/fields/0/minRows',
      message: '"minRows" (6) is more than "maxRows" (5); lower "minRows" or raise "maxRows"',
    },
  ]);
});

test('requires date limits written as ISO dates or "today"', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/0/fields/1/min', '01/07/2025'])), [
    {
      pointer: '/steps/0/fields/1/min',
      message: '"min" must be an ISO date like "2025-07-01" or "today"',
    },
  ]);
});

test('reports date limits in the wrong order', () => {
  const doc = changed(
    ['/steps/0/fields/1/min', '2026-01-01'],
    ['/steps/0/fields/1/max', '2025-01-01'],
  );
  assert.deepEqual(lintDefinition(doc), [
    {
      pointer: '/steps/0/fields/1/min',
      message: '"min" (2026-01-01) is after "max" (2025-01-01); swap them',
    },
  ]);
});

test('suggests a known format and says where formats come from', () => {
  const doc = changed(['/steps/0/fields/0/format', 'vn-persnal-id']);
  assert.deepEqual(lintDefinition(doc, { formats: ['vn-personal-id'] }), [
    {
      pointer: '/steps/0/fields/0/format',
      message:
        'unknown format "vn-persnal-id" (did you mean "vn-personal-id"?); add the pack that provides it to loadProcedure({packs})',
    },
  ]);
});

test('knows only the built-in formats when no pack is given', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/0/fields/0/format', 'vn-personal-id'])), [
    {
      pointer: '/steps/0/fields/0/format',
      message:
        'unknown format "vn-personal-id"; add the pack that provides it to loadProcedure({packs})',
    },
  ]);
});

// ---------------------------------------------------------------------------------------------
// Schema fragments

test('reports a schema pattern that is not a valid regular expression', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/0/fields/0/schema', { pattern: '(' }])), [
    {
      pointer: '/steps/0/fields/0/schema',
      message: '"pattern" is not a valid regular expression: Unterminated group',
    },
  ]);
});

test('suggests the closest JSON Schema keyword for a misspelt one', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/0/fields/0/schema', { maxLenght: 100 }])), [
    {
      pointer: '/steps/0/fields/0/schema',
      message: 'unknown JSON Schema keyword "maxLenght" (did you mean "maxLength"?)',
    },
  ]);
});

test('points at a schema keyword whose value is not valid JSON Schema', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/0/fields/0/schema', { maxLength: '100' }])), [
    { pointer: '/steps/0/fields/0/schema/maxLength', message: 'must be a whole number' },
  ]);
});

test('reports a schema keyword that cannot apply to the values of the field type', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/0/fields/0/schema', { minimum: 1 }])), [
    {
      pointer: '/steps/0/fields/0/schema',
      message:
        '"minimum" only applies to number values, which a text field does not hold; remove it',
    },
  ]);
});

test('reports a schema type that contradicts the field type', () => {
  assert.deepEqual(lintDefinition(changed(['/steps/0/fields/0/schema', { type: 'integer' }])), [
    {
      pointer: '/steps/0/fields/0/schema',
      message:
        '"type": "integer" can never match the values of a text field (string); remove it, or change the field\'s "type"',
    },
  ]);
});

// ---------------------------------------------------------------------------------------------
// Conditions: shape

const FATHER_WHEN = '/steps/1/fields/1/when';

test('suggests the closest operator for an unknown one', () => {
  assert.deepEqual(
    lintDefinition(changed([FATHER_WHEN, { field: 'fatherKnown', equal: 'determined' }])),
    [
      {
        pointer: `${FATHER_WHEN}/equal`,
        message: 'unknown operator "equal" (did you mean "equals"?)',
      },
    ],
  );
});

test('reports a condition with two operators once, without schema noise', () => {
  const doc = changed([
    FATHER_WHEN,
    { field: 'fatherKnown', equals: 'determined', in: ['determined'] },
  ]);
  assert.deepEqual(lintDefinition(doc), [
    {
      pointer: FATHER_WHEN,
      message:
        'a condition needs exactly one operator besides "field", found "equals" and "in"; to test several things, list conditions in {"all": […]}',
    },
  ]);
});

test('reports a condition without an operator', () => {
  assert.deepEqual(lintDefinition(changed([FATHER_WHEN, { field: 'fatherKnown' }])), [
    {
      pointer: FATHER_WHEN,
      message: `a condition needs one operator besides "field"; use one of ${OPERATOR_LIST}`,
    },
  ]);
});

test('reports a condition without a field', () => {
  assert.deepEqual(lintDefinition(changed([FATHER_WHEN, { equals: 'determined' }])), [
    {
      pointer: FATHER_WHEN,
      message:
        'missing "field": name the field that "equals" tests, like {"field": "…", "equals": …}',
    },
  ]);
});

test('shows the shape of a condition when it is not an object', () => {
  assert.deepEqual(lintDefinition(changed([FATHER_WHEN, 'fatherKnown = determined'])), [
    {
      pointer: FATHER_WHEN,
      message:
        'a condition must be an object like {"field": "…", "equals": …}, or {"all": […]}, {"any": […]} or {"not": {…}}',
    },
  ]);
});

test('requires "in" to be a non-empty list', () => {
  assert.deepEqual(lintDefinition(changed([FATHER_WHEN, { field: 'fatherKnown', in: [] }])), [
    { pointer: `${FATHER_WHEN}/in`, message: '"in" must be a non-empty array of values' },
  ]);
});

test('requires an age in whole years', () => {
  assert.deepEqual(
    lintDefinition(changed([FATHER_WHEN, { field: 'birthDate', ageAtLeast: 1.5 }])),
    [
      {
        pointer: `${FATHER_WHEN}/ageAtLeast`,
        message: '"ageAtLeast" must be a whole number of years',
      },
    ],
  );
});

test('requires a date operand written as an ISO date, "today" or a field', () => {
  assert.deepEqual(
    lintDefinition(changed([FATHER_WHEN, { field: 'birthDate', before: '01/07/2025' }])),
    [
      {
        pointer: `${FATHER_WHEN}/before`,
        message: '"before" must be an ISO date like "2025-07-01", "today", or {"field": "…"}',
      },
    ],
  );
});

test('requires a combinator to be alone in its object', () => {
  const doc = changed([
    FATHER_WHEN,
    { all: [{ field: 'fatherKnown', filled: true }], field: 'fatherKnown' },
  ]);
  assert.deepEqual(lintDefinition(doc), [
    {
      pointer: FATHER_WHEN,
      message:
        '"all" must be the only key of its condition, found also "field"; to combine conditions, list them in {"all": […]}',
    },
  ]);
});

test('requires "all" to list at least one condition', () => {
  assert.deepEqual(lintDefinition(changed([FATHER_WHEN, { all: [] }])), [
    {
      pointer: `${FATHER_WHEN}/all`,
      message: '"all" must be a non-empty array of conditions, like [{"field": "…", "equals": …}]',
    },
  ]);
});

test('points into nested conditions', () => {
  const doc = changed([
    FATHER_WHEN,
    {
      any: [
        { field: 'fatherKnown', equals: 'determined' },
        { not: { field: 'fatherKnown', filled: 'yes' } },
      ],
    },
  ]);
  assert.deepEqual(lintDefinition(doc), [
    { pointer: `${FATHER_WHEN}/any/1/not/filled`, message: '"filled" must be true or false' },
  ]);
});

// ---------------------------------------------------------------------------------------------
// Conditions: the fields they name

test('suggests the closest field for an unknown one', () => {
  assert.deepEqual(lintDefinition(changed([`${FATHER_WHEN}/field`, 'fatherKnwn'])), [
    {
      pointer: `${FATHER_WHEN}/field`,
      message: 'unknown field "fatherKnwn" (did you mean "fatherKnown"?)',
    },
  ]);
});

test('reports a field condition that uses a field asked on a later step', () => {
  assert.deepEqual(
    lintDefinition(
      changed(['/steps/0/fields/1/when', { field: 'fatherKnown', equals: 'determined' }]),
    ),
    [
      {
        pointer: '/steps/0/fields/1/when/field',
        message:
          'this condition can never hold when it is checked: "fatherKnown" is asked on a later step ("parents"); ' +
          'conditions may only use answers given before, so ask "fatherKnown" earlier or drop it from this condition',
      },
    ],
  );
});

test('reports a field condition that uses the field itself', () => {
  assert.deepEqual(lintDefinition(changed([FATHER_WHEN, { field: 'fatherName', filled: true }])), [
    {
      pointer: `${FATHER_WHEN}/field`,
      message:
        'this condition can never hold when it is checked: "fatherName" is this field itself; ' +
        'conditions may only use answers given before, so ask "fatherName" earlier or drop it from this condition',
    },
  ]);
});

test('reports a step condition that uses a field of the same step', () => {
  assert.deepEqual(
    lintDefinition(changed(['/steps/1/when', { field: 'fatherKnown', equals: 'determined' }])),
    [
      {
        pointer: '/steps/1/when/field',
        message:
          'this condition can never hold when it is checked: "fatherKnown" is asked on this step itself; ' +
          'a step\'s condition may only use answers from earlier steps, so ask "fatherKnown" on an earlier step or drop it from this condition',
      },
    ],
  );
});

test('lets step conditions use earlier steps, and documents, fees and rules use any field', () => {
  const doc = changed(
    ['/steps/2/when', { field: 'fatherKnown', equals: 'determined' }],
    ['/documents', [{ id: 'proof', title: 'Giấy tờ', when: { field: 'copies', gt: 1 } }]],
    ['/fees', [{ id: 'copy-fee', label: 'Phí', amount: 8000, when: { field: 'copies', gt: 0 } }]],
    [
      '/rules/0/assert',
      { field: 'residences', some: { field: 'movedIn', after: { field: 'birthDate' } } },
    ],
  );
  assert.deepEqual(lintDefinition(doc), []);
});

test('reports an operator that does not fit the field type', () => {
  assert.deepEqual(
    lintDefinition(changed([FATHER_WHEN, { field: 'childName', before: 'today' }])),
    [
      {
        pointer: `${FATHER_WHEN}/before`,
        message: '"before" needs a date field, but "childName" is a text field',
      },
    ],
  );
  assert.deepEqual(lintDefinition(changed([FATHER_WHEN, { field: 'birthDate', lt: 5 }])), [
    {
      pointer: `${FATHER_WHEN}/lt`,
      message: '"lt" needs a number or year field, but "birthDate" is a date field',
    },
  ]);
});

test('reports "every" on a field that is not a group, and nothing about its rows', () => {
  assert.deepEqual(
    lintDefinition(
      changed([FATHER_WHEN, { field: 'childName', every: { field: 'nowhere', filled: true } }]),
    ),
    [
      {
        pointer: `${FATHER_WHEN}/every`,
        message: '"every" needs a group field, but "childName" is a text field',
      },
    ],
  );
});

test('looks up fields inside "some" among the group\'s rows first', () => {
  const doc = changed([
    '/steps/2/fields/1/when',
    { field: 'residences', some: { field: 'movedOt', filled: true } },
  ]);
  assert.deepEqual(lintDefinition(doc), [
    {
      pointer: '/steps/2/fields/1/when/some/field',
      message: 'unknown field "movedOt" (did you mean "movedOut"?)',
    },
  ]);
});

test('explains how to test a row field from outside its group', () => {
  assert.deepEqual(
    lintDefinition(changed(['/steps/2/fields/1/when', { field: 'place', filled: true }])),
    [
      {
        pointer: '/steps/2/fields/1/when/field',
        message:
          '"place" is a field of the rows of "residences"; test the rows with {"field": "residences", "some": {"field": "place", …}} or "every"',
      },
    ],
  );
});

test("requires the period of noOverlap to be date fields of the group's rows", () => {
  const doc = changed([
    '/steps/2/fields/1/when',
    { field: 'residences', noOverlap: { from: 'place', to: 'movedOt' } },
  ]);
  assert.deepEqual(lintDefinition(doc), [
    {
      pointer: '/steps/2/fields/1/when/noOverlap/from',
      message:
        '"from" must be a date field of the rows of "residences", but "place" is a text field',
    },
    {
      pointer: '/steps/2/fields/1/when/noOverlap/to',
      message: 'unknown field "movedOt" in the rows of "residences" (did you mean "movedOut"?)',
    },
  ]);
});

test('reports an equals value that is not an option of the field', () => {
  assert.deepEqual(lintDefinition(changed([`${FATHER_WHEN}/equals`, 'yes'])), [
    {
      pointer: `${FATHER_WHEN}/equals`,
      message:
        '"equals" value "yes" is not an option of "fatherKnown" (options: "determined", "undetermined")',
    },
  ]);
});

test('reports each value of "in" that is not an option of the field', () => {
  assert.deepEqual(
    lintDefinition(changed([FATHER_WHEN, { field: 'fatherKnown', in: ['determined', true] }])),
    [
      {
        pointer: `${FATHER_WHEN}/in/1`,
        message:
          '"in" value true is not an option of "fatherKnown" (options: "determined", "undetermined")',
      },
    ],
  );
});

test('checks values against the options of a checkboxes field too', () => {
  const doc = changed(
    ['/steps/1/fields/0/type', 'checkboxes'],
    [FATHER_WHEN, { field: 'fatherKnown', notEquals: 'Determined' }],
  );
  assert.deepEqual(lintDefinition(doc), [
    {
      pointer: `${FATHER_WHEN}/notEquals`,
      message:
        '"notEquals" value "Determined" is not an option of "fatherKnown" (options: "determined", "undetermined")',
    },
  ]);
});

test('checks the field named by a {"field": …} operand', () => {
  assert.deepEqual(
    lintDefinition(changed([FATHER_WHEN, { field: 'birthDate', before: { field: 'birthDat' } }])),
    [
      {
        pointer: `${FATHER_WHEN}/before/field`,
        message: 'unknown field "birthDat" (did you mean "birthDate"?)',
      },
    ],
  );
  assert.deepEqual(
    lintDefinition(changed([FATHER_WHEN, { field: 'birthDate', after: { field: 'childName' } }])),
    [
      {
        pointer: `${FATHER_WHEN}/after/field`,
        message: '"after" compares with "childName", which is a text field; use a date field',
      },
    ],
  );
});

// ---------------------------------------------------------------------------------------------
// Rules

test("reports an unknown field in a rule's fields", () => {
  assert.deepEqual(lintDefinition(changed(['/rules/0/fields/0', 'fatherNam'])), [
    {
      pointer: '/rules/0/fields/0',
      message: 'unknown field "fatherNam" (did you mean "fatherName"?)',
    },
  ]);
});

test('reports a rule with no fields', () => {
  assert.deepEqual(lintDefinition(changed(['/rules/0/fields', []])), [
    {
      pointer: '/rules/0/fields',
      message: 'a rule needs at least one field: the one the citizen should change',
    },
  ]);
});

test('reports a rule id used twice', () => {
  const doc = changed([
    '/rules/-',
    {
      id: 'father-named',
      assert: { field: 'childName', filled: true },
      fields: ['childName'],
      message: 'x',
    },
  ]);
  assert.deepEqual(lintDefinition(doc), [
    {
      pointer: '/rules/1/id',
      message:
        'duplicate rule id "father-named": already used at /rules/0; rule ids must be unique in a procedure',
    },
  ]);
});

// ---------------------------------------------------------------------------------------------
// Everything at once

test('lists every problem of a definition at once, structural and semantic, in document order', () => {
  const doc = changed(
    ['/version', 'one'],
    ['/steps/0/fields/0/type', 'txt'],
    ['/steps/0/fields/1/id', 'childName'],
    ['/steps/1/fields/1/when', { field: 'fatherKnown', equal: 'determined' }],
    ['/steps/2/fields/1/format', 'emial'],
    ['/rules/0/fields', ['fatherNam']],
  );
  assert.deepEqual(lintDefinition(doc), [
    { pointer: '/version', message: 'must be a version like "1.0.0"' },
    {
      pointer: '/steps/0/fields/0/type',
      message: `unknown field type "txt" (did you mean "text"?); use one of ${FIELD_TYPE_LIST}`,
    },
    {
      pointer: '/steps/0/fields/1/id',
      message:
        'duplicate field id "childName": already used at /steps/0/fields/0; field ids must be unique in a procedure',
    },
    {
      pointer: `${FATHER_WHEN}/equal`,
      message: 'unknown operator "equal" (did you mean "equals"?)',
    },
    {
      pointer: '/steps/2/fields/1/format',
      message:
        'unknown format "emial" (did you mean "email"?); add the pack that provides it to loadProcedure({packs})',
    },
    {
      pointer: '/rules/0/fields/0',
      message: 'unknown field "fatherNam" (did you mean "fatherName"?)',
    },
  ]);
});

test('does not change the definition it checks', () => {
  const doc = changed(['/steps/0/fields/0/type', 'txt']);
  const before = structuredClone(doc);
  lintDefinition(doc);
  assert.deepEqual(doc, before);
});

// ---------------------------------------------------------------------------------------------
// Suggestions

test('suggests a candidate only when it is a likely typo', () => {
  assert.equal(closest('lable', ['id', 'label', 'hint']), 'label');
  assert.equal(closest('childname', ['childName', 'birthDate']), 'childName');
  assert.equal(closest('colour', ['id', 'title', 'fields']), undefined);
});

test('accepts keywords, audience and online, and explains a wrong one', () => {
  const ok = {
    ...(base() as object),
    keywords: [{ vi: 'làm giấy khai sinh', en: 'birth certificate' }, 'đăng ký cho con'],
    audience: { vi: 'Cha hoặc mẹ của trẻ.', en: "The child's father or mother." },
    online: 'full',
  };
  assert.deepEqual(lintDefinition(ok), []);
  const wrong = { ...ok, keywords: ['khai sinh', { en: 'birth' }], online: 'fully' };
  assert.deepEqual(lintDefinition(wrong), [
    {
      pointer: '/keywords/1',
      message: 'missing "vi": the Vietnamese text is required, like {"vi": "…", "en": "…"}',
    },
    {
      pointer: '/online',
      message: 'unknown value "fully" (did you mean "full"?); use one of full, partial, counter',
    },
  ]);
});
