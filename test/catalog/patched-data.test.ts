import { expect } from '@open-wc/testing';
import { ListData } from '../../src/catalog/list-data.js';
import { dataAfterDelta, PatchedData } from '../../src/catalog/patched-data.js';
import type { SorUnit } from '../../src/model/types.js';
import { patchUnits } from '../../src/snapshot/delta.js';
import {
  aarhusCardiology,
  aarhusCardiologyWard,
  gpPractice,
  koege,
  numberedCopies,
  rigshospitalet,
  SMALL_REGISTER,
} from '../fixtures/small-register.js';
import { dataAnswers, shaksOf } from './data-answers.js';

const BEFORE = { id: 'v1', sourceDate: '2026-11-01' };
const AFTER = { id: 'v2', sourceDate: '2026-11-02' };

// 2,500 wards: above the size up to which a delta simply rebuilds.
const wards = numberedCopies(
  aarhusCardiologyWard,
  { shak: null, ean: null },
  { from: 800000, name: 'Afsnit' },
);
const LARGE = [...SMALL_REGISTER, ...wards];

function delta(base: readonly SorUnit[]) {
  const renamed = { ...rigshospitalet, name: 'Blegdamsvej Universitetshospital' };
  const moved = { ...base[base.length - 1], parentCode: koege.sorCode, name: 'Flyttet afsnit' };
  return { upserts: [renamed, moved], removed: [gpPractice.sorCode], count: base.length - 1 };
}

describe('PatchedData (a snapshot made by a delta)', () => {
  it('rebuilds a small register instead of patching it', () => {
    const previous = new ListData(SMALL_REGISTER, BEFORE);
    const patched = patchUnits(SMALL_REGISTER, delta(SMALL_REGISTER), (code) => previous.get(code));
    expect(dataAfterDelta(previous, patched.units, patched, AFTER)).to.be.instanceOf(ListData);
  });

  it('answers at once as the new units built from scratch do, and still after its own build', async () => {
    const previous = new ListData(LARGE, BEFORE);
    const patched = patchUnits(LARGE, delta(LARGE), (code) => previous.get(code));
    const data = dataAfterDelta(previous, patched.units, patched, AFTER);
    expect(data).to.be.instanceOf(PatchedData);
    const fresh = new ListData(patched.units, AFTER);
    const probe = [rigshospitalet, koege, gpPractice, aarhusCardiology, wards[0], wards[wards.length - 1]];
    const shaks = shaksOf(SMALL_REGISTER);
    const expected = dataAnswers(fresh, probe, shaks);
    expect(dataAnswers(data, probe, shaks)).to.deep.equal(expected);
    expect(data.isSearchReady).to.equal(false);
    await data.searchReady;
    expect(data.isSearchReady).to.equal(true);
    expect(dataAnswers(data, probe, shaks)).to.deep.equal(expected);
  });

  it('answers early name searches from the previous names, patched, as fresh names would', () => {
    const previous = new ListData(LARGE, BEFORE);
    const patched = patchUnits(LARGE, delta(LARGE), (code) => previous.get(code));
    const data = dataAfterDelta(previous, patched.units, patched, AFTER);
    const fresh = new ListData(patched.units, AFTER);
    const request = { limit: 5, asOf: '2026-11-26' };
    const found = (from: typeof data, query: string) =>
      from.searchEarly(query, request).map((hit) => hit.unit.sorCode);
    expect(found(data, 'Blegdamsvej')).to.deep.equal([rigshospitalet.sorCode]);
    expect(found(data, 'Rigshospitalet')).to.deep.equal([]);
    expect(found(data, 'Lægerne')).to.not.include(gpPractice.sorCode);
    for (const query of ['Blegdamsvej', 'Lægerne', 'Flyttet afsnit', 'Køge'])
      expect(found(data, query), query).to.deep.equal(found(fresh, query));
  });
});
