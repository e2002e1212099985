/**
 * The one normaliser shared by the search index and the query (and by the CLI, where it prepares
 * search keys), so that what is indexed and what is typed cannot drift apart.
 *
 * Danish folding: case, diacritics, and the Danish letters and their two-letter spellings meet in
 * one key: `Køge`, `Koege` and `koge` all fold to `koge`; `Århus` and `Aarhus` to `arhus`;
 * `Sjælland`, `Sjaelland` and `Sjalland` to `sjalland`. Punctuation and hyphens become spaces.
 * On top of the folding, `tokenize` expands the abbreviations SOR names use (see `aliases.ts`).
 */

import { ABBREVIATIONS } from './aliases.js';

/** A folded string and, for each of its characters, the index of the source character. */
export interface FoldedText {
  text: string;
  /** `sourceIndex[i]` is the index in the original string of folded character `i`. */
  sourceIndex: number[];
}

const charCache = new Map<string, string>();

// One source character → its folded form (possibly empty or two characters).
function foldChar(ch: string): string {
  let folded = charCache.get(ch);
  if (folded !== undefined) return folded;
  const lower = ch.toLowerCase();
  if (lower === 'æ') folded = 'ae';
  else if (lower === 'ø') folded = 'oe';
  else if (lower === 'å') folded = 'aa';
  else if (/[\p{L}\p{N}]/u.test(lower)) {
    // Strip diacritics (é → e, ü → u); keep letters of other scripts as they are.
    folded = lower.normalize('NFD').replace(/\p{M}/gu, '') || lower;
  } else if (/\p{M}/u.test(lower)) folded = '';
  else folded = ' ';
  charCache.set(ch, folded);
  return folded;
}

/**
 * Folds text for search and keeps the map back to the source, so matches found in the folded key
 * can be highlighted in the original name.
 */
export function foldWithMap(source: string): FoldedText {
  let text = '';
  const sourceIndex: number[] = [];
  for (let i = 0; i < source.length; i++) {
    for (const ch of foldChar(source[i])) {
      const previous = text.length > 0 ? text[text.length - 1] : ' ';
      if (ch === ' ') {
        if (previous === ' ') continue; // collapse runs of spaces and punctuation
      } else if ((previous === 'a' && (ch === 'a' || ch === 'e')) || (previous === 'o' && ch === 'e')) {
        // aa/ae/oe collapse onto one letter: the Danish letter's spelled-out form meets its bare one.
        continue;
      }
      text += ch;
      sourceIndex.push(i);
    }
  }
  if (text.startsWith(' ')) {
    text = text.slice(1);
    sourceIndex.shift();
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    sourceIndex.pop();
  }
  return { text, sourceIndex };
}

// Folded form by UTF-16 code unit, as code units: `foldChar` without its Map lookup, for the hot
// path below.
const foldedByCode: (number[] | undefined)[] = [];
const SPACE = 32;
const A = 97;
const E = 101;
const O = 111;
// The folded code units of one string, reused: a cold start folds ~12,000 names, and building each
// as one string at the end is several times faster than adding it up character by character.
let units = new Uint16Array(256);

/**
 * Folds text for search (see the module comment): the same text as `foldWithMap`, without the map
 * back to the source, which a cold start folding ~12,000 distinct names does not need.
 */
export function foldForSearch(source: string): string {
  // A character folds to at most two (æ → ae).
  if (units.length < source.length * 2) units = new Uint16Array(source.length * 2);
  let length = 0;
  let previous = SPACE;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    const folded = (foldedByCode[code] ??= Array.from(foldChar(source[i]), (ch) => ch.charCodeAt(0)));
    for (let k = 0; k < folded.length; k++) {
      const ch = folded[k];
      if (ch === SPACE) {
        if (previous === SPACE) continue;
      } else if ((previous === A && (ch === A || ch === E)) || (previous === O && ch === E)) {
        continue;
      }
      units[length++] = ch;
      previous = ch;
    }
  }
  // Runs of spaces are collapsed above; only a leading or trailing one is left to drop.
  const start = length > 0 && units[0] === SPACE ? 1 : 0;
  const end = length > start && units[length - 1] === SPACE ? length - 1 : length;
  let text = '';
  // In chunks: a call takes only so many arguments (names are short; any text may be folded).
  for (let from = start; from < end; from += 8192)
    text += String.fromCharCode.apply(
      null,
      units.subarray(from, Math.min(end, from + 8192)) as unknown as number[],
    );
  return text;
}

/** Maps an inclusive range in the folded text back to a half-open range in the source text. */
export function toSourceRange(
  folded: FoldedText,
  start: number,
  end: number,
  source: string,
): [number, number] {
  const from = folded.sourceIndex[start] ?? 0;
  const lastSource = folded.sourceIndex[end] ?? source.length - 1;
  // A source character can fold to two (æ → ae); the range ends after that whole character.
  return [from, Math.min(source.length, lastSource + 1)];
}

/** One word of a folded text: its search key (abbreviation expanded) and where it sits. */
export interface SearchToken {
  /** The word as folded, e.g. `sengeafs`. */
  word: string;
  /** The word searched for: the folded word, or the folded full word it abbreviates (`sengeafsnit`). */
  key: string;
  /** Half-open `[start, end)` of the word in the folded text. */
  start: number;
  end: number;
}

let abbreviations: Map<string, string> | null = null;

/** The folded full word a folded abbreviation stands for (`afd` → `afdeling`), else the word itself. */
export function expandAbbreviation(word: string): string {
  abbreviations ??= new Map(
    Object.entries(ABBREVIATIONS).map(([short, full]) => [foldForSearch(short), foldForSearch(full)]),
  );
  return abbreviations.get(word) ?? word;
}

/** Splits folded text into its words, each with its search key. */
export function tokenize(folded: string): SearchToken[] {
  const tokens: SearchToken[] = [];
  let start = 0;
  for (let i = 0; i <= folded.length; i++) {
    if (i === folded.length || folded.charCodeAt(i) === 32) {
      if (i > start) {
        const word = folded.slice(start, i);
        tokens.push({ word, key: expandAbbreviation(word), start, end: i });
      }
      start = i + 1;
    }
  }
  return tokens;
}

/**
 * The search keys of a name, in order: the one list both the index and the query are made of
 * (`Kardiologisk sengeafs. B1` → `kardiologisk`, `sengeafsnit`, `b1`).
 */
export function searchKeys(text: string): string[] {
  return tokenize(foldForSearch(text)).map((token) => token.key);
}
