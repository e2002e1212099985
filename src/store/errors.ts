/**
 * What part of a sync failed:
 * - `network`: the host could not be reached, or a download broke off;
 * - `http`: the host answered with an HTTP error status;
 * - `integrity`: a file's SHA-256 does not match the manifest (truncated or altered);
 * - `format`: a file is not what the snapshot format says (bad gzip, bad JSON, unknown version,
 *   a delta that does not fit the stored snapshot);
 * - `storage`: IndexedDB refused the write (quota exceeded, unavailable) or could not be read.
 */
export type SorSyncErrorCode = 'network' | 'http' | 'integrity' | 'format' | 'storage';

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
    /** The HTTP status when the host answered with an error, else null. */
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
