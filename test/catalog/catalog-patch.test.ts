import { expect } from '@open-wc/testing';
import { SorCatalog } from '../../src/catalog/catalog.js';
import type { SorUnit } from '../../src/model/types.js';
import { patchUnits } from '../../src/snapshot/delta.js';
import {
  aarhusCardiology,
  aarhusCardiologyWard,
  gpPractice,
  koege,
  numberedCopies,
  rigshospitalet,
  shakSharedA,
  SMALL_REGISTER,
  SMALL_REGISTER_INFO,
} from '../fixtures/small-register.js';

// Above 2,000 units, so the catalog patches instead of rebuilding and indexes in the background.
const wards = numberedCopies(aarhusCardiologyWard, { shak: null, ean: null });
const BASE = [...SMALL_REGISTER, ...wards];
const NEXT = { snapshotId: 'patched-v2', sourceDate: '2026-11-02' };

const renamed = { ...rigshospitalet, name: 'Blegdamsvej Universitetshospital' };
const moved = { ...wards[7], parentCode: koege.sorCode, name: 'Flyttet sengeafsnit' };
const added: SorUnit = { ...wards[0], sorCode: '9991000016003', name: 'Nyoprettet modtagelse' };
const delta = {
  upserts: [renamed, moved, added],
  removed: [gpPractice.sorCode, wards[3].sorCode],
  count: BASE.length + 1 - 2,
};

const codesOf = (units: readonly SorUnit[]) => units.map((unit) => unit.sorCode);

// Everything a reader can ask, for comparing a patched catalog with one built from scratch.
function answers(catalog: SorCatalog) {
  const probe = [renamed, moved, added, koege, aarhusCardiology, wards[3], gpPractice, shakSharedA];
  return {
    snapshot: catalog.snapshot,
    size: catalog.size,
    get: probe.map((unit) => catalog.get(unit.sorCode) ?? null),
    children: [null, koege.sorCode, aarhusCardiology.sorCode, rigshospitalet.sorCode, gpPractice.sorCode].map(
      (code) => codesOf(catalog.children(code)),
    ),
    ancestors: probe.map((unit) => codesOf(catalog.ancestors(unit.sorCode))),
    byShak: codesOf(catalog.byShak(shakSharedA.shak!)),
  };
}

describe('SorCatalog.applyChanges (a delta patched in, not rebuilt)', () => {
  it('answers exactly as a catalog built from the new units, before and after its own index is built', async () => {
    const live = SorCatalog.fromUnits(BASE, SMALL_REGISTER_INFO);
    const seen: string[] = [];
    live.addEventListener('sor-catalog-change', (event) => seen.push(event.snapshot.id));
    const patched = patchUnits(BASE, delta, (code) => live.get(code));
    const fresh = SorCatalog.fromUnits(patched.units, NEXT);

    live.applyChanges(patched.units, patched, NEXT);
    expect(seen).to.deep.equal([NEXT.snapshotId]);
    expect(answers(live)).to.deep.equal(answers(fresh));
    // Visible in search at once: names that start with the query words.
    expect((await live.search('blegdamsvej'))[0].unit).to.equal(renamed);
    expect((await live.search('nyoprettet'))[0].unit).to.equal(added);
    expect((await live.search('rigshospitalet')).map((hit) => hit.unit.sorCode)).not.to.include(
      rigshospitalet.sorCode,
    );

    // A typo only the full index answers: this waits for it, then every answer is the same again.
    const typo = await live.search('blegdamsvj universitetshospital');
    expect(typo.map((hit) => hit.unit.sorCode)).to.deep.equal(
      (await fresh.search('blegdamsvj universitetshospital')).map((hit) => hit.unit.sorCode),
    );
    expect(answers(live)).to.deep.equal(answers(fresh));
    for (const query of ['sengeafsnit 12', 'flyttet', 'køge', aarhusCardiologyWard.sorCode]) {
      expect(codesOf((await live.search(query)).map((hit) => hit.unit)), query).to.deep.equal(
        codesOf((await fresh.search(query)).map((hit) => hit.unit)),
      );
    }
  });

  it('patches a patched catalog (two deltas before the first rebuild finished)', async () => {
    const live = SorCatalog.fromUnits(BASE, SMALL_REGISTER_INFO);
    const first = patchUnits(BASE, delta, (code) => live.get(code));
    live.applyChanges(first.units, first, NEXT);
    const again = { ...koege, name: 'Køge Sygehus' };
    const second = patchUnits(
      first.units,
      { upserts: [again], removed: [added.sorCode], count: first.units.length - 1 },
      (code) => live.get(code),
    );
    live.applyChanges(second.units, second, { ...NEXT, snapshotId: 'patched-v3' });
    const fresh = SorCatalog.fromUnits(second.units, { ...NEXT, snapshotId: 'patched-v3' });
    expect(answers(live)).to.deep.equal(answers(fresh));
    expect(live.get(added.sorCode)).to.equal(undefined);
    expect((await live.search('køge sygehus'))[0].unit).to.equal(again);
  });
});
