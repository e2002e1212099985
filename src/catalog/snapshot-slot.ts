import type { SnapshotInfo, SorUnit } from '../model/types.js';
import type { NameTable, UnitSource } from '../search/types.js';
import type { CatalogChanges, CatalogData, SnapshotOptions } from './catalog-data.js';
import type { SyncTarget } from './catalog-sync.js';
import { SorCatalogChangeEvent, SorIndexReadyEvent } from './events.js';
import { ListData } from './list-data.js';
import { dataAfterDelta } from './patched-data.js';
import { StoredTableData } from './stored-table-data.js';

function infoOf(options: SnapshotOptions): SnapshotInfo {
  return { id: options.snapshotId, sourceDate: options.sourceDate };
}

/**
 * Holds the snapshot a catalog answers from, and is the only thing that replaces it: a whole
 * `CatalogData` at once, with `sor-catalog-change` (and `sor-index-ready` once its search index
 * is built) fired on the catalog. The catalog reads `data`; its sync writes through this slot,
 * which is the `SyncTarget` `SorCatalog.open` passes in.
 */
export class SnapshotSlot implements SyncTarget {
  /** The snapshot answering now, with its indexes; null before any. Replaced by this slot only. */
  data: CatalogData | null = null;
  private resolveReady!: () => void;

  /** Resolves once the slot holds a snapshot. */
  readonly ready: Promise<void> = new Promise((resolve) => (this.resolveReady = resolve));

  /** `events`: where the catalog's listeners hear the change events (the catalog itself). */
  constructor(private readonly events: EventTarget) {}

  get snapshot(): SnapshotInfo | null {
    return this.data?.info ?? null;
  }

  get size(): number {
    return this.data?.size ?? 0;
  }

  get(sorCode: string): SorUnit | undefined {
    return this.data?.get(sorCode);
  }

  dispatchEvent(event: Event): boolean {
    return this.events.dispatchEvent(event);
  }

  /** A new snapshot from units (checked: codes unique, parents present). */
  replaceUnits(units: readonly SorUnit[], options: SnapshotOptions): void {
    this.replace(new ListData(units, infoOf(options), options.names, options.searchIndex));
  }

  /** A new snapshot from a stored unit table: its units are made when first asked for. */
  replaceFromSource(source: UnitSource, options: SnapshotOptions & { names: NameTable }): void {
    this.replace(new StoredTableData(source, infoOf(options), options.names));
  }

  /** The snapshot answering now changed by a delta (without one to patch: `replaceUnits`). */
  applyChanges(units: readonly SorUnit[], changes: CatalogChanges, options: SnapshotOptions): void {
    const previous = this.data;
    if (!previous) {
      this.replaceUnits(units, options);
      return;
    }
    const data = dataAfterDelta(previous, units, changes, infoOf(options));
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
}
