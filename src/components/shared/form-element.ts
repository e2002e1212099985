import { Task } from '@lit/task';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SorCatalog, SorSearchHit } from '../../catalog/index.js';
import { classifyCode } from '../../model/classify-code.js';
import { todayIso } from '../../model/dates.js';
import type { SorSelection, SorUnit } from '../../model/types.js';
import { CatalogController } from './catalog-controller.js';
import { SorSelectEvent } from './events.js';
import { FormController } from './form-controller.js';
import {
  describeRules,
  isShownOn,
  notChoosableMessage,
  parseLevelRules,
  receivingReason,
  refuseUnreceiving,
  resolvePresetValue,
  rulesForData,
  selectWithRules,
  valueProblem,
  type LevelRules,
  type PresetResolution,
} from './level-rules.js';
import { SrcCatalog } from './src-catalog.js';
import { languageOf, stringsFor, type SorStrings } from './strings.js';

// A 13-digit EAN as typed or pasted (separators and a spreadsheet's wrapper allowed), or null.
function pastedEan(query: string): string | null {
  const code = classifyCode(query);
  return code.kind === 'ean' ? code.value : null;
}

// A pasted EAN in addressing mode: every unit receiving at it that can receive and is shown on
// `asOf`, the owner first, as hits of the EAN.
function receivingHits(
  catalog: SorCatalog,
  ean: string,
  asOf: string,
  includeRetired: boolean,
): SorSearchHit[] {
  return catalog
    .unitsReceivingAt(ean)
    .filter((unit) => isShownOn(unit, asOf, includeRetired) && !catalog.addressingProblem(unit.sorCode, asOf))
    .map((unit) => ({ unit, score: 0, matchedBy: 'ean', ranges: [[0, ean.length]] }));
}

/**
 * What `<sor-picker>` and `<sor-tree>` share as fields that choose a SOR unit: the attributes
 * and properties of the data (`catalog`, `src`, `as-of`, `include-retired`), of the value
 * (`value`, `value-type`), of the rules of choice (`selectable-levels`, `resolve-level`,
 * `purpose`), of a form (`name`, `required`, `disabled`, `readonly`) and of the text (`label`,
 * `strings`); the form API as native form controls have it, answered by a `FormController`
 * (`ElementInternals`); and the steps from a preset `value` or a user's choice to a `SorSelection`.
 *
 * The element keeps its own interaction (combobox or tree), its template and what it adds to
 * these steps (chips, revealing a row) by overriding the protected hooks.
 */
export abstract class SorFormElement extends LitElement {
  static formAssociated = true;

  /** The catalog the element searches and shows. Required; a loading state shows until it is ready. */
  @property({ attribute: false }) catalog: SorCatalog | null = null;

  /**
   * URL of a snapshot's `manifest.json`. When `catalog` is not set, the element uses
   * `catalogFor(src)`, shared by every picker and tree on the page with the same `src`: the
   * snapshot is stored in IndexedDB, works offline and syncs in the background.
   */
  @property() src = '';

  /**
   * The chosen unit's SOR code; set it to preselect a unit (no event is fired for that; the tree
   * opens its path and scrolls it into view). A code no unit has gives a visible invalid state.
   * With `multiple` (picker): the chosen codes, separated by spaces.
   */
  @property() value = '';

  /** The name the value is submitted under in a form. */
  @property({ reflect: true }) name = '';

  /** A form cannot be submitted without a unit chosen; the message is localised. */
  @property({ type: Boolean, reflect: true }) required = false;

  /**
   * Cannot be used or focused, and is not submitted. A disabled `<fieldset>` does the same. A
   * disabled tree cannot be scrolled either: the chosen row stays in view, its path spelled out below.
   */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Shows the value (and submits it) but the choice cannot be changed; a tree can still be browsed. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /**
   * The visible label of the input; defaults to "SOR-enhed" / "SOR unit" on the picker and to
   * "Filtrér hierarkiet" / "Filter the hierarchy" (the filter box) on the tree, by language.
   */
  @property() label = '';

  /**
   * `shak`: a `value` given as a SHAK code is migrated to its SOR unit (`catalog.migrateShak`);
   * once resolved, `value` holds that unit's SOR code, and a form gets the SOR code, never the
   * SHAK. A SHAK that several units carry leaves the element invalid until the user chooses.
   */
  @property({ attribute: 'value-type' }) valueType: 'sor' | 'shak' = 'sor';

  /** Only units at these ID27 levels may be chosen (names, Danish or English, any case). */
  @property({ attribute: 'selectable-levels' }) selectableLevels = '';

  /** A choice resolves to the nearest self-or-ancestor at this ID27 level (`resolvedFrom` says from which). */
  @property({ attribute: 'resolve-level' }) resolveLevel = '';

  /**
   * `addressing`: a "send to" field for MedCom messages. Only units that can receive them on
   * `as-of` (an EAN of their own or inherited, active, not internal-only: `catalog.addressOf`) can
   * be chosen, and each row shows the receiving EAN, own or inherited, and the EDI system. The
   * picker lists only those units; a pasted EAN lists every unit receiving at it, the owner first.
   * The tree shows every unit (ancestors lead to their children), the others disabled with the
   * reason. A `value` naming a unit that cannot receive is refused (`validity.badInput`, with the
   * reason); the `selection` of a choice always carries its `addressing`.
   */
  @property({ reflect: true }) purpose: '' | 'addressing' = '';

  /** The date (`YYYY-MM-DD`) units must be valid on to be found and shown; default today. */
  @property({ attribute: 'as-of' }) asOf = '';

  /** Also find and show units retired before `as-of`, marked retired with their successors. */
  @property({ type: Boolean, attribute: 'include-retired' }) includeRetired = false;

  /** Overrides for any UI string (see `SorStrings`). */
  @property({ attribute: false }) strings: Partial<SorStrings> = {};

  /** The chosen (or preselected) unit as a `SorSelection`, or null; with `multiple` the last chosen. */
  get selection(): SorSelection | null {
    return this.currentSelection;
  }

  /**
   * True when `value` cannot be submitted: it names no unit, is a SHAK that several units carry,
   * or is a SHAK still waiting for the data to load.
   */
  get invalid(): boolean {
    return this.valueError !== '';
  }

  /** The form the element belongs to, or null. */
  get form(): HTMLFormElement | null {
    return this.forms.internals.form;
  }

  /** The constraint validity (`valueMissing` when `required` and empty). */
  get validity(): ValidityState {
    return this.forms.internals.validity;
  }

  /** The localised message when invalid, else ''. */
  get validationMessage(): string {
    return this.forms.internals.validationMessage;
  }

  /** True when the value satisfies the constraints; fires `invalid` when not. */
  checkValidity(): boolean {
    return this.forms.internals.checkValidity();
  }

  /** Like `checkValidity()`, and the browser shows the message at the element's input. */
  reportValidity(): boolean {
    return this.forms.internals.reportValidity();
  }

  /** The form was reset: back to the value the page gave. */
  formResetCallback(): void {
    this.forms.reset();
  }

  /** The browser restores the value after navigation (back/forward) or autofill. */
  formStateRestoreCallback(state: string | File | FormData | null): void {
    this.forms.restore(state);
  }

  /** A disabled `<fieldset>` around the element (or its own `disabled`) changed. */
  formDisabledCallback(disabled: boolean): void {
    this.forms.setDisabled(disabled);
  }

  // The text typed in the input (the picker's search, the tree's filter).
  @state() protected query = '';
  @state() protected currentSelection: SorSelection | null = null;
  // The codes of `value` that name no single unit (unknown, or an ambiguous SHAK).
  @state() protected problems: PresetResolution[] = [];
  // Said to a screen reader through the live region (a choice, why a unit cannot be chosen).
  @state() protected message = '';

  protected parsedRules: LevelRules = { selectable: null, resolveTo: null };
  // The rules as applied to the catalog's data (none when it has no ID27 level at all).
  protected rules: LevelRules = this.parsedRules;

  private readonly srcCatalog = new SrcCatalog();
  protected readonly data = new CatalogController(this, () => this.onData());
  protected readonly forms: FormController = new FormController(this, () => ({
    required: this.text.required,
    badValue: this.valueError,
    codes: this.catalog?.isReady ? this.selections.map((selection) => selection.sorCode) : this.forms.values,
    anchor: this.formAnchor(),
  }));

  /** The catalog's data arrived or was replaced by a new snapshot: show `value` in it. */
  protected onData(): void {
    this.resolveValue();
  }

  /** The element the browser anchors a validation message to. */
  protected abstract formAnchor(): HTMLElement | null;

  /** The codes `value` names, as given. */
  protected valueCodes(): string[] {
    return this.value ? [this.value] : [];
  }

  /** The selections shown now: what the form submits once the data is loaded. */
  protected get selections(): SorSelection[] {
    return this.currentSelection ? [this.currentSelection] : [];
  }

  protected get text(): SorStrings {
    return stringsFor(this, this.strings);
  }

  protected get date(): string {
    return this.asOf || todayIso();
  }

  /** The rules of choice in words, for the note under the input ('' when there are none). */
  protected get rulesNote(): string {
    const rules = { ...this.parsedRules, receivingOn: this.rules.receivingOn };
    return describeRules(rules, this.catalog, this.text, languageOf(this));
  }

  /**
   * The message for a search that found nothing: in addressing mode, for a pasted EAN whose units
   * cannot receive, why not; else "no units match".
   */
  protected noMatch(query: string): string {
    const catalog = this.catalog;
    const ean = this.rules.receivingOn ? pastedEan(query) : null;
    const owner = ean ? catalog?.unitsReceivingAt(ean)[0] : undefined;
    const problem = owner && catalog!.addressingProblem(owner.sorCode, this.date);
    return problem
      ? this.text.notChoosable(`EAN ${ean}`, receivingReason(problem, this.text))
      : this.text.noMatch(query.trim());
  }

  protected get valueError(): string {
    const pending = { catalog: this.catalog, codes: this.forms.values, valueType: this.valueType };
    return valueProblem(this.problems, pending, this.text);
  }

  override willUpdate(changed: PropertyValues): void {
    if (changed.has('src')) this.catalog = this.srcCatalog.resolve(this.src, this.catalog);
    if (changed.has('selectableLevels') || changed.has('resolveLevel')) {
      this.parsedRules = parseLevelRules(this.selectableLevels, this.resolveLevel);
    }
    // Every update: the data may have changed (a snapshot with levels replacing one without).
    const receivingOn = this.purpose === 'addressing' ? this.date : undefined;
    this.rules = rulesForData({ ...this.parsedRules, receivingOn }, this.catalog);
    if (changed.has('catalog')) this.data.observe(this.catalog);
  }

  /**
   * Shows the unit(s) `value` names (set by a vendor or restored), without firing events. Returns
   * the units found, or null when there was nothing to do (no data yet, or already shown).
   */
  protected resolveValue(): SorSelection[] | null {
    const catalog = this.catalog;
    if (!catalog?.isReady) return null;
    const codes = this.valueCodes();
    const shown = this.selections;
    if (
      codes.length > 0 &&
      codes.join(' ') === shown.map((selection) => selection.sorCode).join(' ') &&
      shown.every(
        (selection) =>
          selection.snapshot.id === catalog.snapshot?.id && (!this.rules.receivingOn || selection.addressing),
      )
    ) {
      return null;
    }
    // In addressing mode a unit that cannot receive is refused, however the value came.
    const resolved = codes.map((code) =>
      refuseUnreceiving(catalog, resolvePresetValue(catalog, code, this.valueType, this.date), this.rules),
    );
    const found = resolved.flatMap((item) =>
      item.found === 'unit' ? [catalog.select(item.unit.sorCode, { asOf: this.date })] : [],
    );
    // An unknown code, an ambiguous SHAK or a refused unit is shown as such, never as a silent blank.
    this.problems = resolved.filter((item) => item.found !== 'unit');
    this.currentSelection = found.at(-1) ?? null;
    // SHAK is accepted as input only: once every code named its unit, `value` holds SOR codes.
    if (this.problems.length === 0 && this.valueType === 'shak') {
      const sorCodes = found.map((selection) => selection.sorCode).join(' ');
      if (sorCodes !== codes.join(' ')) this.value = sorCodes;
    }
    return found;
  }

  /**
   * A user's choice of `unit`. Under the level rules it yields a selection (perhaps of an
   * ancestor); the element applies it (`take`), the live region says where the rules moved the
   * choice, and `sor-select` and `change` fire. Nothing happens without data, read-only or
   * disabled; a unit the rules forbid is not chosen and `message` says why.
   */
  protected choose(unit: SorUnit): void {
    const catalog = this.catalog;
    if (!catalog || this.readonly || this.forms.disabled) return;
    const selection = selectWithRules(catalog, unit, this.rules, this.date);
    if (!selection) {
      this.message = notChoosableMessage(catalog, unit, this.rules, this.text, languageOf(this));
      return;
    }
    this.currentSelection = selection;
    this.problems = [];
    this.value = this.take(selection);
    if (selection.resolvedFrom) {
      this.message = this.text.resolvedFrom(selection.name, selection.resolvedFrom.name);
    }
    this.dispatchEvent(new SorSelectEvent(selection));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** Applies a choice to the element's own state and says it in `message`; returns the new `value`. */
  protected abstract take(selection: SorSelection): string;

  /**
   * A search of the catalog that runs again whenever its query, its limit, `as-of`,
   * `include-retired`, `purpose` or the data change; @lit/task aborts a superseded run. A query
   * shorter than `minChars()` (at least 1) searches nothing: the value is then null. In addressing
   * mode it finds only units that can receive, and a pasted EAN finds every unit receiving at it.
   */
  protected searchTask(
    query: () => string,
    limit: () => number,
    minChars: () => number,
    onComplete?: (hits: SorSearchHit[] | null) => void,
  ) {
    return new Task(this, {
      task: async ([catalog, query, limit, asOf, includeRetired, minChars, , receiving], { signal }) => {
        if (!catalog || query.trim().length < Math.max(1, minChars)) return null;
        await catalog.ready;
        const ean = receiving ? pastedEan(query) : null;
        if (ean) return receivingHits(catalog, ean, asOf, includeRetired);
        return catalog.search(query, { limit, signal, filter: { asOf, includeRetired, receiving } });
      },
      args: () =>
        [
          this.catalog,
          query(),
          limit(),
          this.date,
          this.includeRetired,
          minChars(),
          this.data.revision,
          this.purpose === 'addressing',
        ] as const,
      onComplete,
    });
  }
}
