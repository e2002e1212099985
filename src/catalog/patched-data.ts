import type { SnapshotInfo, SorUnit } from '../model/types.js';
import { EarlyNames } from '../search/early-names.js';
import { SearchIndex } from '../search/search-index.js';
import { runInSlices, whenIdle } from '../util/slices.js';
import { unitsSource } from '../search/types.js';
import type { CatalogChanges, CatalogData } from './catalog-data.js';
import { ListData } from './list-data.js';
import { childrenMap, runToEnd, SnapshotData } from './snapshot-data.js';

// A small register rebuilds in a few milliseconds: simpler than patching, and as fast.
const SMALL_REBUILD_UNITS = 2000;

/** The snapshot before a delta and what the delta changed: what a patched snapshot answers from until its own indexes are built. */
interface Patch {
  previous: CatalogData;
  changes: CatalogChanges;
  upsertsByParent: Map<string | null, SorUnit[]>;
}

/**
 * A snapshot made from the one before by a delta: it answers at once through the previous
 * snapshot's indexes plus the changed units, and builds its own indexes in the background. It
 * never changes what it answers, only how.
 */
export class PatchedData extends SnapshotData {
  readonly searchReady: Promise<void>;
  // Null once its own indexes are built: the previous snapshot is then let go.
  private patch: Patch | null;
  private early: EarlyNames | null = null;

  /** Use `dataAfterDelta`, which rebuilds small registers instead. */
  constructor(previous: CatalogData, units: readonly SorUnit[], changes: CatalogChanges, info: SnapshotInfo) {
    super(unitsSource(units), info);
    const upsertsByParent = new Map<string | null, SorUnit[]>();
    for (const unit of changes.upserts.values()) {
      const list = upsertsByParent.get(unit.parentCode);
      if (list) list.push(unit);
      else upsertsByParent.set(unit.parentCode, [unit]);
    }
    this.patch = { previous, changes, upsertsByParent };
    // Background: the patch already answers; the rebuild must not delay what the page does next
    // (its first long step, indexing every code, must not land between a sync and the search after it).
    this.searchReady = new Promise((resolve, reject) => whenIdle(() => this.build(resolve, reject)));
  }

  // The search index (itself in slices), then the children map in slices; then the patch goes.
  private build(resolve: () => void, reject: (error: unknown) => void): void {
    try {
      const index = new SearchIndex(this.units);
      this.index = index;
      runInSlices(
        childrenMap(this.units),
        8,
        (map) => {
          this.fillChildren(map);
          this.patch = null;
          index.ready.then(resolve, reject);
        },
        reject,
      );
    } catch (error) {
      reject(error);
    }
  }

  get(sorCode: string): SorUnit | undefined {
    // The own code index answers as soon as the build made it (before the patch goes).
    if (this.index) return this.index.codes.get(sorCode);
    const { previous, changes } = this.patch!;
    return changes.upserts.get(sorCode) ?? (changes.removed.has(sorCode) ? undefined : previous.get(sorCode));
  }

  codeUnits(field: 'shak' | 'ean', code: string): readonly SorUnit[] {
    if (this.index) return this.index.codes.lookup(field, code);
    const { previous, changes } = this.patch!;
    const { upserts, removed } = changes;
    return previous
      .codeUnits(field, code)
      .filter((unit) => !upserts.has(unit.sorCode) && !removed.has(unit.sorCode))
      .concat(
        [...upserts.values()].filter(
          (unit) => unit[field] === code && !(field === 'ean' && unit.eanInherited),
        ),
      );
  }

  earlyNames(): EarlyNames {
    if (this.early) return this.early;
    const patch = this.patch;
    if (!patch) return (this.early = runToEnd(EarlyNames.steps(this.units)));
    // The previous snapshot's names (collected in the background by now, as a rule), patched.
    const { previous, changes } = patch;
    const gone: SorUnit[] = [];
    for (const code of [...changes.upserts.keys(), ...changes.removed]) {
      const old = previous.get(code);
      if (old) gone.push(old);
    }
    return (this.early = previous.earlyNames().patched(gone, changes.upserts.values()));
  }

  // Before the own children map is built: the previous snapshot's, minus what changed, plus the
  // changed units now under this parent. Once it is built, a parent missing from it has none.
  protected findChildren(parentCode: string | null): SorUnit[] | undefined {
    const patch = this.patch;
    if (!patch || this.complete) return undefined;
    const { upserts, removed } = patch.changes;
    const list = patch.previous
      .unsortedChildren(parentCode)
      .filter((unit) => !upserts.has(unit.sorCode) && !removed.has(unit.sorCode))
      .concat(patch.upsertsByParent.get(parentCode) ?? []);
    this.lists.set(parentCode, list);
    return list;
  }
}

/**
 * The snapshot `previous` becomes by a delta: `units` are the units after it and `changes` what
 * it changed (both from `patchUnits`, which checked codes, parents and count). O(changes), not
 * O(units): the full indexes follow in the background. Up to 2,000 units it simply rebuilds.
 */
export function dataAfterDelta(
  previous: CatalogData,
  units: readonly SorUnit[],
  changes: CatalogChanges,
  info: SnapshotInfo,
): CatalogData {
  if (units.length <= SMALL_REBUILD_UNITS) return new ListData(units, info);
  return new PatchedData(previous, units, changes, info);
}
