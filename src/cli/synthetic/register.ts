import { eanCheckDigit } from '../../model/codes.js';
import type { Id27LevelName } from '../../model/id27.js';
import { SOR_NAME_MAX_LENGTH } from '../import/names.js';
import type { SorEntityKind } from '../sor-xml-elements.js';
import type { EdiSystem } from './ean-edi.js';
import { SeededRandom } from './random.js';
import { FIRST_NAMES, LAST_NAMES } from './seed-data/practices.js';
import { DISTRICTS, STREETS } from './seed-data/places.js';

/** The `SnapshotDate` of night 0; night K is K days later. */
export const GENERATED_BASE_DATE = '2025-03-01';

/** A generated postal or visiting address. */
export interface SyntheticAddress {
  street: string;
  building: string;
  postcode: string;
  city: string;
}

/** A generated EAN location number with the region it belongs to and what receives on it. */
export interface SyntheticEan {
  code: string;
  region: string;
  system: EdiSystem;
}

/** One generated entity of the register, before it is written as XML. */
export interface SyntheticEntity {
  kind: SorEntityKind;
  /** The running number its SOR code is made from. */
  running: number;
  name: string;
  typeCode: string | null;
  shak: string | null;
  level: Id27LevelName | null;
  /** Own EAN with its region, or inherited, or none. */
  ean: SyntheticEan | 'inherited' | null;
  providerNumber: string | null;
  pharmacyNumber: string | null;
  postal: SyntheticAddress | null;
  visiting: SyntheticAddress | null;
  virtual: { phone: string; email: string | null; web: string | null } | null;
  specialties: string[];
  validFrom: string;
  changedFrom: string;
  validTo: string | null;
  replaces: SyntheticEntity[];
  replacedBy: SyntheticEntity[];
  children: SyntheticEntity[];
  parent: SyntheticEntity | null;
  /** Department seed stem, for naming new sections on later nights. */
  stem?: string;
}

/** `date` (`YYYY-MM-DD`) moved by `days`. */
export function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * The register being generated: its entities (in the order made, owners as roots) and the number
 * series SOR codes, EANs, ydernumre and pharmacy numbers are issued from. The builders
 * (`hospitals.ts`, `primary-care.ts`) add to it; `evolve.ts` changes it night by night.
 */
export class SyntheticRegister {
  readonly random: SeededRandom;
  private nextRunning = 1000;
  private nextEan = 1000;
  private nextProvider = 10000;
  private nextPharmacy = 100;
  readonly all: SyntheticEntity[] = [];
  readonly roots: SyntheticEntity[] = [];
  snapshotDate = GENERATED_BASE_DATE;

  constructor(seed: number) {
    this.random = new SeededRandom(seed);
  }

  /** A day from 1 January of `fromYear` to the day before the snapshot. */
  date(fromYear: number): string {
    const start = Date.parse(`${fromYear}-01-01T00:00:00Z`);
    const end = Date.parse(`${this.snapshotDate}T00:00:00Z`) - 86_400_000;
    return new Date(start + Math.floor(this.random.next() * ((end - start) / 86_400_000)) * 86_400_000)
      .toISOString()
      .slice(0, 10);
  }

  /** The next running number of a SOR code. */
  running(): number {
    // Codes are issued in order with occasional gaps (codes used by other registrations).
    this.nextRunning += this.random.chance(0.08) ? this.random.int(2, 30) : 1;
    return this.nextRunning;
  }

  /** The next EAN location number (579…, with its check digit) in `region`, where `system` receives. */
  ean(region: string, system: EdiSystem): SyntheticEan {
    this.nextEan += this.random.int(1, 4);
    const body = String(579000000000 + this.nextEan);
    return { code: body + eanCheckDigit(body), region, system };
  }

  /** The next ydernummer (six digits). */
  provider(): string {
    this.nextProvider += this.random.int(1, 9);
    return String(this.nextProvider).padStart(6, '0');
  }

  /** The next pharmacy number. */
  pharmacy(): number {
    this.nextPharmacy += this.random.int(1, 3);
    return this.nextPharmacy;
  }

  /** An eight-digit phone number starting with `prefix`. */
  phone(prefix: string): string {
    let phone = prefix;
    while (phone.length < 8) phone += String(this.random.int(0, 9));
    return phone;
  }

  /** A first and last name. */
  person(): string {
    return `${this.random.pick(FIRST_NAMES)} ${this.random.pick(LAST_NAMES)}`;
  }

  /** An address in `postcode` `city` on a common street. */
  address(postcode: string, city: string): SyntheticAddress {
    return {
      street: this.random.pick(STREETS),
      building: String(this.random.int(1, 160)),
      postcode,
      city,
    };
  }

  /**
   * Adds an entity under `parent` (an owner when null), valid from a day since `fromYear`; its kind
   * follows from the parent's. `fields` override the defaults.
   */
  add(
    parent: SyntheticEntity | null,
    fields: Partial<SyntheticEntity> & { name: string },
    fromYear = 2007,
  ): SyntheticEntity {
    const validFrom = this.date(fromYear);
    const entity: SyntheticEntity = {
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
      changedFrom: this.random.chance(0.4) ? validFrom : addDays(validFrom, this.random.int(1, 900)),
      validTo: null,
      replaces: [],
      replacedBy: [],
      children: [],
      parent,
      ...fields,
    };
    if (entity.changedFrom > this.snapshotDate) entity.changedFrom = this.snapshotDate;
    if (parent) parent.children.push(entity);
    else this.roots.push(entity);
    this.all.push(entity);
    return entity;
  }

  /** Closes `entity` on a day of the last year and names `successor` as what replaced it. */
  retire(entity: SyntheticEntity, successor: SyntheticEntity): void {
    entity.validTo = addDays(this.snapshotDate, -this.random.int(1, 365));
    if (entity.validTo < entity.validFrom) entity.validTo = entity.validFrom;
    entity.changedFrom = entity.validTo;
    entity.replacedBy.push(successor);
    successor.replaces.push(entity);
  }

  /**
   * Keeps the generated names within what the build accepts without a warning: at most the
   * schema's 60 characters, and no two children of one parent named alike (real SOR tells such
   * units apart by district or number, and the build reports duplicates).
   */
  tidyNames(): void {
    const byParent = new Map<SyntheticEntity | null, Set<string>>();
    for (const entity of this.all) {
      if (entity.name.length > SOR_NAME_MAX_LENGTH)
        entity.name = entity.name.slice(0, SOR_NAME_MAX_LENGTH).replace(/[\s,–-]+\S*$/, '');
      let taken = byParent.get(entity.parent);
      if (taken === undefined) byParent.set(entity.parent, (taken = new Set()));
      let name = entity.name;
      for (let n = 0; taken.has(name.toLocaleLowerCase('da')); n++) {
        const suffix = n < DISTRICTS.length ? `, ${DISTRICTS[n]}` : ` ${n - DISTRICTS.length + 2}`;
        name = `${entity.name.slice(0, SOR_NAME_MAX_LENGTH - suffix.length)}${suffix}`;
      }
      entity.name = name;
      taken.add(name.toLocaleLowerCase('da'));
    }
  }
}

/** A seed's "Street 12" address split into street and building number. */
export function splitAddress(street: string, postcode: string, city: string): SyntheticAddress {
  const match = /^(.*?)\s+(\d[\w-]*)$/.exec(street);
  return { street: match ? match[1] : street, building: match ? match[2] : '', postcode, city };
}

/** A name as the ASCII word of a web address or e-mail (`Aalborg Øst` → `aalborgoest`). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9]+/g, '');
}

/** A seed's name pattern with its `{placeholders}` filled in (an unknown one stays its key). */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\}/g, (_match, key: string) => values[key] ?? key);
}
