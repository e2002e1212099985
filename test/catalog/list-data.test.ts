import { expect } from '@open-wc/testing';
import { SorCatalogError } from '../../src/catalog/errors.js';
import { ListData, namesDescribe } from '../../src/catalog/list-data.js';
import type { SorUnit } from '../../src/model/types.js';
import {
  aarhusCardiology,
  koege,
  rigshospitalet,
  shakSharedA,
  SMALL_REGISTER,
  smallRegisterAncestors,
} from '../fixtures/small-register.js';

const INFO = { id: 'list-v1', sourceDate: '2026-11-01' };
const request = { limit: 10, asOf: '2026-11-26' };

function nameTable(units: readonly SorUnit[]) {
  const names = [...new Set(units.map((unit) => unit.name))];
  return { names, nameIds: Int32Array.from(units, (unit) => names.indexOf(unit.name)) };
}

describe('ListData (units given as a list)', () => {
  it('refuses a repeated code and a missing parent, naming the unit and the snapshot', () => {
    expect(() => new ListData([...SMALL_REGISTER, koege], INFO))
      .to.throw(SorCatalogError, `Snapshot list-v1: SOR code ${koege.sorCode} occurs more than once`)
      .with.property('code', 'duplicate-code');
    const orphan = { ...koege, sorCode: '9991000016003', parentCode: '1231000016009' };
    expect(() => new ListData([...SMALL_REGISTER, orphan], INFO))
      .to.throw(SorCatalogError, /unit 9991000016003 \(.*\) names parent 1231000016009/)
      .with.property('code', 'missing-parent');
  });

  it('answers lookups, sorted children and ancestors at once, before any background work', () => {
    const data = new ListData(SMALL_REGISTER, INFO);
    expect(data.get(rigshospitalet.sorCode)).to.equal(rigshospitalet);
    expect(data.ancestors(aarhusCardiology.sorCode)).to.deep.equal(smallRegisterAncestors(aarhusCardiology));
    const roots = data.children(null).map((unit) => unit.name);
    expect(roots).to.deep.equal([...roots].sort(new Intl.Collator('da').compare));
    expect(data.someChild(null, (unit) => unit.parentCode === null)).to.equal(true);
    expect(data.byShak(shakSharedA.shak!, '2026-11-26').map((unit) => unit.shak)).to.include(
      shakSharedA.shak,
    );
  });

  it('builds the search index in the background by default and answers searches once it is ready', async () => {
    const data = new ListData(SMALL_REGISTER, INFO);
    await data.searchReady;
    expect(data.isSearchReady).to.equal(true);
    expect(data.search('Rigshospitalet', request)[0].unit).to.equal(rigshospitalet);
  });

  it('on-first-search: builds nothing until a search asks, and refuses a full search meanwhile', async () => {
    const data = new ListData(SMALL_REGISTER, INFO, undefined, 'on-first-search');
    let built = false;
    void data.searchReady.then(() => (built = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(built).to.equal(false);
    expect(() => data.search('Rigshospitalet', request)).to.throw(SorCatalogError, 'not built yet');
    // Early answers come from the distinct names, collected on the spot.
    expect(data.searchEarly('Rigshospitalet', request).map((hit) => hit.unit)).to.include(rigshospitalet);
    data.startSearchIndex();
    await data.searchReady;
    expect(data.search('Rigshospitalet', request)[0].unit).to.equal(rigshospitalet);
  });

  it('uses a name table only when it describes the units', () => {
    const table = nameTable(SMALL_REGISTER);
    expect(namesDescribe(table, SMALL_REGISTER)).to.equal(true);
    expect(namesDescribe(table, SMALL_REGISTER.slice(1))).to.equal(false);
    const renamed = SMALL_REGISTER.map((unit) => (unit === koege ? { ...unit, name: 'Køge Sygehus' } : unit));
    expect(namesDescribe(table, renamed)).to.equal(false);
    // A table of other names is ignored: the early search finds the units' own names.
    const data = new ListData(renamed, INFO, table, 'on-first-search');
    expect(data.searchEarly('Køge Sygehus', request).map((hit) => hit.unit.sorCode)).to.include(
      koege.sorCode,
    );
  });
});
