import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DefinitionError, loadProcedure } from '@motcua/core/compiler';

const definition = (field: Record<string, unknown>) => ({
  id: 'places',
  version: '1.0.0',
  title: 'Nơi chốn',
  steps: [{ id: 'origin', title: 'Quê quán', fields: [field] }],
});

describe('an address named by its commune and province (detail: false)', () => {
  const homeTown = loadProcedure(
    definition({
      id: 'homeTown',
      type: 'address',
      label: 'Quê quán',
      required: true,
      detail: false,
    }),
  );
  const residence = loadProcedure(
    definition({ id: 'homeTown', type: 'address', label: 'Nơi cư trú', required: true }),
  );

  it('needs no detail line, and keeps none', () => {
    const answers = { homeTown: { province: '01', commune: '00103', detail: 'Số 5' } };
    const result = homeTown.validate(answers);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      { ...(result.answers.homeTown as object) },
      { province: '01', commune: '00103' },
    );
  });

  it('still needs the commune, and a residence its detail', () => {
    const missing = (procedure: typeof homeTown, value: unknown) =>
      procedure.validate({ homeTown: value }).errors.map((error) => error.params.missing);
    assert.deepEqual(missing(homeTown, { province: '01' }), ['commune']);
    assert.deepEqual(missing(residence, { province: '01', commune: '00103' }), ['detail']);
  });

  it('is refused on a field that is not an address', () => {
    assert.throws(
      () => loadProcedure(definition({ id: 'name', type: 'text', label: 'Tên', detail: false })),
      (error: unknown) =>
        error instanceof DefinitionError &&
        /detail/.test(error.message) &&
        /address fields/.test(error.message),
    );
  });
});
