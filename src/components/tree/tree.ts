import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { isRetiredOn } from '../../model/dates.js';
import type { SorSelection, SorUnit } from '../../model/types.js';
import { SorFormElement } from '../shared/form-element.js';
import { highlight } from '../shared/highlight.js';
import { levelBadge } from '../shared/level-badge.js';
import { isShownOn, judgeUnit, receivingNote, successorsOf, verdictReason } from '../shared/level-rules.js';
import { languageOf, type SorStrings } from '../shared/strings.js';
import { styleProperties } from '../shared/style-properties.js';
import { successorNote } from '../shared/successor-note.js';
import { WindowController } from '../shared/window-controller.js';
import { TreeController } from './tree-controller.js';
import type { TreeRow } from './tree-model.js';
import { treeStyles } from './tree.styles.js';

const EMPTY_SOURCE = { children: () => [], ancestors: () => [], hasChild: () => false };

/**
 * The SOR hierarchy as a tree: owners → institutions → units of any depth, children read from the
 * catalog as they are opened. It follows the WAI-ARIA APG tree view pattern
 * (https://www.w3.org/WAI/ARIA/apg/patterns/treeview/): focus stays on the tree and
 * `aria-activedescendant` points at the active row; rows carry `aria-level`, `aria-setsize` and
 * `aria-posinset`. Only the rows in view are rendered, so 100,000 expanded units stay smooth.
 *
 * Keys: ↑/↓ move, → opens or moves to the first child, ← closes or moves to the parent,
 * Home/End, Enter/Space choose, `*` opens all siblings, typing a name's first letters jumps to it.
 *
 * Give it data through the `catalog` property (a `SorCatalog`).
 *
 * @summary Browse the SOR hierarchy and pick a unit; get its SOR code, ID27 level and level chain.
 *
 * @fires sor-select - `SorSelectEvent`: the user chose a unit; `event.detail` is the `SorSelection`.
 * @fires change - The value (SOR code) changed by a user action.
 *
 * Forms: the tree is a form-associated element. It submits the chosen SOR code under `name`,
 * checks `required` (`checkValidity()`, `reportValidity()`), follows a disabled `<fieldset>`, and
 * restores its value on form reset and after navigation. A `value` that names no unit, or a SHAK
 * that several units carry, makes it invalid (`validity.badInput`) and nothing is submitted; a
 * SHAK is submitted as its SOR code.
 *
 * Level rules: as on `<sor-picker>`; a snapshot without any ID27 level cannot be judged by level,
 * so the rules are then not applied, and the tree says so.
 *
 * Addressing (`purpose="addressing"`): every unit stays in the tree, since an ancestor that cannot
 * receive MedCom messages leads to children that can; a row that can receive shows its receiving
 * EAN, own or inherited, and EDI system, the others are disabled with the reason. The filter box
 * finds only units that can receive; a pasted EAN finds every unit receiving at it.
 *
 * @csspart field-label - The visible label of the filter box. (Not `label`, which would hide the
 *   `label` attribute in documentation generated from this file.)
 * @csspart input - The filter box.
 * @csspart row - One row of the tree (role treeitem).
 * @csspart toggle - The open/close marker of a row.
 * @csspart badge - The ID27 level badge in a row.
 *
 * @cssprop --sor-color-accent - Accent colour: focus ring, chosen row marker (default #0b5cad; #8ab4f8 under a dark color-scheme).
 * @cssprop --sor-color-accent-subtle - Background of the active row and level badges (default #e8f0fe; #23324a under a dark color-scheme).
 * @cssprop --sor-color-text - Text colour (default CanvasText).
 * @cssprop --sor-color-text-subtle - Secondary text: SOR code, SHAK, notes (default #4a4a4a; #b8bcc2 under a dark color-scheme).
 * @cssprop --sor-color-surface - Filter box and tree background (default Field / Canvas).
 * @cssprop --sor-color-border - Filter box and tree border (default #767676; #8a9099 under a dark color-scheme).
 * @cssprop --sor-color-danger - Retired units and the invalid state (default #a4262c; #ff8a80 under a dark color-scheme).
 * @cssprop --sor-radius - Corner radius (default 4px).
 * @cssprop --sor-tree-height - Height of the scrolling tree (default 24rem).
 * @cssprop --sor-tree-row-height - Height of every row; rows must all be this high (default 2.25rem).
 * @cssprop --sor-tree-indent - Indent per level (default 1.25rem).
 * @cssprop --sor-tree-row-active-bg - Background of the active row; overrides --sor-color-accent-subtle.
 */
export class SorTree extends SorFormElement {
  static override styles = treeStyles;

  /** Show the legacy SHAK code on rows that have one. */
  @property({ type: Boolean, attribute: 'show-shak' }) showShak = false;

  /** How many units the filter box finds at most. */
  @property({ type: Number, attribute: 'filter-limit' }) filterLimit = 200;

  private highlights = new Map<string, [number, number][]>();
  private readonly window = new WindowController(this);
  private readonly tree = new TreeController(
    this,
    {
      choose: (index) => {
        const row = this.tree.model.rows[index];
        if (row) this.choose(row.unit);
      },
      scrollTo: (index) => this.window.scrollToIndex(index),
    },
    EMPTY_SOURCE,
    () => true,
  );

  private readonly filterTask = this.searchTask(
    () => this.query,
    () => this.filterLimit,
    () => 1,
    (hits) => {
      if (hits === null) return;
      this.highlights = new Map(
        hits.filter((hit) => hit.matchedBy === 'name').map((hit) => [hit.unit.sorCode, hit.ranges]),
      );
      this.tree.model.setFilter(hits.map((hit) => hit.unit.sorCode));
      const best = hits[0] ? this.tree.model.indexOf(hits[0].unit.sorCode) : -1;
      if (best >= 0) this.tree.setActive(best);
      this.requestUpdate();
    },
  );

  protected override formAnchor(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[role="tree"]');
  }

  override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('catalog') || changed.has('asOf') || changed.has('includeRetired')) this.resetModel();
    if (
      changed.has('value') ||
      changed.has('valueType') ||
      changed.has('catalog') ||
      changed.has('asOf') ||
      changed.has('purpose') ||
      changed.has('includeRetired')
    ) {
      this.resolveValue(true);
    }
  }

  // A new snapshot while open: keep what is open and active, refresh the selection, move nothing.
  protected override onData(): void {
    this.resetModel();
    this.resolveValue();
  }

  private resetModel(): void {
    const catalog = this.catalog;
    const asOf = this.date;
    const includeRetired = this.includeRetired;
    this.tree.model.reset(catalog?.isReady ? catalog : EMPTY_SOURCE, (unit) =>
      isShownOn(unit, asOf, includeRetired),
    );
  }

  // Also opens the path to the unit `value` names and scrolls it into view, with `reveal`.
  protected override resolveValue(reveal = false): SorSelection[] | null {
    const found = super.resolveValue();
    if (reveal && found?.[0]) this.revealUnit(found[0].sorCode);
    return found;
  }

  /**
   * Opens the path to a unit, makes it the active row and scrolls it into view. False when the
   * unit is not shown (unknown, not valid on `as-of`, or outside the filter).
   */
  reveal(sorCode: string): boolean {
    return this.revealUnit(sorCode) >= 0;
  }

  /** Opens every unit. Rows are virtualised, so even 100,000 open units stay smooth. */
  expandAll(): void {
    this.tree.model.expandAll();
    this.requestUpdate();
  }

  /** Moves focus to the tree. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('[role="tree"]')?.focus(options);
    // The focus event is late or missing while the window is in the background; do not wait for it.
    this.onTreeFocus();
  }

  private revealUnit(sorCode: string): number {
    const index = this.tree.model.reveal(sorCode);
    if (index >= 0) this.tree.setActive(index);
    else this.requestUpdate();
    return index;
  }

  protected override take(selection: SorSelection): string {
    this.message = this.text.chosen(selection.name);
    return selection.sorCode;
  }

  override render() {
    const text = this.text;
    const language = languageOf(this);
    const rows = this.tree.model.rows;
    const [start, end] = this.window.range(rows.length);
    const active = this.tree.activeIndex;
    const note = this.rulesNote;
    const error = this.forms.error || this.valueError;
    const describedBy = [note ? 'note' : '', error ? 'invalid' : ''].filter(Boolean).join(' ');
    const loading = !this.catalog?.isReady;
    const disabled = this.forms.disabled;
    return html`
      <label id="label" part="field-label" for="filter">${this.label || text.filterLabel}</label>
      <input
        id="filter"
        part="input"
        type="search"
        autocomplete="off"
        spellcheck="false"
        aria-controls="tree"
        placeholder=${text.filterPlaceholder}
        ?disabled=${disabled}
        .value=${live(this.query)}
        @input=${this.onFilterInput}
        @keydown=${this.onFilterKeyDown}
      />
      ${note ? html`<p id="note" class="note">${note}</p>` : nothing}
      <div
        id="tree"
        class="viewport"
        role="tree"
        tabindex=${disabled ? '-1' : '0'}
        aria-label=${text.treeLabel}
        aria-busy=${loading ? 'true' : 'false'}
        aria-disabled=${disabled ? 'true' : nothing}
        aria-required=${this.required ? 'true' : nothing}
        aria-invalid=${error ? 'true' : nothing}
        aria-describedby=${describedBy || nothing}
        aria-activedescendant=${active >= start && active < end ? `row-${rows[active].unit.sorCode}` : nothing}
        @keydown=${this.onTreeKeyDown}
        @focus=${this.onTreeFocus}
      >
        <div class="spacer" role="none" ${styleProperties(this.window.spacerStyle(rows.length, start))}>
          ${rows.slice(start, end).map((row, offset) => this.renderRow(row, start + offset, start + offset === active, text, language))}
        </div>
      </div>
      ${loading ? html`<p class="note message">${text.loading}</p>` : nothing}
      ${
        this.tree.model.filtered && rows.length === 0
          ? html`<p class="note message">${this.noMatch(this.query)}</p>`
          : nothing
      }
      ${error ? html`<p id="invalid" class="note invalid">${error}</p>` : nothing}
      ${this.renderSuccessor(rows[active]?.unit, text)} ${this.renderPath(text)}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement(text)}</div>
    `;
  }

  private renderRow(row: TreeRow, index: number, active: boolean, text: SorStrings, language: 'da' | 'en') {
    const { unit } = row;
    const catalog = this.catalog!;
    const expanded = this.tree.model.isExpanded(unit.sorCode);
    const verdict = judgeUnit(unit, () => catalog.ancestors(unit.sorCode), this.rules);
    const choosable = verdict.choosable;
    // Addressing mode: where the unit's messages go, or why it cannot receive them, said short
    // (a row has one line; the note above it, which disabled rows point to, says the rest).
    const problems: Record<string, string> = text.addressingProblems;
    const receiving = !this.rules.receivingOn
      ? ''
      : verdict.choosable
        ? receivingNote(verdict.addressing, text)
        : (problems[verdict.reason] ?? verdictReason(verdict, this.rules, text, language));
    const retired = isRetiredOn(unit.validTo, this.date);
    const ranges = this.tree.model.isMatch(unit.sorCode) ? this.highlights.get(unit.sorCode) : undefined;
    // Rows take no keyboard listeners of their own: the tree handles the keys and points at the
    // active row with aria-activedescendant (APG tree view pattern).
    // The treeitem is named from its content (name, level, code), as in the APG examples; the
    // rule cannot see content bound through expressions.
    /* eslint-disable lit-a11y/click-events-have-key-events, lit-a11y/accessible-name */
    return html`
      <div
        id="row-${unit.sorCode}"
        part="row"
        role="treeitem"
        class=${active ? 'active' : ''}
        ${styleProperties({ '--depth': String(row.depth) })}
        aria-level=${row.depth}
        aria-setsize=${row.setSize}
        aria-posinset=${row.posInSet}
        aria-expanded=${row.expandable ? String(expanded) : nothing}
        aria-selected=${choosable ? String(unit.sorCode === this.currentSelection?.sorCode) : nothing}
        aria-disabled=${choosable ? nothing : 'true'}
        aria-describedby=${!choosable && (this.rules.selectable || this.rules.receivingOn) ? 'note' : nothing}
        @click=${() => this.onRowClick(index)}
      >
        <span
          part="toggle"
          class="toggle"
          aria-hidden="true"
          @click=${(event: Event) => this.onToggleClick(event, index)}
          >${row.expandable ? (expanded ? '▾' : '▸') : ''}</span
        >
        <span class="name">${ranges ? highlight(unit.name, ranges) : unit.name}</span>
        <span class="meta"
          >${levelBadge(unit.level, language)}
          <span class="code">${unit.sorCode}</span>
          ${this.showShak && unit.shak ? html`<span class="shak">SHAK ${unit.shak}</span>` : nothing}
          ${receiving ? html`<span class="hint">${receiving}</span>` : nothing}
          ${retired ? html`<span class="retired">${text.retired}${this.successorLinks(unit, text)}</span>` : nothing}</span
        >
      </div>
    `;
    /* eslint-enable lit-a11y/click-events-have-key-events, lit-a11y/accessible-name */
  }

  // "· replaced by X" with X clickable (the keyboard reaches the same jump below the tree).
  private successorLinks(unit: SorUnit, text: SorStrings) {
    const successors = successorsOf(this.catalog, unit);
    if (successors.length === 0) return nothing;
    return html` ·
    ${text.replacedBy('')}${successors.map(
      (successor, i) =>
        html`${i > 0 ? ', ' : ''}<button
            type="button"
            class="link"
            tabindex="-1"
            @click=${(event: Event) => this.onJump(event, successor.sorCode)}
          >
            <bdi>${successor.name}</bdi>
          </button>`,
    )}`;
  }

  // For the active row, when retired with successors: a focusable jump, so the keyboard reaches it.
  private renderSuccessor(unit: SorUnit | undefined, text: SorStrings) {
    if (!unit || !isRetiredOn(unit.validTo, this.date)) return nothing;
    const lead = html`<bdi>${unit.name}</bdi>: ${text.retired.toLowerCase()}`;
    return successorNote(lead, successorsOf(this.catalog, unit), text, (successor, event) =>
      this.onJump(event, successor.sorCode),
    );
  }

  private renderPath(text: SorStrings) {
    const selection = this.currentSelection;
    if (!selection) return nothing;
    const last = selection.path.length - 1;
    return html`<nav aria-label=${text.pathLabel}>
      <ol>
        ${selection.path.map((step, i) =>
          i === last
            ? html`<li aria-current="location"><bdi>${step.name}</bdi></li>`
            : html`<li>
                <button type="button" class="link" @click=${() => this.onCrumbClick(step.sorCode)}>
                  <bdi>${step.name}</bdi>
                </button>
              </li>`,
        )}
      </ol>
    </nav>`;
  }

  private announcement(text: SorStrings): string {
    if (this.message) return this.message;
    if (this.query.trim() && this.tree.model.filtered)
      return text.filterCount(this.filterTask.value?.length ?? 0);
    return '';
  }

  private onFilterInput(event: InputEvent): void {
    this.query = (event.target as HTMLInputElement).value;
    this.message = '';
    if (this.query.trim() === '') {
      this.highlights.clear();
      this.tree.model.setFilter(null);
      const selected = this.currentSelection && this.tree.model.indexOf(this.currentSelection.sorCode);
      if (selected !== null && selected >= 0) this.tree.setActive(selected);
    }
  }

  private onFilterKeyDown(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' && this.tree.model.rows.length > 0) {
      event.preventDefault();
      this.focus();
    }
  }

  private onTreeFocus(): void {
    if (this.tree.activeIndex >= 0 || this.tree.model.rows.length === 0) return;
    const selected = this.currentSelection ? this.tree.model.indexOf(this.currentSelection.sorCode) : -1;
    this.tree.setActive(selected >= 0 ? selected : 0);
  }

  private onTreeKeyDown(event: KeyboardEvent): void {
    if (this.forms.disabled) return;
    this.message = '';
    if (this.tree.handleKey(event)) event.preventDefault();
  }

  private onRowClick(index: number): void {
    if (this.forms.disabled) return;
    this.tree.setActive(index);
    this.focus();
    const row = this.tree.model.rows[index];
    if (row) this.choose(row.unit);
  }

  private onToggleClick(event: Event, index: number): void {
    event.stopPropagation();
    if (this.forms.disabled) return;
    this.tree.setActive(index);
    this.tree.toggle(index);
    this.focus();
  }

  private onJump(event: Event, sorCode: string): void {
    event.stopPropagation();
    if (this.reveal(sorCode)) this.focus();
  }

  private onCrumbClick(sorCode: string): void {
    if (this.reveal(sorCode)) this.focus();
  }

  override firstUpdated(): void {
    this.window.attach(this.renderRoot.querySelector<HTMLElement>('[role="tree"]')!);
  }

  override updated(): void {
    this.window.measure(this.renderRoot.querySelector<HTMLElement>('[role="treeitem"]'));
  }
}
