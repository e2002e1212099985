import { shakLevel } from '../model/codes.js';
import { isRetiredOn, todayIso } from '../model/dates.js';
import type { SnapshotInfo, SorUnit } from '../model/types.js';
import { SearchIndex } from '../search/search-index.js';
import { SorCatalogError } from './errors.js';

const collator = new Intl.Collator('da');
const byName = (a: SorUnit, b: SorUnit) =>
  collator.compare(a.name, b.name) || (a.sorCode < b.sorCode ? -1 : 1);

/**
 * One immutable snapshot's units with the indexes the catalog answers from. A catalog swaps a
 * whole `CatalogData` at once, so a reader sees either the old snapshot or the new one, never a mix.
 */
export class CatalogData {
  readonly search: SearchIndex;
  private readonly childrenByParent = new Map<string | null, SorUnit[]>();
  private readonly sortedParents = new Set<string | null>();

  constructor(
    readonly units: readonly SorUnit[],
    readonly info: SnapshotInfo,
  ) {
    this.search = new SearchIndex(units);
    if (this.search.codes.size !== units.length) {
      const seen = new Set<string>();
      const duplicate = units.find((unit) => seen.size === seen.add(unit.sorCode).size);
      throw new SorCatalogError(
        'duplicate-code',
        `Snapshot ${info.id}: SOR code ${duplicate?.sorCode} occurs more than once`,
      );
    }
    for (const unit of units) {
      if (unit.parentCode !== null && !this.search.codes.has(unit.parentCode)) {
        throw new SorCatalogError(
          'missing-parent',
          `Snapshot ${info.id}: unit ${unit.sorCode} (${unit.name}) names parent ${unit.parentCode}, which is not in the snapshot`,
        );
      }
      const siblings = this.childrenByParent.get(unit.parentCode);
      if (siblings) siblings.push(unit);
      else this.childrenByParent.set(unit.parentCode, [unit]);
    }
  }

  get(sorCode: string): SorUnit | undefined {
    return this.search.codes.get(sorCode);
  }

  /** Children sorted by name (Danish collation); sorted on first request, since most are never opened. */
  children(parentCode: string | null): readonly SorUnit[] {
    const list = this.childrenByParent.get(parentCode);
    if (!list) return [];
    if (!this.sortedParents.has(parentCode)) {
      list.sort(byName);
      this.sortedParents.add(parentCode);
    }
    return list;
  }

  /** Owner first, parent last. */
  ancestors(sorCode: string): SorUnit[] {
    const chain: SorUnit[] = [];
    let parentCode = this.get(sorCode)?.parentCode ?? null;
    while (parentCode !== null) {
      const parent = this.get(parentCode);
      if (!parent) break;
      chain.push(parent);
      parentCode = parent.parentCode;
    }
    return chain.reverse();
  }

  /**
   * Every unit carrying a SHAK code, best first: active before retired, then the unit whose ID27
   * level matches what the code's length says (4 Hospital, 6 Afdeling, 7 Afsnit), then by name.
   */
  byShak(shak: string, asOf: string = todayIso()): SorUnit[] {
    const expected = shakLevel(shak);
    const rank = (unit: SorUnit) =>
      (isRetiredOn(unit.validTo, asOf) ? 2 : 0) + (unit.level?.name === expected ? 0 : 1);
    return [...this.search.codes.lookup('shak', shak)].sort((a, b) => rank(a) - rank(b) || byName(a, b));
  }
}
