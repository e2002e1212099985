/** Thrown when a manifest or payload is not what the format says: names the field and unit index. */
export class SnapshotFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotFormatError';
  }
}

/**
 * Why a fetched file could not be used:
 * - `network`: the host could not be reached (or would not let this page read it: CORS), or the
 *   download broke off;
 * - `http`: the host answered with an HTTP error status;
 * - `integrity`: the bytes are not the ones the manifest describes (hash, size, or more bytes than
 *   declared, arriving or inflating).
 */
export type SnapshotFetchFailure = 'network' | 'http' | 'integrity';

/** Thrown when a fetched file cannot be used: names the URL and, where known, status or hashes. */
export class SnapshotFetchError extends Error {
  readonly url: string;
  readonly status: number | null;
  readonly reason: SnapshotFetchFailure;

  constructor(
    message: string,
    url: string,
    status: number | null = null,
    reason: SnapshotFetchFailure = 'integrity',
  ) {
    super(message);
    this.name = 'SnapshotFetchError';
    this.url = url;
    this.status = status;
    this.reason = reason;
  }
}
