import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { SorCatalog, SorCatalogStatus } from '../../catalog/index.js';
import { SrcCatalog } from '../shared/src-catalog.js';
import { CatalogController } from '../shared/catalog-controller.js';
import { formatDay, formatMoment } from '../shared/format-date.js';
import { languageOf, stringsFor, type SorStrings } from '../shared/strings.js';
import { SorSyncRequestEvent } from './events.js';
import { syncStatusStyles } from './sync-status.styles.js';

/**
 * A status line for a catalog's SOR data: the snapshot's source date and unit count, the sync's
 * progress, and whether the data is offline, failed to update, or kept in memory only. Danish or
 * English by `lang`.
 *
 * Give it the same catalog as the picker (`catalog` property), or the same `src`.
 *
 * @summary Shows which SOR snapshot answers, and how its sync is going.
 *
 * @fires sor-sync-request - `SorSyncRequestEvent`: the user pressed "Sync now"; cancel it to run the sync yourself.
 *
 * @csspart base - The wrapper of the whole line.
 * @csspart summary - The snapshot's date and unit count.
 * @csspart state - The sync state (syncing, offline, failed, last update); a polite live region.
 * @csspart progress - The download progress bar, while a sync runs.
 * @csspart badge - The "synthetic test data", "this session only" and "no ID27 levels" markers.
 * @csspart button - The "Sync now" button.
 *
 * @cssprop --sor-color-text - Text colour (default CanvasText).
 * @cssprop --sor-color-text-subtle - The state text (default #4a4a4a; #b8bcc2 under a dark color-scheme).
 * @cssprop --sor-color-accent - Progress bar and focus ring (default #0b5cad; #8ab4f8 under a dark color-scheme).
 * @cssprop --sor-color-accent-subtle - Badge background (default #e8f0fe; #23324a under a dark color-scheme).
 * @cssprop --sor-color-border - Button border (default #767676; #8a9099 under a dark color-scheme).
 * @cssprop --sor-color-surface - Button background (default ButtonFace).
 * @cssprop --sor-radius - Corner radius (default 4px).
 * @cssprop --sor-sync-status-error-color - The text of a failed update (default #b00020; #ff8a80 under a dark color-scheme).
 */
export class SorSyncStatus extends LitElement {
  static override styles = syncStatusStyles;

  /** The catalog to report on. */
  @property({ attribute: false }) catalog: SorCatalog | null = null;

  /** URL of a snapshot's `manifest.json`: reports on `catalogFor(src)` when `catalog` is not set. */
  @property() src = '';

  /** Overrides for any UI string (see `SorStrings`). */
  @property({ attribute: false }) strings: Partial<SorStrings> = {};

  private readonly srcCatalog = new SrcCatalog();
  // The status line follows every step of a sync, not only the data changing.
  private readonly watch = new CatalogController(this, undefined, [
    'sor-sync-start',
    'sor-sync-progress',
    'sor-sync-complete',
    'sor-sync-error',
  ]);

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src')) this.catalog = this.srcCatalog.resolve(this.src, this.catalog);
    if (changed.has('catalog')) this.watch.observe(this.catalog);
  }

  override render() {
    const text = stringsFor(this, this.strings);
    const status = this.catalog?.status ?? null;
    const locale = languageOf(this) === 'da' ? 'da-DK' : 'en-GB';
    return html`
      <div part="base" role="group" aria-label=${text.syncLabel}>
        <span part="summary">${this.summary(status, text, locale)}</span>
        ${status?.synthetic ? html`<span part="badge">${text.syncSynthetic}</span>` : nothing}
        ${
          this.catalog?.isReady && this.catalog.size > 0 && !this.catalog.hasLevels
            ? html`<span part="badge" class="no-levels">${text.syncNoLevels}</span>`
            : nothing
        }
        ${
          status?.storage === 'memory' && status.manifestUrl !== null
            ? html`<span part="badge">${text.syncMemoryOnly}</span>`
            : nothing
        }
        <span part="state" class=${status?.state === 'error' ? 'error' : ''} role="status">
          ${status ? this.stateText(status, text, locale) : nothing}
        </span>
        ${status?.state === 'syncing' ? this.progress(status, text) : nothing}
        ${
          status?.manifestUrl
            ? html`<button
                part="button"
                type="button"
                ?disabled=${status.state === 'syncing'}
                @click=${this.onSyncNow}
              >
                ${text.syncNow}
              </button>`
            : nothing
        }
      </div>
    `;
  }

  private summary(status: SorCatalogStatus | null, text: SorStrings, locale: string): string {
    if (!status?.snapshotId || !status.sourceDate) return text.syncNoSnapshot;
    return text.syncSnapshot(formatDay(status.sourceDate, locale), status.unitCount.toLocaleString(locale));
  }

  private stateText(status: SorCatalogStatus, text: SorStrings, locale: string): string {
    switch (status.state) {
      case 'syncing':
        // The percentage is on the progress bar: a live region re-announcing each step would chatter.
        return text.syncing(null);
      case 'offline':
        return text.syncOffline;
      case 'error':
        return text.syncFailed(status.lastError?.message ?? '');
      case 'idle':
        return status.lastSync ? text.syncLastSync(formatMoment(status.lastSync, locale)) : '';
    }
  }

  private progress(status: SorCatalogStatus, text: SorStrings) {
    const { bytes = 0, totalBytes = 0 } = status.progress ?? {};
    const percent = totalBytes > 0 ? Math.min(100, Math.round((bytes / totalBytes) * 100)) : null;
    return html`<progress
      part="progress"
      max="100"
      value=${percent ?? nothing}
      aria-label=${text.syncing(percent)}
    ></progress>`;
  }

  private onSyncNow(): void {
    const catalog = this.catalog;
    if (!catalog) return;
    const request = new SorSyncRequestEvent(catalog.status.manifestUrl);
    // A failed sync shows in the status line (the catalog's `sor-sync-error` re-renders it).
    if (this.dispatchEvent(request)) catalog.sync().catch(() => undefined);
    this.requestUpdate();
  }
}
