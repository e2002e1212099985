import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { TreeModel, type TreeSource } from './tree-model.js';
import type { SorUnit } from '../../model/types.js';

/** What the tree controller asks of the element. */
export interface TreeControllerCallbacks {
  /** The user chose the row (Enter or Space). */
  choose(index: number): void;
  /** Bring a row into view (the element owns the scrolling). */
  scrollTo(index: number): void;
}

// Type-ahead: keys typed within this many milliseconds extend the same prefix (as in a listbox).
const TYPE_AHEAD_MS = 500;

/**
 * The keyboard and focus behaviour of the APG tree view pattern
 * (https://www.w3.org/WAI/ARIA/apg/patterns/treeview/) over a `TreeModel`: the active row is
 * tracked by SOR code, so it survives expand, collapse, filtering and a new snapshot, and is
 * pointed at with `aria-activedescendant` by the host.
 */
export class TreeController implements ReactiveController {
  readonly model: TreeModel;
  /** The SOR code of the active (focused) row, or null. */
  activeCode: string | null = null;
  private cachedIndex = -1;
  private cachedVersion = -1;
  private cachedCode: string | null = null;
  private typed = '';
  private typedAt = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: TreeControllerCallbacks,
    source: TreeSource,
    shown: (unit: SorUnit) => boolean,
  ) {
    this.model = new TreeModel(source, shown);
    host.addController(this);
  }

  hostConnected(): void {}

  /** The index of the active row, or -1 when none is active or it is not visible. */
  get activeIndex(): number {
    if (this.cachedVersion !== this.model.version || this.cachedCode !== this.activeCode) {
      this.cachedIndex = this.activeCode === null ? -1 : this.model.indexOf(this.activeCode);
      this.cachedVersion = this.model.version;
      this.cachedCode = this.activeCode;
    }
    return this.cachedIndex;
  }

  /** Makes a row active and scrolls it into view. */
  setActive(index: number): void {
    const row = this.model.rows[index];
    if (!row) return;
    this.activeCode = row.unit.sorCode;
    this.callbacks.scrollTo(index);
    this.host.requestUpdate();
  }

  /** Toggles a row open or closed (a click on its toggle). */
  toggle(index: number): void {
    const row = this.model.rows[index];
    if (!row) return;
    if (this.model.isExpanded(row.unit.sorCode)) this.model.collapse(index);
    else this.model.expand(index);
    this.host.requestUpdate();
  }

  /** Handles a key on the tree; true when it did something (the caller then prevents the default). */
  handleKey(event: KeyboardEvent): boolean {
    const rows = this.model.rows;
    if (rows.length === 0 || event.altKey || event.ctrlKey || event.metaKey) return false;
    const current = this.activeIndex;
    if (current === -1) {
      // Nothing active yet (or the active row was filtered away): the first key lands on the first row.
      if (['ArrowDown', 'ArrowUp', 'Home', 'End', 'ArrowRight', 'ArrowLeft'].includes(event.key)) {
        this.setActive(event.key === 'End' ? rows.length - 1 : 0);
        return true;
      }
    }
    const row = rows[current];
    switch (inReadingDirection(event.key, this.host)) {
      case 'ArrowDown':
        if (current < rows.length - 1) this.setActive(current + 1);
        return true;
      case 'ArrowUp':
        if (current > 0) this.setActive(current - 1);
        return true;
      case 'Home':
        this.setActive(0);
        return true;
      case 'End':
        this.setActive(rows.length - 1);
        return true;
      case 'ArrowRight':
        // Closed: open it. Open: move to its first child. A leaf: nothing.
        if (!row?.expandable) return true;
        if (!this.model.isExpanded(row.unit.sorCode)) {
          this.model.expand(current);
          this.host.requestUpdate();
        } else this.setActive(current + 1);
        return true;
      case 'ArrowLeft':
        // Open: close it. Closed or a leaf: move to its parent.
        if (row && this.model.isExpanded(row.unit.sorCode)) {
          this.model.collapse(current);
          this.host.requestUpdate();
        } else {
          const parent = this.model.parentIndex(current);
          if (parent >= 0) this.setActive(parent);
        }
        return true;
      case ' ':
        // Inside a type-ahead a space belongs to the name being typed ("region s…").
        if (this.typed !== '' && performance.now() - this.typedAt <= TYPE_AHEAD_MS) {
          return this.typeAhead(' ', current);
        }
        if (current >= 0) this.callbacks.choose(current);
        return true;
      case 'Enter':
        if (current >= 0) this.callbacks.choose(current);
        return true;
      case '*':
        if (current >= 0 && this.model.expandSiblings(current)) this.host.requestUpdate();
        return true;
    }
    if (event.key.length === 1 && event.key !== ' ') return this.typeAhead(event.key, current);
    return false;
  }

  private typeAhead(key: string, current: number): boolean {
    const now = performance.now();
    this.typed = now - this.typedAt > TYPE_AHEAD_MS ? key : this.typed + key;
    this.typedAt = now;
    // A repeated letter cycles through the rows starting with it; a longer prefix stays on the
    // current row while it still matches.
    const cycling = [...this.typed].every((char) => char === key);
    const prefix = cycling ? key : this.typed;
    const from = cycling ? current : current - 1;
    const found = this.model.findByPrefix(prefix, Math.max(from, -1));
    if (found >= 0) this.setActive(found);
    return true;
  }
}

// Right to left, the arrow that points into the tree (opens, goes down a level) is Left: the keys
// swap, as the row arrows mirror.
function inReadingDirection(key: string, host: ReactiveControllerHost): string {
  const rtl = host instanceof Element && host.matches(':dir(rtl)');
  if (!rtl) return key;
  return key === 'ArrowLeft' ? 'ArrowRight' : key === 'ArrowRight' ? 'ArrowLeft' : key;
}
