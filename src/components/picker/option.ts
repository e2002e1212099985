import { html, nothing, type TemplateResult } from 'lit';
import type { SorCatalog, SorSearchHit } from '../../catalog/index.js';
import { isRetiredOn } from '../../model/dates.js';
import type { UiLanguage } from '../../model/id27.js';
import type { SorAddressing, SorUnit } from '../../model/types.js';
import { highlight } from '../shared/highlight.js';
import { levelBadge } from '../shared/level-badge.js';
import {
  judgeUnit,
  receivingNote,
  successorsOf,
  verdictReason,
  type LevelRules,
} from '../shared/level-rules.js';
import { isolateBidi, type SorStrings } from '../shared/strings.js';
import { groupRuns, type ResultRow } from './result-rows.js';

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
  /** With `purpose="addressing"`: where the unit's MedCom messages go (absent otherwise). */
  addressing?: SorAddressing;
  language: UiLanguage;
}

/**
 * Draws the content of one option row. The picker keeps the option element itself (role, state,
 * id, click); the row's text is the option's accessible name, so lead with `context.name` (the
 * whole unit name, matched text marked). Return text or a Lit template (never raw HTML).
 */
export type SorOptionRenderer = (unit: SorUnit, context: SorOptionContext) => TemplateResult | string;

/** What the option rows of one render share: the picker's state as the rows need it. */
export interface OptionRowsContext {
  catalog: SorCatalog | null;
  rules: LevelRules;
  text: SorStrings;
  language: UiLanguage;
  /** The `as-of` date, on which a unit is retired or not. */
  date: string;
  /** The index of the active option, or -1. */
  active: number;
  /** The number of options when the list is windowed (their `aria-setsize`), else 0. */
  setSize: number;
  renderOption: SorOptionRenderer | null;
  /** A click on an option. */
  choose(unit: SorUnit): void;
}

/**
 * The rows of the listbox: options, and with grouping each run of one institution's rows in a
 * named group. A group cut by the window edge is still a whole group to a screen reader: it keeps
 * its name.
 */
export function optionRows(rows: readonly ResultRow[], context: OptionRowsContext) {
  const row = (item: ResultRow) =>
    item.hit
      ? optionRow(item.hit, item.index, context)
      : html`<div class="group-label" aria-hidden="true"><bdi>${item.group!.name}</bdi></div>`;
  // Grouped rows (`group-by="institution"`) each name their group; ungrouped ones name none.
  if (!rows[0]?.group) return rows.map(row);
  return groupRuns(rows).map(
    (run) => html`<div role="group" aria-label=${run[0].group!.name}>${run.map(row)}</div>`,
  );
}

/** One option (part `option`): the built-in row, or the vendor's `renderOption` inside it. */
export function optionRow(hit: SorSearchHit, index: number, context: OptionRowsContext): TemplateResult {
  const { catalog, rules, text, language, setSize } = context;
  const { unit } = hit;
  const active = index === context.active;
  const retired = isRetiredOn(unit.validTo, context.date);
  const verdict = catalog
    ? judgeUnit(unit, () => catalog.ancestors(unit.sorCode), rules)
    : { choosable: true as const, target: unit };
  const name = hit.matchedBy === 'name' ? highlight(unit.name, hit.ranges) : unit.name;
  const addressing = verdict.choosable ? verdict.addressing : undefined;
  const receiving = receivingNote(addressing, text);
  const field = hit.matchedBy;
  // A code other than the SOR code that matched gets a hint; a pasted EAN is said by `receiving`.
  const matched = field !== 'name' && field !== 'sorCode' && !(receiving && field === 'ean') ? field : null;
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
      aria-setsize=${setSize || nothing}
      aria-posinset=${setSize ? index + 1 : nothing}
      @mousedown=${(event: MouseEvent) => event.preventDefault()}
      @click=${() => context.choose(unit)}
    >
      ${
        context.renderOption
          ? html`<div class="custom">
              ${context.renderOption(unit, { name, hit, active, retired, choosable: verdict.choosable, addressing, language })}
            </div>`
          : html`<span class="name">${name}</span>
              <span class="context">${placeOf(unit, catalog, text)}</span>
              ${receiving ? html`<span class="context">${receiving}</span>` : nothing}
              <span class="meta">
                ${levelBadge(unit.level, language)}
                <span class="code"
                  >SOR
                  ${hit.matchedBy === 'sorCode' ? highlight(unit.sorCode, hit.ranges) : unit.sorCode}</span
                >
                ${
                  matched
                    ? html`<span class="hint">${text.matchedBy[matched]} <bdi>${unit[matched]}</bdi></span>`
                    : nothing
                }
                ${retired ? html`<span class="retired">${text.retired}${successorText(unit, catalog, text)}</span>` : nothing}
                ${
                  verdict.choosable
                    ? nothing
                    : html`<span class="reason">${verdictReason(verdict, rules, text, language)}</span>`
                }
              </span>`
      }
    </div>
  `;
  /* eslint-enable lit-a11y/click-events-have-key-events */
}

/**
 * Where the unit sits, for the row's second line: its institution and parent for a unit, its owner
 * for an institution, its kind for an owner (or without a catalog to ask).
 */
export function placeOf(unit: SorUnit, catalog: SorCatalog | null, text: SorStrings): string {
  if (!catalog || unit.kind === 'IE') return text.kind[unit.kind];
  const ancestors = catalog.ancestors(unit.sorCode);
  const institution = ancestors.find((step) => step.kind === 'SI');
  const parent = ancestors.at(-1);
  // Each name isolated: "A › B" keeps its order whatever script or bidi control a name holds.
  if (unit.kind === 'SI' || !institution) return parent ? isolateBidi(parent.name) : text.kind[unit.kind];
  return parent && parent !== institution
    ? `${isolateBidi(institution.name)} › ${isolateBidi(parent.name)}`
    : isolateBidi(institution.name);
}

// " · replaced by A, B" after "retired", or '' when the catalog has no successor.
function successorText(unit: SorUnit, catalog: SorCatalog | null, text: SorStrings): string {
  const names = successorsOf(catalog, unit).map((successor) => successor.name);
  return names.length > 0 ? ` · ${text.replacedBy(names.join(', '))}` : '';
}
