export { SorSyncError, SorStaleSnapshotError, type SnapshotAge, type SorSyncErrorCode } from './errors.js';
export {
  fetchUpdate,
  type SorSyncProgress,
  type SyncBase,
  type SyncSource,
  type SyncUpdate,
} from './sync.js';
export { SnapshotStore, type LoadedSnapshot, type CommitOptions } from './snapshot-store.js';
export { openSorDb, closeSorDb, type SorDb } from './database.js';
export {
  STORE_VERSION,
  type SorDbSchema,
  type StoredFile,
  type StoredFileRef,
  type StoredDeltaRef,
  type StoredSnapshotMeta,
} from './schema.js';
