import { expect } from '@open-wc/testing';
import type { SorUnit } from '../../src/model/types.js';
import { applyDelta, patchUnits } from '../../src/snapshot/delta.js';
import { SnapshotFormatError } from '../../src/snapshot/errors.js';
import {
  aarhusCardiology,
  aarhusCardiologyWard,
  gpPractice,
  koege,
  rigshospitalet,
  SMALL_REGISTER,
} from '../fixtures/small-register.js';

const codes = (units: readonly SorUnit[]) => units.map((unit) => unit.sorCode).sort();
const renamed = { ...rigshospitalet, name: 'Rigshospitalet (Blegdamsvej)' };
const added: SorUnit = {
  ...aarhusCardiologyWard,
  sorCode: '9991000016003',
  name: 'Hjertesygdomme, nyt afsnit',
};

describe('patchUnits', () => {
  it('gives the units applyDelta gives, changed ones in place and new ones last', () => {
    const delta = {
      upserts: [renamed, added],
      removed: [gpPractice.sorCode],
      count: SMALL_REGISTER.length + 1 - 1,
    };
    const patched = patchUnits(SMALL_REGISTER, delta);
    expect(codes(patched.units)).to.deep.equal(codes(applyDelta(SMALL_REGISTER, delta)));
    const at = SMALL_REGISTER.findIndex((unit) => unit.sorCode === rigshospitalet.sorCode);
    expect(patched.units.indexOf(renamed)).to.equal(at);
    expect(patched.units[patched.units.length - 1]).to.equal(added);
    expect(patched.lookup(rigshospitalet.sorCode)).to.equal(renamed);
    expect(patched.lookup(gpPractice.sorCode)).to.equal(undefined);
    expect(patched.lookup(koege.sorCode)).to.equal(koege);
    expect([...patched.upserts.keys()]).to.deep.equal([renamed.sorCode, added.sorCode]);
    expect([...patched.removed]).to.deep.equal([gpPractice.sorCode]);
  });

  it('treats a unit removed and added back in one delta as changed', () => {
    const back = { ...koege, name: 'Køge (ny)' };
    const patched = patchUnits(SMALL_REGISTER, {
      upserts: [back],
      removed: [koege.sorCode],
      count: SMALL_REGISTER.length,
    });
    expect(patched.units.length).to.equal(SMALL_REGISTER.length);
    expect(patched.lookup(koege.sorCode)).to.equal(back);
    expect(patched.removed.size).to.equal(0);
  });

  it('refuses what applyDelta refuses, saying why', () => {
    const count = SMALL_REGISTER.length;
    const refuses = (delta: { upserts: SorUnit[]; removed: string[]; count: number }, message: RegExp) => {
      expect(() => patchUnits(SMALL_REGISTER, delta)).to.throw(SnapshotFormatError, message);
      expect(() => applyDelta(SMALL_REGISTER, delta)).to.throw(SnapshotFormatError);
    };
    refuses({ upserts: [], removed: ['9991000016003'], count: count - 1 }, /removes unit 9991000016003/);
    refuses({ upserts: [added], removed: [], count }, /announces/);
    refuses(
      { upserts: [{ ...added, parentCode: '9981000016005' }], removed: [], count: count + 1 },
      /parent 9981000016005 is not in the snapshot/,
    );
    // Removing a unit whose child stays leaves the child without its parent.
    refuses(
      { upserts: [], removed: [aarhusCardiology.sorCode], count: count - 1 },
      new RegExp(`parent ${aarhusCardiology.sorCode} is not in the snapshot`),
    );
    // A unit moved under its own child.
    refuses(
      {
        upserts: [{ ...aarhusCardiology, parentCode: aarhusCardiologyWard.sorCode }],
        removed: [],
        count,
      },
      /cycle/,
    );
  });

  it('uses the lookup it is given instead of indexing the units', () => {
    const asked: string[] = [];
    const byCode = new Map(SMALL_REGISTER.map((unit) => [unit.sorCode, unit]));
    patchUnits(SMALL_REGISTER, { upserts: [renamed], removed: [], count: SMALL_REGISTER.length }, (code) => {
      asked.push(code);
      return byCode.get(code);
    });
    expect(asked).to.include(rigshospitalet.sorCode);
  });
});
