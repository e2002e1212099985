import type { SorUnit } from '../model/types.js';
import { SnapshotFetchError, SnapshotFormatError } from '../snapshot/errors.js';
import type { DeltaPayload, SnapshotDeltaRef, SnapshotFileRef } from '../snapshot/format.js';
import { decodeDeltaJson, decodeFullJson, openPayload, parseJsonBytes } from '../snapshot/transport.js';
import { SorSyncError } from './errors.js';

// The snapshot module's decoders, split into steps so each failure gets its own code:
// bytes that are not the manifest's (hash, size, inflating too far) are `integrity`, anything
// after them (gzip, JSON, payload shape) is `format`.

async function verified(bytes: Uint8Array, ref: SnapshotFileRef, url: string): Promise<unknown> {
  let json: Uint8Array;
  try {
    json = await openPayload(bytes, ref, url);
  } catch (error) {
    if (error instanceof SnapshotFetchError) throw new SorSyncError(error.reason, error.message, url);
    if (error instanceof SnapshotFormatError) throw new SorSyncError('format', error.message, url);
    throw error;
  }
  return formatStep(url, () => parseJsonBytes(json, url));
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

/**
 * Checks a full payload file against the manifest (see `openPayload`), then gunzips and decodes
 * it; with `snapshotId`, the payload must be that snapshot.
 */
export async function decodeFullBytes(
  bytes: Uint8Array,
  ref: SnapshotFileRef,
  url: string,
  snapshotId?: string,
): Promise<SorUnit[]> {
  const json = await verified(bytes, ref, url);
  return formatStep(url, () => decodeFullJson(json, url, snapshotId));
}

/** Checks a delta file against the manifest, then gunzips it; it must lead `from` → `to` where given. */
export async function decodeDeltaBytes(
  bytes: Uint8Array,
  ref: SnapshotFileRef & Partial<Pick<SnapshotDeltaRef, 'from' | 'to'>>,
  url: string,
): Promise<DeltaPayload> {
  const json = await verified(bytes, ref, url);
  return formatStep(url, () => decodeDeltaJson(json, url, ref));
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
