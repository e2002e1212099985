import { Task } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { SorCatalog } from '../../catalog/catalog.js';
import { catalogFor } from '../../catalog/catalog-registry.js';
import { isRetiredOn, todayIso } from '../../model/dates.js';
import type { SorSelection, SorUnit } from '../../model/types.js';
import type { SorSearchHit } from '../../search/types.js';
import { CatalogController } from '../shared/catalog-controller.js';
import { SorSelectEvent } from '../shared/events.js';
import { highlight } from '../shared/highlight.js';
import { levelBadge } from '../shared/level-badge.js';
import {
  describeRules,
  judgeUnit,
  parseLevelRules,
  resolvePresetValue,
  selectWithRules,
  verdictReason,
  type LevelRules,
} from '../shared/level-rules.js';
import { STRINGS, languageOf, type SorStrings } from '../shared/strings.js';
import { pickerStyles } from './picker.styles.js';

/**
 * An editable combobox to pick one SOR unit by name, SOR code, SHAK, EAN or ydernummer.
 * It follows the WAI-ARIA APG combobox pattern with a listbox popup
 * (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): focus stays in the input and
 * `aria-activedescendant` points at the active option.
 *
 * Give it data through the `catalog` property (a `SorCatalog`), or the `src` attribute (the URL
 * of a snapshot's `manifest.json`: a catalog kept in IndexedDB and synced, shared by every element
 * on the page with the same `src`).
 *
 * @summary Pick a SOR unit; get its SOR code, ID27 level and level chain.
 *
 * @fires sor-select - `SorSelectEvent`: the user chose a unit; `event.detail` is the `SorSelection`.
 * @fires change - The value (SOR code) changed by a user action.
 *
 * Level rules: with `selectable-levels` other units are listed but cannot be chosen (and say so);
 * with `resolve-level` a choice resolves to the nearest self-or-ancestor at that level, and the
 * selection's `resolvedFrom` names the unit the user chose.
 *
 * @csspart label - The visible label.
 * @csspart input - The text input (role combobox).
 * @csspart listbox - The popup list of options.
 * @csspart option - One option row.
 * @csspart badge - The ID27 level badge in an option.
 *
 * @cssprop --sor-color-accent - Accent colour: focus ring, active option marker (default #0b5cad).
 * @cssprop --sor-color-accent-subtle - Background of the active option and level badges (default #e8f0fe).
 * @cssprop --sor-color-text - Text colour (default CanvasText).
 * @cssprop --sor-color-text-subtle - Secondary text: path, SOR code, messages (default #4a4a4a).
 * @cssprop --sor-color-surface - Input and popup background (default Field / Canvas).
 * @cssprop --sor-color-border - Input and popup border (default #767676).
 * @cssprop --sor-radius - Corner radius (default 4px).
 * @cssprop --sor-picker-popup-max-height - Height limit of the popup before it scrolls (default 22rem).
 * @cssprop --sor-picker-option-active-bg - Background of the active option; overrides --sor-color-accent-subtle.
 */
export class SorPicker extends LitElement {
  static override styles = pickerStyles;

  /** The catalog the picker searches. Required; the picker shows a loading state until it is ready. */
  @property({ attribute: false }) catalog: SorCatalog | null = null;

  /**
   * URL of a snapshot's `manifest.json`. When `catalog` is not set, the picker uses
   * `catalogFor(src)`: the snapshot is stored in IndexedDB, works offline and syncs in the background.
   */
  @property() src = '';

  // The catalog `src` gave, so that a new `src` replaces it but never a catalog the vendor set.
  private catalogFromSrc: SorCatalog | null = null;

  /** The chosen unit's SOR code; set it to preselect a unit (no event is fired for that). */
  @property() value = '';

  /** The visible label; defaults to "SOR-enhed" / "SOR unit" by language. */
  @property() label = '';

  /** Placeholder of the input; defaults to a hint on what can be searched. */
  @property() placeholder = '';

  /** How many results to show at most. */
  @property({ type: Number, attribute: 'max-results' }) maxResults = 20;

  /** Overrides for any UI string (see `SorStrings`). */
  @property({ attribute: false }) strings: Partial<SorStrings> = {};

  /**
   * `shak`: a `value` given as a SHAK code is migrated to its best SOR unit (`catalog.migrateShak`).
   * After a choice `value` holds the SOR code, which is still accepted.
   */
  @property({ attribute: 'value-type' }) valueType: 'sor' | 'shak' = 'sor';

  /** Only units at these ID27 levels may be chosen (names, Danish or English, any case). */
  @property({ attribute: 'selectable-levels' }) selectableLevels = '';

  /** A choice resolves to the nearest self-or-ancestor at this ID27 level (`resolvedFrom` says from which). */
  @property({ attribute: 'resolve-level' }) resolveLevel = '';

  /** The date (`YYYY-MM-DD`) units must be valid on to be found; default today. */
  @property({ attribute: 'as-of' }) asOf = '';

  /** Also find units retired before `as-of`, marked retired with their successors. */
  @property({ type: Boolean, attribute: 'include-retired' }) includeRetired = false;

  /** The last chosen unit as a `SorSelection`, or null. */
  get selection(): SorSelection | null {
    return this.currentSelection;
  }

  /** True when `value` names no unit. */
  get invalid(): boolean {
    return this.invalidValue !== '';
  }

  @state() private query = '';
  @state() private open = false;
  @state() private activeIndex = -1;
  @state() private currentSelection: SorSelection | null = null;
  @state() private invalidValue = '';
  @state() private message = '';

  private rules: LevelRules = { selectable: null, resolveTo: null };

  private readonly data = new CatalogController(this, () => this.resolveValue());

  private readonly searchTask = new Task(this, {
    task: async ([catalog, query, limit, asOf, includeRetired], { signal }) => {
      if (!catalog || query.trim() === '') return [] as SorSearchHit[];
      await catalog.ready;
      return catalog.search(query, { limit, signal, filter: { asOf, includeRetired } });
    },
    args: () =>
      [
        this.catalog,
        this.query,
        this.maxResults,
        this.date,
        this.includeRetired,
        this.data.revision,
      ] as const,
  });

  private get text(): SorStrings {
    return { ...STRINGS[languageOf(this)], ...this.strings };
  }

  private get date(): string {
    return this.asOf || todayIso();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') && (this.catalog === null || this.catalog === this.catalogFromSrc)) {
      this.catalogFromSrc = this.src ? catalogFor(this.src) : null;
      this.catalog = this.catalogFromSrc;
    }
    if (changed.has('selectableLevels') || changed.has('resolveLevel')) {
      this.rules = parseLevelRules(this.selectableLevels, this.resolveLevel);
    }
    if (changed.has('catalog')) this.data.observe(this.catalog);
    if (changed.has('value') || changed.has('valueType') || changed.has('catalog') || changed.has('asOf')) {
      this.resolveValue();
    }
  }

  // Shows the unit a `value` names (set by a vendor or restored), without firing events.
  private resolveValue(): void {
    if (
      this.value === this.currentSelection?.sorCode &&
      this.currentSelection.snapshot.id === this.catalog?.snapshot?.id
    ) {
      return;
    }
    if (!this.catalog?.isReady) return;
    this.invalidValue = '';
    const unit = this.value
      ? resolvePresetValue(this.catalog, this.value, this.valueType, this.date)
      : undefined;
    if (!unit) {
      this.currentSelection = null;
      // An unknown code is shown as such, never as a silent blank.
      if (this.value) this.invalidValue = this.value;
      return;
    }
    this.currentSelection = this.catalog.select(unit.sorCode, { asOf: this.date });
    if (!this.open) this.query = unit.name;
  }

  private get hits(): SorSearchHit[] {
    return this.searchTask.value ?? [];
  }

  override render() {
    const text = this.text;
    const hits = this.hits;
    const expanded = this.open && this.query.trim() !== '';
    const active =
      expanded && this.activeIndex >= 0 && this.activeIndex < hits.length ? this.activeIndex : -1;
    const note = describeRules(this.rules, text, languageOf(this));
    const describedBy = [note ? 'note' : '', this.invalidValue ? 'invalid' : ''].filter(Boolean).join(' ');
    return html`
      <label id="label" part="label" for="input">${this.label || text.label}</label>
      <input
        id="input"
        part="input"
        type="text"
        role="combobox"
        aria-labelledby="label"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-controls="listbox"
        aria-expanded=${expanded ? 'true' : 'false'}
        aria-activedescendant=${active >= 0 ? `option-${active}` : nothing}
        aria-invalid=${this.invalidValue ? 'true' : nothing}
        aria-describedby=${describedBy || nothing}
        placeholder=${this.placeholder || text.placeholder}
        .value=${live(this.query)}
        @input=${this.onInput}
        @keydown=${this.onKeyDown}
        @blur=${this.onBlur}
        @click=${this.onInputClick}
      />
      <div class="popup" ?hidden=${!expanded}>
        <ul id="listbox" part="listbox" role="listbox" aria-label=${this.label || text.label}>
          ${expanded ? hits.map((hit, index) => this.renderOption(hit, index, index === active, text)) : nothing}
        </ul>
        ${expanded ? this.renderMessage(hits, text) : nothing}
      </div>
      ${note ? html`<p id="note" class="note">${note}</p>` : nothing}
      ${
        this.invalidValue
          ? html`<p id="invalid" class="note invalid">${text.unknownValue(this.invalidValue)}</p>`
          : nothing
      }
      ${this.renderRetiredChoice(text)}
      <div class="visually-hidden" role="status" aria-live="polite">
        ${this.announcement(hits, expanded, text)}
      </div>
    `;
  }

  private renderOption(hit: SorSearchHit, index: number, active: boolean, text: SorStrings) {
    const { unit } = hit;
    const language = languageOf(this);
    const retired = isRetiredOn(unit.validTo, this.date);
    const catalog = this.catalog;
    const verdict = catalog
      ? judgeUnit(unit, () => catalog.ancestors(unit.sorCode), this.rules)
      : { choosable: true as const, target: unit };
    // Options take no keyboard listeners of their own: the combobox input handles the keys and
    // points at the active option with aria-activedescendant (APG combobox pattern).
    /* eslint-disable lit-a11y/click-events-have-key-events */
    return html`
      <li
        id="option-${index}"
        part="option"
        role="option"
        aria-selected=${active ? 'true' : 'false'}
        aria-disabled=${verdict.choosable ? nothing : 'true'}
        @mousedown=${(event: MouseEvent) => event.preventDefault()}
        @click=${() => this.choose(unit)}
      >
        <span class="name">${hit.matchedBy === 'name' ? highlight(unit.name, hit.ranges) : unit.name}</span>
        <span class="context">${this.contextOf(unit, text)}</span>
        <span class="meta">
          ${levelBadge(unit.level, language)}
          <span class="code"
            >SOR ${hit.matchedBy === 'sorCode' ? highlight(unit.sorCode, hit.ranges) : unit.sorCode}</span
          >
          ${
            hit.matchedBy !== 'name' && hit.matchedBy !== 'sorCode'
              ? html`<span class="hint">${text.matchedBy[hit.matchedBy]} ${unit[hit.matchedBy]}</span>`
              : nothing
          }
          ${retired ? html`<span class="retired">${text.retired}${this.successorText(unit, text)}</span>` : nothing}
          ${
            verdict.choosable
              ? nothing
              : html`<span class="reason">${verdictReason(verdict, this.rules, text, language)}</span>`
          }
        </span>
      </li>
    `;
    /* eslint-enable lit-a11y/click-events-have-key-events */
  }

  private successorsOf(unit: SorUnit): SorUnit[] {
    return unit.replacedBy.flatMap((code) => this.catalog?.get(code) ?? []);
  }

  private successorText(unit: SorUnit, text: SorStrings): string {
    const names = this.successorsOf(unit).map((successor) => successor.name);
    return names.length > 0 ? ` · ${text.replacedBy(names.join(', '))}` : '';
  }

  // After a retired unit was chosen: name its successor and offer a one-click jump to it.
  private renderRetiredChoice(text: SorStrings) {
    const selection = this.currentSelection;
    if (!selection?.retired || this.open) return nothing;
    const successors = selection.replacedBy.flatMap((code) => this.catalog?.get(code) ?? []);
    if (successors.length === 0) return nothing;
    return html`<p class="note successor">
      ${text.retired}, ${text.replacedBy('')}
      ${successors.map(
        (successor) =>
          html`<button type="button" @click=${() => this.choose(successor)}>
            ${text.goToSuccessor(successor.name)}
          </button> `,
      )}
    </p>`;
  }

  // Where the unit sits: its institution and parent for a unit, its owner for an institution.
  private contextOf(unit: SorUnit, text: SorStrings): string {
    if (!this.catalog || unit.kind === 'IE') return text.kind[unit.kind];
    const ancestors = this.catalog.ancestors(unit.sorCode);
    const institution = ancestors.find((step) => step.kind === 'SI');
    const parent = ancestors.at(-1);
    if (unit.kind === 'SI' || !institution) return parent?.name ?? text.kind[unit.kind];
    return parent && parent !== institution ? `${institution.name} › ${parent.name}` : institution.name;
  }

  private renderMessage(hits: SorSearchHit[], text: SorStrings) {
    const message = this.statusMessage(hits, text);
    return message && hits.length === 0 ? html`<div class="message">${message}</div>` : nothing;
  }

  // The message for the current state, or '' when results are showing.
  private statusMessage(hits: SorSearchHit[], text: SorStrings): string {
    if (!this.catalog || !this.catalog.isReady) return text.loading;
    if (this.catalog.size === 0) return text.noData;
    return this.searchTask.render({
      pending: () => text.searching,
      error: (error) => text.searchFailed(error instanceof Error ? error.message : String(error)),
      complete: () => (hits.length === 0 ? text.noMatch(this.query.trim()) : ''),
      initial: () => '',
    }) as string;
  }

  private announcement(hits: SorSearchHit[], expanded: boolean, text: SorStrings): string {
    if (this.message) return this.message;
    if (!expanded) return this.currentSelection ? text.chosen(this.currentSelection.name) : '';
    return this.statusMessage(hits, text) || text.resultCount(hits.length);
  }

  private onInput(event: InputEvent): void {
    this.query = (event.target as HTMLInputElement).value;
    this.message = '';
    this.invalidValue = '';
    this.open = true;
    this.activeIndex = -1;
    // Editing the text after a choice means the old value no longer stands.
    if (this.value !== '') {
      this.value = '';
      this.currentSelection = null;
      this.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }

  private onInputClick(): void {
    if (this.query.trim() !== '' && !this.currentSelection) this.open = true;
  }

  private onBlur(): void {
    this.open = false;
    this.activeIndex = -1;
  }

  private onKeyDown(event: KeyboardEvent): void {
    const count = this.hits.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!this.open || event.altKey) {
          this.open = true;
          if (event.altKey) return;
        }
        if (count > 0) this.activeIndex = this.activeIndex + 1 >= count ? 0 : this.activeIndex + 1;
        break;
      case 'ArrowUp':
        event.preventDefault();
        this.open = true;
        if (count > 0) this.activeIndex = this.activeIndex <= 0 ? count - 1 : this.activeIndex - 1;
        break;
      case 'Home':
      case 'End':
        // With an active option, Home/End move within the list; otherwise they move the caret.
        if (this.open && this.activeIndex >= 0 && count > 0) {
          event.preventDefault();
          this.activeIndex = event.key === 'Home' ? 0 : count - 1;
        }
        break;
      case 'Enter':
        if (this.open && this.activeIndex >= 0 && this.activeIndex < count) {
          event.preventDefault();
          this.choose(this.hits[this.activeIndex].unit);
        }
        break;
      case 'Escape':
        if (this.open && this.query.trim() !== '') {
          event.preventDefault();
          this.open = false;
          this.activeIndex = -1;
        } else if (this.query !== '') {
          event.preventDefault();
          this.clear();
        }
        break;
      case 'Tab':
        this.open = false;
        this.activeIndex = -1;
        break;
    }
  }

  override updated(): void {
    if (this.activeIndex >= 0) {
      this.renderRoot.querySelector(`#option-${this.activeIndex}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  private clear(): void {
    const hadValue = this.value !== '';
    this.query = '';
    this.value = '';
    this.currentSelection = null;
    if (hadValue) this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  private choose(unit: SorUnit): void {
    const catalog = this.catalog;
    if (!catalog) return;
    const text = this.text;
    const selection = selectWithRules(catalog, unit, this.rules, this.date);
    if (!selection) {
      // Browsed but not choosable: stay open and say why.
      const verdict = judgeUnit(unit, () => catalog.ancestors(unit.sorCode), this.rules);
      this.message = text.notChoosable(unit.name, verdictReason(verdict, this.rules, text, languageOf(this)));
      return;
    }
    this.currentSelection = selection;
    this.invalidValue = '';
    this.value = selection.sorCode;
    this.query = selection.name;
    this.open = false;
    this.activeIndex = -1;
    this.message = selection.resolvedFrom
      ? text.resolvedFrom(selection.name, selection.resolvedFrom.name)
      : '';
    this.dispatchEvent(new SorSelectEvent(selection));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** Moves focus to the input. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('input')?.focus(options);
  }
}
