// @web/test-runner reporter that counts tests across all files and browsers.
//
// CI reads a runner's last line, and wtr's own summary carries a progress-bar prefix that is not
// recognised. With MOTCUA_WTR_SUMMARY set, the counts are written there as JSON for
// scripts/test.mjs to add up; without it, `N passed, N failed, N skipped` is printed as the last
// line, from process.on('exit') because wtr keeps printing after reporters stop.
import { writeFileSync } from 'node:fs';

/**
 * @typedef {{passed: number, failed: number, skipped: number}} Counts
 * @typedef {import('@web/test-runner').TestSuiteResult} TestSuiteResult
 * @typedef {import('@web/test-runner').TestSession} TestSession
 */

/** @param {TestSuiteResult | undefined} suite @param {Counts} counts */
function countSuite(suite, counts) {
  if (!suite) return;
  for (const test of suite.tests) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites) countSuite(child, counts);
}

/** @param {readonly TestSession[]} sessions @returns {Counts} */
export function countSessions(sessions) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const session of sessions) {
    const before = counts.failed;
    countSuite(session.testResults, counts);
    // A file that failed to load, timed out or threw outside a test has no failing test to show
    // for it, yet it failed: count it once.
    if (session.passed !== true && counts.failed === before) counts.failed += 1;
  }
  return counts;
}

/** @returns {import('@web/test-runner').Reporter} */
export function summaryCountsReporter({ outputFile = process.env.MOTCUA_WTR_SUMMARY } = {}) {
  /** @type {Counts | undefined} */
  let counts;
  return {
    start() {
      if (outputFile) return;
      process.on('exit', () => {
        const { passed, failed, skipped } = counts ?? { passed: 0, failed: 1, skipped: 0 };
        console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
      });
    },
    stop({ sessions }) {
      counts = countSessions(sessions);
      if (outputFile) writeFileSync(outputFile, `${JSON.stringify(counts)}\n`);
    },
  };
}
