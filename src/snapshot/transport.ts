import type { SorUnit } from '../model/types.js';
import { decodeFull, sha256Hex } from './codec.js';
import { decodeDelta } from './delta.js';
import { SnapshotFetchError, SnapshotFormatError } from './errors.js';
import type { DeltaPayload, SnapshotDecodedRef, SnapshotDeltaRef, SnapshotFileRef } from './format.js';

/**
 * How far a payload may inflate when its manifest gives no `decoded.bytes` (sor-snapshot 0.1), as
 * a multiple of its gzip size. The columnar JSON compresses about 6:1 and plain unit JSON about
 * 10:1; deflate can reach 1000:1, which is what a gzip bomb uses.
 */
export const MAX_INFLATE_RATIO = 64;
const MIN_INFLATE_LIMIT = 1 << 20;

/** True when bytes begin with gzip's magic number (RFC 1952: `1f 8b`). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The most bytes a payload may inflate to: exactly `decoded.bytes` where the manifest gives it,
 * else `MAX_INFLATE_RATIO` times its gzip size (at least 1 MiB).
 */
export function inflateLimit(ref: SnapshotFileRef): number {
  return ref.decoded?.bytes ?? Math.max(MIN_INFLATE_LIMIT, ref.bytes * MAX_INFLATE_RATIO);
}

function mismatch(url: string, expected: string, actual: string, size: number, declared: number): string {
  return `${url}: SHA-256 mismatch: expected ${expected}, got ${actual} (${size} bytes, manifest says ${declared})`;
}

/**
 * Checks bytes against the SHA-256 and size the manifest gives for the file as stored (gzip),
 * before any byte is used. Throws a `SnapshotFetchError` naming the URL and the expected and
 * actual hash.
 */
export async function verifyFile(
  bytes: Uint8Array,
  ref: SnapshotFileRef,
  url: string = ref.url,
): Promise<void> {
  const actual = await sha256Hex(bytes);
  if (actual !== ref.sha256)
    throw new SnapshotFetchError(mismatch(url, ref.sha256, actual, bytes.byteLength, ref.bytes), url);
}

async function verifyDecoded(json: Uint8Array, decoded: SnapshotDecodedRef, url: string): Promise<void> {
  const actual = await sha256Hex(json);
  if (actual !== decoded.sha256) {
    throw new SnapshotFetchError(
      `${url}: SHA-256 mismatch of the decompressed payload: expected ${decoded.sha256}, got ${actual} (${json.byteLength} bytes, manifest says ${decoded.bytes})`,
      url,
    );
  }
}

/**
 * Gunzips bytes with `DecompressionStream('gzip')` (browsers and Node 20), reading no more than
 * `limit` bytes of output: past it the stream is cancelled and a `SnapshotFetchError` says so, so
 * a gzip bomb never fills the tab's memory. A damaged gzip stream is a `SnapshotFormatError`.
 */
export async function gunzip(
  bytes: Uint8Array,
  limit = Number.MAX_SAFE_INTEGER,
  url = 'payload',
): Promise<Uint8Array> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.byteLength;
      if (length > limit) {
        await reader.cancel();
        throw new SnapshotFetchError(
          `${url}: inflates to more than ${limit} bytes, the most its manifest entry allows; refused (a damaged or hostile file)`,
          url,
        );
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof SnapshotFetchError) throw error;
    throw new SnapshotFormatError(`${url}: not a valid gzip file (${(error as Error).message})`);
  }
  return concatBytes(chunks, length);
}

/** Joins chunks into one array (the one chunk itself when there is only one). */
export function concatBytes(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * A payload's verified JSON bytes, whatever a server did to the file on the way:
 * - the gzip file as stored (its SHA-256 matches): inflated, at most to `decoded.bytes`;
 * - already decompressed by the browser (the server sent `Content-Encoding: gzip`; no gzip magic
 *   number): checked against the manifest's `decoded` SHA-256;
 * - gzip, but other bytes (a server or CDN compressed the JSON anew): inflated, at most to
 *   `decoded.bytes`, and checked against `decoded`.
 * A changed byte fails one of the hashes. Throws a `SnapshotFetchError` when the bytes are not the
 * manifest's, a `SnapshotFormatError` when the stored file itself is not valid gzip.
 */
export async function openPayload(
  bytes: Uint8Array,
  ref: SnapshotFileRef,
  url: string = ref.url,
): Promise<Uint8Array> {
  const { decoded } = ref;
  if (!isGzip(bytes)) {
    if (!decoded) {
      throw new SnapshotFetchError(
        `${url}: arrived decompressed (${bytes.byteLength} bytes, no gzip header; the server sends it with "Content-Encoding: gzip"), and the manifest, from an older sor-snapshot, has no hash of the decompressed payload to check it against: rebuild the snapshot with the current sor-snapshot, or serve .gz files without Content-Encoding (README, "Hosting the snapshot")`,
        url,
      );
    }
    await verifyDecoded(bytes, decoded, url);
    return bytes;
  }
  const actual = await sha256Hex(bytes);
  if (actual === ref.sha256) {
    // The stored file: its hash covers the JSON inside, so the inflated bytes need no second hash.
    const json = await gunzip(bytes, inflateLimit(ref), url);
    if (decoded && json.byteLength !== decoded.bytes) {
      throw new SnapshotFetchError(
        `${url}: inflates to ${json.byteLength} bytes; the manifest says ${decoded.bytes}`,
        url,
      );
    }
    return json;
  }
  const storedMismatch = mismatch(url, ref.sha256, actual, bytes.byteLength, ref.bytes);
  if (!decoded) throw new SnapshotFetchError(storedMismatch, url);
  // Gzip, but not the stored bytes: a server may have compressed the JSON anew. What it inflates
  // to must then be the manifest's JSON, byte for byte.
  let json: Uint8Array;
  try {
    json = await gunzip(bytes, decoded.bytes, url);
    await verifyDecoded(json, decoded, url);
  } catch (error) {
    throw new SnapshotFetchError(
      `${storedMismatch}; nor does it inflate to the JSON the manifest describes (${(error as Error).message})`,
      url,
    );
  }
  return json;
}

/** Parses UTF-8 JSON bytes; a parse error becomes a `SnapshotFormatError` naming `what`. */
export function parseJsonBytes(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new SnapshotFormatError(`${what}: not valid UTF-8 JSON (${(error as Error).message})`);
  }
}

/**
 * Decodes a parsed full payload; when `snapshotId` is given (the manifest's `id`), the payload
 * must be that snapshot, so a manifest cannot pair one snapshot's id with another's units.
 */
export function decodeFullJson(json: unknown, url: string, snapshotId?: string): SorUnit[] {
  const units = decodeFull(json);
  const id = (json as { id: unknown }).id;
  if (snapshotId !== undefined && id !== snapshotId) {
    throw new SnapshotFormatError(
      `${url}: the payload is snapshot ${JSON.stringify(id)}; the manifest announces ${snapshotId}`,
    );
  }
  return units;
}

/** Decodes a parsed delta payload; it must lead from the `from` to the `to` its manifest entry names. */
export function decodeDeltaJson(
  json: unknown,
  url: string,
  ends: Partial<Pick<SnapshotDeltaRef, 'from' | 'to'>> = {},
): DeltaPayload {
  const delta = decodeDelta(json);
  if (
    (ends.from !== undefined && delta.from !== ends.from) ||
    (ends.to !== undefined && delta.to !== ends.to)
  ) {
    throw new SnapshotFormatError(
      `${url}: the delta leads from ${delta.from} to ${delta.to}; the manifest says from ${ends.from} to ${ends.to}`,
    );
  }
  return delta;
}

/**
 * Bytes of a full payload file → units, verified (see `openPayload`). `snapshotId`: the manifest's
 * `id`, which the payload must carry.
 */
export async function decodeFullFile(
  bytes: Uint8Array,
  ref: SnapshotFileRef,
  url: string = ref.url,
  snapshotId?: string,
): Promise<SorUnit[]> {
  return decodeFullJson(parseJsonBytes(await openPayload(bytes, ref, url), url), url, snapshotId);
}

/** Bytes of a delta payload file → the validated delta, verified (see `openPayload`). */
export async function decodeDeltaFile(
  bytes: Uint8Array,
  ref: SnapshotFileRef & Partial<Pick<SnapshotDeltaRef, 'from' | 'to'>>,
  url: string = ref.url,
): Promise<DeltaPayload> {
  return decodeDeltaJson(parseJsonBytes(await openPayload(bytes, ref, url), url), url, ref);
}
