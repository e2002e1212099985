import { SorCatalog } from '../catalog/catalog.js';
import type { SearchIndexTiming } from '../catalog/catalog-data.js';
import type { SnapshotManifest } from '../snapshot/format.js';
import { readManifest, readSnapshotUnits } from './snapshot-files.js';

/** Options of `loadSnapshot`. */
export interface LoadSnapshotOptions {
  /**
   * When the name search index is built: `background` (default: a server searches soon) or
   * `on-first-search` (a batch job that only looks codes up, e.g. a SHAK migration, saves the
   * time and memory).
   */
  searchIndex?: SearchIndexTiming;
}

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
export async function loadSnapshot(
  dirOrManifest: string,
  options: LoadSnapshotOptions = {},
): Promise<SorCatalog> {
  return (await loadSnapshotWithManifest(dirOrManifest, options)).catalog;
}

/** `loadSnapshot`, also giving the manifest (its id, source date, whether it is synthetic). */
export async function loadSnapshotWithManifest(
  dirOrManifest: string,
  options: LoadSnapshotOptions = {},
): Promise<LoadedSnapshot> {
  const { dir, manifest } = await readManifest(dirOrManifest);
  const units = await readSnapshotUnits(dir, manifest);
  const catalog = SorCatalog.fromUnits(units, {
    snapshotId: manifest.id,
    sourceDate: manifest.sourceDate,
    searchIndex: options.searchIndex,
  });
  return { catalog, manifest, dir };
}
