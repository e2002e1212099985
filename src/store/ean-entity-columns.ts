import type { SorEanEntity } from '../model/types.js';
import { eanEntityFlags, eanEntityMaker } from '../snapshot/ean-entities.js';
import { EAN_ENTITY_COLUMNS } from '../snapshot/format.js';

// How the unit table keeps the EAN entities (EDI data): a unit that declares one has the
// `HAS_EAN_ENTITY` bit in its flags, with the entity's two indicators beside it; the entities'
// values are columns like the units' own (a value id per entity, each distinct value once in
// the text), in the order of their units. No position per entity, no JSON: about 10 bytes per
// entity, and nothing to parse on a cold start.

/** The unit flag of a unit that declares an EAN entity: its entity is the next entity row. */
export const HAS_EAN_ENTITY = 8;
// The entity's indicators (see `eanEntityFlags`) in bits 4–5 of its unit's flags.
const INDICATORS_SHIFT = 4;
/** The unit-flag bits this module owns. */
const ENTITY_BITS = HAS_EAN_ENTITY | (3 << INDICATORS_SHIFT);

/** The bits of a unit's flags that say whether it has an EAN entity, and the entity's indicators. */
export const eanEntityUnitFlags = (entity: SorEanEntity | null): number =>
  entity === null ? 0 : HAS_EAN_ENTITY | (eanEntityFlags(entity) << INDICATORS_SHIFT);

/** One stored column of the entities: a value id per entity row, and the values (null at 0). */
export interface EanEntityColumn {
  ids: ArrayLike<number>;
  values: readonly (string | null)[];
}

/**
 * Reads the entities back for the units whose `flags` are given: every row is checked at once (a
 * bad one is named to `fail`), and the entity of a unit is made when asked for, so a cold start
 * does not build tens of thousands of objects before its first answer.
 */
export function eanEntityReader(
  flags: Uint8Array,
  columns: readonly EanEntityColumn[],
  rows: number,
  fail: (message: string) => never,
): (position: number) => SorEanEntity | null {
  const rowOf = new Int32Array(flags.length);
  let row = 0;
  for (let i = 0; i < flags.length; i++) {
    const bits = flags[i] & ENTITY_BITS;
    if (bits === 0) rowOf[i] = -1;
    else if ((bits & HAS_EAN_ENTITY) === 0) fail(`unit ${i}: EAN indicators without an EAN entity`);
    else rowOf[i] = row++;
  }
  if (row !== rows) fail(`${row} units declare an EAN entity, the table has ${rows}`);
  if (columns.length !== EAN_ENTITY_COLUMNS.length) fail(`${columns.length} EAN entity columns`);
  columns.forEach(({ ids, values }, c) => {
    for (let r = 0; r < rows; r++)
      if (ids[r] >= values.length)
        fail(`EAN entity row ${r}: ${EAN_ENTITY_COLUMNS[c]} ${ids[r]} of ${values.length - 1}`);
  });
  const make = eanEntityMaker();
  let at = 0;
  const valueOf = (c: number) => columns[c].values[columns[c].ids[at]];
  return (position) => {
    at = rowOf[position];
    return at < 0 ? null : make((flags[position] >> INDICATORS_SHIFT) & 3, valueOf);
  };
}
