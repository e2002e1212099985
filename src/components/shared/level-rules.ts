import type { SorCatalog } from '../../catalog/catalog.js';
import { checkShak } from '../../model/codes.js';
import { isValidOn } from '../../model/dates.js';
import { levelLabel, parseLevelList, type Id27LevelName, type UiLanguage } from '../../model/id27.js';
import type { SorSelection, SorUnit } from '../../model/types.js';
import type { SorStrings } from './strings.js';

/**
 * The level rules of the picker and the tree, parsed from their attributes:
 * `selectable-levels` (which units may be chosen) and `resolve-level` (what a choice turns into).
 */
export interface LevelRules {
  /** Only units with one of these own ID27 levels may be chosen; null: any unit. */
  selectable: readonly Id27LevelName[] | null;
  /** A choice resolves to the nearest self-or-ancestor at this level; null: the unit itself. */
  resolveTo: Id27LevelName | null;
}

/** Parses `selectable-levels` and `resolve-level` (Danish or English names, any case). */
export function parseLevelRules(selectableLevels: string, resolveLevel: string): LevelRules {
  const selectable = parseLevelList(selectableLevels).levels;
  return {
    selectable: selectable.length > 0 ? selectable : null,
    resolveTo: parseLevelList(resolveLevel).levels[0] ?? null,
  };
}

/** Whether a unit may be chosen under the rules, and if not, why. */
export type LevelVerdict =
  { choosable: true; target: SorUnit } | { choosable: false; reason: 'wrong-level' | 'no-unit-at-level' };

/**
 * Judges one unit. `ancestors` is only called when `resolve-level` needs the path, so browsing a
 * long list without that rule costs nothing extra.
 */
export function judgeUnit(
  unit: SorUnit,
  ancestors: () => readonly SorUnit[],
  rules: LevelRules,
): LevelVerdict {
  if (
    rules.selectable &&
    !(unit.level && (rules.selectable as readonly string[]).includes(unit.level.name))
  ) {
    return { choosable: false, reason: 'wrong-level' };
  }
  if (!rules.resolveTo || unit.level?.name === rules.resolveTo) return { choosable: true, target: unit };
  const path = ancestors();
  for (let i = path.length - 1; i >= 0; i--) {
    if (path[i].level?.name === rules.resolveTo) return { choosable: true, target: path[i] };
  }
  return { choosable: false, reason: 'no-unit-at-level' };
}

/** The rules said in words, for the note above the list; '' when there are none. */
export function describeRules(rules: LevelRules, text: SorStrings, language: UiLanguage): string {
  const notes: string[] = [];
  if (rules.selectable)
    notes.push(
      text.onlyLevels(
        joinOr(
          rules.selectable.map((l) => levelLabel(l, language)),
          text,
        ),
      ),
    );
  if (rules.resolveTo) notes.push(text.resolvesTo(levelLabel(rules.resolveTo, language)));
  return notes.join(' ');
}

/** Why a unit cannot be chosen, in words. */
export function verdictReason(
  verdict: LevelVerdict,
  rules: LevelRules,
  text: SorStrings,
  language: UiLanguage,
): string {
  if (verdict.choosable) return '';
  return verdict.reason === 'wrong-level'
    ? text.wrongLevel
    : text.noUnitAtLevel(levelLabel(rules.resolveTo ?? '', language));
}

/**
 * The message shown when the user tries to choose a unit the rules do not allow, e.g.
 * "Hjertesygdomme kan ikke vælges: …". Picker and tree say it in the same words.
 */
export function notChoosableMessage(
  catalog: SorCatalog,
  unit: SorUnit,
  rules: LevelRules,
  text: SorStrings,
  language: UiLanguage,
): string {
  const verdict = judgeUnit(unit, () => catalog.ancestors(unit.sorCode), rules);
  return text.notChoosable(unit.name, verdictReason(verdict, rules, text, language));
}

function joinOr(items: string[], text: SorStrings): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${text.or} ${items.at(-1)}`;
}

/**
 * The selection a choice yields under the rules: the resolved unit's `SorSelection`, with
 * `resolvedFrom` naming the unit the user chose when the rules moved up the path. Null when the
 * unit cannot be chosen.
 */
export function selectWithRules(
  catalog: SorCatalog,
  unit: SorUnit,
  rules: LevelRules,
  asOf: string,
): SorSelection | null {
  const verdict = judgeUnit(unit, () => catalog.ancestors(unit.sorCode), rules);
  if (!verdict.choosable) return null;
  const selection = catalog.select(verdict.target.sorCode, { asOf });
  if (verdict.target !== unit) {
    selection.resolvedFrom = { sorCode: unit.sorCode, name: unit.name, kind: unit.kind };
  }
  return selection;
}

/** True when a unit is shown on `asOf`: valid then, or retired before it with `includeRetired`. */
export function isShownOn(unit: SorUnit, asOf: string, includeRetired: boolean): boolean {
  if (includeRetired) return unit.validFrom === null || unit.validFrom <= asOf;
  return isValidOn(unit.validFrom, unit.validTo, asOf);
}

/**
 * The unit a preset `value` names: a SOR code, or with `value-type="shak"` a SHAK code migrated to
 * its best SOR unit (a SOR code is still accepted there, so a value written back after a choice
 * resolves too). Undefined when nothing matches.
 */
export function resolvePresetValue(
  catalog: SorCatalog,
  value: string,
  valueType: 'sor' | 'shak',
  asOf: string,
): SorUnit | undefined {
  const code = value.trim();
  if (valueType === 'shak' && checkShak(code).valid) {
    // A SHAK only retired units carry, with no successor, still names those units: show the best.
    const migrated = catalog.migrateShak(code, asOf);
    const sorCode = migrated.sorCode ?? migrated.candidates[0]?.sorCode;
    return sorCode === undefined ? undefined : catalog.get(sorCode);
  }
  return catalog.get(code);
}
