import type { SnapshotInfo } from '../model/types.js';
import type { SorSyncError } from '../store/errors.js';
import type { SorSyncProgress } from '../store/sync.js';

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

/** The part of a status that says which snapshot answers: read from the catalog each time. */
export type SnapshotStatus = Pick<SorCatalogStatus, 'snapshotId' | 'sourceDate' | 'unitCount'>;

/** The snapshot fields of a status: the snapshot answering now (null before any) and its unit count. */
export function snapshotStatus(snapshot: SnapshotInfo | null, unitCount: number): SnapshotStatus {
  return { snapshotId: snapshot?.id ?? null, sourceDate: snapshot?.sourceDate ?? null, unitCount };
}

/** What a status says before anything happened: idle, never synced, nothing failed (copy it before changing it). */
export const IDLE_STATUS: Readonly<
  Omit<SorCatalogStatus, 'manifestUrl' | 'storage' | 'persisted' | keyof SnapshotStatus>
> = {
  state: 'idle',
  lastSync: null,
  lastError: null,
  retryAt: null,
  storageError: null,
  progress: null,
  synthetic: false,
};

/** The status of a catalog made by `fromUnits`: in memory, never syncing. */
export function inMemoryStatus(snapshot: SnapshotInfo | null, unitCount: number): SorCatalogStatus {
  return {
    ...IDLE_STATUS,
    manifestUrl: null,
    storage: 'memory',
    persisted: false,
    ...snapshotStatus(snapshot, unitCount),
  };
}
