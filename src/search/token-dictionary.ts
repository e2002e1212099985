// The basic build: no extended search or logical queries, which we don't use (about 3 kB less).
import Fuse from 'fuse.js/basic';

/** How a query word matched a dictionary word: the lower, the better. */
export const MatchQuality = {
  /** The dictionary word starts with the query word (or is it). */
  Prefix: 0,
  /** The query word occurs inside the dictionary word (`afdeling` in `akutafdelingen`). */
  Substring: 1,
  /** A typo-tolerant match; fuse.js's score (0..1) is added on top. */
  Fuzzy: 2,
} as const;

// fuse.js settings for one word against one word: where in the word does not matter (compounds),
// and about one error in three letters is still a match.
const FUZZY_OPTIONS = {
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.34,
  minMatchCharLength: 2,
  isCaseSensitive: true,
} as const;

/** At most this many dictionary words go to fuse.js per query word, the most trigram-alike first. */
const FUZZY_CANDIDATES = 160;

function trigramsOf(word: string): string[] {
  const grams: string[] = [];
  for (let i = 0; i + 3 <= word.length; i++) grams.push(word.slice(i, i + 3));
  return grams;
}

/**
 * Every distinct word of the index (folded, abbreviations expanded), with the three lookups a query
 * word needs: prefix (binary search in sorted order), substring and fuzzy (a trigram index narrows
 * the words; fuse.js ranks the few that are left).
 */
export class TokenDictionary {
  readonly words: string[] = [];
  private readonly ids = new Map<string, number>();
  private sorted = new Int32Array(0);
  private readonly trigrams = new Map<string, number[]>();
  private shared = new Uint16Array(0);

  /** The id of a word, adding it if new. */
  add(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(word);
      this.ids.set(word, id);
    }
    return id;
  }

  /** The id of a word, or undefined when no name has it. */
  idOf(word: string): number | undefined {
    return this.ids.get(word);
  }

  get size(): number {
    return this.words.length;
  }

  /** Builds the lookups once every word is added; yields between chunks (see `runInSlices`). */
  *freeze(): Generator<void, void> {
    const words = this.words;
    const order = Array.from(words.keys());
    order.sort((a, b) => (words[a] < words[b] ? -1 : words[a] > words[b] ? 1 : 0));
    this.sorted = Int32Array.from(order);
    yield;
    for (let id = 0; id < words.length; id++) {
      for (const gram of new Set(trigramsOf(words[id]))) {
        const list = this.trigrams.get(gram);
        if (list) list.push(id);
        else this.trigrams.set(gram, [id]);
      }
      if ((id & 511) === 511) yield;
    }
    this.shared = new Uint16Array(words.length);
  }

  /** Calls `visit` for every word starting with `prefix`. */
  prefix(prefix: string, visit: (id: number, quality: number) => void): void {
    const { words, sorted } = this;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (words[sorted[mid]] < prefix) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < sorted.length && words[sorted[i]].startsWith(prefix); i++) {
      visit(sorted[i], MatchQuality.Prefix);
    }
  }

  /** Calls `visit` for every word containing `part` not at its start (`part` of 3 letters or more). */
  substring(part: string, visit: (id: number, quality: number) => void): void {
    const grams = trigramsOf(part);
    if (grams.length === 0) return;
    // Every word containing `part` contains its rarest trigram: check only those words.
    let rarest: number[] | undefined;
    for (const gram of grams) {
      const list = this.trigrams.get(gram);
      if (!list) return;
      if (!rarest || list.length < rarest.length) rarest = list;
    }
    for (const id of rarest!) {
      const at = this.words[id].indexOf(part);
      if (at > 0) visit(id, MatchQuality.Substring);
    }
  }

  /**
   * Calls `visit` for words that match `word` with a typo or two, scored by fuse.js over the words
   * sharing the most trigrams with it (`word` of 4 letters or more).
   */
  fuzzy(word: string, visit: (id: number, quality: number) => void): void {
    const grams = [...new Set(trigramsOf(word))];
    if (grams.length < 2) return;
    const { shared } = this;
    const touched: number[] = [];
    for (const gram of grams) {
      for (const id of this.trigrams.get(gram) ?? []) {
        if (shared[id]++ === 0) touched.push(id);
      }
    }
    // A typo breaks at most three trigrams; a word sharing under a third of them is too far off.
    const needed = Math.max(1, Math.ceil(grams.length / 3));
    let candidates = touched.filter((id) => shared[id] >= needed);
    if (candidates.length > FUZZY_CANDIDATES) {
      candidates.sort((a, b) => shared[b] - shared[a] || a - b);
      candidates = candidates.slice(0, FUZZY_CANDIDATES);
    }
    for (const id of touched) shared[id] = 0;
    if (candidates.length === 0) return;
    const fuse = new Fuse(
      candidates.map((id) => this.words[id]),
      FUZZY_OPTIONS,
    );
    for (const result of fuse.search(word)) {
      visit(candidates[result.refIndex], MatchQuality.Fuzzy + (result.score ?? 1));
    }
  }
}
