import { expect } from '@open-wc/testing';
import type { SorUnit } from '../../src/model/types.js';
import { SearchIndex, type SearchRequest } from '../../src/search/search-index.js';
import {
  aarhus,
  aarhusCardiology,
  numberedCopies,
  odense,
  SMALL_REGISTER,
  TYPE,
  unitNamed,
} from '../fixtures/small-register.js';

const index = new SearchIndex(SMALL_REGISTER, { sliceMs: Infinity });
const request = (extra: Partial<SearchRequest> = {}): SearchRequest => ({
  limit: 20,
  asOf: '2026-11-26',
  ...extra,
});
const names = (hits: { unit: SorUnit }[]) => hits.map((hit) => hit.unit.name);
const under = (unit: SorUnit, ancestor: SorUnit) => {
  for (let code = unit.parentCode; code !== null; code = index.codes.get(code)?.parentCode ?? null) {
    if (code === ancestor.sorCode) return true;
  }
  return false;
};

describe('SearchIndex', () => {
  it('builds a large index in slices, answering pasted codes before it is ready', async () => {
    // Above 2,000 units the build runs in slices; here one slice does a single step.
    const wards = numberedCopies(aarhusCardiology, { shak: null, ean: null });
    const units = [...SMALL_REGISTER, ...wards];
    const sliced = new SearchIndex(units, { sliceMs: 0 });
    expect(sliced.isReady).to.equal(false);
    const early = sliced.search(aarhusCardiology.sorCode, request());
    expect(early.map((hit) => hit.unit.sorCode)).to.deep.equal([aarhusCardiology.sorCode]);
    expect(sliced.search('hjertesygdomme', request())).to.deep.equal([]);
    await sliced.ready;
    expect(sliced.isReady).to.equal(true);
    expect(names(sliced.search('hjertesygdomme', request()))[0]).to.equal('Hjertesygdomme');
    expect(names(sliced.search('sengeafsnit 2499', request()))[0]).to.equal('Sengeafsnit 2499');
  });

  it('builds a small register at once, whatever the slice length', () => {
    expect(new SearchIndex(SMALL_REGISTER, { sliceMs: 0 }).isReady).to.equal(true);
  });

  it('is built at once with sliceMs Infinity', () => {
    expect(index.isReady).to.equal(true);
  });

  it('reads abbreviations both ways: typed in full for an abbreviated name, and abbreviated', () => {
    const section = unitNamed('Kardiologisk sengeafs. B1');
    const full = index.search('kardiologisk sengeafsnit b1', request());
    expect(full[0].unit.sorCode).to.equal(section.sorCode);
    // The highlight covers the abbreviation as the name writes it.
    expect(full[0].ranges.map(([s, e]) => section.name.slice(s, e))).to.deep.equal([
      'Kardiologisk',
      'sengeafs',
      'B1',
    ]);
    const short = index.search('ortopædkir afd o', request());
    expect(short[0].unit.name).to.equal('Ortopædkirurgisk afd. O');
    const amb = index.search('hjertesygdomme ambulatorium', request());
    expect(amb[0].unit.name).to.equal('Hjertesygdomme, amb.');
  });

  it('finds a hospital by its short name, and a department by short name plus a word', () => {
    expect(index.search('OUH', request())[0].unit.sorCode).to.equal(odense.sorCode);
    const emergency = index.search('ouh akut', request());
    expect(emergency[0].unit.name).to.equal('Akutafdelingen');
    expect(under(emergency[0].unit, odense)).to.equal(true);
    // A short name matches only in full: `ou` is not yet OUH.
    expect(names(index.search('ou', request()))).to.not.include(odense.name);
  });

  it('matches words across the unit name and its ancestors, the unit itself first', () => {
    const hits = index.search('aarhus hjertesygdomme', request());
    expect(hits[0].unit.sorCode).to.equal(aarhusCardiology.sorCode);
    for (const hit of hits)
      expect(hit.unit.sorCode === aarhus.sorCode || under(hit.unit, aarhus)).to.equal(true);
    // A word found only in ancestors is not enough: the unit must match one word itself.
    expect(names(index.search('aarhus region', request()))).to.not.include('Hjertesygdomme');
  });

  it('ranks exact name above name prefix above word prefix above fuzzy', () => {
    const hits = index.search('akutafdelingen', request());
    expect(hits[0].unit.name).to.equal('Akutafdelingen');
    const prefixAt = names(hits).indexOf('Akutafdelingen, modtagelse');
    expect(prefixAt).to.be.greaterThan(names(hits).lastIndexOf('Akutafdelingen'));
    const typo = index.search('akutafdelngen', request());
    expect(typo[0].unit.name).to.match(/^Akutafdelingen/);
    expect(typo[0].score).to.be.greaterThan(hits[0].score);
  });

  it('looks codes up exactly and by prefix, exact first', () => {
    const prefix = index.search('66200', request());
    expect(prefix.length).to.be.greaterThan(1);
    for (const hit of prefix) {
      expect(hit.matchedBy).to.equal('shak');
      expect(hit.unit.shak!.startsWith('66200')).to.equal(true);
      expect(hit.ranges).to.deep.equal([[0, 5]]);
    }
    const exact = index.search('662001', request());
    expect(exact[0].unit.sorCode).to.equal(aarhusCardiology.sorCode);
    expect(exact[0].score).to.equal(1);
    expect(exact.slice(1).every((hit) => hit.unit.shak!.startsWith('662001'))).to.equal(true);
  });

  it('finds a unit by its code as spreadsheets hold it: wrapped, with separators, zeroed, SHAK + 99999', () => {
    const code = aarhusCardiology.sorCode;
    const spaced = code.replace(/(\d{3})(?=\d)/g, '$1 ');
    for (const pasted of [`="${code}"`, spaced, `'${code}`, code.replace(/(\d{5})/, '$1-')]) {
      const hits = index.search(pasted, request());
      expect(hits[0]?.unit.sorCode, pasted).to.equal(code);
      expect(hits[0].matchedBy).to.equal('sorCode');
    }
    // A 16-digit code whose last digit a spreadsheet zeroed: found by the 15 digits that survived.
    const long = { ...aarhusCardiology, sorCode: '1057801000016004', parentCode: aarhus.sorCode };
    const withLong = new SearchIndex([...SMALL_REGISTER, long], { sliceMs: Infinity });
    const zeroed = withLong.search('1057801000016000', request());
    expect(zeroed.map((hit) => hit.unit.sorCode)).to.deep.equal(['1057801000016004']);
    // SHAK + 99999: the unit with that SHAK.
    const pseudo = index.search(`${aarhusCardiology.shak}99999`, request());
    expect(pseudo[0].unit.sorCode).to.equal(aarhusCardiology.sorCode);
    expect(pseudo[0].matchedBy).to.equal('shak');
  });

  it('finds units by postcode where the address is their own', () => {
    const hits = index.search('8200', request());
    expect(hits[0].unit.sorCode).to.equal(aarhus.sorCode);
  });

  it('applies kind, level, owner type, region and subtree filters before the limit', () => {
    const inOdense = index.search(
      'akut',
      request({ limit: 1, filter: { within: odense.sorCode, levels: ['Afsnit'] } }),
    );
    expect(names(inOdense)).to.deep.equal(['Akutafdelingen, sengeafsnit FAM']);
    const municipal = index.search('køge', request({ filter: { ownerTypes: [TYPE.municipality] } }));
    expect(municipal.length).to.be.greaterThan(0);
    for (const hit of municipal) expect(hit.unit.name).to.not.equal('Sjællands Universitetshospital, Køge');
    const owners = index.search('region', request({ filter: { kinds: ['IE'], regionCodes: ['1083'] } }));
    expect(names(owners)).to.deep.equal(['Region Syddanmark']);
    expect(index.search('akut', request({ filter: { within: '99999991000016000' } }))).to.deep.equal([]);
  });

  it('returns nothing for a blank query or a zero limit', () => {
    expect(index.search('   ', request())).to.deep.equal([]);
    expect(index.search('akut', request({ limit: 0 }))).to.deep.equal([]);
  });
});
