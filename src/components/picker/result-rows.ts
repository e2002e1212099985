import type { SorSearchHit } from '../../catalog/index.js';
import type { SorUnit } from '../../model/types.js';

/** One row of the picker's list: an option, or with grouping the heading of an institution's group. */
export interface ResultRow {
  /** The institution whose group the row belongs to; null without grouping. */
  group: SorUnit | null;
  /** The option's hit; absent on a group heading. */
  hit?: SorSearchHit;
  /** The option's index among the options as shown (its id, its place for the keyboard); -1 on a heading. */
  index: number;
}

/** The options in the order shown, and the rows that show them. */
export interface ResultList {
  hits: SorSearchHit[];
  rows: ResultRow[];
}

/** Lists longer than this many rows are windowed; shorter ones render whole, so option rows may wrap. */
export const WINDOW_FROM = 50;

/** True when a list of `rowCount` rows is windowed (only the rows in view are rendered). */
export function isWindowed(rowCount: number): boolean {
  return rowCount > WINDOW_FROM;
}

/**
 * The rows for the hits of a search. Without grouping, one row a hit in rank order. Grouped by
 * institution (`institutionOf` given), each institution's hits follow its best one under a
 * heading row, and the options are numbered in that order, so the keyboard moves in the order shown.
 */
export function resultRows(
  found: readonly SorSearchHit[],
  institutionOf: ((unit: SorUnit) => SorUnit) | null,
): ResultList {
  if (!institutionOf) {
    return { hits: found as SorSearchHit[], rows: found.map((hit, index) => ({ hit, index, group: null })) };
  }
  const groups = new Map<string, { unit: SorUnit; hits: SorSearchHit[] }>();
  for (const hit of found) {
    const unit = institutionOf(hit.unit);
    const group = groups.get(unit.sorCode) ?? { unit, hits: [] };
    groups.set(unit.sorCode, group);
    group.hits.push(hit);
  }
  const hits: SorSearchHit[] = [];
  const rows: ResultRow[] = [];
  for (const { unit, hits: members } of groups.values()) {
    rows.push({ group: unit, index: -1 });
    for (const hit of members) rows.push({ hit, index: hits.push(hit) - 1, group: unit });
  }
  return { hits, rows };
}

/**
 * The health institution a unit belongs to, read from its ancestors (top down, asked only for a
 * unit below an institution); an institution or an owner stands for itself, and so does a unit
 * whose path names no institution.
 */
export function institutionOf(unit: SorUnit, ancestors: (sorCode: string) => readonly SorUnit[]): SorUnit {
  if (unit.kind !== 'OE') return unit;
  return ancestors(unit.sorCode).find((step) => step.kind === 'SI') ?? unit;
}

/** The position in `rows` of the option numbered `index`, or -1 when no row shows it. */
export function rowOfOption(rows: readonly ResultRow[], index: number): number {
  return rows.findIndex((row) => row.hit !== undefined && row.index === index);
}

/**
 * The rows cut into runs of one group each (consecutive rows of the same institution), so that a
 * group cut by the window's edge is still one named group. Without grouping: one run.
 */
export function groupRuns(rows: readonly ResultRow[]): ResultRow[][] {
  const runs: ResultRow[][] = [];
  for (const row of rows) {
    if (runs.at(-1)?.[0].group !== row.group) runs.push([]);
    runs.at(-1)!.push(row);
  }
  return runs;
}
