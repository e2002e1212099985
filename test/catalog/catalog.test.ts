import { expect } from '@open-wc/testing';
import { SorCatalog } from '../../src/catalog/catalog.js';
import { SorCatalogError } from '../../src/catalog/errors.js';
import type { SorUnit } from '../../src/model/types.js';
import {
  aarhusCardiologyWard,
  gpPractice,
  koege,
  koegeRetired,
  koegeSuccessor,
  rigshospitalet,
  shakSharedA,
  SMALL_REGISTER,
  SMALL_REGISTER_INFO,
  unitNamed,
} from '../fixtures/small-register.js';

const catalog = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);
const names = (hits: { unit: SorUnit }[]) => hits.map((hit) => hit.unit.name);

describe('SorCatalog search', () => {
  it('lists Rigshospitalet first for "rigshosp"', async () => {
    const hits = await catalog.search('rigshosp');
    expect(hits[0].unit.sorCode).to.equal(rigshospitalet.sorCode);
    expect(hits[0].matchedBy).to.equal('name');
    expect(hits[0].ranges).to.deep.equal([[0, 8]]);
  });

  it('finds Køge for "koge", "Koege" and "køge" alike, highlighting the original letters', async () => {
    for (const query of ['koge', 'Koege', 'køge']) {
      const hits = await catalog.search(query);
      expect(names(hits), query).to.include(koege.name);
      const hit = hits.find((h) => h.unit.sorCode === koege.sorCode)!;
      expect(
        hit.ranges.map(([s, e]) => koege.name.slice(s, e)),
        query,
      ).to.deep.equal(['Køge']);
    }
  });

  it('tolerates a typo', async () => {
    const hits = await catalog.search('rigshospitalt');
    expect(hits[0].unit.name).to.equal('Rigshospitalet');
  });

  it('ranks an exact SOR code, SHAK or EAN match first', async () => {
    const ward = await catalog.search(aarhusCardiologyWard.sorCode);
    expect(ward[0].unit.sorCode).to.equal(aarhusCardiologyWard.sorCode);
    expect(ward[0].matchedBy).to.equal('sorCode');
    expect(ward[0].score).to.equal(0);

    const shak = await catalog.search('6620011');
    expect(shak[0].unit.sorCode).to.equal(aarhusCardiologyWard.sorCode);
    expect(shak[0].matchedBy).to.equal('shak');

    const ean = await catalog.search(gpPractice.ean!);
    expect(ean[0].unit.sorCode).to.equal(gpPractice.sorCode);
    expect(ean[0].matchedBy).to.equal('ean');
  });

  it('finds a GP by ydernummer', async () => {
    const hits = await catalog.search('045678');
    expect(hits[0].unit.sorCode).to.equal(gpPractice.sorCode);
    expect(hits[0].matchedBy).to.equal('providerNumber');
  });

  it('applies the filter before the limit', async () => {
    const hits = await catalog.search('akut', { limit: 2, filter: { kinds: ['OE'], levels: ['Afsnit'] } });
    expect(hits.length).to.be.greaterThan(0);
    for (const hit of hits) expect(hit.unit.level?.name).to.equal('Afsnit');
    const inAarhus = await catalog.search('akut', {
      filter: { within: unitNamed('Aarhus Universitetshospital').sorCode },
    });
    expect(names(inAarhus)).to.include('Akutafdelingen');
    for (const hit of inAarhus) {
      expect(catalog.ancestors(hit.unit.sorCode).map((a) => a.name)).to.include(
        'Aarhus Universitetshospital',
      );
    }
    const inNorth = await catalog.search('kardiologisk', { filter: { regionCodes: ['1081'] } });
    expect(names(inNorth)).to.deep.equal(['Kardiologisk Afdeling', 'Kardiologisk sengeafsnit']);
  });

  it('hides retired units unless asked, and then ranks them below active ones', async () => {
    const active = await catalog.search('sengeafsnit M2', { filter: { asOf: '2026-11-26' } });
    expect(names(active)).to.not.include(koegeRetired.name);
    const all = await catalog.search('Medicinsk sengeafsnit M2', {
      filter: { includeRetired: true, asOf: '2026-11-26' },
    });
    expect(names(all).indexOf(koegeSuccessor.name)).to.be.lessThan(names(all).indexOf(koegeRetired.name));
    const before = await catalog.search('sengeafsnit M2', { filter: { asOf: '2020-01-01' } });
    expect(names(before)).to.include(koegeRetired.name);
    expect(names(before)).to.not.include(koegeSuccessor.name);
  });

  it('stops a search whose signal was aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let error: unknown;
    await catalog.search('akut', { signal: controller.signal }).catch((e: unknown) => (error = e));
    expect((error as DOMException).name).to.equal('AbortError');
  });
});

describe('SorCatalog hierarchy and lookups', () => {
  it('answers get, children and ancestors', () => {
    expect(catalog.get(rigshospitalet.sorCode)?.name).to.equal('Rigshospitalet');
    expect(catalog.get('99999991000016000')).to.equal(undefined);
    const owners = catalog.children(null);
    expect(owners.every((unit) => unit.kind === 'IE')).to.equal(true);
    expect(owners.map((unit) => unit.name)).to.include.members(['Region Hovedstaden', 'Køge Kommune']);
    // Danish collation: Æ Ø Å sort after Z.
    const ownerNames = owners.map((unit) => unit.name);
    expect(ownerNames.indexOf('Svane Apotek Aalborg')).to.be.lessThan(
      ownerNames.indexOf('Køge Kommune') + 100,
    );
    expect(catalog.children(rigshospitalet.sorCode).map((u) => u.name)).to.include('Akutafdelingen');
    expect(catalog.ancestors(aarhusCardiologyWard.sorCode).map((u) => u.kind)).to.deep.equal([
      'IE',
      'SI',
      'OE',
      'OE',
      'OE',
      'OE',
    ]);
  });

  it('returns every unit carrying a SHAK code, active and level-matching first', () => {
    // 1301011 sits on two units: the section SHAK expects (Afsnit) and a day unit carrying it too.
    const shared = catalog.byShak('1301011');
    expect(shared.length).to.equal(2);
    expect(shared.map((unit) => unit.sorCode)).to.include(shakSharedA.sorCode);
    const m2 = catalog.byShak('3800012', '2026-11-26');
    expect(m2.map((unit) => unit.sorCode)).to.deep.equal([koegeSuccessor.sorCode, koegeRetired.sorCode]);
    expect(catalog.byShak('0000')).to.deep.equal([]);
  });

  it('selects an afsnit with its Afdeling and Hospital in the level chain', () => {
    const selection = catalog.select(unitNamed('Kardiologisk sengeafs. B1').sorCode);
    expect(selection.levels.Afdeling?.name).to.equal('Kardiologisk afdeling B');
    expect(selection.levels.Hospital?.name).to.equal('Odense Universitetshospital');
    expect(selection.identifier.system).to.equal('urn:oid:1.2.208.176.1.1');
    expect(selection.snapshot.id).to.equal('small-register-v1');
  });

  it('throws a SorCatalogError naming the code when selecting an unknown code', () => {
    expect(() => catalog.select('99999991000016000'))
      .to.throw(SorCatalogError, 'No unit with SOR code 99999991000016000')
      .with.property('code', 'unknown-code');
  });

  it('refuses a snapshot with a duplicate code or a missing parent, saying which', () => {
    const duplicate = [...SMALL_REGISTER, { ...gpPractice }];
    expect(() => SorCatalog.fromUnits(duplicate, SMALL_REGISTER_INFO)).to.throw(
      SorCatalogError,
      gpPractice.sorCode,
    );
    const orphan = [...SMALL_REGISTER, { ...gpPractice, sorCode: '91000016008', parentCode: '81000016004' }];
    expect(() => SorCatalog.fromUnits(orphan, SMALL_REGISTER_INFO)).to.throw(
      SorCatalogError,
      'names parent 81000016004',
    );
  });

  it('tells listeners when its snapshot is replaced, and answers from the new one', async () => {
    const live = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);
    const seen: string[] = [];
    live.addEventListener('sor-catalog-change', (event) => seen.push(event.snapshot.id));
    const renamed = SMALL_REGISTER.map((unit) =>
      unit.sorCode === rigshospitalet.sorCode ? { ...unit, name: 'Rigshospitalet (Blegdamsvej)' } : unit,
    );
    live.replaceUnits(renamed, { snapshotId: 'next', sourceDate: '2026-11-02' });
    expect(seen).to.deep.equal(['next']);
    expect((await live.search('rigshosp'))[0].unit.name).to.equal('Rigshospitalet (Blegdamsvej)');
    expect(live.select(rigshospitalet.sorCode).snapshot.id).to.equal('next');
  });
});

describe('SorCatalog index readiness', () => {
  it('fires sor-index-ready once the full index of the data answering now is built, not for replaced data', async () => {
    const live = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);
    const seen: string[] = [];
    live.addEventListener('sor-index-ready', (event) => seen.push(event.detail.snapshot.id));
    // Replaced before its index could report: only the new snapshot's readiness is announced.
    live.replaceUnits(SMALL_REGISTER, { snapshotId: 'next', sourceDate: '2026-11-02' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).to.deep.equal(['next']);
  });
});
