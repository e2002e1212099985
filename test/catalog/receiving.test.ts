// What the addressing mode of the components asks of the catalog: `addressingProblem` (cheap, row
// by row) and the search filter `receiving` (applied before the limit, on every path a search takes).
import { expect } from '@open-wc/testing';
import { SorCatalog } from '../../src/catalog/catalog.js';
import { SorCatalogError } from '../../src/catalog/errors.js';
import type { SorUnit } from '../../src/model/types.js';
import { CompiledFilter, type FilterPositions } from '../../src/search/filter.js';
import { clonedRegister } from '../fixtures/cloned-register.js';
import {
  SMALL_REGISTER,
  SMALL_REGISTER_INFO,
  aarhus,
  aarhusCardiology,
  aarhusCardiologyWard,
  aarhusEmergency,
  gpPractice,
  unitNamed,
} from '../fixtures/small-register.js';

const AS_OF = '2026-11-26';
const reasonOf = (catalog: SorCatalog, unit: SorUnit, asOf = AS_OF) => {
  const result = catalog.addressOf(unit.sorCode, asOf);
  return result.ok ? null : result.reason;
};

describe('SorCatalog: which units can receive MedCom messages', () => {
  const catalog = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);

  it('addressingProblem gives the reason addressOf gives, for every unit and on other days', () => {
    const reasons = new Set<string | null>();
    for (const unit of SMALL_REGISTER) {
      for (const asOf of [AS_OF, '2011-06-01']) {
        expect(catalog.addressingProblem(unit.sorCode, asOf), `${unit.name} on ${asOf}`).to.equal(
          reasonOf(catalog, unit, asOf),
        );
        reasons.add(catalog.addressingProblem(unit.sorCode, asOf));
      }
    }
    // The small register holds every state but a snapshot without EDI data.
    expect([...reasons].sort()).to.deep.equal(['inactive', 'internal-only', 'no-ean', null].sort());
    const bare = SorCatalog.fromUnits(
      SMALL_REGISTER.map((unit) => ({ ...unit, eanEntity: null })),
      SMALL_REGISTER_INFO,
    );
    expect(bare.addressingProblem(aarhusCardiologyWard.sorCode, AS_OF)).to.equal('no-edi-data');
    expect(() => catalog.addressingProblem('99999999')).to.throw(SorCatalogError, /No unit with SOR code/);
  });

  it('search with `receiving` leaves out units that cannot receive, before the limit', async () => {
    const all = await catalog.search('akutafdelingen', { limit: 20, filter: { asOf: AS_OF } });
    expect(all.map((hit) => hit.unit.sorCode)).to.include(aarhusEmergency.sorCode);
    const receiving = await catalog.search('akutafdelingen', {
      limit: 20,
      filter: { asOf: AS_OF, receiving: true },
    });
    expect(receiving.length).to.be.greaterThan(1);
    for (const hit of receiving) expect(reasonOf(catalog, hit.unit), hit.unit.name).to.equal(null);
    expect(
      all.filter((hit) => reasonOf(catalog, hit.unit) === null).map((hit) => hit.unit.sorCode),
    ).to.deep.equal(receiving.map((hit) => hit.unit.sorCode));
    // Heirs of an active EAN are in, so the ancestors were found; the limit counts receivers only.
    const two = await catalog.search('sengeafsnit', { limit: 2, filter: { asOf: AS_OF, receiving: true } });
    expect(two).to.have.length(2);
    expect(two.every((hit) => hit.unit.eanInherited && reasonOf(catalog, hit.unit) === null)).to.equal(true);
    // Codes too: the inactive EAN's owner is not found by its EAN.
    expect(
      await catalog.search(aarhusEmergency.ean!, { filter: { asOf: AS_OF, receiving: true } }),
    ).to.deep.equal([]);
    const own = await catalog.search(gpPractice.ean!, { filter: { asOf: AS_OF, receiving: true } });
    expect(own.map((hit) => hit.unit.sorCode)).to.deep.equal([gpPractice.sorCode]);
  });

  it('the early answers, before the name index is built, are filtered alike', async () => {
    // Above 2,000 units the name index is built in slices: the first search is answered early.
    const units = clonedRegister({ copies: 40 });
    expect(units.length).to.be.greaterThan(2000);
    const large = SorCatalog.fromUnits(units, SMALL_REGISTER_INFO);
    const filter = { asOf: AS_OF, receiving: true };
    const early = await large.search('akutafdelingen', { limit: 500, filter });
    const names = early.map((hit) => hit.unit.name);
    // An heir of an active EAN is in (its owner found by code), the inactive Akutafdelingen is not.
    expect(names).to.include('Akutafdelingen, sengeafsnit FAM');
    for (const hit of early) expect(reasonOf(large, hit.unit), hit.unit.name).to.equal(null);
    const plain = await large.search('akutafdelingen', { limit: 500, filter: { asOf: AS_OF } });
    expect(plain.length).to.be.greaterThan(early.length);
    // A typo cannot be answered early: the catalog waits for the full index, which then answers.
    await large.search('akutafdelingn', { filter });
    const indexed = await large.search('akutafdelingen', { limit: 500, filter });
    for (const hit of indexed) expect(reasonOf(large, hit.unit), hit.unit.name).to.equal(null);
    expect(indexed.map((hit) => hit.unit.name)).to.include('Akutafdelingen, sengeafsnit FAM');
  });

  it('CompiledFilter judges by position with the code lookup it is given', () => {
    const byCode = new Map(SMALL_REGISTER.map((unit) => [unit.sorCode, unit]));
    const positions: FilterPositions = {
      units: [
        aarhus,
        aarhusCardiology,
        aarhusCardiologyWard,
        aarhusEmergency,
        unitNamed('Region Midtjylland'),
      ],
      end: Int32Array.from([4, 3, 3, 4, 5]),
      regionOf: [null, null, null, null, null],
      ownerTypeOf: [null, null, null, null, null],
    };
    const filter = new CompiledFilter({ receiving: true }, AS_OF, { get: (code) => byCode.get(code) });
    expect([0, 1, 2, 3, 4].map((pos) => filter.acceptsAt(positions, pos, -1))).to.deep.equal([
      true,
      true,
      true,
      false,
      false,
    ]);
    // Without a lookup an inherited EAN has no owner to be found: no EDI data, not received.
    expect(new CompiledFilter({ receiving: true }, AS_OF).acceptsAt(positions, 2, -1)).to.equal(false);
    expect(new CompiledFilter({}, AS_OF).acceptsAt(positions, 3, -1)).to.equal(true);
  });
});
