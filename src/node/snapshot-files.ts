import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SorUnit } from '../model/types.js';
import type { DeltaPayload, SnapshotDeltaRef, SnapshotManifest } from '../snapshot/format.js';
import { decodeManifest } from '../snapshot/manifest.js';
import { decodeDeltaFile, decodeFullFile, parseJsonBytes } from '../snapshot/transport.js';

/** The manifest file name in a snapshot folder. */
export const MANIFEST_FILE = 'manifest.json';

/** A snapshot folder that cannot be read: a missing folder, manifest or payload file. */
export class SnapshotReadError extends Error {
  constructor(
    message: string,
    /** The file that could not be read. */
    readonly file: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SnapshotReadError';
  }
}

async function readBytes(file: string, what: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new SnapshotReadError(`${file}: cannot read the ${what} (${(error as Error).message})`, file, {
      cause: error,
    });
  }
}

/** Reads and validates `<dir>/manifest.json` (or a manifest path given directly). */
export async function readManifest(
  dirOrManifest: string,
): Promise<{ dir: string; manifest: SnapshotManifest }> {
  const isFile = dirOrManifest.endsWith('.json');
  const file = isFile ? dirOrManifest : join(dirOrManifest, MANIFEST_FILE);
  const dir = isFile ? join(dirOrManifest, '..') : dirOrManifest;
  const bytes = await readBytes(file, 'manifest');
  return { dir, manifest: decodeManifest(parseJsonBytes(bytes, file)) };
}

/** Reads a snapshot folder's full payload, verifying its SHA-256 against the manifest. */
export async function readSnapshotUnits(dir: string, manifest: SnapshotManifest): Promise<SorUnit[]> {
  const file = join(dir, manifest.full.url);
  return decodeFullFile(await readBytes(file, 'full payload'), manifest.full, file);
}

/** Reads one delta file of a snapshot folder, verifying its SHA-256 against the manifest. */
export async function readSnapshotDelta(dir: string, ref: SnapshotDeltaRef): Promise<DeltaPayload> {
  const file = join(dir, ref.url);
  return decodeDeltaFile(await readBytes(file, 'delta'), ref, file);
}
