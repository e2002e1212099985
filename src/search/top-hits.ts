import { compareCandidates, type Candidate } from './ranking.js';

/** The best `limit` candidates, kept sorted; cheap to ask whether a candidate could still get in. */
export class TopHits {
  readonly hits: Candidate[] = [];
  constructor(readonly limit: number) {}

  /** True once `limit` candidates are held. */
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

  /** Adds the candidate at its place when it ranks among the best `limit`. */
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

  /** Drops the candidates `keep` rejects (the typo pass starts over from the code hits). */
  retain(keep: (hit: Candidate) => boolean): void {
    const kept = this.hits.filter(keep);
    this.hits.splice(0, this.hits.length, ...kept);
  }
}
