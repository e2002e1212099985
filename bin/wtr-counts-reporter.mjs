// Prints one plain line "N passed, N failed, N skipped" after a web-test-runner run, so a CI log
// reader (and a person) can see at once how many browser tests ran, including none at all.

function count(suite, totals) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites ?? []) count(child, totals);
}

export function countsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults, totals);
        // A file that failed to load has no results: count it as a failure, never as nothing.
        if (!session.passed && (!session.testResults || session.errors?.length)) totals.failed++;
      }
      // After the default reporter's own output.
      setTimeout(
        () => console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`),
        0,
      );
    },
  };
}
