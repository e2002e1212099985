import { addressingProblem } from '../model/addressing.js';
import { isRetiredOn, isValidOn } from '../model/dates.js';
import type { SorUnit } from '../model/types.js';
import type { SorSearchFilter } from './types.js';

/** What a filter needs to know of the index: where each unit sits and what it inherits. */
export interface FilterPositions {
  readonly units: readonly SorUnit[];
  /** The end of the subtree under `pos`: its units are `[pos, end[pos])`. */
  readonly end: Int32Array;
  readonly regionOf: readonly (string | null)[];
  readonly ownerTypeOf: readonly (string | null)[];
}

/** Finds a unit by its SOR code: the index's code lookup. */
export interface UnitLookup {
  get(sorCode: string): SorUnit | undefined;
}

const NO_LOOKUP: UnitLookup = { get: () => undefined };

// The unit and its ancestors, owner first, walked up by code (at most 64 steps: a unit that is its
// own parent, as real exports hold, must not loop).
function pathOf(unit: SorUnit, codes: UnitLookup): SorUnit[] {
  const path: SorUnit[] = [];
  for (let at: SorUnit | undefined = unit; at && path.length < 64;) {
    path.unshift(at);
    at = at.parentCode === null ? undefined : codes.get(at.parentCode);
  }
  return path;
}

/** A filter compiled once per search: one check per unit, by position where the index is built. */
export class CompiledFilter {
  private readonly kinds: Set<string> | null;
  private readonly levels: Set<string> | null;
  private readonly regions: Set<string> | null;
  private readonly ownerTypes: Set<string> | null;
  private readonly within: string | null;
  private readonly includeRetired: boolean;
  private readonly receiving: boolean;

  /** `codes` finds the ancestors of a unit judged by position, for `receiving` (an inherited EAN). */
  constructor(
    filter: SorSearchFilter,
    private readonly asOf: string,
    private readonly codes: UnitLookup = NO_LOOKUP,
  ) {
    this.kinds = filter.kinds ? new Set(filter.kinds) : null;
    this.levels = filter.levels ? new Set(filter.levels) : null;
    this.regions = filter.regionCodes ? new Set(filter.regionCodes) : null;
    this.ownerTypes = filter.ownerTypes ? new Set(filter.ownerTypes) : null;
    this.within = filter.within ?? null;
    this.includeRetired = filter.includeRetired ?? false;
    this.receiving = filter.receiving ?? false;
  }

  private acceptsOwn(unit: SorUnit, codes: UnitLookup): boolean {
    if (this.kinds && !this.kinds.has(unit.kind)) return false;
    if (this.levels && !(unit.level && this.levels.has(unit.level.name))) return false;
    const shown = this.includeRetired
      ? unit.validFrom === null || unit.validFrom <= this.asOf
      : isValidOn(unit.validFrom, unit.validTo, this.asOf);
    // Last: the only check that may walk up the hierarchy (for an inherited EAN).
    if (!shown || !this.receiving) return shown;
    return addressingProblem(unit, () => pathOf(unit, codes).slice(0, -1), this.asOf) === null;
  }

  /**
   * The check by position: region, owner and subtree come precomputed from the index.
   * `withinPos` is the position of `filter.within` (-1 when it is not in the index).
   */
  acceptsAt(index: FilterPositions, pos: number, withinPos: number): boolean {
    if (!this.acceptsOwn(index.units[pos], this.codes)) return false;
    if (this.within !== null && !(pos >= withinPos && pos < (withinPos < 0 ? -1 : index.end[withinPos])))
      return false;
    if (this.regions) {
      const region = index.regionOf[pos];
      if (region === null || !this.regions.has(region)) return false;
    }
    if (this.ownerTypes) {
      const owner = index.ownerTypeOf[pos];
      if (owner === null || !this.ownerTypes.has(owner)) return false;
    }
    return true;
  }

  /** The check for a hit found before the index is built: walks the ancestors by code. */
  acceptsUnit(unit: SorUnit, codes: UnitLookup): boolean {
    if (!this.acceptsOwn(unit, codes)) return false;
    if (this.within === null && !this.regions && !this.ownerTypes) return true;
    const path = pathOf(unit, codes);
    if (this.within !== null && !path.some((step) => step.sorCode === this.within)) return false;
    if (this.regions) {
      const region = path.findLast((step) => step.regionCode !== null)?.regionCode;
      if (!region || !this.regions.has(region)) return false;
    }
    if (this.ownerTypes) {
      const owner = path.find((step) => step.kind === 'IE');
      if (!owner?.typeCode || !this.ownerTypes.has(owner.typeCode)) return false;
    }
    return true;
  }

  /** True when the unit closed before the day the search is judged on. */
  isRetired(unit: SorUnit): boolean {
    return isRetiredOn(unit.validTo, this.asOf);
  }
}
