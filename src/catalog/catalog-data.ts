import { shakLevel } from '../model/codes.js';
import { isRetiredOn, todayIso } from '../model/dates.js';
import type { SnapshotInfo, SorUnit } from '../model/types.js';
import { EarlyNames, SearchIndex, type SearchRequest } from '../search/search-index.js';
import { nextTask, runInSlices, whenIdle } from '../search/slices.js';
import { CodeIndex } from '../search/code-index.js';
import { unitsSource, type NameTable, type SorSearchHit, type UnitSource } from '../search/types.js';
import { SorCatalogError } from './errors.js';

const collator = new Intl.Collator('da');
const SMALL_REBUILD_UNITS = 2000;
// A background build has nobody to report to: a failure there resurfaces when `children` builds
// the map itself.
const noop = (): void => undefined;

// Unique codes, every parent present: what a catalog over units given as a list must hold.
function checkUnits(units: readonly SorUnit[], codes: CodeIndex, info: SnapshotInfo): void {
  if (codes.size !== units.length) {
    const seen = new Set<string>();
    const duplicate = units.find((unit) => seen.size === seen.add(unit.sorCode).size);
    throw new SorCatalogError(
      'duplicate-code',
      `Snapshot ${info.id}: SOR code ${duplicate?.sorCode} occurs more than once`,
    );
  }
  for (const unit of units) {
    if (unit.parentCode !== null && !codes.has(unit.parentCode)) {
      throw new SorCatalogError(
        'missing-parent',
        `Snapshot ${info.id}: unit ${unit.sorCode} (${unit.name}) names parent ${unit.parentCode}, which is not in the snapshot`,
      );
    }
  }
}

// Unit positions grouped by their parent's position + 1 (so the roots come first), with where each
// group starts: `positions[start[p + 1] … start[p + 2])` are the children of position p.
function groupByParent(source: UnitSource): { start: Int32Array; positions: Int32Array } {
  const parentAt = source.parentAt!.bind(source);
  const count = source.count;
  const start = new Int32Array(count + 2);
  for (let i = 0; i < count; i++) start[parentAt(i) + 2]++;
  for (let p = 0; p <= count; p++) start[p + 1] += start[p];
  const next = start.slice(0, count + 1);
  const positions = new Int32Array(count);
  for (let i = 0; i < count; i++) positions[next[parentAt(i) + 1]++] = i;
  return { start, positions };
}

// True when the name table describes these units (same count, each unit's own name).
function namesDescribe({ names, nameIds }: NameTable, units: readonly SorUnit[]): boolean {
  return nameIds.length === units.length && units.every((unit, i) => names[nameIds[i]] === unit.name);
}

const byName = (a: SorUnit, b: SorUnit) =>
  collator.compare(a.name, b.name) || (a.sorCode < b.sorCode ? -1 : 1);

/**
 * When a catalog over units builds its name search index: in the background at once (a page or
 * a server searches soon), or when the first search asks for it (a batch job that only looks up
 * codes, such as a SHAK migration, then never pays for it).
 */
export type SearchIndexTiming = 'background' | 'on-first-search';

/** What a delta changed relative to the snapshot before it (as `patchUnits` gives it). */
export interface CatalogChanges {
  upserts: ReadonlyMap<string, SorUnit>;
  removed: ReadonlySet<string>;
}

/** A snapshot made from the one before by a delta, until its own indexes are built. */
export interface CatalogPatch {
  previous: CatalogData;
  changes: CatalogChanges;
  upsertsByParent: Map<string | null, SorUnit[]>;
}

function* childrenMap(units: readonly SorUnit[]): Generator<void, Map<string | null, SorUnit[]>> {
  const map = new Map<string | null, SorUnit[]>();
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    const siblings = map.get(unit.parentCode);
    if (siblings) siblings.push(unit);
    else map.set(unit.parentCode, [unit]);
    if ((i & 4095) === 4095) yield;
  }
  return map;
}

/**
 * One immutable snapshot's units with the indexes the catalog answers from. A catalog swaps a
 * whole `CatalogData` at once, so a reader sees either the old snapshot or the new one, never a mix.
 *
 * A snapshot made by a delta (`CatalogData.patched`) answers at once through the previous
 * snapshot's indexes plus the changed units, and builds its own indexes in the background; it
 * never changes what it answers, only how.
 */
export class CatalogData {
  private index: SearchIndex | null = null;
  /** Resolves once the full search index is built. */
  readonly searchReady: Promise<void>;
  private early: EarlyNames | null = null;
  private earlySteps: Generator<void, EarlyNames> | null = null;
  private childrenByParent = new Map<string | null, SorUnit[]>();
  private sortedParents = new Set<string | null>();
  private childrenComplete = false;
  private patch: CatalogPatch | null = null;
  private readonly source: UnitSource;
  private childPositions: { start: Int32Array; positions: Int32Array } | null = null;
  // SOR code → unit; null while a patch answers (the previous snapshot's plus the changes).
  private codes: CodeIndex | null = null;
  private readonly names: NameTable | undefined;
  // Set while the search index waits for the first search ('on-first-search').
  private startIndex: (() => void) | null = null;
  private levelled: boolean | undefined;

  /**
   * From units (checked: codes unique, parents present), or from a source that makes them on
   * demand (a stored unit table, checked when it was read): then only the codes are indexed before
   * the first answer, a name search makes just the units it finds, and the rest are made and
   * indexed in the background. `names`, when the caller has them (a decoder does), spare the first
   * searches from collecting the distinct names unit by unit; with units, they are checked.
   */
  constructor(
    units: readonly SorUnit[] | UnitSource,
    readonly info: SnapshotInfo,
    patch?: CatalogPatch,
    names?: NameTable,
    searchIndex: SearchIndexTiming = 'background',
  ) {
    const lazy = !Array.isArray(units);
    this.source = lazy ? (units as UnitSource) : unitsSource(units as readonly SorUnit[]);
    this.names = lazy || (names && namesDescribe(names, units as readonly SorUnit[])) ? names : undefined;
    if (patch) {
      this.patch = patch;
      // Background: the patch already answers; the rebuild must not delay what the page does next
      // (its first long step, indexing every code, must not land between a sync and the search after it).
      this.searchReady = new Promise((resolve, reject) => whenIdle(() => this.build(resolve, reject)));
      return;
    }
    const codes = new CodeIndex(this.source);
    this.codes = codes;
    if (lazy) {
      // The units are made in slices (a name search meanwhile makes those it finds), then indexed.
      this.searchReady = new Promise((resolve, reject) =>
        nextTask(() =>
          runInSlices(
            this.source.allInSteps(),
            8,
            (all) => {
              const index = new SearchIndex(all, { codes });
              this.index = index;
              index.ready.then(resolve, reject);
              // The children map over the units now made (until then children are found by position).
              nextTask(
                () => runInSlices(childrenMap(all), 8, (map) => this.completeChildren(map), noop),
                'background',
              );
            },
            reject,
          ),
        ),
      );
    } else {
      const all = units as readonly SorUnit[];
      checkUnits(all, codes, info);
      const build = () => {
        const index = new SearchIndex(all, { codes });
        this.index = index;
        return index.ready;
      };
      if (searchIndex === 'on-first-search') {
        // A batch job that never searches (a SHAK migration) need not pay for the name index:
        // it is built when the first search asks for it, and nothing is built in the background.
        this.searchReady = new Promise((resolve, reject) => {
          this.startIndex = () => {
            this.startIndex = null;
            build().then(resolve, reject);
          };
        });
        return;
      }
      this.searchReady = build();
    }
    // Not needed for the first answer, so built in the background (or at once when asked first):
    // the distinct names (a search before the index is built scans them, and a delta patches them
    // instead of collecting them anew), then the children map.
    nextTask(
      () =>
        runInSlices(
          (this.earlySteps ??= this.collectNames()),
          8,
          (names) => {
            if (names) this.early ??= names;
            if (lazy) return; // its children map follows the units being made (above)
            nextTask(
              () => runInSlices(childrenMap(this.units), 8, (map) => this.completeChildren(map), noop),
              'background',
            );
          },
          noop,
        ),
      'background',
    );
  }

  /** Every unit (from a lazy source: made now, if not yet). */
  get units(): readonly SorUnit[] {
    return this.source.all();
  }

  /** How many units: known without making them. */
  get size(): number {
    return this.source.count;
  }

  /** True when at least one unit has an ID27 level; asked once per snapshot, then remembered. */
  get hasLevels(): boolean {
    this.levelled ??= this.source.hasLevels?.() ?? this.source.all().some((unit) => unit.level !== null);
    return this.levelled;
  }

  private collectNames(): Generator<void, EarlyNames> {
    return this.names ? EarlyNames.stepsFromTable(this.source, this.names) : EarlyNames.steps(this.units);
  }

  private completeChildren(map: Map<string | null, SorUnit[]>): void {
    if (this.childrenComplete) return;
    // Same content as the patched answers gave (if any), so swapping it in changes nothing visible.
    this.childrenByParent = map;
    this.sortedParents = new Set();
    this.childrenComplete = true;
  }

  /**
   * The snapshot `previous` becomes by a delta: `units` are the units after it and `changes` what
   * it changed (both from `patchUnits`, which checked codes, parents and count). O(changes), not
   * O(units): the full indexes follow in the background. Up to 2,000 units it simply rebuilds.
   */
  static patched(
    previous: CatalogData,
    units: readonly SorUnit[],
    changes: CatalogChanges,
    info: SnapshotInfo,
  ): CatalogData {
    // A small register rebuilds in a few milliseconds: simpler than patching, and as fast.
    if (units.length <= SMALL_REBUILD_UNITS) return new CatalogData(units, info);
    const upsertsByParent = new Map<string | null, SorUnit[]>();
    for (const unit of changes.upserts.values()) {
      const list = upsertsByParent.get(unit.parentCode);
      if (list) list.push(unit);
      else upsertsByParent.set(unit.parentCode, [unit]);
    }
    return new CatalogData(units, info, { previous, changes, upsertsByParent });
  }

  // Builds the full indexes of a patched snapshot: the search index (itself in slices) and the
  // children map in slices; then drops the previous snapshot.
  private build(resolve: () => void, reject: (error: unknown) => void): void {
    try {
      const index = new SearchIndex(this.units);
      this.index = index;
      this.codes = index.codes;
      runInSlices(
        childrenMap(this.units),
        8,
        (map) => {
          this.completeChildren(map);
          this.patch = null;
          index.ready.then(resolve, reject);
        },
        reject,
      );
    } catch (error) {
      reject(error);
    }
  }

  /** Starts building the search index if it waits for the first search; else does nothing. */
  startSearchIndex(): void {
    this.startIndex?.();
  }

  /** True once the full search index is built. */
  get isSearchReady(): boolean {
    return this.index?.isReady ?? false;
  }

  /** Searches with the full index; call only once `isSearchReady`. */
  search(query: string, request: SearchRequest): SorSearchHit[] {
    if (!this.index?.isReady) throw new SorCatalogError('not-ready', 'The search index is not built yet');
    return this.index.search(query, request);
  }

  /**
   * What can be answered before the full index is built: exact codes, else (for a query without
   * digits) names holding every query word at the start of a word, scanned over the distinct
   * names. An empty answer means: wait for `searchReady`.
   */
  searchEarly(query: string, request: SearchRequest): SorSearchHit[] {
    if (this.index) {
      const codeHits = this.index.search(query, request);
      if (codeHits.length > 0) return codeHits;
    }
    // Codes, postcodes and typos need the full index.
    if (/\d/.test(query)) return [];
    return this.earlyNames().search(query, request, this);
  }

  private earlyNames(): EarlyNames {
    if (this.early) return this.early;
    const patch = this.patch;
    if (patch) {
      // The previous snapshot's names (collected in the background by now, as a rule), patched.
      const { upserts, removed } = patch.changes;
      const gone: SorUnit[] = [];
      for (const code of [...upserts.keys(), ...removed]) {
        const old = patch.previous.get(code);
        if (old) gone.push(old);
      }
      this.early = patch.previous.earlyNames().patched(gone, upserts.values());
      return this.early;
    }
    // Finish the background collection here (or run it whole) when a search needs it first.
    const steps = (this.earlySteps ??= this.collectNames());
    let step = steps.next();
    while (!step.done) step = steps.next();
    // A generator already finished by the background answers undefined: its names are set then.
    this.early ??= step.value;
    return this.early;
  }

  get(sorCode: string): SorUnit | undefined {
    if (this.codes) return this.codes.get(sorCode);
    const { previous, changes } = this.patch!;
    return changes.upserts.get(sorCode) ?? (changes.removed.has(sorCode) ? undefined : previous.get(sorCode));
  }

  /** Children sorted by name (Danish collation); sorted on first request, since most are never opened. */
  children(parentCode: string | null): readonly SorUnit[] {
    const patch = this.patch;
    let list = this.childrenByParent.get(parentCode) ?? this.childrenByPosition(parentCode);
    if (!list) {
      this.completeChildrenNow();
      list = this.childrenByParent.get(parentCode);
    }
    if (!list && patch && !this.childrenComplete) {
      // Before the own children map is built: the previous snapshot's, minus what changed, plus
      // the changed units now under this parent. Kept, like the map's lists.
      const { upserts, removed } = patch.changes;
      list = patch.previous
        .unsortedChildren(parentCode)
        .filter((unit) => !upserts.has(unit.sorCode) && !removed.has(unit.sorCode))
        .concat(patch.upsertsByParent.get(parentCode) ?? []);
      this.childrenByParent.set(parentCode, list);
    }
    if (!list || list.length === 0) return [];
    if (!this.sortedParents.has(parentCode)) {
      list.sort(byName);
      this.sortedParents.add(parentCode);
    }
    return list;
  }

  /**
   * True when some child of the unit passes `test`. Reads the children unsorted: deciding whether a
   * row can be expanded must not pay for sorting thousands of siblings nobody has opened yet.
   */
  someChild(parentCode: string | null, test: (unit: SorUnit) => boolean): boolean {
    if (this.patch && !this.childrenComplete) return this.children(parentCode).some(test);
    const byPosition = this.childrenByParent.get(parentCode) ?? this.childrenByPosition(parentCode);
    if (byPosition) return byPosition.some(test);
    this.completeChildrenNow();
    return this.childrenByParent.get(parentCode)?.some(test) ?? false;
  }

  /**
   * Before the children map is built, from a source that knows its parents (a stored unit table):
   * a unit's children found by position, only they made. Kept in the map, like its lists, so they
   * are sorted once; the full map replaces them with the same content.
   */
  private childrenByPosition(parentCode: string | null): SorUnit[] | undefined {
    const source = this.source;
    if (!source.parentAt || this.childrenComplete || this.patch || !this.codes) return undefined;
    const parent = parentCode === null ? -1 : this.codes.indexOf(parentCode);
    if (parent === undefined) return [];
    // Positions grouped by parent position + 1 (roots first): a counting sort, no unit made.
    const grouped = (this.childPositions ??= groupByParent(source));
    const from = grouped.start[parent + 1];
    const list = new Array<SorUnit>(grouped.start[parent + 2] - from);
    for (let k = 0; k < list.length; k++) list[k] = source.unitAt(grouped.positions[from + k]);
    this.childrenByParent.set(parentCode, list);
    return list;
  }

  // Finishes the children map on the spot when it is asked for before its background build is done.
  private completeChildrenNow(): void {
    if (this.patch || this.childrenComplete) return;
    const build = childrenMap(this.units);
    let step = build.next();
    while (!step.done) step = build.next();
    this.completeChildren(step.value);
  }

  private unsortedChildren(parentCode: string | null): readonly SorUnit[] {
    return (this.childrenComplete && this.childrenByParent.get(parentCode)) || this.children(parentCode);
  }

  /** Owner first, parent last. */
  ancestors(sorCode: string): SorUnit[] {
    const chain: SorUnit[] = [];
    let parentCode = this.get(sorCode)?.parentCode ?? null;
    while (parentCode !== null) {
      const parent = this.get(parentCode);
      if (!parent) break;
      chain.push(parent);
      parentCode = parent.parentCode;
    }
    return chain.reverse();
  }

  /** The units carrying a SHAK code, or declaring an EAN (an inherited EAN is the owner's, not theirs). */
  codeUnits(field: 'shak' | 'ean', code: string): readonly SorUnit[] {
    if (this.codes) return this.codes.lookup(field, code);
    const { previous, changes } = this.patch!;
    const { upserts, removed } = changes;
    return previous
      .codeUnits(field, code)
      .filter((unit) => !upserts.has(unit.sorCode) && !removed.has(unit.sorCode))
      .concat(
        [...upserts.values()].filter(
          (unit) => unit[field] === code && !(field === 'ean' && unit.eanInherited),
        ),
      );
  }

  /**
   * Every unit carrying a SHAK code, best first: active before retired, then the unit whose ID27
   * level matches what the code's length says (4 Hospital, 6 Afdeling, 7 Afsnit), then by name.
   */
  byShak(shak: string, asOf: string = todayIso()): SorUnit[] {
    const expected = shakLevel(shak);
    const rank = (unit: SorUnit) =>
      (isRetiredOn(unit.validTo, asOf) ? 2 : 0) + (unit.level?.name === expected ? 0 : 1);
    return [...this.codeUnits('shak', shak)].sort((a, b) => rank(a) - rank(b) || byName(a, b));
  }
}
