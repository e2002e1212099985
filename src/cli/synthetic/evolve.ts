import { REGIONS } from './seed-data/hospitals.js';
import { SPELLED_OUT } from './seed-data/departments.js';
import { DISTRICTS } from './seed-data/places.js';
import { PRACTICES } from './seed-data/practices.js';
import { GAINED_SPECIALTY } from './seed-data/codes.js';
import { addSection } from './hospitals.js';
import { addPractice } from './primary-care.js';
import type { SyntheticEntity, SyntheticRegister } from './register.js';

/** The region of the nearest own EAN up the tree. */
function regionOf(entity: SyntheticEntity): string {
  for (let at: SyntheticEntity | null = entity; at; at = at.parent) {
    if (at.ean && at.ean !== 'inherited') return at.ean.region;
  }
  return REGIONS[0].code;
}

/** ≈1 % of units get a new phone, a changed name, a new building number or a specialty changed. */
function changeSome(register: SyntheticRegister, count: number): void {
  const { random } = register;
  for (let i = 0; i < Math.round(count * 0.01); i++) {
    const entity = random.pick(register.all);
    const what = random.int(0, 3);
    if (what === 0 && entity.virtual)
      entity.virtual = { ...entity.virtual, phone: register.phone(entity.virtual.phone.slice(0, 2)) };
    else if (what === 1)
      entity.name = entity.name.includes(SPELLED_OUT[0])
        ? entity.name.replace(SPELLED_OUT[0], SPELLED_OUT[1])
        : `${entity.name}, ${random.pick(DISTRICTS)}`;
    else if (what === 2 && entity.postal)
      entity.postal = { ...entity.postal, building: String(random.int(1, 160)) };
    else entity.specialties = entity.specialties.length > 0 ? [] : [GAINED_SPECIALTY];
    entity.changedFrom = register.snapshotDate;
  }
}

/** 0.3 % new: sections in departments and new practices, by turns, valid from today. */
function addSome(register: SyntheticRegister, count: number): void {
  const { random } = register;
  const departments = register.all.filter((entity) => entity.level === 'Afdeling');
  const before = register.all.length;
  for (let i = 0; i < Math.round(count * 0.003); i++) {
    if (i % 2 === 0 && departments.length > 0) {
      const department = random.pick(departments);
      // An index past the seeded sections': the name gets a ward suffix, and past the SHAK
      // suffixes no SHAK code, as units made after SHAK's time have none.
      addSection(register, department, department.children.length + 40, regionOf(department), 0);
    } else addPractice(register, random.pick(PRACTICES));
  }
  for (const entity of register.all.slice(before))
    entity.validFrom = entity.changedFrom = register.snapshotDate;
}

/** 0.2 % gone: units (OE) with nothing below them and no replacement links. */
function removeSome(register: SyntheticRegister, count: number): void {
  const { random } = register;
  const removals = Math.round(count * 0.002);
  for (let i = 0, tries = 0; i < removals && tries < removals * 20; tries++) {
    const index = Math.floor(random.next() * register.all.length);
    const entity = register.all[index];
    if (
      entity.kind !== 'OE' ||
      entity.children.length > 0 ||
      entity.replaces.length > 0 ||
      entity.replacedBy.length > 0
    )
      continue;
    register.all.splice(index, 1);
    const siblings = (entity.parent as SyntheticEntity).children;
    siblings.splice(siblings.indexOf(entity), 1);
    i++;
  }
}

/** 0.05 % of open sections (at least one) retired, replaced by an open sibling section. */
function retireSome(register: SyntheticRegister, count: number): void {
  const sections = register.all.filter((entity) => entity.level === 'Afsnit' && entity.validTo === null);
  for (let i = 0; i < Math.max(1, Math.round(count * 0.0005)); i++) {
    const entity = register.random.pick(sections);
    const successor = entity.parent?.children.find(
      (sibling) => sibling !== entity && sibling.validTo === null && sibling.level === 'Afsnit',
    );
    if (successor) register.retire(entity, successor);
  }
}

/**
 * One night of change at the register's `snapshotDate`: ≈1 % of units changed (phone, name,
 * address or specialty), 0.3 % added (sections, practices), 0.2 % leaf units removed and a few
 * sections retired in favour of a sibling. The shares are of the register as the night began.
 */
export function evolveOneNight(register: SyntheticRegister): void {
  const count = register.all.length;
  changeSome(register, count);
  addSome(register, count);
  removeSome(register, count);
  retireSome(register, count);
}
