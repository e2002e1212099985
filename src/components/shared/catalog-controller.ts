import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SorCatalog } from '../../catalog/index.js';

/** Sync events after which a component re-renders (its data did not change, what it says may). */
export type SyncEventName = 'sor-sync-start' | 'sor-sync-progress' | 'sor-sync-complete' | 'sor-sync-error';

/**
 * Keeps a component in step with its catalog: re-renders once the catalog's first snapshot is
 * ready and whenever the snapshot is replaced, and counts those changes in `revision` so that
 * tasks depending on the data re-run. It also re-renders on the sync events named in `renderOn`
 * (by default when a sync starts or fails, so a component without data yet can say so).
 */
export class CatalogController implements ReactiveController {
  /** Bumped on every data change; use it as a task argument. */
  revision = 0;
  private current: SorCatalog | null = null;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange: () => void = () => {},
    private readonly renderOn: readonly SyncEventName[] = ['sor-sync-start', 'sor-sync-error'],
  ) {
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

  private readonly handleSync = () => this.host.requestUpdate();

  private readonly handleIndexReady = () => {
    this.revision++;
    this.host.requestUpdate();
  };

  private readonly handleChange = () => {
    this.revision++;
    this.onChange();
    this.host.requestUpdate();
  };

  private attach(): void {
    const catalog = this.current;
    if (!catalog) return;
    catalog.addEventListener('sor-catalog-change', this.handleChange);
    // The full index refines the early answers given while it was being built: search again.
    catalog.addEventListener('sor-index-ready', this.handleIndexReady);
    for (const type of this.renderOn) catalog.addEventListener(type, this.handleSync);
    if (!catalog.isReady) {
      void catalog.ready.then(() => {
        if (catalog === this.current) this.handleChange();
      });
    }
  }

  private detach(): void {
    this.current?.removeEventListener('sor-catalog-change', this.handleChange);
    this.current?.removeEventListener('sor-index-ready', this.handleIndexReady);
    for (const type of this.renderOn) this.current?.removeEventListener(type, this.handleSync);
  }
}
