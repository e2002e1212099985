import { isRetiredOn, todayIso } from './dates.js';
import { GLN_SYSTEM, PROVIDER_NUMBER_SYSTEM, SOR_IDENTIFIER_SYSTEM, sorIdentifier } from './fhir.js';
import type { SorSelection, SorUnit } from './types.js';

/** SNOMED CT, the system of SOR's entity type codes (`OwnerType`, `InstitutionType`, `UnitType`). */
export const SNOMED_SYSTEM = 'http://snomed.info/sct';

/**
 * MedCom's code system for the clinical-administrative level (ID27). Its codes are the level
 * names (`Hospital`, `Hospitalsområde`, `Center`, `Overafdeling`, `Afdeling`, `Afsnit`); MedCom's
 * EHMI endpoint register profiles carry the level as an `Organization.type` coding in it.
 */
export const ID27_LEVEL_SYSTEM =
  'http://medcomehmi.dk/ig/terminology/CodeSystem/eer-sor-clinical-administrative-hierarchy';

/**
 * The extension that carries a unit's ID27 level exactly as the SOR export gave it (SDS's own
 * code, which may be a SNOMED CT id, and the level's name). It is a logical name, not a published
 * StructureDefinition: the standard place for the level is the `type` coding in
 * {@link ID27_LEVEL_SYSTEM}; the extension keeps the source's code, which that coding cannot.
 */
export const ID27_LEVEL_EXTENSION_URL = 'urn:sor-picker:fhir:StructureDefinition:id27-level';

/** A FHIR R4 `Coding` (the parts this module fills). */
export interface FhirCoding {
  system?: string;
  code: string;
  display?: string;
}

/** A FHIR R4 `Identifier` (the parts this module fills). */
export interface FhirIdentifier {
  system: string;
  value: string;
  use?: 'official' | 'secondary';
}

/**
 * A FHIR R4 `Organization` as DK Core expects it for a SOR unit: the SOR code as the official
 * identifier, EAN/GLN and ydernummer beside it, and never SHAK (DK Core has no SHAK system).
 * Assignable to `Organization` of any R4 type package (checked against `@types/fhir` in the tests).
 */
export interface FhirOrganization {
  resourceType: 'Organization';
  extension?: { url: string; valueCoding: FhirCoding }[];
  identifier: FhirIdentifier[];
  active: boolean;
  type?: { coding: FhirCoding[] }[];
  name: string;
  telecom?: { system: 'phone' | 'email' | 'url'; value: string; use: 'work' }[];
  address?: {
    use: 'work';
    type: 'physical';
    line: string[];
    postalCode: string;
    city: string;
    country: 'DK';
  }[];
  partOf?: {
    identifier: { system: typeof SOR_IDENTIFIER_SYSTEM; value: string };
    display?: string;
  };
}

/** A FHIR R4 `Bundle` of type `collection` holding organisations. */
export interface FhirOrganizationBundle {
  resourceType: 'Bundle';
  type: 'collection';
  entry: { resource: FhirOrganization }[];
}

/** Options of {@link toFhirOrganization}. */
export interface FhirOrganizationOptions {
  /** The date `active` is decided for (ISO `YYYY-MM-DD`); default today. Selections keep theirs. */
  asOf?: string;
  /** The parent's name, shown as `partOf.display` when converting a plain unit. */
  parentName?: string;
}

/** What a FHIR organisation is made from: the fields a unit and a selection share, and two derived. */
type OrganizationSource = Pick<
  SorUnit,
  | 'sorCode'
  | 'name'
  | 'level'
  | 'typeCode'
  | 'ean'
  | 'eanInherited'
  | 'providerNumber'
  | 'address'
  | 'phone'
  | 'email'
  | 'web'
> & {
  active: boolean;
  parent: { sorCode: string; name?: string } | null;
};

const isSelection = (value: SorSelection | SorUnit): value is SorSelection => 'identifier' in value;

function sourceOf(value: SorSelection | SorUnit, options: FhirOrganizationOptions): OrganizationSource {
  if (isSelection(value)) {
    const parent = value.path.length > 1 ? value.path[value.path.length - 2] : null;
    return {
      ...value,
      active: !value.retired && (value.validFrom === null || value.validFrom <= (options.asOf ?? todayIso())),
      parent: parent && { sorCode: parent.sorCode, name: parent.name },
    };
  }
  const asOf = options.asOf ?? todayIso();
  return {
    ...value,
    active: !isRetiredOn(value.validTo, asOf) && (value.validFrom === null || value.validFrom <= asOf),
    parent: value.parentCode === null ? null : { sorCode: value.parentCode, name: options.parentName },
  };
}

/**
 * The FHIR R4 `Organization` of a selection (as `sor-select` hands it over) or of a plain unit.
 *
 * - `identifier`: the SOR code (`urn:oid:1.2.208.176.1.1`, `use: official`); the unit's own
 *   EAN/GLN (an EAN inherited from an ancestor identifies that ancestor, so it is left out here);
 *   the ydernummer (`urn:oid:1.2.208.176.1.4`). SHAK never appears.
 * - `type`: the SOR entity type (SNOMED CT), and the ID27 level in MedCom's code system.
 * - `partOf`: a logical reference to the parent by its SOR identifier.
 * - `active`: valid on the date (a selection's own date decided `retired`).
 */
export function toFhirOrganization(
  value: SorSelection | SorUnit,
  options: FhirOrganizationOptions = {},
): FhirOrganization {
  const unit = sourceOf(value, options);
  const identifier: FhirIdentifier[] = [sorIdentifier(unit.sorCode)];
  if (unit.ean && !unit.eanInherited) identifier.push({ system: GLN_SYSTEM, value: unit.ean });
  if (unit.providerNumber) identifier.push({ system: PROVIDER_NUMBER_SYSTEM, value: unit.providerNumber });
  const organization: FhirOrganization = {
    resourceType: 'Organization',
    identifier,
    active: unit.active,
    name: unit.name,
  };
  const type: { coding: FhirCoding[] }[] = [];
  if (unit.typeCode) type.push({ coding: [{ system: SNOMED_SYSTEM, code: unit.typeCode }] });
  if (unit.level) {
    type.push({ coding: [{ system: ID27_LEVEL_SYSTEM, code: unit.level.name, display: unit.level.name }] });
    organization.extension = [
      {
        url: ID27_LEVEL_EXTENSION_URL,
        valueCoding: { code: unit.level.code, display: unit.level.name },
      },
    ];
  }
  if (type.length > 0) organization.type = type;
  const telecom = (
    [
      ['phone', unit.phone],
      ['email', unit.email],
      ['url', unit.web],
    ] as const
  ).flatMap(([system, contact]) => (contact ? [{ system, value: contact, use: 'work' as const }] : []));
  if (telecom.length > 0) organization.telecom = telecom;
  if (unit.address) {
    const { street, postcode, city } = unit.address;
    organization.address = [
      { use: 'work', type: 'physical', line: [street], postalCode: postcode, city, country: 'DK' },
    ];
  }
  if (unit.parent) {
    organization.partOf = {
      identifier: { system: SOR_IDENTIFIER_SYSTEM, value: unit.parent.sorCode },
      ...(unit.parent.name ? { display: unit.parent.name } : {}),
    };
  }
  return organization;
}

/** A FHIR `Bundle` (type `collection`) of the organisations of several selections or units. */
export function toFhirBundle(
  values: readonly (SorSelection | SorUnit)[],
  options: FhirOrganizationOptions = {},
): FhirOrganizationBundle {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: values.map((value) => ({ resource: toFhirOrganization(value, options) })),
  };
}
