// node:test reporter that counts tests (not suites) and writes the counts as JSON to its
// destination, for scripts/test.mjs to add to the browser tests' counts.
//
// Skipped and todo tests arrive as `test:pass` (or `test:fail` for a failing todo, which does not
// fail the run) with `skip` or `todo` set; both count as skipped. A file that fails to load is
// reported as one failing test named after the file, so it counts as a failure.
export default async function* summaryCounts(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details?.type === 'suite') continue;
    if (isSet(data.skip) || isSet(data.todo)) counts.skipped += 1;
    else if (event.type === 'test:pass') counts.passed += 1;
    else counts.failed += 1;
  }
  yield `${JSON.stringify(counts)}\n`;
}

/** `skip`/`todo` hold `true` or the reason given; absent or `false` when not skipped. */
function isSet(directive) {
  return directive !== undefined && directive !== false;
}
