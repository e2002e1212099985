import type { SnapshotInfo } from '../model/types.js';

/**
 * Fired on a `SorCatalog` when the units it answers from were replaced (a new snapshot arrived):
 * open components re-run their search and re-resolve their selection.
 */
export class SorCatalogChangeEvent extends Event {
  static readonly eventName = 'sor-catalog-change';
  constructor(readonly snapshot: SnapshotInfo) {
    super(SorCatalogChangeEvent.eventName);
  }
}

/** The events a `SorCatalog` fires, by name. */
export interface SorCatalogEventMap {
  'sor-catalog-change': SorCatalogChangeEvent;
}
