import type { SorCatalog } from '../../catalog/index.js';
import { checkShak } from '../../model/codes.js';
import { isValidOn } from '../../model/dates.js';
import { resolveAddressing } from '../../model/addressing.js';
import { levelLabel, parseLevelList, type Id27LevelName, type UiLanguage } from '../../model/id27.js';
import type { SorAddressing, SorAddressingProblem, SorSelection, SorUnit } from '../../model/types.js';
import type { SorStrings } from './strings.js';

/**
 * The rules of what the picker and the tree let be chosen, from their attributes:
 * `selectable-levels` (which units may be chosen), `resolve-level` (what a choice turns into) and
 * `purpose="addressing"` (only units that can receive MedCom messages).
 */
export interface LevelRules {
  /** Only units with one of these own ID27 levels may be chosen; null: any unit. */
  selectable: readonly Id27LevelName[] | null;
  /** A choice resolves to the nearest self-or-ancestor at this level; null: the unit itself. */
  resolveTo: Id27LevelName | null;
  /**
   * Addressing mode: the date (`YYYY-MM-DD`) on which the unit a choice yields must be able to
   * receive MedCom messages (`catalog.addressOf`); absent: any unit.
   */
  receivingOn?: string;
}

/** Parses `selectable-levels` and `resolve-level` (Danish or English names, any case). */
export function parseLevelRules(selectableLevels: string, resolveLevel: string): LevelRules {
  const selectable = parseLevelList(selectableLevels).levels;
  return {
    selectable: selectable.length > 0 ? selectable : null,
    resolveTo: parseLevelList(resolveLevel).levels[0] ?? null,
  };
}

/**
 * Whether a unit may be chosen under the rules, and if not, why. In addressing mode (`receivingOn`)
 * a choosable verdict carries where the target's messages go (`addressing`), and a unit that
 * cannot receive is refused with the reason (a `SorAddressingProblem`).
 */
export type LevelVerdict =
  | { choosable: true; target: SorUnit; addressing?: SorAddressing }
  | { choosable: false; reason: 'wrong-level' | 'no-level' | 'no-unit-at-level' | SorAddressingProblem };

/**
 * Judges one unit. `ancestors` is only called when `resolve-level` or the addressing mode needs
 * the path, so browsing a long list without those rules costs nothing extra.
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
    // A unit the data gives no level is not at a wrong level: say what is missing.
    return { choosable: false, reason: unit.level ? 'wrong-level' : 'no-level' };
  }
  let target = unit;
  let above = ancestors;
  if (rules.resolveTo && unit.level?.name !== rules.resolveTo) {
    const path = ancestors();
    const at = path.findLastIndex((step) => step.level?.name === rules.resolveTo);
    if (at < 0) return { choosable: false, reason: 'no-unit-at-level' };
    target = path[at];
    above = () => path.slice(0, at);
  }
  if (!rules.receivingOn) return { choosable: true, target };
  // Messages go to the unit the choice yields: the resolved one under `resolve-level`.
  const receiving = resolveAddressing(target, above(), rules.receivingOn);
  return receiving.ok
    ? { choosable: true, target, addressing: receiving.addressing }
    : { choosable: false, reason: receiving.reason };
}

const NO_RULES: LevelRules = { selectable: null, resolveTo: null };
// Catalogs already warned about, with the snapshot warned for: one warning per snapshot, however
// many elements share the catalog.
const warnedNoLevels = new WeakMap<SorCatalog, string>();

/**
 * The rules as they apply to the catalog's data. A snapshot in which no unit has an ID27 level
 * (built without level elements or an ID27 side file) cannot be judged by level: applied, the rules
 * would block every unit. They are then not applied at all, a console warning says so once per
 * snapshot, and the element shows `noLevelsRulesOff` where it states the rules.
 */
export function rulesForData(rules: LevelRules, catalog: SorCatalog | null): LevelRules {
  if (!rulesSuspended(rules, catalog)) return rules;
  const snapshotId = catalog!.snapshot?.id ?? '';
  if (warnedNoLevels.get(catalog!) !== snapshotId) {
    warnedNoLevels.set(catalog!, snapshotId);
    console.warn(
      `sor-picker: snapshot ${snapshotId} has no ID27 levels, so selectable-levels and resolve-level are not applied. ` +
        'Build the snapshot from an export with level elements or join an ID27 side file (see the README, "Where ID27 levels come from").',
    );
  }
  // The addressing mode does not depend on levels: it stays.
  return { ...NO_RULES, receivingOn: rules.receivingOn };
}

/** True when level rules are set but the catalog's snapshot has no ID27 level to apply them to. */
export function rulesSuspended(rules: LevelRules, catalog: SorCatalog | null): boolean {
  return (
    (rules.selectable !== null || rules.resolveTo !== null) &&
    catalog !== null &&
    catalog.isReady &&
    !catalog.hasLevels
  );
}

/**
 * The rules said in words, for the note above the list; '' when there are none. When the
 * catalog's snapshot has no ID27 level at all, the note says so instead (the rules are not applied).
 */
export function describeRules(
  rules: LevelRules,
  catalog: SorCatalog | null,
  text: SorStrings,
  language: UiLanguage,
): string {
  const notes: string[] = [];
  if (rulesSuspended(rules, catalog)) notes.push(text.noLevelsRulesOff);
  else {
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
  }
  if (rules.receivingOn) notes.push(text.onlyReceiving);
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
  switch (verdict.reason) {
    case 'wrong-level':
      return text.wrongLevel;
    case 'no-level':
      return text.noLevel;
    case 'no-unit-at-level':
      return text.noUnitAtLevel(levelLabel(rules.resolveTo ?? '', language));
    default:
      return receivingReason(verdict.reason, text);
  }
}

/** Why a unit cannot receive MedCom messages, as the reason it cannot be chosen. */
export function receivingReason(problem: SorAddressingProblem, text: SorStrings): string {
  return text.cannotReceive(text.addressingProblems[problem]);
}

/**
 * Where a unit's messages go (a choosable verdict's `addressing`), for its row: e.g. "EAN
 * 5790001234567 (eget) · EDI-system: Lægesystem"; '' without one.
 */
export function receivingNote(addressing: SorAddressing | undefined, text: SorStrings): string {
  if (!addressing) return '';
  const system = addressing.systemType;
  return text.receivesAt(addressing.ean, addressing.inherited, system ? (system.name ?? system.code) : '');
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

/** The units that replaced a retired one, as far as the catalog has them. */
export function successorsOf(catalog: SorCatalog | null, unit: Pick<SorUnit, 'replacedBy'>): SorUnit[] {
  return unit.replacedBy.flatMap((code) => catalog?.get(code) ?? []);
}

/** What one code of a preset `value` names. */
export type PresetResolution =
  | { found: 'unit'; code: string; unit: SorUnit }
  | { found: 'none'; code: string }
  /** A SHAK that several SOR units carry: a person must choose among `candidates`. */
  | { found: 'ambiguous'; code: string; candidates: SorUnit[] }
  /** In addressing mode: a unit that cannot receive MedCom messages, and why. */
  | { found: 'refused'; code: string; unit: SorUnit; problem: SorAddressingProblem };

/**
 * In addressing mode (`rules.receivingOn`), a preset unit that cannot receive MedCom messages is
 * refused: never chosen by a `value` set by the page or restored by the browser.
 */
export function refuseUnreceiving(
  catalog: SorCatalog,
  item: PresetResolution,
  rules: LevelRules,
): PresetResolution {
  if (item.found !== 'unit' || !rules.receivingOn) return item;
  const problem = catalog.addressingProblem(item.unit.sorCode, rules.receivingOn);
  return problem ? { found: 'refused', code: item.code, unit: item.unit, problem } : item;
}

/**
 * What a preset `value` code names: a SOR code, or with `value-type="shak"` a SHAK code migrated
 * to its SOR unit (a SOR code is still accepted there, so a value written back after a choice
 * resolves too). A SHAK that several units carry on `asOf` (or, retired, whose carriers have
 * several successors) is `ambiguous`: which one is meant is for a person to say, never a guess.
 */
export function resolvePresetValue(
  catalog: SorCatalog,
  value: string,
  valueType: 'sor' | 'shak',
  asOf: string,
): PresetResolution {
  const code = value.trim();
  if (isShakInput(code, valueType)) {
    const migrated = catalog.migrateShak(code, asOf);
    const units = migrated.candidates.flatMap((candidate) => catalog.get(candidate.sorCode) ?? []);
    if (migrated.confidence === 'ambiguous' || (migrated.sorCode === null && units.length > 1)) {
      return { found: 'ambiguous', code, candidates: units };
    }
    // A SHAK only retired units carry, with no successor, still names that unit.
    const unit = catalog.get(migrated.sorCode ?? units[0]?.sorCode ?? '');
    return unit ? { found: 'unit', code, unit } : { found: 'none', code };
  }
  const unit = catalog.get(code);
  return unit ? { found: 'unit', code, unit } : { found: 'none', code };
}

/** True when `code` is read as a SHAK: with `value-type="shak"` and in a SHAK's format. */
export function isShakInput(code: string, valueType: 'sor' | 'shak'): boolean {
  return valueType === 'shak' && checkShak(code.trim()).valid;
}

/**
 * Why a `value` cannot be submitted, in words ('' when it can): codes no unit has, a SHAK several
 * units carry, or a SHAK not yet resolved because the data is still loading (never submitted as
 * given: SHAK is accepted as input only). Picker and tree say it in the same words.
 */
export function valueProblem(
  resolved: readonly PresetResolution[],
  pending: { catalog: SorCatalog | null; codes: readonly string[]; valueType: 'sor' | 'shak' },
  text: SorStrings,
): string {
  const pendingShak = pending.catalog?.isReady
    ? []
    : pending.codes.filter((code) => isShakInput(code, pending.valueType));
  const ambiguous = resolved.find((item) => item.found === 'ambiguous');
  if (ambiguous?.found === 'ambiguous') {
    return text.ambiguousShak(
      ambiguous.code,
      ambiguous.candidates.map((unit) => unit.name),
    );
  }
  const unknown = resolved.filter((item) => item.found === 'none').map((item) => item.code);
  if (unknown.length > 0) return text.unknownValue(unknown.join(' '));
  const refused = resolved.find((item) => item.found === 'refused');
  if (refused?.found === 'refused') {
    return text.notChoosable(refused.unit.name, receivingReason(refused.problem, text));
  }
  return pendingShak.length > 0 ? text.shakPending(pendingShak.join(' ')) : '';
}
