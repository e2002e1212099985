import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { SorUnit } from '../model/types.js';
import { decodeDeltaFile, decodeFullFile } from '../snapshot/transport.js';
import { decodeManifest } from '../snapshot/manifest.js';
import { parseJsonBytes } from '../snapshot/transport.js';
import { SnapshotFormatError } from '../snapshot/errors.js';
import type { DeltaPayload, SnapshotDeltaRef, SnapshotManifest } from '../snapshot/format.js';
import { CliError, EXIT } from './cli-error.js';

/** The manifest file name in a snapshot folder. */
export const MANIFEST_FILE = 'manifest.json';

/**
 * The path of a file a manifest names, refused unless it is a plain file name in `dir`. The
 * manifest decoder refuses such urls too; this is the second line of defence, so that no manifest
 * (a hostile `--previous`, a hand-edited folder) makes the CLI read or write outside its folder.
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

function manifestLocation(dirOrManifest: string): { dir: string; file: string } {
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
  const found = await readManifestIfPresent(dirOrManifest);
  if (found === null) {
    const { dir, file } = manifestLocation(dirOrManifest);
    throw new CliError(
      `no snapshot at ${dir} (${file} does not exist); give a folder that "sor-snapshot build --out" wrote`,
      EXIT.input,
    );
  }
  return found;
}

/**
 * Like `readManifest`, but `null` when there is no manifest (the folder or the file does not
 * exist): the first night of a nightly job, whose `--previous` has nothing in it yet.
 */
export async function readManifestIfPresent(
  dirOrManifest: string,
): Promise<{ dir: string; manifest: SnapshotManifest } | null> {
  const { dir, file } = manifestLocation(dirOrManifest);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError(`${file}: cannot read the manifest (${(error as Error).message})`, EXIT.input);
  }
  return { dir, manifest: decodeManifestBytes(bytes, file) };
}

/** Reads a snapshot folder's full payload, verifying its SHA-256 against the manifest. */
export async function readSnapshotUnits(dir: string, manifest: SnapshotManifest): Promise<SorUnit[]> {
  const file = fileInFolder(dir, manifest.full.url, `${join(dir, MANIFEST_FILE)}: full.url`);
  return decodeFullFile(await readFile(file), manifest.full, file);
}

/** Reads one delta file of a snapshot folder, verifying its SHA-256 against the manifest. */
export async function readSnapshotDelta(dir: string, ref: SnapshotDeltaRef): Promise<DeltaPayload> {
  const file = fileInFolder(dir, ref.url, `${join(dir, MANIFEST_FILE)}: delta url`);
  return decodeDeltaFile(await readFile(file), ref, file);
}
