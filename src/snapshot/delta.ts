import type { SorUnit } from '../model/types.js';
import { SnapshotFormatError } from './errors.js';
import { SNAPSHOT_FORMAT_VERSION, type DeltaPayload } from './format.js';
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
  if (typeof value !== 'object' || value === null) return fail('is not a JSON object');
  const payload = value as Partial<DeltaPayload>;
  if (payload.format !== 'sor-snapshot-delta')
    fail(`field "format" is ${JSON.stringify(payload.format)}, expected "sor-snapshot-delta"`);
  if (payload.version !== SNAPSHOT_FORMAT_VERSION) {
    fail(
      `field "version" is ${JSON.stringify(payload.version)}; this reader understands version ${SNAPSHOT_FORMAT_VERSION}`,
    );
  }
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
