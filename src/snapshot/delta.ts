import type { SorUnit } from '../model/types.js';
import { SnapshotFormatError } from './errors.js';
import { SNAPSHOT_FORMAT_VERSION, checkFormatHeader, type DeltaPayload } from './format.js';
import { canonicalOrder, compareSorCodes, unitsEqual, validateUnit } from './units.js';

/** What changed between two unit sets: units added or changed (whole), and codes removed. */
export interface UnitDiff {
  upserts: SorUnit[];
  removed: string[];
}

/** The units of `next` that are new or differ from `previous`, and the codes `next` no longer has. */
export function diff(previous: readonly SorUnit[], next: readonly SorUnit[]): UnitDiff {
  const before = new Map(previous.map((unit) => [unit.sorCode, unit]));
  const after = new Set(next.map((unit) => unit.sorCode));
  const upserts = next.filter((unit) => {
    const old = before.get(unit.sorCode);
    return old === undefined || !unitsEqual(old, unit);
  });
  const removed = previous.filter((unit) => !after.has(unit.sorCode)).map((unit) => unit.sorCode);
  return { upserts, removed };
}

/**
 * Applies a delta to units and returns the resulting units in canonical order. Throws a
 * `SnapshotFormatError` when the delta removes a code that is not there, leaves a unit without its
 * parent, or does not end at the unit count it announces.
 */
export function applyDelta(
  units: readonly SorUnit[],
  delta: Pick<DeltaPayload, 'upserts' | 'removed' | 'count'>,
): SorUnit[] {
  const byCode = new Map(units.map((unit) => [unit.sorCode, unit]));
  for (const code of delta.removed) {
    if (!byCode.delete(code))
      throw new SnapshotFormatError(`delta removes unit ${code}, which is not in the snapshot`);
  }
  for (const unit of delta.upserts) byCode.set(unit.sorCode, unit);
  if (byCode.size !== delta.count) {
    throw new SnapshotFormatError(`delta gives ${byCode.size} units; it announces ${delta.count}`);
  }
  return canonicalOrder([...byCode.values()]);
}

/** Finds a unit by SOR code, or undefined. */
export type UnitLookup = (sorCode: string) => SorUnit | undefined;

/** A delta applied by `patchUnits`: the resulting units, and what changed, by code. */
export interface PatchedUnits {
  /** The units after the delta: unchanged ones in their old order, changed ones in place, new ones last. */
  units: SorUnit[];
  /** Finds a unit of the result by code without indexing all of it (the old lookup plus the changes). */
  lookup: UnitLookup;
  /** Units added or changed, by code. */
  upserts: Map<string, SorUnit>;
  /** Codes of units removed (and not added back). */
  removed: Set<string>;
}

/**
 * Applies a delta with the checks of `applyDelta` (removed codes exist, the count matches, every
 * parent is there, no parent cycle), but without re-sorting 100,000 units into canonical order:
 * that order only matters when a full file is encoded, and `encodeFull` sorts then. The work is
 * one pass over `units` plus the changed units' ancestors. `lookup` finds a unit of `units` by
 * code (the caller usually has an index); without it one is built.
 */
export function patchUnits(
  units: readonly SorUnit[],
  delta: Pick<DeltaPayload, 'upserts' | 'removed' | 'count'>,
  lookup?: UnitLookup,
): PatchedUnits {
  const before: UnitLookup =
    lookup ??
    (
      (map) => (code: string) =>
        map.get(code)
    )(new Map(units.map((unit) => [unit.sorCode, unit])));
  const removed = new Set<string>();
  for (const code of delta.removed) {
    if (removed.has(code) || before(code) === undefined)
      throw new SnapshotFormatError(`delta removes unit ${code}, which is not in the snapshot`);
    removed.add(code);
  }
  const upserts = new Map<string, SorUnit>();
  for (const unit of delta.upserts) upserts.set(unit.sorCode, unit);
  let added = 0;
  for (const code of upserts.keys()) {
    // Removed and added back in one delta: a changed unit, as `applyDelta` (delete, then set) has it.
    if (removed.delete(code)) continue;
    if (before(code) === undefined) added++;
  }
  const count = units.length - removed.size + added;
  if (count !== delta.count) {
    throw new SnapshotFormatError(`delta gives ${count} units; it announces ${delta.count}`);
  }
  const after: UnitLookup = (code) => upserts.get(code) ?? (removed.has(code) ? undefined : before(code));

  const out: SorUnit[] = [];
  const placed = new Set<string>();
  const checkRemoved = removed.size > 0;
  for (const unit of units) {
    const code = unit.sorCode;
    const upsert = upserts.get(code);
    if (upsert !== undefined) {
      out.push(upsert);
      placed.add(code);
    } else if (!checkRemoved || !removed.has(code)) {
      if (checkRemoved && unit.parentCode !== null && removed.has(unit.parentCode)) {
        throw new SnapshotFormatError(`unit ${code}: parent ${unit.parentCode} is not in the snapshot`);
      }
      out.push(unit);
    }
  }
  for (const [code, unit] of upserts) if (!placed.has(code)) out.push(unit);

  // Every changed unit must reach an owner: its parent chain may run through unchanged units, so
  // walk it by code. Chains already known to end at an owner are not walked again.
  const rooted = new Set<string>();
  for (const unit of upserts.values()) {
    const path = new Set<string>();
    for (let at: SorUnit = unit; at.parentCode !== null && !rooted.has(at.sorCode);) {
      if (path.has(at.sorCode))
        throw new SnapshotFormatError(`unit ${unit.sorCode}: its parents form a cycle`);
      path.add(at.sorCode);
      const parent = after(at.parentCode);
      if (parent === undefined) {
        throw new SnapshotFormatError(`unit ${at.sorCode}: parent ${at.parentCode} is not in the snapshot`);
      }
      at = parent;
    }
    for (const code of path) rooted.add(code);
  }
  return { units: out, lookup: after, upserts, removed };
}

/** The delta payload that turns snapshot `from` into snapshot `to`. */
export function encodeDelta(
  previous: readonly SorUnit[],
  next: readonly SorUnit[],
  ids: { from: string; to: string; sourceDate: string },
): DeltaPayload {
  const { upserts, removed } = diff(previous, next);
  return {
    format: 'sor-snapshot-delta',
    version: SNAPSHOT_FORMAT_VERSION,
    from: ids.from,
    to: ids.to,
    sourceDate: ids.sourceDate,
    count: next.length,
    upserts: [...upserts].sort((a, b) => compareSorCodes(a.sorCode, b.sorCode)),
    removed: [...removed].sort(compareSorCodes),
  };
}

/** Validates a parsed delta payload; throws a `SnapshotFormatError` naming the field and index. */
export function decodeDelta(value: unknown): DeltaPayload {
  const fail = (message: string): never => {
    throw new SnapshotFormatError(`delta payload: ${message}`);
  };
  const payload = checkFormatHeader<DeltaPayload>(value, 'sor-snapshot-delta', fail);
  for (const key of ['from', 'to', 'sourceDate'] as const) {
    if (typeof payload[key] !== 'string') fail(`field "${key}" must be a string`);
  }
  if (!Number.isInteger(payload.count)) fail('field "count" must be a whole number');
  if (!Array.isArray(payload.upserts)) fail('field "upserts" must be an array');
  if (!Array.isArray(payload.removed) || !payload.removed.every((code) => typeof code === 'string')) {
    fail('field "removed" must be a list of SOR codes');
  }
  (payload.upserts as unknown[]).forEach((unit, i) => validateUnit(unit, `delta payload: upserts[${i}]`));
  return payload as DeltaPayload;
}
