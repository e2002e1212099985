import type { SorUnit } from '../../model/types.js';

/** One visible row of the tree: a unit at a depth, with its place among its siblings. */
export interface TreeRow {
  unit: SorUnit;
  /** 1 for an owner (the `aria-level`). */
  depth: number;
  /** How many siblings are shown, this row included (`aria-setsize`). */
  setSize: number;
  /** 1-based position among them (`aria-posinset`). */
  posInSet: number;
  /** True when the unit has children that would be shown. */
  expandable: boolean;
}

/** What the model reads: the catalog's hierarchy. */
export interface TreeSource {
  children(sorCode: string | null): readonly SorUnit[];
  hasChild(sorCode: string | null, test?: (unit: SorUnit) => boolean): boolean;
  ancestors(sorCode: string): readonly SorUnit[];
}

/**
 * The tree as a flat list of its visible rows (the APG tree pattern over a virtualised list: only
 * the rows in view become elements). Expanding or collapsing splices one subtree in or out, so the
 * cost follows the size of that subtree, not of the whole register. Children are read from the
 * source only when their parent is expanded.
 *
 * A filter narrows the tree to its matches and their ancestors (which it expands); below a match
 * every unit shows again, so a matched department can still be browsed.
 */
export class TreeModel {
  /** The visible rows, top to bottom. Replaced or spliced by every change; read, never write. */
  rows: TreeRow[] = [];
  /** Bumped on every change of `rows`, so a reader can cache what it derived from them. */
  version = 0;
  private expanded = new Set<string>();
  private expandedBeforeFilter: Set<string> | null = null;
  private matches: Set<string> | null = null;
  private allowed: Set<string> | null = null;

  constructor(
    private source: TreeSource,
    private shown: (unit: SorUnit) => boolean = () => true,
  ) {}

  /** Swaps the data or the visibility rule (a new snapshot, another `as-of`) and rebuilds. */
  reset(source: TreeSource, shown: (unit: SorUnit) => boolean): void {
    this.source = source;
    this.shown = shown;
    this.rebuild();
  }

  /** True while a filter narrows the tree. */
  get filtered(): boolean {
    return this.matches !== null;
  }

  isMatch(sorCode: string): boolean {
    return this.matches?.has(sorCode) ?? false;
  }

  isExpanded(sorCode: string): boolean {
    return this.expanded.has(sorCode);
  }

  /**
   * Narrows the tree to these units (and their ancestors, expanded), or with null restores the
   * unfiltered tree as it was expanded before.
   */
  setFilter(matchCodes: readonly string[] | null): void {
    if (matchCodes === null) {
      if (this.expandedBeforeFilter) this.expanded = this.expandedBeforeFilter;
      this.expandedBeforeFilter = null;
      this.matches = this.allowed = null;
      this.rebuild();
      return;
    }
    this.expandedBeforeFilter ??= this.expanded;
    this.matches = new Set(matchCodes);
    this.allowed = new Set(matchCodes);
    this.expanded = new Set();
    for (const code of matchCodes) {
      for (const ancestor of this.source.ancestors(code)) {
        this.allowed.add(ancestor.sorCode);
        this.expanded.add(ancestor.sorCode);
      }
    }
    this.rebuild();
  }

  /** Recomputes every row from the expanded set (after a data or filter change). */
  rebuild(): void {
    const rows: TreeRow[] = [];
    this.appendChildren(rows, null, 1, false);
    this.rows = rows;
    this.version++;
  }

  /** The index of a unit's row, or -1 when it is not visible. */
  indexOf(sorCode: string): number {
    return this.rows.findIndex((row) => row.unit.sorCode === sorCode);
  }

  /** The index of the row's parent row, or -1 for a top-level row. */
  parentIndex(index: number): number {
    const depth = this.rows[index]?.depth ?? 1;
    for (let i = index - 1; i >= 0; i--) if (this.rows[i].depth < depth) return i;
    return -1;
  }

  /** Expands a row in place. False when there was nothing to expand. */
  expand(index: number): boolean {
    const row = this.rows[index];
    if (!row || !row.expandable || this.expanded.has(row.unit.sorCode)) return false;
    this.expanded.add(row.unit.sorCode);
    const subtree: TreeRow[] = [];
    this.appendChildren(subtree, row.unit.sorCode, row.depth + 1, this.insideMatch(row.unit.sorCode));
    // concat, not splice(...spread): a subtree of 100k rows would overflow the argument stack.
    this.rows = this.rows.slice(0, index + 1).concat(subtree, this.rows.slice(index + 1));
    this.version++;
    return true;
  }

  /** Collapses a row in place. False when it was not expanded. */
  collapse(index: number): boolean {
    const row = this.rows[index];
    if (!row || !this.expanded.has(row.unit.sorCode)) return false;
    this.expanded.delete(row.unit.sorCode);
    let end = index + 1;
    while (end < this.rows.length && this.rows[end].depth > row.depth) end++;
    this.rows.splice(index + 1, end - index - 1);
    this.version++;
    return true;
  }

  /** Expands every sibling of a row (the APG `*` key). True when anything changed. */
  expandSiblings(index: number): boolean {
    const depth = this.rows[index]?.depth;
    if (depth === undefined) return false;
    const parent = this.parentIndex(index);
    let changed = false;
    // Walk siblings bottom-up so expanding one does not shift the indexes still to visit.
    let last = parent + 1;
    while (last < this.rows.length && this.rows[last].depth >= depth) last++;
    for (let i = last - 1; i > parent; i--) {
      if (this.rows[i].depth === depth && this.expand(i)) changed = true;
    }
    return changed;
  }

  /** Expands every unit that has children. */
  expandAll(): void {
    const visit = (code: string | null) => {
      for (const child of this.visibleChildren(code, true)) {
        if (this.source.hasChild(child.sorCode)) {
          this.expanded.add(child.sorCode);
          visit(child.sorCode);
        }
      }
    };
    visit(null);
    this.rebuild();
  }

  /**
   * Expands the path down to a unit and returns the index of its row, or -1 when the unit is not
   * shown (hidden by `as-of`, or outside the filter).
   */
  reveal(sorCode: string): number {
    let changed = false;
    for (const ancestor of this.source.ancestors(sorCode)) {
      if (!this.expanded.has(ancestor.sorCode)) {
        this.expanded.add(ancestor.sorCode);
        changed = true;
      }
    }
    if (changed) this.rebuild();
    return this.indexOf(sorCode);
  }

  /**
   * The next row, after `from` and wrapping, whose name starts with `prefix` (type-ahead);
   * -1 when none does.
   */
  findByPrefix(prefix: string, from: number): number {
    const wanted = prefix.toLocaleLowerCase('da');
    const count = this.rows.length;
    for (let step = 1; step <= count; step++) {
      const index = (from + step) % count;
      if (this.rows[index].unit.name.toLocaleLowerCase('da').startsWith(wanted)) return index;
    }
    return -1;
  }

  private visibleChildren(code: string | null, free: boolean): SorUnit[] {
    const allowed = this.allowed;
    return this.source
      .children(code)
      .filter((unit) => this.shown(unit) && (free || allowed === null || allowed.has(unit.sorCode)));
  }

  // Under a match every unit shows again: true when the unit or an ancestor matched.
  private insideMatch(sorCode: string): boolean {
    if (!this.matches) return true;
    if (this.matches.has(sorCode)) return true;
    return this.source.ancestors(sorCode).some((unit) => this.matches!.has(unit.sorCode));
  }

  private appendChildren(rows: TreeRow[], code: string | null, depth: number, free: boolean): void {
    const children = this.visibleChildren(code, free);
    const setSize = children.length;
    for (let i = 0; i < setSize; i++) {
      const unit = children[i];
      const childFree = free || this.matches === null || this.matches.has(unit.sorCode);
      // Unsorted: a row only needs to know whether it has a child to show, not in which order.
      const expandable = this.source.hasChild(
        unit.sorCode,
        (child) =>
          this.shown(child) && (childFree || this.allowed === null || this.allowed.has(child.sorCode)),
      );
      rows.push({ unit, depth, setSize, posInSet: i + 1, expandable });
      if (expandable && this.expanded.has(unit.sorCode))
        this.appendChildren(rows, unit.sorCode, depth + 1, childFree);
    }
  }
}
