export { SorCatalog, type SnapshotOptions } from './catalog.js';
export type { SearchIndexTiming } from './catalog-data.js';
export {
  SorCatalogChangeEvent,
  SorIndexReadyEvent,
  SorSyncStartEvent,
  SorSyncProgressEvent,
  SorSyncCompleteEvent,
  SorSyncErrorEvent,
  type SorSyncVia,
  type SorCatalogEventMap,
  type SorCatalogListener,
  type SorCatalogListenerArgs,
} from './events.js';
export type { SorCatalogOpenOptions } from './open-catalog.js';
export type { SorSyncState, SorCatalogStatus } from './status.js';
export { catalogFor } from './catalog-registry.js';
export { SorCatalogError, type SorCatalogErrorCode } from './errors.js';
// What components read of a search answer, re-exported so that they import nothing from the search layer.
export type { SorSearchHit, SearchMatchField } from '../search/types.js';
