import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SorCatalog } from '../../catalog/catalog.js';

const EVENTS = [
  'sor-sync-start',
  'sor-sync-progress',
  'sor-sync-complete',
  'sor-sync-error',
  'sor-catalog-change',
] as const;

/** Re-renders its host whenever the catalog's sync status or snapshot changes. */
export class SyncStatusController implements ReactiveController {
  private current: SorCatalog | null = null;
  private connected = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Point the controller at a (new) catalog; call from the host's `willUpdate`. */
  observe(catalog: SorCatalog | null): void {
    if (catalog === this.current) return;
    this.detach();
    this.current = catalog;
    if (this.connected) this.attach();
  }

  hostConnected(): void {
    this.connected = true;
    this.attach();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.detach();
  }

  private readonly update = () => this.host.requestUpdate();

  private attach(): void {
    const catalog = this.current;
    if (!catalog) return;
    for (const type of EVENTS) catalog.addEventListener(type, this.update);
    if (!catalog.isReady) void catalog.ready.then(() => catalog === this.current && this.update());
  }

  private detach(): void {
    for (const type of EVENTS) this.current?.removeEventListener(type, this.update);
  }
}
