import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintDefinition, loadProcedure } from '@motcua/core/compiler';

/** An applicant step the card can fill, a conditional step after it, and a group. */
function definition(card: unknown): unknown {
  return {
    id: 'permanent-residence',
    version: '1.0.0',
    title: 'Đăng ký thường trú',
    card,
    steps: [
      {
        id: 'applicant',
        title: 'Người đăng ký',
        fields: [
          { id: 'applicantName', type: 'text', label: 'Họ và tên' },
          { id: 'applicantBirthDate', type: 'date', label: 'Ngày sinh' },
          {
            id: 'applicantSex',
            type: 'radio',
            label: 'Giới tính',
            options: [
              { value: 'male', label: 'Nam' },
              { value: 'female', label: 'Nữ' },
            ],
          },
          { id: 'applicantPersonalId', type: 'text', label: 'Số định danh' },
          { id: 'applicantAddress', type: 'textarea', label: 'Nơi thường trú' },
          { id: 'applicantHome', type: 'address', label: 'Địa chỉ' },
          { id: 'hasOldId', type: 'checkbox', label: 'Có CMND cũ' },
          {
            id: 'oldIdNumber',
            type: 'text',
            label: 'Số CMND',
            when: { field: 'hasOldId', equals: true },
          },
          {
            id: 'applicantGender',
            type: 'radio',
            label: 'Giới tính',
            options: [
              { value: 'nam', label: 'Nam' },
              { value: 'nu', label: 'Nữ' },
            ],
          },
          {
            id: 'previous',
            type: 'group',
            label: 'Nơi ở trước',
            fields: [{ id: 'previousName', type: 'text', label: 'Tên' }],
          },
        ],
      },
      {
        id: 'guardian',
        title: 'Người giám hộ',
        when: { field: 'applicantBirthDate', ageUnder: 18 },
        fields: [{ id: 'guardianName', type: 'text', label: 'Họ tên' }],
      },
    ],
  };
}

function cardProblems(card: unknown) {
  return lintDefinition(definition(card)).filter((issue) => issue.pointer.startsWith('/card'));
}

test('a card key naming fitting fields of the first step has no problem, and loads', () => {
  const card = {
    personalId: 'applicantPersonalId',
    fullName: 'applicantName',
    dateOfBirth: 'applicantBirthDate',
    sex: 'applicantSex',
    residence: 'applicantAddress',
  };
  assert.deepEqual(lintDefinition(definition(card)), []);
  assert.deepEqual(loadProcedure(definition(card) as never).definition.card, card);
});

test('an unknown field is named, with the one meant', () => {
  const [problem, ...rest] = cardProblems({ fullName: 'applicantNam' });
  assert.equal(rest.length, 0);
  assert.equal(problem?.pointer, '/card/fullName');
  assert.match(problem!.message, /unknown field "applicantNam" \(did you mean "applicantName"\?\)/);
});

test('a field on a step after a condition, with a "when" or in a group is refused', () => {
  const problems = cardProblems({
    fullName: 'guardianName',
    oldId: 'oldIdNumber',
    personalId: 'previousName',
  });
  assert.deepEqual(
    problems.map((problem) => problem.pointer),
    ['/card/fullName', '/card/oldId', '/card/personalId'],
  );
  assert.match(problems[0]!.message, /step "guardian", after a step with a condition/);
  assert.match(problems[1]!.message, /has a "when"/);
  assert.match(problems[2]!.message, /group's rows/);
});

test('a part mapped to a field of a type it does not fit is refused, saying which fits', () => {
  const problems = cardProblems({
    dateOfBirth: 'applicantName',
    residence: 'applicantHome',
    personalId: 'applicantBirthDate',
  });
  assert.equal(problems.length, 3);
  assert.match(
    problems.find((p) => p.pointer === '/card/dateOfBirth')!.message,
    /text field; .* fills a date field/,
  );
  assert.match(
    problems.find((p) => p.pointer === '/card/residence')!.message,
    /address field; .* not the codes/,
  );
  assert.match(
    problems.find((p) => p.pointer === '/card/personalId')!.message,
    /date field; .* fills a text field/,
  );
});

test('sex must go to a choice with the options "male" and "female"', () => {
  const [problem] = cardProblems({ sex: 'applicantGender' });
  assert.equal(problem?.pointer, '/card/sex');
  assert.match(problem!.message, /no options "male" and "female"/);
});

test('two parts cannot fill the same field', () => {
  const problems = cardProblems({
    personalId: 'applicantPersonalId',
    oldId: 'applicantPersonalId',
  });
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.pointer, '/card/oldId');
  assert.match(problems[0]!.message, /already filled by the card's personalId/);
});

test('the schema refuses an unknown part and an empty card', () => {
  const unknown = cardProblems({ nickname: 'applicantName' });
  assert.ok(
    unknown.some((p) => p.pointer.startsWith('/card') && /nickname/.test(p.message)),
    JSON.stringify(unknown),
  );
  assert.ok(cardProblems({}).length > 0);
});

test('a mapped field of a type nobody knows is reported once, at its type, not at the card', () => {
  const json = definition({ fullName: 'applicantName' }) as {
    steps: { fields: { type: string }[] }[];
  };
  json.steps[0]!.fields[0]!.type = 'txt';
  const problems = lintDefinition(json);
  assert.deepEqual(
    problems.map((problem) => problem.pointer),
    ['/steps/0/fields/0/type'],
  );
  assert.match(problems[0]!.message, /unknown field type "txt" \(did you mean "text"\?\)/);
});
