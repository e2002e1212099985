import { shakLevel } from '../model/codes.js';
import { isRetiredOn, todayIso } from '../model/dates.js';
import type { SnapshotInfo, SorUnit } from '../model/types.js';
import type { CodeIndex } from '../search/code-index.js';
import type { EarlyNames } from '../search/early-names.js';
import type { SearchIndex, SearchRequest } from '../search/search-index.js';
import { nextTask, runInSlices } from '../util/slices.js';
import type { SorSearchHit, UnitSource } from '../search/types.js';
import type { CatalogData } from './catalog-data.js';
import { SorCatalogError } from './errors.js';

const collator = new Intl.Collator('da');

/** By name in Danish collation, then by SOR code: the order children are shown in. */
export const byName = (a: SorUnit, b: SorUnit): number =>
  collator.compare(a.name, b.name) || (a.sorCode < b.sorCode ? -1 : 1);

/** A background build has nobody to report to: its failure resurfaces when the answer is built on the spot. */
export const noop = (): void => undefined;

/** Steps a sliced computation to its end at once, for when an answer needs it before its background run ends. */
export function runToEnd<T>(steps: Iterator<void, T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** The units grouped by parent code, in their order, yielding now and then so it can run in slices. */
export function* childrenMap(units: readonly SorUnit[]): Generator<void, Map<string | null, SorUnit[]>> {
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
 * What the three kinds of `CatalogData` share: answers read from whatever each has built so far
 * (`get`, `codeUnits`, `findChildren`, `earlyNames`), and the search index once it is built.
 */
export abstract class SnapshotData implements CatalogData {
  abstract readonly searchReady: Promise<void>;
  /** The full search index; null until its build starts. */
  protected index: SearchIndex | null = null;
  // The children lists: found parent by parent (and kept) until the full map is built in the
  // background; each sorted by name on first request, since most are never opened.
  protected lists = new Map<string | null, SorUnit[]>();
  /** True once the full children map is in: a parent missing from it has no children. */
  protected complete = false;
  private readonly sortedLists = new WeakSet<SorUnit[]>();
  private levelled: boolean | undefined;

  constructor(
    protected readonly source: UnitSource,
    readonly info: SnapshotInfo,
  ) {}

  abstract get(sorCode: string): SorUnit | undefined;
  abstract codeUnits(field: 'shak' | 'ean', code: string): readonly SorUnit[];
  abstract earlyNames(): EarlyNames;
  /**
   * The children of a parent whose list is not kept yet, kept from now on; undefined (or empty)
   * when it has none.
   */
  protected abstract findChildren(parentCode: string | null): SorUnit[] | undefined;

  get units(): readonly SorUnit[] {
    return this.source.all();
  }

  get size(): number {
    return this.source.count;
  }

  // Asked once per snapshot, then remembered; a stored table knows it without making a unit.
  get hasLevels(): boolean {
    this.levelled ??= this.source.hasLevels?.() ?? this.source.all().some((unit) => unit.level !== null);
    return this.levelled;
  }

  startSearchIndex(): void {}

  get isSearchReady(): boolean {
    return this.index?.isReady ?? false;
  }

  search(query: string, request: SearchRequest): SorSearchHit[] {
    if (!this.index?.isReady) throw new SorCatalogError('not-ready', 'The search index is not built yet');
    return this.index.search(query, request);
  }

  searchEarly(query: string, request: SearchRequest): SorSearchHit[] {
    if (this.index) {
      const codeHits = this.index.search(query, request);
      if (codeHits.length > 0) return codeHits;
    }
    // Codes, postcodes and typos need the full index.
    if (/\d/.test(query)) return [];
    return this.earlyNames().search(query, request, this);
  }

  children(parentCode: string | null): readonly SorUnit[] {
    const list = this.lists.get(parentCode) ?? this.findChildren(parentCode);
    if (!list || list.length === 0) return [];
    // Sorted in place, once: the list is kept, so the next request finds it sorted.
    if (!this.sortedLists.has(list)) {
      list.sort(byName);
      this.sortedLists.add(list);
    }
    return list;
  }

  // Unsorted: deciding whether a row can be expanded must not pay for sorting thousands of
  // siblings nobody has opened yet.
  someChild(parentCode: string | null, test: (unit: SorUnit) => boolean): boolean {
    return this.unsortedChildren(parentCode).some(test);
  }

  unsortedChildren(parentCode: string | null): readonly SorUnit[] {
    return this.lists.get(parentCode) ?? this.findChildren(parentCode) ?? [];
  }

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

  /**
   * Active before retired, then the unit whose ID27 level matches what the code's length says
   * (4 Hospital, 6 Afdeling, 7 Afsnit), then by name.
   */
  byShak(shak: string, asOf: string = todayIso()): SorUnit[] {
    const expected = shakLevel(shak);
    const rank = (unit: SorUnit) =>
      (isRetiredOn(unit.validTo, asOf) ? 2 : 0) + (unit.level?.name === expected ? 0 : 1);
    return [...this.codeUnits('shak', shak)].sort((a, b) => rank(a) - rank(b) || byName(a, b));
  }

  /** Takes the full children map (once): the same content as the lists kept so far, so nothing visible changes. */
  protected fillChildren(map: Map<string | null, SorUnit[]>): void {
    if (this.complete) return;
    this.lists = map;
    this.complete = true;
  }

  /** Builds the full children map over `units` in background slices (a lookup meanwhile builds it on the spot). */
  protected fillChildrenLater(units: readonly SorUnit[]): void {
    nextTask(() => runInSlices(childrenMap(units), 8, (map) => this.fillChildren(map), noop), 'background');
  }

  /** Builds the full children map on the spot when it is asked for before its background build is done. */
  protected completeChildrenNow(): void {
    if (!this.complete) this.fillChildren(runToEnd(childrenMap(this.units)));
  }
}

/**
 * A snapshot whose code index is built before its first answer (units given as a list, or a
 * stored table): lookups go through it. Its distinct names (what a search scans before the full
 * index is built, and what a delta patches) are collected in background slices, or finished at
 * once when a search needs them first.
 */
export abstract class CodeIndexedData extends SnapshotData {
  private nameSteps: Generator<void, EarlyNames> | null = null;
  private names: EarlyNames | null = null;

  constructor(
    source: UnitSource,
    info: SnapshotInfo,
    protected readonly codes: CodeIndex,
    private readonly collectNames: () => Generator<void, EarlyNames>,
  ) {
    super(source, info);
  }

  get(sorCode: string): SorUnit | undefined {
    return this.codes.get(sorCode);
  }

  codeUnits(field: 'shak' | 'ean', code: string): readonly SorUnit[] {
    return this.codes.lookup(field, code);
  }

  /** The names, collected now (or their background collection finished) if not yet in. */
  earlyNames(): EarlyNames {
    // A generator already finished by the background answers undefined: its names are set then.
    this.names ??= runToEnd((this.nameSteps ??= this.collectNames()));
    return this.names;
  }

  /** Collects the names in background slices; `then` runs once they are in. */
  protected collectNamesLater(then: () => void): void {
    const done = (names: EarlyNames) => {
      if (names) this.names ??= names;
      then();
    };
    nextTask(() => runInSlices((this.nameSteps ??= this.collectNames()), 8, done, noop), 'background');
  }

  protected findChildren(parentCode: string | null): SorUnit[] | undefined {
    this.completeChildrenNow();
    return this.lists.get(parentCode);
  }
}
