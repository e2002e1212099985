// The reader's ids of the SOR XML elements it maps: one Map lookup per element instead of a chain
// of string tests, which matters at two million elements per national export. Names come from
// the shared table of SOR XML names.
import type { RawUnit } from './raw-export.js';
import {
  EAN_EDI_ELEMENT,
  ENTITY_ELEMENTS,
  LEVEL_ELEMENTS,
  OIO_ELEMENT,
  SOR_ELEMENT,
} from '../sor-xml-elements.js';

export const OTHER = 0; // in a namespace we read, but of no interest
export const FOREIGN = 1; // outside the namespaces we read
export const SOR_TREE = 2;
export const OWNER_ENTITY = 3;
export const INSTITUTION_ENTITY = 4;
export const UNIT_ENTITY = 5;
export const OWNER = 6;
export const INSTITUTION = 7;
export const UNIT = 8;
export const REPLACED_BY_COLLECTION = 9;
export const REPLACES_COLLECTION = 10;
export const EAN_ENTITY = 11;
export const VIRTUAL_ADDRESS = 12;
export const POSTAL_ADDRESS = 13;
export const VISITING_ADDRESS = 14;
export const ACTIVITY_ADDRESS = 15;
export const ADDRESS_POSTAL = 16;
export const SOR_STATUS = 17;
export const SOR_IDENTIFIER = 18;
export const ENTITY_NAME = 19;
export const TYPE_CODE = 20;
export const SHAK = 21;
export const PROVIDER = 22;
export const PHARMACY = 23;
export const EAN_CODE = 24;
export const REGION_CODE = 25;
export const EAN_INHERITED = 26;
export const FROM_DATE = 27;
export const TO_DATE = 28;
export const FIRST_FROM_DATE = 29;
export const SPECIALITY_CODE = 30;
export const LEVEL_CODE = 31;
export const LEVEL_NAME = 32;
export const PHONE = 33;
export const EMAIL = 34;
export const WEBSITE = 35;
export const FAX = 36;
export const STREET_NAME = 37;
export const BUILDING = 38;
export const POSTCODE = 39;
export const DISTRICT = 40;
export const CREATED_AT = 41;
export const SNAPSHOT_DATE = 42;
// A nested level element (`<OrganisationalLevel><Code/><Name/></OrganisationalLevel>` or the
// like) and the code and name inside it.
export const LEVEL_CONTAINER = 43;
export const LEVEL_PART_CODE = 44;
export const LEVEL_PART_NAME = 45;
// The EDI fields of an EAN entity.
export const SYSTEM_TYPE = 46;
export const SYSTEM_SUPPLIER = 47;
export const COMMUNICATION_SUPPLIER = 48;
export const EDI_ADMINISTRATOR = 49;
export const ONLY_INTERNAL = 50;
export const NON_ACTIVE = 51;

const LEVEL_IDS: [string, number][] = [
  ...LEVEL_ELEMENTS.code.map((name): [string, number] => [name, LEVEL_CODE]),
  ...LEVEL_ELEMENTS.name.map((name): [string, number] => [name, LEVEL_NAME]),
  ...LEVEL_ELEMENTS.container.map((name): [string, number] => [name, LEVEL_CONTAINER]),
];

/** Local name → element id, for the elements the reader maps. */
export const ELEMENT_ID: ReadonlyMap<string, number> = new Map<string, number>([
  [SOR_ELEMENT.tree, SOR_TREE],
  [ENTITY_ELEMENTS.IE.entity, OWNER_ENTITY],
  [ENTITY_ELEMENTS.SI.entity, INSTITUTION_ENTITY],
  [ENTITY_ELEMENTS.OE.entity, UNIT_ENTITY],
  [ENTITY_ELEMENTS.IE.data, OWNER],
  [ENTITY_ELEMENTS.SI.data, INSTITUTION],
  [ENTITY_ELEMENTS.OE.data, UNIT],
  [ENTITY_ELEMENTS.IE.type, TYPE_CODE],
  [ENTITY_ELEMENTS.SI.type, TYPE_CODE],
  [ENTITY_ELEMENTS.OE.type, TYPE_CODE],
  [SOR_ELEMENT.replacedBy, REPLACED_BY_COLLECTION],
  [SOR_ELEMENT.replaces, REPLACES_COLLECTION],
  [SOR_ELEMENT.eanEntity, EAN_ENTITY],
  [SOR_ELEMENT.virtualAddress, VIRTUAL_ADDRESS],
  [SOR_ELEMENT.postalAddress, POSTAL_ADDRESS],
  [SOR_ELEMENT.visitingAddress, VISITING_ADDRESS],
  [SOR_ELEMENT.activityAddress, ACTIVITY_ADDRESS],
  [OIO_ELEMENT.addressPostal.local, ADDRESS_POSTAL],
  [SOR_ELEMENT.status, SOR_STATUS],
  [SOR_ELEMENT.sorIdentifier, SOR_IDENTIFIER],
  [SOR_ELEMENT.entityName, ENTITY_NAME],
  [SOR_ELEMENT.shak, SHAK],
  [SOR_ELEMENT.provider, PROVIDER],
  [SOR_ELEMENT.pharmacy, PHARMACY],
  [SOR_ELEMENT.eanCode, EAN_CODE],
  [SOR_ELEMENT.regionCode, REGION_CODE],
  [SOR_ELEMENT.eanInherited, EAN_INHERITED],
  [SOR_ELEMENT.fromDate, FROM_DATE],
  [SOR_ELEMENT.toDate, TO_DATE],
  [SOR_ELEMENT.firstFromDate, FIRST_FROM_DATE],
  [SOR_ELEMENT.specialtyCode, SPECIALITY_CODE],
  ...LEVEL_IDS,
  [SOR_ELEMENT.phone, PHONE],
  [OIO_ELEMENT.email.local, EMAIL],
  [SOR_ELEMENT.website, WEBSITE],
  [SOR_ELEMENT.fax, FAX],
  [OIO_ELEMENT.streetName.local, STREET_NAME],
  [OIO_ELEMENT.building.local, BUILDING],
  [OIO_ELEMENT.postcode.local, POSTCODE],
  [OIO_ELEMENT.district.local, DISTRICT],
  [SOR_ELEMENT.createdAt, CREATED_AT],
  [SOR_ELEMENT.snapshotDate, SNAPSHOT_DATE],
  [EAN_EDI_ELEMENT.systemType, SYSTEM_TYPE],
  [EAN_EDI_ELEMENT.systemSupplier, SYSTEM_SUPPLIER],
  [EAN_EDI_ELEMENT.communicationSupplier, COMMUNICATION_SUPPLIER],
  [EAN_EDI_ELEMENT.ediAdministrator, EDI_ADMINISTRATOR],
  [EAN_EDI_ELEMENT.onlyInternal, ONLY_INTERNAL],
  [EAN_EDI_ELEMENT.nonActive, NON_ACTIVE],
]);

// Which field of a raw EAN entity each EDI element fills.
export const EDI_FIELD: Readonly<Record<number, keyof typeof EAN_EDI_ELEMENT>> = {
  [SYSTEM_TYPE]: 'systemType',
  [SYSTEM_SUPPLIER]: 'systemSupplier',
  [COMMUNICATION_SUPPLIER]: 'communicationSupplier',
  [EDI_ADMINISTRATOR]: 'ediAdministrator',
  [ONLY_INTERNAL]: 'onlyInternal',
  [NON_ACTIVE]: 'nonActive',
};

/** The three entity elements: their kind, their data element and the parents SOR allows. */
export const ENTITY: Record<
  number,
  { kind: RawUnit['kind']; data: number; parents: number[]; allowed: string }
> = {
  [OWNER_ENTITY]: { kind: 'IE', data: OWNER, parents: [SOR_TREE], allowed: SOR_ELEMENT.tree },
  [INSTITUTION_ENTITY]: {
    kind: 'SI',
    data: INSTITUTION,
    parents: [OWNER_ENTITY],
    allowed: ENTITY_ELEMENTS.IE.entity,
  },
  // Directly under an owner is against the schema but found in production data: the build
  // reports it and keeps the unit (see `importExport`).
  [UNIT_ENTITY]: {
    kind: 'OE',
    data: UNIT,
    parents: [INSTITUTION_ENTITY, UNIT_ENTITY, OWNER_ENTITY],
    allowed: `${ENTITY_ELEMENTS.SI.entity} or ${ENTITY_ELEMENTS.OE.entity}`,
  },
};
