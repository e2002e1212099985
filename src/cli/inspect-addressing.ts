import { resolveAddressing } from '../model/addressing.js';
import type { SorAddressingProblem, SorUnit } from '../model/types.js';

/** SOR's region codes and the regions they name. */
export const REGIONS: Readonly<Record<string, string>> = {
  '1081': 'Nordjylland',
  '1082': 'Midtjylland',
  '1083': 'Syddanmark',
  '1084': 'Hovedstaden',
  '1085': 'Sjælland',
};

/** How many units of one group can receive MedCom messages, and why the others cannot. */
export interface AddressingCounts {
  /** Units whose own EAN receives. */
  own: number;
  /** Units that receive at an ancestor's EAN. */
  inherited: number;
  /** Units that cannot receive, by reason. */
  notAddressable: Record<SorAddressingProblem, number>;
}

const noCounts = (): AddressingCounts => ({
  own: 0,
  inherited: 0,
  notAddressable: { 'no-ean': 0, inactive: 0, 'internal-only': 0, 'no-edi-data': 0 },
});

/** The region a unit counts under: its region code with the region's name, or `(none)`. */
export const regionLabel = (code: string | null): string =>
  code ? `${code} ${REGIONS[code] ?? '?'}` : '(none)';

/**
 * Counts, over all units and per region (the unit's own region code), the units that receive at
 * their own EAN, at an inherited one, and those that cannot receive (by reason), as of `asOf`.
 * Units in any order; each unit's ancestors are found through `parentCode`.
 */
export function countAddressing(
  units: readonly SorUnit[],
  asOf: string,
): { all: AddressingCounts; byRegion: Map<string, AddressingCounts> } {
  const byCode = new Map(units.map((unit) => [unit.sorCode, unit]));
  const all = noCounts();
  const byRegion = new Map<string, AddressingCounts>();
  for (const unit of units) {
    const ancestors: SorUnit[] = [];
    for (let up = unit.parentCode; up !== null;) {
      const parent = byCode.get(up);
      if (parent === undefined || ancestors.length > units.length) break;
      ancestors.push(parent);
      up = parent.parentCode;
    }
    const result = resolveAddressing(unit, ancestors.reverse(), asOf);
    const region = regionLabel(unit.regionCode);
    let counts = byRegion.get(region);
    if (counts === undefined) byRegion.set(region, (counts = noCounts()));
    for (const target of [all, counts]) {
      if (!result.ok) target.notAddressable[result.reason]++;
      else if (result.addressing.inherited) target.inherited++;
      else target.own++;
    }
  }
  return { all, byRegion };
}

const notAddressable = (counts: AddressingCounts): number =>
  Object.values(counts.notAddressable).reduce((sum, n) => sum + n, 0);

/** The `inspect` lines of the addressing counts (see `countAddressing`). */
export function addressingLines(units: readonly SorUnit[], asOf: string): string[] {
  const { all, byRegion } = countAddressing(units, asOf);
  const reasons = all.notAddressable;
  return [
    `addressing (MedCom, as of ${asOf}): own EAN ${all.own}, inherited EAN ${all.inherited}, not addressable ${notAddressable(all)} (no EAN ${reasons['no-ean']}, inactive ${reasons.inactive}, internal only ${reasons['internal-only']}, no EDI data ${reasons['no-edi-data']})`,
    ...[...byRegion]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(
        ([region, counts]) =>
          `  ${region}: own ${counts.own}, inherited ${counts.inherited}, not addressable ${notAddressable(counts)}`,
      ),
  ];
}
