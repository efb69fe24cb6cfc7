import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MotcuaError,
  type ProcedureChecks,
  type ProcedureDefinition,
  createManualClock,
  createProcedure,
  createSession,
  startSession,
} from '@motcua/core';
import { loadProcedure, splitTexts } from '@motcua/core/compiler';
import { compileValidators } from '../src/compiler/ajv.js';
import { sealAnswers } from '../src/answers.js';
import { birthRegistration } from './fixtures.js';
import { pack as postcodePack } from './postcode-pack.js';

// A module made by `motcua build` gives its procedure the checks (validators, pack code) as a
// chunk to load, so that a page's first input waits for the definition alone. Before they come
// the procedure lays pages out with answers as typed, and refuses to judge; once loaded it is
// the procedure loadProcedure makes.

const clock = createManualClock('2025-09-01T08:00:00+07:00');

/** The birth registration with its checks behind load(), counting the loads. */
function lazyBirthRegistration(fail = 0) {
  const definition = birthRegistration();
  const direct = loadProcedure(definition, { clock });
  let loads = 0;
  const procedure = createProcedure(definition, {
    clock,
    checks: async (): Promise<ProcedureChecks> => {
      loads++;
      if (loads <= fail) throw new TypeError('Failed to fetch dynamically imported module');
      return { validators: compileValidators(definition), packs: [] };
    },
  });
  return { procedure, direct, loads: () => loads };
}

/** A postcode (a pack format) that, once typed as 12345, asks for more. */
function postcodeProcedure(checks?: () => Promise<ProcedureChecks>) {
  const definition: ProcedureDefinition = {
    id: 'postcode',
    version: '1.0.0',
    title: 'Mã bưu chính',
    steps: [
      {
        id: 'where',
        title: 'Nơi ở',
        fields: [
          { id: 'code', type: 'text', label: 'Mã bưu chính', format: 'postcode' },
          {
            id: 'street',
            type: 'text',
            label: 'Đường',
            when: { field: 'code', equals: '12345' },
          },
        ],
      },
    ],
  };
  return createProcedure(definition, {
    clock,
    ...(checks
      ? { checks, inputModes: { postcode: 'numeric' } }
      : { packs: [{ ...postcodePack, formats: { postcode: postcodePack.formats!.postcode! } }] }),
  });
}

describe('a procedure whose checks load on their own', () => {
  it('lays out the first page as loadProcedure does, before anything loads', () => {
    const { procedure, direct, loads } = lazyBirthRegistration();
    assert.equal(procedure.loaded, false);
    assert.deepEqual(procedure.applicableSteps({}), direct.applicableSteps({}));
    const first = direct.steps[0]!.id;
    assert.deepEqual(procedure.visibleFields(first, {}), direct.visibleFields(first, {}));
    assert.deepEqual(procedure.questions(first, {}), direct.questions(first, {}));
    for (const field of direct.visibleFields(first, {})) {
      assert.equal(procedure.isRequired(field.id, {}), direct.isRequired(field.id, {}), field.id);
    }
    assert.equal(loads(), 0, 'nothing is loaded until asked');
  });

  it('refuses to judge before its checks are here, saying what to call', () => {
    const { procedure } = lazyBirthRegistration();
    const answers = { requesterName: 'Nguyễn Văn An' };
    const step = procedure.steps[0]!.id;
    for (const [method, call] of [
      ['validate', () => procedure.validate(answers)],
      ['checkStep', () => procedure.checkStep(step, answers)],
      ['checkStep', () => procedure.validateStep(step, answers)],
      ['documents', () => procedure.documents(answers)],
      ['fees', () => procedure.fees(answers)],
      ['papers', () => procedure.papers(answers)],
    ] as const) {
      assert.throws(call, (error: unknown) => {
        assert.ok(error instanceof MotcuaError);
        assert.match(
          error.message,
          new RegExp(
            `^procedure "birth-registration": ${method}\\(\\) needs its checks.*await procedure\\.load\\(\\) first$`,
          ),
        );
        return true;
      });
    }
    assert.throws(() => procedure.machine, /await procedure\.load\(\) first/);
    assert.throws(() => createSession(procedure), /await procedure\.load\(\) first/);
    // Errors come only once judged; a page may switch language before, with none to rewrite.
    assert.deepEqual(procedure.localizeErrors([], 'en'), []);
    const error = { field: 'requesterName', code: 'required', params: {}, message: 'Nhập …' };
    assert.throws(
      () => procedure.localizeErrors([error], 'en'),
      /localizeErrors\(\) needs its checks.*await procedure\.load\(\) first$/,
    );
  });

  it('once loaded, judges every example case as loadProcedure does, and loads once', async () => {
    const { procedure, direct, loads } = lazyBirthRegistration();
    await Promise.all([procedure.load(), procedure.load()]);
    await procedure.load();
    assert.equal(loads(), 1);
    assert.equal(procedure.loaded, true);
    const cases = [
      {},
      { requesterName: 'Nguyễn Văn An', requesterPersonalId: '0010' },
      {
        requesterName: 'Nguyễn Văn An',
        requesterPersonalId: '001203004005',
        wantCopies: 'yes',
        copyCount: 2,
      },
    ];
    for (const answers of cases) {
      for (const locale of ['vi', 'en']) {
        assert.deepEqual(
          procedure.validate(answers, { locale }),
          direct.validate(answers, { locale }),
        );
      }
      assert.deepEqual(procedure.documents(answers), direct.documents(answers));
      assert.deepEqual(procedure.fees(answers), direct.fees(answers));
      for (const step of direct.steps) {
        assert.deepEqual(procedure.checkStep(step.id, answers), direct.checkStep(step.id, answers));
      }
    }
  });

  it('says a failed load plainly, stays unloaded, and loads on the next call', async () => {
    const { procedure, loads } = lazyBirthRegistration(1);
    await assert.rejects(procedure.load(), (error: unknown) => {
      assert.ok(error instanceof MotcuaError);
      assert.match(
        error.message,
        /^procedure "birth-registration": its checks could not be loaded \(Failed to fetch dynamically imported module\); check the connection, then call load\(\) again$/,
      );
      return true;
    });
    assert.equal(procedure.loaded, false);
    await procedure.load();
    assert.equal(loads(), 2);
    assert.equal(procedure.loaded, true);
  });

  it('takes a pack-format answer as typed until the format comes, then judges it afresh', async () => {
    let release!: (checks: ProcedureChecks) => void;
    const procedure = postcodeProcedure(
      () => new Promise<ProcedureChecks>((resolve) => (release = resolve)),
    );
    // The keyboard is known at once; the format's code is not.
    assert.equal(procedure.inputMode('postcode'), 'numeric');
    assert.equal(procedure.format('postcode'), undefined);
    // "1234 5" is not a postcode once tidied and checked; before that it is taken as typed.
    const typed = sealAnswers({ code: '12345' });
    const spaced = sealAnswers({ code: '1234 5' });
    assert.equal(procedure.isVisible('street', typed), true);
    assert.equal(procedure.isVisible('street', spaced), false, 'not tidied yet');

    const loading = procedure.load();
    release({ packs: [postcodePack] });
    await loading;
    // What was worked out for the same sealed answers before is not kept.
    assert.equal(procedure.isVisible('street', spaced), true, 'tidied to 12345 by the format');
    assert.equal(procedure.isVisible('street', typed), true);
    assert.equal(procedure.isVisible('street', sealAnswers({ code: '1234' })), false);
    assert.deepEqual(
      procedure.validate({ code: '1234' }).errors.map((error) => error.message),
      ['Nhập mã bưu chính gồm 5 chữ số'],
    );
    // Same as a procedure given its pack at once.
    const eager = postcodeProcedure();
    assert.equal(eager.loaded, true);
    assert.deepEqual(procedure.validate({ code: '1234' }), eager.validate({ code: '1234' }));
  });

  it('starts a session whose machine waits for the checks, the first page drawn meanwhile', async () => {
    const { procedure, direct, loads } = lazyBirthRegistration();
    let open!: () => void;
    const after = new Promise<void>((resolve) => (open = resolve));
    const session = startSession(procedure, { clock, after });
    const reference = createSession(direct, { clock });
    assert.deepEqual(session.snapshot, reference.snapshot);
    session.set('requesterName', 'Nguyễn Văn An');
    reference.set('requesterName', 'Nguyễn Văn An');
    assert.deepEqual(session.snapshot, reference.snapshot);
    session.next();
    assert.equal(loads(), 0, 'nothing loads before the first page is drawn');
    open();
    await session.ready;
    assert.equal(loads(), 1);
    assert.equal(procedure.loaded, true);
    reference.next();
    assert.deepEqual(session.snapshot, reference.snapshot);
    assert.ok(session.snapshot.errors.length > 0, 'Continue judged the page once the checks came');
    session.stop();
  });
});

describe('texts in other locales, loaded with the checks', () => {
  it('takes out English, and only texts; load() puts every one back', async () => {
    const written = birthRegistration();
    const definition = structuredClone(written);
    const english = splitTexts(definition, 'en');
    assert.ok(english !== undefined);
    assert.equal(JSON.stringify(definition).includes('"en":"'), false, 'no English text left');
    // Nothing else moved: the steps, their fields and conditions are as written.
    assert.deepEqual(
      definition.steps.map((step) =>
        step.fields.map((field) => [field.id, field.type, field.when]),
      ),
      written.steps.map((step) => step.fields.map((field) => [field.id, field.type, field.when])),
    );
    assert.deepEqual(definition.title, { vi: (written.title as { vi: string }).vi });

    const procedure = createProcedure(definition, {
      clock,
      checks: async () => ({
        validators: compileValidators(written),
        packs: [],
        texts: { en: english! },
      }),
    });
    assert.equal(procedure.steps[0]!.title, definition.steps[0]!.title);
    await procedure.load();
    assert.deepEqual(procedure.definition, written);
    assert.deepEqual(
      procedure.validate({}, { locale: 'en' }),
      loadProcedure(written, { clock }).validate({}, { locale: 'en' }),
    );
  });

  it('puts back nothing through a key like __proto__, nor where the definition has no text', () => {
    const definition: ProcedureDefinition = {
      id: 'tiny',
      version: '1.0.0',
      title: { vi: 'Thủ tục' },
      steps: [
        { id: 'one', title: 'Bước một', fields: [{ id: 'a', type: 'text', label: { vi: 'A' } }] },
      ],
    };
    const procedure = createProcedure(definition, {
      checks: async () => ({
        texts: {
          en: JSON.parse(
            '{"__proto__": {"polluted": "yes"}, "title": "Procedure", "steps": [{"title": "Step one", "fields": [{"label": "A", "hint": "none"}]}], "nothing": "x"}',
          ),
        },
      }),
    });
    return procedure.load().then(() => {
      assert.equal(({} as { polluted?: string }).polluted, undefined);
      assert.deepEqual(procedure.definition.title, { vi: 'Thủ tục', en: 'Procedure' });
      // A plain string is no text by locale: it stays as it is; a missing text is not made.
      assert.equal(procedure.definition.steps[0]!.title, 'Bước một');
      assert.deepEqual(procedure.definition.steps[0]!.fields[0]!.label, { vi: 'A', en: 'A' });
      assert.equal(procedure.definition.steps[0]!.fields[0]!.hint, undefined);
      assert.equal('nothing' in procedure.definition, false);
    });
  });
});

describe('the rest of the definition, loaded with the checks', () => {
  it('puts back fees, papers and rules, and judges with them once loaded', async () => {
    const written = birthRegistration();
    const { steps, id, version, title, ...rest } = structuredClone(written);
    assert.ok(rest.rules?.length && rest.fees?.length && rest.documents?.length);
    const procedure = createProcedure(
      { id, version, title, steps },
      { clock, checks: async () => ({ validators: compileValidators(written), definition: rest }) },
    );
    assert.equal(procedure.definition.rules, undefined);
    await procedure.load();
    assert.deepEqual(procedure.definition, written);
    const direct = loadProcedure(written, { clock });
    // A rule's error, a fee and a paper to bring: each needs what came with the checks.
    const answers = {
      requesterName: 'Nguyễn Văn An',
      childDateOfBirth: '2025-01-01',
      wantCopies: 'yes',
      copyCount: 2,
      fatherDetermined: 'yes',
      childEthnicity: 'kinh',
      motherEthnicity: 'tay',
      fatherEthnicity: 'hoa',
      hasBirthNotice: 'yes',
    };
    assert.deepEqual(procedure.validate(answers), direct.validate(answers));
    assert.ok(
      direct
        .validate(answers)
        .errors.some((error) => error.params.rule === 'child-ethnicity-from-parents'),
    );
    assert.deepEqual(procedure.fees(answers), direct.fees(answers));
    assert.ok(direct.fees(answers).lines.length > 0);
    assert.deepEqual(procedure.documents(answers), direct.documents(answers));
    assert.ok(direct.documents(answers).length > 0);
  });

  it('keeps what the definition has, and takes no key like __proto__', async () => {
    const procedure = createProcedure(
      { id: 'tiny', version: '1.0.0', title: { vi: 'Thủ tục' }, steps: [] },
      {
        checks: async () => ({
          definition: JSON.parse(
            '{"__proto__": {"polluted": "yes"}, "id": "other", "description": {"vi": "Mô tả"}}',
          ),
        }),
      },
    );
    await procedure.load();
    assert.equal(({} as { polluted?: string }).polluted, undefined);
    assert.equal(procedure.definition.id, 'tiny');
    assert.deepEqual(procedure.definition.description, { vi: 'Mô tả' });
  });
});
