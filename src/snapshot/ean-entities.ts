import type { SorEanEntity, SorEdiCode, SorUnit } from '../model/types.js';
import { ColumnWriter, checkIntArray, fail, readColumn } from './columns.js';
import {
  EAN_ENTITY_COLUMNS,
  EAN_ENTITY_PARENTS,
  type EanEntityColumnName,
  type EanEntitySection,
  type ParentedEanEntityColumnName,
  type StringColumnName,
} from './format.js';

const parentOf = (name: EanEntityColumnName): 'unit' | 'validFrom' | undefined =>
  EAN_ENTITY_PARENTS[name as ParentedEanEntityColumnName];

const ONLY_INTERNAL = 1;
const NON_ACTIVE = 2;
// The first four EAN entity columns hold EDI codes (`SorEdiCode`), the others plain strings.
const EDI_CODE_COLUMNS = 4;
// Between an EDI code and its name in one column value; codes are digits, names hold no tab.
const CODE_NAME_SEPARATOR = '\t';

function ediCode(value: string | null): SorEdiCode | null {
  if (value === null) return null;
  const tab = value.indexOf(CODE_NAME_SEPARATOR);
  return tab < 0 ? { code: value, name: null } : { code: value.slice(0, tab), name: value.slice(tab + 1) };
}

/**
 * The value of an EAN entity's column `k` (of `EAN_ENTITY_COLUMNS`) as one string: an EDI code as
 * `code` or `code<TAB>name`. Two entities carry the same data when every column and both
 * indicators match: the encoder and `unitsEqual` compare by it alike.
 */
export function eanEntityValue(entity: SorEanEntity, k: number): string | null {
  const value = entity[EAN_ENTITY_COLUMNS[k]];
  if (k >= EDI_CODE_COLUMNS) return value as string | null;
  const code = value as SorEdiCode | null;
  return code === null ? null : code.name === null ? code.code : code.code + CODE_NAME_SEPARATOR + code.name;
}

/** An entity's two indicators as one number: bit 0 `OnlyInternalIndicator`, bit 1 `NonActiveIndicator`. */
export const eanEntityFlags = (entity: SorEanEntity): number =>
  (entity.onlyInternal ? ONLY_INTERNAL : 0) | (entity.nonActive ? NON_ACTIVE : 0);

/**
 * Makes EAN entities back from their flags and their column values (as `eanEntityValue` gives
 * them); null for flags outside 0–3. EDI codes repeat across thousands of entities: a maker
 * shares one frozen `SorEdiCode` per distinct value.
 */
export function eanEntityMaker(): (
  flags: number,
  valueOf: (column: number) => string | null,
) => SorEanEntity | null {
  const shared = new Map<string, SorEdiCode>();
  const codeOf = (value: string | null): SorEdiCode | null => {
    if (value === null) return null;
    let code = shared.get(value);
    if (code === undefined) shared.set(value, (code = Object.freeze(ediCode(value)!)));
    return code;
  };
  // One object literal in the field order of `SorEanEntity` (column k is EAN_ENTITY_COLUMNS[k]):
  // tens of thousands of entities share one shape, made in one allocation each.
  return (flags, valueOf) => {
    if (!(flags >= 0 && flags <= (ONLY_INTERNAL | NON_ACTIVE))) return null;
    return {
      systemType: codeOf(valueOf(0)),
      systemSupplier: codeOf(valueOf(1)),
      communicationSupplier: codeOf(valueOf(2)),
      ediAdministrator: codeOf(valueOf(3)),
      onlyInternal: (flags & ONLY_INTERNAL) !== 0,
      nonActive: (flags & NON_ACTIVE) !== 0,
      regionCode: valueOf(4),
      validFrom: valueOf(5),
      changedFrom: valueOf(6),
      validTo: valueOf(7),
    };
  };
}

/** True when a unit may carry an EAN entity: it declares an EAN of its own. */
export const declaresEan = (unit: Pick<SorUnit, 'ean' | 'eanInherited'>): boolean =>
  unit.ean !== null && !unit.eanInherited;

/** Whether a value (of a delta's unit) has the type the field of `SorEanEntity` needs. */
export function eanEntityFieldOk(entity: Record<string, unknown>, key: string): boolean {
  const value = entity[key];
  const k = (EAN_ENTITY_COLUMNS as readonly string[]).indexOf(key);
  if (k < 0) return typeof value === 'boolean';
  if (value === null) return true;
  if (k >= EDI_CODE_COLUMNS) return typeof value === 'string';
  const code = value as Record<string, unknown>;
  return (
    typeof code === 'object' &&
    typeof code.code === 'string' &&
    (code.name === null || typeof code.name === 'string')
  );
}

/**
 * The EAN entity section of a full payload, from units in canonical order. Throws (as a
 * `SnapshotFormatError`) when a unit carries an EAN entity without an EAN of its own.
 */
export function encodeEanEntities(ordered: readonly SorUnit[]): EanEntitySection {
  const units: number[] = [];
  const flags: number[] = [];
  const entities: SorEanEntity[] = [];
  const owners: SorUnit[] = [];
  let previous = 0;
  ordered.forEach((unit, index) => {
    const entity = unit.eanEntity;
    if (entity === null) return;
    if (!declaresEan(unit)) fail(`unit ${unit.sorCode} carries an EAN entity but declares no EAN of its own`);
    units.push(index - previous);
    previous = index;
    flags.push(eanEntityFlags(entity));
    entities.push(entity);
    owners.push(unit);
  });
  const columns = {} as EanEntitySection['columns'];
  EAN_ENTITY_COLUMNS.forEach((name, k) => {
    const writer = new ColumnWriter(entities.length);
    const parent = parentOf(name);
    entities.forEach((entity, e) => {
      const parentValue =
        parent === undefined
          ? undefined
          : parent === 'unit'
            ? owners[e][name as ParentedEanEntityColumnName]
            : entity[parent];
      writer.push(eanEntityValue(entity, k), parentValue);
    });
    columns[name] = writer.toJSON();
  });
  return { units, flags, columns };
}

/**
 * Decodes the EAN entity section into each unit's entity (by unit index; null for a unit with
 * none), checking that each index is a unit that declares an EAN of its own. `unitColumns` are the
 * units' decoded columns, which "same as parent" refs may point into (`EAN_ENTITY_PARENTS`).
 * An absent section (a payload written before EDI data was carried) gives no entities.
 */
export function decodeEanEntities(
  raw: unknown,
  count: number,
  declares: (index: number) => boolean,
  unitColumns: Readonly<Record<StringColumnName, readonly (string | null)[]>>,
): (SorEanEntity | null)[] {
  const found = new Array<SorEanEntity | null>(count).fill(null);
  if (raw === undefined) return found;
  if (typeof raw !== 'object' || raw === null) fail('field "eanEntities" must be an object');
  const section = raw as Partial<EanEntitySection>;
  const size = Array.isArray(section.units) ? section.units.length : 0;
  const gaps = checkIntArray(section.units, 'eanEntities.units', size);
  const flags = checkIntArray(section.flags, 'eanEntities.flags', size);
  // Each entry's declaring unit: the "parent" of its region and dates.
  const owners = new Int32Array(size);
  for (let k = 0, index = 0; k < size; k++) {
    index += gaps[k];
    if (gaps[k] < (k === 0 ? 0 : 1) || index >= count)
      fail(`field "eanEntities.units"[${k}] gives unit index ${index} of ${count}, not after the previous`);
    if (!declares(index))
      fail(`field "eanEntities.units"[${k}]: unit index ${index} declares no EAN of its own`);
    owners[k] = index;
  }
  const rawColumns = (section.columns ?? {}) as Record<string, unknown>;
  // The EDI code columns have no parent: their every "same as parent" ref is refused.
  const noParents = new Int32Array(size).fill(-1);
  const themselves = Int32Array.from({ length: size }, (_, k) => k);
  const refs = new Int32Array(size);
  const byName = {} as Record<EanEntityColumnName, (string | null)[]>;
  for (const name of EAN_ENTITY_COLUMNS) {
    const parent = parentOf(name);
    const [positions, parentValues] =
      parent === undefined
        ? [noParents, undefined]
        : parent === 'unit'
          ? [owners, unitColumns[name as ParentedEanEntityColumnName]]
          : [themselves, byName[parent]];
    byName[name] = readColumn(rawColumns[name], `eanEntities.${name}`, positions, { refs, parentValues });
  }
  const columns = EAN_ENTITY_COLUMNS.map((name) => byName[name]);
  const make = eanEntityMaker();
  let k = 0;
  const valueOf = (c: number) => columns[c][k];
  for (; k < size; k++) {
    const entity = make(flags[k], valueOf);
    if (entity === null) fail(`field "eanEntities.flags"[${k}] is ${flags[k]}, expected 0–3`);
    found[owners[k]] = entity;
  }
  return found;
}
