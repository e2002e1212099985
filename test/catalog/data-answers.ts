import type { CatalogData } from '../../src/catalog/catalog-data.js';
import type { SorUnit } from '../../src/model/types.js';

const codesOf = (units: readonly SorUnit[]) => units.map((unit) => unit.sorCode);

/**
 * What a `CatalogData` answers for a set of probe codes (every unit's code, by default): lookups,
 * sorted children, ancestors, whether a unit has children, SHAK lists. Two kinds of data over the
 * same units must give the same.
 */
export function dataAnswers(data: CatalogData, probe: readonly SorUnit[], shaks: readonly string[]) {
  const parents: (string | null)[] = [null, ...codesOf(probe)];
  return {
    info: data.info,
    size: data.size,
    hasLevels: data.hasLevels,
    get: probe.map((unit) => data.get(unit.sorCode) ?? null),
    children: parents.map((code) => codesOf(data.children(code))),
    hasChild: parents.map((code) => data.someChild(code, () => true)),
    ancestors: probe.map((unit) => codesOf(data.ancestors(unit.sorCode))),
    byShak: shaks.map((shak) => codesOf(data.byShak(shak, '2026-11-26'))),
  };
}

/** The distinct SHAK codes of some units. */
export function shaksOf(units: readonly SorUnit[]): string[] {
  return [...new Set(units.flatMap((unit) => (unit.shak ? [unit.shak] : [])))];
}
