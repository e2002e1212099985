import { expect } from '@open-wc/testing';
import { SorCatalog } from '../../src/catalog/catalog.js';
import { ID27_LEVEL_NAMES, isKnownLevel, levelRank } from '../../src/model/id27.js';
import type { SorSelection, SorUnit } from '../../src/model/types.js';
import { clonedRegister } from '../fixtures/cloned-register.js';
import { SMALL_REGISTER_INFO } from '../fixtures/small-register.js';

// Generated data: the small register's institutions cloned 12 times, with varied shapes (see
// cloned-register.ts): intermediate levels present or absent, unlevelled units mid-chain,
// retired units with and without successors.
const units = clonedRegister({ copies: 12 });
const catalog = SorCatalog.fromUnits(units, SMALL_REGISTER_INFO);
const byCode = new Map(units.map((unit) => [unit.sorCode, unit]));
const AS_OF = '2026-11-26';

// The brute force: walk up the parents one by one; the first (nearest) unit of each level wins.
function bruteForceChain(unit: SorUnit): {
  levels: SorSelection['levels'];
  clinicalUnit: string | null;
} {
  const levels: SorSelection['levels'] = {};
  let clinicalUnit: string | null = null;
  for (
    let step: SorUnit | undefined = unit;
    step;
    step = step.parentCode ? byCode.get(step.parentCode) : undefined
  ) {
    if (!step.level) continue;
    clinicalUnit ??= step.sorCode;
    const name = step.level.name;
    if (isKnownLevel(name) && !levels[name]) levels[name] = { sorCode: step.sorCode, name: step.name };
  }
  return { levels, clinicalUnit };
}

describe('the ID27 level chain on generated data', () => {
  it('has generated enough varied data to mean something', () => {
    expect(units.length).to.be.greaterThan(500);
    for (const level of ID27_LEVEL_NAMES) {
      expect(units.filter((unit) => unit.level?.name === level).length, level).to.be.greaterThan(5);
    }
    expect(units.filter((unit) => unit.kind === 'OE' && unit.level === null).length).to.be.greaterThan(20);
  });

  it('equals a brute-force walk up the parents, for every unit', () => {
    for (const unit of units) {
      const selection = catalog.select(unit.sorCode, { asOf: AS_OF });
      const expected = bruteForceChain(unit);
      expect(selection.levels, unit.name).to.deep.equal(expected.levels);
      expect(selection.clinicalUnit?.sorCode ?? null, unit.name).to.equal(expected.clinicalUnit);
      expect(selection.level, unit.name).to.deep.equal(unit.level);
    }
  });

  it('gives a unit at each of the six levels itself at that level and no level below it', () => {
    for (const level of ID27_LEVEL_NAMES) {
      for (const unit of units.filter((u) => u.level?.name === level)) {
        const selection = catalog.select(unit.sorCode, { asOf: AS_OF });
        expect(selection.levels[level]?.sorCode, unit.name).to.equal(unit.sorCode);
        expect(selection.clinicalUnit?.sorCode).to.equal(unit.sorCode);
        for (const name of Object.keys(selection.levels)) {
          expect(levelRank(name), `${unit.name}: ${name} under ${level}`).to.be.at.most(levelRank(level));
        }
        // Hospital is always above a levelled unit of a hospital in this data.
        expect(selection.levels.Hospital, unit.name).not.to.equal(undefined);
      }
    }
  });

  it('leaves out an intermediate level where the path has none, without guessing', () => {
    const withArea = units.find((u) => u.name === 'Hjertesygdomme, sengeafsnit 2')!;
    const withoutArea = units.find((u) => u.name === 'Hjertesygdomme, sengeafsnit 3')!;
    expect(Object.keys(catalog.select(withArea.sorCode).levels)).to.include('Hospitalsområde');
    const levels = catalog.select(withoutArea.sorCode).levels;
    expect(levels).not.to.have.property('Hospitalsområde');
    expect(Object.keys(levels)).to.have.members(['Hospital', 'Center', 'Overafdeling', 'Afdeling', 'Afsnit']);
    // Plain hospitals have no intermediate levels at all.
    const plain = catalog.select(units.find((u) => u.name === 'Kardiologisk sengeafs. B1 5')!.sorCode);
    expect(Object.keys(plain.levels)).to.have.members(['Hospital', 'Afdeling', 'Afsnit']);
  });

  it('gives a unit without a level no level of its own, and the nearest levelled unit as clinical unit', () => {
    const unlevelled = units.filter((u) => u.name.startsWith('Klinisk forskningsenhed'));
    expect(unlevelled.length).to.equal(12);
    for (const unit of unlevelled) {
      const selection = catalog.select(unit.sorCode);
      expect(selection.level).to.equal(null);
      expect(selection.clinicalUnit?.name).to.match(/^Akutafdelingen/);
      expect(selection.levels).not.to.have.property('Afsnit');
    }
    // Owners and municipal institutions have no level anywhere on their path.
    for (const unit of units.filter((u) => u.kind === 'IE')) {
      const selection = catalog.select(unit.sorCode);
      expect(selection.levels).to.deep.equal({});
      expect(selection.clinicalUnit).to.equal(null);
    }
  });

  it('never reads a level from a SHAK code', () => {
    const department = units.find((u) => u.name === 'Hjertesygdomme 2')!;
    const stripped = units.map((u) => (u.sorCode === department.sorCode ? { ...u, level: null } : u));
    const local = SorCatalog.fromUnits(stripped, SMALL_REGISTER_INFO);
    const ward = units.find((u) => u.name === 'Hjertesygdomme, sengeafsnit 2')!;
    expect(department.shak).to.have.length(6);
    expect(local.select(ward.sorCode).levels).not.to.have.property('Afdeling');
    expect(local.select(department.sorCode).level).to.equal(null);
  });

  it('marks retired units retired, with and without successors', () => {
    const withSuccessor = units.filter((u) => u.name.startsWith('Medicinsk sengeafsnit M2') && u.validTo);
    const withoutSuccessor = units.filter((u) => u.validTo && u.replacedBy.length === 0);
    expect(withSuccessor.length).to.equal(12);
    expect(withoutSuccessor.length).to.equal(3); // copies 4, 8 and 12
    for (const unit of withSuccessor) {
      const selection = catalog.select(unit.sorCode, { asOf: AS_OF });
      expect(selection.retired).to.equal(true);
      expect(selection.replacedBy).to.have.length(1);
      expect(byCode.get(selection.replacedBy[0])!.name).to.match(/^Medicinsk sengeafsnit M2-M3/);
      // Valid before it closed.
      expect(catalog.select(unit.sorCode, { asOf: '2020-01-01' }).retired).to.equal(false);
    }
    for (const unit of withoutSuccessor) {
      const selection = catalog.select(unit.sorCode, { asOf: AS_OF });
      expect(selection.retired).to.equal(true);
      expect(selection.replacedBy).to.deep.equal([]);
    }
  });
});
