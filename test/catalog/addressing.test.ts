import { expect } from '@open-wc/testing';
import { SorCatalog } from '../../src/catalog/catalog.js';
import { SorCatalogError } from '../../src/catalog/errors.js';
import type { SorUnit } from '../../src/model/types.js';
import { patchUnits } from '../../src/snapshot/delta.js';
import {
  SMALL_REGISTER,
  SMALL_REGISTER_INFO,
  aarhusCardiology,
  aarhusCardiologyWard,
  aarhusEmergency,
  gpPractice,
  koegeSundhed,
  numberedCopies,
  unitNamed,
} from '../fixtures/small-register.js';
import { SnapshotHost, buildSnapshot, uniqueDbName } from '../store/snapshot-host.js';

const AS_OF = '2026-11-26';
const names = (units: readonly SorUnit[]) => units.map((unit) => unit.name);

describe('SorCatalog addressing (MedCom)', () => {
  const catalog = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);

  it('addressOf gives the receiving EAN, its owner and whether it is inherited', () => {
    const own = catalog.addressOf(gpPractice.sorCode, AS_OF);
    expect(own.ok && own.addressing.ean).to.equal(gpPractice.ean);
    expect(own.ok && own.addressing.inherited).to.equal(false);
    const inherited = catalog.addressOf(aarhusCardiologyWard.sorCode, AS_OF);
    expect(inherited.ok && inherited.addressing.owner.sorCode).to.equal(aarhusCardiology.sorCode);
    expect(inherited.ok && inherited.addressing.inherited).to.equal(true);
  });

  it('addressOf says why a unit cannot receive', () => {
    const reason = (unit: SorUnit) => {
      const result = catalog.addressOf(unit.sorCode, AS_OF);
      return result.ok ? 'ok' : result.reason;
    };
    expect(reason(unitNamed('Region Sjælland'))).to.equal('no-ean');
    expect(reason(aarhusEmergency)).to.equal('inactive');
    expect(reason(koegeSundhed)).to.equal('internal-only');
    expect(() => catalog.addressOf('99999999')).to.throw(SorCatalogError, /No unit with SOR code 99999999/);
  });

  it('select carries the same addressing', () => {
    const selection = catalog.select(aarhusCardiologyWard.sorCode, { asOf: AS_OF });
    const result = catalog.addressOf(aarhusCardiologyWard.sorCode, AS_OF);
    expect(result.ok).to.equal(true);
    expect(selection.addressing).to.deep.equal(result.ok ? result.addressing : null);
    expect(catalog.select(koegeSundhed.sorCode).addressingProblem).to.equal('internal-only');
  });

  it('unitsReceivingAt finds the owner first, then the units inheriting its EAN (children by name)', () => {
    expect(names(catalog.unitsReceivingAt(` ${aarhusCardiology.ean} `))).to.deep.equal([
      'Hjertesygdomme',
      'Hjertesygdomme, amb.',
      'Hjertesygdomme, sengeafsnit',
    ]);
    expect(catalog.unitsReceivingAt('5790000000000')).to.deep.equal([]);
    expect(new SorCatalog().unitsReceivingAt(aarhusCardiology.ean!)).to.deep.equal([]);
  });

  it('answers alike after a delta is patched in, before and after its own indexes exist', async () => {
    // Above 2,000 units, so the catalog patches instead of rebuilding.
    const wards = numberedCopies(aarhusCardiologyWard, { ean: null, eanInherited: false });
    const base = [...SMALL_REGISTER, ...wards];
    const live = SorCatalog.fromUnits(base, SMALL_REGISTER_INFO);
    // A ward gets an EAN of its own; the municipality's EAN opens to everyone.
    const declaring: SorUnit = { ...wards[5], ean: '5790000555558', eanEntity: gpPractice.eanEntity };
    const opened: SorUnit = {
      ...koegeSundhed,
      eanEntity: { ...koegeSundhed.eanEntity!, onlyInternal: false },
    };
    const delta = { upserts: [declaring, opened], removed: [gpPractice.sorCode], count: base.length - 1 };
    const patched = patchUnits(base, delta, (code) => live.get(code));
    const next = { snapshotId: 'patched', sourceDate: '2026-11-02' };
    live.applyChanges(patched.units, patched, next);
    const fresh = SorCatalog.fromUnits(patched.units, next);
    const probe = (on: SorCatalog) => ({
      receiving: [declaring.ean!, gpPractice.ean!, aarhusCardiology.ean!].map((ean) =>
        names(on.unitsReceivingAt(ean)),
      ),
      address: [declaring, koegeSundhed, aarhusCardiologyWard].map((unit) =>
        on.addressOf(unit.sorCode, AS_OF),
      ),
    });
    expect(probe(live)).to.deep.equal(probe(fresh));
    expect(probe(live).receiving[0]).to.deep.equal(['Sengeafsnit 5']);
    expect(probe(live).receiving[1]).to.deep.equal([]);
    expect(probe(live).address[1].ok).to.equal(true);
    await live.search('sengeafsnit');
    expect(probe(live)).to.deep.equal(probe(fresh));
  });

  it('a catalog synced into IndexedDB, and reopened from it, answers the same', async () => {
    const host = new SnapshotHost();
    host.publish(await buildSnapshot(SMALL_REGISTER, '2026-11-01'));
    const dbName = uniqueDbName();
    const open = () => SorCatalog.open({ src: host.manifestUrl, dbName, fetch: host.fetch });
    const synced = open();
    try {
      await synced.sync();
      const expected = [aarhusCardiologyWard, aarhusEmergency, koegeSundhed].map((unit) =>
        catalog.addressOf(unit.sorCode, AS_OF),
      );
      const answers = (on: SorCatalog) =>
        [aarhusCardiologyWard, aarhusEmergency, koegeSundhed].map((unit) =>
          on.addressOf(unit.sorCode, AS_OF),
        );
      expect(answers(synced)).to.deep.equal(expected);
      // Read back from the database (its stored table or files: the store tests check both ways).
      const reopened = open();
      await reopened.ready;
      expect(answers(reopened)).to.deep.equal(expected);
    } finally {
      await synced.clear();
    }
  });
});
