import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { SorSearchHit } from '../../catalog/index.js';
import type { SorSelection } from '../../model/types.js';
import { SorSelectEvent } from '../shared/events.js';
import { SorFormElement } from '../shared/form-element.js';
import { languageOf, type SorStrings } from '../shared/strings.js';
import { successorsOf } from '../shared/level-rules.js';
import { styleProperties } from '../shared/style-properties.js';
import { successorNote } from '../shared/successor-note.js';
import { WindowController } from '../shared/window-controller.js';
import { ComboboxController } from './combobox-controller.js';
import { optionRows, type SorOptionRenderer } from './option.js';
import { pickerStyles } from './picker.styles.js';
import { institutionOf, isWindowed, resultRows, rowOfOption, type ResultList } from './result-rows.js';

export type { SorOptionContext, SorOptionRenderer } from './option.js';

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
 * @fires sor-select - `SorSelectEvent`: the user chose a unit (`event.detail` is the `SorSelection`),
 *   or cleared the field (`event.detail` is `null`).
 * @fires change - The value (SOR code) changed by a user action.
 *
 * Forms: the picker is a form-associated element. It submits the chosen SOR code under `name`
 * (with `multiple` each code as its own field), checks `required` (`checkValidity()`,
 * `reportValidity()`), follows a disabled `<fieldset>`, and restores its value on form reset and
 * after navigation. A `value` that names no unit, or a SHAK that several units carry, makes it
 * invalid (`validity.badInput`) and nothing is submitted; a SHAK is submitted as its SOR code.
 *
 * Level rules: with `selectable-levels` other units are listed but cannot be chosen (and say so);
 * with `resolve-level` a choice resolves to the nearest self-or-ancestor at that level, and the
 * selection's `resolvedFrom` names the unit the user chose. A snapshot without any ID27 level
 * cannot be judged by level: the rules are then not applied, and the picker says so.
 *
 * Addressing (`purpose="addressing"`, a "send to" field for MedCom messages): only units that can
 * receive are listed (the others are left out of the results, as a search filter), each with its
 * receiving EAN, own or inherited, and EDI system; a pasted EAN lists every unit receiving at it,
 * the owner first, or says why that EAN cannot receive.
 *
 * @csspart field-label - The visible label. (Not `label`: a part of that name would hide the `label`
 *   attribute in documentation generated from this file.)
 * @csspart input - The text input (role combobox).
 * @csspart listbox - The popup list of options.
 * @csspart option - One option row.
 * @csspart badge - The ID27 level badge in an option.
 * @csspart chip - With `multiple`: one chosen unit, a button that removes it.
 *
 * @cssprop --sor-color-accent - Accent colour: focus ring, active option marker (default #0b5cad; #8ab4f8 under a dark color-scheme).
 * @cssprop --sor-color-accent-subtle - Background of the active option and level badges (default #e8f0fe; #23324a under a dark color-scheme).
 * @cssprop --sor-color-text - Text colour (default CanvasText).
 * @cssprop --sor-color-text-subtle - Secondary text: path, SOR code, messages (default #4a4a4a; #b8bcc2 under a dark color-scheme).
 * @cssprop --sor-color-surface - Input and popup background (default Field / Canvas).
 * @cssprop --sor-color-border - Input and popup border (default #767676; #8a9099 under a dark color-scheme).
 * @cssprop --sor-radius - Corner radius (default 4px).
 * @cssprop --sor-picker-popup-max-height - Height limit of the popup before it scrolls (default 22rem).
 * @cssprop --sor-picker-option-active-bg - Background of the active option; overrides --sor-color-accent-subtle.
 * @cssprop --sor-picker-option-height - Height of every option once a long list is windowed (default 3.25rem; 4.5rem with `purpose="addressing"`, whose rows have a third line).
 * @cssprop --sor-color-danger - Invalid state and retired units (default #a4262c; #ff8a80 under a dark color-scheme).
 * @cssprop --sor-chip-bg - Background of a chip (`multiple`); overrides --sor-color-accent-subtle.
 * @cssprop --sor-chip-color - Text colour of a chip; overrides --sor-color-accent-strong (default #073b70; #d2e3fc under a dark color-scheme).
 * @cssprop --sor-chip-border-color - Border of a chip (default transparent; system colour in forced-colours mode).
 */
export class SorPicker extends SorFormElement {
  static override styles = pickerStyles;

  /**
   * Choose several units: they show as chips (Backspace in the empty input removes the last) and
   * `value` holds their codes. `sor-select` fires for each choice.
   */
  @property({ type: Boolean, reflect: true }) multiple = false;

  /**
   * Milliseconds to wait after a keystroke before searching. Default 0: the in-memory search
   * answers within a frame and @lit/task aborts a superseded run, so waiting only adds latency;
   * raise it for a catalog whose search is slow.
   */
  @property({ type: Number }) debounce = 0;

  /** Search only once this many characters are typed (fewer: the list says how many are needed). */
  @property({ type: Number, attribute: 'min-chars' }) minChars = 1;

  /** `institution`: results grouped under their health institution, each group named. */
  @property({ attribute: 'group-by' }) groupBy: '' | 'institution' = '';

  /** Draws the content of each option row (see `SorOptionRenderer`); null: the built-in row. */
  @property({ attribute: false }) renderOption: SorOptionRenderer | null = null;

  /** Placeholder of the input; defaults to a hint on what can be searched. */
  @property() placeholder = '';

  /** How many results to show at most. */
  @property({ type: Number, attribute: 'max-results' }) maxResults = 20;

  /** With `multiple`: every chosen unit, in the order chosen. */
  override get selections(): SorSelection[] {
    return this.multiple ? this.chosen : this.currentSelection ? [this.currentSelection] : [];
  }

  // What the search runs on: `query` once the debounce has passed.
  @state() private searchQuery = '';
  @state() private chosen: SorSelection[] = [];

  private readonly window = new WindowController(this);
  private readonly combobox = new ComboboxController(this, {
    count: () => this.list.hits.length,
    query: () => this.query,
    choose: (index) => this.choose(this.list.hits[index].unit),
    clear: () => this.clear(),
    removeLast: () => {
      if (!this.multiple || this.chosen.length === 0) return false;
      void this.removeChip(this.chosen.length - 1, true);
      return true;
    },
    // The active option must be rendered (inside the window) before aria-activedescendant names it.
    reveal: (index) => {
      if (isWindowed(this.list.rows.length)) this.window.scrollToIndex(rowOfOption(this.list.rows, index));
    },
  });
  private timer?: ReturnType<typeof setTimeout>;
  // The shown results in list order (grouped when `group-by` says so), and the list's rows.
  private list: ResultList = { hits: [], rows: [] };

  private readonly search = this.searchTask(
    () => this.searchQuery,
    () => this.maxResults,
    () => this.minChars,
  );

  protected override formAnchor(): HTMLElement | null {
    return this.renderRoot.querySelector('input');
  }

  protected override valueCodes(): string[] {
    return this.multiple ? this.forms.values : super.valueCodes();
  }

  override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (
      changed.has('value') ||
      changed.has('valueType') ||
      changed.has('catalog') ||
      changed.has('asOf') ||
      changed.has('purpose') ||
      changed.has('multiple')
    ) {
      this.resolveValue();
    }
    if (changed.has('query')) {
      clearTimeout(this.timer);
      // Only typing waits: a query set by a choice or a reset applies at once.
      if (this.debounce > 0 && this.combobox.open) {
        this.timer = setTimeout(() => (this.searchQuery = this.query), this.debounce);
      } else {
        this.searchQuery = this.query;
      }
    }
    const catalog = this.catalog;
    this.list = resultRows(
      this.search.value ?? [],
      this.groupBy === 'institution' && catalog
        ? (unit) => institutionOf(unit, (sorCode) => catalog.ancestors(sorCode))
        : null,
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  // Also shows the unit(s) `value` names: as chips with `multiple`, else as the input's text.
  protected override resolveValue(): SorSelection[] | null {
    const found = super.resolveValue();
    if (!found) return found;
    this.chosen = this.multiple ? found : [];
    if (!this.multiple && !this.combobox.open) {
      // An ambiguous SHAK stays in the input: opening the list then shows the units carrying it.
      const shown = found[0]?.name ?? this.problems.find((item) => item.found === 'ambiguous')?.code;
      if (shown !== undefined) this.query = shown;
    }
    return found;
  }

  override render() {
    const text = this.text;
    const language = languageOf(this);
    const { hits, rows } = this.list;
    const disabled = this.forms.disabled;
    const expanded = this.combobox.open && this.query.trim() !== '' && !disabled;
    const activeIndex = this.combobox.activeIndex;
    const active = expanded && activeIndex >= 0 && activeIndex < hits.length ? activeIndex : -1;
    const windowed = expanded && isWindowed(rows.length);
    const [start, end] = windowed ? this.window.range(rows.length) : [0, expanded ? rows.length : 0];
    const shown = rows.slice(start, end);
    const note = this.rulesNote;
    const error = this.forms.error || this.valueError;
    const describedBy = [note ? 'note' : '', error ? 'invalid' : ''].filter(Boolean).join(' ');
    return html`
      <label id="label" part="field-label" for="input">${this.label || text.label}</label>
      ${
        this.multiple && this.chosen.length > 0
          ? html`<div class="chips">
              ${this.chosen.map(
                (selection, index) =>
                  html`<button
                    type="button"
                    part="chip"
                    class="chip"
                    aria-label=${text.remove(selection.name)}
                    ?disabled=${disabled || this.readonly}
                    @click=${() => this.removeChip(index, false)}
                    @keydown=${(event: KeyboardEvent) => this.onChipKeyDown(event, index)}
                  >
                    <bdi>${selection.name}</bdi><span aria-hidden="true">×</span>
                  </button>`,
              )}
            </div>`
          : nothing
      }
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
        aria-activedescendant=${active >= 0 && rowOfOption(shown, active) >= 0 ? `option-${active}` : nothing}
        aria-invalid=${error ? 'true' : nothing}
        aria-required=${this.required ? 'true' : nothing}
        aria-describedby=${describedBy || nothing}
        placeholder=${this.placeholder || text.placeholder}
        ?disabled=${disabled}
        ?readonly=${this.readonly}
        .value=${live(this.query)}
        @input=${this.onInput}
        @keydown=${this.onKeyDown}
        @blur=${this.onBlur}
        @click=${this.onInputClick}
      />
      <div class="popup" ?hidden=${!expanded}>
        <div
          id="listbox"
          part="listbox"
          role="listbox"
          class=${windowed ? 'windowed' : ''}
          aria-label=${this.label || text.label}
        >
          <div role="none" ${styleProperties(windowed ? this.window.spacerStyle(rows.length, start) : {})}>
            ${optionRows(shown, {
              catalog: this.catalog,
              rules: this.rules,
              text,
              language,
              date: this.date,
              active,
              setSize: windowed ? hits.length : 0,
              renderOption: this.renderOption,
              choose: (unit) => this.choose(unit),
            })}
          </div>
        </div>
        ${expanded ? this.renderMessage(hits, text) : nothing}
      </div>
      ${note ? html`<p id="note" class="note">${note}</p>` : nothing}
      ${error ? html`<p id="invalid" class="note invalid">${error}</p>` : nothing}
      ${this.renderRetiredChoice(text)}
      <div class="visually-hidden" role="status" aria-live="polite">
        ${this.announcement(hits, expanded, text)}
      </div>
    `;
  }

  // After a retired unit was chosen: name its successor and offer a one-click jump to it.
  private renderRetiredChoice(text: SorStrings) {
    const selection = this.currentSelection;
    if (!selection?.retired || this.combobox.open) return nothing;
    return successorNote(text.retired, successorsOf(this.catalog, selection), text, (successor) =>
      this.choose(successor),
    );
  }

  private renderMessage(hits: SorSearchHit[], text: SorStrings) {
    const message = this.statusMessage(hits, text);
    return message && hits.length === 0 ? html`<div class="message">${message}</div>` : nothing;
  }

  // The message for the current state, or '' when results are showing.
  private statusMessage(hits: SorSearchHit[], text: SorStrings): string {
    const catalog = this.catalog;
    if (!catalog?.isReady) {
      const { state, lastError } = catalog?.status ?? {};
      if (state === 'syncing') return text.syncing(null);
      return lastError ? text.syncFailed(lastError.message) : text.loading;
    }
    if (catalog.size === 0) return text.noData;
    const typed = this.query.trim().length;
    if (typed < this.minChars) return text.minChars(this.minChars);
    if (this.query !== this.searchQuery) return text.searching;
    return this.search.render({
      pending: () => text.searching,
      error: (error) => text.searchFailed(error instanceof Error ? error.message : String(error)),
      complete: () => (hits.length === 0 ? this.noMatch(this.query) : ''),
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
    this.problems = [];
    this.combobox.show(-1);
    // Editing the text after a choice means the old value no longer stands (one value only).
    if (!this.multiple && this.value !== '') this.clearValue();
  }

  private onInputClick(): void {
    if (this.query.trim() !== '' && !this.currentSelection) this.combobox.show();
  }

  private onBlur(): void {
    this.combobox.close();
  }

  private onKeyDown(event: KeyboardEvent): void {
    // Read-only: the value stays; Tab and the caret keys work as in a native readonly input.
    if (!this.readonly) this.combobox.handleKey(event);
  }

  override firstUpdated(): void {
    // The listbox itself scrolls: axe and screen readers treat a combobox's scrolling popup as
    // reached through the input, which it is (APG combobox).
    this.window.attach(this.renderRoot.querySelector<HTMLElement>('[role="listbox"]')!);
  }

  override updated(): void {
    if (isWindowed(this.list.rows.length)) {
      this.window.measure(this.renderRoot.querySelector<HTMLElement>('[role="option"]'));
    }
    if (this.combobox.activeIndex >= 0) {
      this.renderRoot
        .querySelector(`#option-${this.combobox.activeIndex}`)
        ?.scrollIntoView({ block: 'nearest' });
    }
  }

  // Backspace or Delete on a chip removes it, as on a chip of a native-feeling token field.
  private onChipKeyDown(event: KeyboardEvent, index: number): void {
    if (event.key === 'Backspace' || event.key === 'Delete') {
      event.preventDefault();
      this.removeChip(index, false);
    }
  }

  // Removes a chosen unit (`multiple`). Focus goes to the chip now in its place, else the input,
  // so a keyboard user removing several in a row never loses their place.
  private async removeChip(index: number, keepInput: boolean): Promise<void> {
    if (this.forms.disabled || this.readonly) return;
    const gone = this.chosen[index];
    this.chosen = this.chosen.filter((selection) => selection !== gone);
    this.currentSelection = this.chosen.at(-1) ?? null;
    this.value = this.chosen.map((selection) => selection.sorCode).join(' ');
    this.message = this.text.removed(gone.name);
    if (this.chosen.length === 0) this.dispatchEvent(new SorSelectEvent(null));
    this.dispatchEvent(new Event('change', { bubbles: true }));
    await this.updateComplete;
    const chip = keepInput ? null : this.renderRoot.querySelectorAll<HTMLElement>('.chip')[index];
    (chip ?? this.renderRoot.querySelector('input'))?.focus();
  }

  private clear(): void {
    this.query = '';
    this.problems = [];
    if (this.value !== '') this.clearValue();
  }

  // The user emptied the field: `sor-select` with a null detail when a unit was chosen, and `change`.
  private clearValue(): void {
    const hadSelection = this.currentSelection !== null;
    this.value = '';
    this.chosen = [];
    this.currentSelection = null;
    if (hadSelection) this.dispatchEvent(new SorSelectEvent(null));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  protected override take(selection: SorSelection): string {
    this.combobox.close();
    this.message = '';
    if (!this.multiple) {
      this.query = selection.name;
      return selection.sorCode;
    }
    if (!this.chosen.some((chosen) => chosen.sorCode === selection.sorCode)) {
      this.chosen = [...this.chosen, selection];
    }
    this.query = '';
    return this.chosen.map((chosen) => chosen.sorCode).join(' ');
  }

  /** The form was reset: back to the value the page gave. */
  override formResetCallback(): void {
    this.query = '';
    super.formResetCallback();
  }

  /** Moves focus to the input. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('input')?.focus(options);
  }
}
