/**
 * The name index: the units laid out for search in depth-first order (so a subtree is one range of
 * positions), every distinct name and word, and the postings between them. Built once per snapshot
 * by `buildNameIndex`, in steps that yield often so `runInSlices` keeps every task short; read-only
 * afterwards. What the structures mean is documented on `NameIndex`; how hits rank is `ranking.ts`.
 */
import type { SorUnit } from '../model/types.js';
import { SHORT_NAMES } from './aliases.js';
import type { CodeField, CodeIndex } from './code-index.js';
import { foldForSearch, tokenize } from './normalize.js';
import { collationOrder, staticRank, unitRank } from './ranking.js';
import { TokenDictionary } from './token-dictionary.js';

/** The code fields a pasted code is looked up in, in the order of `CodeBucket.entries`' low bits. */
export const CODE_FIELDS = [
  'sorCode',
  'shak',
  'ean',
  'providerNumber',
] as const satisfies readonly CodeField[];
/** Code prefixes are bucketed by their first this many characters; shorter codes are not. */
export const CODE_PREFIX_MIN = 4;

// Unit positions are packed below a unit's static rank to sort a name's units in one pass.
const UNIT_SLOTS = 2 ** 21;

/** The codes (upper case) starting with one four-character prefix, and `pos * 4 + field` of each. */
export interface CodeBucket {
  codes: string[];
  entries: number[];
}

/** The units, laid out for search: depth-first order, so a subtree is one range of positions. */
export interface NameIndex {
  units: SorUnit[];
  /** Input position (as in `CodeIndex.units`) → position here, or -1. */
  posOfInput: Int32Array;
  parent: Int32Array;
  /** The subtree under `pos` is `[pos, end[pos])`. */
  end: Int32Array;
  nameOf: Int32Array;
  /** Each unit's full tiebreak (`unitRank`). */
  rank: Float64Array;
  /** The region and owner type a unit has or inherits from its ancestors. */
  regionOf: (string | null)[];
  ownerTypeOf: (string | null)[];
  /** Short-name and own-address words of unit `pos`: `extraWords[extraStart[pos] …]`. */
  extraStart: Int32Array;
  extraWords: Int32Array;
  extraIsAddress: Uint8Array;
  /** Each name's search keys joined by single spaces. */
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
  /** The units of name `n` in rank order: `nameUnits[nameUnitStart[n] …]`. */
  nameUnitStart: Int32Array;
  nameUnits: Int32Array;
  /** The names holding dictionary word `w`: `wordNames[wordNameStart[w] …]`. */
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

/**
 * `keys[i]` grouped: `out[start[k] …start[k + 1]]` are `value(i)` of every `i` with key `k`, in
 * input order. A counting sort: no list per key grows entry by entry.
 */
export function countingLayout(
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

/** The units in depth-first order (children in input order); each unit once, even in a cycle. */
interface TreeLayout {
  unitAt: SorUnit[];
  posOfInput: Int32Array;
  parent: Int32Array;
  end: Int32Array;
  count: number;
}

function* layoutTree(codes: CodeIndex): Generator<void, TreeLayout> {
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
  return { unitAt, posOfInput, parent: parent.subarray(0, count), end, count };
}

/** Every distinct name and word, each unit's extra words and inherited fields, its code prefixes. */
interface WordTables {
  dictionary: TokenDictionary;
  /** Distinct name → name id, in id order. */
  nameIds: Map<string, number>;
  nameKeys: string[];
  nameFirst: number[];
  nameCount: number[];
  /** (dictionary word, name) pairs: every distinct word of every name. */
  nameWordKeys: number[];
  nameWordValues: number[];
  nameOf: Int32Array;
  regionOf: (string | null)[];
  ownerTypeOf: (string | null)[];
  extraStart: Int32Array;
  extraWords: number[];
  extraIsAddress: number[];
  codeBuckets: Map<string, CodeBucket>;
}

// Short names belong to hospitals and their sites (and institutions), never to a department.
const carriesShortName = (unit: SorUnit) =>
  unit.kind === 'SI' || unit.level?.name === 'Hospital' || unit.level?.name === 'Hospitalsområde';

function* collectWords({ unitAt, parent, count }: TreeLayout): Generator<void, WordTables> {
  const aliasTargets = SHORT_NAMES.flatMap(({ short, names }) =>
    names.map((name) => ({ target: foldForSearch(name), short: foldForSearch(short) })),
  );
  const tables: WordTables = {
    dictionary: new TokenDictionary(),
    nameIds: new Map(),
    nameKeys: [],
    nameFirst: [],
    nameCount: [],
    nameWordKeys: [],
    nameWordValues: [],
    nameOf: new Int32Array(count),
    regionOf: new Array<string | null>(count),
    ownerTypeOf: new Array<string | null>(count),
    extraStart: new Int32Array(count + 1),
    extraWords: [],
    extraIsAddress: [],
    codeBuckets: new Map(),
  };
  const { dictionary, nameIds, nameOf, regionOf, ownerTypeOf, extraWords, extraIsAddress } = tables;
  const nameFolded: string[] = [];
  const nameAliases: (number[] | undefined)[] = [];
  const cityWords = new Map<string, number[]>();
  for (let pos = 0; pos < count; pos++) {
    const unit = unitAt[pos];
    const p = parent[pos];
    let nameId = nameIds.get(unit.name);
    if (nameId === undefined) {
      nameId = tables.nameKeys.length;
      nameIds.set(unit.name, nameId);
      const folded = foldForSearch(unit.name);
      const tokens = tokenize(folded);
      nameFolded.push(folded);
      tables.nameKeys.push(tokens.map((token) => token.key).join(' '));
      tables.nameFirst.push(tokens.length > 0 ? dictionary.add(tokens[0].key) : -1);
      tables.nameCount.push(Math.min(tokens.length, 255));
      for (const token of new Set(tokens.map((t) => t.key))) {
        tables.nameWordKeys.push(dictionary.add(token));
        tables.nameWordValues.push(nameId);
      }
    }
    nameOf[pos] = nameId;
    regionOf[pos] = unit.regionCode ?? (p >= 0 ? regionOf[p] : null);
    ownerTypeOf[pos] = unit.kind === 'IE' ? unit.typeCode : p >= 0 ? ownerTypeOf[p] : null;

    if (carriesShortName(unit)) {
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
    tables.extraStart[pos + 1] = extraWords.length;
    addCodePrefixes(tables.codeBuckets, unit, pos);
    if ((pos & 511) === 511) yield;
  }
  return tables;
}

function addCodePrefixes(buckets: Map<string, CodeBucket>, unit: SorUnit, pos: number): void {
  for (let f = 0; f < CODE_FIELDS.length; f++) {
    const field = CODE_FIELDS[f];
    const code = unit[field];
    if (code === null || code.length <= CODE_PREFIX_MIN) continue;
    if (field === 'ean' && unit.eanInherited) continue;
    // SHAK may hold letters (afsnit `800101A`); the other codes are digits.
    const upper = field === 'shak' ? code.toUpperCase() : code;
    const key = upper.slice(0, CODE_PREFIX_MIN);
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { codes: [], entries: [] }));
    bucket.codes.push(upper);
    bucket.entries.push(pos * 4 + f);
  }
}

/** Each unit's rank, each name's best rank, and the names in that order. */
interface NameRanks {
  rank: Float64Array;
  nameMinRank: Float64Array;
  namesByRank: Int32Array;
  nameRankOrder: Int32Array;
}

function* rankNames(tree: TreeLayout, words: WordTables): Generator<void, NameRanks> {
  const { unitAt, count } = tree;
  const { nameOf, nameIds } = words;
  const names = words.nameKeys.length;
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
    rank[pos] = unitRank(unitAt[pos], nameOrder[name]);
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
  return { rank, nameMinRank, namesByRank, nameRankOrder };
}

/** Short-name and address words split by kind: short names are looked at first, addresses last. */
function* extraPostings(
  count: number,
  words: WordTables,
): Generator<
  void,
  Pick<NameIndex, 'wordAliasStart' | 'wordAliasUnits' | 'wordAddressStart' | 'wordAddressUnits'>
> {
  const { extraStart, extraWords, extraIsAddress, dictionary } = words;
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
  return { wordAliasStart, wordAliasUnits, wordAddressStart, wordAddressUnits };
}

// The units of each name in rank order (then position), so a search can stop inside a long list
// such as the thousands of `Team A`.
function* unitsByName(
  tree: TreeLayout,
  words: WordTables,
): Generator<void, Pick<NameIndex, 'nameUnitStart' | 'nameUnits'>> {
  const names = words.nameKeys.length;
  const [nameUnitStart, nameUnits] = countingLayout(names, words.nameOf, (i) => i);
  const sortKeys = new Float64Array(tree.count);
  for (let name = 0; name < names; name++) {
    const from = nameUnitStart[name];
    const to = nameUnitStart[name + 1];
    if (to - from < 2) continue;
    // One name: the rank differs only in its static part (level, kind), small enough to pack.
    for (let k = from; k < to; k++)
      sortKeys[k] = staticRank(tree.unitAt[nameUnits[k]]) * UNIT_SLOTS + nameUnits[k];
    const keys = sortKeys.subarray(from, to).sort();
    for (let k = from; k < to; k++) nameUnits[k] = keys[k - from] % UNIT_SLOTS;
    if ((name & 255) === 255) yield;
  }
  yield;
  return { nameUnitStart, nameUnits };
}

/** Builds the name index of the code index's units; yields often (see `runInSlices`). */
export function* buildNameIndex(codes: CodeIndex): Generator<void, NameIndex> {
  yield* codes.buildShared();
  const tree = yield* layoutTree(codes);
  const words = yield* collectWords(tree);
  const ranks = yield* rankNames(tree, words);
  const names = words.nameKeys.length;
  const { dictionary } = words;
  const [wordNameStart, wordNames] = countingLayout(
    dictionary.size,
    words.nameWordKeys,
    (i) => words.nameWordValues[i],
  );
  yield;
  const [nameWordStart, nameWords] = countingLayout(
    names,
    words.nameWordValues,
    (i) => words.nameWordKeys[i],
  );
  yield;
  const extras = yield* extraPostings(tree.count, words);
  const byName = yield* unitsByName(tree, words);
  yield* dictionary.freeze();

  return {
    units: tree.unitAt,
    posOfInput: tree.posOfInput,
    parent: tree.parent,
    end: tree.end,
    nameOf: words.nameOf,
    rank: ranks.rank,
    regionOf: words.regionOf,
    ownerTypeOf: words.ownerTypeOf,
    extraStart: words.extraStart,
    extraWords: Int32Array.from(words.extraWords),
    extraIsAddress: Uint8Array.from(words.extraIsAddress),
    nameKeys: words.nameKeys,
    nameWordStart,
    nameWords,
    nameFirstWord: Int32Array.from(words.nameFirst),
    nameWordCount: Uint8Array.from(words.nameCount),
    nameMinRank: ranks.nameMinRank,
    nameRankOrder: ranks.nameRankOrder,
    namesByRank: ranks.namesByRank,
    ...byName,
    wordNameStart,
    wordNames,
    ...extras,
    dictionary,
    codeBuckets: words.codeBuckets,
  };
}
