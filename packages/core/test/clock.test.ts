import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createManualClock, todayIn } from '@motcua/core';

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
