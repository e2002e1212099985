/**
 * How search hits are ordered: the match tiers, the penalties of a word found outside the unit's
 * own name, and the static tiebreak within a tier. Tune the ranking here; `name-index.ts` only
 * stores the static rank this module computes, and `query.ts` only assigns tiers and scores.
 */
import { levelRank } from '../model/id27.js';
import type { SorUnit } from '../model/types.js';
import { MatchQuality } from './token-dictionary.js';
import type { SearchMatchField, SorSearchHit } from './types.js';

/** Match tiers, best first. Exact codes always rank first; a code prefix ranks below name words. */
export const Tier = {
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
export type Tier = (typeof Tier)[keyof typeof Tier];

/** A query word found only in an ancestor's name counts, but ranks lower by this much. */
export const CONTEXT_PENALTY = 1;
/** Likewise a word found only in the unit's address (postcode, city). */
export const ADDRESS_PENALTY = 1;

const KIND_RANK = { IE: 0, SI: 1, OE: 2 } as const;

/** One unit that matched, as the search compares it. */
export interface Candidate {
  unit: SorUnit;
  /** Position in the index (DFS order), or -1 for a hit found without the name index. */
  pos: number;
  tier: Tier;
  score: number;
  retired: boolean;
  /** Static order within a tier: ID27 level, kind, name length, name (Danish order). */
  rank: number;
  matchedBy: SearchMatchField;
  ranges: [number, number][];
}

/**
 * The tier of words that all matched (in the unit's own name or short name, or with some in the
 * context), by the worst match quality among them: one fuzzy word makes the whole match fuzzy.
 */
export function tierOfWorst(worst: number, ownWords: boolean): Tier {
  if (worst >= MatchQuality.Fuzzy) return Tier.Fuzzy;
  if (worst >= MatchQuality.Substring) return Tier.Substring;
  return ownWords ? Tier.WordPrefix : Tier.Context;
}

// Letters in Danish order for the name tiebreak: æ, ø, å after z (as Intl.Collator('da') has them),
// digits after letters; everything else sorts first.
const COLLATION_ALPHABET = ' abcdefghijklmnopqrstuvwxyzæøå0123456789';
const COLLATION_BASE = COLLATION_ALPHABET.length + 1;
const COLLATION_CHARS = 6;
/** How many distinct `collationOrder` values there are: the static rank is packed above them. */
export const COLLATION_SPAN = COLLATION_BASE ** COLLATION_CHARS;

/**
 * A name's place in Danish alphabetical order by its first six letters, as a number: cheap to
 * compute and to compare for 100,000 units (Intl.Collator over tens of thousands of names takes
 * far longer than the index may).
 */
export function collationOrder(name: string): number {
  const lower = name.toLowerCase();
  let order = 0;
  for (let i = 0; i < COLLATION_CHARS; i++) {
    const at = i < lower.length ? COLLATION_ALPHABET.indexOf(lower[i]) + 1 : 0;
    order = order * COLLATION_BASE + at;
  }
  return order;
}

/**
 * The tiebreak within a tier: ID27 level (Hospital first, units without a level last), then kind,
 * then the shorter name. Below 2^13, so a unit position still fits beside it in a double.
 */
export function staticRank(unit: SorUnit): number {
  return (
    (Math.min(levelRank(unit.level?.name), 7) * 3 + KIND_RANK[unit.kind]) * 256 +
    Math.min(unit.name.length, 255)
  );
}

/** The full tiebreak of a unit whose name has `nameOrder` (see `collationOrder`). */
export function unitRank(unit: SorUnit, nameOrder: number): number {
  return staticRank(unit) * COLLATION_SPAN + nameOrder;
}

// A pasted code finds its unit first, always, even a retired one; among the rest an active unit
// ranks above a retired one before the match tier counts.
const codeRank = (hit: Candidate) => Math.min(hit.tier, Tier.ExactName);

/** Orders candidates best first: negative when `a` ranks above `b`. */
export function compareCandidates(a: Candidate, b: Candidate): number {
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

/** The public hit: its score is the tier, with the match quality within it as the fraction. */
export function toHit({ unit, tier, score, matchedBy, ranges }: Candidate): SorSearchHit {
  return { unit, score: tier + Math.min(score, 9) / 10, matchedBy, ranges };
}
