// Primary care and the municipalities in the synthetic register: private practices (the bulk of
// the register), pharmacies, and each municipality's care institutions.
import type { SeededRandom } from './random.js';
import { UNIT_LETTERS } from './seed-data/departments.js';
import { TYPE_CODE } from './seed-data/codes.js';
import { DISTRICTS, MUNICIPALITIES, PHARMACY_NAMES, PLACES, TOWN_HALL_STREET } from './seed-data/places.js';
import {
  BRANCH_WORDS,
  GP_PARTNER_TITLE,
  LAST_NAMES,
  MUNICIPAL_INSTITUTIONS,
  PRACTICE_MAIL_DOMAIN,
  SPECIALIST_FIELDS,
  type PracticeSeed,
} from './seed-data/practices.js';
import { fillPattern, slug, type SyntheticRegister } from './register.js';

/** A municipality drawn by population, so Copenhagen and Aarhus have the most practices. */
function municipalityOf(random: SeededRandom): (typeof MUNICIPALITIES)[number] {
  const total = MUNICIPALITIES.reduce((sum, m) => sum + m[4], 0);
  let r = random.next() * total;
  for (const m of MUNICIPALITIES) {
    r -= m[4];
    if (r <= 0) return m;
  }
  return MUNICIPALITIES[MUNICIPALITIES.length - 1];
}

/** Adds a private practice of the kind `seed` (owner, clinic, units); returns how many units. */
export function addPractice(register: SyntheticRegister, seed: PracticeSeed): number {
  const { random } = register;
  const [, region, postcode, city] = municipalityOf(random);
  const postal = register.address(postcode, city);
  const person = register.person();
  const field = random.pick(SPECIALIST_FIELDS);
  let name = fillPattern(random.pick(seed.names), {
    name: person,
    city,
    postcode,
    street: postal.street,
    spec: field[0],
    last: random.pick(LAST_NAMES),
    other: random.pick(LAST_NAMES),
  });
  if (random.chance(0.03)) name += ' & Co';
  const web = random.chance(0.4) ? `www.${slug(name)}.dk` : null;
  const owner = register.add(
    null,
    {
      name: random.chance(0.5) ? person : name,
      typeCode: TYPE_CODE.privateOwner,
      ean: register.ean(region, seed.ediSystem),
      postal,
      virtual: {
        phone: register.phone(String(random.int(20, 99))),
        email: random.chance(0.3) ? `${slug(person)}@${PRACTICE_MAIL_DOMAIN}` : null,
        web,
      },
    },
    1990,
  );
  const institution = register.add(owner, { name, typeCode: seed.institutionType }, 1990);
  const provider = seed.providerNumber ? register.provider() : null;
  const specialty = seed.key === 'specialist' ? field[1] : seed.specialty;
  register.add(
    institution,
    { name, providerNumber: provider, specialties: specialty ? [specialty] : [] },
    1990,
  );
  let units = 3;
  const extra = random.int(0, seed.extraUnits);
  for (let i = 0; i < extra; i++) {
    // Partners in a shared practice (kompagniskab) share the ydernummer: it is not unique.
    const partner =
      seed.key === 'gp'
        ? `${GP_PARTNER_TITLE} ${register.person()}`
        : `${name}, ${random.pick(BRANCH_WORDS)}${random.pick(DISTRICTS)}`;
    register.add(
      institution,
      {
        name: partner,
        providerNumber: provider,
        specialties: specialty ? [specialty] : [],
        ean: random.chance(0.5) ? 'inherited' : null,
      },
      1990,
    );
    units++;
  }
  return units;
}

/** Adds a pharmacy with its branches (filialer); returns how many units. */
export function addPharmacy(register: SyntheticRegister): number {
  const { random } = register;
  const [, region, postcode, city] = municipalityOf(random);
  const postal = register.address(postcode, city);
  const name = random.chance(0.2) ? `${city} ${random.pick(PHARMACY_NAMES)} Apotek` : `${city} Apotek`;
  const owner = register.add(
    null,
    {
      name,
      typeCode: TYPE_CODE.privateOwner,
      ean: register.ean(region, 'pharmacy'),
      postal,
      virtual: { phone: register.phone(String(random.int(30, 99))), email: null, web: null },
    },
    1990,
  );
  const institution = register.add(owner, { name, typeCode: TYPE_CODE.pharmacy }, 1990);
  const number = register.pharmacy();
  register.add(institution, { name, pharmacyNumber: `${number},1` }, 1990);
  const branches = random.int(0, 3);
  for (let i = 0; i < branches; i++) {
    register.add(
      institution,
      {
        name: `${name}, filial ${random.pick(PLACES)}`,
        typeCode: TYPE_CODE.pharmacyBranch,
        pharmacyNumber: `${number},${i + 2}`,
        visiting: register.address(postcode, city),
      },
      1990,
    );
  }
  return 3 + branches;
}

/** Adds a municipality of about `budget` units: the kommune and its care institutions. */
export function addMunicipality(
  register: SyntheticRegister,
  entry: (typeof MUNICIPALITIES)[number],
  budget: number,
): void {
  const { random } = register;
  const [name, region, postcode, city] = entry;
  const owner = register.add(null, {
    name: `${name} Kommune`,
    typeCode: TYPE_CODE.municipalityOwner,
    ean: register.ean(region, 'municipal'),
    postal: { street: TOWN_HALL_STREET, building: String(random.int(1, 5)), postcode, city },
    virtual: { phone: register.phone(String(random.int(30, 99))), email: null, web: `www.${slug(name)}.dk` },
  });
  let left = budget - 1;
  let made = 0;
  while (left > 0) {
    const kind = MUNICIPAL_INSTITUTIONS[made % MUNICIPAL_INSTITUTIONS.length];
    made++;
    const values = {
      place: random.pick(PLACES),
      district: random.pick(DISTRICTS),
      kommune: name,
      letter: random.pick([...UNIT_LETTERS]),
    };
    const institution = register.add(owner, {
      name: fillPattern(kind.pattern, values),
      typeCode: kind.type,
      ean: random.chance(0.6) ? register.ean(region, kind.ediSystem) : 'inherited',
      postal: register.address(postcode, city),
      virtual: { phone: register.phone(String(random.int(30, 99))), email: null, web: null },
    });
    left--;
    const units = Math.min(left, random.int(1, kind.units.length + 1));
    for (let i = 0; i < units; i++) {
      register.add(institution, {
        name: fillPattern(kind.units[i % kind.units.length], {
          ...values,
          letter: UNIT_LETTERS[i],
          district: random.pick(DISTRICTS),
        }),
        ean: random.chance(0.3) ? register.ean(region, kind.ediSystem) : 'inherited',
      });
      left--;
    }
  }
}
