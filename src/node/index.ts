// `sor-picker/node`: the catalog in Node (back ends, batch jobs). Imports no Lit and registers no
// element; the browser entry (`sor-picker`) never imports this module, so no `node:` import can
// reach a browser bundle.
export {
  loadSnapshot,
  loadSnapshotWithManifest,
  type LoadedSnapshot,
  type LoadSnapshotOptions,
} from './load-snapshot.js';
export type { SearchIndexTiming } from '../catalog/catalog-data.js';
export { readManifest, MANIFEST_FILE, SnapshotReadError } from './snapshot-files.js';
export { SorCatalog, type SnapshotOptions } from '../catalog/catalog.js';
export { SorCatalogError, type SorCatalogErrorCode } from '../catalog/errors.js';
export type { ShakMigration, ShakMigrationConfidence, ShakCandidate } from '../catalog/shak-migration.js';
export { SnapshotFetchError, SnapshotFormatError } from '../snapshot/errors.js';
export type { SnapshotManifest } from '../snapshot/format.js';
export * from '../model/index.js';
export type { SorSearchHit, SorSearchOptions } from '../search/types.js';
