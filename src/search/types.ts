import type { SorKind, SorUnit } from '../model/types.js';

/** Which field of the unit a hit matched. Code matches always rank above name matches. */
export type SearchMatchField = 'sorCode' | 'shak' | 'ean' | 'providerNumber' | 'name';

/** One search result. */
export interface SorSearchHit {
  unit: SorUnit;
  /** Lower is better; 0 is an exact match. Comparable within one result list only. */
  score: number;
  matchedBy: SearchMatchField;
  /**
   * Half-open `[start, end)` ranges in the matched field (the unit's `name`, or the code) that the
   * query matched, for highlighting.
   */
  ranges: [number, number][];
}

/** Narrows a search; applied inside the search, before the limit. */
export interface SorSearchFilter {
  /** Only these entity kinds. */
  kinds?: readonly SorKind[];
  /** Only units whose own ID27 level is one of these (canonical names, or names as the source gave them). */
  levels?: readonly string[];
  /** Only units in these regions (the unit's own region code, else its nearest ancestor's). */
  regionCodes?: readonly string[];
  /** Only units whose owner (IE) has one of these SNOMED owner type codes. */
  ownerTypes?: readonly string[];
  /** Only the unit with this SOR code and its descendants (an institution or an owner). */
  within?: string;
  /** Only units valid on this ISO date; defaults to today. */
  asOf?: string;
  /** Also units closed before `asOf` (they rank below active ones). Default false. */
  includeRetired?: boolean;
  /**
   * Only units that can receive MedCom messages on `asOf`: an EAN of their own or inherited,
   * active and not internal-only (`catalog.addressOf(code, asOf).ok`). Default false.
   */
  receiving?: boolean;
}

export interface SorSearchOptions {
  /** At most this many hits (default 20). */
  limit?: number;
  filter?: SorSearchFilter;
  /** Abort a superseded search. */
  signal?: AbortSignal;
}

/**
 * Units by position, for indexes that need not have every unit made before they answer: a
 * snapshot read from its stored table makes a unit when it is first asked for (`unitAt`), and all
 * of them (`all`) in the background. Codes are known without making a unit.
 */
export interface UnitSource {
  readonly count: number;
  codeAt(position: number): string;
  /** The code's `sorCodeKey`, when the source has it without making the string (-1: use `codeAt`). */
  keyAt?(position: number): number;
  unitAt(position: number): SorUnit;
  /** The position of the unit's parent (-1 for none), when the source has it without making units. */
  parentAt?(position: number): number;
  /** Every unit, in position order (made now, if not yet). */
  all(): readonly SorUnit[];
  /** `all` in steps, for `runInSlices`. */
  allInSteps(): Generator<void, readonly SorUnit[]>;
  /** Whether any unit has an ID27 level, when the source knows without making units. */
  hasLevels?(): boolean;
}

/** A unit list as a `UnitSource`. */
export function unitsSource(units: readonly SorUnit[]): UnitSource {
  return {
    count: units.length,
    codeAt: (position) => units[position].sorCode,
    unitAt: (position) => units[position],
    all: () => units,
    // eslint-disable-next-line require-yield -- nothing to make: the units are all there
    *allInSteps() {
      return units;
    },
  };
}

/**
 * The distinct names of a unit list and, per unit, the position of its name among them: what a
 * decoder already has, and what the catalog's first searches need without hashing every name.
 */
export interface NameTable {
  names: readonly string[];
  /** Per unit (same order as the units): the position of `unit.name` in `names`. */
  nameIds: Int32Array;
  /**
   * Each name folded for search (`foldName`), in the order of `names`, by the folding of
   * `version`: kept with a stored snapshot so a cold start need not fold every name again.
   */
  folded?: { version: number; words: readonly string[]; keys: readonly string[] };
}
