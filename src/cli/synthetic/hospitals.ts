// The hospitals of the synthetic register: public hospitals with their ID27 levels, departments,
// sections and teams, and private hospitals.
import { MUNICIPALITIES, PRIVATE_HOSPITALS } from './seed-data/places.js';
import type { HospitalSeed } from './seed-data/hospitals.js';
import {
  DEPARTMENTS,
  type DepartmentSeed,
  OVER_DEPARTMENTS,
  PRIVATE_HOSPITAL_STEMS,
  SECTION_PATTERNS,
  SHAK_SECTION_SUFFIXES,
  TEAM_PATTERNS,
  UNIT_LETTERS,
  WARD_LETTERS,
} from './seed-data/departments.js';
import { TYPE_CODE } from './seed-data/codes.js';
import { fillPattern, slug, splitAddress, type SyntheticEntity, type SyntheticRegister } from './register.js';

/**
 * The parent of each department as the hospital's shape says (the hospital itself, a
 * Hospitalsområde by turns, or its Center or Overafdeling), adding those group units on the way.
 */
function departmentParents(
  register: SyntheticRegister,
  hospital: SyntheticEntity,
  seed: HospitalSeed,
  departments: readonly DepartmentSeed[],
): SyntheticEntity[] {
  const departmentParent: SyntheticEntity[] = [];
  if (seed.shape === 'areas' && seed.areas) {
    const areas = seed.areas.map((area, i) =>
      register.add(hospital, {
        name: area,
        typeCode: TYPE_CODE.departmentGroup,
        level: 'Hospitalsområde',
        ean: register.ean(seed.region, 'hospital'),
        postal: i === 0 ? null : register.address(seed.postcode, seed.city),
        virtual: { phone: register.phone(seed.phone), email: null, web: null },
      }),
    );
    departments.forEach((_, i) => departmentParent.push(areas[i % areas.length]));
  } else if (seed.shape === 'centres') {
    const centres = new Map<string, SyntheticEntity>();
    const overDepartments = new Map<string, SyntheticEntity>();
    for (const department of departments) {
      let centre = centres.get(department.centre);
      if (!centre) {
        centre = register.add(hospital, {
          name: department.centre,
          typeCode: TYPE_CODE.departmentGroup,
          level: 'Center',
          ean: 'inherited',
        });
        centres.set(department.centre, centre);
      }
      // Some centres group their departments under an Overafdeling, as the larger hospitals do.
      const overName = OVER_DEPARTMENTS[department.centre];
      if (overName !== undefined) {
        let over = overDepartments.get(department.centre);
        if (!over) {
          over = register.add(centre, {
            name: overName,
            typeCode: TYPE_CODE.departmentGroup,
            level: 'Overafdeling',
            ean: 'inherited',
          });
          overDepartments.set(department.centre, over);
        }
        departmentParent.push(over);
      } else departmentParent.push(centre);
    }
  } else departments.forEach(() => departmentParent.push(hospital));
  return departmentParent;
}

/**
 * Adds a public hospital of about `budget` units under its region: its levels (Hospitalsområde,
 * Center, Overafdeling as its shape says), departments and their sections and teams.
 */
export function buildHospital(
  register: SyntheticRegister,
  owner: SyntheticEntity,
  seed: HospitalSeed,
  budget: number,
): void {
  const postal = splitAddress(seed.street, seed.postcode, seed.city);
  const hospital = register.add(owner, {
    name: seed.name,
    typeCode: TYPE_CODE.hospital,
    shak: seed.shak,
    level: 'Hospital',
    ean: register.ean(seed.region, 'hospital'),
    postal,
    virtual: { phone: register.phone(`${seed.phone}0`), email: null, web: `www.${slug(seed.name)}.dk` },
  });
  const { random } = register;
  let left = budget - 1;
  const departmentCount = Math.max(3, Math.min(DEPARTMENTS.length, Math.round(left / 35)));
  const departments = DEPARTMENTS.slice(0, departmentCount);
  const groupsBefore = register.all.length;
  const departmentParent = departmentParents(register, hospital, seed, departments);
  left -= register.all.length - groupsBefore;

  const made = departments.map((department, i) => {
    left--;
    return register.add(departmentParent[i], {
      name: seed.unitPrefix ? `${seed.unitPrefix} ${department.stem} Afd.` : department.name,
      typeCode: TYPE_CODE.hospitalUnit,
      shak: seed.shak + String(i + 1).padStart(2, '0'),
      level: 'Afdeling',
      ean: random.chance(0.8) ? register.ean(seed.region, 'hospital') : 'inherited',
      visiting: random.chance(0.2)
        ? { ...postal, building: `${postal.building}, opg. ${random.int(1, 60)}` }
        : null,
      virtual: { phone: register.phone(seed.phone), email: null, web: null },
      specialties: [department.specialty],
      stem: department.stem,
    });
  });
  const sectionCounts = made.map(() => 0);
  for (let round = 0; left > 0; round++) {
    const index = round % made.length;
    // Bigger departments first: the first few get more sections, like real medical and surgical wards.
    if (index > 4 && random.chance(0.3)) continue;
    left -= addSection(
      register,
      made[index],
      sectionCounts[index]++,
      seed.region,
      Math.min(left - 1, random.chance(0.3) ? random.int(1, 4) : 0),
    );
  }
}

/**
 * Adds the `index`-th section (Afsnit) of `department` with `teams` teams below it; returns how
 * many units it added.
 */
export function addSection(
  register: SyntheticRegister,
  department: SyntheticEntity,
  index: number,
  region: string,
  teams: number,
): number {
  const { random } = register;
  const stem = department.stem ?? department.name.split(' ')[0];
  const ward = `${WARD_LETTERS[Math.floor(index / 4) % WARD_LETTERS.length]}${(index % 4) + 1}`;
  const pattern = SECTION_PATTERNS[index % SECTION_PATTERNS.length];
  let name = fillPattern(pattern, { stem, stemLower: stem.toLowerCase(), ward });
  if (index >= SECTION_PATTERNS.length && !pattern.includes('{ward}')) name += ` ${ward}`;
  const section = register.add(department, {
    name,
    typeCode: TYPE_CODE.hospitalUnit,
    shak:
      department.shak && index < SHAK_SECTION_SUFFIXES.length
        ? department.shak + SHAK_SECTION_SUFFIXES[index]
        : null,
    level: 'Afsnit',
    ean: random.chance(0.4) ? register.ean(region, 'hospital') : random.chance(0.8) ? 'inherited' : null,
    virtual: random.chance(0.6)
      ? { phone: register.phone((department.virtual?.phone ?? '7000').slice(0, 4)), email: null, web: null }
      : null,
    specialties: department.specialties,
  });
  for (let t = 0; t < teams; t++) {
    register.add(section, {
      name: fillPattern(TEAM_PATTERNS[t % TEAM_PATTERNS.length], { letter: UNIT_LETTERS[t] }),
      typeCode: TYPE_CODE.hospitalUnit,
    });
  }
  return 1 + teams;
}

/** Adds a private hospital of about `budget` units: owner, hospital and its clinics (no ID27 levels). */
export function addPrivateHospital(
  register: SyntheticRegister,
  entry: (typeof PRIVATE_HOSPITALS)[number],
  budget: number,
): void {
  const [name, postcode, city, street] = entry;
  const region = MUNICIPALITIES.find((m) => m[3] === city)?.[1] ?? '1084';
  const postal = splitAddress(street, postcode, city);
  const owner = register.add(null, {
    name,
    typeCode: TYPE_CODE.privateOwner,
    ean: register.ean(region, 'hospital'),
    postal,
    virtual: { phone: register.phone('70'), email: null, web: `www.${slug(name)}.dk` },
  });
  const hospital = register.add(owner, { name, typeCode: TYPE_CODE.hospital });
  let left = budget - 2;
  const departments = DEPARTMENTS.filter((department) => PRIVATE_HOSPITAL_STEMS.includes(department.stem));
  // Private hospitals carry no ID27 levels: the register does not require them there.
  for (let i = 0; left > 0; i++) {
    const department = departments[i % departments.length];
    register.add(hospital, {
      name:
        i < departments.length
          ? department.name
          : `${department.stem} klinik ${UNIT_LETTERS[i % UNIT_LETTERS.length]}`,
      specialties: [department.specialty],
    });
    left--;
  }
}
