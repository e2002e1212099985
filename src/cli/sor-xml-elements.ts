// The names of SOR XML, in one place for the reader (`import/sor-xml.ts`) and the writer of the
// synthetic export (`synthetic/write-xml.ts`), so what one writes the other is sure to read.
// Element names follow the SOR v1 schemas (../shared/sor-samples); the ID27 level elements follow
// the NSP field names of SOR XML v3, which has no public schema.

/** The namespace of SOR XML v1, the only version with a public schema. */
export const SOR_XML_NAMESPACE = 'urn:oio:sundhedsstyrelsen:organisation:1.0.0';

/**
 * Every SOR XML version's namespace: `urn:oio:sundhedsstyrelsen:organisation:<version>`. The
 * daily v2 export and the v3 export (2023, with the ID27 level) have no public schema here, so
 * every version is read by local names.
 */
export const SOR_XML_NAMESPACE_PATTERN = /^urn:oio:sundhedsstyrelsen:organisation:(\d+(?:\.\d+)*)$/;

/**
 * The OIO namespaces SOR's addresses and e-mail use, by the prefix the writer declares them with,
 * in the order it declares them. Prefixes differ between real exports (`xkom`, `xkom-1`,
 * `dkcc2005`, …): the reader matches by namespace URI only.
 */
export const OIO_NAMESPACES = {
  'xkom-1': 'http://rep.oio.dk/xkom.dk/xml/schemas/2006/01/06/',
  dkcc: 'http://rep.oio.dk/ebxml/xml/schemas/dkcc/2003/02/13/',
  dkcc2005: 'http://rep.oio.dk/ebxml/xml/schemas/dkcc/2005/03/15/',
  xkom: 'http://rep.oio.dk/xkom.dk/xml/schemas/2005/03/15/',
} as const;

/** A prefix of `OIO_NAMESPACES`. */
export type OioPrefix = keyof typeof OIO_NAMESPACES;

/** An element of an OIO namespace: its local name and the prefix the writer gives it. */
export interface OioElement {
  prefix: OioPrefix;
  local: string;
}

/** The OIO elements of an address and a virtual address. */
export const OIO_ELEMENT = {
  addressPostal: { prefix: 'xkom-1', local: 'AddressPostal' },
  streetName: { prefix: 'dkcc2005', local: 'StreetName' },
  building: { prefix: 'dkcc', local: 'StreetBuildingIdentifier' },
  postcode: { prefix: 'dkcc2005', local: 'PostCodeIdentifier' },
  district: { prefix: 'dkcc2005', local: 'DistrictName' },
  country: { prefix: 'dkcc', local: 'CountryIdentificationCode' },
  email: { prefix: 'xkom', local: 'EmailAddressIdentifier' },
} as const satisfies Record<string, OioElement>;

/** The three kinds of SOR entity: owner (IE), institution (SI), organisational unit (OE). */
export type SorEntityKind = 'IE' | 'SI' | 'OE';

/**
 * Each kind's entity element, the data element inside it (the entity's own fields; child
 * entities follow it) and the element of its SNOMED CT type code.
 */
export const ENTITY_ELEMENTS = {
  IE: { entity: 'InstitutionOwnerEntity', data: 'InstitutionOwner', type: 'OwnerType' },
  SI: { entity: 'HealthInstitutionEntity', data: 'HealthInstitution', type: 'InstitutionType' },
  OE: { entity: 'OrganizationalUnitEntity', data: 'OrganizationalUnit', type: 'UnitType' },
} as const satisfies Record<SorEntityKind, { entity: string; data: string; type: string }>;

/** The elements of the SOR namespace, by what they hold. */
export const SOR_ELEMENT = {
  tree: 'SorTree',
  createdAt: 'CreatedAtTime',
  snapshotDate: 'SnapshotDate',
  sorIdentifier: 'SorIdentifier',
  entityName: 'EntityName',
  shak: 'ShakIdentifier',
  provider: 'ProviderIdentifier',
  pharmacy: 'PharmacyIdentifier',
  optionalEan: 'OptionalEanLocationCode',
  eanEntity: 'EanLocationCodeEntity',
  eanCode: 'EanLocationCode',
  eanInherited: 'EntityInheritedIndicator',
  regionCode: 'RegionCode',
  geographicalParent: 'GeographicalParent',
  geographicalParentRelation: 'GeographicalParentRelation',
  postalAddress: 'PostalAddressInformation',
  visitingAddress: 'VisitingAddressInformation',
  activityAddress: 'ActivityAddressInformation',
  virtualAddress: 'VirtualAddressInformation',
  phone: 'TelephoneNumberIdentifier',
  website: 'Website',
  fax: 'FaxNumberIdentifier',
  specialtyCollection: 'ClinicalSpecialityCollection',
  specialty: 'ClinicalSpeciality',
  specialtyCode: 'SpecialityCode',
  specialtyType: 'SpecialityType',
  status: 'SorStatus',
  fromDate: 'FromDate',
  toDate: 'ToDate',
  updatedAt: 'UpdatedAt',
  firstFromDate: 'FirstFromDate',
  replaces: 'ReplacesEntityCollection',
  replacedBy: 'ReplacedByEntityCollection',
} as const;

/**
 * The EDI fields of an EAN location entity (`EanLocationCodeEntity`), in schema order around
 * `EanLocationCode` and `RegionCode`: who runs the EDI system and whether the location takes
 * messages from outside.
 */
export const EAN_EDI_ELEMENT = {
  onlyInternal: 'OnlyInternalIndicator',
  nonActive: 'NonActiveIndicator',
  systemSupplier: 'SystemSupplier',
  systemType: 'SystemType',
  communicationSupplier: 'CommunicationSupplier',
  ediAdministrator: 'EdiAdministrator',
} as const;

/**
 * The ID27 level elements. SOR XML v3 has no public schema, so each is accepted under every name
 * it has gone by; the first is the NSP field name, which the writer uses. A level can also be a
 * container element holding a `…Code` and a `…Name`.
 */
export const LEVEL_ELEMENTS = {
  code: ['OrganisationalLevelCode', 'OrganizationalLevelCode', 'ClinicalAdministrativeLevelCode'],
  name: ['OrganisationalLevelName', 'OrganizationalLevelName', 'ClinicalAdministrativeLevelName'],
  container: ['OrganisationalLevel', 'OrganizationalLevel', 'ClinicalAdministrativeLevel'],
} as const;

/**
 * Elements of the SOR v1 schemas the reader has no use for: known, so never reported as new. (A
 * field the reader starts to map moves from here to its element table.)
 */
export const KNOWN_UNUSED_ELEMENTS: ReadonlySet<string> = new Set([
  'AddressInformation',
  'AmbulantActivityIndicator',
  SOR_ELEMENT.specialty,
  SOR_ELEMENT.specialtyCollection,
  SOR_ELEMENT.geographicalParent,
  SOR_ELEMENT.geographicalParentRelation,
  'GeographicalParentSorIdentifier',
  'LocalAttribute',
  'LocalAttributeCollection',
  'LocalCode',
  SOR_ELEMENT.optionalEan,
  'OrganizationalUnitInformation',
  'PatientsAdmittedIndicator',
  'ReportingLevelIndicator',
  'SorIdentifierCollection',
  'SorName',
  'SorNote',
  SOR_ELEMENT.specialtyType,
  'Stairway',
  SOR_ELEMENT.updatedAt,
]);
