import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { SorUnit } from '../model/types.js';
import { SnapshotFormatError } from '../snapshot/errors.js';
import type { DeltaPayload, SnapshotDeltaRef, SnapshotManifest } from '../snapshot/format.js';
import { decodeManifest } from '../snapshot/manifest.js';
import { decodeDeltaFile, decodeFullFile, parseJsonBytes } from '../snapshot/transport.js';

// The one reader of snapshot folders in Node: the `sor-picker/node` entry and the CLI both use it.

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

/**
 * The path of a file a manifest names, refused unless it is a plain file name in `dir`. The
 * manifest decoder refuses such urls too; this is the second line of defence, so that no manifest
 * (a hostile `--previous`, a hand-edited folder) makes Node code read or write outside its folder.
 */
export function fileInFolder(dir: string, url: string, where: string): string {
  const folder = resolve(dir);
  const path = resolve(folder, url);
  if (!/^[^/\\\0]+$/.test(url) || url === '.' || url === '..' || dirname(path) !== folder) {
    throw new SnapshotFormatError(
      `${where}: ${JSON.stringify(url)} is not a plain file name beside the manifest; refusing to read or write outside ${folder}`,
    );
  }
  return path;
}

/** Where the manifest of a folder (or a manifest path given directly) is. */
export function manifestLocation(dirOrManifest: string): { dir: string; file: string } {
  const isFile = dirOrManifest.endsWith('.json');
  return {
    file: isFile ? dirOrManifest : join(dirOrManifest, MANIFEST_FILE),
    dir: isFile ? dirname(dirOrManifest) : dirOrManifest,
  };
}

function decodeManifestBytes(bytes: Uint8Array, file: string): SnapshotManifest {
  try {
    return decodeManifest(parseJsonBytes(bytes, file));
  } catch (error) {
    if (error instanceof SnapshotFormatError && !error.message.includes(file)) {
      throw new SnapshotFormatError(`${file}: ${error.message}`);
    }
    throw error;
  }
}

/** Reads and validates `<dir>/manifest.json` (or a manifest path given directly). */
export async function readManifest(
  dirOrManifest: string,
): Promise<{ dir: string; manifest: SnapshotManifest }> {
  const { dir, file } = manifestLocation(dirOrManifest);
  return { dir, manifest: decodeManifestBytes(await readBytes(file, 'manifest'), file) };
}

/**
 * Like `readManifest`, but `null` when there is no manifest (the folder or the file does not
 * exist): the first night of a nightly job, whose `--previous` has nothing in it yet.
 */
export async function readManifestIfPresent(
  dirOrManifest: string,
): Promise<{ dir: string; manifest: SnapshotManifest } | null> {
  try {
    return await readManifest(dirOrManifest);
  } catch (error) {
    if (error instanceof SnapshotReadError && (error.cause as NodeJS.ErrnoException)?.code === 'ENOENT')
      return null;
    throw error;
  }
}

/** Reads a snapshot folder's full payload, verifying its SHA-256 against the manifest. */
export async function readSnapshotUnits(dir: string, manifest: SnapshotManifest): Promise<SorUnit[]> {
  const file = fileInFolder(dir, manifest.full.url, `${join(dir, MANIFEST_FILE)}: full.url`);
  return decodeFullFile(await readBytes(file, 'full payload'), manifest.full, file);
}

/** Reads one delta file of a snapshot folder, verifying its SHA-256 against the manifest. */
export async function readSnapshotDelta(dir: string, ref: SnapshotDeltaRef): Promise<DeltaPayload> {
  const file = fileInFolder(dir, ref.url, `${join(dir, MANIFEST_FILE)}: delta url`);
  return decodeDeltaFile(await readBytes(file, 'delta'), ref, file);
}
