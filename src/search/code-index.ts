import { sorCodeKey } from '../model/codes.js';
import type { SorUnit } from '../model/types.js';
import { unitsSource, type SearchMatchField, type UnitSource } from './types.js';

export type CodeField = Exclude<SearchMatchField, 'name'>;

const SHARED_FIELDS = ['shak', 'ean', 'providerNumber'] as const;

/**
 * SOR code → position for a fixed number of codes. Regular codes live in an open-addressing table
 * of two typed arrays (no per-entry allocation, so indexing 100,000 codes takes a few ms instead
 * of the tens a `Map` needs); any other code in a `Map`.
 */
class CodePositions {
  private readonly keys: Int32Array;
  private readonly values: Int32Array;
  private readonly shift: number;
  private regularCount = 0;
  private readonly other = new Map<string, number>();

  constructor(capacity: number) {
    // At most half full, so a probe ends after a step or two.
    const bits = Math.max(4, Math.ceil(Math.log2(capacity * 2 + 1)));
    this.keys = new Int32Array(2 ** bits).fill(-1);
    this.values = new Int32Array(2 ** bits);
    this.shift = 32 - bits;
  }

  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.keys[slot] !== -1 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  set(code: string, position: number): void {
    const key = sorCodeKey(code);
    if (key < 0) {
      this.other.set(code, position);
      return;
    }
    this.setKey(key, position);
  }

  /** `set` for a regular code given by its key (`sorCodeKey`). */
  setKey(key: number, position: number): void {
    const slot = this.slotOf(key);
    if (this.keys[slot] === -1) this.regularCount++;
    this.keys[slot] = key;
    this.values[slot] = position;
  }

  get(code: string): number | undefined {
    const key = sorCodeKey(code);
    if (key < 0) return this.other.get(code);
    const slot = this.slotOf(key);
    return this.keys[slot] === -1 ? undefined : this.values[slot];
  }

  get size(): number {
    return this.regularCount + this.other.size;
  }
}

/**
 * Exact lookups by every code a person may paste: SOR code (unique), SHAK, EAN and ydernummer
 * (each may sit on several units). The SOR code map is built at once (the catalog answers `get`
 * and validates a snapshot with it); the others in steps, see `buildShared`.
 */
export class CodeIndex {
  // SOR code → position in `units`: one map serves `get` and the name index's parent links.
  private readonly positions: CodePositions;
  private shared: Record<(typeof SHARED_FIELDS)[number], Map<string, SorUnit[]>> = {
    shak: new Map(),
    ean: new Map(),
    providerNumber: new Map(),
  };

  private sharedBuilt = false;
  private readonly source: UnitSource;

  /** From units, or from a source that makes them on demand (only the codes are read here). */
  constructor(units: readonly SorUnit[] | UnitSource) {
    const source = Array.isArray(units) ? unitsSource(units) : (units as UnitSource);
    this.source = source;
    this.positions = new CodePositions(source.count);
    // A source that knows its codes' keys (a stored unit table) spares making the code strings.
    const keyAt = source.keyAt?.bind(source);
    for (let i = 0; i < source.count; i++) {
      const key = keyAt ? keyAt(i) : -1;
      if (key >= 0) this.positions.setKey(key, i);
      else this.positions.set(source.codeAt(i), i);
    }
  }

  /** Every unit, in position order (from a lazy source: made now, if not yet). */
  get units(): readonly SorUnit[] {
    return this.source.all();
  }

  /**
   * Builds the SHAK, EAN and ydernummer lookups in steps (the search index runs it in slices);
   * a lookup before then builds them at once.
   */
  *buildShared(): Generator<void, void> {
    if (this.sharedBuilt) return;
    const maps = SHARED_FIELDS.map((field) => [field, new Map<string, SorUnit[]>()] as const);
    for (let i = 0; i < this.source.count; i++) {
      const unit = this.source.unitAt(i);
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
    return at === undefined ? undefined : this.source.unitAt(at);
  }

  /** True when a unit has this SOR code. */
  has(sorCode: string): boolean {
    return this.positions.get(sorCode) !== undefined;
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
