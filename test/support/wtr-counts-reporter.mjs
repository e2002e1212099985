// Prints plain count lines after a web-test-runner run: one per engine ("chromium: N passed, N
// failed, N skipped"), then the total "N passed, N failed, N skipped" alone on the last line, so a
// CI log reader (and a person) can see at once how many browser tests ran in each engine, including
// none at all.

function count(suite, totals) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites ?? []) count(child, totals);
}

const line = ({ passed, failed, skipped }) => `${passed} passed, ${failed} failed, ${skipped} skipped`;

/** The counts of each engine (by launcher name, lower case) and of all, from the run's sessions. */
export function countSessions(sessions) {
  const engines = new Map();
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const session of sessions) {
    const engine = String(session.browser?.name ?? 'browser').toLowerCase();
    if (!engines.has(engine)) engines.set(engine, { passed: 0, failed: 0, skipped: 0 });
    const totals = { passed: 0, failed: 0, skipped: 0 };
    if (session.testResults) count(session.testResults, totals);
    // A file that failed to load has no results: count it as a failure, never as nothing.
    if (!session.passed && (!session.testResults || session.errors?.length)) totals.failed++;
    for (const key of Object.keys(total)) {
      engines.get(engine)[key] += totals[key];
      total[key] += totals[key];
    }
  }
  return { engines, total };
}

/** The lines the reporter prints: one per engine, then the total alone. */
export function countLines(sessions) {
  const { engines, total } = countSessions(sessions);
  return [...[...engines].map(([engine, totals]) => `${engine}: ${line(totals)}`), line(total)];
}

export function countsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const lines = countLines(sessions);
      // After the default reporter's own output.
      setTimeout(() => console.log(`\n${lines.join('\n')}`), 0);
    },
  };
}
