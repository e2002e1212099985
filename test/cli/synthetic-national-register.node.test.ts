import assert from 'node:assert/strict';
import { test } from 'node:test';
import { populateRegister } from '../../src/cli/synthetic/national-register.js';
import { SyntheticRegister, type SyntheticEntity } from '../../src/cli/synthetic/register.js';
import { HOSPITALS, REGIONS } from '../../src/cli/synthetic/seed-data/hospitals.js';
import { TYPE_CODE } from '../../src/cli/synthetic/seed-data/codes.js';

test('night 0: exactly the units asked for, every region and hospital, mostly private practice', () => {
  for (const units of [500, 4000]) {
    const register = new SyntheticRegister(21);
    populateRegister(register, units);
    assert.equal(register.all.length, units);
    const names = new Set(register.all.map((entity) => entity.name));
    for (const region of REGIONS) assert.ok(names.has(region.name), region.name);
    for (const hospital of HOSPITALS) assert.ok(names.has(hospital.name), hospital.name);
    if (units >= 4000) {
      // The budget: 36 % hospitals (region-owned), 24 % municipalities, the rest private (practices,
      // pharmacies, private hospitals); small exports are dominated by one unit per municipality.
      const size = (entity: SyntheticEntity): number =>
        1 + entity.children.reduce((sum, child) => sum + size(child), 0);
      const share = (typeCode: string): number =>
        register.roots
          .filter((owner) => owner.typeCode === typeCode)
          .reduce((sum, owner) => sum + size(owner), 0) / units;
      assert.ok(
        Math.abs(share(TYPE_CODE.regionOwner) - 0.36) < 0.03,
        `regions ${share(TYPE_CODE.regionOwner)}`,
      );
      assert.ok(Math.abs(share(TYPE_CODE.municipalityOwner) - 0.24) < 0.03, 'municipalities');
      assert.ok(Math.abs(share(TYPE_CODE.privateOwner) - 0.4) < 0.03, 'private');
    }
    // Every entity is reachable from the roots exactly once.
    let reached = 0;
    const stack = [...register.roots];
    while (stack.length > 0) {
      const entity = stack.pop()!;
      reached++;
      stack.push(...entity.children);
    }
    assert.equal(reached, units);
  }
});

test('night 0 retires some hospital sections, each replaced by a sibling section', () => {
  const register = new SyntheticRegister(22);
  populateRegister(register, 20000);
  const retired = register.all.filter((entity) => entity.validTo !== null);
  assert.ok(retired.length > 0);
  for (const entity of retired) {
    assert.equal(entity.level, 'Afsnit');
    const [successor] = entity.replacedBy;
    assert.equal(successor.parent, entity.parent);
    assert.ok(successor.replaces.includes(entity));
  }
});
