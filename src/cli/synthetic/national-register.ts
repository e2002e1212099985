import { REGIONS, HOSPITALS } from './seed-data/hospitals.js';
import { MUNICIPALITIES, PRIVATE_HOSPITALS } from './seed-data/places.js';
import { PRACTICES } from './seed-data/practices.js';
import { TYPE_CODE } from './seed-data/codes.js';
import { addPrivateHospital, buildHospital } from './hospitals.js';
import { addMunicipality, addPharmacy, addPractice } from './primary-care.js';
import { slug, splitAddress, type SyntheticEntity, type SyntheticRegister } from './register.js';

/**
 * Fills an empty register with night 0 of a national register of exactly `units` entities: the
 * regions and their hospitals (36 %), private hospitals (2 %), municipalities (24 %), pharmacies
 * (3 %) and private practice for the rest; about 1 % of hospital sections already retired.
 */
export function populateRegister(register: SyntheticRegister, units: number): void {
  const { random } = register;
  const hospitalBudget = Math.round(units * 0.36);
  const weights = HOSPITALS.reduce((sum, h) => sum + h.weight, 0);
  for (const region of REGIONS) {
    const owner = register.add(null, {
      name: region.name,
      typeCode: TYPE_CODE.regionOwner,
      ean: register.ean(region.code, 'hospital'),
      postal: splitAddress(region.street, region.postcode, region.city),
      virtual: { phone: register.phone(region.phone), email: null, web: `www.${slug(region.name)}.dk` },
    });
    for (const hospital of HOSPITALS.filter((h) => h.region === region.code)) {
      buildHospital(
        register,
        owner,
        hospital,
        Math.max(8, Math.round((hospitalBudget * hospital.weight) / weights)),
      );
    }
  }
  const privateBudget = Math.round(units * 0.02);
  for (const entry of PRIVATE_HOSPITALS)
    addPrivateHospital(register, entry, Math.max(3, Math.round(privateBudget / PRIVATE_HOSPITALS.length)));
  const municipalBudget = Math.round(units * 0.24);
  const population = MUNICIPALITIES.reduce((sum, m) => sum + m[4], 0);
  for (const entry of MUNICIPALITIES)
    addMunicipality(register, entry, Math.max(2, Math.round((municipalBudget * entry[4]) / population)));
  let pharmacyUnits = Math.round(units * 0.03);
  while (pharmacyUnits > 0) pharmacyUnits -= addPharmacy(register);
  // Practices fill the rest, by share: most of the register is private practice.
  const shares = PRACTICES.reduce((sum, p) => sum + p.share, 0);
  while (register.all.length < units) {
    let r = random.next() * shares;
    const seed = PRACTICES.find((p) => (r -= p.share) <= 0) ?? PRACTICES[0];
    addPractice(register, seed);
  }
  // Trim to the exact count: drop the last-made leaf units (the tail of the last practices).
  while (register.all.length > units) {
    const entity = register.all.pop() as SyntheticEntity;
    const siblings = entity.parent ? entity.parent.children : register.roots;
    siblings.splice(siblings.indexOf(entity), 1);
    if (entity.children.length > 0) throw new Error('generator: trimmed a unit with children');
  }
  // About 1% of hospital sections are retired, replaced by a sibling section.
  for (const entity of register.all) {
    if (
      entity.level === 'Afsnit' &&
      entity.parent &&
      entity.parent.children.length > 2 &&
      random.chance(0.01)
    ) {
      const successor = entity.parent.children.find(
        (sibling) => sibling !== entity && sibling.validTo === null && sibling.level === 'Afsnit',
      );
      if (successor) register.retire(entity, successor);
    }
  }
}
