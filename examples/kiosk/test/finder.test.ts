// The kiosk's finder without a browser: the words citizens type (with or without diacritics, in
// Telex, plain synonyms) lead to the right procedure of the repository's catalogue; every
// situation (life-events.json) names a procedure in at most two questions; the start page asks
// the questions that decide the papers, and the papers follow the answers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ProcedureDefinition } from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';
import { fold, searchKeys } from '@motcua/vn';
import vn from '@motcua/vn/pack';
import {
  earlyQuestions,
  elsewhereFor,
  feesFor,
  kioskFees,
  outcomes,
  papersToBring,
  papersFor,
  questionDepth,
  search,
  walkEvent,
  type LifeEvent,
} from '../finder.js';

import { REPO, siteFile } from './helpers.js';

const read = (path: string) => JSON.parse(readFileSync(join(REPO, path), 'utf8')) as never;
const DEFINITIONS: Record<string, string> = {
  'birth-registration': 'examples/procedures/birth-registration.procedure.json',
  'permanent-residence': 'packages/vn/procedures/permanent-residence.procedure.json',
  'criminal-record': 'packages/vn/procedures/criminal-record.procedure.json',
};
/** The catalogue's entries as the finder reads them: id, title and keywords of each definition. */
const procedures = Object.entries(DEFINITIONS).map(([id, path]) => {
  const definition = read(path) as ProcedureDefinition;
  return { id, title: definition.title, keywords: definition.keywords ?? [] } as never;
});
const site = siteFile('demo.json') as {
  elsewhere: never[];
  counters: { procedures?: string[] }[];
};
const events = (read('examples/kiosk/life-events.json') as { events: LifeEvent[] }).events;
const text = { fold, searchKeys };
const find = (query: string) =>
  search(query, { procedures, elsewhere: site.elsewhere, events }, text);
const firstProcedure = (query: string) => (find(query).procedures[0] as { id?: string })?.id;

describe('the finder', () => {
  for (const [query, id] of [
    ['dang ky khai sinh', 'birth-registration'],
    ['đăng ký khai sinh', 'birth-registration'],
    ['ddawng kys khai sinh', 'birth-registration'],
    ['khai sinh', 'birth-registration'],
    ['lam giay khai sinh', 'birth-registration'],
    ['dang ky cho con', 'birth-registration'],
    ['toi muon lam giay khai sinh cho con', 'birth-registration'],
    ['chuyen ho khau', 'permanent-residence'],
    ['nhaapj hooj khaaur', 'permanent-residence'],
    ['ly lich', 'criminal-record'],
    ['lý lịch tư pháp', 'criminal-record'],
    ['criminal record', 'criminal-record'],
  ] as const) {
    it(`finds ${id} first for "${query}"`, () => {
      assert.equal(firstProcedure(query), id, JSON.stringify(find(query)));
    });
  }

  it('finds only the one procedure for "dang ky khai sinh", not the residence', () => {
    const ids = find('dang ky khai sinh').procedures.map((entry) => (entry as { id: string }).id);
    assert.deepEqual(ids, ['birth-registration']);
  });

  it('says where to go for a procedure the site does not handle ("lam ho chieu")', () => {
    const found = find('lam ho chieu');
    assert.deepEqual(found.procedures, []);
    assert.equal(found.elsewhere.length, 1);
    assert.match(JSON.stringify(found.elsewhere[0]), /Xuất nhập cảnh|xuất nhập cảnh/);
  });

  it('finds a situation by its words ("sinh con")', () => {
    assert.deepEqual(
      find('sinh con').events.map((event) => event.id),
      ['new-baby'],
    );
  });

  it('finds nothing for words that name nothing', () => {
    const found = find('xyzzy');
    assert.equal(found.procedures.length + found.elsewhere.length + found.events.length, 0);
  });
});

describe('the situations (life-events.json)', () => {
  it('each leads to a procedure in at most two questions', () => {
    assert.ok(events.length >= 5, `${events.length} situations`);
    for (const event of events) {
      assert.ok(questionDepth(event.next) <= 2, `${event.id}: ${questionDepth(event.next)}`);
    }
  });

  it('each outcome is a procedure of the catalogue, or names its title for "not here"', () => {
    const ids = new Set(Object.keys(DEFINITIONS));
    for (const event of events) {
      for (const outcome of outcomes(event.next)) {
        assert.ok(
          ids.has(outcome.procedure) || outcome.title !== undefined,
          `${event.id} → ${outcome.procedure} has neither a definition nor a title`,
        );
      }
    }
  });

  it('"Có con mới sinh": no birth certificate yet → the birth registration at once', () => {
    const baby = events.find((event) => event.id === 'new-baby')!;
    const first = walkEvent(baby, []);
    assert.ok('question' in first);
    assert.deepEqual(walkEvent(baby, [0]), { outcome: { procedure: 'birth-registration' } });
    assert.deepEqual(walkEvent(baby, [1, 0]), { outcome: { procedure: 'permanent-residence' } });
  });

  it('"Sắp đi nước ngoài" leads to the passport, which the demo site sends elsewhere', () => {
    const abroad = events.find((event) => event.id === 'travel-abroad')!;
    const at = walkEvent(abroad, []);
    assert.ok('outcome' in at);
    const places = elsewhereFor(at.outcome, site.elsewhere, text);
    assert.equal(places.length, 1);
    assert.match(JSON.stringify(places[0]), /Phòng Quản lý xuất nhập cảnh/);
  });

  it('"Sắp kết hôn" leads to the marriage registration, which the demo site now takes', () => {
    const marriage = events.find((event) => event.id === 'marriage')!;
    const at = walkEvent(marriage, []);
    assert.ok('outcome' in at);
    assert.equal(at.outcome.procedure, 'marriage-registration');
    assert.ok(site.counters[0]!.procedures!.includes('marriage-registration'));
  });
});

describe('the start page of the birth registration', () => {
  const procedure = loadProcedure(read(DEFINITIONS['birth-registration']!), { packs: [vn] });

  it('asks the two questions that decide its papers', () => {
    assert.deepEqual(
      earlyQuestions(procedure as never).map((field) => field.id),
      ['hasBirthNotice', 'fatherDetermined'],
    );
  });

  it('lists the papers for sure and those that depend, refined by the answers', () => {
    const ids = (papers: { id: string }[]) => papers.map((doc) => doc.id).sort();
    const before = papersFor(procedure as never, {});
    assert.deepEqual(ids(before.needed), ['requester-identity']);
    assert.deepEqual(ids(before.maybe), [
      'birth-notice',
      'marriage-certificate',
      'witness-statement',
    ]);
    const after = papersFor(procedure as never, { hasBirthNotice: 'no', fatherDetermined: 'no' });
    assert.deepEqual(ids(after.needed), ['requester-identity', 'witness-statement']);
    assert.deepEqual(after.maybe, []);
  });

  it('gives the fee total only once the birth date and the copies are decided', () => {
    const born = (daysAgo: number) =>
      new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const fees = (answers: Record<string, unknown>) => feesFor(procedure as never, answers);
    assert.equal(fees({}).total, undefined);
    // Until the birth date is known, both the free on-time fee and the late one may apply.
    assert.deepEqual(
      fees({ wantCopies: 'no' }).maybe.map((fee) => fee.id),
      ['registration-fee', 'late-registration-fee'],
    );
    assert.equal(fees({ wantCopies: 'no', childDateOfBirth: born(10) }).total, 0);
    assert.equal(fees({ wantCopies: 'yes', childDateOfBirth: born(10) }).total, undefined);
    assert.equal(
      fees({ wantCopies: 'yes', copyCount: 2, childDateOfBirth: born(10) }).total,
      16000,
    );
    // Past the 60-day limit the fee is the province's: named, without a total.
    const late = fees({ wantCopies: 'no', childDateOfBirth: born(2000) });
    assert.deepEqual(
      late.applying.map((fee) => fee.id),
      ['late-registration-fee'],
    );
    assert.equal(late.total, undefined);
  });

  it('counts at the kiosk only the fees the definition charges there', () => {
    assert.deepEqual(
      kioskFees([
        { id: 'counter', channel: 'in-person' },
        { id: 'online', channel: 'online' },
        { id: 'both', channel: ['online', 'kiosk'] },
        { id: 'any', channel: 'any' },
        { id: 'unsaid' },
      ]).map((fee) => fee.id),
      ['both', 'any', 'unsaid'],
    );
  });
});

describe('the slip', () => {
  it('marks a document brought on paper once, and adds a paper that is no document', () => {
    const papers = papersToBring(
      {
        documents: [
          { id: 'birth-notice', title: { vi: 'Giấy chứng sinh', en: 'Birth notice' } },
          { id: 'id', title: { vi: 'Giấy tờ tùy thân', en: 'Identity document' } },
        ],
        papers: [
          { field: 'birthNotice', label: { vi: 'Giấy chứng sinh', en: 'Birth notice' } },
          { field: 'photo', label: { vi: 'Ảnh 4x6', en: 'Photo' } },
        ],
      } as never,
      'vi',
    );
    assert.deepEqual(papers, [
      { title: 'Giấy chứng sinh', onPaper: true },
      { title: 'Giấy tờ tùy thân', onPaper: false },
      { title: 'Ảnh 4x6', onPaper: true },
    ]);
  });
});
