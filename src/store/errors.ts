/**
 * What part of a sync failed:
 * - `network`: the host could not be reached, or a download broke off;
 * - `timeout`: the host gave no answer, or no further bytes, within the catalog's `timeout`
 *   (the request was aborted);
 * - `http`: the host answered with an HTTP error status;
 * - `integrity`: a file's SHA-256 does not match the manifest (truncated or altered);
 * - `format`: a file is not what the snapshot format says (bad gzip, bad JSON, unknown version,
 *   a delta that does not fit the stored snapshot);
 * - `stale`: the manifest offers a snapshot older than the one held (a stale CDN edge, a replayed
 *   file) and does not declare a rollback; see `SorStaleSnapshotError`;
 * - `storage`: IndexedDB refused the write (quota exceeded, unavailable, an upgrade blocked by
 *   another tab) or could not be read.
 */
export type SorSyncErrorCode = 'network' | 'timeout' | 'http' | 'integrity' | 'format' | 'stale' | 'storage';

/**
 * A sync that failed. The message names what failed (URL, HTTP status, expected vs actual hash);
 * `url` and `status` carry the same facts for code. The stored snapshot is left as it was.
 */
export class SorSyncError extends Error {
  override name = 'SorSyncError';
  constructor(
    readonly code: SorSyncErrorCode,
    message: string,
    /** The URL of the file that failed, or null when the failure was not a download (storage). */
    readonly url: string | null = null,
    /** The HTTP status when the host answered with an HTTP error status, else null. */
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Which snapshot, by the dates that order snapshots in time. */
export interface SnapshotAge {
  id: string;
  /** The export's `SnapshotDate`. */
  sourceDate: string;
  /** When the snapshot was built (the manifest's `createdAt`); null when not known (stored by an older version). */
  createdAt: string | null;
}

/**
 * A sync refused because the manifest offers a snapshot older than the one held — by export date,
 * or by build time on the same export date — without declaring a rollback (`"rollback": true`,
 * built after the held snapshot). The held snapshot stays stored and answering; the catalog
 * syncs again by itself after `staleRetryDelay`.
 */
export class SorStaleSnapshotError extends SorSyncError {
  override name = 'SorStaleSnapshotError';
  constructor(
    url: string,
    /** The snapshot held (stored, or in memory) and kept. */
    readonly stored: SnapshotAge,
    /** The older snapshot the manifest offered. */
    readonly offered: SnapshotAge,
  ) {
    super(
      'stale',
      `${url}: offers snapshot ${offered.id} (export ${offered.sourceDate}, built ${offered.createdAt ?? 'unknown'}), ` +
        `older than the stored ${stored.id} (export ${stored.sourceDate}, built ${stored.createdAt ?? 'unknown'}); ` +
        'kept the stored snapshot (a deliberate rollback must say "rollback": true in the manifest)',
      url,
    );
  }
}
