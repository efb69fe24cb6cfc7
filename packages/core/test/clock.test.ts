import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { civilDate, createManualClock, todayIn } from '@motcua/core';

describe('todayIn', () => {
  it('gives the civil date of each time zone, whichever zone was asked before', () => {
    // 01:00 on 1 December in Hà Nội is still 30 November in UTC and in New York.
    const clock = createManualClock('2026-11-30T18:00:00Z');
    for (let round = 0; round < 2; round++) {
      assert.equal(todayIn(clock, 'Asia/Ho_Chi_Minh'), '2026-12-01');
      assert.equal(todayIn(clock, 'UTC'), '2026-11-30');
      assert.equal(todayIn(clock, 'America/New_York'), '2026-11-30');
    }
    clock.set('2026-12-31T17:30:00Z');
    assert.equal(todayIn(clock, 'Asia/Ho_Chi_Minh'), '2027-01-01');
    assert.equal(todayIn(clock, 'UTC'), '2026-12-31');
  });
});

describe('todayIn in a zone of fixed offset', () => {
  it('turns the day at midnight in Hà Nội, 17:00 UTC', () => {
    const clock = createManualClock('2025-09-01T16:59:59Z');
    assert.equal(todayIn(clock, 'Asia/Ho_Chi_Minh'), '2025-09-01');
    clock.set('2025-09-01T16:59:59.999Z');
    assert.equal(todayIn(clock, 'Asia/Ho_Chi_Minh'), '2025-09-01');
    clock.set('2025-09-01T17:00:00Z');
    assert.equal(todayIn(clock, 'Asia/Ho_Chi_Minh'), '2025-09-02');
    assert.equal(todayIn(clock, 'Asia/Saigon'), '2025-09-02');
    assert.equal(todayIn(clock, 'UTC'), '2025-09-01');
    assert.equal(todayIn(clock, 'Etc/UTC'), '2025-09-01');
    clock.set('2025-12-31T17:00:00Z');
    assert.equal(todayIn(clock, 'Asia/Ho_Chi_Minh'), '2026-01-01');
    clock.set('2024-02-28T17:00:00Z');
    assert.equal(todayIn(clock, 'Asia/Ho_Chi_Minh'), '2024-02-29');
  });

  it('follows a clock moved back and forth across days, and ticking within one', () => {
    const clock = createManualClock('2025-09-01T16:00:00Z');
    const read = () => todayIn(clock, 'Asia/Ho_Chi_Minh');
    assert.equal(read(), '2025-09-01');
    clock.advance(60 * 60 * 1000);
    assert.equal(read(), '2025-09-02');
    clock.set('2025-09-01T16:00:00Z');
    assert.equal(read(), '2025-09-01');
    clock.set('2024-01-15T03:00:00Z');
    assert.equal(read(), '2024-01-15');
    clock.set('2025-09-02T16:59:59Z');
    assert.equal(read(), '2025-09-02');
    clock.advance(1000);
    assert.equal(read(), '2025-09-03');
    clock.set('2025-09-01T17:00:00Z');
    assert.equal(read(), '2025-09-02');
    clock.set('2025-09-01T16:59:59.999Z');
    assert.equal(read(), '2025-09-01');
  });

  it('keeps one day per clock: two clocks on different days do not share it', () => {
    const evening = createManualClock('2025-09-01T16:30:00Z');
    const night = createManualClock('2025-09-01T17:30:00Z');
    for (let round = 0; round < 2; round++) {
      assert.equal(todayIn(evening, 'Asia/Ho_Chi_Minh'), '2025-09-01');
      assert.equal(todayIn(night, 'Asia/Ho_Chi_Minh'), '2025-09-02');
    }
  });

  it('agrees with Intl for every fixed zone at each local midnight of 2020–2030', () => {
    for (const zone of ['Asia/Ho_Chi_Minh', 'Asia/Saigon', 'Asia/Bangkok', 'UTC', 'Etc/UTC']) {
      const format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' });
      const offset = zone.startsWith('Asia/') ? 7 * 3_600_000 : 0;
      const clock = createManualClock('2020-01-01T00:00:00Z');
      for (let day = Date.UTC(2020, 0, 1); day < Date.UTC(2031, 0, 1); day += 86_400_000) {
        for (const time of [day - offset - 1, day - offset]) {
          clock.set(new Date(time).toISOString());
          assert.equal(todayIn(clock, zone), format.format(time), `${zone} at ${clock.now()}`);
        }
      }
    }
  });

  it('makes no Intl.DateTimeFormat and formats nothing for Asia/Ho_Chi_Minh', () => {
    const original = Intl.DateTimeFormat;
    const formatToParts = original.prototype.formatToParts;
    let made = 0;
    let formatted = 0;
    const spy = function (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      made++;
      return new original(...args);
    } as unknown as typeof Intl.DateTimeFormat;
    Intl.DateTimeFormat = spy;
    original.prototype.formatToParts = function (this: Intl.DateTimeFormat, date) {
      formatted++;
      return formatToParts.call(this, date);
    };
    try {
      const clock = createManualClock('2025-09-01T16:59:59Z');
      assert.equal(todayIn(clock, 'Asia/Ho_Chi_Minh'), '2025-09-01');
      clock.advance(1000);
      assert.equal(todayIn(clock, 'Asia/Ho_Chi_Minh'), '2025-09-02');
      assert.equal(civilDate(Date.parse('2025-09-01T17:00:00Z'), 'Asia/Saigon'), '2025-09-02');
      assert.equal(made, 0);
      assert.equal(formatted, 0);
      // The spy sees Intl when it is used: a zone with daylight saving time.
      todayIn(clock, 'Europe/Paris');
      assert.equal(made, 1);
    } finally {
      Intl.DateTimeFormat = original;
      original.prototype.formatToParts = formatToParts;
    }
  });
});

describe('todayIn in a zone with daylight saving time', () => {
  it('reads the day through Intl around Berlin’s change of clocks', () => {
    const clock = createManualClock('2025-03-29T22:59:59Z');
    const read = () => todayIn(clock, 'Europe/Berlin');
    // Spring forward: midnight of 30 March is 23:00 UTC (CET, +01:00).
    assert.equal(read(), '2025-03-29');
    clock.advance(1000);
    assert.equal(read(), '2025-03-30');
    // 02:00 CET becomes 03:00 CEST at 01:00 UTC; midnight of the 31st is 22:00 UTC (+02:00).
    clock.set('2025-03-30T21:59:59Z');
    assert.equal(read(), '2025-03-30');
    clock.advance(1000);
    assert.equal(read(), '2025-03-31');
    // Fall back: midnight of 26 October is 22:00 UTC (+02:00); of the 27th, 23:00 UTC (+01:00).
    clock.set('2025-10-25T21:59:59Z');
    assert.equal(read(), '2025-10-25');
    clock.advance(1000);
    assert.equal(read(), '2025-10-26');
    clock.set('2025-10-26T22:59:59Z');
    assert.equal(read(), '2025-10-26');
    clock.advance(1000);
    assert.equal(read(), '2025-10-27');
    clock.set('2025-03-29T12:00:00Z');
    assert.equal(read(), '2025-03-29');
  });

  it('gives every hour of 2025 in Berlin the day Intl gives', () => {
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Berlin',
      dateStyle: 'short',
    });
    const clock = createManualClock('2025-01-01T00:00:00Z');
    for (let time = Date.UTC(2025, 0, 1); time < Date.UTC(2026, 0, 1); time += 1_800_000) {
      clock.set(new Date(time).toISOString());
      assert.equal(todayIn(clock, 'Europe/Berlin'), format.format(time));
      clock.set(new Date(time - 1).toISOString());
      assert.equal(todayIn(clock, 'Europe/Berlin'), format.format(time - 1));
    }
  });
});

describe('civilDate', () => {
  it('gives the day of an instant in a zone, as the server dates dossiers', () => {
    assert.equal(civilDate(Date.parse('2025-09-01T16:59:59Z'), 'Asia/Ho_Chi_Minh'), '2025-09-01');
    assert.equal(civilDate(new Date('2025-09-01T17:00:00Z'), 'Asia/Ho_Chi_Minh'), '2025-09-02');
    assert.equal(civilDate(new Date('2025-09-01T17:00:00Z'), 'America/New_York'), '2025-09-01');
    assert.equal(civilDate(Date.parse('2025-09-01T03:00:00Z'), 'Asia/Ho_Chi_Minh'), '2025-09-01');
  });
});
