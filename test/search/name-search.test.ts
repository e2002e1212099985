import { expect } from '@open-wc/testing';
import type { SorUnit } from '../../src/model/types.js';
import { CodeIndex } from '../../src/search/code-index.js';
import { runAtOnce } from '../../src/util/slices.js';
import { CompiledFilter } from '../../src/search/filter.js';
import { buildNameIndex, type NameIndex } from '../../src/search/name-index.js';
import { searchNames } from '../../src/search/name-search.js';
import { foldForSearch } from '../../src/search/normalize.js';
import { QueryScratch, SearchQuery } from '../../src/search/query.js';
import { Tier } from '../../src/search/ranking.js';
import { TopHits } from '../../src/search/top-hits.js';
import { aarhus, aarhusCardiology, numberedCopies, SMALL_REGISTER } from '../fixtures/small-register.js';

const build = (units: readonly SorUnit[]): NameIndex => runAtOnce(buildNameIndex(new CodeIndex(units)));

function searcher(units: readonly SorUnit[]) {
  const index = build(units);
  const scratch = new QueryScratch(index);
  return (text: string, fuzzy = false, limit = 20) => {
    const query = new SearchQuery({
      index,
      scratch,
      filter: new CompiledFilter({}, '2026-11-26'),
      top: new TopHits(limit),
      seen: new Set(),
      withinPos: -1,
    });
    const typos = searchNames(query, foldForSearch(text), fuzzy);
    return { typos, hits: query.top.hits };
  };
}

const small = searcher(SMALL_REGISTER);
const names = (hits: { unit: SorUnit }[]) => hits.map((hit) => hit.unit.name);

describe('searchNames', () => {
  it('finds names holding every word, best tier first, with highlights', () => {
    const { typos, hits } = small('akutafdelingen');
    expect(typos).to.equal(false);
    expect(hits[0].tier).to.equal(Tier.ExactName);
    expect(hits[0].unit.name).to.equal('Akutafdelingen');
    expect(hits[0].ranges).to.deep.equal([[0, 'Akutafdelingen'.length]]);
    expect(names(hits)).to.include('Akutafdelingen, modtagelse');
  });

  it('asks for a typo pass only for a word that starts no word, and finds the typo in it', () => {
    const first = small('hjertesygdom');
    expect(first.typos).to.equal(false);
    const misspelt = small('hjertesydgomme');
    expect(misspelt.typos).to.equal(true);
    expect(misspelt.hits).to.deep.equal([]);
    const typoPass = small('hjertesydgomme', true);
    expect(typoPass.typos).to.equal(false);
    expect(typoPass.hits[0].unit.name).to.match(/^Hjertesygdomme/);
    expect(typoPass.hits[0].tier).to.equal(Tier.Fuzzy);
    // Words with digits are codes or postcodes: never looked up with typos.
    expect(small('hjertesydgomme2').typos).to.equal(false);
  });

  it('finds units by words of their ancestors, below those that hold every word themselves', () => {
    const { hits } = small('aarhus hjertesygdomme');
    expect(hits[0].unit.sorCode).to.equal(aarhusCardiology.sorCode);
    expect(hits[0].tier).to.equal(Tier.Context);
  });

  it('stops early: a full list of exact names lets nothing weaker in', () => {
    const { hits } = small('akutafdelingen', false, 2);
    expect(hits.map((hit) => hit.tier)).to.deep.equal([Tier.ExactName, Tier.ExactName]);
  });

  it('walks a broad word (thousands of names) in rank order, exact names first', () => {
    const wards = numberedCopies(aarhusCardiology, { shak: null, ean: null });
    const plain: SorUnit = {
      ...aarhusCardiology,
      sorCode: '8990001000016004',
      name: 'Sengeafsnit',
      shak: null,
      ean: null,
    };
    const big = searcher([...SMALL_REGISTER, ...wards, plain]);
    const { hits } = big('sengeafsnit', false, 5);
    expect(hits[0].unit.name).to.equal('Sengeafsnit');
    expect(hits[0].tier).to.equal(Tier.ExactName);
    expect(hits.slice(1).every((hit) => hit.tier === Tier.NamePrefix)).to.equal(true);
    // The same list as an index that lists every name would give: the shortest names first.
    expect(names(hits.slice(1))).to.deep.equal([
      'Sengeafsnit 0',
      'Sengeafsnit 1',
      'Sengeafsnit 2',
      'Sengeafsnit 3',
    ]);
  });

  it('finds units by their own postcode and city', () => {
    const { hits } = small('8200');
    expect(hits[0].unit.sorCode).to.equal(aarhus.sorCode);
  });
});
