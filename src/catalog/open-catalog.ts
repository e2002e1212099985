import { DEFAULT_SYNC_TIMEOUT } from '../store/sync.js';

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

/**
 * What a sync reads of the options of `SorCatalog.open` as it runs, every default filled in and
 * `src` made absolute (`persist`, `syncOnOpen` and `blockedTimeout` are read once, on open).
 */
export interface OpenSettings {
  manifestUrl: string;
  dbName: string;
  fetch: typeof fetch;
  compactAfter: number;
  timeout: number;
  staleRetryDelay: number;
}

/** How long a catalog waits before it syncs again after a stale manifest, by default (ms). */
const DEFAULT_STALE_RETRY_DELAY = 300_000;
const DEFAULT_COMPACT_AFTER = 7;

/** The default database name of a source: one per absolute manifest URL. */
export function defaultDbName(manifestUrl: string): string {
  return `sor-picker:${manifestUrl}`;
}

/** `src` as an absolute URL: relative to the page in a browser; in Node it must be absolute already. */
export function absoluteUrl(src: string | URL): string {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  return new URL(src, base).href;
}

/** The settings a sync of a catalog from `SorCatalog.open(options)` works with. */
export function openSettings(options: SorCatalogOpenOptions): OpenSettings {
  const manifestUrl = absoluteUrl(options.src);
  return {
    manifestUrl,
    dbName: options.dbName ?? defaultDbName(manifestUrl),
    // Called through a closure: a bare global `fetch` called as a method of another object throws.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    compactAfter: options.compactAfter ?? DEFAULT_COMPACT_AFTER,
    timeout: options.timeout ?? DEFAULT_SYNC_TIMEOUT,
    staleRetryDelay: options.staleRetryDelay ?? DEFAULT_STALE_RETRY_DELAY,
  };
}
