import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SorUnit } from '../model/types.js';
import { decodeDeltaFile, decodeFullFile } from '../snapshot/transport.js';
import { decodeManifest } from '../snapshot/manifest.js';
import { parseJsonBytes } from '../snapshot/transport.js';
import type { DeltaPayload, SnapshotDeltaRef, SnapshotManifest } from '../snapshot/format.js';

/** The manifest file name in a snapshot folder. */
export const MANIFEST_FILE = 'manifest.json';

/** Reads and validates `<dir>/manifest.json` (or a manifest path given directly). */
export async function readManifest(
  dirOrManifest: string,
): Promise<{ dir: string; manifest: SnapshotManifest }> {
  const isFile = dirOrManifest.endsWith('.json');
  const file = isFile ? dirOrManifest : join(dirOrManifest, MANIFEST_FILE);
  const dir = isFile ? join(dirOrManifest, '..') : dirOrManifest;
  const bytes = await readFile(file).catch((error: Error) => {
    throw new Error(`${file}: cannot read the manifest (${error.message})`);
  });
  return { dir, manifest: decodeManifest(parseJsonBytes(bytes, file)) };
}

/** Reads a snapshot folder's full payload, verifying its SHA-256 against the manifest. */
export async function readSnapshotUnits(dir: string, manifest: SnapshotManifest): Promise<SorUnit[]> {
  const file = join(dir, manifest.full.url);
  return decodeFullFile(await readFile(file), manifest.full, file);
}

/** Reads one delta file of a snapshot folder, verifying its SHA-256 against the manifest. */
export async function readSnapshotDelta(dir: string, ref: SnapshotDeltaRef): Promise<DeltaPayload> {
  const file = join(dir, ref.url);
  return decodeDeltaFile(await readFile(file), ref, file);
}
