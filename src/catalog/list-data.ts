import type { SnapshotInfo, SorUnit } from '../model/types.js';
import { CodeIndex } from '../search/code-index.js';
import { EarlyNames } from '../search/early-names.js';
import { SearchIndex } from '../search/search-index.js';
import { unitsSource, type NameTable } from '../search/types.js';
import type { SearchIndexTiming } from './catalog-data.js';
import { SorCatalogError } from './errors.js';
import { CodeIndexedData } from './snapshot-data.js';

// Unique codes, every parent present: what a catalog over units given as a list must hold.
function checkUnits(units: readonly SorUnit[], codes: CodeIndex, info: SnapshotInfo): void {
  if (codes.size !== units.length) {
    const seen = new Set<string>();
    const duplicate = units.find((unit) => seen.size === seen.add(unit.sorCode).size);
    throw new SorCatalogError(
      'duplicate-code',
      `Snapshot ${info.id}: SOR code ${duplicate?.sorCode} occurs more than once`,
    );
  }
  for (const unit of units) {
    if (unit.parentCode !== null && !codes.has(unit.parentCode)) {
      throw new SorCatalogError(
        'missing-parent',
        `Snapshot ${info.id}: unit ${unit.sorCode} (${unit.name}) names parent ${unit.parentCode}, which is not in the snapshot`,
      );
    }
  }
}

/** True when the name table describes these units (same count, each unit's own name). */
export function namesDescribe({ names, nameIds }: NameTable, units: readonly SorUnit[]): boolean {
  return nameIds.length === units.length && units.every((unit, i) => names[nameIds[i]] === unit.name);
}

/**
 * A snapshot over units given as a list (`SorCatalog.fromUnits`, a downloaded snapshot): checked
 * (codes unique, parents present) and code-indexed before the first answer; the search index,
 * the distinct names and the children map follow in the background, or the search index when
 * the first search asks for it (`on-first-search`).
 */
export class ListData extends CodeIndexedData {
  readonly searchReady: Promise<void>;
  // Set while the search index waits for the first search ('on-first-search').
  private startIndex: (() => void) | null = null;

  /**
   * `names`, when the caller has them (a decoder does), spare the first searches from collecting
   * the distinct names unit by unit; they are used only when they describe these units.
   * Throws `SorCatalogError` on a duplicate code or a parent that is missing.
   */
  constructor(
    units: readonly SorUnit[],
    info: SnapshotInfo,
    names?: NameTable,
    searchIndex: SearchIndexTiming = 'background',
  ) {
    const source = unitsSource(units);
    const codes = new CodeIndex(source);
    checkUnits(units, codes, info);
    const table = names && namesDescribe(names, units) ? names : undefined;
    super(source, info, codes, () =>
      table ? EarlyNames.stepsFromTable(source, table) : EarlyNames.steps(units),
    );
    const build = () => {
      const index = new SearchIndex(units, { codes });
      this.index = index;
      return index.ready;
    };
    if (searchIndex === 'on-first-search') {
      // A batch job that never searches (a SHAK migration) need not pay for the name index:
      // it is built when the first search asks for it, and nothing is built in the background.
      this.searchReady = new Promise((resolve, reject) => {
        this.startIndex = () => {
          this.startIndex = null;
          build().then(resolve, reject);
        };
      });
      return;
    }
    this.searchReady = build();
    // Not needed for the first answer, so built in the background (or at once when asked first):
    // the distinct names, then the children map.
    this.collectNamesLater(() => this.fillChildrenLater(units));
  }

  override startSearchIndex(): void {
    this.startIndex?.();
  }
}
