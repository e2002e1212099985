import type { SorAddress, SorEanEntity, SorKind, SorUnit } from '../model/types.js';
import { declaresEan, eanEntityFieldOk, eanEntityValue } from './ean-entities.js';
import { EAN_ENTITY_COLUMNS, PLAIN_COLUMNS, type PlainColumnName } from './format.js';
import { SnapshotFormatError } from './errors.js';

/** The fields of a unit that are not a plain column's value as it stands. */
export type UnitCore = Omit<SorUnit, PlainColumnName>;

/**
 * A unit of the stored table, made on demand: its core fields and the value of each plain column
 * (`plain(column, i)` for the unit at `i`), as one object literal in the field order of `SorUnit`,
 * the order `decodeFull` writes its own literal in (a test holds the two alike, so the catalog
 * meets one shape). Adding the twelve plain fields one by one made this a third slower; in
 * `decodeFull`, which makes all 100,000 units in one loop, even this call cost 60 ms in Chromium.
 */
export function assembleUnit(
  core: UnitCore,
  i: number,
  plain: (column: PlainColumnName, i: number) => string | null,
): SorUnit {
  return {
    sorCode: core.sorCode,
    kind: core.kind,
    name: core.name,
    parentCode: core.parentCode,
    typeCode: plain('typeCode', i),
    level: core.level,
    shak: plain('shak', i),
    ean: plain('ean', i),
    eanInherited: core.eanInherited,
    eanEntity: core.eanEntity,
    providerNumber: plain('providerNumber', i),
    pharmacyNumber: plain('pharmacyNumber', i),
    regionCode: plain('regionCode', i),
    address: core.address,
    phone: plain('phone', i),
    email: plain('email', i),
    web: plain('web', i),
    specialties: core.specialties,
    validFrom: plain('validFrom', i),
    changedFrom: plain('changedFrom', i),
    validTo: plain('validTo', i),
    replaces: core.replaces,
    replacedBy: core.replacedBy,
  };
}

/** Orders SOR codes as numbers without parsing them (18 digits do not fit a JS number). */
export function compareSorCodes(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Puts units in the canonical order of the format: owners by code, each followed by its subtree,
 * depth first, children by code. Any set of units has exactly one canonical order, so a delta
 * applied to one snapshot gives the next one unit for unit. Throws when a parent is missing or the
 * parents form a cycle.
 */
export function canonicalOrder(units: readonly SorUnit[]): SorUnit[] {
  const byCode = new Map<string, SorUnit>();
  for (const unit of units) {
    if (byCode.has(unit.sorCode)) throw new SnapshotFormatError(`unit ${unit.sorCode} occurs twice`);
    byCode.set(unit.sorCode, unit);
  }
  const roots: SorUnit[] = [];
  const children = new Map<string, SorUnit[]>();
  for (const unit of units) {
    if (unit.parentCode === null) {
      roots.push(unit);
      continue;
    }
    if (!byCode.has(unit.parentCode)) {
      throw new SnapshotFormatError(`unit ${unit.sorCode}: parent ${unit.parentCode} is not in the snapshot`);
    }
    const list = children.get(unit.parentCode);
    if (list) list.push(unit);
    else children.set(unit.parentCode, [unit]);
  }
  const byCodeOrder = (a: SorUnit, b: SorUnit): number => compareSorCodes(a.sorCode, b.sorCode);
  const ordered: SorUnit[] = [];
  // An explicit stack: trees nest to any depth and recursion would risk the call stack.
  const stack = roots.sort(byCodeOrder).reverse();
  while (stack.length > 0) {
    const unit = stack.pop() as SorUnit;
    ordered.push(unit);
    const kids = children.get(unit.sorCode);
    if (kids) for (const kid of kids.sort(byCodeOrder).reverse()) stack.push(kid);
  }
  if (ordered.length !== units.length) {
    const reached = new Set(ordered.map((unit) => unit.sorCode));
    const stuck = units.find((unit) => !reached.has(unit.sorCode));
    throw new SnapshotFormatError(`unit ${stuck?.sorCode}: its parents form a cycle`);
  }
  return ordered;
}

function sameAddress(a: SorAddress | null, b: SorAddress | null): boolean {
  if (a === null || b === null) return a === b;
  return a.street === b.street && a.postcode === b.postcode && a.city === b.city;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function sameEanEntity(a: SorEanEntity | null, b: SorEanEntity | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.onlyInternal === b.onlyInternal &&
    a.nonActive === b.nonActive &&
    EAN_ENTITY_COLUMNS.every((_, k) => eanEntityValue(a, k) === eanEntityValue(b, k))
  );
}

/** True when two units carry the same data in every field. */
export function unitsEqual(a: SorUnit, b: SorUnit): boolean {
  return (
    a.sorCode === b.sorCode &&
    a.kind === b.kind &&
    a.name === b.name &&
    a.parentCode === b.parentCode &&
    a.eanInherited === b.eanInherited &&
    // The nullable string fields, as the payload's plain columns carry them.
    PLAIN_COLUMNS.every((field) => a[field] === b[field]) &&
    (a.level === null || b.level === null
      ? a.level === b.level
      : a.level.code === b.level.code && a.level.name === b.level.name) &&
    sameEanEntity(a.eanEntity, b.eanEntity) &&
    sameAddress(a.address, b.address) &&
    sameList(a.specialties, b.specialties) &&
    sameList(a.replaces, b.replaces) &&
    sameList(a.replacedBy, b.replacedBy)
  );
}

const KINDS: readonly SorKind[] = ['IE', 'SI', 'OE'];
const NULLABLE_STRINGS = ['parentCode', ...PLAIN_COLUMNS] as const;

function fail(where: string, message: string): never {
  throw new SnapshotFormatError(`${where}: ${message}`);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * Checks that a value has the shape of a `SorUnit` (as a delta payload carries them) and returns it
 * typed. `where` names the place in messages, e.g. `delta upserts[12]`.
 */
export function validateUnit(value: unknown, where: string): SorUnit {
  if (typeof value !== 'object' || value === null) fail(where, 'is not an object');
  const unit = value as Record<string, unknown>;
  if (typeof unit.sorCode !== 'string' || unit.sorCode === '')
    fail(where, 'field "sorCode" must be a string');
  const at = `${where} (unit ${unit.sorCode})`;
  if (!KINDS.includes(unit.kind as SorKind)) fail(at, `field "kind" must be one of ${KINDS.join(', ')}`);
  if (typeof unit.name !== 'string') fail(at, 'field "name" must be a string');
  for (const key of NULLABLE_STRINGS) {
    if (unit[key] !== null && typeof unit[key] !== 'string')
      fail(at, `field "${key}" must be a string or null`);
  }
  if (typeof unit.eanInherited !== 'boolean') fail(at, 'field "eanInherited" must be a boolean');
  const level = unit.level as Record<string, unknown> | null;
  if (
    level !== null &&
    (typeof level !== 'object' || typeof level.code !== 'string' || typeof level.name !== 'string')
  ) {
    fail(at, 'field "level" must be null or { code, name }');
  }
  const address = unit.address as Record<string, unknown> | null;
  if (
    address !== null &&
    (typeof address !== 'object' ||
      typeof address.street !== 'string' ||
      typeof address.postcode !== 'string' ||
      typeof address.city !== 'string')
  ) {
    fail(at, 'field "address" must be null or { street, postcode, city }');
  }
  for (const key of ['specialties', 'replaces', 'replacedBy'] as const) {
    if (!isStringList(unit[key])) fail(at, `field "${key}" must be a list of strings`);
  }
  // Deltas of sor-snapshot before 0.2 carry no EDI data: their units read as having none.
  unit.eanEntity ??= null;
  const entity = unit.eanEntity as Record<string, unknown> | null;
  if (entity !== null) {
    if (!declaresEan(unit as Pick<SorUnit, 'ean' | 'eanInherited'>))
      fail(at, 'field "eanEntity" is set on a unit that declares no EAN of its own');
    if (typeof entity !== 'object') fail(at, 'field "eanEntity" must be null or an object');
    const bad = ['onlyInternal', 'nonActive', ...EAN_ENTITY_COLUMNS].find(
      (key) => !eanEntityFieldOk(entity, key),
    );
    if (bad) fail(at, `field "eanEntity.${bad}" has the wrong type`);
  }
  return value as SorUnit;
}
