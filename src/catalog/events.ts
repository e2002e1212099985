import type { SnapshotInfo } from '../model/types.js';
import type { SorSyncError } from '../store/errors.js';
import type { SorSyncProgress } from '../store/sync.js';

/**
 * Fired on a `SorCatalog` when the units it answers from were replaced (a new snapshot arrived):
 * open components re-run their search and re-resolve their selection.
 */
export class SorCatalogChangeEvent extends CustomEvent<{ snapshot: SnapshotInfo }> {
  static readonly eventName = 'sor-catalog-change';
  constructor(snapshot: SnapshotInfo) {
    super(SorCatalogChangeEvent.eventName, { detail: { snapshot } });
  }

  /** The snapshot the catalog answers from now (the same as `detail.snapshot`). */
  get snapshot(): SnapshotInfo {
    return this.detail.snapshot;
  }
}

/**
 * Fired on a `SorCatalog` when the full search index of the snapshot answering now is built. Until
 * then name searches get early answers (word prefixes of distinct names, no typo tolerance); open
 * components search again on this event.
 */
export class SorIndexReadyEvent extends CustomEvent<{ snapshot: SnapshotInfo }> {
  static readonly eventName = 'sor-index-ready';
  constructor(snapshot: SnapshotInfo) {
    super(SorIndexReadyEvent.eventName, { detail: { snapshot } });
  }
}

/** The events a `SorCatalog` fires, by name. */
export interface SorCatalogEventMap {
  'sor-catalog-change': SorCatalogChangeEvent;
  'sor-index-ready': SorIndexReadyEvent;
  'sor-sync-start': SorSyncStartEvent;
  'sor-sync-progress': SorSyncProgressEvent;
  'sor-sync-complete': SorSyncCompleteEvent;
  'sor-sync-error': SorSyncErrorEvent;
}

/**
 * A listener of the event `K` on a `SorCatalog`: for one of the catalog's own events it is given
 * that event's class (`'sor-sync-complete'` → `SorSyncCompleteEvent`); any other event is an
 * `EventTarget`'s.
 */
export type SorCatalogListener<K extends string> = K extends keyof SorCatalogEventMap
  ? ((event: SorCatalogEventMap[K]) => void) | { handleEvent(event: SorCatalogEventMap[K]): void } | null
  : EventListenerOrEventListenerObject | null;

/**
 * The arguments of `SorCatalog.addEventListener` and `removeEventListener`: the event's type, its
 * listener, and the method's `Options` as on `EventTarget`.
 */
export type SorCatalogListenerArgs<K extends string, Options> = [
  type: K,
  listener: SorCatalogListener<K>,
  options?: Options,
];

/** Fired on a catalog from `SorCatalog.open` when a sync starts (on open, or `catalog.sync()`). */
export class SorSyncStartEvent extends CustomEvent<{ manifestUrl: string }> {
  static readonly eventName = 'sor-sync-start';
  constructor(manifestUrl: string) {
    super(SorSyncStartEvent.eventName, { detail: { manifestUrl } });
  }
}

/** Fired while a sync downloads and decodes: bytes downloaded of the bytes expected, units decoded. */
export class SorSyncProgressEvent extends CustomEvent<SorSyncProgress> {
  static readonly eventName = 'sor-sync-progress';
  constructor(progress: SorSyncProgress) {
    super(SorSyncProgressEvent.eventName, { detail: progress });
  }
}

/**
 * How a sync ended well: `full` or `delta` (a new snapshot was downloaded and stored),
 * `unchanged` (the manifest named the snapshot already held), `other-tab` (another tab stored a
 * new snapshot and this catalog switched to it).
 */
export type SorSyncVia = 'full' | 'delta' | 'unchanged' | 'other-tab';

/** Fired when a sync succeeded; `detail.snapshot` is the snapshot the catalog answers from now. */
export class SorSyncCompleteEvent extends CustomEvent<{ snapshot: SnapshotInfo | null; via: SorSyncVia }> {
  static readonly eventName = 'sor-sync-complete';
  constructor(snapshot: SnapshotInfo | null, via: SorSyncVia) {
    super(SorSyncCompleteEvent.eventName, { detail: { snapshot, via } });
  }
}

/**
 * Fired when a sync failed; `detail.error` names what failed (URL, HTTP status, expected vs
 * actual hash). The catalog keeps answering from the snapshot it had; the next sync retries.
 */
export class SorSyncErrorEvent extends CustomEvent<{ error: SorSyncError }> {
  static readonly eventName = 'sor-sync-error';
  constructor(error: SorSyncError) {
    super(SorSyncErrorEvent.eventName, { detail: { error } });
  }
}
