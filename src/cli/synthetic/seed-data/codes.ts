// The codes the synthetic generator writes, shaped as the real register uses them: SNOMED CT
// type codes (owner, institution and unit types); the EDI fields of an EAN location are in
// ../ean-edi.ts, where they follow from the EAN.

/** Type codes (`OwnerType`, `InstitutionType`, `UnitType`) by what the entity is. */
export const TYPE_CODE = {
  regionOwner: '550881000005103',
  municipalityOwner: '547211000005108',
  /** The owner of a practice, a pharmacy or a private hospital. */
  privateOwner: '550891000005100',
  hospital: '22232009',
  /** A Hospitalsområde, Center or Overafdeling: a grouping of departments. */
  departmentGroup: '550811000005108',
  /** An Afdeling, an Afsnit or a team below it. */
  hospitalUnit: '550851000005109',
  pharmacy: '264372000',
  pharmacyBranch: '557501000005109',
} as const;

/** The `SpecialityType` of every generated specialty. */
export const SPECIALTY_TYPE = '51000095001';

/** The specialty a unit gains when a night's change gives one to a unit without (intern medicin). */
export const GAINED_SPECIALTY = '394802001';
