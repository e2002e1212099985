import type { SorUnit } from '../model/types.js';
import type { NameTable, UnitSource } from '../search/types.js';
import { sorCodeFromKey } from '../model/codes.js';

/**
 * The units of a stored table, made when first asked for (`unitAt`), or all at once (`all`, or
 * `allInSteps` in the background): a cold start indexes the codes and answers its first search
 * before most units exist. With the distinct names and each unit's name among them (`names`).
 */
export class StoredUnits implements UnitSource {
  private readonly made: SorUnit[];
  private complete = false;

  constructor(
    readonly count: number,
    // Per unit the `sorCodeKey` of its code, -1 for a code kept as text in `irregular`.
    private readonly keys: Int32Array,
    // Per unit the position of its parent, -1 for none.
    private readonly parents: Int32Array,
    private readonly irregular: ReadonlyMap<number, string>,
    readonly names: NameTable,
    private make: ((position: number) => SorUnit) | null,
    // Whether the level column holds any level: the distinct values are known before a unit is made.
    private readonly anyLevel: boolean,
  ) {
    this.made = new Array<SorUnit>(count);
  }

  parentAt(position: number): number {
    return this.parents[position];
  }

  keyAt(position: number): number {
    return this.keys[position];
  }

  hasLevels(): boolean {
    return this.anyLevel;
  }

  codeAt(position: number): string {
    const key = this.keys[position];
    return key >= 0 ? sorCodeFromKey(key) : this.irregular.get(position)!;
  }

  unitAt(position: number): SorUnit {
    return (this.made[position] ??= this.make!(position));
  }

  all(): readonly SorUnit[] {
    if (!this.complete) for (let i = 0; i < this.count; i++) this.unitAt(i);
    this.completed();
    return this.made;
  }

  // Every unit is made: let the table's buffer go.
  private completed(): void {
    this.complete = true;
    this.make = null;
  }

  *allInSteps(): Generator<void, readonly SorUnit[]> {
    for (let i = 0; i < this.count && !this.complete; i++) {
      this.unitAt(i);
      if ((i & 2047) === 2047) yield;
    }
    this.completed();
    return this.made;
  }
}
