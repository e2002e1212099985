import type { SorUnit } from '../model/types.js';
import { decodeFull } from '../snapshot/codec.js';
import { decodeDelta } from '../snapshot/delta.js';
import { SnapshotFetchError } from '../snapshot/errors.js';
import type { DeltaPayload, SnapshotFileRef } from '../snapshot/format.js';
import { gunzip, parseJsonBytes, verifyFile } from '../snapshot/transport.js';
import { SorSyncError } from './errors.js';

// The snapshot module's decoders, split into steps so each failure gets its own code:
// a hash mismatch is `integrity`, anything after it (gzip, JSON, payload shape) is `format`.

async function verified(bytes: Uint8Array, ref: SnapshotFileRef, url: string): Promise<unknown> {
  try {
    await verifyFile(bytes, ref, url);
  } catch (error) {
    if (error instanceof SnapshotFetchError) throw new SorSyncError('integrity', error.message, url);
    throw error;
  }
  let plain: Uint8Array;
  try {
    plain = await gunzip(bytes);
  } catch (error) {
    throw new SorSyncError('format', `${url}: not a valid gzip file (${(error as Error).message})`, url);
  }
  return formatStep(url, () => parseJsonBytes(plain, url));
}

function formatStep<T>(url: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof SorSyncError) throw error;
    const message = (error as Error).message;
    throw new SorSyncError('format', message.includes(url) ? message : `${url}: ${message}`, url, null, {
      cause: error,
    });
  }
}

/** Checks a full payload file against its SHA-256, then gunzips and decodes it. */
export async function decodeFullBytes(
  bytes: Uint8Array,
  ref: SnapshotFileRef,
  url: string,
): Promise<SorUnit[]> {
  const json = await verified(bytes, ref, url);
  return formatStep(url, () => decodeFull(json));
}

/** Checks a delta file against its SHA-256, then gunzips and validates it. */
export async function decodeDeltaBytes(
  bytes: Uint8Array,
  ref: SnapshotFileRef,
  url: string,
): Promise<DeltaPayload> {
  const json = await verified(bytes, ref, url);
  return formatStep(url, () => decodeDelta(json));
}

/** Runs a step that may throw a format error (e.g. `applyDelta`) and names the file in it. */
export function inFile<T>(url: string, step: () => T): T {
  return formatStep(url, step);
}

/** Gzips bytes with `CompressionStream('gzip')`. */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
