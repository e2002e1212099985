import { expect } from '@open-wc/testing';
import { Tier, type Candidate } from '../../src/search/ranking.js';
import { TopHits } from '../../src/search/top-hits.js';
import { aarhus } from '../fixtures/small-register.js';

const candidate = (pos: number, extra: Partial<Candidate> = {}): Candidate => ({
  unit: aarhus,
  pos,
  tier: Tier.WordPrefix,
  score: 0,
  retired: false,
  rank: 10,
  matchedBy: 'name',
  ranges: [],
  ...extra,
});

describe('TopHits', () => {
  it('keeps the best `limit` candidates in order, whatever order they are offered in', () => {
    const top = new TopHits(3);
    for (const pos of [7, 3, 9, 1, 5]) top.offer(candidate(pos));
    expect(top.hits.map((hit) => hit.pos)).to.deep.equal([1, 3, 5]);
    expect(top.full).to.equal(true);
    top.offer(candidate(8, { tier: Tier.ExactName }));
    expect(top.hits.map((hit) => hit.pos)).to.deep.equal([8, 1, 3]);
  });

  it('is never closed while it has room', () => {
    const top = new TopHits(2);
    top.offer(candidate(1, { tier: Tier.ExactName }));
    expect(top.full).to.equal(false);
    expect(top.closedTo(Tier.Fuzzy, 9, Infinity)).to.equal(false);
  });

  it('is closed to what ranks after its worst hit: a later tier, score, rank or position', () => {
    const top = new TopHits(1);
    top.offer(candidate(5, { tier: Tier.NamePrefix, score: 0.5, rank: 10 }));
    expect(top.closedTo(Tier.WordPrefix, 0, 0)).to.equal(true);
    expect(top.closedTo(Tier.ExactName, 9, 99)).to.equal(false);
    expect(top.closedTo(Tier.NamePrefix, 0.6, 0)).to.equal(true);
    expect(top.closedTo(Tier.NamePrefix, 0.4, 99)).to.equal(false);
    expect(top.closedTo(Tier.NamePrefix, 0.5, 11)).to.equal(true);
    expect(top.closedTo(Tier.NamePrefix, 0.5, 9)).to.equal(false);
    expect(top.closedTo(Tier.NamePrefix, 0.5, 10, 6)).to.equal(true);
    expect(top.closedTo(Tier.NamePrefix, 0.5, 10, 4)).to.equal(false);
  });

  it('stays open while its worst hit is retired: any active unit would still rank above it', () => {
    const top = new TopHits(1);
    top.offer(candidate(1, { tier: Tier.ExactName, retired: true }));
    expect(top.closedTo(Tier.Fuzzy, 9, Infinity)).to.equal(false);
    top.offer(candidate(2, { tier: Tier.Fuzzy }));
    expect(top.hits.map((hit) => hit.pos)).to.deep.equal([2]);
  });

  it('keeps only the hits asked for, in order', () => {
    const top = new TopHits(4);
    top.offer(candidate(1, { tier: Tier.SorCode, matchedBy: 'sorCode' }));
    top.offer(candidate(2));
    top.offer(candidate(3, { tier: Tier.CodePrefix, matchedBy: 'shak' }));
    top.retain((hit) => hit.matchedBy !== 'name');
    expect(top.hits.map((hit) => hit.pos)).to.deep.equal([1, 3]);
  });
});
