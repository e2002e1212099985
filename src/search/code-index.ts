import type { SorUnit } from '../model/types.js';
import type { SearchMatchField } from './types.js';

export type CodeField = Exclude<SearchMatchField, 'name'>;

const SHARED_FIELDS = ['shak', 'ean', 'providerNumber'] as const;

/**
 * Exact lookups by every code a person may paste: SOR code (unique), SHAK, EAN and ydernummer
 * (each may sit on several units). The SOR code map is built at once (the catalog answers `get`
 * and validates a snapshot with it); the others in steps, see `buildShared`.
 */
export class CodeIndex {
  // SOR code → position in `units`: one map serves `get` and the name index's parent links.
  private readonly positions = new Map<string, number>();
  private shared: Record<(typeof SHARED_FIELDS)[number], Map<string, SorUnit[]>> = {
    shak: new Map(),
    ean: new Map(),
    providerNumber: new Map(),
  };

  private sharedBuilt = false;

  constructor(readonly units: readonly SorUnit[]) {
    for (let i = 0; i < units.length; i++) this.positions.set(units[i].sorCode, i);
  }

  /**
   * Builds the SHAK, EAN and ydernummer lookups in steps (the search index runs it in slices);
   * a lookup before then builds them at once.
   */
  *buildShared(): Generator<void, void> {
    if (this.sharedBuilt) return;
    const maps = SHARED_FIELDS.map((field) => [field, new Map<string, SorUnit[]>()] as const);
    for (let i = 0; i < this.units.length; i++) {
      const unit = this.units[i];
      for (const [field, map] of maps) {
        const code = unit[field];
        if (code === null) continue;
        // An inherited EAN belongs to the ancestor that owns it; finding every child by it is noise.
        if (field === 'ean' && unit.eanInherited) continue;
        const list = map.get(code);
        if (list) list.push(unit);
        else map.set(code, [unit]);
      }
      if ((i & 1023) === 1023) yield;
    }
    if (this.sharedBuilt) return;
    for (const [field, map] of maps) this.shared[field] = map;
    this.sharedBuilt = true;
  }

  /** How many distinct SOR codes there are (fewer than units when a code repeats). */
  get size(): number {
    return this.positions.size;
  }

  /** The unit with this SOR code (the last one, should the code repeat). */
  get(sorCode: string): SorUnit | undefined {
    const at = this.positions.get(sorCode);
    return at === undefined ? undefined : this.units[at];
  }

  /** True when a unit has this SOR code. */
  has(sorCode: string): boolean {
    return this.positions.has(sorCode);
  }

  /** The position in `units` of the unit with this SOR code, or undefined. */
  indexOf(sorCode: string): number | undefined {
    return this.positions.get(sorCode);
  }

  /** The units carrying exactly this code in this field. */
  lookup(field: CodeField, code: string): readonly SorUnit[] {
    if (field === 'sorCode') {
      const unit = this.get(code);
      return unit ? [unit] : [];
    }
    if (!this.sharedBuilt) for (const step of this.buildShared()) void step;
    return this.shared[field].get(code) ?? [];
  }
}
