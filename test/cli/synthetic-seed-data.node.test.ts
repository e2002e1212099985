import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GAINED_SPECIALTY, SPECIALTY_TYPE, TYPE_CODE } from '../../src/cli/synthetic/seed-data/codes.js';
import {
  DEPARTMENTS,
  OVER_DEPARTMENTS,
  PRIVATE_HOSPITAL_STEMS,
  SECTION_PATTERNS,
  SHAK_SECTION_SUFFIXES,
  TEAM_PATTERNS,
  UNIT_LETTERS,
  WARD_LETTERS,
} from '../../src/cli/synthetic/seed-data/departments.js';
import { HOSPITALS, REGIONS } from '../../src/cli/synthetic/seed-data/hospitals.js';
import {
  DISTRICTS,
  MUNICIPALITIES,
  PHARMACY_NAMES,
  PLACES,
  PRIVATE_HOSPITALS,
  STREETS,
} from '../../src/cli/synthetic/seed-data/places.js';
import {
  BRANCH_WORDS,
  FIRST_NAMES,
  LAST_NAMES,
  MUNICIPAL_INSTITUTIONS,
  PRACTICES,
  SPECIALIST_FIELDS,
} from '../../src/cli/synthetic/seed-data/practices.js';

const SNOMED = /^\d{6,18}$/;

function placeholders(patterns: readonly string[]): Set<string> {
  return new Set(patterns.flatMap((pattern) => [...pattern.matchAll(/\{(\w+)\}/g)].map((match) => match[1])));
}

function assertOnly(patterns: readonly string[], allowed: string[], what: string): void {
  for (const key of placeholders(patterns))
    assert.ok(allowed.includes(key), `${what}: unknown placeholder {${key}}`);
}

test('regions and hospitals: real regions, every hospital in one, SHAK numbers unique', () => {
  assert.deepEqual(
    REGIONS.map((region) => region.code),
    ['1081', '1082', '1083', '1084', '1085'],
  );
  const regionCodes = new Set<string>(REGIONS.map((region) => region.code));
  for (const hospital of HOSPITALS) {
    assert.ok(regionCodes.has(hospital.region), hospital.name);
    assert.match(hospital.shak, /^\d{4}$/, hospital.name);
    assert.match(hospital.postcode, /^\d{4}$/, hospital.name);
    assert.ok(hospital.weight > 0, hospital.name);
    if (hospital.shape === 'areas') assert.ok((hospital.areas ?? []).length > 0, hospital.name);
  }
  assert.equal(new Set(HOSPITALS.map((hospital) => hospital.shak)).size, HOSPITALS.length);
  for (const region of regionCodes)
    assert.ok(
      HOSPITALS.some((hospital) => hospital.region === region),
      `a hospital in ${region}`,
    );
});

test('departments: SNOMED specialties, the three search tests rely on first, known centres', () => {
  assert.deepEqual(
    DEPARTMENTS.slice(0, 3).map((department) => department.name),
    ['Akutafdelingen', 'Medicinsk afd.', 'Kardiologisk afdeling'],
  );
  const centres = new Set(DEPARTMENTS.map((department) => department.centre));
  for (const centre of Object.keys(OVER_DEPARTMENTS)) assert.ok(centres.has(centre), centre);
  for (const department of DEPARTMENTS) assert.match(department.specialty, SNOMED, department.name);
  const stems = new Set(DEPARTMENTS.map((department) => department.stem));
  for (const stem of PRIVATE_HOSPITAL_STEMS) assert.ok(stems.has(stem), stem);
  assertOnly(SECTION_PATTERNS, ['stem', 'stemLower', 'ward'], 'section patterns');
  assertOnly(TEAM_PATTERNS, ['letter'], 'team patterns');
  assert.ok(TEAM_PATTERNS.length <= UNIT_LETTERS.length, 'a letter for every team');
  assert.doesNotMatch(WARD_LETTERS, /I/);
  assert.equal(new Set(SHAK_SECTION_SUFFIXES).size, SHAK_SECTION_SUFFIXES.length);
});

test('places: 98 municipalities in real regions with 4-digit postcodes, no empty lists', () => {
  assert.equal(MUNICIPALITIES.length, 98);
  assert.equal(new Set(MUNICIPALITIES.map(([name]) => name)).size, 98);
  const regionCodes = new Set<string>(REGIONS.map((region) => region.code));
  for (const [name, region, postcode, city, population] of MUNICIPALITIES) {
    assert.ok(regionCodes.has(region), name);
    assert.match(postcode, /^\d{4}$/, name);
    assert.ok(city.length > 0 && population > 0, name);
  }
  for (const [name, postcode] of PRIVATE_HOSPITALS) assert.match(postcode, /^\d{4}$/, name);
  for (const list of [STREETS, DISTRICTS, PLACES, PHARMACY_NAMES, FIRST_NAMES, LAST_NAMES, BRANCH_WORDS])
    assert.ok(list.length > 0 && list.every((entry) => entry.trim().length > 0));
});

test('practices and municipal institutions: shares, types and placeholders the builders fill', () => {
  for (const practice of PRACTICES) {
    assert.ok(practice.share > 0 && practice.names.length > 0, practice.key);
    assert.match(practice.institutionType, SNOMED, practice.key);
    if (practice.specialty !== null) assert.match(practice.specialty, SNOMED, practice.key);
    assertOnly(practice.names, ['name', 'city', 'postcode', 'street', 'spec', 'last', 'other'], practice.key);
  }
  for (const [field, code] of SPECIALIST_FIELDS) assert.match(code, SNOMED, field);
  for (const kind of MUNICIPAL_INSTITUTIONS) {
    assert.match(kind.type, SNOMED, kind.pattern);
    assertOnly([kind.pattern, ...kind.units], ['place', 'district', 'kommune', 'letter'], kind.pattern);
    assert.ok(kind.units.length <= UNIT_LETTERS.length);
  }
});

test('codes: SNOMED-shaped type codes', () => {
  for (const [what, code] of Object.entries(TYPE_CODE)) assert.match(code, SNOMED, what);
  assert.match(SPECIALTY_TYPE, SNOMED);
  assert.match(GAINED_SPECIALTY, SNOMED);
});
