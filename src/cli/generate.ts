import { writeFile } from 'node:fs/promises';
import { eanCheckDigit, makeSorCode } from '../model/codes.js';
import { ID27_LEVEL_NAMES, type Id27LevelName } from '../model/id27.js';
import { SOR_XML_NAMESPACE } from './import/sor-xml.js';
import { SOR_NAME_MAX_LENGTH } from './import/names.js';
import { ID27_CSV_HEADER } from './import/id27-csv.js';
import { generatedEanEntityXml } from './generate-ean.js';
import {
  DEPARTMENTS,
  DISTRICTS,
  FIRST_NAMES,
  HOSPITALS,
  LAST_NAMES,
  MUNICIPAL_INSTITUTIONS,
  MUNICIPALITIES,
  PLACES,
  PRACTICES,
  PRIVATE_HOSPITALS,
  REGIONS,
  SECTION_PATTERNS,
  SPECIALIST_FIELDS,
  STREETS,
  TEAM_PATTERNS,
  type HospitalSeed,
  type PracticeSeed,
} from './generate-data.js';

/** The smallest export the generator makes: every region, hospital and municipality needs a unit. */
export const MIN_GENERATED_UNITS = 500;
/**
 * Raised whenever the generator makes different data for the same options: caches of generated
 * data (the relevance and bench snapshots) compare it through the export's label.
 */
export const GENERATOR_VERSION = 3;
/** The `SnapshotDate` of night 0; night K is K days later. */
export const GENERATED_BASE_DATE = '2025-03-01';

/** mulberry32: a small, fast, seedable PRNG, so the same seed always gives the same export. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Address {
  street: string;
  building: string;
  postcode: string;
  city: string;
}

/** One generated entity, before it is written as XML. */
interface Node {
  kind: 'IE' | 'SI' | 'OE';
  running: number;
  name: string;
  typeCode: string | null;
  shak: string | null;
  level: Id27LevelName | null;
  /** Own EAN with its region, or inherited, or none. */
  ean: { code: string; region: string } | 'inherited' | null;
  providerNumber: string | null;
  pharmacyNumber: string | null;
  postal: Address | null;
  visiting: Address | null;
  virtual: { phone: string; email: string | null; web: string | null } | null;
  specialties: string[];
  validFrom: string;
  changedFrom: string;
  validTo: string | null;
  replaces: Node[];
  replacedBy: Node[];
  children: Node[];
  parent: Node | null;
  /** Department seed stem, for naming new sections on later nights. */
  stem?: string;
}

/** Synthetic, but stable, codes for the six levels: SDS's SNOMED codes for them are not public. */
export function generatedLevelCode(name: Id27LevelName): string {
  return `id27-${ID27_LEVEL_NAMES.indexOf(name) + 1}`;
}

function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

class Generator {
  readonly random: () => number;
  private nextRunning = 1000;
  private nextEan = 1000;
  private nextProvider = 10000;
  private nextPharmacy = 100;
  readonly all: Node[] = [];
  readonly roots: Node[] = [];
  snapshotDate = GENERATED_BASE_DATE;

  constructor(seed: number) {
    this.random = mulberry32(seed);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)];
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  date(fromYear: number): string {
    const start = Date.parse(`${fromYear}-01-01T00:00:00Z`);
    const end = Date.parse(`${this.snapshotDate}T00:00:00Z`) - 86_400_000;
    return new Date(start + Math.floor(this.random() * ((end - start) / 86_400_000)) * 86_400_000)
      .toISOString()
      .slice(0, 10);
  }

  running(): number {
    // Codes are issued in order with occasional gaps (codes used by other registrations).
    this.nextRunning += this.chance(0.08) ? this.int(2, 30) : 1;
    return this.nextRunning;
  }

  ean(region: string): { code: string; region: string } {
    this.nextEan += this.int(1, 4);
    const body = String(579000000000 + this.nextEan);
    return { code: body + eanCheckDigit(body), region };
  }

  provider(): string {
    this.nextProvider += this.int(1, 9);
    return String(this.nextProvider).padStart(6, '0');
  }

  pharmacy(): number {
    this.nextPharmacy += this.int(1, 3);
    return this.nextPharmacy;
  }

  phone(prefix: string): string {
    let phone = prefix;
    while (phone.length < 8) phone += String(this.int(0, 9));
    return phone;
  }

  person(): string {
    return `${this.pick(FIRST_NAMES)} ${this.pick(LAST_NAMES)}`;
  }

  address(postcode: string, city: string): Address {
    return { street: this.pick(STREETS), building: String(this.int(1, 160)), postcode, city };
  }

  add(parent: Node | null, fields: Partial<Node> & { name: string }, fromYear = 2007): Node {
    const validFrom = this.date(fromYear);
    const node: Node = {
      kind: parent === null ? 'IE' : parent.kind === 'IE' ? 'SI' : 'OE',
      running: this.running(),
      typeCode: null,
      shak: null,
      level: null,
      ean: parent === null ? null : 'inherited',
      providerNumber: null,
      pharmacyNumber: null,
      postal: null,
      visiting: null,
      virtual: null,
      specialties: [],
      validFrom,
      changedFrom: this.chance(0.4) ? validFrom : addDays(validFrom, this.int(1, 900)),
      validTo: null,
      replaces: [],
      replacedBy: [],
      children: [],
      parent,
      ...fields,
    };
    if (node.changedFrom > this.snapshotDate) node.changedFrom = this.snapshotDate;
    if (parent) parent.children.push(node);
    else this.roots.push(node);
    this.all.push(node);
    return node;
  }
}

function splitAddress(street: string, postcode: string, city: string): Address {
  const match = /^(.*?)\s+(\d[\w-]*)$/.exec(street);
  return { street: match ? match[1] : street, building: match ? match[2] : '', postcode, city };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9]+/g, '');
}

function fill(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\}/g, (_match, key: string) => values[key] ?? key);
}

const WARD_LETTERS = 'ABCDEFGHJK';
const SHAK_SECTION = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const LETTERS = 'ABCDEFGH';

function buildHospital(g: Generator, owner: Node, seed: HospitalSeed, budget: number): void {
  const postal = splitAddress(seed.street, seed.postcode, seed.city);
  const hospital = g.add(owner, {
    name: seed.name,
    typeCode: '22232009',
    shak: seed.shak,
    level: 'Hospital',
    ean: g.ean(seed.region),
    postal,
    virtual: { phone: g.phone(`${seed.phone}0`), email: null, web: `www.${slug(seed.name)}.dk` },
  });
  let left = budget - 1;
  const departmentCount = Math.max(3, Math.min(DEPARTMENTS.length, Math.round(left / 35)));
  const departments = DEPARTMENTS.slice(0, departmentCount);
  const departmentParent: Node[] = [];

  if (seed.shape === 'areas' && seed.areas) {
    const areas = seed.areas.map((area, i) =>
      g.add(hospital, {
        name: area,
        typeCode: '550811000005108',
        level: 'Hospitalsområde',
        ean: g.ean(seed.region),
        postal: i === 0 ? null : g.address(seed.postcode, seed.city),
        virtual: { phone: g.phone(seed.phone), email: null, web: null },
      }),
    );
    left -= areas.length;
    departments.forEach((_, i) => departmentParent.push(areas[i % areas.length]));
  } else if (seed.shape === 'centres') {
    const centres = new Map<string, Node>();
    const overDepartments = new Map<string, Node>();
    for (const department of departments) {
      let centre = centres.get(department.centre);
      if (!centre) {
        centre = g.add(hospital, {
          name: department.centre,
          typeCode: '550811000005108',
          level: 'Center',
          ean: 'inherited',
        });
        centres.set(department.centre, centre);
        left--;
      }
      // Some centres group their departments under an Overafdeling, as the larger hospitals do.
      if (department.centre === 'Medicinsk center' || department.centre === 'Kirurgisk center') {
        let over = overDepartments.get(department.centre);
        if (!over) {
          const overName =
            department.centre === 'Medicinsk center' ? 'Medicinsk overafdeling' : 'Kirurgisk Overafd.';
          over = g.add(centre, {
            name: overName,
            typeCode: '550811000005108',
            level: 'Overafdeling',
            ean: 'inherited',
          });
          overDepartments.set(department.centre, over);
          left--;
        }
        departmentParent.push(over);
      } else departmentParent.push(centre);
    }
  } else departments.forEach(() => departmentParent.push(hospital));

  const made = departments.map((department, i) => {
    left--;
    return g.add(departmentParent[i], {
      name: seed.unitPrefix ? `${seed.unitPrefix} ${department.stem} Afd.` : department.name,
      typeCode: '550851000005109',
      shak: seed.shak + String(i + 1).padStart(2, '0'),
      level: 'Afdeling',
      ean: g.chance(0.8) ? g.ean(seed.region) : 'inherited',
      visiting: g.chance(0.2) ? { ...postal, building: `${postal.building}, opg. ${g.int(1, 60)}` } : null,
      virtual: { phone: g.phone(seed.phone), email: null, web: null },
      specialties: [department.specialty],
      stem: department.stem,
    });
  });
  const sectionCounts = made.map(() => 0);
  for (let round = 0; left > 0; round++) {
    const index = round % made.length;
    // Bigger departments first: the first few get more sections, like real medical and surgical wards.
    if (index > 4 && g.chance(0.3)) continue;
    left -= addSection(
      g,
      made[index],
      sectionCounts[index]++,
      seed.region,
      Math.min(left - 1, g.chance(0.3) ? g.int(1, 4) : 0),
    );
  }
}

function addSection(g: Generator, department: Node, index: number, region: string, teams: number): number {
  const stem = department.stem ?? department.name.split(' ')[0];
  const ward = `${WARD_LETTERS[Math.floor(index / 4) % WARD_LETTERS.length]}${(index % 4) + 1}`;
  const pattern = SECTION_PATTERNS[index % SECTION_PATTERNS.length];
  let name = fill(pattern, { stem, stemLower: stem.toLowerCase(), ward });
  if (index >= SECTION_PATTERNS.length && !pattern.includes('{ward}')) name += ` ${ward}`;
  const section = g.add(department, {
    name,
    typeCode: '550851000005109',
    shak: department.shak && index < SHAK_SECTION.length ? department.shak + SHAK_SECTION[index] : null,
    level: 'Afsnit',
    ean: g.chance(0.4) ? g.ean(region) : g.chance(0.8) ? 'inherited' : null,
    virtual: g.chance(0.6)
      ? { phone: g.phone((department.virtual?.phone ?? '7000').slice(0, 4)), email: null, web: null }
      : null,
    specialties: department.specialties,
  });
  for (let t = 0; t < teams; t++) {
    g.add(section, {
      name: fill(TEAM_PATTERNS[t % TEAM_PATTERNS.length], { letter: LETTERS[t] }),
      typeCode: '550851000005109',
    });
  }
  return 1 + teams;
}

function municipalityOf(g: Generator): (typeof MUNICIPALITIES)[number] {
  // Weighted by population, so Copenhagen and Aarhus have the most practices.
  const total = MUNICIPALITIES.reduce((sum, m) => sum + m[4], 0);
  let r = g.random() * total;
  for (const m of MUNICIPALITIES) {
    r -= m[4];
    if (r <= 0) return m;
  }
  return MUNICIPALITIES[MUNICIPALITIES.length - 1];
}

function addPractice(g: Generator, seed: PracticeSeed): number {
  const [, region, postcode, city] = municipalityOf(g);
  const postal = g.address(postcode, city);
  const person = g.person();
  const field = g.pick(SPECIALIST_FIELDS);
  let name = fill(g.pick(seed.names), {
    name: person,
    city,
    postcode,
    street: postal.street,
    spec: field[0],
    last: g.pick(LAST_NAMES),
    other: g.pick(LAST_NAMES),
  });
  if (g.chance(0.03)) name += ' & Co';
  const web = g.chance(0.4) ? `www.${slug(name)}.dk` : null;
  const owner = g.add(
    null,
    {
      name: g.chance(0.5) ? person : name,
      typeCode: '550891000005100',
      ean: g.ean(region),
      postal,
      virtual: {
        phone: g.phone(String(g.int(20, 99))),
        email: g.chance(0.3) ? `${slug(person)}@dadlnet.dk` : null,
        web,
      },
    },
    1990,
  );
  const institution = g.add(owner, { name, typeCode: seed.institutionType }, 1990);
  const provider = seed.providerNumber ? g.provider() : null;
  const specialty = seed.key === 'specialist' ? field[1] : seed.specialty;
  g.add(institution, { name, providerNumber: provider, specialties: specialty ? [specialty] : [] }, 1990);
  let units = 3;
  const extra = g.int(0, seed.extraUnits);
  for (let i = 0; i < extra; i++) {
    // Partners in a shared practice (kompagniskab) share the ydernummer: it is not unique.
    const partner =
      seed.key === 'gp'
        ? `Læge ${g.person()}`
        : `${name}, ${g.pick(['afd. ', 'klinik '])}${g.pick(DISTRICTS)}`;
    g.add(
      institution,
      {
        name: partner,
        providerNumber: provider,
        specialties: specialty ? [specialty] : [],
        ean: g.chance(0.5) ? 'inherited' : null,
      },
      1990,
    );
    units++;
  }
  return units;
}

function addPharmacy(g: Generator): number {
  const [, region, postcode, city] = municipalityOf(g);
  const postal = g.address(postcode, city);
  const name = g.chance(0.2)
    ? `${city} ${g.pick(['Løve', 'Svane', 'Hjorte', 'Elefant', 'Sønderbro'])} Apotek`
    : `${city} Apotek`;
  const owner = g.add(
    null,
    {
      name,
      typeCode: '550891000005100',
      ean: g.ean(region),
      postal,
      virtual: { phone: g.phone(String(g.int(30, 99))), email: null, web: null },
    },
    1990,
  );
  const institution = g.add(owner, { name, typeCode: '264372000' }, 1990);
  const number = g.pharmacy();
  g.add(institution, { name, pharmacyNumber: `${number},1` }, 1990);
  const branches = g.int(0, 3);
  for (let i = 0; i < branches; i++) {
    g.add(
      institution,
      {
        name: `${name}, filial ${g.pick(PLACES)}`,
        typeCode: '557501000005109',
        pharmacyNumber: `${number},${i + 2}`,
        visiting: g.address(postcode, city),
      },
      1990,
    );
  }
  return 3 + branches;
}

function addMunicipality(g: Generator, entry: (typeof MUNICIPALITIES)[number], budget: number): void {
  const [name, region, postcode, city] = entry;
  const owner = g.add(null, {
    name: `${name} Kommune`,
    typeCode: '547211000005108',
    ean: g.ean(region),
    postal: { street: 'Rådhuspladsen', building: String(g.int(1, 5)), postcode, city },
    virtual: { phone: g.phone(String(g.int(30, 99))), email: null, web: `www.${slug(name)}.dk` },
  });
  let left = budget - 1;
  let made = 0;
  while (left > 0) {
    const kind = MUNICIPAL_INSTITUTIONS[made % MUNICIPAL_INSTITUTIONS.length];
    made++;
    const values = {
      place: g.pick(PLACES),
      district: g.pick(DISTRICTS),
      kommune: name,
      letter: g.pick([...LETTERS]),
    };
    const institution = g.add(owner, {
      name: fill(kind.pattern, values),
      typeCode: kind.type,
      ean: g.chance(0.6) ? g.ean(region) : 'inherited',
      postal: g.address(postcode, city),
      virtual: { phone: g.phone(String(g.int(30, 99))), email: null, web: null },
    });
    left--;
    const units = Math.min(left, g.int(1, kind.units.length + 1));
    for (let i = 0; i < units; i++) {
      g.add(institution, {
        name: fill(kind.units[i % kind.units.length], {
          ...values,
          letter: LETTERS[i],
          district: g.pick(DISTRICTS),
        }),
        ean: g.chance(0.3) ? g.ean(region) : 'inherited',
      });
      left--;
    }
  }
}

function addPrivateHospital(g: Generator, entry: (typeof PRIVATE_HOSPITALS)[number], budget: number): void {
  const [name, postcode, city, street] = entry;
  const region = MUNICIPALITIES.find((m) => m[3] === city)?.[1] ?? '1084';
  const postal = splitAddress(street, postcode, city);
  const owner = g.add(null, {
    name,
    typeCode: '550891000005100',
    ean: g.ean(region),
    postal,
    virtual: { phone: g.phone('70'), email: null, web: `www.${slug(name)}.dk` },
  });
  const hospital = g.add(owner, { name, typeCode: '22232009' });
  let left = budget - 2;
  const departments = DEPARTMENTS.filter((d) =>
    ['Ortopædkirurgisk', 'Kirurgisk', 'Øjen', 'Gynækologisk', 'Anæstesi'].includes(d.stem),
  );
  // Private hospitals carry no ID27 levels: the register does not require them there.
  for (let i = 0; left > 0; i++) {
    const department = departments[i % departments.length];
    g.add(hospital, {
      name: i < departments.length ? department.name : `${department.stem} klinik ${LETTERS[i % 8]}`,
      specialties: [department.specialty],
    });
    left--;
  }
}

function regionOf(node: Node): string {
  for (let at: Node | null = node; at; at = at.parent) {
    if (at.ean && at.ean !== 'inherited') return at.ean.region;
  }
  return REGIONS[0].code;
}

function retire(g: Generator, node: Node, successor: Node): void {
  node.validTo = addDays(g.snapshotDate, -g.int(1, 365));
  if (node.validTo < node.validFrom) node.validTo = node.validFrom;
  node.changedFrom = node.validTo;
  node.replacedBy.push(successor);
  successor.replaces.push(node);
}

/** Builds the night-0 register of about `units` entities, then trims it to exactly `units`. */
function buildRegister(g: Generator, units: number): void {
  const hospitalBudget = Math.round(units * 0.36);
  const weights = HOSPITALS.reduce((sum, h) => sum + h.weight, 0);
  for (const region of REGIONS) {
    const owner = g.add(null, {
      name: region.name,
      typeCode: '550881000005103',
      ean: g.ean(region.code),
      postal: splitAddress(region.street, region.postcode, region.city),
      virtual: { phone: g.phone(region.phone), email: null, web: `www.${slug(region.name)}.dk` },
    });
    for (const hospital of HOSPITALS.filter((h) => h.region === region.code)) {
      buildHospital(
        g,
        owner,
        hospital,
        Math.max(8, Math.round((hospitalBudget * hospital.weight) / weights)),
      );
    }
  }
  const privateBudget = Math.round(units * 0.02);
  for (const entry of PRIVATE_HOSPITALS)
    addPrivateHospital(g, entry, Math.max(3, Math.round(privateBudget / PRIVATE_HOSPITALS.length)));
  const municipalBudget = Math.round(units * 0.24);
  const population = MUNICIPALITIES.reduce((sum, m) => sum + m[4], 0);
  for (const entry of MUNICIPALITIES)
    addMunicipality(g, entry, Math.max(2, Math.round((municipalBudget * entry[4]) / population)));
  let pharmacyUnits = Math.round(units * 0.03);
  while (pharmacyUnits > 0) pharmacyUnits -= addPharmacy(g);
  // Practices fill the rest, by share: most of the register is private practice.
  const shares = PRACTICES.reduce((sum, p) => sum + p.share, 0);
  while (g.all.length < units) {
    let r = g.random() * shares;
    const seed = PRACTICES.find((p) => (r -= p.share) <= 0) ?? PRACTICES[0];
    addPractice(g, seed);
  }
  // Trim to the exact count: drop the last-made leaf units (the tail of the last practices).
  while (g.all.length > units) {
    const node = g.all.pop() as Node;
    const siblings = node.parent ? node.parent.children : g.roots;
    siblings.splice(siblings.indexOf(node), 1);
    if (node.children.length > 0) throw new Error('generator: trimmed a unit with children');
  }
  // About 1% of hospital sections are retired, replaced by a sibling section.
  for (const node of g.all) {
    if (node.level === 'Afsnit' && node.parent && node.parent.children.length > 2 && g.chance(0.01)) {
      const successor = node.parent.children.find(
        (sibling) => sibling !== node && sibling.validTo === null && sibling.level === 'Afsnit',
      );
      if (successor) retire(g, node, successor);
    }
  }
}

/** One night of change: ≈1% of units changed, some added, some removed, a few retired. */
function evolve(g: Generator): void {
  const count = g.all.length;
  const changes = Math.round(count * 0.01);
  for (let i = 0; i < changes; i++) {
    const node = g.all[Math.floor(g.random() * g.all.length)];
    const what = g.int(0, 3);
    if (what === 0 && node.virtual)
      node.virtual = { ...node.virtual, phone: g.phone(node.virtual.phone.slice(0, 2)) };
    else if (what === 1)
      node.name = node.name.includes(' afd.')
        ? node.name.replace(' afd.', ' afdeling')
        : `${node.name}, ${g.pick(DISTRICTS)}`;
    else if (what === 2 && node.postal) node.postal = { ...node.postal, building: String(g.int(1, 160)) };
    else node.specialties = node.specialties.length > 0 ? [] : ['394802001'];
    node.changedFrom = g.snapshotDate;
  }
  const departments = g.all.filter((node) => node.level === 'Afdeling');
  const additions = Math.round(count * 0.003);
  const before = g.all.length;
  for (let i = 0; i < additions; i++) {
    if (i % 2 === 0 && departments.length > 0) {
      const department = g.pick(departments);
      addSection(g, department, department.children.length + 40, regionOf(department), 0);
    } else addPractice(g, g.pick(PRACTICES));
  }
  for (const node of g.all.slice(before)) node.validFrom = node.changedFrom = g.snapshotDate;
  const removals = Math.round(count * 0.002);
  for (let i = 0, tries = 0; i < removals && tries < removals * 20; tries++) {
    const index = Math.floor(g.random() * g.all.length);
    const node = g.all[index];
    if (
      node.kind !== 'OE' ||
      node.children.length > 0 ||
      node.replaces.length > 0 ||
      node.replacedBy.length > 0
    )
      continue;
    g.all.splice(index, 1);
    const siblings = (node.parent as Node).children;
    siblings.splice(siblings.indexOf(node), 1);
    i++;
  }
  const sections = g.all.filter((node) => node.level === 'Afsnit' && node.validTo === null);
  for (let i = 0; i < Math.max(1, Math.round(count * 0.0005)); i++) {
    const node = g.pick(sections);
    const successor = node.parent?.children.find(
      (s) => s !== node && s.validTo === null && s.level === 'Afsnit',
    );
    if (successor) retire(g, node, successor);
  }
}

/**
 * Keeps the generated names within what the build accepts without a warning: at most the
 * schema's 60 characters, and no two children of one parent named alike (real SOR tells such
 * units apart by district or number, and the build reports duplicates).
 */
function tidyNames(g: Generator): void {
  const byParent = new Map<Node | null, Set<string>>();
  for (const node of g.all) {
    if (node.name.length > SOR_NAME_MAX_LENGTH)
      node.name = node.name.slice(0, SOR_NAME_MAX_LENGTH).replace(/[\s,–-]+\S*$/, '');
    let taken = byParent.get(node.parent);
    if (taken === undefined) byParent.set(node.parent, (taken = new Set()));
    let name = node.name;
    for (let n = 0; taken.has(name.toLocaleLowerCase('da')); n++) {
      const suffix = n < DISTRICTS.length ? `, ${DISTRICTS[n]}` : ` ${n - DISTRICTS.length + 2}`;
      name = `${node.name.slice(0, SOR_NAME_MAX_LENGTH - suffix.length)}${suffix}`;
    }
    node.name = name;
    taken.add(name.toLocaleLowerCase('da'));
  }
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Options of `generateSorXml`. */
export interface GenerateOptions {
  units: number;
  seed: number;
  /** Nights after the base export (0 = the base). Each night changes ≈1% and adds/removes some. */
  night?: number;
  /** When set, ID27 levels go to this side file instead of into the XML. */
  levelsFile?: string;
  /** Receives the XML in chunks. */
  write: (chunk: string) => void;
}

/**
 * Writes a deterministic, realistic, SYNTHETIC SOR XML export (the real structure and namespaces)
 * of exactly `units` entities for night 0; later nights differ by their changes.
 */
export async function generateSorXml(
  options: GenerateOptions,
): Promise<{ units: number; snapshotDate: string }> {
  if (options.units < MIN_GENERATED_UNITS)
    throw new RangeError(`--units must be at least ${MIN_GENERATED_UNITS}`);
  const g = new Generator(options.seed);
  buildRegister(g, options.units);
  const night = options.night ?? 0;
  for (let n = 1; n <= night; n++) {
    g.snapshotDate = addDays(GENERATED_BASE_DATE, n);
    evolve(g);
  }
  g.snapshotDate = addDays(GENERATED_BASE_DATE, night);
  tidyNames(g);
  const code = (node: Node): string => makeSorCode(node.running);
  const levelsInXml = !options.levelsFile;
  const csv: string[] = [ID27_CSV_HEADER.join(';')];

  let buffer = '';
  const out = (text: string): void => {
    buffer += text;
    if (buffer.length > 1 << 20) {
      options.write(buffer);
      buffer = '';
    }
  };
  out('\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n');
  out(
    `<!-- SYNTHETIC SOR export made by sor-snapshot generate (units ${options.units}, seed ${options.seed}, night ${night}, generator ${GENERATOR_VERSION}); not real register data -->\n`,
  );
  out(
    `<SorTree xmlns:xkom-1="http://rep.oio.dk/xkom.dk/xml/schemas/2006/01/06/" xmlns:dkcc="http://rep.oio.dk/ebxml/xml/schemas/dkcc/2003/02/13/" xmlns:dkcc2005="http://rep.oio.dk/ebxml/xml/schemas/dkcc/2005/03/15/" xmlns:xkom="http://rep.oio.dk/xkom.dk/xml/schemas/2005/03/15/" xmlns="${SOR_XML_NAMESPACE}">\n`,
  );
  out(
    `\t<CreatedAtTime>${g.snapshotDate}T02:00:00+01:00</CreatedAtTime>\n\t<SnapshotDate>${g.snapshotDate}</SnapshotDate>\n`,
  );

  const address = (element: string, a: Address, pad: string): void => {
    out(
      `${pad}<${element}>\n${pad}\t<xkom-1:AddressPostal>\n${pad}\t\t<dkcc2005:StreetName>${escape(a.street)}</dkcc2005:StreetName>\n${pad}\t\t<dkcc:StreetBuildingIdentifier>${escape(a.building)}</dkcc:StreetBuildingIdentifier>\n${pad}\t\t<dkcc2005:PostCodeIdentifier>${a.postcode}</dkcc2005:PostCodeIdentifier>\n${pad}\t\t<dkcc2005:DistrictName>${escape(a.city)}</dkcc2005:DistrictName>\n${pad}\t\t<dkcc:CountryIdentificationCode scheme="iso3166-alpha2">DK</dkcc:CountryIdentificationCode>\n${pad}\t</xkom-1:AddressPostal>\n${pad}</${element}>\n`,
    );
  };
  const eanEntity = (ean: { code: string; region: string }, node: Node, pad: string): string =>
    generatedEanEntityXml(ean, node.validFrom, pad);

  const ELEMENT = {
    IE: ['InstitutionOwnerEntity', 'InstitutionOwner', 'OwnerType'],
    SI: ['HealthInstitutionEntity', 'HealthInstitution', 'InstitutionType'],
    OE: ['OrganizationalUnitEntity', 'OrganizationalUnit', 'UnitType'],
  } as const;
  // An explicit stack instead of recursion: hospital trees are deep.
  const stack: { node: Node; depth: number; closing: boolean }[] = [...g.roots]
    .reverse()
    .map((node) => ({ node, depth: 1, closing: false }));
  while (stack.length > 0) {
    const { node, depth, closing } = stack.pop() as { node: Node; depth: number; closing: boolean };
    const [entity, data, typeElement] = ELEMENT[node.kind];
    const pad = '\t'.repeat(depth);
    if (closing) {
      out(`${pad}</${entity}>\n`);
      continue;
    }
    const p = `${pad}\t\t`;
    out(
      `${pad}<${entity}>\n${pad}\t<${data}>\n${p}<SorIdentifier>${code(node)}</SorIdentifier>\n${p}<EntityName>${escape(node.name)}</EntityName>\n`,
    );
    if (node.typeCode) out(`${p}<${typeElement}>${node.typeCode}</${typeElement}>\n`);
    if (node.level) {
      if (levelsInXml) {
        out(
          `${p}<OrganisationalLevelCode>${generatedLevelCode(node.level)}</OrganisationalLevelCode>\n${p}<OrganisationalLevelName>${node.level}</OrganisationalLevelName>\n`,
        );
      } else csv.push(`${code(node)};${generatedLevelCode(node.level)};${node.level}`);
    }
    if (node.kind === 'IE') {
      if (node.ean && node.ean !== 'inherited') out(eanEntity(node.ean, node, p));
    } else {
      if (node.pharmacyNumber) out(`${p}<PharmacyIdentifier>${node.pharmacyNumber}</PharmacyIdentifier>\n`);
      if (node.shak) out(`${p}<ShakIdentifier>${node.shak}</ShakIdentifier>\n`);
      if (node.providerNumber) out(`${p}<ProviderIdentifier>${node.providerNumber}</ProviderIdentifier>\n`);
      out(`${p}<OptionalEanLocationCode>\n`);
      if (node.ean && node.ean !== 'inherited') out(eanEntity(node.ean, node, `${p}\t`));
      else out(`${p}\t<EntityInheritedIndicator>${node.ean === 'inherited'}</EntityInheritedIndicator>\n`);
      out(
        `${p}</OptionalEanLocationCode>\n${p}<GeographicalParent>\n${p}\t<GeographicalParentRelation>${node.kind === 'SI' ? 1 : 2}</GeographicalParentRelation>\n${p}</GeographicalParent>\n`,
      );
    }
    if (node.postal) address('PostalAddressInformation', node.postal, p);
    if (node.visiting) address('VisitingAddressInformation', node.visiting, p);
    if (node.virtual) {
      out(`${p}<VirtualAddressInformation>\n`);
      if (node.virtual.email)
        out(
          `${p}\t<xkom:EmailAddressIdentifier>${escape(node.virtual.email)}</xkom:EmailAddressIdentifier>\n`,
        );
      if (node.virtual.web) out(`${p}\t<Website>${escape(node.virtual.web)}</Website>\n`);
      out(
        `${p}\t<TelephoneNumberIdentifier>${node.virtual.phone}</TelephoneNumberIdentifier>\n${p}</VirtualAddressInformation>\n`,
      );
    }
    if (node.specialties.length > 0) {
      out(`${p}<ClinicalSpecialityCollection>\n`);
      for (const specialty of node.specialties) {
        out(
          `${p}\t<ClinicalSpeciality>\n${p}\t\t<SpecialityCode>${specialty}</SpecialityCode>\n${p}\t\t<SpecialityType>51000095001</SpecialityType>\n${p}\t</ClinicalSpeciality>\n`,
        );
      }
      out(`${p}</ClinicalSpecialityCollection>\n`);
    }
    out(`${p}<SorStatus>\n${p}\t<FromDate>${node.changedFrom}</FromDate>\n`);
    if (node.validTo) out(`${p}\t<ToDate>${node.validTo}</ToDate>\n`);
    out(
      `${p}\t<UpdatedAt>${node.changedFrom}</UpdatedAt>\n${p}\t<FirstFromDate>${node.validFrom}</FirstFromDate>\n${p}</SorStatus>\n`,
    );
    for (const [element, list] of [
      ['ReplacesEntityCollection', node.replaces],
      ['ReplacedByEntityCollection', node.replacedBy],
    ] as const) {
      if (list.length === 0) continue;
      out(
        `${p}<${element}>\n${list.map((other) => `${p}\t<SorIdentifier>${code(other)}</SorIdentifier>\n`).join('')}${p}</${element}>\n`,
      );
    }
    out(`${pad}\t</${data}>\n`);
    stack.push({ node, depth, closing: true });
    for (let i = node.children.length - 1; i >= 0; i--)
      stack.push({ node: node.children[i], depth: depth + 1, closing: false });
  }
  out('</SorTree>\n');
  options.write(buffer);
  if (options.levelsFile) await writeFile(options.levelsFile, `${csv.join('\n')}\n`);
  return { units: g.all.length, snapshotDate: g.snapshotDate };
}
