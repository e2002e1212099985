import type { DBSchema } from 'idb';
import type { SnapshotDecodedRef } from '../snapshot/format.js';
import type { UnitTable } from './unit-table.js';

/** The IndexedDB schema version this code opens; raise it and add a step to the upgrade ladder. */
export const STORE_VERSION = 2;

/** One payload file as stored: where it came from, its size and SHA-256 (as the manifest gave them). */
export interface StoredFileRef {
  /** The absolute URL the file was downloaded from (or `compacted:<id>` for a base rewritten here). */
  url: string;
  bytes: number;
  sha256: string;
  /** The JSON's size and hash, where the manifest gave them: a file stored as it arrived decompressed verifies by them. */
  decoded?: SnapshotDecodedRef;
}

/** A stored delta file: the changes from snapshot `from` to snapshot `to`. */
export interface StoredDeltaRef extends StoredFileRef {
  from: string;
  to: string;
}

/**
 * The `current` record: which files make up the stored snapshot. A reader gunzips and decodes
 * `baseFile`, then applies `deltaFiles` in order. Written in the same transaction as the files it
 * names, so it never points at a file that is not there.
 */
export interface StoredSnapshotMeta {
  manifestUrl: string;
  snapshotId: string;
  sourceDate: string;
  /**
   * When the snapshot was built (the manifest's `createdAt`), so a sync can refuse an older one.
   * Absent in records stored before the client kept it: then only `sourceDate` orders snapshots.
   */
  createdAt?: string;
  unitCount: number;
  baseFile: StoredFileRef;
  /** Deltas on top of `baseFile`, oldest first. */
  deltaFiles: StoredDeltaRef[];
  /** The manifest's ETag, sent back as `If-None-Match` on the next sync. */
  etag: string | null;
  /** When the last sync succeeded (ISO date-time). */
  lastSync: string;
  /** True when the manifest said the data is synthetic (made by the generator). */
  synthetic: boolean;
}

/** One stored file: the verified bytes exactly as downloaded (gzip, or JSON where the server decompressed it). */
export interface StoredFile {
  sha256: string;
  bytes: Uint8Array;
}

/**
 * The database of one snapshot source. Log-structured: one record per payload file (a full file
 * of 100k units is one ~1–2 MB record; a nightly delta is one small record), plus one `current`
 * record naming them. One record per unit was measured at 5–11 s for 100k units (TOOLCHAIN.md).
 */
export interface SorDbSchema extends DBSchema {
  /** Payload files keyed by their SHA-256 (content-addressed, so a file is never stored twice). */
  files: { key: string; value: StoredFile };
  /** `current` → the stored snapshot. */
  meta: { key: 'current'; value: StoredSnapshotMeta };
  /**
   * Since version 2: the decoded units of the current snapshot, keyed by its id, for a fast cold
   * start (see `UnitTable`). Derived from `files`; at most one record, never the source of truth.
   */
  tables: { key: string; value: UnitTable };
}
