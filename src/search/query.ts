/**
 * One search over the name index: the single object a query carries through every step (index,
 * filter, the best hits so far, the units already offered, the word slots of the pass under way)
 * instead of a long parameter list, with the per-unit questions of a pass: which tier a name is,
 * how a unit matches, where to highlight. The strategy that decides which units to ask about is
 * `name-search.ts`.
 */
import type { SorUnit } from '../model/types.js';
import type { CompiledFilter } from './filter.js';
import type { NameIndex } from './name-index.js';
import { foldWithMap, tokenize, toSourceRange } from './normalize.js';
import { ADDRESS_PENALTY, CONTEXT_PENALTY, Tier, tierOfWorst, type Candidate } from './ranking.js';
import { MatchQuality } from './token-dictionary.js';
import type { TopHits } from './top-hits.js';
import type { SearchMatchField, SorSearchFilter } from './types.js';

/** One search: how many hits, the filter (applied before the limit) and the day it is judged on. */
export interface SearchRequest {
  limit: number;
  /** ISO date for validity (`filter.asOf`, else today); units closed before it are retired. */
  asOf: string;
  filter?: SorSearchFilter;
}

/** At most this many words of a query are searched. */
export const MAX_QUERY_WORDS = 8;
/** A postcode or city is matched from its third letter on: `8` is not yet a postcode. */
export const ADDRESS_MIN = 3;

/** Per query word: which dictionary words and names it matched, and how well. */
export interface WordSlot {
  word: string;
  key: string;
  /** Per dictionary word: its best match quality, or -1 (reset through `touched` after a pass). */
  wordQuality: Float32Array;
  touched: number[];
  /** Per name: the quality cached for the pass stamped in `nameStamp`. */
  nameQuality: Float32Array;
  nameStamp: Int32Array;
  names: number[];
  /** Set when matched: the word matched no dictionary word by prefix. */
  needsTypos: boolean;
  /** How many (word, name) postings the matched dictionary words have: the cost of listing names. */
  postings: number;
}

/**
 * The best quality of a query word among the words of a name, or -1; computed on first use in a
 * pass and cached, so a word matching thousands of names costs only the names actually checked.
 */
export function qualityOf(index: NameIndex, slot: WordSlot, name: number, stamp: number): number {
  if (slot.nameStamp[name] === stamp) return slot.nameQuality[name];
  let best = -1;
  for (let k = index.nameWordStart[name]; k < index.nameWordStart[name + 1]; k++) {
    const quality = slot.wordQuality[index.nameWords[k]];
    if (quality >= 0 && (best < 0 || quality < best)) best = quality;
  }
  slot.nameStamp[name] = stamp;
  slot.nameQuality[name] = best;
  return best;
}

/**
 * What one index keeps between queries so that a keystroke allocates almost nothing: a word slot
 * per query word position (arrays the size of the dictionary and of the names) and a stamp per
 * unit. Each pass takes a new stamp, so nothing needs clearing but the dictionary words it marked.
 */
export class QueryScratch {
  private readonly slots: WordSlot[] = [];
  readonly unitStamp: Int32Array;
  private stamp = 0;

  constructor(private readonly index: NameIndex) {
    this.unitStamp = new Int32Array(index.units.length);
  }

  /** A new stamp for a pass: cached qualities and visited units of earlier passes no longer count. */
  nextStamp(): number {
    return ++this.stamp;
  }

  /** The slot of the `i`th query word, made on first need. */
  slot(i: number): WordSlot {
    const { index } = this;
    this.slots[i] ??= {
      word: '',
      key: '',
      wordQuality: new Float32Array(index.dictionary.size).fill(-1),
      touched: [],
      nameQuality: new Float32Array(index.nameKeys.length),
      nameStamp: new Int32Array(index.nameKeys.length),
      names: [],
      needsTypos: false,
      postings: 0,
    };
    return this.slots[i];
  }

  /** Clears what the first `count` slots marked, ready for the next pass. */
  reset(count: number): void {
    for (let i = 0; i < count; i++) {
      const slot = this.slots[i];
      for (const id of slot.touched) slot.wordQuality[id] = -1;
      slot.touched.length = 0;
      slot.names.length = 0;
    }
  }
}

/** What one search keeps while it collects hits, codes and names alike. */
export interface HitCollection {
  filter: CompiledFilter;
  top: TopHits;
  /** SOR codes already offered (by a code match): not offered again. */
  seen: Set<string>;
  /** The position of `filter.within` in the index, or -1. */
  withinPos: number;
}

/** What one search asks of the name index, and what it has found so far. */
export interface QueryRequest extends HitCollection {
  index: NameIndex;
  scratch: QueryScratch;
}

/** One search over the name index; a pass (`begin` … `end`) matches the words of the query once. */
export class SearchQuery {
  readonly index: NameIndex;
  readonly top: TopHits;
  readonly scratch: QueryScratch;
  private readonly filter: CompiledFilter;
  private readonly seen: Set<string>;
  private readonly withinPos: number;
  /** The slots of the pass under way, one per query word. */
  slots: WordSlot[] = [];
  /** The stamp of the pass under way. */
  stamp = 0;
  /** True in the typo pass. */
  fuzzy = false;
  private wordsJoined = '';
  private keysJoined = '';

  constructor({ index, scratch, filter, top, seen, withinPos }: QueryRequest) {
    this.index = index;
    this.scratch = scratch;
    this.filter = filter;
    this.top = top;
    this.seen = seen;
    this.withinPos = withinPos;
  }

  /** Starts a pass over the words of folded text; false when it has no words. */
  begin(folded: string, fuzzy: boolean): boolean {
    const tokens = tokenize(folded).slice(0, MAX_QUERY_WORDS);
    if (tokens.length === 0) return false;
    this.fuzzy = fuzzy;
    this.stamp = this.scratch.nextStamp();
    this.slots = tokens.map((token, i) => {
      const slot = this.scratch.slot(i);
      slot.word = token.word;
      slot.key = token.key;
      return slot;
    });
    this.wordsJoined = this.slots.map((slot) => slot.word).join(' ');
    this.keysJoined = this.slots.map((slot) => slot.key).join(' ');
    return true;
  }

  /** Ends the pass: the slots are cleared for the next one. */
  end(): void {
    this.scratch.reset(this.slots.length);
  }

  /** Offers unit `pos` when the filter takes it and no code match offered it already. */
  consider(
    pos: number,
    tier: Tier,
    score: number,
    matchedBy: SearchMatchField = 'name',
    ranges: [number, number][] = [],
  ): void {
    const unit = this.index.units[pos];
    if (this.seen.has(unit.sorCode) || !this.filter.acceptsAt(this.index, pos, this.withinPos)) return;
    this.top.offer(this.candidate(unit, pos, tier, score, matchedBy, ranges));
  }

  /** A candidate of this search (retired as judged on its day). */
  candidate(
    unit: SorUnit,
    pos: number,
    tier: Tier,
    score: number,
    matchedBy: SearchMatchField,
    ranges: [number, number][],
  ): Candidate {
    const rank = this.index.rank[pos];
    return { unit, pos, tier, score, retired: this.filter.isRetired(unit), rank, matchedBy, ranges };
  }

  /** Matches unit `pos` in full (once per pass) and offers it when every word matched. */
  evaluate(pos: number): void {
    const { unitStamp } = this.scratch;
    if (unitStamp[pos] === this.stamp) return;
    unitStamp[pos] = this.stamp;
    const match = this.matchUnit(pos);
    if (match) this.consider(pos, match.tier, match.score);
  }

  /** The quality of the word of `slot` in name `name` this pass, or -1. */
  quality(slot: WordSlot, name: number): number {
    return qualityOf(this.index, slot, name, this.stamp);
  }

  /** The tier of a name that holds every query word. */
  nameTier(name: number): Tier {
    const { index, slots } = this;
    let worst = 0;
    for (const slot of slots) worst = Math.max(worst, this.quality(slot, name));
    if (slots.length === 1) {
      // One word: the name starts with it when its first word does.
      const slot = slots[0];
      const first = index.nameFirstWord[name];
      if (first >= 0 && slot.wordQuality[first] === MatchQuality.Prefix) {
        const word = index.dictionary.words[first];
        return index.nameWordCount[name] === 1 && (word === slot.word || word === slot.key)
          ? Tier.ExactName
          : Tier.NamePrefix;
      }
    } else {
      const key = index.nameKeys[name];
      if (key === this.keysJoined || key === this.wordsJoined) return Tier.ExactName;
      if (key.startsWith(this.wordsJoined) || key.startsWith(this.keysJoined)) return Tier.NamePrefix;
    }
    return tierOfWorst(worst, true);
  }

  // True when extra word `k` can answer `slot`: addresses match as words do; a short name only
  // when typed in full (`rh` must not find every `rhg`, `rhn` … hospital).
  private extraMatches(slot: WordSlot, k: number): boolean {
    const { extraWords, extraIsAddress, dictionary } = this.index;
    if (slot.wordQuality[extraWords[k]] < 0) return false;
    if (extraIsAddress[k]) return slot.word.length >= ADDRESS_MIN;
    const word = dictionary.words[extraWords[k]];
    return word === slot.word || word === slot.key;
  }

  /** How unit `pos` matches every query word, or null when some word matches nowhere near it. */
  matchUnit(pos: number): { tier: Tier; score: number } | null {
    const { index, slots } = this;
    const { extraStart, extraWords, extraIsAddress } = index;
    const name = index.nameOf[pos];
    // Cheap rejection first: a unit must match some word in its own name or its extra words.
    if (extraStart[pos] === extraStart[pos + 1]) {
      let own = false;
      for (let i = 0; i < slots.length && !own; i++) own = this.quality(slots[i], name) >= 0;
      if (!own) return null;
    }
    let score = 0;
    let worst = 0;
    let allInName = true;
    let allOwn = true;
    let anyOwn = false;
    let exactShortName = false;
    for (const slot of slots) {
      // Where the word matched: 0 own name, 1 own short name, 2 own address, 3 an ancestor.
      let where = 0;
      let raw = this.quality(slot, name);
      let penalty = 0;
      for (let k = extraStart[pos]; k < extraStart[pos + 1]; k++) {
        if (!this.extraMatches(slot, k)) continue;
        const quality = slot.wordQuality[extraWords[k]];
        const extraPenalty = extraIsAddress[k] ? ADDRESS_PENALTY : 0;
        if (raw < 0 || quality + extraPenalty < raw + penalty) {
          raw = quality;
          penalty = extraPenalty;
          where = extraIsAddress[k] ? 2 : 1;
        }
      }
      if (raw < 0) {
        raw = this.ancestorQuality(slot, pos);
        if (raw < 0) return null;
        penalty = CONTEXT_PENALTY;
        where = 3;
      }
      score += raw + penalty;
      worst = Math.max(worst, raw);
      allInName &&= where === 0;
      allOwn &&= where <= 1;
      anyOwn ||= where !== 3;
      if (where === 1 && slots.length === 1) exactShortName = true;
    }
    if (!anyOwn) return null;
    if (allInName) return { tier: this.nameTier(name), score };
    return { tier: exactShortName ? Tier.ExactName : tierOfWorst(worst, allOwn), score };
  }

  // The best quality of the word among the names and extra words of the unit's ancestors, or -1.
  private ancestorQuality(slot: WordSlot, pos: number): number {
    const { index } = this;
    const { extraStart, extraWords, extraIsAddress } = index;
    let raw = -1;
    for (let a = index.parent[pos]; a >= 0; a = index.parent[a]) {
      const quality = this.quality(slot, index.nameOf[a]);
      if (quality >= 0 && (raw < 0 || quality < raw)) raw = quality;
      for (let k = extraStart[a]; k < extraStart[a + 1]; k++) {
        if (!this.extraMatches(slot, k)) continue;
        // An ancestor's address is weaker still: a region's seat city is not where its units are.
        const quality = slot.wordQuality[extraWords[k]] + (extraIsAddress[k] ? ADDRESS_PENALTY : 0);
        if (raw < 0 || quality < raw) raw = quality;
      }
    }
    return raw;
  }

  /** Where the query words sit in the unit's name, for highlighting. */
  ranges(unit: SorUnit): [number, number][] {
    const folded = foldWithMap(unit.name);
    const tokens = tokenize(folded.text);
    const ranges: [number, number][] = [];
    for (const slot of this.slots) {
      for (const token of tokens) {
        let start = -1;
        let end = -1;
        if (token.word.startsWith(slot.word)) [start, end] = [token.start, token.start + slot.word.length];
        else if (token.key.startsWith(slot.key)) [start, end] = [token.start, token.end];
        else {
          const at = token.word.indexOf(slot.word);
          if (at > 0 && slot.word.length >= 3)
            [start, end] = [token.start + at, token.start + at + slot.word.length];
          else {
            const id = this.index.dictionary.idOf(token.key);
            if (id !== undefined && slot.wordQuality[id] >= 0) [start, end] = [token.start, token.end];
          }
        }
        if (start >= 0) ranges.push(toSourceRange(folded, start, end - 1, unit.name));
      }
    }
    return ranges;
  }
}
