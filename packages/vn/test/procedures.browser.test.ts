// Every procedure of the Vietnam pack, walked in the browser with the keyboard alone from its
// first page to the confirmation, axe (WCAG 2.2 AA) on every page, the review and the
// confirmation. The answers are those of the procedure's own example cases: the valid case that
// visits the most steps. procedures.test.ts checks that every procedure in packages/vn/procedures
// is listed here.
import { expect, fixture, html } from '@open-wc/testing';
import type { FieldDefinition, Procedure } from '@motcua/core';
import { createManualClock } from '@motcua/core';
import '@motcua/elements/motcua.js';
import type { MotcuaProcedure } from '@motcua/elements';
import {
  addressData,
  controlId,
  delayedSubmit,
  expectAccessible,
  shadow,
  submitted,
  text,
  heading,
} from '../../elements/test/helpers.js';
import { type FilesChoice, answerByKeyboard, pressButton } from '../../elements/test/keys.js';
import type { PageAnswer } from '../../elements/test/journeys.js';
import { fold } from '../src/text.js';
import certifiedCopy from '../procedures/certified-copy.procedure.json';
import civilStatusExtract from '../procedures/civil-status-extract.procedure.json';
import deathRegistration from '../procedures/death-registration.procedure.json';
import householdBusiness from '../procedures/household-business.procedure.json';
import marriageRegistration from '../procedures/marriage-registration.procedure.json';
import temporaryResidence from '../procedures/temporary-residence.procedure.json';
import criminalRecord from '../procedures/criminal-record.procedure.json';
import permanentResidence from '../procedures/permanent-residence.procedure.json';

const PROCEDURES: readonly Procedure[] = [
  certifiedCopy,
  civilStatusExtract,
  criminalRecord,
  deathRegistration,
  householdBusiness,
  marriageRegistration,
  permanentResidence,
  temporaryResidence,
];

interface Case {
  name: string;
  valid: boolean;
  answers: Record<string, unknown>;
  steps?: string[];
}

interface CaseFile {
  procedure: string;
  today: string;
  cases: Case[];
}

/** The valid case that visits the most steps (or, without recorded steps, gives most answers). */
function fullestCase(file: CaseFile): Case {
  const valid = file.cases.filter((example) => example.valid);
  const size = (example: Case) =>
    (example.steps?.length ?? 0) * 1000 + Object.keys(example.answers).length;
  const best = valid.sort((a, b) => size(b) - size(a))[0];
  if (!best) throw new Error(`${file.procedure}: no valid case to walk`);
  return best;
}

type KeyAnswer = PageAnswer | FilesChoice | boolean | readonly string[];

/** A case's answer as the citizen gives it in the page: date parts, a commune's name, files. */
async function asTyped(field: FieldDefinition, value: unknown): Promise<KeyAnswer> {
  switch (field.type) {
    case 'date': {
      const [year, month, day] = String(value).split('-');
      return { day: String(Number(day)), month: String(Number(month)), year: year! };
    }
    case 'address': {
      const place = value as { province: string; commune: string; detail?: string };
      const communes = await addressData.communes(place.province);
      const commune = communes.find((candidate) => candidate.code === place.commune);
      if (!commune) throw new Error(`no commune ${place.commune} in ${place.province}`);
      return { ...place, search: fold(commune.name) };
    }
    case 'file': {
      const files = value as { name: string; type: string }[];
      return { files: files.map(({ name, type }) => ({ name, type, content: `%${name}` })) };
    }
    case 'checkbox':
      return value === true;
    case 'checkboxes':
      return value as string[];
    default:
      return String(value);
  }
}

/** Whether the page shows a control for `path` (a field hidden by its `when` shows none). */
function shown(element: MotcuaProcedure, path: string): boolean {
  const root = shadow(element);
  return Boolean(
    root.querySelector(`#${controlId(path)}`) ?? root.querySelector(`[name="${path}"]`),
  );
}

/** Answers a field, rows and all, from the keyboard. */
async function answerField(
  element: MotcuaProcedure,
  field: FieldDefinition,
  path: string,
  value: unknown,
): Promise<void> {
  if (field.type !== 'group') {
    await answerByKeyboard(element, path, await asTyped(field, value), field);
    return;
  }
  const rows = value as Record<string, unknown>[];
  for (const [index, row] of rows.entries()) {
    if (!shadow(element).querySelector(`#${controlId(path)}-row-${index}`)) {
      await pressButton(element, text(shadow(element).querySelector(`#${controlId(path)}-add`)));
    }
    for (const rowField of field.fields ?? []) {
      const rowPath = `${path}.${index}.${rowField.id}`;
      const answer = row[rowField.id];
      if (answer === undefined || !shown(element, rowPath)) continue;
      await answerField(element, rowField, rowPath, answer);
    }
  }
}

for (const procedure of PROCEDURES) {
  describe(`${procedure.id}: by keyboard alone, axe on every page`, () => {
    it('goes from the first page to the confirmation with its fullest example case', async function () {
      this.timeout(180_000);
      const file = (await (
        await fetch(new URL(`../procedures/${procedure.id}.cases.json`, import.meta.url))
      ).json()) as CaseFile;
      const example = fullestCase(file);
      const send = delayedSubmit({ dossierCode: 'HS-20260101-0001' }, 10);
      const clock = createManualClock(`${file.today}T09:00:00+07:00`);
      const element = await fixture<MotcuaProcedure>(
        html`<motcua-procedure
          .clock=${clock}
          .procedure=${procedure}
          .addressData=${addressData}
          .submit=${send}
          lang="vi"
          mode="portal"
          confirmation="element"
        ></motcua-procedure>`,
      );
      await element.loaded;
      await element.updateComplete;

      const seen: string[] = [];
      const done = new Set<string>();
      for (let guard = 0; element.session?.snapshot.status === 'filling'; guard++) {
        if (guard > 60)
          throw new Error(`${procedure.id}: the walk does not end (${seen.join(', ')})`);
        const snapshot = element.session.snapshot;
        const where = `${snapshot.step!.id}${snapshot.page ? `/${snapshot.page}` : ''}`;
        seen.push(snapshot.step!.id);
        await expectAccessible(element, `${procedure.id}, ${where}`);
        // A field an answer reveals ("Khác" → its box) joins the page: answer until none is left.
        // A page that asks again what an earlier one asked (a date checked with the next
        // question) shows the answer given: it is not typed twice. A prefilled answer that is
        // not the case's is changed, as a citizen would.
        for (;;) {
          const next = element.session.snapshot.fields.find((field) => !done.has(field.id));
          if (!next) break;
          done.add(next.id);
          const value = example.answers[next.id];
          const current = element.session.snapshot.answers[next.id];
          if (value === undefined || JSON.stringify(current) === JSON.stringify(value)) continue;
          await answerField(element, next, next.id, value);
        }
        await pressButton(element, 'Tiếp tục');
        const errors = element.session.snapshot.errors;
        expect(
          errors.map((error) => `${error.field}: ${error.message}`),
          `errors after Tiếp tục on ${where} (${example.name})`,
        ).to.deep.equal([]);
      }
      if (example.steps) {
        expect([...new Set(seen)], `the steps of "${example.name}"`).to.deep.equal(example.steps);
      }
      expect(element.session?.snapshot.status).to.equal('review');
      expect(text(heading(element))).to.equal('Kiểm tra lại thông tin');
      await expectAccessible(element, `${procedure.id}, review`);

      await pressButton(element, 'Gửi hồ sơ');
      await submitted(element);
      expect(send.calls.length).to.equal(1);
      // What was typed is the case's dossier: the same answers once normalised, files aside
      // (their sizes are the case's invention).
      const options = { clock };
      const sent = procedure.validate(send.calls[0], options);
      const expected = procedure.validate(example.answers, options);
      expect(sent.valid, 'the dossier sent is valid').to.equal(true);
      for (const [id, value] of Object.entries(expected.answers)) {
        if (procedure.field(id)?.type === 'file') continue;
        expect(JSON.stringify(sent.answers[id]), id).to.equal(JSON.stringify(value));
      }
      expect(Object.keys(sent.answers).sort()).to.deep.equal(Object.keys(expected.answers).sort());
      expect(element.session?.snapshot.status).to.equal('submitted');
      await expectAccessible(element, `${procedure.id}, confirmation`);
    });
  });
}
