import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { StyleProperties } from './style-properties.js';

/**
 * Fixed-row-height windowing for a long list inside a scrolling viewport: tells the host which
 * rows are in view (plus a few either side) and keeps a row scrolled into view. Rows all have the
 * same height, measured from a rendered row, so the window is plain arithmetic: no per-row
 * measuring, no layout reads while scrolling.
 *
 * The host renders `rows.slice(start, end)` inside a spacer of `count * rowHeight` pixels, padded
 * by `start * rowHeight` at the top (see `spacerStyle`), set through the CSSOM so that a strict
 * Content Security Policy, which drops inline style attributes, keeps the scroll height.
 */
export class WindowController implements ReactiveController {
  /** The height of one row in pixels, measured from a rendered row. */
  rowHeight = 36;
  private viewport: HTMLElement | null = null;
  private scrollTop = 0;
  private viewportHeight = 0;
  private viewportWidth = 0;
  private renderedStart = -1;
  // The row a scrollToIndex() is to show, until it is applied.
  private pendingIndex: number | null = null;
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
    this.viewportWidth = viewport.clientWidth;
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

  /** The CSS properties of the spacer holding the rendered rows (for `styleProperties`). */
  spacerStyle(count: number, start: number): StyleProperties {
    return {
      'block-size': `${count * this.rowHeight}px`,
      'padding-block-start': `${start * this.rowHeight}px`,
    };
  }

  /**
   * Scrolls the least distance that shows a row whole. Applied after the next render, when the
   * spacer is tall enough, so it works for a row that an expand has only just added. Asked before
   * the viewport is attached or a row measured (a preselected value), the distance is an estimate
   * until then, and is worked out again once both are known.
   */
  scrollToIndex(index: number): void {
    if (index < 0) return;
    const top = this.scrollTopShowing(index);
    const known = this.viewport !== null && this.viewportHeight > 0 && this.measured;
    if (top === this.scrollTop && known) return;
    this.scrollTop = top;
    this.pendingIndex = index;
    this.host.requestUpdate();
  }

  private scrollTopShowing(index: number): number {
    const height = this.viewportHeight || this.rowHeight * 12;
    const top = index * this.rowHeight;
    if (top < this.scrollTop) return top;
    if (top + this.rowHeight > this.scrollTop + height) return top + this.rowHeight - height;
    return this.scrollTop;
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
      // The spacer is drawn for the old height: the waiting scroll follows the next render.
      this.rowHeight = height;
      this.host.requestUpdate();
    } else {
      this.applyScroll();
    }
  }

  hostUpdated(): void {
    this.applyScroll();
  }

  // A scroll asked for before the row height is known waits for measure().
  private applyScroll(): void {
    const index = this.pendingIndex;
    if (index === null || !this.viewport || !this.measured) return;
    this.pendingIndex = null;
    this.viewportHeight = this.viewport.clientHeight;
    this.scrollTop = this.scrollTopShowing(index);
    this.viewport.scrollTop = this.scrollTop;
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

  // A new width can change the row height too: rows may lay out by the viewport's width
  // (container queries), so both remeasure.
  private onResize(): void {
    if (!this.viewport) return;
    const { clientHeight: height, clientWidth: width } = this.viewport;
    if (height !== this.viewportHeight || width !== this.viewportWidth) {
      this.viewportHeight = height;
      this.viewportWidth = width;
      this.measured = false;
      this.host.requestUpdate();
    }
  }
}
