import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eanCheckDigitMatches } from '../../src/model/codes.js';
import { SOR_NAME_MAX_LENGTH } from '../../src/cli/import/names.js';
import {
  GENERATED_BASE_DATE,
  SyntheticRegister,
  addDays,
  fillPattern,
  slug,
  splitAddress,
} from '../../src/cli/synthetic/register.js';

test('add: the kind follows the parent, owners are roots, the defaults are sound', () => {
  const register = new SyntheticRegister(1);
  const owner = register.add(null, { name: 'Ejer' });
  const institution = register.add(owner, { name: 'Institution' });
  const unit = register.add(institution, { name: 'Enhed' });
  const below = register.add(unit, { name: 'Under', ean: null });
  assert.deepEqual(
    [owner, institution, unit, below].map((entity) => entity.kind),
    ['IE', 'SI', 'OE', 'OE'],
  );
  assert.deepEqual(register.roots, [owner]);
  assert.deepEqual(register.all, [owner, institution, unit, below]);
  assert.deepEqual(institution.children, [unit]);
  assert.equal(unit.parent, institution);
  assert.equal(owner.ean, null, 'an owner has no EAN to inherit');
  assert.equal(unit.ean, 'inherited');
  assert.equal(below.ean, null, 'fields override the defaults');
  const runnings = register.all.map((entity) => entity.running);
  assert.deepEqual(
    [...runnings].sort((a, b) => a - b),
    runnings,
    'codes are issued in order',
  );
  assert.equal(new Set(runnings).size, runnings.length);
  for (const entity of register.all) {
    assert.ok(entity.validFrom >= '2007-01-01' && entity.validFrom < GENERATED_BASE_DATE, entity.validFrom);
    assert.ok(entity.changedFrom >= entity.validFrom && entity.changedFrom <= register.snapshotDate);
  }
});

test('number series: EANs carry a valid check digit, ydernumre have six digits, all increase', () => {
  const register = new SyntheticRegister(5);
  const eans = Array.from({ length: 50 }, () => register.ean('1082', 'general-practice'));
  for (const ean of eans) {
    assert.ok(eanCheckDigitMatches(ean.code), ean.code);
    assert.match(ean.code, /^579\d{10}$/);
    assert.equal(ean.region, '1082');
  }
  assert.equal(new Set(eans.map((ean) => ean.code)).size, eans.length);
  const providers = Array.from({ length: 20 }, () => register.provider());
  for (const provider of providers) assert.match(provider, /^\d{6}$/);
  assert.deepEqual([...providers].sort(), providers);
  const pharmacies = Array.from({ length: 20 }, () => register.pharmacy());
  assert.deepEqual(
    [...pharmacies].sort((a, b) => a - b),
    pharmacies,
  );
  assert.match(register.phone('70'), /^70\d{6}$/);
  assert.match(register.person(), /^\S+ \S+$/);
  assert.deepEqual(Object.keys(register.address('9000', 'Aalborg')), [
    'street',
    'building',
    'postcode',
    'city',
  ]);
});

test('retire: closed within the last year, after it opened, linked both ways', () => {
  const register = new SyntheticRegister(2);
  const owner = register.add(null, { name: 'Ejer' });
  const old = register.add(owner, { name: 'Gammel' });
  const successor = register.add(owner, { name: 'Ny' });
  register.retire(old, successor);
  assert.ok(old.validTo !== null);
  assert.ok(old.validTo >= old.validFrom && old.validTo < register.snapshotDate);
  assert.ok(old.validTo >= addDays(register.snapshotDate, -365));
  assert.equal(old.changedFrom, old.validTo);
  assert.deepEqual(old.replacedBy, [successor]);
  assert.deepEqual(successor.replaces, [old]);
});

test('tidyNames: at most the schema length, siblings told apart by district then number', () => {
  const register = new SyntheticRegister(3);
  const owner = register.add(null, { name: 'Ejer' });
  const long = register.add(owner, { name: `${'Meget lang afdeling '.repeat(4)}Nord` });
  const twins = Array.from({ length: 10 }, () => register.add(owner, { name: 'Klinik' }));
  const elsewhere = register.add(null, { name: 'Klinik' });
  register.tidyNames();
  assert.ok(long.name.length <= SOR_NAME_MAX_LENGTH, long.name);
  assert.doesNotMatch(long.name, /\s$/);
  assert.deepEqual(
    twins.map((twin) => twin.name),
    [
      'Klinik',
      'Klinik, Nord',
      'Klinik, Syd',
      'Klinik, Øst',
      'Klinik, Vest',
      'Klinik, Centrum',
      'Klinik, Midt',
      'Klinik, Land',
      'Klinik, By',
      'Klinik 2',
    ],
  );
  assert.equal(elsewhere.name, 'Klinik', 'only siblings need different names');
});

test('text helpers: addDays, splitAddress, slug, fillPattern', () => {
  assert.equal(addDays('2025-02-28', 1), '2025-03-01');
  assert.equal(addDays('2025-03-01', -365), '2024-03-01');
  assert.deepEqual(splitAddress('Hobrovej 18-22', '9000', 'Aalborg'), {
    street: 'Hobrovej',
    building: '18-22',
    postcode: '9000',
    city: 'Aalborg',
  });
  assert.equal(splitAddress('Torvet', '9000', 'Aalborg').building, '');
  assert.equal(slug('Region Sjælland, Sorø Ø'), 'regionsjaellandsoroeoe');
  assert.equal(slug('Aabenraa Å'), 'aabenraaaa');
  assert.equal(
    fillPattern('{stem} sengeafs. {ward}', { stem: 'Medicinsk', ward: 'A1' }),
    'Medicinsk sengeafs. A1',
  );
  assert.equal(fillPattern('{unknown} x', {}), 'unknown x');
});
