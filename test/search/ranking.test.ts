import { expect } from '@open-wc/testing';
import type { SorUnit } from '../../src/model/types.js';
import {
  collationOrder,
  compareCandidates,
  staticRank,
  Tier,
  tierOfWorst,
  toHit,
  unitRank,
  COLLATION_SPAN,
  type Candidate,
} from '../../src/search/ranking.js';
import { MatchQuality } from '../../src/search/token-dictionary.js';
import { aarhus, aarhusCardiology, aarhusUnlevelled, unitNamed } from '../fixtures/small-register.js';

const candidate = (extra: Partial<Candidate>): Candidate => ({
  unit: aarhus,
  pos: 0,
  tier: Tier.WordPrefix,
  score: 0,
  retired: false,
  rank: 0,
  matchedBy: 'name',
  ranges: [],
  ...extra,
});
const sorted = (list: Candidate[]) => [...list].sort(compareCandidates);

describe('ranking', () => {
  it('orders names in Danish order: æ, ø, å after z, digits after letters, case ignored', () => {
    const names = ['Åbenrå', 'Ærø', 'Zealand', 'Østerbro', 'aarhus', 'Bispebjerg', '2100 Klinik'];
    const inOrder = [...names].sort((a, b) => collationOrder(a) - collationOrder(b));
    expect(inOrder).to.deep.equal([
      'aarhus',
      'Bispebjerg',
      'Zealand',
      'Ærø',
      'Østerbro',
      'Åbenrå',
      '2100 Klinik',
    ]);
    expect(collationOrder('Køge')).to.equal(collationOrder('KØGE'));
    // Only the first six letters count: the order fits in COLLATION_SPAN.
    expect(collationOrder('Hjertesygdomme')).to.equal(collationOrder('Hjertes'));
    expect(collationOrder('ååååååå')).to.be.lessThan(COLLATION_SPAN);
  });

  it('ranks by ID27 level first (units without one last), then kind, then the shorter name', () => {
    const hospital = staticRank(aarhus);
    const department = staticRank(aarhusCardiology);
    const unlevelled = staticRank(aarhusUnlevelled);
    expect(hospital).to.be.lessThan(department);
    expect(department).to.be.lessThan(unlevelled);
    const longer = { ...aarhusCardiology, name: `${aarhusCardiology.name} og lunger` };
    expect(staticRank(aarhusCardiology)).to.be.lessThan(staticRank(longer));
    const asInstitution: SorUnit = { ...aarhusUnlevelled, kind: 'SI' };
    expect(staticRank(asInstitution)).to.be.lessThan(unlevelled);
    // The name's Danish order breaks what the static rank leaves tied.
    expect(unitRank(aarhus, 1)).to.be.lessThan(unitRank(aarhus, 2));
    expect(unitRank(aarhus, COLLATION_SPAN - 1)).to.be.lessThan(unitRank(aarhusCardiology, 0));
  });

  it('puts a pasted code first even when retired, then active before retired, then tier, score, rank', () => {
    const retiredCode = candidate({ tier: Tier.SorCode, retired: true });
    const exactName = candidate({ tier: Tier.ExactName });
    const retiredExact = candidate({ tier: Tier.ExactName, retired: true });
    const prefix = candidate({ tier: Tier.NamePrefix });
    const prefixWorse = candidate({ tier: Tier.NamePrefix, score: 0.5 });
    const prefixLater = candidate({ tier: Tier.NamePrefix, rank: 3 });
    expect(sorted([retiredExact, prefixLater, prefixWorse, prefix, exactName, retiredCode])).to.deep.equal([
      retiredCode,
      exactName,
      prefix,
      prefixLater,
      prefixWorse,
      retiredExact,
    ]);
  });

  it('breaks a full tie by position, or by SOR code for hits found without the index', () => {
    const first = candidate({ pos: 1 });
    const second = candidate({ pos: 2 });
    expect(sorted([second, first])).to.deep.equal([first, second]);
    const a = candidate({ pos: -1, unit: { ...aarhus, sorCode: '11000016002' } });
    const b = candidate({ pos: -1, unit: { ...aarhus, sorCode: '21000016006' } });
    expect(sorted([b, a])).to.deep.equal([a, b]);
    expect(compareCandidates(a, a)).to.equal(0);
  });

  it('takes the tier of several words from the worst of them', () => {
    expect(tierOfWorst(MatchQuality.Prefix, true)).to.equal(Tier.WordPrefix);
    expect(tierOfWorst(MatchQuality.Prefix, false)).to.equal(Tier.Context);
    expect(tierOfWorst(MatchQuality.Substring, true)).to.equal(Tier.Substring);
    expect(tierOfWorst(MatchQuality.Fuzzy + 0.2, false)).to.equal(Tier.Fuzzy);
  });

  it('gives the public score as the tier plus the match quality as a fraction', () => {
    const unit = unitNamed('Akutafdelingen', 'Rigshospitalet');
    const hit = toHit(candidate({ unit, tier: Tier.Fuzzy, score: 2.5, ranges: [[0, 4]] }));
    expect(hit).to.deep.equal({ unit, score: Tier.Fuzzy + 0.25, matchedBy: 'name', ranges: [[0, 4]] });
    expect(toHit(candidate({ tier: Tier.Context, score: 40 })).score).to.equal(Tier.Context + 0.9);
  });
});
