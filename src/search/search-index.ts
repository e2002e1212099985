// The basic build: no extended search or logical queries, which we don't use (about 3 kB less).
import Fuse from 'fuse.js/basic';
import { levelRank } from '../model/id27.js';
import type { SorUnit } from '../model/types.js';
import { CodeIndex, type CodeField } from './code-index.js';
import { foldWithMap, toSourceRange, type FoldedText } from './normalize.js';
import type { SearchMatchField, SorSearchHit } from './types.js';

/** What the index needs to know per search, beyond the query: the filter, as predicates. */
export interface SearchRequest {
  limit: number;
  /** The filter: false leaves the unit out (applied before the limit). */
  accept: (unit: SorUnit) => boolean;
  /** Retired units rank below active ones. */
  isRetired: (unit: SorUnit) => boolean;
}

interface NameEntry {
  key: string;
  position: number;
}

// Match tiers, best first. Codes always rank above names.
const enum Tier {
  SorCode = 0,
  OtherCode = 1,
  ExactName = 2,
  NamePrefix = 3,
  WordPrefix = 4,
  Fuzzy = 5,
}

const KIND_RANK = { IE: 0, SI: 1, OE: 2 } as const;
const collator = new Intl.Collator('da');

interface RankedHit extends SorSearchHit {
  tier: Tier;
  retired: boolean;
}

/**
 * The search over one set of units: exact code lookups first, then names ranked exact > prefix >
 * word prefix > fuzzy (fuse.js over Danish-folded names). Pure: no DOM, no Lit.
 */
export class SearchIndex {
  readonly codes: CodeIndex;
  private readonly folded: FoldedText[];
  private fuse: Fuse<NameEntry> | null = null;

  constructor(private readonly units: readonly SorUnit[]) {
    this.codes = new CodeIndex(units);
    this.folded = units.map((unit) => foldWithMap(unit.name));
  }

  private nameIndex(): Fuse<NameEntry> {
    this.fuse ??= new Fuse(
      this.folded.map((folded, position) => ({ key: folded.text, position })),
      {
        keys: ['key'],
        includeScore: true,
        includeMatches: true,
        ignoreLocation: true,
        threshold: 0.34,
        minMatchCharLength: 2,
      },
    );
    return this.fuse;
  }

  search(query: string, request: SearchRequest): SorSearchHit[] {
    const trimmed = query.trim();
    if (trimmed === '' || request.limit <= 0) return [];
    const hits = new Map<string, RankedHit>();
    const add = (hit: RankedHit) => {
      const existing = hits.get(hit.unit.sorCode);
      if (
        !existing ||
        hit.tier < existing.tier ||
        (hit.tier === existing.tier && hit.score < existing.score)
      ) {
        hits.set(hit.unit.sorCode, hit);
      }
    };

    const compact = trimmed.replace(/\s+/g, '');
    if (/^[0-9A-Za-z]+$/.test(compact)) {
      for (const field of [
        'sorCode',
        'shak',
        'ean',
        'providerNumber',
      ] as const satisfies readonly CodeField[]) {
        for (const unit of this.codes.lookup(field, compact)) {
          if (!request.accept(unit)) continue;
          const tier = field === 'sorCode' ? Tier.SorCode : Tier.OtherCode;
          add(this.hit(unit, tier, 0, field, [[0, compact.length]], request));
        }
      }
    }

    const folded = foldWithMap(trimmed).text;
    if (folded.length > 0) {
      for (const result of this.nameIndex().search(folded)) {
        const position = result.item.position;
        const unit = this.units[position];
        if (!request.accept(unit)) continue;
        const key = result.item.key;
        const at = key.indexOf(folded);
        let tier = Tier.Fuzzy;
        let ranges: [number, number][];
        if (at !== -1) {
          tier =
            key === folded
              ? Tier.ExactName
              : at === 0
                ? Tier.NamePrefix
                : key[at - 1] === ' '
                  ? Tier.WordPrefix
                  : Tier.Fuzzy;
          ranges = [toSourceRange(this.folded[position], at, at + folded.length - 1, unit.name)];
        } else {
          ranges = (result.matches?.[0]?.indices ?? []).map(([start, end]) =>
            toSourceRange(this.folded[position], start, end, unit.name),
          );
        }
        add(this.hit(unit, tier, result.score ?? 1, 'name', ranges, request));
      }
    }

    return [...hits.values()]
      .sort(compareHits)
      .slice(0, request.limit)
      .map(({ unit, score, matchedBy, ranges }) => ({ unit, score, matchedBy, ranges }));
  }

  private hit(
    unit: SorUnit,
    tier: Tier,
    fuzzyScore: number,
    matchedBy: SearchMatchField,
    ranges: [number, number][],
    request: SearchRequest,
  ): RankedHit {
    // The score orders tiers first; within the fuzzy tier fuse.js's own score (0..1) decides.
    return { unit, tier, score: tier + fuzzyScore, matchedBy, ranges, retired: request.isRetired(unit) };
  }
}

// A pasted code finds its unit first, always, even a retired one; among name matches an active
// unit ranks above a retired one before the match tier counts.
const codeRank = (hit: RankedHit) => Math.min(hit.tier, Tier.ExactName);

function compareHits(a: RankedHit, b: RankedHit): number {
  return (
    codeRank(a) - codeRank(b) ||
    Number(a.retired) - Number(b.retired) ||
    a.tier - b.tier ||
    (a.tier === Tier.Fuzzy ? a.score - b.score : 0) ||
    KIND_RANK[a.unit.kind] - KIND_RANK[b.unit.kind] ||
    levelRank(a.unit.level?.name) - levelRank(b.unit.level?.name) ||
    a.unit.name.length - b.unit.name.length ||
    collator.compare(a.unit.name, b.unit.name) ||
    (a.unit.sorCode < b.unit.sorCode ? -1 : a.unit.sorCode > b.unit.sorCode ? 1 : 0)
  );
}
