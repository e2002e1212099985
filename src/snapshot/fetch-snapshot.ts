import type { SorUnit } from '../model/types.js';
import { SnapshotFetchError } from './errors.js';
import type { SnapshotFileRef, SnapshotManifest } from './format.js';
import { decodeManifest } from './manifest.js';
import { concatBytes, decodeFullFile, inflateLimit, isGzip, parseJsonBytes } from './transport.js';

/** Options of `fetchSnapshot` and `fetchBytes`. */
export interface FetchSnapshotOptions {
  /** The fetch to use (tests inject one); defaults to the global `fetch`. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/**
 * The most bytes a `manifest.json` may have. A manifest is a few hundred bytes plus about 300 per
 * delta it lists; anything near this is not a manifest.
 */
export const MANIFEST_MAX_BYTES = 4 << 20;

/**
 * How many bytes a body may have: a number, or one decided from its first bytes (a payload may
 * arrive as stored or decompressed by the server, see `payloadByteLimit`); it may throw to refuse.
 */
export type ByteLimit = number | ((head: Uint8Array) => number);

/** Options of `readBody`. */
export interface ReadBodyOptions {
  /** Reading stops with a `SnapshotFetchError` (`integrity`) once more bytes arrive. */
  maxBytes?: ByteLimit;
  /** Called with each chunk's size as it arrives, so a progress bar can move. */
  onBytes?: (count: number) => void;
}

function pageOrigin(): string | null {
  return (globalThis as { location?: { origin?: string } }).location?.origin ?? null;
}

/**
 * True when `url` is on another origin than the page (false outside a browser page): such a
 * request is subject to CORS.
 */
export function isCrossOrigin(url: string): boolean {
  const page = pageOrigin();
  if (!page || page === 'null') return false;
  try {
    return new URL(url, page).origin !== page;
  } catch {
    return false;
  }
}

/**
 * What to say when `fetch` itself failed (it rejects with a bare `TypeError: Failed to fetch`).
 * A browser does not tell a script why, and a host on another origin that sends no
 * `Access-Control-Allow-Origin` fails exactly like one that is down; so for a cross-origin URL the
 * message names CORS and the header to add, beside the host being unreachable.
 */
export function networkFailureMessage(url: string, error: unknown): string {
  const detail = (error as Error | undefined)?.message ?? String(error);
  if (isCrossOrigin(url)) {
    const page = pageOrigin();
    return `${url}: the request failed (${detail}). The snapshot host ${new URL(url, page ?? undefined).origin} is another origin than this page (${page}): either it is unreachable, or it does not allow this page to read it (CORS): its responses must carry "Access-Control-Allow-Origin: ${page}" (or "*"); see "Hosting the snapshot" in the sor-picker README`;
  }
  return `${url}: network error (${detail})`;
}

/**
 * The limit `readBody` should hold a payload download to: the stored size for a gzip body; for a
 * body the server decompressed (`Content-Encoding: gzip`, no gzip magic number), the decoded size
 * where the manifest gives it. A server that compresses the JSON anew may send a few bytes more
 * than stored, but never more than the JSON itself plus gzip's framing.
 */
export function payloadByteLimit(ref: SnapshotFileRef): (head: Uint8Array) => number {
  const decoded = ref.decoded?.bytes;
  return (head) => {
    if (isGzip(head)) return decoded === undefined ? ref.bytes : Math.max(ref.bytes, decoded + 1024);
    // Without `decoded` a decompressed body cannot be verified: `openPayload` says why, once read.
    return inflateLimit(ref);
  };
}

/**
 * Reads a response body chunk by chunk, holding it to `maxBytes`: once more arrive, the download
 * is cancelled and a `SnapshotFetchError` (`integrity`) names URL and limit, so a host that sends
 * far more than the manifest declares costs no more than the declared bytes. A body that breaks
 * off is a `SnapshotFetchError` (`network`).
 */
export async function readBody(
  response: Response,
  url: string,
  options: ReadBodyOptions = {},
): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const { maxBytes = Number.MAX_SAFE_INTEGER, onBytes } = options;
  let limit = typeof maxBytes === 'number' ? maxBytes : null;
  const chunks: Uint8Array[] = [];
  let length = 0;
  const tooMany = () =>
    new SnapshotFetchError(
      `${url}: more than ${limit} bytes arrive, more than the manifest declares; the download was stopped`,
      url,
      response.status,
    );
  const decideLimit = (): number => {
    if (limit === null) limit = (maxBytes as (head: Uint8Array) => number)(concatBytes(chunks, length));
    return limit;
  };
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new SnapshotFetchError(
        `${url}: download broke off after ${length} bytes (${(error as Error).message})`,
        url,
        response.status,
        'network',
      );
    }
    if (chunk.done) break;
    chunks.push(chunk.value);
    length += chunk.value.byteLength;
    onBytes?.(chunk.value.byteLength);
    // The first two bytes decide a payload's limit (gzip magic number or not).
    if (limit === null && length < 2) continue;
    if (length > decideLimit()) {
      await reader.cancel().catch(() => undefined);
      throw tooMany();
    }
  }
  if (length > decideLimit()) throw tooMany();
  return concatBytes(chunks, length);
}

/**
 * Fetches a URL as bytes; a network failure or an HTTP error becomes a `SnapshotFetchError`
 * naming URL and status (and CORS, for a cross-origin URL the browser would not read).
 */
export async function fetchBytes(
  url: string,
  options: FetchSnapshotOptions & { maxBytes?: ByteLimit } = {},
): Promise<Uint8Array> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, { signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new SnapshotFetchError(networkFailureMessage(url, error), url, null, 'network');
  }
  if (!response.ok) {
    throw new SnapshotFetchError(
      `${url}: HTTP ${response.status} ${response.statusText}`.trim(),
      url,
      response.status,
      'http',
    );
  }
  return readBody(response, url, { maxBytes: options.maxBytes });
}

/** The absolute URL of a file the manifest lists (a file name beside the manifest). */
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
  const bytes = await fetchBytes(manifestUrl, { ...options, maxBytes: MANIFEST_MAX_BYTES });
  return decodeManifest(parseJsonBytes(bytes, manifestUrl));
}

/**
 * Loads a whole snapshot: the manifest, then the full payload, verified against the manifest's
 * SHA-256 before a byte is used (see `openPayload`), gunzipped and decoded. The demo calls this;
 * the sync reuses the parts.
 */
export async function fetchSnapshot(
  manifestUrl: string,
  options: FetchSnapshotOptions = {},
): Promise<{ manifest: SnapshotManifest; units: SorUnit[] }> {
  const manifest = await fetchManifest(manifestUrl, options);
  const url = resolveFileUrl(manifestUrl, manifest.full);
  const bytes = await fetchBytes(url, { ...options, maxBytes: payloadByteLimit(manifest.full) });
  const units = await decodeFullFile(bytes, manifest.full, url, manifest.id);
  return { manifest, units };
}
