import { SorSyncStatus } from '../components/sync-status/sync-status.js';

// Guarded: a page that loads two copies of the bundle must not throw on the second definition.
if (!customElements.get('sor-sync-status')) customElements.define('sor-sync-status', SorSyncStatus);

declare global {
  interface HTMLElementTagNameMap {
    'sor-sync-status': SorSyncStatus;
  }
}

export { SorSyncStatus };
