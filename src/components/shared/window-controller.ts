import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Fixed-row-height windowing for a long list inside a scrolling viewport: tells the host which
 * rows are in view (plus a few either side) and keeps a row scrolled into view. Rows all have the
 * same height, measured from a rendered row, so the window is plain arithmetic: no per-row
 * measuring, no layout reads while scrolling.
 *
 * The host renders `rows.slice(start, end)` inside a spacer of `count * rowHeight` pixels, padded
 * by `start * rowHeight` at the top (see `spacerStyle`).
 */
export class WindowController implements ReactiveController {
  /** The height of one row in pixels, measured from a rendered row. */
  rowHeight = 36;
  private viewport: HTMLElement | null = null;
  private scrollTop = 0;
  private viewportHeight = 0;
  private renderedStart = -1;
  private pendingScroll: number | null = null;
  private measured = false;
  private readonly resizeObserver = new ResizeObserver(() => this.onResize());

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Rows rendered beyond each edge of the viewport, so a fast scroll shows no gap. */
    private readonly overscan = 6,
  ) {
    host.addController(this);
  }

  /** Starts following a scrolling element (call once it is rendered). */
  attach(viewport: HTMLElement): void {
    if (viewport === this.viewport) return;
    this.viewport?.removeEventListener('scroll', this.onScroll);
    this.viewport = viewport;
    viewport.addEventListener('scroll', this.onScroll, { passive: true });
    this.resizeObserver.observe(viewport);
    this.viewportHeight = viewport.clientHeight;
    this.scrollTop = viewport.scrollTop;
  }

  /** The half-open range of rows to render for `count` rows. */
  range(count: number): [number, number] {
    const height = this.viewportHeight || this.rowHeight * 12;
    const first = Math.floor(this.scrollTop / this.rowHeight);
    const start = Math.max(0, Math.min(first, count - 1) - this.overscan);
    const end = Math.min(count, first + Math.ceil(height / this.rowHeight) + this.overscan + 1);
    this.renderedStart = start;
    return [start, Math.max(start, end)];
  }

  /** The style of the spacer holding the rendered rows. */
  spacerStyle(count: number, start: number): string {
    return `block-size:${count * this.rowHeight}px;padding-block-start:${start * this.rowHeight}px`;
  }

  /**
   * Scrolls the least distance that shows a row whole. Applied after the next render, when the
   * spacer is tall enough, so it works for a row that an expand has only just added.
   */
  scrollToIndex(index: number): void {
    if (index < 0) return;
    const height = this.viewportHeight || this.rowHeight * 12;
    const top = index * this.rowHeight;
    if (top < this.scrollTop) this.scrollTop = top;
    else if (top + this.rowHeight > this.scrollTop + height) this.scrollTop = top + this.rowHeight - height;
    else return;
    this.pendingScroll = this.scrollTop;
    this.host.requestUpdate();
  }

  /**
   * Takes the row height from a rendered row; call after render. Reads layout only on the first
   * call and after a resize, never while scrolling.
   */
  measure(row: HTMLElement | null): void {
    if (this.measured || !row) return;
    const height = row.offsetHeight;
    if (height === 0) return;
    this.measured = true;
    if (height !== this.rowHeight) {
      this.rowHeight = height;
      this.host.requestUpdate();
    }
  }

  hostUpdated(): void {
    if (this.pendingScroll !== null && this.viewport) {
      this.viewport.scrollTop = this.pendingScroll;
      this.pendingScroll = null;
    }
  }

  hostConnected(): void {
    if (!this.viewport) return;
    this.viewport.addEventListener('scroll', this.onScroll, { passive: true });
    this.resizeObserver.observe(this.viewport);
  }

  hostDisconnected(): void {
    this.resizeObserver.disconnect();
    this.viewport?.removeEventListener('scroll', this.onScroll);
  }

  // Re-render only when the first rendered row would change: most scroll events stay within the
  // overscan and cost nothing.
  private readonly onScroll = () => {
    if (!this.viewport) return;
    this.scrollTop = this.viewport.scrollTop;
    const first = Math.max(0, Math.floor(this.scrollTop / this.rowHeight) - this.overscan);
    if (first !== this.renderedStart) this.host.requestUpdate();
  };

  private onResize(): void {
    if (!this.viewport) return;
    const height = this.viewport.clientHeight;
    if (height !== this.viewportHeight) {
      this.viewportHeight = height;
      this.measured = false;
      this.host.requestUpdate();
    }
  }
}
