import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evolveOneNight } from '../../src/cli/synthetic/evolve.js';
import { populateRegister } from '../../src/cli/synthetic/national-register.js';
import { SyntheticRegister, addDays } from '../../src/cli/synthetic/register.js';

test('one night: about 1 % changed that day, a few added and removed, removals only leaves', () => {
  const register = new SyntheticRegister(31);
  populateRegister(register, 10000);
  const before = new Set(register.all);
  const parents = new Map(register.all.map((entity) => [entity, entity.parent]));
  register.snapshotDate = addDays(register.snapshotDate, 1);
  evolveOneNight(register);
  const today = register.snapshotDate;
  const changedToday = register.all.filter((entity) => before.has(entity) && entity.changedFrom === today);
  assert.ok(changedToday.length > 50 && changedToday.length <= 100, `${changedToday.length} changed`);
  const added = register.all.filter((entity) => !before.has(entity));
  // 30 additions: sections (one unit) and practices (three or more).
  assert.ok(added.length >= 30 && added.length < 30 * 8, `${added.length} added`);
  for (const entity of added) assert.equal(entity.validFrom, today);
  const after = new Set(register.all);
  const removed = [...before].filter((entity) => !after.has(entity));
  assert.equal(removed.length, 20);
  for (const entity of removed) {
    assert.equal(entity.kind, 'OE');
    assert.deepEqual(entity.children, []);
    assert.ok(!parents.get(entity)!.children.includes(entity), 'gone from its parent too');
  }
  const retiredToday = register.all.filter((entity) =>
    entity.replacedBy.some((next) => next.replaces.includes(entity)),
  );
  assert.ok(retiredToday.length > 0);
});

test('the same seed evolves the same way', () => {
  const names = (seed: number): string[] => {
    const register = new SyntheticRegister(seed);
    populateRegister(register, 3000);
    register.snapshotDate = addDays(register.snapshotDate, 1);
    evolveOneNight(register);
    return register.all.map((entity) => `${entity.running} ${entity.name} ${entity.changedFrom}`);
  };
  assert.deepEqual(names(5), names(5));
  assert.notDeepEqual(names(5), names(6));
});
