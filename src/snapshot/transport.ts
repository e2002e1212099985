import type { SorUnit } from '../model/types.js';
import { decodeFull, sha256Hex } from './codec.js';
import { decodeDelta } from './delta.js';
import { SnapshotFetchError, SnapshotFormatError } from './errors.js';
import type { DeltaPayload, SnapshotFileRef } from './format.js';

/**
 * Checks bytes against the SHA-256 and size the manifest gives, before any byte is used.
 * Throws a `SnapshotFetchError` naming the URL and the expected and actual hash.
 */
export async function verifyFile(
  bytes: Uint8Array,
  ref: SnapshotFileRef,
  url: string = ref.url,
): Promise<void> {
  const actual = await sha256Hex(bytes);
  if (actual !== ref.sha256) {
    throw new SnapshotFetchError(
      `${url}: SHA-256 mismatch: expected ${ref.sha256}, got ${actual} (${bytes.byteLength} bytes, manifest says ${ref.bytes})`,
      url,
    );
  }
}

/** Gunzips bytes with `DecompressionStream('gzip')` (browsers and Node 20). */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Parses UTF-8 JSON bytes; a parse error becomes a `SnapshotFormatError` naming `what`. */
export function parseJsonBytes(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new SnapshotFormatError(`${what}: not valid UTF-8 JSON (${(error as Error).message})`);
  }
}

/** Verified, gzip-compressed bytes of a full payload → units. */
export async function decodeFullFile(
  bytes: Uint8Array,
  ref: SnapshotFileRef,
  url: string = ref.url,
): Promise<SorUnit[]> {
  await verifyFile(bytes, ref, url);
  return decodeFull(parseJsonBytes(await gunzipNamed(bytes, url), url));
}

/** Verified, gzip-compressed bytes of a delta payload → the validated delta. */
export async function decodeDeltaFile(
  bytes: Uint8Array,
  ref: SnapshotFileRef,
  url: string = ref.url,
): Promise<DeltaPayload> {
  await verifyFile(bytes, ref, url);
  return decodeDelta(parseJsonBytes(await gunzipNamed(bytes, url), url));
}

async function gunzipNamed(bytes: Uint8Array, url: string): Promise<Uint8Array> {
  try {
    return await gunzip(bytes);
  } catch (error) {
    throw new SnapshotFormatError(`${url}: not a valid gzip file (${(error as Error).message})`);
  }
}
