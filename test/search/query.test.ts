import { expect } from '@open-wc/testing';
import type { SorUnit } from '../../src/model/types.js';
import { CodeIndex } from '../../src/search/code-index.js';
import { runAtOnce } from '../../src/util/slices.js';
import { CompiledFilter } from '../../src/search/filter.js';
import { buildNameIndex, type NameIndex } from '../../src/search/name-index.js';
import { foldForSearch } from '../../src/search/normalize.js';
import { MAX_QUERY_WORDS, QueryScratch, SearchQuery } from '../../src/search/query.js';
import { CONTEXT_PENALTY, Tier } from '../../src/search/ranking.js';
import { TopHits } from '../../src/search/top-hits.js';
import { aarhus, aarhusCardiology, odense, SMALL_REGISTER, unitNamed } from '../fixtures/small-register.js';

const build = (units: readonly SorUnit[]): NameIndex => runAtOnce(buildNameIndex(new CodeIndex(units)));

const index = build(SMALL_REGISTER);
const scratch = new QueryScratch(index);
const posOf = (unit: SorUnit) => index.units.findIndex((at) => at.sorCode === unit.sorCode);

function newQuery(options: { limit?: number; seen?: string[]; filter?: CompiledFilter } = {}): SearchQuery {
  return new SearchQuery({
    index,
    scratch,
    filter: options.filter ?? new CompiledFilter({}, '2026-11-26'),
    top: new TopHits(options.limit ?? 20),
    seen: new Set(options.seen ?? []),
    withinPos: -1,
  });
}

// Starts a pass over the folded text and marks the dictionary words each query word starts (as the name search does).
function begin(query: SearchQuery, text: string): void {
  expect(query.begin(foldForSearch(text), false)).to.equal(true);
  for (const slot of query.slots) {
    index.dictionary.prefix(slot.key, (id, quality) => {
      if (slot.wordQuality[id] < 0) slot.touched.push(id);
      slot.wordQuality[id] = quality;
    });
  }
}

describe('SearchQuery', () => {
  afterEach(() => scratch.reset(MAX_QUERY_WORDS));

  it('takes the words of a pass, abbreviations expanded, at most MAX_QUERY_WORDS of them', () => {
    const query = newQuery();
    expect(query.begin('', false)).to.equal(false);
    expect(query.begin('kardiologisk afd b', false)).to.equal(true);
    expect(query.slots.map((slot) => [slot.word, slot.key])).to.deep.equal([
      ['kardiologisk', 'kardiologisk'],
      ['afd', 'afdeling'],
      ['b', 'b'],
    ]);
    query.end();
    query.begin('a b c d e f g h i j', true);
    expect(query.slots.length).to.equal(MAX_QUERY_WORDS);
    expect(query.fuzzy).to.equal(true);
    query.end();
  });

  it('tells the tier of a name: exact, name prefix, word prefix', () => {
    const query = newQuery();
    begin(query, 'akutafdelingen');
    const nameOf = (unit: SorUnit) => index.nameOf[posOf(unit)];
    expect(query.nameTier(nameOf(unitNamed('Akutafdelingen', 'Rigshospitalet')))).to.equal(Tier.ExactName);
    expect(query.nameTier(nameOf(unitNamed('Akutafdelingen, modtagelse')))).to.equal(Tier.NamePrefix);
    query.end();
    begin(query, 'modtagelse');
    expect(query.nameTier(nameOf(unitNamed('Akutafdelingen, modtagelse')))).to.equal(Tier.WordPrefix);
    query.end();
  });

  it('matches a word in an ancestor’s name at a penalty, and only with a word of the unit’s own', () => {
    const query = newQuery();
    begin(query, 'aarhus hjertesygdomme');
    expect(query.matchUnit(posOf(aarhusCardiology))).to.deep.equal({
      tier: Tier.Context,
      score: CONTEXT_PENALTY,
    });
    query.end();
    begin(query, 'aarhus region');
    expect(query.matchUnit(posOf(aarhusCardiology))).to.equal(null);
    query.end();
  });

  it('matches a short name typed in full as an exact name', () => {
    const query = newQuery();
    begin(query, 'ouh');
    expect(query.matchUnit(posOf(odense))).to.deep.equal({ tier: Tier.ExactName, score: 0 });
    query.end();
  });

  it('evaluates a unit once per pass and offers it unless a code match offered it already', () => {
    const query = newQuery({ seen: [aarhus.sorCode] });
    begin(query, 'universitetshospital');
    query.evaluate(posOf(aarhus));
    query.evaluate(posOf(odense));
    query.evaluate(posOf(odense));
    expect(query.top.hits.map((hit) => hit.unit.sorCode)).to.deep.equal([odense.sorCode]);
    query.end();
  });

  it('offers only what the filter takes', () => {
    const query = newQuery({ filter: new CompiledFilter({ kinds: ['OE'] }, '2026-11-26') });
    begin(query, 'universitetshospital');
    query.consider(posOf(odense), Tier.NamePrefix, 0);
    expect(query.top.hits).to.deep.equal([]);
    query.end();
  });

  it('highlights the query words in the name as written', () => {
    const query = newQuery();
    begin(query, 'ortopaedkir afd');
    const unit = unitNamed('Ortopædkirurgisk afd. O');
    expect(query.ranges(unit).map(([start, end]) => unit.name.slice(start, end))).to.deep.equal([
      'Ortopædkir',
      'afd',
    ]);
    query.end();
  });
});

describe('QueryScratch', () => {
  it('reuses one slot per word position and clears what a pass marked', () => {
    const own = new QueryScratch(index);
    const slot = own.slot(0);
    expect(own.slot(0)).to.equal(slot);
    expect(slot.wordQuality.length).to.equal(index.dictionary.size);
    slot.wordQuality[3] = 0;
    slot.touched.push(3);
    slot.names.push(1);
    own.reset(1);
    expect(slot.wordQuality[3]).to.equal(-1);
    expect(slot.touched).to.deep.equal([]);
    expect(slot.names).to.deep.equal([]);
    expect(own.nextStamp()).to.be.lessThan(own.nextStamp());
  });
});
