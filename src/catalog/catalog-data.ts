import type { SnapshotInfo, SorUnit } from '../model/types.js';
import type { EarlyNames } from '../search/early-names.js';
import type { SearchRequest } from '../search/search-index.js';
import type { NameTable, SorSearchHit } from '../search/types.js';

/**
 * When a catalog over units builds its name search index: in the background at once (a page or
 * a server searches soon), or when the first search asks for it (a batch job that only looks up
 * codes, such as a SHAK migration, then never pays for it).
 */
export type SearchIndexTiming = 'background' | 'on-first-search';

/** Where a set of units came from; carried on every selection as `snapshot`. */
export interface SnapshotOptions {
  snapshotId: string;
  /** The source export's `SnapshotDate` (`YYYY-MM-DD`). */
  sourceDate: string;
  /**
   * The distinct names and each unit's position among them, when the caller has them (a decoder
   * does): the first name searches then need not collect them unit by unit. Checked against the
   * units; a table that does not match them is ignored.
   */
  names?: NameTable;
  /**
   * When the name search index is built: `background` (default) at once, in short slices, or
   * `on-first-search` (a batch job that only looks codes up never builds it).
   */
  searchIndex?: SearchIndexTiming;
}

/** What a delta changed relative to the snapshot before it (as `patchUnits` gives it). */
export interface CatalogChanges {
  upserts: ReadonlyMap<string, SorUnit>;
  removed: ReadonlySet<string>;
}

/**
 * One immutable snapshot's units with the indexes the catalog answers from. A catalog swaps a
 * whole `CatalogData` at once, so a reader sees either the old snapshot or the new one, never a
 * mix. Three kinds make one: `ListData` (units given as a list), `StoredTableData` (a stored unit
 * table, units made on demand) and `PatchedData` (the snapshot before plus a delta's changes).
 * Each answers the same; they differ only in what is built before the first answer.
 */
export interface CatalogData {
  readonly info: SnapshotInfo;
  /** How many units: known without making them. */
  readonly size: number;
  /** Every unit (from a stored table: made now, if not yet). */
  readonly units: readonly SorUnit[];
  /** True when at least one unit has an ID27 level. */
  readonly hasLevels: boolean;
  /** Resolves once the full search index is built. */
  readonly searchReady: Promise<void>;
  /** True once the full search index is built. */
  readonly isSearchReady: boolean;
  /** Starts building the search index if it waits for the first search; else does nothing. */
  startSearchIndex(): void;
  /** Searches with the full index; call only once `isSearchReady`. */
  search(query: string, request: SearchRequest): SorSearchHit[];
  /**
   * What can be answered before the full index is built: exact codes, else (for a query without
   * digits) names holding every query word at the start of a word. Empty: wait for `searchReady`.
   */
  searchEarly(query: string, request: SearchRequest): SorSearchHit[];
  get(sorCode: string): SorUnit | undefined;
  /** Children sorted by name (Danish collation); `null` gives the roots. */
  children(parentCode: string | null): readonly SorUnit[];
  /** True when some child of the unit passes `test`; reads the children unsorted. */
  someChild(parentCode: string | null, test: (unit: SorUnit) => boolean): boolean;
  /** Owner first, parent last. */
  ancestors(sorCode: string): SorUnit[];
  /** Every unit carrying a SHAK code, best first. */
  byShak(shak: string, asOf?: string): SorUnit[];

  // What a snapshot made from this one by a delta reads until its own indexes are built.
  /** The distinct names an early search scans (collected now if not yet). */
  earlyNames(): EarlyNames;
  /** The children in no particular order (the order they were found in). */
  unsortedChildren(parentCode: string | null): readonly SorUnit[];
  /**
   * The units carrying a SHAK code, or declaring an EAN (an inherited EAN is the owner's, not
   * theirs), in no particular order.
   */
  codeUnits(field: 'shak' | 'ean', code: string): readonly SorUnit[];
}
