/**
 * Name search before the full index is built: the distinct names of a snapshot, each folded once,
 * scanned per query. Answers exact names and word prefixes while `SearchIndex` is still building.
 */
import type { SorUnit } from '../model/types.js';
import { CompiledFilter } from './filter.js';
import { foldName, NAME_FOLDING_VERSION } from './fold-name.js';
import { foldWithMap, tokenize, toSourceRange, type SearchToken } from './normalize.js';
import { MAX_QUERY_WORDS, type SearchRequest } from './query.js';
import { collationOrder, Tier, toHit, unitRank } from './ranking.js';
import { TopHits } from './top-hits.js';
import type { NameTable, SorSearchHit, UnitSource } from './types.js';
import { runAtOnce } from '../util/slices.js';

/** One distinct name, folded once, with the units that carry it. */
interface EarlyName {
  /** See `foldName`. */
  words: string;
  keys: string;
  /** The name's place in Danish order (see `collationOrder`). */
  order: number;
  /** The units of this name; null until first needed when `positions` are given instead. */
  units: SorUnit[] | null;
  /** The units' positions in the `UnitSource` of the names, when the units are not made yet. */
  positions?: ArrayLike<number>;
}

function earlyName(
  name: string,
  units: SorUnit[] | null,
  positions?: ArrayLike<number>,
  folded: { words: string; keys: string } = foldName(name),
): EarlyName {
  return { words: folded.words, keys: folded.keys, order: collationOrder(name), units, positions };
}

/**
 * The distinct names of a snapshot (about 12,000 at 100,000 units), each folded once, with their
 * units: enough to answer a name search by scanning while the full index is still being built,
 * and cheap to derive from the previous snapshot's when a delta changes a few units.
 */
export class EarlyNames {
  private constructor(
    private readonly byName: ReadonlyMap<string, EarlyName>,
    // Where entries given by `positions` find their units (see `stepsFromTable`).
    private readonly source: UnitSource | null = null,
  ) {}

  // The units of a name, made from the source on first need (a search that matched the name).
  private unitsOf(entry: EarlyName): SorUnit[] {
    if (entry.units === null) {
      const source = this.source!;
      const positions = entry.positions!;
      const units = new Array<SorUnit>(positions.length);
      for (let i = 0; i < positions.length; i++) units[i] = source.unitAt(positions[i]);
      entry.units = units;
      entry.positions = undefined;
    }
    return entry.units;
  }

  /** One pass over the units; only each distinct name is folded. */
  static build(units: readonly SorUnit[]): EarlyNames {
    return runAtOnce(EarlyNames.steps(units));
  }

  /** `build` in steps, for `runInSlices`. */
  static *steps(units: readonly SorUnit[]): Generator<void, EarlyNames> {
    const byName = new Map<string, EarlyName>();
    for (let i = 0; i < units.length; i++) {
      const unit = units[i];
      const entry = byName.get(unit.name);
      if (entry) entry.units!.push(unit);
      else byName.set(unit.name, earlyName(unit.name, [unit]));
      if ((i & 1023) === 1023) yield;
    }
    return new EarlyNames(byName);
  }

  /**
   * `steps` from a table of the distinct names (as a decoder has it): no name is hashed per unit,
   * and no unit is made: a name's units are made from `source` when a search first matches it.
   * The table must describe the source's units (the catalog checks a table it is given with units).
   */
  static *stepsFromTable(source: UnitSource, table: NameTable): Generator<void, EarlyNames> {
    const { names, nameIds } = table;
    const count = source.count;
    if (nameIds.length !== count) return yield* EarlyNames.steps(source.all());
    // Positions grouped by name, a counting sort: no list per name grows unit by unit.
    const start = new Int32Array(names.length + 1);
    for (let i = 0; i < count; i++) {
      const id = nameIds[i];
      if (!(id >= 0 && id < names.length)) return yield* EarlyNames.steps(source.all());
      start[id + 1]++;
    }
    for (let k = 0; k < names.length; k++) start[k + 1] += start[k];
    const positions = new Int32Array(count);
    const next = start.slice(0, names.length);
    for (let i = 0; i < count; i++) positions[next[nameIds[i]]++] = i;
    yield;
    // Folds stored with the names (a unit table keeps them) are used when made by this version.
    const folded =
      table.folded?.version === NAME_FOLDING_VERSION && table.folded.words.length === names.length
        ? table.folded
        : null;
    const byName = new Map<string, EarlyName>();
    for (let k = 0; k < names.length; k++) {
      if (start[k] === start[k + 1]) continue;
      const own = positions.subarray(start[k], start[k + 1]);
      const entry = byName.get(names[k]);
      // A name listed twice (not by our decoders) still gathers all its units under one entry.
      if (entry) entry.positions = [...Array.from(entry.positions!), ...own];
      else {
        const fold = folded ? { words: folded.words[k], keys: folded.keys[k] } : undefined;
        byName.set(names[k], earlyName(names[k], null, own, fold));
      }
      if ((k & 255) === 255) yield;
    }
    return new EarlyNames(byName, source);
  }

  /**
   * The names after a change: `gone` are the old units of every removed or changed code, `added`
   * the new ones. Copy-on-write: this object stays as it is (an open snapshot may still use it),
   * and only the names touched are copied.
   */
  patched(gone: Iterable<SorUnit>, added: Iterable<SorUnit>): EarlyNames {
    const byName = new Map(this.byName);
    const goneByName = new Map<string, Set<SorUnit>>();
    for (const unit of gone) {
      const set = goneByName.get(unit.name);
      if (set) set.add(unit);
      else goneByName.set(unit.name, new Set([unit]));
    }
    const copied = new Set<string>();
    for (const [name, units] of goneByName) {
      const entry = byName.get(name);
      if (!entry) continue;
      const kept = this.unitsOf(entry).filter((unit) => !units.has(unit));
      if (kept.length === 0) byName.delete(name);
      else byName.set(name, { ...entry, units: kept, positions: undefined });
      copied.add(name);
    }
    for (const unit of added) {
      const entry = byName.get(unit.name);
      if (!entry) {
        byName.set(unit.name, earlyName(unit.name, [unit]));
      } else if (copied.has(unit.name)) {
        entry.units!.push(unit);
        continue;
      } else {
        byName.set(unit.name, { ...entry, units: [...this.unitsOf(entry), unit], positions: undefined });
      }
      copied.add(unit.name);
    }
    // Names not touched are shared with this object, some still to be made from the same source.
    return new EarlyNames(byName, this.source);
  }

  /**
   * Names holding every query word at the start of one of their words (as typed or as the full
   * word of an abbreviation): exact name, name prefix, then word prefix; active before retired,
   * then ID27 level, kind, name length, name. No typos, no ancestors' names, no short names or
   * addresses: those need the full index, and the catalog waits for it when this finds nothing.
   */
  search(
    query: string,
    request: SearchRequest,
    codes: { get(sorCode: string): SorUnit | undefined },
  ): SorSearchHit[] {
    const trimmed = query.trim();
    if (trimmed === '' || request.limit <= 0) return [];
    const tokens = tokenize(foldWithMap(trimmed).text).slice(0, MAX_QUERY_WORDS);
    if (tokens.length === 0) return [];
    const filter = new CompiledFilter(request.filter ?? {}, request.asOf, codes);
    const top = new TopHits(request.limit);
    // Spaced as `foldName` spaces a name: ' word' is found where a word starts with `word`.
    const queryWords = tokens.map((token) => ' ' + token.word);
    const queryKeys = tokens.map((token) => ' ' + token.key);
    const allWords = queryWords.join('');
    const allKeys = queryKeys.join('');
    for (const entry of this.byName.values()) {
      const { words, keys } = entry;
      let all = true;
      for (let t = 0; t < tokens.length && all; t++)
        all = words.includes(queryWords[t]) || keys.includes(queryKeys[t]);
      if (!all) continue;
      const tier: Tier =
        keys === allKeys || words === allWords
          ? Tier.ExactName
          : words.startsWith(allWords) || keys.startsWith(allKeys)
            ? Tier.NamePrefix
            : Tier.WordPrefix;
      for (const unit of this.unitsOf(entry)) {
        const rank = unitRank(unit, entry.order);
        if (top.closedTo(tier, 0, rank) || !filter.acceptsUnit(unit, codes)) continue;
        top.offer({
          unit,
          pos: -1,
          tier,
          score: 0,
          retired: filter.isRetired(unit),
          rank,
          matchedBy: 'name',
          ranges: [],
        });
      }
    }
    for (const hit of top.hits) hit.ranges = prefixRanges(hit.unit.name, tokens);
    return top.hits.map(toHit);
  }
}

// Where query words start words of a name, for highlighting an early hit.
function prefixRanges(name: string, query: SearchToken[]): [number, number][] {
  const folded = foldWithMap(name);
  const ranges: [number, number][] = [];
  for (const token of tokenize(folded.text)) {
    for (const word of query) {
      if (token.word.startsWith(word.word)) {
        ranges.push(toSourceRange(folded, token.start, token.start + word.word.length - 1, name));
        break;
      }
      if (token.key.startsWith(word.key)) {
        ranges.push(toSourceRange(folded, token.start, token.end - 1, name));
        break;
      }
    }
  }
  return ranges;
}
