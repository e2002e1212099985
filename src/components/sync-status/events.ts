/**
 * Fired by `<sor-sync-status>` when the user presses its "Sync now" button, before the sync
 * starts. Cancelable: call `preventDefault()` to run the sync yourself (or not at all).
 */
export class SorSyncRequestEvent extends CustomEvent<{ manifestUrl: string | null }> {
  static readonly eventName = 'sor-sync-request';
  constructor(manifestUrl: string | null) {
    super(SorSyncRequestEvent.eventName, {
      detail: { manifestUrl },
      bubbles: true,
      composed: true,
      cancelable: true,
    });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sor-sync-request': SorSyncRequestEvent;
  }
}
