import type { SnapshotInfo, SorUnit } from '../model/types.js';
import { CodeIndex } from '../search/code-index.js';
import { EarlyNames } from '../search/early-names.js';
import { SearchIndex } from '../search/search-index.js';
import { nextTask, runInSlices } from '../util/slices.js';
import type { NameTable, UnitSource } from '../search/types.js';
import { CodeIndexedData, noop } from './snapshot-data.js';

/** Unit positions grouped by parent position + 1 (roots first), and where each group starts. */
export interface PositionsByParent {
  /** `positions[start[p + 1] … start[p + 2])` are the children of position p (p = -1: the roots). */
  start: Int32Array;
  positions: Int32Array;
}

/** A counting sort of the positions by parent position: no unit made. */
export function groupByParent(source: Pick<UnitSource, 'count' | 'parentAt'>): PositionsByParent {
  const parentAt = source.parentAt!.bind(source);
  const count = source.count;
  const start = new Int32Array(count + 2);
  for (let i = 0; i < count; i++) start[parentAt(i) + 2]++;
  for (let p = 0; p <= count; p++) start[p + 1] += start[p];
  const next = start.slice(0, count + 1);
  const positions = new Int32Array(count);
  for (let i = 0; i < count; i++) positions[next[parentAt(i) + 1]++] = i;
  return { start, positions };
}

/**
 * A snapshot read from its stored unit table (`SorCatalog.open`, checked when it was read): only
 * the codes are indexed before the first answer. A name search makes just the units it finds, a
 * tree just the children it shows (found by position); the rest are made and indexed in the
 * background.
 */
export class StoredTableData extends CodeIndexedData {
  readonly searchReady: Promise<void>;
  private positionsByParent: PositionsByParent | null = null;

  constructor(source: UnitSource, info: SnapshotInfo, names: NameTable) {
    const codes = new CodeIndex(source);
    super(source, info, codes, () => EarlyNames.stepsFromTable(source, names));
    // The units are made in slices (a name search meanwhile makes those it finds), then indexed.
    this.searchReady = new Promise((resolve, reject) =>
      nextTask(() =>
        runInSlices(
          source.allInSteps(),
          8,
          (all) => {
            const index = new SearchIndex(all, { codes });
            this.index = index;
            index.ready.then(resolve, reject);
            // The children map over the units now made (until then children are found by position).
            this.fillChildrenLater(all);
          },
          reject,
        ),
      ),
    );
    this.collectNamesLater(noop);
  }

  protected override findChildren(parentCode: string | null): SorUnit[] | undefined {
    return this.childrenByPosition(parentCode) ?? super.findChildren(parentCode);
  }

  // Before the children map is built, from a source that knows its parents: only the unit's
  // children are made. Kept, like the map's lists, so they are sorted once.
  private childrenByPosition(parentCode: string | null): SorUnit[] | undefined {
    const source = this.source;
    if (!source.parentAt || this.complete) return undefined;
    const parent = parentCode === null ? -1 : this.codes.indexOf(parentCode);
    if (parent === undefined) return [];
    const grouped = (this.positionsByParent ??= groupByParent(source));
    const from = grouped.start[parent + 1];
    const list = new Array<SorUnit>(grouped.start[parent + 2] - from);
    for (let k = 0; k < list.length; k++) list[k] = source.unitAt(grouped.positions[from + k]);
    this.lists.set(parentCode, list);
    return list;
  }
}
