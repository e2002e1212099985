import { SorCatalog } from '../catalog/catalog.js';
import type { SnapshotManifest } from '../snapshot/format.js';
import { readManifest, readSnapshotUnits } from './snapshot-files.js';

/** A catalog loaded from a snapshot folder, with the manifest it was loaded by. */
export interface LoadedSnapshot {
  catalog: SorCatalog;
  manifest: SnapshotManifest;
  /** The folder the payload was read from. */
  dir: string;
}

/**
 * Loads a snapshot folder (as `sor-snapshot build` writes it) into the same `SorCatalog` the
 * browser components use: `get`, `search`, `select`, `byShak`, `migrateShak`, `ancestors` give the
 * browser's answers. `dirOrManifest` is the folder or its `manifest.json`. The full payload is
 * checked against the manifest's SHA-256 before a byte of it is used.
 *
 * Throws `SnapshotReadError` (a file cannot be read), `SnapshotFetchError` (a hash does not match)
 * or `SnapshotFormatError` (the manifest or payload is malformed); each message names the file.
 */
export async function loadSnapshot(dirOrManifest: string): Promise<SorCatalog> {
  return (await loadSnapshotWithManifest(dirOrManifest)).catalog;
}

/** `loadSnapshot`, also giving the manifest (its id, source date, whether it is synthetic). */
export async function loadSnapshotWithManifest(dirOrManifest: string): Promise<LoadedSnapshot> {
  const { dir, manifest } = await readManifest(dirOrManifest);
  const units = await readSnapshotUnits(dir, manifest);
  const catalog = SorCatalog.fromUnits(units, { snapshotId: manifest.id, sourceDate: manifest.sourceDate });
  return { catalog, manifest, dir };
}
