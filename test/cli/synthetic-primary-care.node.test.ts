import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMunicipality, addPharmacy, addPractice } from '../../src/cli/synthetic/primary-care.js';
import { SyntheticRegister } from '../../src/cli/synthetic/register.js';
import { MUNICIPALITIES } from '../../src/cli/synthetic/seed-data/places.js';
import { PRACTICES } from '../../src/cli/synthetic/seed-data/practices.js';

test('addPractice: owner, clinic and units; returns how many it added; partners share the ydernummer', () => {
  const register = new SyntheticRegister(11);
  for (const seed of PRACTICES) {
    const before = register.all.length;
    const added = addPractice(register, seed);
    assert.equal(register.all.length - before, added, seed.key);
    const owner = register.all[before];
    assert.equal(owner.kind, 'IE');
    assert.ok(owner.ean !== null && owner.ean !== 'inherited', 'a practice owner has its own EAN');
    const [clinic] = owner.children;
    assert.equal(clinic.typeCode, seed.institutionType);
    const numbers = new Set(clinic.children.map((unit) => unit.providerNumber));
    assert.equal(numbers.size, 1, `${seed.key}: one ydernummer for the practice`);
    assert.equal([...numbers][0] !== null, seed.providerNumber, seed.key);
  }
});

test('addPharmacy: numbered pharmacy and branches in one town', () => {
  const register = new SyntheticRegister(12);
  const added = addPharmacy(register);
  assert.equal(register.all.length, added);
  const [owner] = register.roots;
  const [pharmacy] = owner.children;
  const numbers = pharmacy.children.map((unit) => unit.pharmacyNumber);
  const first = numbers[0]?.split(',')[0];
  assert.deepEqual(
    numbers,
    numbers.map((_, i) => `${first},${i + 1}`),
  );
  assert.match(owner.name, / Apotek$/);
});

test('addMunicipality: the kommune at its town hall, institutions below, the budget exactly', () => {
  const register = new SyntheticRegister(13);
  const entry = MUNICIPALITIES.find(([name]) => name === 'Aalborg');
  assert.ok(entry);
  addMunicipality(register, entry, 40);
  assert.equal(register.all.length, 40);
  const [owner] = register.roots;
  assert.equal(owner.name, 'Aalborg Kommune');
  assert.equal(owner.postal?.street, 'Rådhuspladsen');
  assert.equal(owner.postal?.postcode, entry[2]);
  assert.ok(owner.children.length > 1);
  assert.ok(
    owner.children.every((institution) => institution.kind === 'SI' && institution.typeCode !== null),
  );
});
