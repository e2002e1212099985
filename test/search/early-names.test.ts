import { expect } from '@open-wc/testing';
import type { SorUnit } from '../../src/model/types.js';
import { EarlyNames, type SearchRequest } from '../../src/search/search-index.js';
import {
  koege,
  koegeRetired,
  koegeSuccessor,
  rigshospitalet,
  SMALL_REGISTER,
} from '../fixtures/small-register.js';

const request = (extra: Partial<SearchRequest> = {}): SearchRequest => ({
  limit: 20,
  asOf: '2026-11-26',
  ...extra,
});
const byCode = new Map(SMALL_REGISTER.map((unit) => [unit.sorCode, unit]));
const codes = { get: (code: string) => byCode.get(code) };
const names = (hits: { unit: SorUnit }[]) => hits.map((hit) => hit.unit.name);
const early = EarlyNames.build(SMALL_REGISTER);

describe('EarlyNames', () => {
  it('finds names by word prefixes, exact and name-prefix matches first, highlighting them', () => {
    const hits = early.search('rigshosp', request(), codes);
    expect(hits[0].unit.sorCode).to.equal(rigshospitalet.sorCode);
    expect(hits[0].ranges).to.deep.equal([[0, 8]]);
    const hit = early.search('koege', request(), codes).find((h) => h.unit.sorCode === koege.sorCode)!;
    expect(hit.ranges.map(([s, e]) => koege.name.slice(s, e))).to.deep.equal(['Køge']);
  });

  it('needs every query word in the name, and finds no typos', () => {
    expect(early.search('rigshospitalt', request(), codes)).to.deep.equal([]);
    expect(early.search('rigshospitalet aarhus', request(), codes)).to.deep.equal([]);
  });

  it('applies the filter before the limit, and hides retired units unless asked', () => {
    const active = early.search('medicinsk sengeafsnit m2', request(), codes);
    expect(names(active)).to.include(koegeSuccessor.name);
    expect(names(active)).not.to.include(koegeRetired.name);
    const all = early.search(
      'medicinsk sengeafsnit m2',
      request({ filter: { includeRetired: true } }),
      codes,
    );
    expect(names(all).indexOf(koegeRetired.name)).to.be.greaterThan(names(all).indexOf(koegeSuccessor.name));
    const owners = early.search('region', request({ filter: { kinds: ['IE'] } }), codes);
    expect(owners.length).to.be.greaterThan(0);
    expect(owners.every((hit) => hit.unit.kind === 'IE')).to.equal(true);
    expect(early.search('region', request({ limit: 1 }), codes)).to.have.length(1);
  });

  it('patches copy-on-write: the old names answer as before', () => {
    const renamed = { ...rigshospitalet, name: 'Blegdamsvej Hospital' };
    const next = early.patched([rigshospitalet], [renamed]);
    expect(next.search('rigshosp', request(), codes).map((hit) => hit.unit.sorCode)).not.to.include(
      rigshospitalet.sorCode,
    );
    expect(next.search('blegdam', request(), codes)[0].unit).to.equal(renamed);
    expect(early.search('rigshosp', request(), codes)[0].unit).to.equal(rigshospitalet);
    expect(early.search('blegdam', request(), codes)).to.deep.equal([]);
  });
});
