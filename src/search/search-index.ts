import { isRetiredOn, isValidOn } from '../model/dates.js';
import { levelRank } from '../model/id27.js';
import type { SorUnit } from '../model/types.js';
import { SHORT_NAMES } from './aliases.js';
import { CodeIndex } from './code-index.js';
import { classifyCode, compactCodeInput } from '../model/classify-code.js';
import { foldForSearch, foldWithMap, tokenize, toSourceRange, type SearchToken } from './normalize.js';
import { runInSlices } from './slices.js';
import { MatchQuality, TokenDictionary } from './token-dictionary.js';
import type { NameTable, SearchMatchField, SorSearchFilter, SorSearchHit, UnitSource } from './types.js';

/** One search: how many hits, the filter (applied before the limit) and the day it is judged on. */
export interface SearchRequest {
  limit: number;
  /** ISO date for validity (`filter.asOf`, else today); units closed before it are retired. */
  asOf: string;
  filter?: SorSearchFilter;
}

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

// Match tiers, best first. Exact codes always rank first; a code prefix ranks below name words.
const Tier = {
  SorCode: 0,
  OtherCode: 1,
  ExactName: 2,
  NamePrefix: 3,
  WordPrefix: 4,
  Context: 5,
  CodePrefix: 6,
  Substring: 7,
  Fuzzy: 8,
} as const;
type Tier = (typeof Tier)[keyof typeof Tier];

// A query word found only in an ancestor's name (or the unit's address) counts, but ranks lower.
const CONTEXT_PENALTY = 1;
const ADDRESS_PENALTY = 1;
const MAX_QUERY_WORDS = 8;
const CODE_FIELDS = ['sorCode', 'shak', 'ean', 'providerNumber'] as const;
type CodeField = (typeof CODE_FIELDS)[number];
const CODE_PREFIX_MIN = 4;
const CODE_PREFIX_CAP = 200;
const FUZZY_MIN = 4;
// A postcode or city is matched from its third letter on: `8` is not yet a postcode.
const ADDRESS_MIN = 3;
// A single query word with more postings than this is walked in rank order instead (see broadWord).
const BROAD_POSTINGS = 2000;
const SYNC_BUILD_UNITS = 2000;
const KIND_RANK = { IE: 0, SI: 1, OE: 2 } as const;
// Name ids are packed below the tier and score in one sortable number.
const NAME_SLOTS = 2 ** 21;
// Unit positions likewise below a unit's static rank.
const UNIT_SLOTS = 2 ** 21;

interface Candidate {
  unit: SorUnit;
  /** Position in the index (DFS order), or -1 for a code hit answered before the index was built. */
  pos: number;
  tier: Tier;
  score: number;
  retired: boolean;
  /** Static order within a tier: kind, ID27 level, name length, name (Danish order). */
  rank: number;
  matchedBy: SearchMatchField;
  ranges: [number, number][];
}

/** The units, laid out for search: depth-first order, so a subtree is one range of positions. */
interface NameIndex {
  units: SorUnit[];
  /** Input position (as in `CodeIndex.units`) → position here, or -1. */
  posOfInput: Int32Array;
  parent: Int32Array;
  end: Int32Array;
  nameOf: Int32Array;
  rank: Float64Array;
  regionOf: (string | null)[];
  ownerTypeOf: (string | null)[];
  /** Short-name and own-address words of unit `pos`: `extraWords[extraStart[pos] …]`. */
  extraStart: Int32Array;
  extraWords: Int32Array;
  extraIsAddress: Uint8Array;
  nameKeys: string[];
  /** The words of name `n`: `nameWords[nameWordStart[n] …]`. */
  nameWordStart: Int32Array;
  nameWords: Int32Array;
  nameFirstWord: Int32Array;
  nameWordCount: Uint8Array;
  /** The best static rank among a name's units, and the names in that order. */
  nameMinRank: Float64Array;
  nameRankOrder: Int32Array;
  namesByRank: Int32Array;
  nameUnitStart: Int32Array;
  nameUnits: Int32Array;
  wordNameStart: Int32Array;
  wordNames: Int32Array;
  /** Units by short-name word, and by own-address word. */
  wordAliasStart: Int32Array;
  wordAliasUnits: Int32Array;
  wordAddressStart: Int32Array;
  wordAddressUnits: Int32Array;
  dictionary: TokenDictionary;
  /** Code prefix lookup: first four characters → the codes (upper case) and `pos * 4 + field`. */
  codeBuckets: Map<string, CodeBucket>;
}

interface CodeBucket {
  codes: string[];
  entries: number[];
}

/** Per query word: which dictionary words and names it matched, and how well. */
interface WordSlot {
  word: string;
  key: string;
  wordQuality: Float32Array;
  touched: number[];
  nameQuality: Float32Array;
  nameStamp: Int32Array;
  names: number[];
  /** Set by the first pass: the word matched no dictionary word by prefix. */
  needsTypos: boolean;
  /** How many (word, name) postings the matched dictionary words have: the cost of listing names. */
  postings: number;
}

// The best quality of a query word among the words of a name, or -1; computed on first use in a
// query and cached, so a word matching thousands of names costs only the names actually checked.
function qualityOf(index: NameIndex, slot: WordSlot, name: number, stamp: number): number {
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

// Letters in Danish order for the name tiebreak: æ, ø, å after z (as Intl.Collator('da') has them),
// digits after letters; everything else sorts first.
const COLLATION_ALPHABET = ' abcdefghijklmnopqrstuvwxyzæøå0123456789';
const COLLATION_BASE = COLLATION_ALPHABET.length + 1;
const COLLATION_CHARS = 6;
const COLLATION_SPAN = COLLATION_BASE ** COLLATION_CHARS;

// A name's place in Danish alphabetical order by its first six letters, as a number: cheap to
// compute and to compare for 100,000 units (Intl.Collator over tens of thousands of names takes
// far longer than the index may).
function collationOrder(name: string): number {
  const lower = name.toLowerCase();
  let order = 0;
  for (let i = 0; i < COLLATION_CHARS; i++) {
    const at = i < lower.length ? COLLATION_ALPHABET.indexOf(lower[i]) + 1 : 0;
    order = order * COLLATION_BASE + at;
  }
  return order;
}

// The tiebreak within a tier: ID27 level (Hospital first, units without a level last), then kind,
// then the shorter name.
function staticRank(unit: SorUnit): number {
  return (
    (Math.min(levelRank(unit.level?.name), 7) * 3 + KIND_RANK[unit.kind]) * 256 +
    Math.min(unit.name.length, 255)
  );
}

function countingLayout(
  count: number,
  keys: ArrayLike<number>,
  value: (i: number) => number,
): [Int32Array, Int32Array] {
  const start = new Int32Array(count + 1);
  for (let i = 0; i < keys.length; i++) start[keys[i] + 1]++;
  for (let i = 0; i < count; i++) start[i + 1] += start[i];
  const fill = start.slice(0, count);
  const out = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) out[fill[keys[i]]++] = value(i);
  return [start, out];
}

// Builds the name index; yields often so `runInSlices` can keep every task short.
function* buildNameIndex(codes: CodeIndex): Generator<void, NameIndex> {
  yield* codes.buildShared();
  const units = codes.units;
  const n = units.length;
  const firstChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  const roots: number[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const parentCode = units[i].parentCode;
    const p = parentCode === null ? undefined : codes.indexOf(parentCode);
    if (p === undefined || p === i) roots.push(i);
    else {
      nextSibling[i] = firstChild[p];
      firstChild[p] = i;
    }
    if ((i & 4095) === 0) yield;
  }

  // Depth-first order (children in input order), so every subtree is the range [pos, end[pos]).
  const order = new Int32Array(n);
  const parent = new Int32Array(n);
  const posOfInput = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const stackParent: number[] = [];
  for (let r = roots.length - 1; r >= 0; r--) {
    stack.push(roots[r]);
    stackParent.push(-1);
  }
  const children: number[] = [];
  let count = 0;
  while (stack.length > 0) {
    const i = stack.pop()!;
    const p = stackParent.pop()!;
    if (posOfInput[i] !== -1) continue; // a parent cycle in bad data: each unit once
    const pos = count++;
    posOfInput[i] = pos;
    order[pos] = i;
    parent[pos] = p;
    children.length = 0;
    for (let c = firstChild[i]; c !== -1; c = nextSibling[c]) children.push(c);
    for (let c = children.length - 1; c >= 0; c--) {
      stack.push(children[c]);
      stackParent.push(pos);
    }
    if ((pos & 4095) === 4095) yield;
  }
  const end = new Int32Array(count);
  const size = new Int32Array(count).fill(1);
  for (let pos = count - 1; pos >= 0; pos--) {
    end[pos] = pos + size[pos];
    if (parent[pos] >= 0) size[parent[pos]] += size[pos];
  }
  yield;
  const unitAt: SorUnit[] = new Array<SorUnit>(count);
  for (let pos = 0; pos < count; pos++) {
    unitAt[pos] = units[order[pos]];
    if ((pos & 16383) === 16383) yield;
  }
  yield;

  const aliasTargets = SHORT_NAMES.flatMap(({ short, names }) =>
    names.map((name) => ({ target: foldForSearch(name), short: foldForSearch(short) })),
  );
  const dictionary = new TokenDictionary();
  const nameIds = new Map<string, number>();
  const nameKeys: string[] = [];
  const nameFirst: number[] = [];
  const nameCount: number[] = [];
  const nameFolded: string[] = [];
  const nameAliases: (number[] | undefined)[] = [];
  const nameWordKeys: number[] = [];
  const nameWordValues: number[] = [];
  const cityWords = new Map<string, number[]>();
  const nameOf = new Int32Array(count);
  const regionOf: (string | null)[] = new Array<string | null>(count);
  const ownerTypeOf: (string | null)[] = new Array<string | null>(count);
  const extraStart = new Int32Array(count + 1);
  const extraWords: number[] = [];
  const extraIsAddress: number[] = [];
  const codeBuckets = new Map<string, CodeBucket>();
  for (let pos = 0; pos < count; pos++) {
    const unit = unitAt[pos];
    const p = parent[pos];
    let nameId = nameIds.get(unit.name);
    if (nameId === undefined) {
      nameId = nameKeys.length;
      nameIds.set(unit.name, nameId);
      const folded = foldForSearch(unit.name);
      const tokens = tokenize(folded);
      nameFolded.push(folded);
      nameKeys.push(tokens.map((token) => token.key).join(' '));
      nameFirst.push(tokens.length > 0 ? dictionary.add(tokens[0].key) : -1);
      nameCount.push(Math.min(tokens.length, 255));
      for (const token of new Set(tokens.map((t) => t.key))) {
        nameWordKeys.push(dictionary.add(token));
        nameWordValues.push(nameId);
      }
    }
    nameOf[pos] = nameId;
    regionOf[pos] = unit.regionCode ?? (p >= 0 ? regionOf[p] : null);
    ownerTypeOf[pos] = unit.kind === 'IE' ? unit.typeCode : p >= 0 ? ownerTypeOf[p] : null;

    // Short names belong to hospitals and their sites (and institutions), never to a department.
    if (unit.kind === 'SI' || unit.level?.name === 'Hospital' || unit.level?.name === 'Hospitalsområde') {
      let aliases = nameAliases[nameId];
      if (aliases === undefined) {
        const folded = nameFolded[nameId];
        aliases = aliasTargets
          .filter(({ target }) => folded === target || folded.startsWith(`${target} `))
          .map(({ short }) => dictionary.add(short));
        nameAliases[nameId] = aliases;
      }
      for (const alias of aliases) {
        extraWords.push(alias);
        extraIsAddress.push(0);
      }
    }
    // Postcode and city where the unit's address is its own (not the parent's it inherited).
    const address = unit.address;
    const parentAddress = p >= 0 ? unitAt[p].address : null;
    if (
      address &&
      (!parentAddress ||
        parentAddress.postcode !== address.postcode ||
        parentAddress.street !== address.street)
    ) {
      let words = cityWords.get(address.city);
      if (!words) {
        words = tokenize(foldForSearch(address.city))
          .filter((token) => token.key.length >= 3)
          .map((token) => dictionary.add(token.key));
        cityWords.set(address.city, words);
      }
      const postcode = address.postcode.trim();
      if (postcode.length >= 3) {
        extraWords.push(dictionary.add(postcode));
        extraIsAddress.push(1);
      }
      for (const word of words) {
        extraWords.push(word);
        extraIsAddress.push(1);
      }
    }
    extraStart[pos + 1] = extraWords.length;

    for (let f = 0; f < CODE_FIELDS.length; f++) {
      const field = CODE_FIELDS[f];
      const code = unit[field];
      if (code === null || code.length <= CODE_PREFIX_MIN) continue;
      if (field === 'ean' && unit.eanInherited) continue;
      // SHAK may hold letters (afsnit `800101A`); the other codes are digits.
      const upper = field === 'shak' ? code.toUpperCase() : code;
      const key = upper.slice(0, CODE_PREFIX_MIN);
      let bucket = codeBuckets.get(key);
      if (!bucket) codeBuckets.set(key, (bucket = { codes: [], entries: [] }));
      bucket.codes.push(upper);
      bucket.entries.push(pos * 4 + f);
    }
    if ((pos & 511) === 511) yield;
  }

  const names = nameKeys.length;
  const nameOrder = new Float64Array(names);
  let nameId = 0;
  for (const name of nameIds.keys()) {
    nameOrder[nameId++] = collationOrder(name);
    if ((nameId & 4095) === 4095) yield;
  }
  yield;
  const rank = new Float64Array(count);
  const nameMinRank = new Float64Array(names).fill(Infinity);
  for (let pos = 0; pos < count; pos++) {
    const name = nameOf[pos];
    rank[pos] = staticRank(unitAt[pos]) * COLLATION_SPAN + nameOrder[name];
    if (rank[pos] < nameMinRank[name]) nameMinRank[name] = rank[pos];
    if ((pos & 16383) === 16383) yield;
  }
  const namesByRank = new Int32Array(names);
  for (let name = 0; name < names; name++) namesByRank[name] = name;
  yield;
  namesByRank.sort((a, b) => nameMinRank[a] - nameMinRank[b] || a - b);
  yield;
  const nameRankOrder = new Int32Array(names);
  for (let i = 0; i < names; i++) nameRankOrder[namesByRank[i]] = i;
  yield;

  const [wordNameStart, wordNames] = countingLayout(dictionary.size, nameWordKeys, (i) => nameWordValues[i]);
  yield;
  const [nameWordStart, nameWords] = countingLayout(names, nameWordValues, (i) => nameWordKeys[i]);
  yield;
  // Extra words split by kind: short names are looked at first, addresses only when room is left.
  const aliasWords: number[] = [];
  const aliasOwners: number[] = [];
  const addressWords: number[] = [];
  const addressOwners: number[] = [];
  for (let pos = 0; pos < count; pos++) {
    for (let k = extraStart[pos]; k < extraStart[pos + 1]; k++) {
      (extraIsAddress[k] ? addressWords : aliasWords).push(extraWords[k]);
      (extraIsAddress[k] ? addressOwners : aliasOwners).push(pos);
    }
    if ((pos & 16383) === 16383) yield;
  }
  const [wordAliasStart, wordAliasUnits] = countingLayout(dictionary.size, aliasWords, (i) => aliasOwners[i]);
  yield;
  const [wordAddressStart, wordAddressUnits] = countingLayout(
    dictionary.size,
    addressWords,
    (i) => addressOwners[i],
  );
  yield;
  const [nameUnitStart, nameUnits] = countingLayout(names, nameOf, (i) => i);
  // Within a name, units in rank order (then position), so a search can stop inside a long list
  // such as the thousands of `Team A`.
  const sortKeys = new Float64Array(count);
  for (let name = 0; name < names; name++) {
    const from = nameUnitStart[name];
    const to = nameUnitStart[name + 1];
    if (to - from < 2) continue;
    // One name: the rank differs only in its static part (level, kind), small enough to pack.
    for (let k = from; k < to; k++)
      sortKeys[k] = staticRank(unitAt[nameUnits[k]]) * UNIT_SLOTS + nameUnits[k];
    const keys = sortKeys.subarray(from, to).sort();
    for (let k = from; k < to; k++) nameUnits[k] = keys[k - from] % UNIT_SLOTS;
    if ((name & 255) === 255) yield;
  }
  yield;
  yield* dictionary.freeze();

  return {
    units: unitAt,
    posOfInput,
    parent: parent.subarray(0, count),
    end,
    nameOf,
    rank,
    regionOf,
    ownerTypeOf,
    extraStart,
    extraWords: Int32Array.from(extraWords),
    extraIsAddress: Uint8Array.from(extraIsAddress),
    nameKeys,
    nameWordStart,
    nameWords,
    nameFirstWord: Int32Array.from(nameFirst),
    nameWordCount: Uint8Array.from(nameCount),
    nameMinRank,
    nameRankOrder,
    namesByRank,
    nameUnitStart,
    nameUnits,
    wordNameStart,
    wordNames,
    wordAliasStart,
    wordAliasUnits,
    wordAddressStart,
    wordAddressUnits,
    dictionary,
    codeBuckets,
  };
}

/** A filter compiled once per search: one check per unit, by position where the index is built. */
class CompiledFilter {
  private readonly kinds: Set<string> | null;
  private readonly levels: Set<string> | null;
  private readonly regions: Set<string> | null;
  private readonly ownerTypes: Set<string> | null;
  private readonly within: string | null;
  private readonly includeRetired: boolean;

  constructor(
    filter: SorSearchFilter,
    private readonly asOf: string,
  ) {
    this.kinds = filter.kinds ? new Set(filter.kinds) : null;
    this.levels = filter.levels ? new Set(filter.levels) : null;
    this.regions = filter.regionCodes ? new Set(filter.regionCodes) : null;
    this.ownerTypes = filter.ownerTypes ? new Set(filter.ownerTypes) : null;
    this.within = filter.within ?? null;
    this.includeRetired = filter.includeRetired ?? false;
  }

  private acceptsOwn(unit: SorUnit): boolean {
    if (this.kinds && !this.kinds.has(unit.kind)) return false;
    if (this.levels && !(unit.level && this.levels.has(unit.level.name))) return false;
    return this.includeRetired
      ? unit.validFrom === null || unit.validFrom <= this.asOf
      : isValidOn(unit.validFrom, unit.validTo, this.asOf);
  }

  /** The check by position: region, owner and subtree come precomputed from the index. */
  acceptsAt(index: NameIndex, pos: number, withinPos: number): boolean {
    if (!this.acceptsOwn(index.units[pos])) return false;
    if (this.within !== null && !(pos >= withinPos && pos < (withinPos < 0 ? -1 : index.end[withinPos])))
      return false;
    if (this.regions) {
      const region = index.regionOf[pos];
      if (region === null || !this.regions.has(region)) return false;
    }
    if (this.ownerTypes) {
      const owner = index.ownerTypeOf[pos];
      if (owner === null || !this.ownerTypes.has(owner)) return false;
    }
    return true;
  }

  /** The check for a hit found before the index is built: walks the ancestors by code. */
  acceptsUnit(unit: SorUnit, codes: { get(sorCode: string): SorUnit | undefined }): boolean {
    if (!this.acceptsOwn(unit)) return false;
    if (this.within === null && !this.regions && !this.ownerTypes) return true;
    const path: SorUnit[] = [];
    for (let at: SorUnit | undefined = unit; at && path.length < 64;) {
      path.unshift(at);
      at = at.parentCode === null ? undefined : codes.get(at.parentCode);
    }
    if (this.within !== null && !path.some((step) => step.sorCode === this.within)) return false;
    if (this.regions) {
      const region = path.findLast((step) => step.regionCode !== null)?.regionCode;
      if (!region || !this.regions.has(region)) return false;
    }
    if (this.ownerTypes) {
      const owner = path.find((step) => step.kind === 'IE');
      if (!owner?.typeCode || !this.ownerTypes.has(owner.typeCode)) return false;
    }
    return true;
  }

  isRetired(unit: SorUnit): boolean {
    return isRetiredOn(unit.validTo, this.asOf);
  }
}

// A pasted code finds its unit first, always, even a retired one; among the rest an active unit
// ranks above a retired one before the match tier counts.
const codeRank = (hit: Candidate) => Math.min(hit.tier, Tier.ExactName);

function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    codeRank(a) - codeRank(b) ||
    Number(a.retired) - Number(b.retired) ||
    a.tier - b.tier ||
    a.score - b.score ||
    a.rank - b.rank ||
    (a.pos >= 0 && b.pos >= 0
      ? a.pos - b.pos
      : a.unit.sorCode < b.unit.sorCode
        ? -1
        : a.unit.sorCode > b.unit.sorCode
          ? 1
          : 0)
  );
}

/** The best `limit` candidates, kept sorted; cheap to ask whether a candidate could still get in. */
class TopHits {
  readonly hits: Candidate[] = [];
  constructor(readonly limit: number) {}

  get full(): boolean {
    return this.hits.length >= this.limit;
  }

  /**
   * True when the list is full of active units that all beat anything of this tier and score with
   * a static rank of at least `rank` (at a position after `pos`): nothing from there on can enter.
   */
  closedTo(tier: number, score: number, rank: number, pos = -1): boolean {
    if (!this.full) return false;
    const worst = this.hits[this.hits.length - 1];
    if (worst.retired) return false;
    return (
      worst.tier < tier ||
      (worst.tier === tier &&
        (worst.score < score ||
          (worst.score === score && (worst.rank < rank || (worst.rank === rank && worst.pos < pos)))))
    );
  }

  offer(candidate: Candidate): void {
    const { hits } = this;
    if (this.full && compareCandidates(candidate, hits[hits.length - 1]) >= 0) return;
    let low = 0;
    let high = hits.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareCandidates(hits[mid], candidate) <= 0) low = mid + 1;
      else high = mid;
    }
    hits.splice(low, 0, candidate);
    if (hits.length > this.limit) hits.pop();
  }
}

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
  private slots: WordSlot[] = [];
  private unitStamp = new Int32Array(0);
  private stamp = 0;

  constructor(units: readonly SorUnit[], options: SearchIndexOptions = {}) {
    this.codes = options.codes ?? new CodeIndex(units);
    this.ready = new Promise((resolve, reject) => {
      runInSlices(
        buildNameIndex(this.codes),
        // A small register builds in a few milliseconds: at once, however busy the machine is.
        units.length <= SYNC_BUILD_UNITS ? Infinity : (options.sliceMs ?? 8),
        (index) => {
          this.index = index;
          this.unitStamp = new Int32Array(index.units.length);
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
    const filter = new CompiledFilter(request.filter ?? {}, request.asOf);
    const top = new TopHits(request.limit);
    const index = this.index;
    const posOf = (sorCode: string): number => {
      const input = index ? this.codes.indexOf(sorCode) : undefined;
      return index && input !== undefined ? index.posOfInput[input] : -1;
    };
    const withinPos = request.filter?.within !== undefined ? posOf(request.filter.within) : -1;
    const seen = new Set<string>();

    // Every code (SOR, SHAK, EAN, ydernummer) holds a digit; a word without one is only a name.
    // Codes are looked up as a spreadsheet or a person writes them too: `="…"`, separators, a
    // SHAK + 99999 pseudo-code (by its SHAK), a SOR code a spreadsheet zeroed (by what survived).
    const code = classifyCode(trimmed);
    const compact = code.kind === 'shak' ? code.value : compactCodeInput(trimmed);
    if (/^[0-9A-Za-z]+$/.test(compact) && /\d/.test(compact)) {
      const upper = compact.toUpperCase();
      for (const field of CODE_FIELDS) {
        const units = new Set([...this.codes.lookup(field, compact), ...this.codes.lookup(field, upper)]);
        for (const unit of units) {
          const pos = posOf(unit.sorCode);
          if (seen.has(unit.sorCode)) continue;
          if (
            index && pos >= 0
              ? !filter.acceptsAt(index, pos, withinPos)
              : !filter.acceptsUnit(unit, this.codes)
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
      if (index && upper.length >= CODE_PREFIX_MIN) {
        this.codePrefixes(index, upper, top, seen, filter, withinPos);
      }
      if (index && code.survivingPrefix !== undefined) {
        this.codePrefixes(index, code.survivingPrefix, top, seen, filter, withinPos);
      }
    }
    if (!index) return top.hits.map(toHit);

    const words = foldWithMap(trimmed).text;
    if (words.length > 0) {
      const typos = this.searchNames(index, words, top, seen, filter, withinPos, false);
      // Typos: only when the exact, prefix and substring matches leave room. The second pass finds
      // everything the first did and more, so it starts over from the code hits.
      if (typos && !top.full) {
        top.hits.splice(0, top.hits.length, ...top.hits.filter((hit) => hit.matchedBy !== 'name'));
        this.searchNames(index, words, top, seen, filter, withinPos, true);
      }
    }
    return top.hits.map(toHit);
  }

  private codePrefixes(
    index: NameIndex,
    prefix: string,
    top: TopHits,
    seen: Set<string>,
    filter: CompiledFilter,
    withinPos: number,
  ): void {
    const bucket = index.codeBuckets.get(prefix.slice(0, CODE_PREFIX_MIN));
    if (!bucket) return;
    const { codes, entries } = bucket;
    let found = 0;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i];
      // A scan of plain strings: the biggest bucket (every EAN starts 5790) holds tens of thousands.
      if (code.length <= prefix.length || !code.startsWith(prefix)) continue;
      const pos = Math.floor(entries[i] / 4);
      const field: CodeField = CODE_FIELDS[entries[i] % 4];
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
        matchedBy: field,
        ranges: [[0, prefix.length]],
      });
      if (++found >= CODE_PREFIX_CAP) break;
    }
  }

  private slot(index: NameIndex, i: number): WordSlot {
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

  // Marks the dictionary words a query word matches, with their best quality.
  private matchWord(index: NameIndex, slot: WordSlot, fuzzy: boolean): void {
    const { wordQuality, touched } = slot;
    const mark = (id: number, quality: number) => {
      const was = wordQuality[id];
      if (was < 0) {
        touched.push(id);
        wordQuality[id] = quality;
      } else if (quality < was) wordQuality[id] = quality;
    };
    const { dictionary } = index;
    dictionary.prefix(slot.word, mark);
    if (slot.key !== slot.word) dictionary.prefix(slot.key, mark);
    // A word that starts some dictionary word is taken as typed right so far; only a word that
    // starts none is looked up with typos. Codes and postcodes are typed, not misspelt: words with
    // digits get no typo lookup.
    slot.needsTypos = touched.length === 0 && slot.word.length >= FUZZY_MIN && !/\d/.test(slot.word);
    if (slot.word.length >= 3) dictionary.substring(slot.word, mark);
    if (fuzzy && slot.needsTypos) dictionary.fuzzy(slot.word, mark);
    slot.postings = 0;
    for (const id of touched) slot.postings += index.wordNameStart[id + 1] - index.wordNameStart[id];
  }

  // Lists every name holding the word (through the postings), caching each name's quality.
  private collectNames(index: NameIndex, slot: WordSlot): void {
    const { wordQuality, touched, nameQuality, nameStamp, names } = slot;
    const stamp = this.stamp;
    for (const id of touched) {
      const quality = wordQuality[id];
      for (let k = index.wordNameStart[id]; k < index.wordNameStart[id + 1]; k++) {
        const name = index.wordNames[k];
        if (nameStamp[name] !== stamp) {
          nameStamp[name] = stamp;
          nameQuality[name] = quality;
          names.push(name);
        } else if (quality < nameQuality[name]) nameQuality[name] = quality;
      }
    }
  }

  private resetSlots(count: number): void {
    for (let i = 0; i < count; i++) {
      const slot = this.slots[i];
      for (const id of slot.touched) slot.wordQuality[id] = -1;
      slot.touched.length = 0;
      slot.names.length = 0;
    }
  }

  // Adds the units matching the query words to `top`; true when a typo pass could add more.
  private searchNames(
    index: NameIndex,
    folded: string,
    top: TopHits,
    seen: Set<string>,
    filter: CompiledFilter,
    withinPos: number,
    fuzzy: boolean,
  ): boolean {
    const tokens = tokenize(folded).slice(0, MAX_QUERY_WORDS);
    if (tokens.length === 0) return false;
    this.stamp++;
    const stamp = this.stamp;
    const slots = tokens.map((token, i) => {
      const slot = this.slot(index, i);
      slot.word = token.word;
      slot.key = token.key;
      this.matchWord(index, slot, fuzzy);
      return slot;
    });
    try {
      const query = new QueryContext(index, slots, stamp);
      const unitStamp = this.unitStamp;
      const consider = (pos: number, tier: Tier, score: number) => {
        const unit = index.units[pos];
        if (seen.has(unit.sorCode) || !filter.acceptsAt(index, pos, withinPos)) return;
        top.offer({
          unit,
          pos,
          tier,
          score,
          retired: filter.isRetired(unit),
          rank: index.rank[pos],
          matchedBy: 'name',
          ranges: [],
        });
      };
      const evaluate = (pos: number) => {
        if (unitStamp[pos] === stamp) return;
        unitStamp[pos] = stamp;
        const match = query.matchUnit(pos);
        if (match) consider(pos, match.tier, match.score);
      };

      const visitExtras = (start: Int32Array, units: Int32Array, minLength: number) => {
        for (const slot of slots) {
          if (slot.word.length < minLength) continue;
          for (const id of slot.touched) {
            for (let k = start[id]; k < start[id + 1]; k++) evaluate(units[k]);
          }
        }
      };
      // Units matched through a short name (`ouh`): few, and maybe exact; each looked at in full.
      visitExtras(index.wordAliasStart, index.wordAliasUnits, 1);

      // The word with the fewest postings drives: its names are listed, the others checked per name.
      let driver = slots[0];
      for (const slot of slots) if (slot.postings < driver.postings) driver = slot;
      const visitName = (name: number, tier: Tier, score: number) => {
        for (let k = index.nameUnitStart[name]; k < index.nameUnitStart[name + 1]; k++) {
          const pos = index.nameUnits[k];
          if (unitStamp[pos] === stamp) continue;
          if (top.closedTo(tier, score, index.rank[pos], pos)) break;
          unitStamp[pos] = stamp;
          consider(pos, tier, score);
        }
      };

      const filled =
        slots.length === 1 &&
        driver.postings > BROAD_POSTINGS &&
        this.broadWord(index, query, driver, visitName, top);

      if (!filled) {
        // Names holding every query word: every unit of such a name matches alike. Visit them best
        // first (tier, score, then the best static rank among the name's units) and stop once
        // nothing later can enter the list.
        this.collectNames(index, driver);
        const packed: number[] = [];
        for (const name of driver.names) {
          let score = 0;
          let all = true;
          for (const slot of slots) {
            const quality = qualityOf(index, slot, name, stamp);
            if (quality < 0) {
              all = false;
              break;
            }
            score += quality;
          }
          if (!all) continue;
          const tier = query.nameTier(name);
          packed.push((tier * 8192 + Math.round(score * 1000)) * NAME_SLOTS + index.nameRankOrder[name]);
        }
        const sorted = Float64Array.from(packed).sort();
        for (const entry of sorted) {
          const name = index.namesByRank[entry % NAME_SLOTS];
          const key = Math.floor(entry / NAME_SLOTS);
          const tier = Math.floor(key / 8192) as Tier;
          const score = (key % 8192) / 1000;
          if (top.closedTo(tier, score, index.nameMinRank[name])) break;
          visitName(name, tier, score);
        }

        // Several words, some found only in an ancestor's name: a unit must match one word in its
        // own name and every other one in its own name or its ancestors'. Either visit the units of
        // every matching name, or only the subtrees under the matches of the rarest word, whichever
        // is fewer units; and only when such a unit could still enter the list.
        if (slots.length > 1 && !top.closedTo(Tier.Context, CONTEXT_PENALTY, -Infinity)) {
          this.searchContext(index, slots, driver, top, evaluate);
        }
      }
      // Units matched through their own address (postcode, city) rank in the context tier too.
      if (!top.closedTo(Tier.Context, ADDRESS_PENALTY, -Infinity)) {
        visitExtras(index.wordAddressStart, index.wordAddressUnits, ADDRESS_MIN);
      }
      for (const hit of top.hits) {
        if (hit.matchedBy === 'name' && hit.pos >= 0) hit.ranges = query.ranges(hit.unit);
      }
      return !fuzzy && slots.some((slot) => slot.needsTypos);
    } finally {
      this.resetSlots(slots.length);
    }
  }

  // One broad word (`k`, `sy`): thousands of names start with it. Instead of listing them, walk
  // all names in rank order and take those that start with the word, exact names first; true when
  // that filled the list so that nothing else can enter.
  private broadWord(
    index: NameIndex,
    query: QueryContext,
    slot: WordSlot,
    visitName: (name: number, tier: Tier, score: number) => void,
    top: TopHits,
  ): boolean {
    const stamp = this.stamp;
    for (const word of new Set([slot.word, slot.key])) {
      const id = index.dictionary.idOf(word);
      if (id === undefined) continue;
      for (let k = index.wordNameStart[id]; k < index.wordNameStart[id + 1]; k++) {
        const name = index.wordNames[k];
        if (index.nameWordCount[name] === 1 && qualityOf(index, slot, name, stamp) === 0) {
          visitName(name, Tier.ExactName, 0);
        }
      }
    }
    for (const tier of [Tier.NamePrefix, Tier.WordPrefix] as const) {
      for (let i = 0; i < index.namesByRank.length; i++) {
        const name = index.namesByRank[i];
        if (top.closedTo(tier, 0, index.nameMinRank[name])) break;
        if (qualityOf(index, slot, name, stamp) !== 0 || query.nameTier(name) !== tier) continue;
        visitName(name, tier, 0);
      }
      if (!top.closedTo(tier, 0, Infinity)) return false;
    }
    return true;
  }

  private searchContext(
    index: NameIndex,
    slots: WordSlot[],
    driver: WordSlot,
    top: TopHits,
    evaluate: (pos: number) => void,
  ): void {
    // Every match lies in a subtree under a match of the driving word (in its own name, short name
    // or address): visit those subtrees, unless listing every word's own matches is fewer units.
    // Subtrees under an address match come last, and only while their (weaker) units could still
    // enter the list: a region's seat city must not pull in the whole region.
    const roots: number[] = [];
    const addressRoots: number[] = [];
    let subtrees = 0;
    for (const name of driver.names) {
      for (let k = index.nameUnitStart[name]; k < index.nameUnitStart[name + 1]; k++) {
        const pos = index.nameUnits[k];
        roots.push(pos);
        subtrees += index.end[pos] - pos;
      }
    }
    for (const id of driver.touched) {
      for (let k = index.wordAliasStart[id]; k < index.wordAliasStart[id + 1]; k++) {
        roots.push(index.wordAliasUnits[k]);
        subtrees += index.end[index.wordAliasUnits[k]] - index.wordAliasUnits[k];
      }
      if (driver.word.length < ADDRESS_MIN) continue;
      for (let k = index.wordAddressStart[id]; k < index.wordAddressStart[id + 1]; k++) {
        addressRoots.push(index.wordAddressUnits[k]);
        subtrees += index.end[index.wordAddressUnits[k]] - index.wordAddressUnits[k];
      }
    }
    const direct = slots.reduce((sum, slot) => sum + slot.postings, 0);
    if (subtrees <= direct * 4) {
      const visit = (list: number[]) => {
        list.sort((a, b) => a - b);
        let covered = -1;
        for (const root of list) {
          if (root < covered) continue;
          covered = index.end[root];
          for (let pos = root; pos < covered; pos++) evaluate(pos);
        }
      };
      visit(roots);
      if (!top.closedTo(Tier.Context, CONTEXT_PENALTY + ADDRESS_PENALTY, -Infinity)) visit(addressRoots);
      return;
    }
    for (const slot of slots) {
      if (slot !== driver) this.collectNames(index, slot);
      for (const name of slot.names) {
        for (let k = index.nameUnitStart[name]; k < index.nameUnitStart[name + 1]; k++) {
          evaluate(index.nameUnits[k]);
        }
      }
    }
  }
}

/** The per-query view: tiers of names and the full match of one unit, from the word slots. */
class QueryContext {
  private readonly wordsJoined: string;
  private readonly keysJoined: string;

  constructor(
    private readonly index: NameIndex,
    private readonly slots: WordSlot[],
    private readonly stamp: number,
  ) {
    this.wordsJoined = slots.map((slot) => slot.word).join(' ');
    this.keysJoined = slots.map((slot) => slot.key).join(' ');
  }

  /** The tier of a name that holds every query word. */
  nameTier(name: number): Tier {
    const { index, slots } = this;
    let worst = 0;
    for (const slot of slots) worst = Math.max(worst, qualityOf(index, slot, name, this.stamp));
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
    return worst >= MatchQuality.Fuzzy
      ? Tier.Fuzzy
      : worst >= MatchQuality.Substring
        ? Tier.Substring
        : Tier.WordPrefix;
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
    const { index, slots, stamp } = this;
    const { extraStart, extraWords, extraIsAddress } = index;
    const name = index.nameOf[pos];
    // Cheap rejection first: a unit must match some word in its own name or its extra words.
    if (extraStart[pos] === extraStart[pos + 1]) {
      let own = false;
      for (let i = 0; i < slots.length && !own; i++) own = qualityOf(index, slots[i], name, stamp) >= 0;
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
      let raw = qualityOf(index, slot, name, stamp);
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
        for (let a = index.parent[pos]; a >= 0; a = index.parent[a]) {
          const ancestorName = index.nameOf[a];
          const quality = qualityOf(index, slot, ancestorName, stamp);
          if (quality >= 0 && (raw < 0 || quality < raw)) raw = quality;
          for (let k = extraStart[a]; k < extraStart[a + 1]; k++) {
            if (!this.extraMatches(slot, k)) continue;
            // An ancestor's address is weaker still: a region's seat city is not where its units are.
            const quality = slot.wordQuality[extraWords[k]] + (extraIsAddress[k] ? ADDRESS_PENALTY : 0);
            if (raw < 0 || quality < raw) raw = quality;
          }
        }
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
    const tier: Tier = exactShortName
      ? Tier.ExactName
      : worst >= MatchQuality.Fuzzy
        ? Tier.Fuzzy
        : worst >= MatchQuality.Substring
          ? Tier.Substring
          : allOwn
            ? Tier.WordPrefix
            : Tier.Context;
    return { tier, score };
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

/**
 * The folded words and the search keys of a name, each after a space (` kardiologisk sengeafs b1`,
 * ` kardiologisk sengeafsnit b1`): `includes(' ' + word)` then finds a word that starts with
 * `word`, natively, with no list of words per name. Also what a stored unit table keeps.
 */
export function foldName(name: string): { words: string; keys: string } {
  let words = '';
  let keys = '';
  for (const token of tokenize(foldForSearch(name))) {
    words += ' ' + token.word;
    keys += ' ' + token.key;
  }
  return { words, keys };
}

/** Raise whenever `foldName` (or what it calls) changes: stored folds of another version are not used. */
export const NAME_FOLDING_VERSION = 2;

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
    const steps = EarlyNames.steps(units);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
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
    const filter = new CompiledFilter(request.filter ?? {}, request.asOf);
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
        const rank = staticRank(unit) * COLLATION_SPAN + entry.order;
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

// The public score: the tier, with the match quality within it as the fraction (0 = exact code).
function toHit({ unit, tier, score, matchedBy, ranges }: Candidate): SorSearchHit {
  return { unit, score: tier + Math.min(score, 9) / 10, matchedBy, ranges };
}
