import type { SorEanEntity } from '../model/types.js';
import { eanEntityFlags, eanEntityMaker, eanEntityValue } from '../snapshot/ean-entities.js';
import { EAN_ENTITY_COLUMNS } from '../snapshot/format.js';

/**
 * The numbers of one EAN entity as the unit table keeps them, in its binary part: the unit's
 * position, the flags (see `eanEntityFlags`), then a value id per column of `EAN_ENTITY_COLUMNS`
 * (0 for none, else 1 + its place in the table's list of entity values). EDI codes and dates
 * repeat across thousands of entities, so each distinct value is written once; and numbers in
 * the buffer cost a cold start nothing to parse.
 */
export const EAN_ENTITY_ROW = EAN_ENTITY_COLUMNS.length + 2;

/** Collects the rows while the unit table is encoded, unit by unit. */
export class EanEntityRowWriter {
  readonly values: string[] = [];
  readonly rows: number[] = [];
  private readonly ids = new Map<string, number>();

  /** How many entities were added. */
  get count(): number {
    return this.rows.length / EAN_ENTITY_ROW;
  }

  add(position: number, entity: SorEanEntity): void {
    this.rows.push(position, eanEntityFlags(entity));
    for (let k = 0; k < EAN_ENTITY_COLUMNS.length; k++) this.rows.push(this.idOf(eanEntityValue(entity, k)));
  }

  private idOf(value: string | null): number {
    if (value === null) return 0;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
}

/**
 * Reads the rows back for `count` units: every row is checked at once (a bad one gives its
 * index to `fail`), and the entity of a unit is made when asked for, so a cold start does not
 * build tens of thousands of objects before its first answer.
 */
export function eanEntityReader(
  values: readonly string[],
  rows: Int32Array,
  count: number,
  fail: (message: string) => never,
): (position: number) => SorEanEntity | null {
  const rowOf = new Int32Array(count).fill(-1);
  if (rows.length % EAN_ENTITY_ROW !== 0) fail(`EAN entity rows: ${rows.length} numbers`);
  for (let k = 0, at = 0; at < rows.length; k++, at += EAN_ENTITY_ROW) {
    const position = rows[at];
    let fits = position >= 0 && position < count && rowOf[position] < 0 && (rows[at + 1] & ~3) === 0;
    for (let c = at + 2; fits && c < at + EAN_ENTITY_ROW; c++)
      fits = rows[c] >= 0 && rows[c] <= values.length;
    if (!fits) fail(`EAN entity row ${k}: ${Array.from(rows.subarray(at, at + EAN_ENTITY_ROW)).join(',')}`);
    rowOf[position] = at;
  }
  const make = eanEntityMaker();
  return (position) => {
    const at = rowOf[position];
    if (at < 0) return null;
    return make(rows[at + 1], (c) => {
      const id = rows[at + 2 + c];
      return id === 0 ? null : values[id - 1];
    });
  };
}
