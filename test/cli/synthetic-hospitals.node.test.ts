import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addPrivateHospital, addSection, buildHospital } from '../../src/cli/synthetic/hospitals.js';
import { SyntheticRegister, type SyntheticEntity } from '../../src/cli/synthetic/register.js';
import { HOSPITALS } from '../../src/cli/synthetic/seed-data/hospitals.js';
import { PRIVATE_HOSPITALS } from '../../src/cli/synthetic/seed-data/places.js';

function descendants(entity: SyntheticEntity): SyntheticEntity[] {
  return entity.children.flatMap((child) => [child, ...descendants(child)]);
}

function hospitalOfShape(shape: string) {
  const seed = HOSPITALS.find((hospital) => hospital.shape === shape);
  assert.ok(seed, `a seed hospital of shape ${shape}`);
  return seed;
}

test('each hospital shape builds its ID27 levels, within the budget', () => {
  const expected: Record<string, string[]> = {
    plain: ['Afdeling', 'Afsnit'],
    areas: ['Hospitalsområde', 'Afdeling', 'Afsnit'],
    centres: ['Center', 'Overafdeling', 'Afdeling', 'Afsnit'],
  };
  for (const [shape, levels] of Object.entries(expected)) {
    const register = new SyntheticRegister(4);
    const region = register.add(null, { name: 'Region' });
    buildHospital(register, region, hospitalOfShape(shape), 300);
    const [hospital] = region.children;
    assert.equal(hospital.level, 'Hospital');
    const below = descendants(hospital);
    assert.equal(1 + below.length, 300, `${shape}: exactly the budget`);
    for (const level of levels)
      assert.ok(
        below.some((entity) => entity.level === level),
        `${shape}: some ${level}`,
      );
    for (const department of below.filter((entity) => entity.level === 'Afdeling')) {
      assert.match(department.shak ?? '', new RegExp(`^${hospital.shak}\\d{2}$`));
      assert.equal(department.specialties.length, 1);
      for (const child of department.children.filter((entity) => entity.level === 'Afsnit'))
        assert.deepEqual(
          child.specialties,
          department.specialties,
          'a section has its department’s specialty',
        );
    }
  }
});

test('addSection: numbered wards, SHAK code from the department, teams below without level', () => {
  const register = new SyntheticRegister(8);
  const owner = register.add(null, { name: 'Region' });
  const hospital = register.add(owner, { name: 'Hospital' });
  const department = register.add(hospital, {
    name: 'Medicinsk afd.',
    shak: '130101',
    level: 'Afdeling',
    stem: 'Medicinsk',
    specialties: ['394802001'],
  });
  assert.equal(addSection(register, department, 0, '1084', 2), 3);
  const [section] = department.children;
  assert.equal(section.name, 'Medicinsk sengeafs. A1');
  assert.equal(section.shak, '1301010');
  assert.equal(section.level, 'Afsnit');
  assert.deepEqual(
    section.children.map((team) => [team.name, team.level]),
    [
      ['Team A', null],
      ['Klinik B', null],
    ],
  );
  // Far past the SHAK alphabet, a section has no SHAK code.
  addSection(register, department, 40, '1084', 0);
  assert.equal(department.children[1].shak, null);
});

test('a private hospital has an owner, the hospital and clinics, and no ID27 levels', () => {
  const register = new SyntheticRegister(9);
  addPrivateHospital(register, PRIVATE_HOSPITALS[0], 12);
  assert.equal(register.all.length, 12);
  const [owner] = register.roots;
  assert.equal(owner.name, PRIVATE_HOSPITALS[0][0]);
  assert.ok(register.all.every((entity) => entity.level === null));
  assert.equal(new Set(register.all.slice(2).map((entity) => entity.name)).size, 10, 'clinics named apart');
});
