import type { Id27Level } from '../model/id27.js';
import type { SorEanEntity, SorKind, SorUnit } from '../model/types.js';
import type { NameTable } from '../search/types.js';
import { sorCodeKey } from '../model/codes.js';
import { StoredUnits } from './stored-units.js';
import { eanEntityReader, eanEntityUnitFlags } from './ean-entity-columns.js';
import { COLUMN_VALUE, LEVEL_SEPARATOR, LIST_SEPARATOR, sha256Hex } from '../snapshot/codec.js';
import { eanEntityValue } from '../snapshot/ean-entities.js';
import {
  EAN_ENTITY_COLUMNS,
  PLAIN_COLUMNS,
  STRING_COLUMNS,
  type PlainColumnName,
  type StringColumnName,
} from '../snapshot/format.js';
import { assembleUnit } from '../snapshot/units.js';

/**
 * The decoded units of the stored snapshot, kept beside its files so that a page with stored data
 * answers its first search fast. Reading the files means IndexedDB get + SHA-256 + gunzip +
 * JSON.parse + decode (about 330 ms of a 550 ms cold start at 100,000 units); this record is one
 * string and two typed arrays, which IndexedDB reads back almost as a memory copy.
 *
 * It is a cache, never the source of truth: derived from units that were verified, checked against
 * its own SHA-256 on every read, keyed by snapshot id, and when it is missing, stale or damaged the
 * store reads the files instead (and the catalog writes the table anew in the background).
 */
export interface UnitTable {
  /** The layout of this record; a reader ignores any other (the files are read instead). */
  layout: typeof UNIT_TABLE_LAYOUT;
  snapshotId: string;
  count: number;
  /**
   * The version of the name folding whose results follow the lists section (each distinct name's
   * folded words, then its search keys, as `NameFolding.fold` gives them, see `keptKeys`); null
   * when none do.
   */
  folding: number | null;
  /**
   * Per column of `STRING_COLUMNS`, the bytes per unit in `data` (2 or 4): each unit's value as
   * its position among the column's distinct values plus one, 0 for null.
   */
  widths: number[];
  /** How many units declare an EAN entity: the rows of the EAN entity columns. */
  eanEntities: number;
  /** Per column of `EAN_ENTITY_COLUMNS`, the bytes per entity (1, 2 or 4), as `widths`. */
  eanWidths: number[];
  /**
   * Everything else, one buffer (see `viewsOf`): per unit the parent's position (-1 for none)
   * and code key, each column's value, then each EAN entity column's value per entity, flags (the
   * kind, 0 IE, 1 SI, 2 OE, in bits 0–1, `eanInherited` in bit 2, the EAN entity in bits 3–5, see
   * `ean-entity-columns.ts`); then the text, UTF-8: sections separated by `SECTION` (the SOR
   * codes, each column's distinct values, each EAN entity column's distinct values, the sparse
   * lists `replaces` and `replacedBy` as JSON), each value after a `VALUE` mark. One buffer:
   * IndexedDB clones it as one copy, and one SHA-256 covers it all.
   */
  data: ArrayBuffer;
  /** SHA-256 of `data`, lower-case hex. */
  sha256: string;
}

// 7: the EAN entities (EDI data) as columns like the units' own, their units marked in the flags
// (layout 3 held one JSON object per entity, 9.5 MB at 100,000 units parsed on every cold start;
// 4 held rows of value ids as JSON; 5 as 40-byte rows in the buffer, 1.1 MB at 100,000 units,
// where 6 takes about 0.5 MB), and search keys equal to the folded words not kept twice (7). A
// table of an earlier layout is not used: the files are read instead.
export const UNIT_TABLE_LAYOUT = 7;

// A name's search keys are its folded words for nearly 9 in 10 names (no word shortened to a
// key): those are kept as '' (read back as the words, the same string), the others after a mark.
// That keeps 0.5 MB of a 100,000-unit table out of every cold start's read and hash.
const KEYS_OF_THEIR_OWN = '+';
const keptKeys = ({ words, keys }: { words: string; keys: string }): string =>
  keys === words ? '' : KEYS_OF_THEIR_OWN + keys;

/** How the search folds a name (see `foldName` in `search/fold-name.ts`), kept with the names. */
export interface NameFolding {
  version: number;
  fold(name: string): { words: string; keys: string };
}
const VALUE = '\u0000';
const SECTION = '\u0001';
const KINDS: readonly SorKind[] = ['IE', 'SI', 'OE'];
const EAN_INHERITED = 4;
const COLUMNS = STRING_COLUMNS.length;
const ENTITY_COLUMNS = EAN_ENTITY_COLUMNS.length;

type ColumnIds = Uint8Array | Uint16Array | Int32Array;
const VIEWS = { 4: Int32Array, 2: Uint16Array, 1: Uint8Array } as const;

// The bytes per unit a column needs for this many distinct values (and 0 for null).
const widthFor = (distinct: number): 1 | 2 | 4 => (distinct < 0xff ? 1 : distinct < 0xffff ? 2 : 4);

/** The shape of a table: units, the bytes of each unit column, EAN entities and their columns' bytes. */
interface TableShape {
  count: number;
  widths: readonly number[];
  eanEntities: number;
  eanWidths: readonly number[];
}

/**
 * Typed views over a table's one buffer: parents and code keys, then the unit columns and the EAN
 * entity columns by width (4, 2, 1 bytes), then the flags, so every view starts aligned to its
 * width. Encoder and decoder lay it out alike, here.
 */
function viewsOf(
  data: ArrayBuffer,
  shape: TableShape,
): {
  parents: Int32Array;
  keys: Int32Array;
  columns: ColumnIds[];
  entityColumns: ColumnIds[];
  flags: Uint8Array;
  text: Uint8Array;
} {
  const { count, widths, eanEntities, eanWidths } = shape;
  let offset = 0;
  const take = (width: 4 | 2 | 1, length = count): ColumnIds => {
    const view = new VIEWS[width](data, offset, length);
    offset += width * length;
    return view;
  };
  const parents = take(4) as Int32Array;
  const keys = take(4) as Int32Array;
  const columns = new Array<ColumnIds>(widths.length);
  const entityColumns = new Array<ColumnIds>(eanWidths.length);
  for (const width of [4, 2, 1] as const) {
    widths.forEach((w, column) => {
      if (w === width) columns[column] = take(width);
    });
    eanWidths.forEach((w, column) => {
      if (w === width) entityColumns[column] = take(width, eanEntities);
    });
  }
  const flags = take(1) as Uint8Array;
  return { parents, keys, columns, entityColumns, flags, text: new Uint8Array(data, offset) };
}

const sum = (widths: readonly number[]) => widths.reduce((total, width) => total + width, 0);
const numbersLength = ({ count, widths, eanEntities, eanWidths }: TableShape) =>
  count * (8 + sum(widths) + 1) + eanEntities * sum(eanWidths);
// The largest `sorCodeKey`: running number 99,999,999 and check digit 9.
const MAX_SOR_CODE_KEY = 999_999_999;

type Lists = {
  replaces: [number, string[]][];
  replacedBy: [number, string[]][];
};

// A value holding a separator cannot be stored in this layout: such a snapshot is simply read
// from its files every time (none of SOR's text fields carries control characters).
const holdsSeparator = (value: string) => value.includes(VALUE) || value.includes(SECTION);

/**
 * Encodes units as a table in steps (a catalog runs it in slices in the background). Returns null
 * when the units cannot be laid out this way: a parent outside the list, a repeated code, or a
 * value holding a control character used as a separator.
 */
export function* encodeUnitTable(
  units: readonly SorUnit[],
  snapshotId: string,
  folding?: NameFolding,
): Generator<void, Omit<UnitTable, 'sha256'> | null> {
  const count = units.length;
  const positions = new Map<string, number>();
  const entities: SorEanEntity[] = [];
  const lists: Lists = { replaces: [], replacedBy: [] };
  for (let i = 0; i < count; i++) {
    const unit = units[i];
    if (holdsSeparator(unit.sorCode) || positions.has(unit.sorCode)) return null;
    positions.set(unit.sorCode, i);
    if (unit.replaces.length > 0) lists.replaces.push([i, unit.replaces]);
    if (unit.replacedBy.length > 0) lists.replacedBy.push([i, unit.replacedBy]);
    if (unit.eanEntity !== null) entities.push(unit.eanEntity);
    if ((i & 4095) === 4095) yield;
  }
  // Regular codes are kept as their keys (numbers); only the others as text, in unit order.
  const sections = [join(units.map((unit) => unit.sorCode).filter((code) => sorCodeKey(code) < 0))];
  let distinctNames: string[] = [];
  const columnIds: Int32Array[] = [];
  const widths: number[] = [];
  for (const name of STRING_COLUMNS) {
    const column = distinctIds(count, (i) => COLUMN_VALUE[name](units[i]));
    if (column === null) return null;
    sections.push(join(column.distinct));
    if (name === 'name' && folding) distinctNames = column.distinct;
    columnIds.push(column.ids);
    // How many distinct values a column has decides its width.
    widths.push(widthFor(column.distinct.length));
    yield;
  }
  const entityIds: Int32Array[] = [];
  const eanWidths: number[] = [];
  for (let k = 0; k < EAN_ENTITY_COLUMNS.length; k++) {
    const column = distinctIds(entities.length, (row) => eanEntityValue(entities[row], k));
    if (column === null) return null;
    sections.push(join(column.distinct));
    entityIds.push(column.ids);
    eanWidths.push(widthFor(column.distinct.length));
  }
  sections.push(JSON.stringify(lists));
  if (folding) {
    const folded = distinctNames.map((name) => folding.fold(name));
    yield;
    sections.push(join(folded.map((fold) => fold.words)), join(folded.map(keptKeys)));
  }
  const text = new TextEncoder().encode(sections.join(SECTION));
  const shape = { count, widths, eanEntities: entities.length, eanWidths };
  const data = new ArrayBuffer(numbersLength(shape) + text.byteLength);
  const views = viewsOf(data, shape);
  views.text.set(text);
  for (let i = 0; i < count; i++) {
    const unit = units[i];
    const parent = unit.parentCode === null ? -1 : positions.get(unit.parentCode);
    if (parent === undefined) return null;
    views.parents[i] = parent;
    views.keys[i] = sorCodeKey(unit.sorCode);
    views.flags[i] =
      KINDS.indexOf(unit.kind) | (unit.eanInherited ? EAN_INHERITED : 0) | eanEntityUnitFlags(unit.eanEntity);
  }
  columnIds.forEach((ids, column) => views.columns[column].set(ids));
  entityIds.forEach((ids, column) => views.entityColumns[column].set(ids));
  return { layout: UNIT_TABLE_LAYOUT, snapshotId, folding: folding?.version ?? null, ...shape, data };
}

/**
 * Each value's id (1 + its place among the distinct values, 0 for null) for `length` values, and
 * the distinct values in order of first use; null when a value holds a separator.
 */
function distinctIds(
  length: number,
  valueAt: (i: number) => string | null,
): { ids: Int32Array; distinct: string[] } | null {
  const seen = new Map<string, number>();
  const ids = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const value = valueAt(i);
    if (value === null) continue;
    let at = seen.get(value);
    if (at === undefined) {
      if (holdsSeparator(value)) return null;
      at = seen.size + 1;
      seen.set(value, at);
    }
    ids[i] = at;
  }
  return { ids, distinct: [...seen.keys()] };
}

/** Adds the SHA-256 that `decodeUnitTable` checks. */
export async function sealUnitTable(body: Omit<UnitTable, 'sha256'>): Promise<UnitTable> {
  return { ...body, sha256: await sha256Hex(new Uint8Array(body.data)) };
}

type Column = { ids: ColumnIds; values: readonly (string | null)[] };

// Out of range (only a broken writer, the hash matching) reads as null, never as undefined; the
// name, parent and kind of every unit are checked before any unit is made.
function valueAt(column: Column, i: number): string | null {
  return column.values[column.ids[i]] ?? null;
}

/** Why a stored table was not used (the store then reads the files). */
export class UnitTableError extends Error {
  override name = 'UnitTableError';
}

// Each value is written after a VALUE mark, so no values ('') and one empty value ('\0') differ.
const join = (values: Iterable<string>): string => {
  let out = '';
  for (const value of values) out += VALUE + value;
  return out;
};
const split = (section: string | undefined): string[] => (section ?? '').split(VALUE).slice(1);
// The values of a section at positions 1…n, with null at 0: what the column numbers point at.
const splitWithNull = (section: string): (string | null)[] => {
  const values: (string | null)[] = section.split(VALUE);
  values[0] = null;
  return values;
};

/**
 * The units of a stored table (see `StoredUnits`). Throws a `UnitTableError` when the record is
 * not a whole, intact table of this layout: its hash, shape and every position are checked before
 * a unit is made, so making one later cannot fail.
 */
export async function decodeUnitTable(table: UnitTable, snapshotId: string): Promise<StoredUnits> {
  const fail = (why: string): never => {
    throw new UnitTableError(`stored unit table of snapshot ${snapshotId}: ${why}`);
  };
  if (table?.layout !== UNIT_TABLE_LAYOUT)
    fail(`layout ${String(table?.layout)}, expected ${UNIT_TABLE_LAYOUT}`);
  if (table.snapshotId !== snapshotId) fail(`holds snapshot ${table.snapshotId}`);
  const { count, widths, data, eanEntities, eanWidths } = table;
  const widthsOk = (list: unknown, length: number) =>
    Array.isArray(list) && list.length === length && list.every((w) => w === 1 || w === 2 || w === 4);
  if (
    !Number.isInteger(count) ||
    count < 0 ||
    !(table.folding === null || Number.isInteger(table.folding)) ||
    !Number.isInteger(eanEntities) ||
    eanEntities < 0 ||
    !(data instanceof ArrayBuffer) ||
    !widthsOk(widths, COLUMNS) ||
    !widthsOk(eanWidths, ENTITY_COLUMNS)
  )
    fail('fields of the wrong type');
  if (data.byteLength < numbersLength(table))
    fail(`${data.byteLength} bytes for ${count} units and ${eanEntities} EAN entities`);
  // Hashed (by Web Crypto, off the main thread where it can) while the units are made below;
  // nothing is handed out before the hash matched.
  const hashed = sha256Hex(new Uint8Array(data));
  const { parents, keys, columns, entityColumns, flags, text } = viewsOf(data, table);

  const sections = new TextDecoder().decode(text).split(SECTION);
  const expected = COLUMNS + ENTITY_COLUMNS + 2 + (table.folding === null ? 0 : 2);
  if (sections.length !== expected) fail(`${sections.length} sections, expected ${expected}`);
  // The codes kept as text belong, in order, to the units whose key is -1.
  const irregularCodes = split(sections[0]);
  const irregular = new Map<number, string>();
  for (let i = 0; i < count; i++) {
    const key = keys[i];
    if (key < -1 || key > MAX_SOR_CODE_KEY) fail(`unit ${i}: code key ${key}`);
    if (key === -1) irregular.set(i, irregularCodes[irregular.size] ?? fail(`unit ${i} has no code`));
  }
  if (irregular.size !== irregularCodes.length)
    fail(`${irregularCodes.length} codes kept as text for ${irregular.size} units`);
  // Position 0 stands for null: `split` leaves it in place (each value follows a mark).
  const values = sections.slice(1, COLUMNS + 1).map(splitWithNull);
  const entityValues = sections.slice(COLUMNS + 1, COLUMNS + ENTITY_COLUMNS + 1).map(splitWithNull);
  const listsAt = COLUMNS + ENTITY_COLUMNS + 1;
  let lists: Lists;
  try {
    lists = JSON.parse(sections[listsAt]) as Lists;
  } catch {
    return fail('the lists section is not JSON');
  }
  if (![lists?.replaces, lists?.replacedBy].every(Array.isArray)) fail('the lists section lacks a list');
  const replaces = new Map(lists.replaces);
  const replacedBy = new Map(lists.replacedBy);

  // Levels and specialty lists repeat across thousands of units: parse each distinct value once.
  const at = (name: StringColumnName) => STRING_COLUMNS.indexOf(name);
  const levels = values[at('level')].map((value): Id27Level | null => {
    if (value === null) return null;
    const tab = value.indexOf(LEVEL_SEPARATOR);
    return { code: value.slice(0, tab), name: value.slice(tab + 1) };
  });
  const specialties = values[at('specialties')].map((value) => value?.split(LIST_SEPARATOR) ?? []);
  // One accessor per column: `valueAt(column, i)` is the value of unit i, or null.
  const column = (name: StringColumnName): Column => ({ ids: columns[at(name)], values: values[at(name)] });
  const name = column('name');
  const levelIds = columns[at('level')];
  const specialtyIds = columns[at('specialties')];
  const street = column('street');
  const postcode = column('postcode');
  const city = column('city');
  const plainColumns = Object.fromEntries(PLAIN_COLUMNS.map((key) => [key, column(key)]));
  const plain = (key: PlainColumnName, i: number) => valueAt(plainColumns[key], i);
  const entityOf = eanEntityReader(
    flags,
    entityColumns.map((ids, k) => ({ ids, values: entityValues[k] })),
    eanEntities,
    fail,
  );

  // Checked here, for every unit, so that `make` below never meets a bad position.
  for (let i = 0; i < count; i++) {
    const parent = parents[i];
    if (parent < -1 || parent >= count) fail(`unit ${i}: parent ${parent} of ${count}`);
    const nameId = name.ids[i];
    if (nameId === 0 || nameId >= name.values.length)
      fail(`unit ${i}: name ${nameId} of ${name.values.length - 1}`);
    if ((flags[i] & 3) > 2 || flags[i] > 63) fail(`unit ${i}: flags ${flags[i]}`);
  }
  if ((await hashed) !== table.sha256) fail('SHA-256 mismatch');

  const make = (i: number): SorUnit => {
    const parent = parents[i];
    const level = levels[levelIds[i]] ?? null;
    const streetValue = valueAt(street, i);
    return assembleUnit(
      {
        sorCode: stored.codeAt(i),
        kind: KINDS[flags[i] & 3],
        name: valueAt(name, i)!,
        parentCode: parent < 0 ? null : stored.codeAt(parent),
        level: level === null ? null : { code: level.code, name: level.name },
        eanInherited: (flags[i] & EAN_INHERITED) !== 0,
        eanEntity: entityOf(i),
        address:
          streetValue === null
            ? null
            : { street: streetValue, postcode: valueAt(postcode, i) ?? '', city: valueAt(city, i) ?? '' },
        specialties: specialties[specialtyIds[i]]?.slice() ?? [],
        replaces: replaces.get(i)?.slice() ?? [],
        replacedBy: replacedBy.get(i)?.slice() ?? [],
      },
      i,
      plain,
    );
  };
  // The name table in the catalog's terms: distinct names without the null slot, positions from 0.
  const nameIds = new Int32Array(count);
  for (let i = 0; i < count; i++) nameIds[i] = name.ids[i] - 1;
  const names = name.values.slice(1) as string[];
  let folded: NameTable['folded'];
  if (table.folding !== null) {
    const words = split(sections[listsAt + 1]);
    const keys = split(sections[listsAt + 2]).map((kept, k) => (kept === '' ? words[k] : kept.slice(1)));
    if (words.length !== names.length || keys.length !== names.length)
      fail(`${words.length} folded names for ${names.length} names`);
    folded = { version: table.folding, words, keys };
  }
  // Keys and parents copied out of the buffer (400 kB each at 100,000 units), so that the buffer
  // itself can go once every unit is made.
  const stored = new StoredUnits(
    count,
    keys.slice(),
    parents.slice(),
    irregular,
    { names, nameIds, folded },
    (i) => make(i),
    levels.some((level) => level !== null),
  );
  return stored;
}
