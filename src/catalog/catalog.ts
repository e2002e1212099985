import { todayIso } from '../model/dates.js';
import { buildSelection, type SelectionOptions } from '../model/selection.js';
import type {
  SnapshotInfo,
  SorAddressingProblem,
  SorAddressingResult,
  SorSelection,
  SorUnit,
} from '../model/types.js';
import { addressingProblem, resolveAddressing, unitsReceivingAt } from '../model/addressing.js';
import type { NameTable, SorSearchHit, SorSearchOptions, UnitSource } from '../search/types.js';
import type { CatalogChanges, CatalogData, SnapshotOptions } from './catalog-data.js';
import { CatalogSync } from './catalog-sync.js';
import { SorCatalogError } from './errors.js';
import { SorCatalogChangeEvent, SorIndexReadyEvent, type SorCatalogListenerArgs } from './events.js';
import type { SorCatalogOpenOptions } from './open-catalog.js';
import { migrateShak, type ShakMigration } from './shak-migration.js';
import { ListData } from './list-data.js';
import { dataAfterDelta } from './patched-data.js';
import { StoredTableData } from './stored-table-data.js';
import { inMemoryStatus, type SorCatalogStatus } from './status.js';

export type { SnapshotOptions } from './catalog-data.js';

function infoOf(options: SnapshotOptions): SnapshotInfo {
  return { id: options.snapshotId, sourceDate: options.sourceDate };
}

const DEFAULT_LIMIT = 20;

/**
 * The headless SOR catalog: the one seam components get data through. It answers search, lookups,
 * hierarchy and selections from one immutable snapshot at a time, and fires `sor-catalog-change`
 * when that snapshot is replaced.
 *
 * Create it with `SorCatalog.fromUnits(units, { snapshotId, sourceDate })` and hand it to a
 * component's `.catalog` property. There is no global catalog: every component is given its own
 * (or a shared one) explicitly.
 */
export class SorCatalog extends EventTarget {
  // The snapshot answering now, swapped whole (a reader sees the old one or the new one, never a mix).
  private data: CatalogData | null = null;
  // Set by `open`: the stored snapshot and its sync. Null for `fromUnits` catalogs.
  private syncer: CatalogSync | null = null;
  private resolveReady!: () => void;

  /** Resolves once the catalog has units to answer from. */
  readonly ready: Promise<void> = new Promise((resolve) => (this.resolveReady = resolve));

  /** A catalog over units already in memory. Throws on duplicate codes or a parent that is missing. */
  static fromUnits(units: readonly SorUnit[], options: SnapshotOptions): SorCatalog {
    const catalog = new SorCatalog();
    catalog.replaceUnits(units, options);
    return catalog;
  }

  /**
   * A catalog kept in IndexedDB and synced from a snapshot folder (`src` = its `manifest.json`).
   * It answers from the stored snapshot at once when one is stored (offline too), syncs in the
   * background, and fires `sor-sync-start`, `sor-sync-progress`, `sor-sync-complete` and
   * `sor-sync-error`. Without IndexedDB it works from memory for the session (`status.storage`).
   */
  static open(options: SorCatalogOpenOptions): SorCatalog {
    const catalog = new SorCatalog();
    // The sync sees the catalog only as a `SyncTarget`: the read side plus the @internal swaps.
    catalog.syncer = new CatalogSync(catalog, options);
    return catalog;
  }

  /** The sync state: snapshot, last successful sync, state, last error, storage, persistence. */
  get status(): SorCatalogStatus {
    return this.syncer?.status ?? inMemoryStatus(this.snapshot, this.size);
  }

  /**
   * Syncs now (a catalog from `open`); rejects with a `SorSyncError` naming what failed, while
   * the catalog keeps its snapshot. A catalog from `fromUnits` has nothing to sync: resolves.
   */
  sync(): Promise<void> {
    return this.syncer?.sync() ?? Promise.resolve();
  }

  /** Deletes the stored snapshot (a catalog from `open`); the catalog keeps answering from memory. */
  clear(): Promise<void> {
    return this.syncer?.clear() ?? Promise.resolve();
  }

  /**
   * Replaces every unit at once (a new snapshot), firing `sor-catalog-change`: for a catalog made
   * by `fromUnits` whose owner has newer units. A catalog from `open` is replaced by its sync (through
   * the `SyncTarget` that `open` passes it), never by hand. Throws `SorCatalogError` on a duplicate
   * code or a parent that is missing.
   */
  replaceUnits(units: readonly SorUnit[], options: SnapshotOptions): void {
    this.replace(new ListData(units, infoOf(options), options.names, options.searchIndex));
  }

  /** @internal `replaceUnits` from a stored unit table: its units are made when first asked for. */
  replaceFromSource(source: UnitSource, options: SnapshotOptions & { names: NameTable }): void {
    this.replace(new StoredTableData(source, infoOf(options), options.names));
  }

  /**
   * @internal `replaceUnits` by a delta (`patchUnits` gives `units` and `changes`): the snapshot
   * answering now is patched in O(changes); without one it is `replaceUnits`.
   */
  applyChanges(units: readonly SorUnit[], changes: CatalogChanges, options: SnapshotOptions): void {
    if (!this.data) return this.replaceUnits(units, options);
    const data = dataAfterDelta(this.data, units, changes, infoOf(options));
    this.swap(data);
    this.dispatchEvent(new SorCatalogChangeEvent(data.info));
  }

  private replace(data: CatalogData): void {
    const first = this.data === null;
    this.swap(data);
    if (first) this.resolveReady();
    else this.dispatchEvent(new SorCatalogChangeEvent(data.info));
  }

  // Until the full search index of new data is built, name searches get early, simpler answers;
  // `sor-index-ready` tells open components to ask again. Not fired for data already replaced.
  private swap(data: CatalogData): void {
    this.data = data;
    data.searchReady.then(
      () => {
        if (this.data === data) this.dispatchEvent(new SorIndexReadyEvent(data.info));
      },
      () => {}, // a failed build is reported by the search that awaits it
    );
  }

  /** True once units are loaded. */
  get isReady(): boolean {
    return this.data !== null;
  }

  /** The snapshot answering now, or null before any is loaded. */
  get snapshot(): SnapshotInfo | null {
    return this.data?.info ?? null;
  }

  /** How many units the catalog holds. */
  get size(): number {
    return this.data?.size ?? 0;
  }

  /**
   * True when at least one unit of the snapshot has an ID27 level (from the export's own level
   * elements or an ID27 side file joined at build time); false before a snapshot is loaded. A
   * snapshot built without levels answers false: `selectable-levels` then cannot judge any unit.
   */
  get hasLevels(): boolean {
    return this.data?.hasLevels ?? false;
  }

  /**
   * Searches names (typo-tolerant, Danish folding) and codes (SOR code, SHAK, EAN, ydernummer:
   * exact matches first). The filter applies before the limit.
   */
  async search(query: string, options: SorSearchOptions = {}): Promise<SorSearchHit[]> {
    const data = this.require();
    options.signal?.throwIfAborted();
    data.startSearchIndex();
    const request = {
      limit: options.limit ?? DEFAULT_LIMIT,
      asOf: options.filter?.asOf ?? todayIso(),
      filter: options.filter,
    };
    if (!data.isSearchReady) {
      // The name index is still being built (in slices, off the critical path): a pasted code,
      // or names that start with the query words, are answered now; anything else (typos,
      // short names, addresses) waits for the index, unless a newer query superseded it.
      const early = data.searchEarly(query, request);
      if (early.length > 0) return early;
      await data.searchReady;
      options.signal?.throwIfAborted();
    }
    return data.search(query, request);
  }

  /** The unit with this SOR code, or undefined. */
  get(sorCode: string): SorUnit | undefined {
    return this.data?.get(sorCode);
  }

  /** The children of a unit, sorted by name; `null` gives the owners (the tree's roots). */
  children(sorCode: string | null): readonly SorUnit[] {
    return this.data?.children(sorCode) ?? [];
  }

  /**
   * True when the unit (`null`: the root) has a child that passes `test` (any child without one),
   * answered without sorting the children: cheap enough to decide, row by row, what can be expanded.
   */
  hasChild(sorCode: string | null, test: (unit: SorUnit) => boolean = () => true): boolean {
    return this.data?.someChild(sorCode, test) ?? false;
  }

  /** The ancestors of a unit, owner first, parent last. */
  ancestors(sorCode: string): SorUnit[] {
    return this.data?.ancestors(sorCode) ?? [];
  }

  /** Every unit carrying this SHAK code, best first (active, then the matching ID27 level). */
  byShak(shak: string, asOf?: string): SorUnit[] {
    return this.data?.byShak(shak.trim(), asOf) ?? [];
  }

  /**
   * The SOR unit a legacy SHAK code migrates to on a date (default today), with a confidence:
   * `exact`, `ambiguous`, `retired-successor` (followed `replacedBy`) or `none`.
   */
  migrateShak(shak: string, asOf: string = todayIso()): ShakMigration {
    return migrateShak(this, shak, asOf);
  }

  /**
   * The `SorSelection` of a unit: its level chain, path, identifiers, validity and the snapshot
   * that answered. Throws `SorCatalogError` ('unknown-code') when no unit has this code.
   */
  select(sorCode: string, options: SelectionOptions = {}): SorSelection {
    const { data, unit } = this.requireUnit(sorCode);
    return buildSelection(unit, data.ancestors(sorCode), data.info, options);
  }

  /**
   * Where MedCom messages to a unit go on a date (default today): `{ ok: true, addressing }` with
   * the receiving EAN (its own or the nearest ancestor's it inherits), the unit that owns it and
   * its EDI data; or `{ ok: false, reason }` (`no-ean`, `inactive`, `internal-only`,
   * `no-edi-data`), with the EAN's data where there is an EAN. Throws `SorCatalogError`
   * ('unknown-code') when no unit has this code.
   */
  addressOf(sorCode: string, asOf: string = todayIso()): SorAddressingResult {
    const { data, unit } = this.requireUnit(sorCode);
    return resolveAddressing(unit, data.ancestors(sorCode), asOf);
  }

  /**
   * Every unit that receives MedCom messages at an EAN (a pasted lokationsnummer): the unit that
   * declares it first, then the units that inherit it, depth first, children by name. Empty when
   * no unit declares the EAN.
   */
  unitsReceivingAt(ean: string): SorUnit[] {
    const data = this.data;
    if (!data) return [];
    const code = ean.trim();
    return unitsReceivingAt(code, data.codeUnits('ean', code), (parent) => data.children(parent));
  }

  private requireUnit(sorCode: string): { data: CatalogData; unit: SorUnit } {
    const data = this.require();
    const unit = data.get(sorCode);
    if (!unit) {
      throw new SorCatalogError(
        'unknown-code',
        `No unit with SOR code ${sorCode} in snapshot ${data.info.id}`,
      );
    }
    return { data, unit };
  }

  // Typed for the catalog's own events (see `SorCatalogListener`), as on EventTarget for any other.
  override addEventListener<K extends string>(
    ...args: SorCatalogListenerArgs<K, boolean | AddEventListenerOptions>
  ): void {
    super.addEventListener(...(args as Parameters<EventTarget['addEventListener']>));
  }

  override removeEventListener<K extends string>(
    ...args: SorCatalogListenerArgs<K, boolean | EventListenerOptions>
  ): void {
    super.removeEventListener(...(args as Parameters<EventTarget['removeEventListener']>));
  }

  private require(): CatalogData {
    if (!this.data)
      throw new SorCatalogError('not-ready', 'The catalog has no units yet: await catalog.ready');
    return this.data;
  }

  /**
   * Why a unit cannot receive MedCom messages on a date (default today), or null when it can:
   * the reason `addressOf(code, asOf)` gives, without copying the EDI data: cheap enough to judge
   * every row of a list. Throws `SorCatalogError` ('unknown-code') when no unit has this code.
   * To search only units that can receive, pass the search filter `receiving: true`.
   */
  addressingProblem(sorCode: string, asOf: string = todayIso()): SorAddressingProblem | null {
    const { data, unit } = this.requireUnit(sorCode);
    return addressingProblem(unit, () => data.ancestors(sorCode), asOf);
  }
}
