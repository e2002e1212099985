import type { SorAddress, SorKind, SorUnit } from '../model/types.js';
import type { Id27Level } from '../model/id27.js';
import { VERHOEFF_PERMUTATIONS, checkDigitBeforeTail, verhoeffCheckDigit } from '../model/verhoeff.js';
import { SOR_NAMESPACE, SOR_PARTITION } from '../model/codes.js';
import { SnapshotFormatError } from './errors.js';
import {
  SNAPSHOT_FORMAT_VERSION,
  checkFormatHeader,
  STRING_COLUMNS,
  PLAIN_COLUMNS,
  type FullPayload,
  type StringColumn,
  type StringColumnName,
} from './format.js';
import { canonicalOrder } from './units.js';
import { decodeEanEntities, encodeEanEntities } from './ean-entities.js';
import { ColumnWriter, checkIntArray, fail, isString, readColumn } from './columns.js';

// Separators inside one column value. SOR codes and level names hold neither.
export const LEVEL_SEPARATOR = '\t';
export const LIST_SEPARATOR = ' ';

// Format version 1 predicted check digits with a Verhoeff table whose row 4 was mistyped
// ([9,4,5,3,1,2,7,6,8,0]; the true row, P1 applied four times, is [9,4,5,3,1,2,6,8,7,0]). A v1
// payload stores only the digits that differ from its prediction, so it is decoded with the same
// table; decoding it with the true one would silently change 30 % of the codes.
const FORMAT_V1_PERMUTATIONS = VERHOEFF_PERMUTATIONS.map((row, k) =>
  k === 4 ? [9, 4, 5, 3, 1, 2, 7, 6, 8, 0] : row,
);

const CODE_SHAPE = new RegExp(`^([1-9]\\d{0,7})${SOR_NAMESPACE}${SOR_PARTITION}(\\d)$`);

function levelValue(level: Id27Level | null): string | null {
  return level === null ? null : level.code + LEVEL_SEPARATOR + level.name;
}

function listValue(list: readonly string[]): string | null {
  return list.length === 0 ? null : list.join(LIST_SEPARATOR);
}

// A plain column holds the unit's field of that name as it stands.
const PLAIN_COLUMN_VALUE = Object.fromEntries(
  PLAIN_COLUMNS.map((column) => [column, (unit: SorUnit) => unit[column]]),
) as Record<(typeof PLAIN_COLUMNS)[number], (unit: SorUnit) => string | null>;

/**
 * The value each string column holds for one unit (the full payload and the stored unit table
 * lay out the same columns). Read straight from the unit (and its parent) rather than from a row
 * object per unit: at 100k units the rows cost tens of MB in the CLI.
 */
export const COLUMN_VALUE: Record<StringColumnName, (unit: SorUnit) => string | null> = {
  ...PLAIN_COLUMN_VALUE,
  name: (unit) => unit.name,
  level: (unit) => levelValue(unit.level),
  street: (unit) => unit.address?.street ?? null,
  postcode: (unit) => unit.address?.postcode ?? null,
  city: (unit) => unit.address?.city ?? null,
  specialties: (unit) => listValue(unit.specialties),
};

function expectedKind(parent: SorUnit | undefined): SorKind {
  return parent === undefined ? 'IE' : parent.kind === 'IE' ? 'SI' : 'OE';
}

/**
 * Encodes units as a full payload object (not yet serialised). Units may come in any order; the
 * payload holds them in canonical order. The id is left empty: see `withSnapshotId`.
 * Throws a `SnapshotFormatError` when the units break SOR's structure (owner → institution → units).
 */
export function encodeFull(units: readonly SorUnit[], sourceDate: string): FullPayload {
  const ordered = canonicalOrder(units);
  const count = ordered.length;
  const indexOf = new Map<string, number>();
  // Parent index per unit (-1 for owners), so each column pass below finds the parent directly.
  const parents = new Int32Array(count);
  const children = new Array<number>(count).fill(0);
  const running: number[] = [];
  const checkDigits: [number, number][] = [];
  const irregularCodes: [number, string][] = [];
  const eanInheritedOther: number[] = [];
  const replaces: [number, string[]][] = [];
  const replacedBy: [number, string[]][] = [];
  let previousRunning = 0;

  for (let index = 0; index < count; index++) {
    const unit = ordered[index];
    const parentIndex = unit.parentCode === null ? undefined : indexOf.get(unit.parentCode);
    const parent = parentIndex === undefined ? undefined : ordered[parentIndex];
    if (unit.kind !== expectedKind(parent)) {
      throw new SnapshotFormatError(
        `unit ${unit.sorCode}: kind ${unit.kind} under ${parent ? `${parent.kind} ${parent.sorCode}` : 'no parent'}; SOR nests owner (IE) > institution (SI) > units (OE)`,
      );
    }
    parents[index] = parentIndex ?? -1;
    if (parentIndex !== undefined) children[parentIndex]++;
    indexOf.set(unit.sorCode, index);

    const shape = CODE_SHAPE.exec(unit.sorCode);
    if (shape) {
      const runningNumber = Number(shape[1]);
      running.push(runningNumber - previousRunning);
      previousRunning = runningNumber;
      const digit = Number(shape[2]);
      if (verhoeffCheckDigit(unit.sorCode.slice(0, -1)) !== digit) checkDigits.push([index, digit]);
    } else {
      running.push(0);
      irregularCodes.push([index, unit.sorCode]);
    }
    if (unit.level && unit.level.code.includes(LEVEL_SEPARATOR)) {
      throw new SnapshotFormatError(`unit ${unit.sorCode}: level code contains a tab`);
    }
    if (unit.replaces.length > 0) replaces.push([index, unit.replaces]);
    if (unit.replacedBy.length > 0) replacedBy.push([index, unit.replacedBy]);
  }
  indexOf.clear();

  // One column at a time: each column's dictionary (a map over up to every unit's value) is
  // dropped before the next is built, which keeps the CLI's peak memory down at 100k units.
  const columns = {} as Record<StringColumnName, StringColumn>;
  for (const name of STRING_COLUMNS) {
    const writer = new ColumnWriter(count);
    if (name === 'ean') {
      for (let index = 0; index < count; index++) {
        const unit = ordered[index];
        const parentIndex = parents[index];
        // For the EAN, "same as parent" means inherited (EntityInheritedIndicator), nothing else.
        const inheritedFromParent =
          unit.eanInherited && parentIndex >= 0 && ordered[parentIndex].ean === unit.ean;
        if (inheritedFromParent) writer.pushParent();
        else writer.push(unit.ean, undefined, false);
        if (unit.eanInherited && !inheritedFromParent) eanInheritedOther.push(index);
      }
    } else {
      const value = COLUMN_VALUE[name];
      for (let index = 0; index < count; index++) {
        const parentIndex = parents[index];
        writer.push(value(ordered[index]), parentIndex < 0 ? undefined : value(ordered[parentIndex]));
      }
    }
    columns[name] = writer.toJSON();
  }

  return {
    format: 'sor-snapshot-full',
    version: SNAPSHOT_FORMAT_VERSION,
    id: '',
    sourceDate,
    count,
    children,
    running,
    checkDigits,
    irregularCodes,
    columns,
    eanInheritedOther,
    replaces,
    replacedBy,
    eanEntities: encodeEanEntities(ordered),
  };
}

/** SHA-256 of bytes as lower-case hex, with Web Crypto (browsers and Node 20 alike). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Serialises a full payload and gives it its content-addressed id: the first 16 hex digits of the
 * SHA-256 of the payload serialised with an empty id. Returns the payload with the id set and its
 * UTF-8 JSON bytes (to be gzipped).
 */
export async function withSnapshotId(
  payload: FullPayload,
): Promise<{ payload: FullPayload; bytes: Uint8Array }> {
  const encoder = new TextEncoder();
  // Serialise once: `id` precedes every other string field, so its first occurrence is the field.
  const json = JSON.stringify({ ...payload, id: '' });
  const unnamed = encoder.encode(json);
  const id = (await sha256Hex(unnamed)).slice(0, 16);
  // Splice the id into the bytes rather than into the string and encoding again: the same bytes
  // without a second copy of a payload that is megabytes at national scale.
  const field = json.indexOf('"id":""');
  if (field < 0) return { payload: { ...payload, id }, bytes: unnamed };
  const at = encoder.encode(json.slice(0, field + 6)).length;
  const idBytes = encoder.encode(id);
  const bytes = new Uint8Array(unnamed.length + idBytes.length);
  bytes.set(unnamed.subarray(0, at));
  bytes.set(idBytes, at);
  bytes.set(unnamed.subarray(at), at + idBytes.length);
  return { payload: { ...payload, id }, bytes };
}

function checkPairs<T>(
  value: unknown,
  field: string,
  count: number,
  isValue: (v: unknown) => v is T,
): [number, T][] {
  if (!Array.isArray(value)) fail(`field "${field}" must be an array`);
  value.forEach((pair: unknown, i) => {
    if (
      !Array.isArray(pair) ||
      pair.length !== 2 ||
      !Number.isInteger(pair[0]) ||
      pair[0] < 0 ||
      pair[0] >= count ||
      !isValue(pair[1])
    ) {
      fail(`field "${field}"[${i}] must be [unit index, value] with an index below ${count}`);
    }
  });
  return value as [number, T][];
}

/** `parse` with each distinct value parsed once (`i` is the unit index of its first use, for errors). */
function parsedOnce<T>(parse: (value: string, i: number) => T): (value: string, i: number) => T {
  const parsed = new Map<string, T>();
  return (value, i) => {
    let result = parsed.get(value);
    if (result === undefined) parsed.set(value, (result = parse(value, i)));
    return result;
  };
}

const isDigit = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 9;
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

/**
 * Decodes and validates a parsed full payload into units (canonical order). Throws a
 * `SnapshotFormatError` naming the field and the unit index of the first thing that is wrong.
 */
export function decodeFull(value: unknown): SorUnit[] {
  const payload = checkFormatHeader<FullPayload>(value, 'sor-snapshot-full', fail);
  const count = payload.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
    fail('field "count" must be a whole number');
  const children = checkIntArray(payload.children, 'children', count);
  const running = checkIntArray(payload.running, 'running', count);

  // Rebuild parents and depths from child counts (pre-order): a stack of open units.
  const parents = new Int32Array(count);
  const depths = new Uint16Array(count);
  const openIndex: number[] = [];
  const openLeft: number[] = [];
  for (let i = 0; i < count; i++) {
    while (openLeft.length > 0 && openLeft[openLeft.length - 1] === 0) {
      openLeft.pop();
      openIndex.pop();
    }
    if (openIndex.length === 0) {
      parents[i] = -1;
      depths[i] = 0;
    } else {
      const parent = openIndex[openIndex.length - 1];
      parents[i] = parent;
      depths[i] = depths[parent] + 1;
      openLeft[openLeft.length - 1]--;
    }
    if (children[i] < 0) fail(`field "children"[${i}] is negative`);
    if (children[i] > 0) {
      openIndex.push(i);
      openLeft.push(children[i]);
    }
  }
  if (openLeft.some((left) => left > 0))
    fail('field "children" announces more children than there are units');

  const codes = new Array<string>(count);
  let runningNumber = 0;
  const irregular = new Map(checkPairs(payload.irregularCodes, 'irregularCodes', count, isString));
  const digits = new Map(checkPairs(payload.checkDigits, 'checkDigits', count, isDigit));
  const tail = SOR_NAMESPACE + SOR_PARTITION;
  const predictCheckDigit = checkDigitBeforeTail(
    tail,
    payload.version === 1 ? FORMAT_V1_PERMUTATIONS : VERHOEFF_PERMUTATIONS,
  );
  for (let i = 0; i < count; i++) {
    runningNumber += running[i];
    const given = irregular.get(i);
    if (given !== undefined) {
      codes[i] = given;
      continue;
    }
    if (runningNumber < 1 || runningNumber > 99_999_999)
      fail(`field "running" at unit index ${i} gives running number ${runningNumber}`);
    codes[i] = `${runningNumber}${tail}${digits.get(i) ?? predictCheckDigit(runningNumber)}`;
  }

  const rawColumns = payload.columns as Record<string, unknown> | undefined;
  if (typeof rawColumns !== 'object' || rawColumns === null) fail('field "columns" is missing');
  const column = {} as Record<StringColumnName, (string | null)[]>;
  // Per unit, 1 where its EAN is inherited (`EntityInheritedIndicator`): for `ean`, "same as
  // parent" means exactly that; `eanInheritedOther` lists the units inheriting from further up.
  const eanInherited = new Uint8Array(count);
  const refs = new Int32Array(count);
  for (const name of STRING_COLUMNS)
    column[name] = readColumn(rawColumns[name], name, parents, {
      fromParent: name === 'ean' ? eanInherited : undefined,
      refs,
    });
  const eanInheritedOther = checkIntArray(
    payload.eanInheritedOther,
    'eanInheritedOther',
    (payload.eanInheritedOther ?? []).length,
  );
  for (const index of eanInheritedOther) {
    if (!(index >= 0 && index < count))
      fail(`field "eanInheritedOther" names unit index ${index} of ${count}`);
    eanInherited[index] = 1;
  }

  const replaces = new Map(checkPairs(payload.replaces, 'replaces', count, isStringList));
  const replacedBy = new Map(checkPairs(payload.replacedBy, 'replacedBy', count, isStringList));
  const eanEntities = decodeEanEntities(
    payload.eanEntities,
    count,
    (i) => column.ean[i] !== null && eanInherited[i] === 0,
    column,
  );

  // Each unit as one object literal in the field order of `SorUnit` (as `assembleUnit` makes the
  // stored table's), every column read by its own name: through a shared helper taking the column
  // by name, decoding 100,000 units took 60 ms more in Chromium (bench:sync, decodeFull).
  const units = new Array<SorUnit>(count);
  const { name: names, level: levels, street: streets, postcode: postcodes, city: cities } = column;
  // Levels and specialty lists repeat across thousands of units: each distinct value is parsed
  // once, and each unit gets its own copy of the result.
  const levelOf = parsedOnce((level, i): Id27Level => {
    const separator = level.indexOf(LEVEL_SEPARATOR);
    if (separator < 0) fail(`column "level" at unit index ${i}: expected "code<TAB>name"`);
    return { code: level.slice(0, separator), name: level.slice(separator + 1) };
  });
  const specialtiesOf = parsedOnce((list) => list.split(LIST_SEPARATOR));
  for (let i = 0; i < count; i++) {
    const name = names[i];
    if (name === null) fail(`column "name" at unit index ${i}: a unit must have a name (it may be empty)`);
    const levelValue = levels[i];
    const level = levelValue === null ? null : levelOf(levelValue, i);
    const street = streets[i];
    const address: SorAddress | null =
      street === null ? null : { street, postcode: postcodes[i] ?? '', city: cities[i] ?? '' };
    const specialties = column.specialties[i];
    const depth = depths[i];
    units[i] = {
      sorCode: codes[i],
      kind: depth === 0 ? 'IE' : depth === 1 ? 'SI' : 'OE',
      name,
      parentCode: parents[i] < 0 ? null : codes[parents[i]],
      typeCode: column.typeCode[i],
      level: level === null ? null : { code: level.code, name: level.name },
      shak: column.shak[i],
      ean: column.ean[i],
      eanInherited: eanInherited[i] === 1,
      eanEntity: eanEntities[i],
      providerNumber: column.providerNumber[i],
      pharmacyNumber: column.pharmacyNumber[i],
      regionCode: column.regionCode[i],
      address,
      phone: column.phone[i],
      email: column.email[i],
      web: column.web[i],
      specialties: specialties === null ? [] : specialtiesOf(specialties, i).slice(),
      validFrom: column.validFrom[i],
      changedFrom: column.changedFrom[i],
      validTo: column.validTo[i],
      replaces: replaces.get(i) ?? [],
      replacedBy: replacedBy.get(i) ?? [],
    };
  }
  return units;
}
