import type { SnapshotInfo, SorUnit } from '../model/types.js';
import { SorSyncError } from '../store/errors.js';
import type { StoredSnapshotMeta } from '../store/schema.js';
import { SnapshotStore } from '../store/snapshot-store.js';
import { fetchUpdate, type SyncBase, type SyncChanges } from '../store/sync.js';
import { encodeUnitTable, sealUnitTable } from '../store/unit-table.js';
import { StoredUnits } from '../store/stored-units.js';
import { foldName, NAME_FOLDING_VERSION } from '../search/fold-name.js';
import { runInSlices, whenIdle } from '../util/slices.js';
import type { NameTable } from '../search/types.js';
import type { CatalogChanges, SnapshotOptions } from './catalog-data.js';
import {
  SorSyncCompleteEvent,
  SorSyncErrorEvent,
  SorSyncProgressEvent,
  SorSyncStartEvent,
  type SorSyncVia,
} from './events.js';
import { openSettings, type OpenSettings, type SorCatalogOpenOptions } from './open-catalog.js';
import { watchPersistence } from './persistence.js';
import { IDLE_STATUS, snapshotStatus, type SnapshotStatus, type SorCatalogStatus } from './status.js';

/**
 * What a sync needs of the catalog it feeds, and all it may do to it: read the snapshot answering
 * now, look a unit up in it, swap it, and fire the sync events. `SorCatalog.open` passes one in,
 * so the sync never imports the catalog and sees nothing of it beyond this.
 */
export interface SyncTarget {
  /** The snapshot answering now; null before any is loaded. */
  readonly snapshot: SnapshotInfo | null;
  readonly size: number;
  get(sorCode: string): SorUnit | undefined;
  /** Answer from these units (a new snapshot) from now on. */
  replaceUnits(units: readonly SorUnit[], options: SnapshotOptions): void;
  /** Answer from a stored unit table from now on: its units are made when first asked for. */
  replaceFromSource(source: StoredUnits, options: SnapshotOptions & { names: NameTable }): void;
  /** Answer from `units`, the snapshot answering now changed by a delta's `changes`. */
  applyChanges(units: readonly SorUnit[], changes: CatalogChanges, options: SnapshotOptions): void;
  /** Fires a sync event where the catalog's listeners hear it. */
  dispatchEvent(event: Event): boolean;
}

const noop = (): void => undefined;

// The sync's base: `units` read only when needed, so units of a stored table stay unmade till then.
function baseOf(meta: StoredSnapshotMeta, units: readonly SorUnit[] | StoredUnits): SyncBase {
  if (!(units instanceof StoredUnits)) return { meta, units };
  return {
    meta,
    get units() {
      return units.all();
    },
  };
}

type TabMessage = { type: 'snapshot'; snapshotId: string } | { type: 'cleared' };

/**
 * The sync side of a catalog from `SorCatalog.open`: loads the stored snapshot, runs the sync
 * protocol, stores what it downloads and swaps the catalog's units. Tabs coordinate through the
 * Web Locks API (one sync per database at a time: https://w3c.github.io/web-locks/) and a
 * `BroadcastChannel` (a tab that stored a new snapshot tells the others to switch to it).
 */
export class CatalogSync {
  /** Settles once the stored snapshot (if any) is loaded or found missing. */
  readonly opened: Promise<void>;
  /** The absolute URL of the manifest this catalog syncs from. */
  readonly manifestUrl: string;
  /** The IndexedDB database the snapshot is kept in. */
  readonly dbName: string;
  private readonly settings: OpenSettings;
  private store: SnapshotStore | null;
  private base: SyncBase | null = null;
  private running: Promise<void> | null = null;
  private generation = 0;
  private channel: BroadcastChannel | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private current: Omit<SorCatalogStatus, 'manifestUrl' | keyof SnapshotStatus> = {
    ...IDLE_STATUS,
    storage: 'indexeddb',
    persisted: 'unsupported',
  };

  constructor(
    private readonly catalog: SyncTarget,
    options: SorCatalogOpenOptions,
  ) {
    const settings = (this.settings = openSettings(options));
    this.manifestUrl = settings.manifestUrl;
    this.dbName = settings.dbName;
    this.store = new SnapshotStore(this.dbName, { blockedTimeout: options.blockedTimeout });
    this.opened = this.open(options.persist ?? true);
    if (options.syncOnOpen ?? true) {
      // A background sync: its failure is in `status` and the `sor-sync-error` event.
      void this.opened.then(() => this.sync().catch(() => undefined));
    }
  }

  /** The current status (a fresh object each time). */
  get status(): SorCatalogStatus {
    return {
      ...this.current,
      manifestUrl: this.manifestUrl,
      ...snapshotStatus(this.catalog.snapshot, this.catalog.size),
    };
  }

  /**
   * Syncs now. Resolves when the catalog holds the newest snapshot; rejects with a `SorSyncError`
   * (also fired as `sor-sync-error`) when it failed: the catalog keeps its snapshot. A call while
   * a sync runs joins that sync.
   */
  sync(): Promise<void> {
    this.running ??= this.opened.then(() => this.runSync());
    return this.running;
  }

  /** Deletes the stored data (the whole database). The catalog keeps answering from memory. */
  async clear(): Promise<void> {
    await this.opened;
    const store = this.store;
    if (!store) return;
    await this.locked(async () => {
      this.generation++;
      await store.destroy();
      this.base = null;
      this.current.lastSync = null;
      this.post({ type: 'cleared' });
    });
  }

  /** Stops listening to other tabs and cancels a scheduled retry. */
  close(): void {
    this.channel?.close();
    this.channel = null;
    this.scheduleRetry(null);
  }

  private async open(persist: boolean): Promise<void> {
    // Never awaited (a Firefox prompt can stay open forever); the status follows its answers.
    const storage = (globalThis.navigator as Navigator | undefined)?.storage;
    watchPersistence(storage, persist, (persisted) => (this.current.persisted = persisted));
    const store = this.store!;
    try {
      await store.open();
    } catch (error) {
      // IndexedDB unavailable (private mode, blocked by policy or by another tab's old version):
      // work from memory this session, and keep saying why after the syncs succeed.
      this.store = null;
      this.current.storage = 'memory';
      this.current.storageError = error as SorSyncError;
      this.current.lastError = error as SorSyncError;
      return;
    }
    try {
      await this.loadFromStore();
    } catch (error) {
      // A damaged stored snapshot: say so; the sync then downloads the full file.
      this.current.lastError = error as SorSyncError;
      this.current.state = 'error';
    }
    if (typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(`sor-picker:${this.dbName}`);
      this.channel.onmessage = (event: MessageEvent<TabMessage>) => void this.onTabMessage(event.data);
    }
  }

  // Reads the stored snapshot and answers from it, unless a newer state arrived meanwhile.
  private async loadFromStore(): Promise<boolean> {
    const store = this.store;
    if (!store) return false;
    const generation = ++this.generation;
    const loaded = await store.read();
    if (generation !== this.generation) return false;
    if (!loaded) {
      this.base = null;
      return false;
    }
    if (loaded.meta.snapshotId === this.base?.meta.snapshotId) {
      this.base = loaded;
      return false;
    }
    this.adopt(loaded.meta, loaded.stored ?? loaded.units);
    if (!loaded.stored) this.writeTableLater(loaded.meta.snapshotId, loaded.units);
    return true;
  }

  // `changes` (from a delta) patch the catalog when it answers from the snapshot they start at.
  // Units from a stored unit table stay unmade until asked for: the catalog makes them in the
  // background, and the sync needs them only to apply a delta.
  private adopt(
    meta: StoredSnapshotMeta,
    units: readonly SorUnit[] | StoredUnits,
    changes: SyncChanges | null = null,
  ): void {
    const options = { snapshotId: meta.snapshotId, sourceDate: meta.sourceDate };
    const patchable =
      changes !== null && this.base !== null && this.catalog.snapshot?.id === this.base.meta.snapshotId;
    this.base = baseOf(meta, units);
    this.current.lastSync = meta.lastSync;
    this.current.synthetic = meta.synthetic;
    if (units instanceof StoredUnits)
      this.catalog.replaceFromSource(units, { ...options, names: units.names });
    else if (patchable) this.catalog.applyChanges(units, changes, options);
    else this.catalog.replaceUnits(units, options);
  }

  // The base with the catalog's code index as its lookup, when the catalog answers from it, so a
  // delta need not index 100,000 units again. Should the catalog switch snapshot meanwhile, the
  // lookup throws: the delta is then given up for the full file, never applied to wrong units.
  private withLookup(base: SyncBase | null): SyncBase | null {
    const id = base?.meta.snapshotId;
    if (!base || this.catalog.snapshot?.id !== id) return base;
    return {
      meta: base.meta,
      // Not spread: the units of a stored table are made only if a delta needs them.
      get units() {
        return base.units;
      },
      lookup: (sorCode) => {
        if (this.catalog.snapshot?.id !== id) throw new Error(`snapshot ${id} was replaced during the sync`);
        return this.catalog.get(sorCode);
      },
    };
  }

  private async onTabMessage(message: TabMessage): Promise<void> {
    if (message.type !== 'snapshot' || message.snapshotId === this.base?.meta.snapshotId) return;
    try {
      if (await this.loadFromStore()) {
        this.current.lastError = null;
        this.catalog.dispatchEvent(new SorSyncCompleteEvent(this.catalog.snapshot, 'other-tab'));
      }
    } catch (error) {
      this.fail(error);
    }
  }

  private async runSync(): Promise<void> {
    this.current.state = 'syncing';
    this.current.progress = { bytes: 0, totalBytes: 0, units: 0 };
    this.catalog.dispatchEvent(new SorSyncStartEvent(this.manifestUrl));
    try {
      const via = await this.locked(() => this.syncOnce());
      // Done before the event: a listener that calls `sync()` again starts a new sync.
      this.running = null;
      this.current.state = 'idle';
      this.current.progress = null;
      this.current.lastError = null;
      this.scheduleRetry(null);
      this.catalog.dispatchEvent(new SorSyncCompleteEvent(this.catalog.snapshot, via));
    } catch (error) {
      this.running = null;
      const failure = this.fail(error);
      // The host is behind (a stale edge) or replays an old manifest: look again later by itself,
      // as it would not otherwise until the next page load.
      if (failure.code === 'stale') this.scheduleRetry(this.settings.staleRetryDelay);
      throw failure;
    }
    await this.compactIfDue();
  }

  // `delay` null: cancel the scheduled sync. The status says when the next one runs.
  private scheduleRetry(delay: number | null): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.current.retryAt = null;
    if (delay === null) return;
    this.current.retryAt = new Date(Date.now() + delay).toISOString();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      // Its failure is in `status` and the `sor-sync-error` event, as for the sync on open.
      this.sync().catch(noop);
    }, delay);
  }

  private fail(error: unknown): SorSyncError {
    const failure =
      error instanceof SorSyncError
        ? error
        : new SorSyncError(
            'storage',
            `sync of ${this.manifestUrl} failed: ${(error as Error).message}`,
            null,
            null,
            {
              cause: error,
            },
          );
    // "Offline" promises stored data to show: with nothing to answer from, a host that cannot be
    // reached (CORS, DNS, a timeout) on the first sync is an error.
    const unreachable = failure.code === 'network' || failure.code === 'timeout';
    this.current.state = unreachable && this.catalog.snapshot !== null ? 'offline' : 'error';
    this.current.progress = null;
    this.current.lastError = failure;
    this.catalog.dispatchEvent(new SorSyncErrorEvent(failure));
    return failure;
  }

  // Runs under the sync lock of this database, so two tabs never download and write at once.
  private async locked<T>(work: () => Promise<T>): Promise<T> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    if (!this.store || !locks) return work();
    return locks.request(`sor-picker:sync:${this.dbName}`, work) as Promise<T>;
  }

  private async syncOnce(): Promise<SorSyncVia> {
    const store = this.store;
    if (store) {
      // Another tab may have stored a newer snapshot while this one waited for the lock: start
      // from what is stored, which is also what the commit below expects to replace.
      const stored = await store.readMeta();
      if (!stored) this.base = null;
      else if (stored.snapshotId !== this.base?.meta.snapshotId) await this.loadFromStore();
    }
    const base = this.base;
    const update = await fetchUpdate(
      { manifestUrl: this.manifestUrl, fetch: this.settings.fetch, timeout: this.settings.timeout },
      this.withLookup(base),
      {
        onProgress: (progress) => {
          this.current.progress = progress;
          this.catalog.dispatchEvent(new SorSyncProgressEvent(progress));
        },
      },
    );
    const now = new Date().toISOString();
    if (update.kind === 'unchanged') {
      if (base) {
        await store?.touch(base.meta.snapshotId, update.etag, now);
        base.meta = { ...base.meta, etag: update.etag ?? base.meta.etag, lastSync: now };
      }
      this.current.lastSync = now;
      return 'unchanged';
    }
    if (store) {
      try {
        const written = await store.commit(update.meta, update.files, {
          expect: base?.meta.snapshotId ?? null,
        });
        if (!written) {
          // Only without Web Locks: another writer changed the store meanwhile. Take its snapshot.
          await this.loadFromStore();
          return 'other-tab';
        }
      } catch (error) {
        // Nothing was stored (the transaction rolled back). With no data at all, answer from the
        // verified download for this session rather than not at all; the next sync stores it.
        if (this.catalog.snapshot === null) {
          this.catalog.replaceUnits(update.units, {
            snapshotId: update.meta.snapshotId,
            sourceDate: update.meta.sourceDate,
          });
        }
        throw error;
      }
    }
    this.generation++;
    this.adopt(update.meta, update.units, update.changes);
    this.post({ type: 'snapshot', snapshotId: update.meta.snapshotId });
    this.writeTableLater(update.meta.snapshotId, update.units);
    return update.via;
  }

  // Off the critical path: the new units already answer; this only makes the next cold start
  // read one file instead of applying a long delta chain.
  private async compactIfDue(): Promise<void> {
    const base = this.base;
    if (!this.store || !base || base.meta.deltaFiles.length <= this.settings.compactAfter) return;
    try {
      const done = await this.store.compact(base.meta, base.units);
      if (done) {
        const meta = await this.store.readMeta();
        if (meta && meta.snapshotId === base.meta.snapshotId && this.base === base)
          this.base = baseOf(meta, base.units);
      }
    } catch (error) {
      // The stored snapshot is still whole (base + deltas); the next sync tries again. Say so.
      this.current.lastError = error instanceof SorSyncError ? error : this.fail(error);
    }
  }

  // Off the critical path, once the page is idle: the unit table lets the next cold start skip
  // gunzipping and decoding the files. Only a cache, so a failure (quota) is dropped: the stored
  // snapshot is whole either way, and the next load simply reads the files and tries again.
  private writeTableLater(snapshotId: string, units: readonly SorUnit[]): void {
    const store = this.store;
    if (!store) return;
    const current = () => this.base?.meta.snapshotId === snapshotId;
    whenIdle(() => {
      if (!current()) return;
      runInSlices(
        // With each name folded as the search folds it: a cold start then folds none.
        encodeUnitTable(units, snapshotId, { version: NAME_FOLDING_VERSION, fold: foldName }),
        8,
        (body) => {
          if (body && current())
            void sealUnitTable(body)
              .then((table) => store.writeTable(table))
              .catch(noop);
        },
        noop,
      );
    });
  }

  private post(message: TabMessage): void {
    this.channel?.postMessage(message);
  }
}
