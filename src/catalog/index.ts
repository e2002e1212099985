export { SorCatalog, type SnapshotOptions } from './catalog.js';
export { SorCatalogChangeEvent, type SorCatalogEventMap } from './events.js';
export { SorCatalogError, type SorCatalogErrorCode } from './errors.js';
