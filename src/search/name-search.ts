/**
 * Which units a name query looks at, and in what order: only those reachable from the dictionary
 * words the query words match, best candidates first, stopping as soon as nothing later can enter
 * the list. How a unit matches and ranks is asked of the `SearchQuery` (`query.ts`).
 */
import type { NameIndex } from './name-index.js';
import { ADDRESS_MIN, type SearchQuery, type WordSlot } from './query.js';
import { ADDRESS_PENALTY, CONTEXT_PENALTY, Tier } from './ranking.js';

// Typo lookups start at four letters: shorter words have too many neighbours to mean anything.
const FUZZY_MIN = 4;
// A single query word with more postings than this is walked in rank order instead (see broadWord).
const BROAD_POSTINGS = 2000;
// Names are packed below their tier and score in one sortable number.
const NAME_SLOTS = 2 ** 21;

/**
 * One pass of the query's words over the names: adds the matching units to the query's hits;
 * true when a typo pass could add more. The typo pass (`fuzzy`) also looks words up with typos.
 */
export function searchNames(query: SearchQuery, folded: string, fuzzy: boolean): boolean {
  if (!query.begin(folded, fuzzy)) return false;
  const { index, slots, top } = query;
  try {
    for (const slot of slots) matchWord(index, slot, fuzzy);
    // Units matched through a short name (`ouh`): few, and maybe exact; each looked at in full.
    visitExtras(query, index.wordAliasStart, index.wordAliasUnits, 1);

    // The word with the fewest postings drives: its names are listed, the others checked per name.
    let driver = slots[0];
    for (const slot of slots) if (slot.postings < driver.postings) driver = slot;
    const filled = slots.length === 1 && driver.postings > BROAD_POSTINGS && broadWord(query, driver);
    if (!filled) {
      visitNamesWithEveryWord(query, driver);
      // Several words, some found only in an ancestor's name: a unit must match one word in its
      // own name and every other one in its own name or its ancestors'; only when such a unit
      // could still enter the list.
      if (slots.length > 1 && !top.closedTo(Tier.Context, CONTEXT_PENALTY, -Infinity)) {
        searchContext(query, driver);
      }
    }
    // Units matched through their own address (postcode, city) rank in the context tier too.
    if (!top.closedTo(Tier.Context, ADDRESS_PENALTY, -Infinity)) {
      visitExtras(query, index.wordAddressStart, index.wordAddressUnits, ADDRESS_MIN);
    }
    for (const hit of top.hits) {
      if (hit.matchedBy === 'name' && hit.pos >= 0) hit.ranges = query.ranges(hit.unit);
    }
    return !fuzzy && slots.some((slot) => slot.needsTypos);
  } finally {
    query.end();
  }
}

// Marks the dictionary words a query word matches, with their best quality.
function matchWord(index: NameIndex, slot: WordSlot, fuzzy: boolean): void {
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
function collectNames(query: SearchQuery, slot: WordSlot): void {
  const { index, stamp } = query;
  const { wordQuality, touched, nameQuality, nameStamp, names } = slot;
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

// Every unit holding a matched extra word (short name or address) of a word of `minLength` or more.
function visitExtras(query: SearchQuery, start: Int32Array, units: Int32Array, minLength: number): void {
  for (const slot of query.slots) {
    if (slot.word.length < minLength) continue;
    for (const id of slot.touched) {
      for (let k = start[id]; k < start[id + 1]; k++) query.evaluate(units[k]);
    }
  }
}

// The units of one name, in rank order, until nothing later can enter the list; every unit of a
// name holding every query word matches alike.
function visitName(query: SearchQuery, name: number, tier: Tier, score: number): void {
  const { index, top } = query;
  const { unitStamp } = query.scratch;
  for (let k = index.nameUnitStart[name]; k < index.nameUnitStart[name + 1]; k++) {
    const pos = index.nameUnits[k];
    if (unitStamp[pos] === query.stamp) continue;
    if (top.closedTo(tier, score, index.rank[pos], pos)) break;
    unitStamp[pos] = query.stamp;
    query.consider(pos, tier, score);
  }
}

// Names holding every query word, visited best first (tier, score, then the best static rank
// among the name's units); stops once nothing later can enter the list.
function visitNamesWithEveryWord(query: SearchQuery, driver: WordSlot): void {
  const { index, slots, top } = query;
  collectNames(query, driver);
  const packed: number[] = [];
  for (const name of driver.names) {
    let score = 0;
    let all = true;
    for (const slot of slots) {
      const quality = query.quality(slot, name);
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
    visitName(query, name, tier, score);
  }
}

// One broad word (`k`, `sy`): thousands of names start with it. Instead of listing them, walk
// all names in rank order and take those that start with the word, exact names first; true when
// that filled the list so that nothing else can enter.
function broadWord(query: SearchQuery, slot: WordSlot): boolean {
  const { index, top } = query;
  for (const word of new Set([slot.word, slot.key])) {
    const id = index.dictionary.idOf(word);
    if (id === undefined) continue;
    for (let k = index.wordNameStart[id]; k < index.wordNameStart[id + 1]; k++) {
      const name = index.wordNames[k];
      if (index.nameWordCount[name] === 1 && query.quality(slot, name) === 0) {
        visitName(query, name, Tier.ExactName, 0);
      }
    }
  }
  for (const tier of [Tier.NamePrefix, Tier.WordPrefix] as const) {
    for (let i = 0; i < index.namesByRank.length; i++) {
      const name = index.namesByRank[i];
      if (top.closedTo(tier, 0, index.nameMinRank[name])) break;
      if (query.quality(slot, name) !== 0 || query.nameTier(name) !== tier) continue;
      visitName(query, name, tier, 0);
    }
    if (!top.closedTo(tier, 0, Infinity)) return false;
  }
  return true;
}

// Every match lies in a subtree under a match of the driving word (in its own name, short name or
// address): visit those subtrees, unless listing every word's own matches is fewer units. Subtrees
// under an address match come last, and only while their (weaker) units could still enter the
// list: a region's seat city must not pull in the whole region.
function searchContext(query: SearchQuery, driver: WordSlot): void {
  const { index, slots, top } = query;
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
        for (let pos = root; pos < covered; pos++) query.evaluate(pos);
      }
    };
    visit(roots);
    if (!top.closedTo(Tier.Context, CONTEXT_PENALTY + ADDRESS_PENALTY, -Infinity)) visit(addressRoots);
    return;
  }
  for (const slot of slots) {
    if (slot !== driver) collectNames(query, slot);
    for (const name of slot.names) {
      for (let k = index.nameUnitStart[name]; k < index.nameUnitStart[name + 1]; k++) {
        query.evaluate(index.nameUnits[k]);
      }
    }
  }
}
