import { expect } from '@open-wc/testing';
import type { SorUnit } from '../../src/model/types.js';
import { CompiledFilter, type FilterPositions } from '../../src/search/filter.js';
import {
  aarhus,
  aarhusCardiology,
  koegeRetired,
  koegeSuccessor,
  odense,
  SMALL_REGISTER,
  TYPE,
} from '../fixtures/small-register.js';

const byCode = new Map(SMALL_REGISTER.map((unit) => [unit.sorCode, unit]));
const codes = { get: (code: string) => byCode.get(code) };
const asOf = '2026-11-26';

// Three units laid out as an index would: a hospital (positions 0–2) with two units under it.
const positions: FilterPositions = {
  units: [aarhus, aarhusCardiology, { ...aarhusCardiology, sorCode: '11000016002', kind: 'OE' }],
  end: Int32Array.from([3, 2, 3]),
  regionOf: ['1082', '1082', null],
  ownerTypeOf: [TYPE.region, TYPE.region, TYPE.municipality],
};

describe('CompiledFilter', () => {
  it('accepts everything valid on the day when empty, and tells retired units', () => {
    const filter = new CompiledFilter({}, asOf);
    expect(filter.acceptsUnit(aarhus, codes)).to.equal(true);
    expect(filter.acceptsUnit(koegeRetired, codes)).to.equal(false);
    expect(filter.isRetired(koegeRetired)).to.equal(true);
    expect(filter.isRetired(koegeSuccessor)).to.equal(false);
    const notYet: SorUnit = { ...aarhus, validFrom: '2027-01-01' };
    expect(filter.acceptsUnit(notYet, codes)).to.equal(false);
  });

  it('takes retired units when asked, but never a unit not yet valid', () => {
    const filter = new CompiledFilter({ includeRetired: true }, asOf);
    expect(filter.acceptsUnit(koegeRetired, codes)).to.equal(true);
    expect(filter.acceptsUnit({ ...aarhus, validFrom: '2027-01-01' }, codes)).to.equal(false);
  });

  it('checks kind and level on the unit itself', () => {
    expect(new CompiledFilter({ kinds: ['SI'] }, asOf).acceptsUnit(aarhus, codes)).to.equal(true);
    expect(new CompiledFilter({ kinds: ['OE'] }, asOf).acceptsUnit(aarhus, codes)).to.equal(false);
    const departments = new CompiledFilter({ levels: ['Afdeling'] }, asOf);
    expect(departments.acceptsUnit(aarhusCardiology, codes)).to.equal(true);
    expect(departments.acceptsUnit(aarhus, codes)).to.equal(false);
  });

  it('walks the ancestors by code for subtree, region and owner type before the index exists', () => {
    const within = new CompiledFilter({ within: aarhus.sorCode }, asOf);
    expect(within.acceptsUnit(aarhusCardiology, codes)).to.equal(true);
    expect(within.acceptsUnit(odense, codes)).to.equal(false);
    expect(new CompiledFilter({ regionCodes: ['1082'] }, asOf).acceptsUnit(aarhusCardiology, codes)).to.equal(
      true,
    );
    expect(new CompiledFilter({ regionCodes: ['1083'] }, asOf).acceptsUnit(aarhusCardiology, codes)).to.equal(
      false,
    );
    expect(
      new CompiledFilter({ ownerTypes: [TYPE.region] }, asOf).acceptsUnit(aarhusCardiology, codes),
    ).to.equal(true);
    expect(new CompiledFilter({ ownerTypes: [TYPE.municipality] }, asOf).acceptsUnit(odense, codes)).to.equal(
      false,
    );
  });

  it('checks subtree, region and owner type by position from the index', () => {
    const within = new CompiledFilter({ within: aarhus.sorCode }, asOf);
    expect([0, 1, 2].map((pos) => within.acceptsAt(positions, pos, 0))).to.deep.equal([true, true, true]);
    expect(within.acceptsAt(positions, 2, 1)).to.equal(false);
    // `within` a code the index does not hold: nothing is inside it.
    expect(within.acceptsAt(positions, 0, -1)).to.equal(false);
    const region = new CompiledFilter({ regionCodes: ['1082'] }, asOf);
    expect([0, 1, 2].map((pos) => region.acceptsAt(positions, pos, -1))).to.deep.equal([true, true, false]);
    const owner = new CompiledFilter({ ownerTypes: [TYPE.municipality] }, asOf);
    expect([0, 1, 2].map((pos) => owner.acceptsAt(positions, pos, -1))).to.deep.equal([false, false, true]);
  });
});
