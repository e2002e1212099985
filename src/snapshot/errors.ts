/** Thrown when a manifest or payload is not what the format says: names the field and unit index. */
export class SnapshotFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotFormatError';
  }
}

/** Thrown when a fetched file cannot be used: names the URL and, where known, status or hashes. */
export class SnapshotFetchError extends Error {
  readonly url: string;
  readonly status: number | null;

  constructor(message: string, url: string, status: number | null = null) {
    super(message);
    this.name = 'SnapshotFetchError';
    this.url = url;
    this.status = status;
  }
}
