// A catalog over a source that makes units on demand (as a stored unit table does): it answers
// before the units are made, makes only what it is asked for, and answers as a catalog over the
// same units given as a list does.
import { expect } from '@open-wc/testing';
import { SorCatalog } from '../../src/catalog/catalog.js';
import type { SorUnit } from '../../src/model/types.js';
import { unitsSource, type NameTable, type UnitSource } from '../../src/search/types.js';
import { SMALL_REGISTER, SMALL_REGISTER_INFO, rigshospitalet } from '../fixtures/small-register.js';

function lazySource(units: readonly SorUnit[]): { source: UnitSource; made: Set<number> } {
  const made = new Set<number>();
  const plain = unitsSource(units);
  const position = new Map(units.map((unit, i) => [unit.sorCode, i]));
  return {
    made,
    source: {
      ...plain,
      parentAt: (i) => (units[i].parentCode === null ? -1 : position.get(units[i].parentCode!)!),
      unitAt: (i) => {
        made.add(i);
        return units[i];
      },
      all: () => {
        units.forEach((_, i) => made.add(i));
        return units;
      },
      *allInSteps() {
        yield;
        units.forEach((_, i) => made.add(i));
        return units;
      },
    },
  };
}

function namesOf(units: readonly SorUnit[]): NameTable {
  const names = [...new Set(units.map((unit) => unit.name))];
  return { names, nameIds: Int32Array.from(units, (unit) => names.indexOf(unit.name)) };
}

describe('SorCatalog over units made on demand', () => {
  const listed = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);

  function lazyCatalog(): { catalog: SorCatalog; made: Set<number>; indexed: Promise<unknown> } {
    const { source, made } = lazySource(SMALL_REGISTER);
    const catalog = new SorCatalog();
    // Listening before the data arrives: the full index is built in a later task.
    const indexed = new Promise((resolve) =>
      catalog.addEventListener('sor-index-ready', resolve, { once: true }),
    );
    catalog.replaceFromSource(source, { ...SMALL_REGISTER_INFO, names: namesOf(SMALL_REGISTER) });
    return { catalog, made, indexed };
  }

  it('answers get, ancestors and children by position, making only those units', () => {
    const { catalog, made } = lazyCatalog();
    expect(catalog.size).to.equal(SMALL_REGISTER.length);
    expect(made.size).to.equal(0);
    expect(catalog.get(rigshospitalet.sorCode)).to.equal(rigshospitalet);
    expect(catalog.ancestors(rigshospitalet.sorCode)).to.deep.equal(listed.ancestors(rigshospitalet.sorCode));
    const owners = catalog.children(null);
    expect(owners).to.deep.equal(listed.children(null));
    expect(catalog.hasChild(owners[0].sorCode)).to.equal(true);
    expect(made.size).to.be.below(SMALL_REGISTER.length);
    for (const owner of owners) {
      expect(catalog.children(owner.sorCode)).to.deep.equal(listed.children(owner.sorCode));
    }
  });

  it('answers a first name search before the units are made, then as the list-built catalog', async () => {
    const { catalog, made, indexed } = lazyCatalog();
    const early = await catalog.search('rigshosp');
    expect(early[0].unit).to.equal(rigshospitalet);
    expect(made.size).to.be.below(SMALL_REGISTER.length);
    await indexed;
    expect(made.size).to.equal(SMALL_REGISTER.length);
    for (const query of ['rigshosp', 'hjerte', 'kardiolgi', '252901']) {
      expect(await catalog.search(query), query).to.deep.equal(await listed.search(query));
    }
    expect(catalog.children(null)).to.deep.equal(listed.children(null));
  });
});
