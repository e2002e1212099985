import type { SorEanEntity } from '../model/types.js';
import { eanEntityFlags, eanEntityMaker, eanEntityValue } from '../snapshot/ean-entities.js';
import { EAN_ENTITY_COLUMNS } from '../snapshot/format.js';

/**
 * The EAN entities as the unit table keeps them: per entity `[unit position, flags (see
 * eanEntityFlags), then a value id per column of EAN_ENTITY_COLUMNS (0 for none, else 1 + its
 * place in `values`)]`. EDI codes and dates repeat across thousands of entities, so each distinct
 * value is written once.
 */
export interface EanEntityRows {
  values: string[];
  rows: number[][];
}

/** Collects the rows while the unit table is encoded, unit by unit. */
export class EanEntityRowWriter {
  readonly written: EanEntityRows = { values: [], rows: [] };
  private readonly ids = new Map<string, number>();

  add(position: number, entity: SorEanEntity): void {
    const row = [position, eanEntityFlags(entity)];
    for (let k = 0; k < EAN_ENTITY_COLUMNS.length; k++) row.push(this.idOf(eanEntityValue(entity, k)));
    this.written.rows.push(row);
  }

  private idOf(value: string | null): number {
    if (value === null) return 0;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.written.values.push(value);
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
  { values, rows }: EanEntityRows,
  count: number,
  fail: (message: string) => never,
): (position: number) => SorEanEntity | null {
  const rowOf = new Int32Array(count).fill(-1);
  rows.forEach((row, k) => {
    const i = row[0];
    const fits =
      row.length === EAN_ENTITY_COLUMNS.length + 2 &&
      Number.isInteger(i) &&
      i >= 0 &&
      i < count &&
      rowOf[i] < 0 &&
      Number.isInteger(row[1]) &&
      (row[1] & ~3) === 0 &&
      row.every((id, c) => c < 2 || (Number.isInteger(id) && id >= 0 && id <= values.length));
    if (!fits) fail(`EAN entity row ${k}: ${JSON.stringify(row)}`);
    rowOf[i] = k;
  });
  const make = eanEntityMaker();
  return (position) => {
    const row = rows[rowOf[position]];
    return row ? make(row[1], (c) => (row[c + 2] === 0 ? null : values[row[c + 2] - 1])) : null;
  };
}
