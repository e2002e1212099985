// The report of a bulk migration: counts per confidence and reason, the codes to plan for.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MigrationTally, REPORT_TOP, formatReport } from '../../../src/cli/migration/report.js';
import type { RowAnswer } from '../../../src/cli/migration/row-migrator.js';

const tail = new Uint8Array();
const migrated = (confidence: NonNullable<RowAnswer['confidence']>, shak: string): RowAnswer => ({
  tail,
  confidence,
  reason: null,
  shak,
});
const passed = (reason: NonNullable<RowAnswer['reason']>): RowAnswer => ({
  tail,
  confidence: null,
  reason,
  shak: '',
});

test('every row is counted once: by its confidence, or by why it passed through', () => {
  const tally = new MigrationTally('in.csv', { id: 'snap1', sourceDate: '2026-11-01' }, '2026-11-26');
  for (const answer of [
    migrated('exact', '2529'),
    migrated('exact', '252901'),
    migrated('retired-successor', '1301'),
    migrated('none', '9999'),
    passed('empty'),
    passed('empty'),
    passed('missing-cell'),
  ])
    tally.count(answer);
  const report = tally.report();
  assert.equal(report.rows, 7);
  assert.deepEqual(report.confidence, { exact: 2, ambiguous: 0, 'retired-successor': 1, none: 1 });
  assert.equal(report.passedThrough.empty, 2);
  assert.equal(report.passedThrough['missing-cell'], 1);
  assert.equal(
    Object.values(report.confidence).reduce((a, b) => a + b) +
      Object.values(report.passedThrough).reduce((a, b) => a + b),
    report.rows,
  );
  assert.deepEqual(report.snapshot, { id: 'snap1', sourceDate: '2026-11-01', synthetic: false });
});

test('the most frequent ambiguous and unmatched codes: most rows first, ties by code, at most the top 20', () => {
  const tally = new MigrationTally('in.csv', { id: 'snap1', sourceDate: '2026-11-01' }, '2026-11-26');
  for (let code = 0; code < 30; code++)
    for (let row = 0; row <= code % 3; row++)
      tally.count(migrated('none', `90${String(code).padStart(2, '0')}`));
  tally.count(migrated('ambiguous', '1301011'));
  tally.count(migrated('ambiguous', '1301011'));
  tally.count(migrated('ambiguous', '1301'));
  const report = tally.report();
  assert.deepEqual(report.topAmbiguous, [
    { shak: '1301011', rows: 2 },
    { shak: '1301', rows: 1 },
  ]);
  assert.equal(report.topUnmatched.length, REPORT_TOP);
  assert.deepEqual(report.topUnmatched.slice(0, 3), [
    { shak: '9002', rows: 3 },
    { shak: '9005', rows: 3 },
    { shak: '9008', rows: 3 },
  ]);
  assert.ok(report.topUnmatched.every((entry, i, all) => i === 0 || all[i - 1].rows >= entry.rows));
});

test('the text report names the run and lists counts, reasons with rows and the codes to plan for', () => {
  const tally = new MigrationTally('in.csv', { id: 'snap1', sourceDate: '2026-11-01' }, '2026-11-26');
  tally.count(migrated('exact', '2529'));
  tally.count(migrated('none', '9999'));
  tally.count(passed('spreadsheet-damaged'));
  const report = { ...tally.report(), snapshot: { id: 'snap1', sourceDate: '2026-11-01', synthetic: true } };
  const lines = formatReport(report).trimEnd().split('\n');
  assert.equal(
    lines[0],
    'migrate-shak in.csv: 3 row(s) read; snapshot snap1 (2026-11-01) [SYNTHETIC], units valid on 2026-11-26',
  );
  assert.match(lines[1], /^ {2}exact +1$/);
  assert.ok(lines.includes('  passed through (not a SHAK code):'));
  assert.ok(lines.some((line) => /^ {4}spreadsheet-damaged +1$/.test(line)));
  assert.ok(!lines.some((line) => line.includes('empty')), 'reasons with no rows are left out');
  assert.ok(lines.includes(`  most frequent unmatched SHAK codes (top ${REPORT_TOP}):`));
  assert.ok(lines.some((line) => /^ {4}9999 +1 row\(s\)$/.test(line)));
  assert.ok(!lines.some((line) => line.includes('ambiguous SHAK codes')), 'an empty list is left out');
});
