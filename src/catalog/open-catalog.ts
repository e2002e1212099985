import type { SorUnit } from '../model/types.js';
import { SorSyncError } from '../store/errors.js';
import type { StoredSnapshotMeta } from '../store/schema.js';
import { SnapshotStore } from '../store/snapshot-store.js';
import {
  DEFAULT_SYNC_TIMEOUT,
  fetchUpdate,
  type SorSyncProgress,
  type SyncBase,
  type SyncChanges,
} from '../store/sync.js';
import { encodeUnitTable, sealUnitTable, StoredUnits } from '../store/unit-table.js';
import { foldName, NAME_FOLDING_VERSION } from '../search/fold-name.js';
import { runInSlices, whenIdle } from '../util/slices.js';
import type { SorCatalog } from './catalog.js';
import {
  SorSyncCompleteEvent,
  SorSyncErrorEvent,
  SorSyncProgressEvent,
  SorSyncStartEvent,
  type SorSyncVia,
} from './events.js';

/** Options of `SorCatalog.open`. */
export interface SorCatalogOpenOptions {
  /** URL of the snapshot's `manifest.json` (relative URLs resolve against the page). */
  src: string | URL;
  /**
   * The IndexedDB database to keep the snapshot in. Defaults to one per absolute `src`, so
   * catalogs of different sources on one page never share data.
   */
  dbName?: string;
  /** The fetch to download with (tests and proxies inject one); defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * Ask the browser to keep the stored snapshot under storage pressure (`navigator.storage.persist()`).
   * Default true. Asked in the background and never waited for: Firefox answers only through a
   * permission prompt, so pass `false` where a prompt at page load is unwelcome (`status.persisted`
   * then still reports whether the storage is persistent).
   */
  persist?: boolean;
  /** Start a sync in the background as soon as the catalog is open. Default true. */
  syncOnOpen?: boolean;
  /** Fold the stored deltas into a new full file once more than this many are stored. Default 7. */
  compactAfter?: number;
  /**
   * Milliseconds a request of the sync (manifest, full file, delta) may go without an answer or
   * without a further byte before it is aborted and the sync fails with a `timeout` error (the
   * cross-tab sync lock is released). Progress is timed, not the whole download, so a slow but
   * moving download is never cut off. Default 30 000.
   */
  timeout?: number;
  /**
   * Milliseconds to wait for another tab that keeps an older version of the database open (and
   * ignores `versionchange`) before working from memory for this session, with the reason in
   * `status.storageError`. Default 5 000.
   */
  blockedTimeout?: number;
  /**
   * Milliseconds after which a catalog syncs again by itself when the host offered a snapshot
   * older than the one held (a `stale` error: a stale CDN edge, a replayed manifest). Default
   * 300 000 (5 minutes).
   */
  staleRetryDelay?: number;
}

/** How long a catalog waits before it syncs again after a stale manifest, by default (ms). */
const DEFAULT_STALE_RETRY_DELAY = 300_000;

/**
 * What a catalog is doing. `offline`: the last sync could not reach the host (network error or
 * timeout) and the catalog answers from the snapshot it holds. `error`: the last sync failed
 * otherwise, or failed with nothing to answer from (a first sync that could not reach the host is
 * an error, not "offline"); `lastError` says why.
 */
export type SorSyncState = 'idle' | 'syncing' | 'offline' | 'error';

/** The sync state of a catalog, as `catalog.status` gives it. */
export interface SorCatalogStatus {
  state: SorSyncState;
  /** The absolute URL of the manifest the catalog syncs from; null for a `fromUnits` catalog (nothing to sync). */
  manifestUrl: string | null;
  /** The snapshot the catalog answers from, or null before any is loaded. */
  snapshotId: string | null;
  sourceDate: string | null;
  unitCount: number;
  /** When a sync last succeeded (ISO date-time), also in an earlier session; null if never. */
  lastSync: string | null;
  /** Why the last sync failed; null after a sync that succeeded. */
  lastError: SorSyncError | null;
  /**
   * When the catalog syncs again by itself (ISO date-time): set after a `stale` error (the host
   * offered an older snapshot); null when no sync is scheduled.
   */
  retryAt: string | null;
  /** Where the snapshot is kept: `memory` when IndexedDB is unavailable (private mode, blocked) or for `fromUnits`. */
  storage: 'indexeddb' | 'memory';
  /**
   * Why `storage` is `memory` for a catalog from `open`: IndexedDB unavailable, or its upgrade
   * blocked by another tab past `blockedTimeout`. Null while IndexedDB is used.
   */
  storageError: SorSyncError | null;
  /**
   * Whether the browser keeps the stored snapshot under storage pressure: `navigator.storage.persisted()`
   * at first, then the answer to `persist()` whenever it comes (Firefox asks the user first);
   * `'unsupported'` where the browser has neither (WebKit without the Storage API, insecure contexts).
   */
  persisted: boolean | 'unsupported';
  /** How far the running sync has come; null when no sync runs. */
  progress: SorSyncProgress | null;
  /** True when the manifest marks the data as synthetic (generated, not a real SOR export). */
  synthetic: boolean;
}

/** The status of a catalog made by `fromUnits`: in memory, never syncing. */
export function inMemoryStatus(catalog: SorCatalog): SorCatalogStatus {
  return {
    state: 'idle',
    manifestUrl: null,
    snapshotId: catalog.snapshot?.id ?? null,
    sourceDate: catalog.snapshot?.sourceDate ?? null,
    unitCount: catalog.size,
    lastSync: null,
    lastError: null,
    retryAt: null,
    storage: 'memory',
    storageError: null,
    persisted: false,
    progress: null,
    synthetic: false,
  };
}

/** The default database name of a source: one per absolute manifest URL. */
export function defaultDbName(manifestUrl: string): string {
  return `sor-picker:${manifestUrl}`;
}

function absoluteUrl(src: string | URL): string {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  return new URL(src, base).href;
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
  readonly manifestUrl: string;
  readonly dbName: string;
  /** Settles once the stored snapshot (if any) is loaded or found missing. */
  readonly opened: Promise<void>;
  private store: SnapshotStore | null;
  private base: SyncBase | null = null;
  private running: Promise<void> | null = null;
  private generation = 0;
  private channel: BroadcastChannel | null = null;
  private readonly fetchFn: typeof fetch;
  private readonly compactAfter: number;
  private readonly timeout: number;
  private readonly staleRetryDelay: number;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private current: Omit<SorCatalogStatus, 'manifestUrl' | 'snapshotId' | 'sourceDate' | 'unitCount'> = {
    state: 'idle',
    lastSync: null,
    lastError: null,
    retryAt: null,
    storage: 'indexeddb',
    storageError: null,
    persisted: 'unsupported',
    progress: null,
    synthetic: false,
  };

  constructor(
    private readonly catalog: SorCatalog,
    options: SorCatalogOpenOptions,
  ) {
    this.manifestUrl = absoluteUrl(options.src);
    this.dbName = options.dbName ?? defaultDbName(this.manifestUrl);
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.compactAfter = options.compactAfter ?? 7;
    this.timeout = options.timeout ?? DEFAULT_SYNC_TIMEOUT;
    this.staleRetryDelay = options.staleRetryDelay ?? DEFAULT_STALE_RETRY_DELAY;
    this.store = new SnapshotStore(this.dbName, { blockedTimeout: options.blockedTimeout });
    this.opened = this.open(options.persist ?? true);
    if (options.syncOnOpen ?? true) {
      // A background sync: its failure is in `status` and the `sor-sync-error` event.
      void this.opened.then(() => this.sync().catch(() => undefined));
    }
  }

  /** The current status (a fresh object each time). */
  get status(): SorCatalogStatus {
    const snapshot = this.catalog.snapshot;
    return {
      ...this.current,
      manifestUrl: this.manifestUrl,
      snapshotId: snapshot?.id ?? null,
      sourceDate: snapshot?.sourceDate ?? null,
      unitCount: this.catalog.size,
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
    this.askPersistenceInBackground(persist);
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
      if (failure.code === 'stale') this.scheduleRetry(this.staleRetryDelay);
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
    this.current.state = unreachable && this.catalog.isReady ? 'offline' : 'error';
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
      { manifestUrl: this.manifestUrl, fetch: this.fetchFn, timeout: this.timeout },
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
        if (!this.catalog.isReady) {
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
    if (!this.store || !base || base.meta.deltaFiles.length <= this.compactAfter) return;
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

  // Never awaited: Firefox answers `persist()` only through a permission prompt, which stays open
  // until someone clicks (forever on an unattended screen), and the first sync must not wait on it.
  // `persisted()` never prompts; `persist()` is asked only when the storage is not persistent yet.
  private askPersistenceInBackground(ask: boolean): void {
    const storage = (globalThis.navigator as Navigator | undefined)?.storage;
    if (typeof storage?.persisted !== 'function') return;
    const land = (persisted: boolean) => {
      this.current.persisted = persisted;
      return persisted;
    };
    storage
      .persisted()
      .then(land)
      .then((persisted) => {
        if (!persisted && ask && typeof storage.persist === 'function') return storage.persist().then(land);
      })
      // Some browsers reject outside a secure context: the status keeps what it last knew.
      .catch(noop);
  }

  private post(message: TabMessage): void {
    this.channel?.postMessage(message);
  }
}
