import type { SorUnit } from '../model/types.js';
import { classifyCode, compactCodeInput } from '../model/classify-code.js';
import { runInSlices } from '../util/slices.js';
import { CodeIndex } from './code-index.js';
import { CompiledFilter } from './filter.js';
import { buildNameIndex, CODE_FIELDS, CODE_PREFIX_MIN, type NameIndex } from './name-index.js';
import { searchNames } from './name-search.js';
import { foldWithMap } from './normalize.js';
import { QueryScratch, SearchQuery, type HitCollection, type SearchRequest } from './query.js';
import { staticRank, Tier, toHit } from './ranking.js';
import { TopHits } from './top-hits.js';
import type { SorSearchHit } from './types.js';

export type { SearchRequest } from './query.js';

/** Options of `SearchIndex`. */
export interface SearchIndexOptions {
  /**
   * The name index is built in slices of about this many milliseconds, one task each, so the main
   * thread stays free for typing (default 8). `Infinity` builds it at once, in the constructor, as
   * it always is for up to 2,000 units.
   */
  sliceMs?: number;
  /** The code index of the same units, when the caller already has one (it is not built again). */
  codes?: CodeIndex;
}

// A small register builds in a few milliseconds: at once, however busy the machine is.
const SYNC_BUILD_UNITS = 2000;
// At most this many units are found by one code prefix.
const CODE_PREFIX_CAP = 200;

/**
 * The search over one set of units. Pasted codes (SOR code, SHAK, EAN, ydernummer) are looked up
 * exactly, then by prefix; names are searched word by word through a dictionary of every distinct
 * word (prefix and substring lookups, typo-tolerant words ranked by fuse.js), so only the units that
 * can match are ever looked at. A query word may match the unit's own name, a short name (`OUH`),
 * its own address (postcode, city), or an ancestor's name (`aarhus kardiologi`). Ranking: codes,
 * then exact name > name prefix > every word in the name > some words from the context >
 * substring > fuzzy; active above retired; then ID27 level, kind, name length, name. Pure: no DOM,
 * no Lit.
 *
 * The code lookups work at once; the name index is built in short slices after the constructor
 * returns (see `ready`), so the main thread stays free.
 */
export class SearchIndex {
  readonly codes: CodeIndex;
  /** Resolves once the name index is built; `search` answers codes only until then. */
  readonly ready: Promise<void>;
  private index: NameIndex | null = null;
  private scratch: QueryScratch | null = null;

  constructor(units: readonly SorUnit[], options: SearchIndexOptions = {}) {
    this.codes = options.codes ?? new CodeIndex(units);
    this.ready = new Promise((resolve, reject) => {
      runInSlices(
        buildNameIndex(this.codes),
        units.length <= SYNC_BUILD_UNITS ? Infinity : (options.sliceMs ?? 8),
        (index) => {
          this.index = index;
          this.scratch = new QueryScratch(index);
          resolve();
        },
        reject,
      );
    });
  }

  /** True once the name index is built. */
  get isReady(): boolean {
    return this.index !== null;
  }

  /**
   * Searches codes and (once the index is built) names; the filter applies before the limit.
   * Before the index is built only exact code matches are answered.
   */
  search(query: string, request: SearchRequest): SorSearchHit[] {
    const trimmed = query.trim();
    if (trimmed === '' || request.limit <= 0) return [];
    const index = this.index;
    const found: HitCollection = {
      filter: new CompiledFilter(request.filter ?? {}, request.asOf, this.codes),
      top: new TopHits(request.limit),
      seen: new Set<string>(),
      withinPos: request.filter?.within !== undefined ? this.posOf(request.filter.within) : -1,
    };
    const { top } = found;
    // Every code (SOR, SHAK, EAN, ydernummer) holds a digit; a query without one is only a name,
    // and skips the code classifier.
    if (/\d/.test(trimmed)) this.searchCodes(trimmed, found);
    if (!index) return top.hits.map(toHit);

    const words = foldWithMap(trimmed).text;
    if (words.length > 0) {
      const names = new SearchQuery({ ...found, index, scratch: this.scratch! });
      const typos = searchNames(names, words, false);
      // Typos: only when the exact, prefix and substring matches leave room. The second pass finds
      // everything the first did and more, so it starts over from the code hits.
      if (typos && !top.full) {
        top.retain((hit) => hit.matchedBy !== 'name');
        searchNames(names, words, true);
      }
    }
    return top.hits.map(toHit);
  }

  // The position of a unit in the name index, or -1 (also while the index is not built).
  private posOf(sorCode: string): number {
    const input = this.index ? this.codes.indexOf(sorCode) : undefined;
    return this.index && input !== undefined ? this.index.posOfInput[input] : -1;
  }

  // Codes are looked up as a spreadsheet or a person writes them too: `="…"`, separators, a
  // SHAK + 99999 pseudo-code (by its SHAK), a SOR code a spreadsheet zeroed (by what survived).
  private searchCodes(trimmed: string, found: HitCollection): void {
    const { filter, top, seen, withinPos } = found;
    const code = classifyCode(trimmed);
    const compact = code.kind === 'shak' ? code.value : compactCodeInput(trimmed);
    if (!/^[0-9A-Za-z]+$/.test(compact) || !/\d/.test(compact)) return;
    const { index } = this;
    const upper = compact.toUpperCase();
    for (const field of CODE_FIELDS) {
      const units = new Set([...this.codes.lookup(field, compact), ...this.codes.lookup(field, upper)]);
      for (const unit of units) {
        const pos = this.posOf(unit.sorCode);
        if (seen.has(unit.sorCode)) continue;
        if (
          index && pos >= 0 ? !filter.acceptsAt(index, pos, withinPos) : !filter.acceptsUnit(unit, this.codes)
        )
          continue;
        seen.add(unit.sorCode);
        top.offer({
          unit,
          pos,
          tier: field === 'sorCode' ? Tier.SorCode : Tier.OtherCode,
          score: 0,
          retired: filter.isRetired(unit),
          rank: index && pos >= 0 ? index.rank[pos] : staticRank(unit),
          matchedBy: field,
          ranges: [[0, unit[field]!.length]],
        });
      }
    }
    if (!index) return;
    if (upper.length >= CODE_PREFIX_MIN) this.codePrefixes(index, upper, found);
    if (code.survivingPrefix !== undefined) this.codePrefixes(index, code.survivingPrefix, found);
  }

  // Codes that start with `prefix` (but are longer), up to CODE_PREFIX_CAP units.
  private codePrefixes(index: NameIndex, prefix: string, found: HitCollection): void {
    const { filter, top, seen, withinPos } = found;
    const bucket = index.codeBuckets.get(prefix.slice(0, CODE_PREFIX_MIN));
    if (!bucket) return;
    const { codes, entries } = bucket;
    let taken = 0;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i];
      // A scan of plain strings: the biggest bucket (every EAN starts 5790) holds tens of thousands.
      if (code.length <= prefix.length || !code.startsWith(prefix)) continue;
      const pos = Math.floor(entries[i] / 4);
      const unit = index.units[pos];
      if (seen.has(unit.sorCode) || !filter.acceptsAt(index, pos, withinPos)) continue;
      seen.add(unit.sorCode);
      top.offer({
        unit,
        pos,
        tier: Tier.CodePrefix,
        score: 0,
        retired: filter.isRetired(unit),
        rank: index.rank[pos],
        matchedBy: CODE_FIELDS[entries[i] % 4],
        ranges: [[0, prefix.length]],
      });
      if (++taken >= CODE_PREFIX_CAP) break;
    }
  }
}
