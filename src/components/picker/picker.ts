import { Task } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { SorCatalog, SorSearchHit } from '../../catalog/index.js';
import { SrcCatalog } from '../shared/src-catalog.js';
import { isRetiredOn, todayIso } from '../../model/dates.js';
import type { UiLanguage } from '../../model/id27.js';
import type { SorSelection, SorUnit } from '../../model/types.js';
import { CatalogController } from '../shared/catalog-controller.js';
import { SorSelectEvent } from '../shared/events.js';
import { FormController, type FormValidation } from '../shared/form-controller.js';
import { SorFormElement } from '../shared/form-element.js';
import { highlight } from '../shared/highlight.js';
import { levelBadge } from '../shared/level-badge.js';
import {
  describeRules,
  judgeUnit,
  notChoosableMessage,
  parseLevelRules,
  resolvePresetValue,
  rulesForData,
  selectWithRules,
  valueProblem,
  verdictReason,
  type LevelRules,
  type PresetResolution,
} from '../shared/level-rules.js';
import { isolateBidi, languageOf, stringsFor, type SorStrings } from '../shared/strings.js';
import { styleProperties } from '../shared/style-properties.js';
import { WindowController } from '../shared/window-controller.js';
import { pickerStyles } from './picker.styles.js';

/** What a custom option renderer (`renderOption`) gets besides the unit. */
export interface SorOptionContext {
  /** The unit's name with the matched text marked: use it where the row shows the name. */
  name: TemplateResult | string;
  /** The search hit: which field matched, and where. */
  hit: SorSearchHit;
  /** The option is the active one (the keyboard points at it). */
  active: boolean;
  /** The unit is retired on `as-of`. */
  retired: boolean;
  /** The unit may be chosen under the level rules. */
  choosable: boolean;
  language: UiLanguage;
}

/**
 * Draws the content of one option row. The picker keeps the option element itself (role, state,
 * id, click); the row's text is the option's accessible name, so lead with `context.name` (the
 * whole unit name, matched text marked). Return text or a Lit template (never raw HTML).
 */
export type SorOptionRenderer = (unit: SorUnit, context: SorOptionContext) => TemplateResult | string;

// One row of the list: an option, or with grouping the visible heading of an institution's group.
interface ListRow {
  group: SorUnit | null;
  hit?: SorSearchHit;
  index: number;
}

// Lists longer than this are windowed. Shorter ones render whole, so option rows may wrap.
const WINDOW_FROM = 50;

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
 * @cssprop --sor-picker-option-height - Height of every option once a long list is windowed (default 3.25rem).
 * @cssprop --sor-color-danger - Invalid state and retired units (default #a4262c; #ff8a80 under a dark color-scheme).
 * @cssprop --sor-chip-bg - Background of a chip (`multiple`); overrides --sor-color-accent-subtle.
 * @cssprop --sor-chip-color - Text colour of a chip; overrides --sor-color-accent-strong (default #073b70; #d2e3fc under a dark color-scheme).
 * @cssprop --sor-chip-border-color - Border of a chip (default transparent; system colour in forced-colours mode).
 */
export class SorPicker extends SorFormElement {
  static override styles = pickerStyles;

  /** The catalog the picker searches. Required; the picker shows a loading state until it is ready. */
  @property({ attribute: false }) catalog: SorCatalog | null = null;

  /**
   * URL of a snapshot's `manifest.json`. When `catalog` is not set, the picker uses
   * `catalogFor(src)`: the snapshot is stored in IndexedDB, works offline and syncs in the background.
   */
  @property() src = '';

  private readonly srcCatalog = new SrcCatalog();

  /**
   * The chosen unit's SOR code; set it to preselect a unit (no event is fired for that). With
   * `multiple`: the chosen codes, separated by spaces.
   */
  @property() value = '';

  /** The name the value is submitted under in a form. */
  @property({ reflect: true }) name = '';

  /** A form cannot be submitted without a unit chosen; the message is localised. */
  @property({ type: Boolean, reflect: true }) required = false;

  /** Cannot be used or focused, and is not submitted. A disabled `<fieldset>` does the same. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Shows the value (and submits it) but cannot change it. */
  @property({ type: Boolean, reflect: true }) readonly = false;

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

  /** The visible label; defaults to "SOR-enhed" / "SOR unit" by language. */
  @property() label = '';

  /** Placeholder of the input; defaults to a hint on what can be searched. */
  @property() placeholder = '';

  /** How many results to show at most. */
  @property({ type: Number, attribute: 'max-results' }) maxResults = 20;

  /** Overrides for any UI string (see `SorStrings`). */
  @property({ attribute: false }) strings: Partial<SorStrings> = {};

  /**
   * `shak`: a `value` given as a SHAK code is migrated to its SOR unit (`catalog.migrateShak`);
   * once resolved, `value` holds that unit's SOR code, and a form gets the SOR code, never the
   * SHAK. A SHAK that several units carry leaves the picker invalid until the user chooses.
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

  /** With `multiple`: every chosen unit, in the order chosen. */
  get selections(): SorSelection[] {
    return this.multiple ? this.chosen : this.currentSelection ? [this.currentSelection] : [];
  }

  /**
   * True when `value` cannot be submitted: it names no unit, is a SHAK that several units carry,
   * or is a SHAK still waiting for the data to load.
   */
  get invalid(): boolean {
    return this.valueError !== '';
  }

  @state() private query = '';
  // What the search runs on: `query` once the debounce has passed.
  @state() private searchQuery = '';
  @state() private chosen: SorSelection[] = [];
  @state() private open = false;
  @state() private activeIndex = -1;
  @state() private currentSelection: SorSelection | null = null;
  // The codes of `value` that name no single unit (unknown, or an ambiguous SHAK).
  @state() private problems: PresetResolution[] = [];
  @state() private message = '';

  private parsedRules: LevelRules = { selectable: null, resolveTo: null };
  // The rules as applied to the catalog's data (none when it has no ID27 level at all).
  private rules: LevelRules = this.parsedRules;

  private readonly data = new CatalogController(this, () => this.resolveValue());
  private readonly window = new WindowController(this);
  protected readonly forms: FormController = new FormController(this, (): FormValidation => ({
    required: this.text.required,
    badValue: this.valueError,
    codes: this.catalog?.isReady ? this.selections.map((selection) => selection.sorCode) : this.forms.values,
    anchor: this.renderRoot.querySelector('input'),
  }));
  private timer?: ReturnType<typeof setTimeout>;
  // The shown results in list order (grouped when `group-by` says so), and the list's rows.
  private list: { hits: SorSearchHit[]; rows: ListRow[] } = { hits: [], rows: [] };

  private readonly searchTask = new Task(this, {
    task: async ([catalog, query, limit, asOf, includeRetired, minChars], { signal }) => {
      if (!catalog || query.trim().length < Math.max(1, minChars)) return [] as SorSearchHit[];
      await catalog.ready;
      return catalog.search(query, { limit, signal, filter: { asOf, includeRetired } });
    },
    args: () =>
      [
        this.catalog,
        this.searchQuery,
        this.maxResults,
        this.date,
        this.includeRetired,
        this.minChars,
        this.data.revision,
      ] as const,
  });

  private get text(): SorStrings {
    return stringsFor(this, this.strings);
  }

  private get date(): string {
    return this.asOf || todayIso();
  }

  private get valueError(): string {
    const pending = { catalog: this.catalog, codes: this.forms.values, valueType: this.valueType };
    return valueProblem(this.problems, pending, this.text);
  }

  override willUpdate(changed: PropertyValues): void {
    if (changed.has('src')) this.catalog = this.srcCatalog.resolve(this.src, this.catalog);
    if (changed.has('selectableLevels') || changed.has('resolveLevel')) {
      this.parsedRules = parseLevelRules(this.selectableLevels, this.resolveLevel);
    }
    // Every update: the data may have changed (a snapshot with levels replacing one without).
    this.rules = rulesForData(this.parsedRules, this.catalog);
    if (changed.has('catalog')) this.data.observe(this.catalog);
    if (
      changed.has('value') ||
      changed.has('valueType') ||
      changed.has('catalog') ||
      changed.has('asOf') ||
      changed.has('multiple')
    ) {
      this.resolveValue();
    }
    if (changed.has('query')) {
      clearTimeout(this.timer);
      // Only typing waits: a query set by a choice or a reset applies at once.
      if (this.debounce > 0 && this.open) {
        this.timer = setTimeout(() => (this.searchQuery = this.query), this.debounce);
      } else {
        this.searchQuery = this.query;
      }
    }
    this.list = this.listOf(this.searchTask.value ?? []);
    // The active option must be rendered (inside the window) before aria-activedescendant names it.
    if (changed.has('activeIndex') && this.activeIndex >= 0 && this.list.rows.length > WINDOW_FROM) {
      this.window.scrollToIndex(this.list.rows.findIndex((row) => row.hit && row.index === this.activeIndex));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  // Shows the unit(s) `value` names (set by a vendor or restored), without firing events.
  private resolveValue(): void {
    const catalog = this.catalog;
    if (!catalog?.isReady) return;
    const codes = this.multiple ? this.forms.values : this.value ? [this.value] : [];
    const shown = this.selections;
    if (
      codes.length > 0 &&
      codes.join(' ') === shown.map((selection) => selection.sorCode).join(' ') &&
      shown.every((selection) => selection.snapshot.id === catalog.snapshot?.id)
    ) {
      return;
    }
    const resolved = codes.map((code) => resolvePresetValue(catalog, code, this.valueType, this.date));
    const found = resolved.flatMap((item) =>
      item.found === 'unit' ? [catalog.select(item.unit.sorCode, { asOf: this.date })] : [],
    );
    // An unknown code or an ambiguous SHAK is shown as such, never as a silent blank.
    this.problems = resolved.filter((item) => item.found !== 'unit');
    this.chosen = this.multiple ? found : [];
    this.currentSelection = found.at(-1) ?? null;
    if (!this.multiple && !this.open) {
      // An ambiguous SHAK stays in the input: opening the list then shows the units carrying it.
      const shown = found[0]?.name ?? this.problems.find((item) => item.found === 'ambiguous')?.code;
      if (shown !== undefined) this.query = shown;
    }
    // SHAK is accepted as input only: once every code named its unit, `value` holds SOR codes.
    if (this.problems.length === 0 && this.valueType === 'shak') {
      const sorCodes = found.map((selection) => selection.sorCode).join(' ');
      if (sorCodes !== codes.join(' ')) this.value = sorCodes;
    }
  }

  private get hits(): SorSearchHit[] {
    return this.list.hits;
  }

  // With grouping, hits are reordered so that each institution's hits follow its best one, and a
  // heading row starts each group; the active index then still moves in the order shown.
  private listOf(found: SorSearchHit[]): { hits: SorSearchHit[]; rows: ListRow[] } {
    if (this.groupBy !== 'institution' || !this.catalog) {
      return { hits: found, rows: found.map((hit, index) => ({ hit, index, group: null })) };
    }
    const groups = new Map<string, { unit: SorUnit; hits: SorSearchHit[] }>();
    for (const hit of found) {
      const unit = this.institutionOf(hit.unit);
      const group = groups.get(unit.sorCode) ?? { unit, hits: [] };
      groups.set(unit.sorCode, group);
      group.hits.push(hit);
    }
    const hits: SorSearchHit[] = [];
    const rows: ListRow[] = [];
    for (const { unit, hits: members } of groups.values()) {
      rows.push({ group: unit, index: -1 });
      for (const hit of members) rows.push({ hit, index: hits.push(hit) - 1, group: unit });
    }
    return { hits, rows };
  }

  // The health institution a unit belongs to; an institution or owner stands for itself.
  private institutionOf(unit: SorUnit): SorUnit {
    if (unit.kind !== 'OE') return unit;
    return this.catalog?.ancestors(unit.sorCode).find((step) => step.kind === 'SI') ?? unit;
  }

  override render() {
    const text = this.text;
    const language = languageOf(this);
    const { hits, rows } = this.list;
    const disabled = this.forms.disabled;
    const expanded = this.open && this.query.trim() !== '' && !disabled;
    const active =
      expanded && this.activeIndex >= 0 && this.activeIndex < hits.length ? this.activeIndex : -1;
    const windowed = expanded && rows.length > WINDOW_FROM;
    const [start, end] = windowed ? this.window.range(rows.length) : [0, expanded ? rows.length : 0];
    const shown = rows.slice(start, end);
    const note = describeRules(this.parsedRules, this.catalog, text, language);
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
        aria-activedescendant=${active >= 0 && this.isShown(shown, active) ? `option-${active}` : nothing}
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
            ${this.renderRows(shown, active, windowed ? hits.length : 0, language)}
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

  private isShown(rows: ListRow[], index: number): boolean {
    return rows.some((row) => row.hit && row.index === index);
  }

  // Options, and with grouping each run of one institution's rows in a named group. A group cut
  // by the window edge is still a whole group to a screen reader: it keeps its name.
  private renderRows(rows: ListRow[], active: number, total: number, language: UiLanguage) {
    const option = (row: ListRow) =>
      row.hit
        ? this.optionRow(row.hit, row.index, row.index === active, language, total)
        : html`<div class="group-label" aria-hidden="true"><bdi>${row.group!.name}</bdi></div>`;
    if (this.groupBy !== 'institution') return rows.map(option);
    const runs: ListRow[][] = [];
    for (const row of rows) {
      if (runs.at(-1)?.[0].group !== row.group) runs.push([]);
      runs.at(-1)!.push(row);
    }
    return runs.map(
      (run) => html`<div role="group" aria-label=${run[0].group!.name}>${run.map(option)}</div>`,
    );
  }

  private optionRow(hit: SorSearchHit, index: number, active: boolean, language: UiLanguage, total: number) {
    const text = this.text;
    const { unit } = hit;
    const retired = isRetiredOn(unit.validTo, this.date);
    const catalog = this.catalog;
    const verdict = catalog
      ? judgeUnit(unit, () => catalog.ancestors(unit.sorCode), this.rules)
      : { choosable: true as const, target: unit };
    const name = hit.matchedBy === 'name' ? highlight(unit.name, hit.ranges) : unit.name;
    // The option is named from its content, so the name holds everything the row shows (WCAG 2.5.3
    // label in name) and starts with the unit's whole name: <mark> is inline, so the marked pieces
    // join into one word in the computed name (tested through the accessibility tree).
    // Options take no keyboard listeners of their own: the combobox input handles the keys and
    // points at the active option with aria-activedescendant (APG combobox pattern).
    /* eslint-disable lit-a11y/click-events-have-key-events */
    return html`
      <div
        id="option-${index}"
        part="option"
        role="option"
        aria-selected=${active ? 'true' : 'false'}
        aria-disabled=${verdict.choosable ? nothing : 'true'}
        aria-setsize=${total || nothing}
        aria-posinset=${total ? index + 1 : nothing}
        @mousedown=${(event: MouseEvent) => event.preventDefault()}
        @click=${() => this.choose(unit)}
      >
        ${
          this.renderOption
            ? html`<div class="custom">
                ${this.renderOption(unit, { name, hit, active, retired, choosable: verdict.choosable, language })}
              </div>`
            : html`<span class="name">${name}</span>
                <span class="context">${this.contextOf(unit, text)}</span>
                <span class="meta">
                  ${levelBadge(unit.level, language)}
                  <span class="code"
                    >SOR
                    ${hit.matchedBy === 'sorCode' ? highlight(unit.sorCode, hit.ranges) : unit.sorCode}</span
                  >
                  ${
                    hit.matchedBy !== 'name' && hit.matchedBy !== 'sorCode'
                      ? html`<span class="hint"
                          >${text.matchedBy[hit.matchedBy]} <bdi>${unit[hit.matchedBy]}</bdi></span
                        >`
                      : nothing
                  }
                  ${retired ? html`<span class="retired">${text.retired}${this.successorText(unit, text)}</span>` : nothing}
                  ${
                    verdict.choosable
                      ? nothing
                      : html`<span class="reason"
                          >${verdictReason(verdict, this.rules, text, language)}</span
                        >`
                  }
                </span>`
        }
      </div>
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
          html`<button type="button" class="link" @click=${() => this.choose(successor)}>
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
    // Each name isolated: "A › B" keeps its order whatever script or bidi control a name holds.
    if (unit.kind === 'SI' || !institution) return parent ? isolateBidi(parent.name) : text.kind[unit.kind];
    return parent && parent !== institution
      ? `${isolateBidi(institution.name)} › ${isolateBidi(parent.name)}`
      : isolateBidi(institution.name);
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
    this.problems = [];
    this.open = true;
    this.activeIndex = -1;
    // Editing the text after a choice means the old value no longer stands (one value only).
    if (!this.multiple && this.value !== '') this.clearValue();
  }

  private onInputClick(): void {
    if (this.query.trim() !== '' && !this.currentSelection) this.open = true;
  }

  private onBlur(): void {
    this.open = false;
    this.activeIndex = -1;
  }

  private onKeyDown(event: KeyboardEvent): void {
    // Read-only: the value stays; Tab and the caret keys work as in a native readonly input.
    if (this.readonly) return;
    const count = this.hits.length;
    switch (event.key) {
      case 'Backspace':
        if (this.multiple && this.query === '' && this.chosen.length > 0) {
          event.preventDefault();
          this.removeChip(this.chosen.length - 1, true);
        }
        break;
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

  override firstUpdated(): void {
    // The listbox itself scrolls: axe and screen readers treat a combobox's scrolling popup as
    // reached through the input, which it is (APG combobox).
    this.window.attach(this.renderRoot.querySelector<HTMLElement>('[role="listbox"]')!);
  }

  override updated(): void {
    if (this.list.rows.length > WINDOW_FROM) {
      this.window.measure(this.renderRoot.querySelector<HTMLElement>('[role="option"]'));
    }
    if (this.activeIndex >= 0) {
      this.renderRoot.querySelector(`#option-${this.activeIndex}`)?.scrollIntoView({ block: 'nearest' });
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

  private choose(unit: SorUnit): void {
    const catalog = this.catalog;
    if (!catalog || this.readonly || this.forms.disabled) return;
    const text = this.text;
    const selection = selectWithRules(catalog, unit, this.rules, this.date);
    if (!selection) {
      // Browsed but not choosable: stay open and say why.
      this.message = notChoosableMessage(catalog, unit, this.rules, text, languageOf(this));
      return;
    }
    this.currentSelection = selection;
    this.problems = [];
    if (this.multiple) {
      if (!this.chosen.some((chosen) => chosen.sorCode === selection.sorCode)) {
        this.chosen = [...this.chosen, selection];
      }
      this.value = this.chosen.map((chosen) => chosen.sorCode).join(' ');
      this.query = '';
    } else {
      this.value = selection.sorCode;
      this.query = selection.name;
    }
    this.open = false;
    this.activeIndex = -1;
    this.message = selection.resolvedFrom
      ? text.resolvedFrom(selection.name, selection.resolvedFrom.name)
      : '';
    this.dispatchEvent(new SorSelectEvent(selection));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** The form was reset: back to the value the page gave. */
  formResetCallback(): void {
    this.query = '';
    this.forms.reset();
  }

  /** The browser restores the value after navigation (back/forward) or autofill. */
  formStateRestoreCallback(state: string | File | FormData | null): void {
    this.forms.restore(state);
  }

  /** A disabled `<fieldset>` around the picker (or its own `disabled`) changed. */
  formDisabledCallback(disabled: boolean): void {
    this.forms.setDisabled(disabled);
  }

  /** Moves focus to the input. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('input')?.focus(options);
  }
}
