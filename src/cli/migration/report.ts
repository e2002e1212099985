// The report of a bulk SHAK migration: what a migration lead needs to plan the manual part.
import type { ShakMigrationConfidence } from '../../catalog/shak-migration.js';
import type { PassThroughReason, RowAnswer } from './row-migrator.js';

/** How many of the most frequent ambiguous and unmatched SHAK codes the report lists. */
export const REPORT_TOP = 20;

/** The summary of a migration run: what a migration lead needs to plan the manual part. */
export interface MigrationReport {
  input: string;
  snapshot: { id: string; sourceDate: string; synthetic: boolean };
  asOf: string;
  /** Data rows read (the header row not counted). */
  rows: number;
  confidence: Record<ShakMigrationConfidence, number>;
  passedThrough: Record<PassThroughReason, number>;
  /** The most frequent SHAK codes migrated as `ambiguous`, most rows first (at most `REPORT_TOP`). */
  topAmbiguous: { shak: string; rows: number }[];
  /** The most frequent SHAK codes no unit answers (`none`), most rows first (at most `REPORT_TOP`). */
  topUnmatched: { shak: string; rows: number }[];
}

/** Counts the rows of a run as they are answered; `report()` gives the summary. */
export class MigrationTally {
  private readonly counts: MigrationReport;
  private readonly ambiguous = new Map<string, number>();
  private readonly unmatched = new Map<string, number>();

  constructor(input: string, snapshot: { id: string; sourceDate: string }, asOf: string) {
    this.counts = {
      input,
      snapshot: { id: snapshot.id, sourceDate: snapshot.sourceDate, synthetic: false },
      asOf,
      rows: 0,
      confidence: { exact: 0, ambiguous: 0, 'retired-successor': 0, none: 0 },
      passedThrough: {
        empty: 0,
        'sor-code': 0,
        'spreadsheet-damaged': 0,
        'pseudo-code': 0,
        'invalid-sor-code': 0,
        'not-shak': 0,
        'missing-cell': 0,
      },
      topAmbiguous: [],
      topUnmatched: [],
    };
  }

  /** Counts one data row by its answer. */
  count(answer: RowAnswer): void {
    const counts = this.counts;
    counts.rows++;
    if (answer.confidence === null) {
      counts.passedThrough[answer.reason!]++;
      return;
    }
    counts.confidence[answer.confidence]++;
    const codes =
      answer.confidence === 'ambiguous'
        ? this.ambiguous
        : answer.confidence === 'none'
          ? this.unmatched
          : null;
    codes?.set(answer.shak, (codes.get(answer.shak) ?? 0) + 1);
  }

  /** The report so far, with the most frequent ambiguous and unmatched codes. */
  report(): MigrationReport {
    return {
      ...this.counts,
      topAmbiguous: mostFrequent(this.ambiguous),
      topUnmatched: mostFrequent(this.unmatched),
    };
  }
}

// Most rows first; equal counts by code, so the report is the same on every run.
function mostFrequent(counts: Map<string, number>): { shak: string; rows: number }[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, REPORT_TOP)
    .map(([shak, rows]) => ({ shak, rows }));
}

/** The text report: counts per confidence and pass-through reason, and the codes to plan for. */
export function formatReport(report: MigrationReport): string {
  const lines = [
    `migrate-shak ${report.input}: ${report.rows} row(s) read; snapshot ${report.snapshot.id} (${report.snapshot.sourceDate})${report.snapshot.synthetic ? ' [SYNTHETIC]' : ''}, units valid on ${report.asOf}`,
    ...Object.entries(report.confidence).map(
      ([name, count]) => `  ${name.padEnd(22)} ${String(count).padStart(9)}`,
    ),
  ];
  const passed = Object.entries(report.passedThrough).filter(([, count]) => count > 0);
  if (passed.length > 0) {
    lines.push('  passed through (not a SHAK code):');
    for (const [name, count] of passed) lines.push(`    ${name.padEnd(20)} ${String(count).padStart(9)}`);
  }
  const list = (title: string, entries: { shak: string; rows: number }[]) => {
    if (entries.length === 0) return;
    lines.push(`  ${title}:`);
    for (const { shak, rows } of entries)
      lines.push(`    ${shak.padEnd(8)} ${String(rows).padStart(9)} row(s)`);
  };
  list(`most frequent ambiguous SHAK codes (top ${REPORT_TOP})`, report.topAmbiguous);
  list(`most frequent unmatched SHAK codes (top ${REPORT_TOP})`, report.topUnmatched);
  return `${lines.join('\n')}\n`;
}
