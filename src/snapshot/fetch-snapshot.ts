import type { SorUnit } from '../model/types.js';
import { SnapshotFetchError } from './errors.js';
import type { SnapshotFileRef, SnapshotManifest } from './format.js';
import { decodeManifest } from './manifest.js';
import { decodeFullFile, parseJsonBytes } from './transport.js';

/** Options of `fetchSnapshot` and `fetchBytes`. */
export interface FetchSnapshotOptions {
  /** The fetch to use (tests inject one); defaults to the global `fetch`. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** Fetches a URL as bytes; a network failure or an HTTP error becomes a `SnapshotFetchError` naming URL and status. */
export async function fetchBytes(url: string, options: FetchSnapshotOptions = {}): Promise<Uint8Array> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, { signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new SnapshotFetchError(`${url}: network error (${(error as Error).message})`, url);
  }
  if (!response.ok) {
    throw new SnapshotFetchError(
      `${url}: HTTP ${response.status} ${response.statusText}`.trim(),
      url,
      response.status,
    );
  }
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new SnapshotFetchError(
      `${url}: download broke off (${(error as Error).message})`,
      url,
      response.status,
    );
  }
}

/** The absolute URL of a file the manifest lists (its URLs are relative to the manifest). */
export function resolveFileUrl(manifestUrl: string, ref: SnapshotFileRef): string {
  // Relative manifest URLs resolve against the page; in Node (no `location`) they must be absolute.
  const base = (globalThis as { location?: { href: string } }).location?.href;
  return new URL(ref.url, new URL(manifestUrl, base)).href;
}

/** Fetches and validates a manifest. */
export async function fetchManifest(
  manifestUrl: string,
  options: FetchSnapshotOptions = {},
): Promise<SnapshotManifest> {
  return decodeManifest(parseJsonBytes(await fetchBytes(manifestUrl, options), manifestUrl));
}

/**
 * Loads a whole snapshot: the manifest, then the full payload, verified against the manifest's
 * SHA-256 before a byte is used, gunzipped and decoded. The demo calls this; the sync reuses the parts.
 */
export async function fetchSnapshot(
  manifestUrl: string,
  options: FetchSnapshotOptions = {},
): Promise<{ manifest: SnapshotManifest; units: SorUnit[] }> {
  const manifest = await fetchManifest(manifestUrl, options);
  const url = resolveFileUrl(manifestUrl, manifest.full);
  const units = await decodeFullFile(await fetchBytes(url, options), manifest.full, url);
  return { manifest, units };
}
