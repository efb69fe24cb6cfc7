import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { type Procedure, type ProcedureDefinition, isPaperAnswer } from '@motcua/core';
import { compileToModule, lintDefinition, loadProcedure } from '@motcua/core/compiler';

/** A procedure with a file that may come on paper, one that may not, and files in group rows. */
function definition(): ProcedureDefinition {
  return {
    id: 'papers',
    version: '1.0.0',
    title: { vi: 'Hồ sơ có giấy tờ', en: 'A dossier with papers' },
    steps: [
      {
        id: 'files',
        title: 'Giấy tờ',
        fields: [
          {
            id: 'birthNotice',
            type: 'file',
            label: { vi: 'Giấy chứng sinh', en: 'Birth notice' },
            required: true,
            accept: ['application/pdf', 'image/jpeg'],
          },
          {
            id: 'signedScan',
            type: 'file',
            label: { vi: 'Bản quét có chữ ký số', en: 'Digitally signed scan' },
            paper: false,
          },
          {
            id: 'witness',
            type: 'file',
            label: { vi: 'Văn bản của người làm chứng', en: 'Witness statement' },
            when: { field: 'birthNotice', filled: false },
          },
          {
            id: 'members',
            type: 'group',
            label: { vi: 'Thành viên', en: 'Members' },
            fields: [
              { id: 'memberName', type: 'text', label: 'Họ và tên' },
              {
                id: 'idCard',
                type: 'file',
                label: { vi: 'Căn cước của thành viên', en: "The member's ID card" },
              },
            ],
          },
        ],
      },
    ],
  };
}

const procedure = loadProcedure(definition());
const PAPER = { paper: true } as const;
const PDF = { name: 'giay-chung-sinh.pdf', type: 'application/pdf', size: 2048 };

describe('a file brought on paper', () => {
  it('satisfies a required file field and is kept as {paper: true}', () => {
    const result = procedure.validate({ birthNotice: { paper: true, note: 'ignored' } });
    assert.deepEqual(result.errors, []);
    assert.equal(result.valid, true);
    assert.deepEqual({ ...result.answers }, { birthNotice: { paper: true } });
    assert.equal(isPaperAnswer(result.answers.birthNotice), true);
  });

  it('counts as filled in conditions, so the alternative paper is not asked', () => {
    assert.equal(procedure.isVisible('witness', { birthNotice: PAPER }), false);
    assert.equal(procedure.isVisible('witness', {}), true);
  });

  it('is refused where the field says "paper": false, with a message saying to upload', () => {
    const vi = procedure.validate({ birthNotice: [PDF], signedScan: PAPER });
    assert.equal(vi.valid, false);
    assert.deepEqual(
      vi.errors.map(({ field, code, message }) => ({ field, code, message })),
      [
        {
          field: 'signedScan',
          code: 'paperNotAllowed',
          message:
            'Hãy tải lên tệp bản quét có chữ ký số: mục này cần bản điện tử, không nhận bản giấy mang đến quầy',
        },
      ],
    );
    const en = procedure.validate({ birthNotice: [PDF], signedScan: PAPER }, { locale: 'en' });
    assert.equal(
      en.errors[0]?.message,
      'Upload the file for digitally signed scan: this item needs the file itself, not a paper copy brought to the counter',
    );
    assert.equal(en.errors[0]?.message.normalize('NFC'), en.errors[0]?.message);
    assert.equal(vi.errors[0]?.message.normalize('NFC'), vi.errors[0]?.message);
  });

  it('is not taken for a paper by anything but {paper: true}', () => {
    for (const value of [{ paper: false }, { paper: 'true' }, [{ paper: true }]]) {
      const result = procedure.validate({ birthNotice: value });
      assert.equal(result.valid, false, JSON.stringify(value));
      assert.equal(result.errors[0]?.code, 'type', JSON.stringify(value));
    }
  });

  it('still checks uploaded files as before', () => {
    const result = procedure.validate({
      birthNotice: [{ name: 'a.heic', type: 'image/heic', size: 1 }],
    });
    assert.equal(result.errors[0]?.code, 'fileType');
  });
});

describe('papers()', () => {
  it('lists the files answered on paper with their labels, group rows as paths, in form order', () => {
    const answers = {
      birthNotice: PAPER,
      members: [
        { memberName: 'An', idCard: [PDF] },
        { memberName: 'Bình', idCard: PAPER },
      ],
    };
    assert.deepEqual(procedure.papers(answers), [
      { field: 'birthNotice', label: { vi: 'Giấy chứng sinh', en: 'Birth notice' } },
      {
        field: 'members.1.idCard',
        label: { vi: 'Căn cước của thành viên', en: "The member's ID card" },
      },
    ]);
  });

  it('leaves out uploads, hidden fields and fields that forbid paper', () => {
    assert.deepEqual(procedure.papers({ birthNotice: [PDF] }), []);
    // The witness statement is hidden once the birth notice is given.
    assert.deepEqual(
      procedure.papers({ birthNotice: [PDF], witness: PAPER, signedScan: PAPER }),
      [],
    );
    assert.deepEqual(procedure.papers({}), []);
  });
});

describe('"paper" in definitions', () => {
  it('is a boolean of file fields only', () => {
    const misplaced = definition();
    misplaced.steps[0]!.fields.unshift({ id: 'name', type: 'text', label: 'Tên', paper: true });
    assert.deepEqual(lintDefinition(misplaced), [
      {
        pointer: '/steps/0/fields/0/paper',
        message: '"paper" is only used by file fields; remove it from this text field',
      },
    ]);
    const wrongType = definition() as unknown as { steps: { fields: object[] }[] };
    wrongType.steps[0]!.fields[1] = { ...wrongType.steps[0]!.fields[1], paper: 'no' };
    assert.deepEqual(lintDefinition(wrongType), [
      { pointer: '/steps/0/fields/1/paper', message: 'must be true or false' },
    ]);
  });
});

const outDir = fileURLToPath(new URL('../../../node_modules/.cache/motcua-test/', import.meta.url));
const written: string[] = [];
after(() => {
  for (const file of written) rmSync(file, { force: true });
});

describe('compiled with compileToModule', async () => {
  mkdirSync(outDir, { recursive: true });
  const file = `${outDir}papers-${process.pid}.js`;
  writeFileSync(file, await compileToModule(definition()));
  written.push(file);
  const compiled = ((await import(pathToFileURL(file).href)) as { default: Procedure }).default;

  it('validates paper answers and lists papers exactly as loadProcedure does', () => {
    const samples: Record<string, unknown>[] = [
      { birthNotice: PAPER },
      { birthNotice: PAPER, signedScan: PAPER },
      { birthNotice: [PDF], members: [{ idCard: PAPER }, { idCard: [PDF] }] },
      { birthNotice: { paper: false } },
      {},
    ];
    for (const answers of samples) {
      for (const locale of ['vi', 'en']) {
        assert.deepEqual(
          compiled.validate(answers, { locale }),
          procedure.validate(answers, { locale }),
        );
      }
      assert.deepEqual(compiled.papers(answers), procedure.papers(answers));
    }
  });
});
