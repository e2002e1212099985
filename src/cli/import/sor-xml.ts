import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { normaliseXsdDate, isXsdDateTime } from '../../model/dates.js';
import { SorImportError, type SourcePosition } from './errors.js';
import { emptyEanEntity, type RawEanEntity } from './ean-entity.js';
import {
  InvalidTextError,
  StrictTextDecoder,
  UnsupportedEncodingError,
  sniffEncoding,
} from './text-decoding.js';

/** The namespace of SOR XML v1, the only version with a public schema. */
export const SOR_XML_NAMESPACE = 'urn:oio:sundhedsstyrelsen:organisation:1.0.0';

/**
 * Every SOR XML version's namespace: `urn:oio:sundhedsstyrelsen:organisation:<version>`. The
 * daily v2 export and the v3 export (2023, with the ID27 level) have no public schema here, so
 * every version is read by local names; what this reader does not know is reported, not fatal.
 */
export const SOR_XML_NAMESPACE_PATTERN = /^urn:oio:sundhedsstyrelsen:organisation:(\d+(?:\.\d+)*)$/;

/**
 * How deep elements may nest. A real export nests under 20 (units under 10 levels); the limit
 * stops a hostile file from costing time and memory with depth alone.
 */
export const MAX_ELEMENT_DEPTH = 100;

// Elements of the SOR v1 schemas this reader has no use for: known, so never reported as new.
const KNOWN_UNUSED_ELEMENTS = new Set([
  'AddressInformation',
  'AmbulantActivityIndicator',
  'ClinicalSpeciality',
  'ClinicalSpecialityCollection',
  'GeographicalParent',
  'GeographicalParentRelation',
  'GeographicalParentSorIdentifier',
  'LocalAttribute',
  'LocalAttributeCollection',
  'LocalCode',
  'OptionalEanLocationCode',
  'OrganizationalUnitInformation',
  'PatientsAdmittedIndicator',
  'ReportingLevelIndicator',
  'SorIdentifierCollection',
  'SorName',
  'SorNote',
  'SpecialityType',
  'Stairway',
  'UpdatedAt',
]);

// The OIO namespaces SOR's addresses and e-mail use. Prefixes differ between exports (`xkom`,
// `xkom-1`, `dkcc2005`, …): match by namespace URI only.
const ADDRESS_NAMESPACES = new Set([
  'http://rep.oio.dk/xkom.dk/xml/schemas/2005/03/15/',
  'http://rep.oio.dk/xkom.dk/xml/schemas/2006/01/06/',
  'http://rep.oio.dk/ebxml/xml/schemas/dkcc/2003/02/13/',
  'http://rep.oio.dk/ebxml/xml/schemas/dkcc/2005/03/15/',
]);

/** An address as the export gives it, before inheritance. */
export interface RawAddress {
  street: string;
  postcode: string;
  city: string;
}

/** The virtual address (phone, e-mail, web, fax) as the export gives it. */
export interface RawVirtualAddress {
  phone: string | null;
  email: string | null;
  web: string | null;
  fax: string | null;
}

/** One entity of the export exactly as written, before inheritance and validation. */
export interface RawUnit {
  kind: 'IE' | 'SI' | 'OE';
  /** Null when the entity has no `SorIdentifier` (a production quirk the build reports). */
  sorCode: string | null;
  /** The code of the enclosing entity (null for an owner, or when that entity has none). */
  parentCode: string | null;
  /** How many entities enclose this one: 0 for an owner (IE), 1 for an institution (SI), … */
  depth: number;
  name: string | null;
  typeCode: string | null;
  shak: string | null;
  providerNumber: string | null;
  pharmacyNumber: string | null;
  /** Own EAN (`EanLocationCodeEntity/EanLocationCode`). */
  ean: string | null;
  /** `OptionalEanLocationCode/EntityInheritedIndicator`; null when absent. */
  eanInherited: boolean | null;
  /** `EanLocationCodeEntity/RegionCode`. */
  regionCode: string | null;
  /** The EDI fields of the unit's own `EanLocationCodeEntity`; null when it has none. */
  eanEntity: RawEanEntity | null;
  postal: RawAddress | null;
  visiting: RawAddress | null;
  activity: RawAddress | null;
  virtual: RawVirtualAddress | null;
  specialties: string[];
  validFrom: string | null;
  changedFrom: string | null;
  validTo: string | null;
  replaces: string[];
  replacedBy: { code: string; position: SourcePosition }[];
  /** `OrganisationalLevelCode` / `OrganisationalLevelName` (SOR XML v3, NSP field names). */
  levelCode: string | null;
  levelName: string | null;
  /** Where the entity's element opens. */
  position: SourcePosition;
  /** Where its `SorIdentifier` was, when it had one. */
  codePosition: SourcePosition | null;
}

/** An element of a SOR namespace this reader does not know: how often, and where first. */
export interface UnknownElement {
  name: string;
  count: number;
  first: SourcePosition;
}

/** The export's header: `CreatedAtTime` and `SnapshotDate`, and a `SYNTHETIC` label comment if any. */
export interface SorXmlHeader {
  createdAt: string | null;
  /** `SnapshotDate` as `YYYY-MM-DD` (a zone suffix such as `+01:00` or `Z` is dropped). */
  snapshotDate: string | null;
  syntheticLabel: string | null;
  /** The root's namespace, e.g. `urn:oio:sundhedsstyrelsen:organisation:1.0.0`. */
  namespace: string;
  /** The SOR XML version from the namespace, e.g. `1.0.0`. */
  sorXmlVersion: string;
  /** The encoding the file was decoded with (`utf-8` for a producer's text). */
  encoding: string;
  /** Elements of a SOR namespace this reader does not map, in first-seen order. */
  unknownElements: UnknownElement[];
}

/**
 * Where an export's XML comes from: a file path, or a producer that writes the XML in chunks (the
 * generator feeding the build directly, so the demo data needs no 100 MB file on disk). `name`
 * stands for the file in positions and messages.
 */
export type SorXmlSource =
  string | { name: string; produce: (write: (chunk: string) => void) => Promise<unknown> };

/** The name a source goes by in positions and messages. */
export function sourceName(source: SorXmlSource): string {
  return typeof source === 'string' ? source : source.name;
}

// Element ids: one Map lookup per element instead of a chain of string tests, which matters at
// two million elements per national export.
const OTHER = 0; // in a namespace we read, but of no interest
const FOREIGN = 1; // outside the namespaces we read
const SOR_TREE = 2;
const OWNER_ENTITY = 3;
const INSTITUTION_ENTITY = 4;
const UNIT_ENTITY = 5;
const OWNER = 6;
const INSTITUTION = 7;
const UNIT = 8;
const REPLACED_BY_COLLECTION = 9;
const REPLACES_COLLECTION = 10;
const EAN_ENTITY = 11;
const VIRTUAL_ADDRESS = 12;
const POSTAL_ADDRESS = 13;
const VISITING_ADDRESS = 14;
const ACTIVITY_ADDRESS = 15;
const ADDRESS_POSTAL = 16;
const SOR_STATUS = 17;
const SOR_IDENTIFIER = 18;
const ENTITY_NAME = 19;
const TYPE_CODE = 20;
const SHAK = 21;
const PROVIDER = 22;
const PHARMACY = 23;
const EAN_CODE = 24;
const REGION_CODE = 25;
const EAN_INHERITED = 26;
const FROM_DATE = 27;
const TO_DATE = 28;
const FIRST_FROM_DATE = 29;
const SPECIALITY_CODE = 30;
const LEVEL_CODE = 31;
const LEVEL_NAME = 32;
const PHONE = 33;
const EMAIL = 34;
const WEBSITE = 35;
const FAX = 36;
const STREET_NAME = 37;
const BUILDING = 38;
const POSTCODE = 39;
const DISTRICT = 40;
const CREATED_AT = 41;
const SNAPSHOT_DATE = 42;
// A nested level element (`<OrganisationalLevel><Code/><Name/></OrganisationalLevel>` or the
// like) and the code and name inside it.
const LEVEL_CONTAINER = 43;
const LEVEL_PART_CODE = 44;
const LEVEL_PART_NAME = 45;
// The EDI fields of an EAN entity.
const SYSTEM_TYPE = 46;
const SYSTEM_SUPPLIER = 47;
const COMMUNICATION_SUPPLIER = 48;
const EDI_ADMINISTRATOR = 49;
const ONLY_INTERNAL = 50;
const NON_ACTIVE = 51;

const ELEMENT_ID = new Map<string, number>([
  ['SorTree', SOR_TREE],
  ['InstitutionOwnerEntity', OWNER_ENTITY],
  ['HealthInstitutionEntity', INSTITUTION_ENTITY],
  ['OrganizationalUnitEntity', UNIT_ENTITY],
  ['InstitutionOwner', OWNER],
  ['HealthInstitution', INSTITUTION],
  ['OrganizationalUnit', UNIT],
  ['ReplacedByEntityCollection', REPLACED_BY_COLLECTION],
  ['ReplacesEntityCollection', REPLACES_COLLECTION],
  ['EanLocationCodeEntity', EAN_ENTITY],
  ['VirtualAddressInformation', VIRTUAL_ADDRESS],
  ['PostalAddressInformation', POSTAL_ADDRESS],
  ['VisitingAddressInformation', VISITING_ADDRESS],
  ['ActivityAddressInformation', ACTIVITY_ADDRESS],
  ['AddressPostal', ADDRESS_POSTAL],
  ['SorStatus', SOR_STATUS],
  ['SorIdentifier', SOR_IDENTIFIER],
  ['EntityName', ENTITY_NAME],
  ['OwnerType', TYPE_CODE],
  ['InstitutionType', TYPE_CODE],
  ['UnitType', TYPE_CODE],
  ['ShakIdentifier', SHAK],
  ['ProviderIdentifier', PROVIDER],
  ['PharmacyIdentifier', PHARMACY],
  ['EanLocationCode', EAN_CODE],
  ['RegionCode', REGION_CODE],
  ['EntityInheritedIndicator', EAN_INHERITED],
  ['FromDate', FROM_DATE],
  ['ToDate', TO_DATE],
  ['FirstFromDate', FIRST_FROM_DATE],
  ['SpecialityCode', SPECIALITY_CODE],
  ['OrganisationalLevelCode', LEVEL_CODE],
  ['OrganisationalLevelName', LEVEL_NAME],
  ['OrganizationalLevelCode', LEVEL_CODE],
  ['OrganizationalLevelName', LEVEL_NAME],
  ['ClinicalAdministrativeLevelCode', LEVEL_CODE],
  ['ClinicalAdministrativeLevelName', LEVEL_NAME],
  ['OrganisationalLevel', LEVEL_CONTAINER],
  ['OrganizationalLevel', LEVEL_CONTAINER],
  ['ClinicalAdministrativeLevel', LEVEL_CONTAINER],
  ['TelephoneNumberIdentifier', PHONE],
  ['EmailAddressIdentifier', EMAIL],
  ['Website', WEBSITE],
  ['FaxNumberIdentifier', FAX],
  ['StreetName', STREET_NAME],
  ['StreetBuildingIdentifier', BUILDING],
  ['PostCodeIdentifier', POSTCODE],
  ['DistrictName', DISTRICT],
  ['CreatedAtTime', CREATED_AT],
  ['SnapshotDate', SNAPSHOT_DATE],
  ['SystemType', SYSTEM_TYPE],
  ['SystemSupplier', SYSTEM_SUPPLIER],
  ['CommunicationSupplier', COMMUNICATION_SUPPLIER],
  ['EdiAdministrator', EDI_ADMINISTRATOR],
  ['OnlyInternalIndicator', ONLY_INTERNAL],
  ['NonActiveIndicator', NON_ACTIVE],
]);

/** The three entity elements: their kind, their data element and the parents SOR allows. */
const ENTITY: Record<number, { kind: RawUnit['kind']; data: number; parents: number[]; allowed: string }> = {
  [OWNER_ENTITY]: { kind: 'IE', data: OWNER, parents: [SOR_TREE], allowed: 'SorTree' },
  [INSTITUTION_ENTITY]: {
    kind: 'SI',
    data: INSTITUTION,
    parents: [OWNER_ENTITY],
    allowed: 'InstitutionOwnerEntity',
  },
  // Directly under an owner is against the schema but found in production data: the build
  // reports it and keeps the unit (see `importExport`).
  [UNIT_ENTITY]: {
    kind: 'OE',
    data: UNIT,
    parents: [INSTITUTION_ENTITY, UNIT_ENTITY, OWNER_ENTITY],
    allowed: 'HealthInstitutionEntity or OrganizationalUnitEntity',
  },
};

// V8 keeps a substring as a slice of its source: a value taken from a 256 KB chunk would keep the
// whole chunk alive for as long as the unit lives. Concatenating and slicing makes a small copy
// (V8 copies strings shorter than 13 characters anyway).
function ownCopy(value: string): string {
  return value.length > 12 ? (value + ' ').slice(0, -1) : value;
}

// Shared by every unit with no specialties / replacements (most of them): three empty arrays per
// unit cost ~10 MB at 100k units. Frozen, so a stray push fails loudly instead of touching all.
const NONE: string[] = Object.freeze([]) as unknown as string[];
const NO_SUCCESSORS: RawUnit['replacedBy'] = Object.freeze([]) as unknown as RawUnit['replacedBy'];

function emptyUnit(
  kind: RawUnit['kind'],
  parentCode: string | null,
  depth: number,
  position: SourcePosition,
): RawUnit {
  return {
    kind,
    sorCode: null,
    parentCode,
    depth,
    name: null,
    typeCode: null,
    shak: null,
    providerNumber: null,
    pharmacyNumber: null,
    ean: null,
    eanInherited: null,
    regionCode: null,
    eanEntity: null,
    postal: null,
    visiting: null,
    activity: null,
    virtual: null,
    specialties: NONE,
    validFrom: null,
    changedFrom: null,
    validTo: null,
    replaces: NONE,
    replacedBy: NO_SUCCESSORS,
    levelCode: null,
    levelName: null,
    position,
    codePosition: null,
  };
}

// Which field of a raw EAN entity each EDI code element fills.
const EDI_CODE_FIELD: Record<
  number,
  'systemType' | 'systemSupplier' | 'communicationSupplier' | 'ediAdministrator'
> = {
  [SYSTEM_TYPE]: 'systemType',
  [SYSTEM_SUPPLIER]: 'systemSupplier',
  [COMMUNICATION_SUPPLIER]: 'communicationSupplier',
  [EDI_ADMINISTRATOR]: 'ediAdministrator',
};

interface AddressParts {
  streetName: string;
  building: string;
  postcode: string;
  city: string;
}

/** One open entity: the unit being read (or already emitted) and the depth of its data element. */
interface OpenEntity {
  unit: RawUnit;
  emitted: boolean;
  dataDepth: number;
  /** A level element after the data element closed (and the unit was emitted). */
  lateLevel: { code: string | null; name: string | null; position: SourcePosition } | null;
}

/** Options of `readSorXml`. */
export interface ReadSorXmlOptions {
  onProgress?: (bytesRead: number) => void;
  /**
   * A level element that comes after the unit's own data element (so after `onUnit` had the
   * unit): the level elements are accepted wherever they appear inside the entity.
   */
  onLateLevel?: (sorCode: string, code: string | null, name: string | null, position: SourcePosition) => void;
}

/**
 * Reads a SOR XML export as a stream (memory does not grow with the file) and calls `onUnit` for
 * each entity, parents before children. Any SOR XML version (`SOR_XML_NAMESPACE_PATTERN`) is read
 * by local names; elements it does not know are counted in the header, not fatal. The file is
 * decoded as its byte-order mark or XML declaration says (UTF-8, UTF-16, ISO-8859-1,
 * windows-1252). Throws a `SorImportError` naming file:line:col for malformed XML, bytes invalid
 * in the encoding, a foreign root, entities nested against the schema, nesting deeper than
 * `MAX_ELEMENT_DEPTH`, or a date that is not an XML Schema date.
 *
 * Values that repeat across units (names such as "Sengeafsnit", dates, type codes, ydernumre,
 * postcodes, cities, streets, level and specialty codes) are interned: every unit holding
 * `2019-01-01` holds the same string.
 */
export async function readSorXml(
  source: SorXmlSource,
  onUnit: (unit: RawUnit) => void,
  options: ReadSorXmlOptions = {},
): Promise<SorXmlHeader> {
  const file = sourceName(source);
  const parser = new SaxesParser({ xmlns: true, position: true, fileName: file });
  const header: SorXmlHeader = {
    createdAt: null,
    snapshotDate: null,
    syntheticLabel: null,
    namespace: '',
    sorXmlVersion: '',
    encoding: 'utf-8',
    unknownElements: [],
  };
  const unknown = new Map<string, UnknownElement>();
  // Namespace URI → whether it is a SOR namespace; a handful of URIs per file.
  const sorNamespaces = new Map<string, boolean>();
  const isSorNamespace = (uri: string): boolean => {
    let known = sorNamespaces.get(uri);
    if (known === undefined) {
      known = SOR_XML_NAMESPACE_PATTERN.test(uri);
      sorNamespaces.set(uri, known);
    }
    return known;
  };
  // An XML Schema date as `YYYY-MM-DD`, or a refusal at the element that held it.
  const dateOf = (raw: string, element: string): string => {
    const date = normaliseXsdDate(raw.trim());
    if (date === null) {
      throw new SorImportError(
        here(),
        `${element} "${raw.trim()}" is not a date (XML Schema xs:date: YYYY-MM-DD, optionally with a zone such as Z or +01:00)`,
      );
    }
    return date;
  };
  const here = (): SourcePosition => ({ file, line: parser.line, column: parser.column + 1 });
  // An xs:boolean, or a refusal at the element that held it.
  const booleanOf = (raw: string, element: string): boolean => {
    const value = raw.trim();
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    throw new SorImportError(here(), `${element} "${value}" is not a boolean (true, false, 1 or 0)`);
  };

  const interned = new Map<string, string>();
  const intern = (value: string): string => {
    const known = interned.get(value);
    if (known !== undefined) return known;
    const copy = ownCopy(value);
    interned.set(copy, copy);
    return copy;
  };

  // Elements open now, by id, and by local name (for messages); `null` name outside our namespaces.
  const openIds: number[] = [];
  const openNames: (string | null)[] = [];
  // Open entities: the unit being read (or already emitted) at each *Entity level.
  const entities: OpenEntity[] = [];
  let text = '';
  let address: AddressParts | null = null;
  // Counters of the open context elements keep every test O(1) per element.
  let inReplacedBy = 0;
  let inReplaces = 0;
  let inEan = 0;
  let inVirtual = 0;
  let rootSeen = false;

  parser.on('comment', (comment) => {
    if (!rootSeen && /SYNTHETIC/.test(comment)) header.syntheticLabel = comment.trim();
  });

  parser.on('opentag', (tag: SaxesTagNS) => {
    text = '';
    const uri = tag.uri;
    const inSor = isSorNamespace(uri);
    if (!rootSeen) {
      rootSeen = true;
      if (tag.local !== 'SorTree' || !inSor) {
        throw new SorImportError(
          here(),
          `root element is {${uri}}${tag.local}; a SOR export has root SorTree in a namespace urn:oio:sundhedsstyrelsen:organisation:<version> (e.g. ${SOR_XML_NAMESPACE})`,
        );
      }
      header.namespace = uri;
      header.sorXmlVersion = (SOR_XML_NAMESPACE_PATTERN.exec(uri) as RegExpExecArray)[1];
    }
    if (openIds.length >= MAX_ELEMENT_DEPTH) {
      throw new SorImportError(
        here(),
        `elements nest deeper than ${MAX_ELEMENT_DEPTH} levels (${tag.local} inside ${openNames.slice(-3).filter(Boolean).join(' > ') || 'foreign elements'}); a SOR export nests under 20`,
      );
    }
    const parentId = openIds.length === 0 ? FOREIGN : openIds[openIds.length - 1];
    if (!inSor && !ADDRESS_NAMESPACES.has(uri)) {
      openIds.push(FOREIGN);
      openNames.push(null);
      return;
    }
    let id = ELEMENT_ID.get(tag.local);
    if (id === undefined) {
      id = OTHER;
      if (parentId === LEVEL_CONTAINER && /(^|Level)Code$/.test(tag.local)) id = LEVEL_PART_CODE;
      else if (parentId === LEVEL_CONTAINER && /(^|Level)Name$/.test(tag.local)) id = LEVEL_PART_NAME;
      else if (inSor && !KNOWN_UNUSED_ELEMENTS.has(tag.local)) {
        const seen = unknown.get(tag.local);
        if (seen) seen.count++;
        else unknown.set(tag.local, { name: tag.local, count: 1, first: here() });
      }
    }
    openIds.push(id);
    openNames.push(tag.local);
    switch (id) {
      case REPLACED_BY_COLLECTION:
        inReplacedBy++;
        return;
      case REPLACES_COLLECTION:
        inReplaces++;
        return;
      case EAN_ENTITY: {
        inEan++;
        const top = entities[entities.length - 1];
        if (top && !top.emitted) top.unit.eanEntity = emptyEanEntity();
        return;
      }
      case VIRTUAL_ADDRESS:
        inVirtual++;
        return;
      case POSTAL_ADDRESS:
      case VISITING_ADDRESS:
      case ACTIVITY_ADDRESS:
      case ADDRESS_POSTAL:
        address = address ?? { streetName: '', building: '', postcode: '', city: '' };
        return;
      case OWNER_ENTITY:
      case INSTITUTION_ENTITY:
      case UNIT_ENTITY: {
        // An entity element outside the SOR namespace is nothing to us.
        if (!inSor) {
          openIds[openIds.length - 1] = OTHER;
          return;
        }
        const entity = ENTITY[id];
        if (!entity.parents.includes(parentId)) {
          const parentName = openNames.length > 1 ? openNames[openNames.length - 2] : null;
          throw new SorImportError(
            here(),
            `${tag.local} inside ${parentName ?? 'nothing'}; SOR nests ${tag.local} in ${entity.allowed}`,
          );
        }
        const parent = entities[entities.length - 1];
        entities.push({
          unit: emptyUnit(entity.kind, parent?.unit.sorCode ?? null, entities.length, here()),
          emitted: false,
          dataDepth: -1,
          lateLevel: null,
        });
        return;
      }
      case OWNER:
      case INSTITUTION:
      case UNIT: {
        const top = entities[entities.length - 1];
        if (top && ENTITY[parentId]?.data === id) {
          top.dataDepth = openIds.length;
          top.unit.position = here();
        }
        return;
      }
    }
  });

  const onText = (chunk: string): void => {
    text += chunk;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.on('closetag', () => {
    const id = openIds.pop() as number;
    openNames.pop();
    const raw = text;
    text = '';
    if (id <= FOREIGN) return;
    const top = entities[entities.length - 1];
    switch (id) {
      case OWNER_ENTITY:
      case INSTITUTION_ENTITY:
      case UNIT_ENTITY: {
        const closed = entities.pop();
        const late = closed?.lateLevel;
        if (closed && late)
          options.onLateLevel?.(closed.unit.sorCode as string, late.code, late.name, late.position);
        return;
      }
      case REPLACED_BY_COLLECTION:
        inReplacedBy--;
        return;
      case REPLACES_COLLECTION:
        inReplaces--;
        return;
      case EAN_ENTITY:
        inEan--;
        return;
      case VIRTUAL_ADDRESS:
        inVirtual--;
        break;
    }
    if (top === undefined) {
      if (id === CREATED_AT) {
        const value = raw.trim();
        if (!isXsdDateTime(value)) {
          throw new SorImportError(
            here(),
            `CreatedAtTime "${value}" is not a date and time (XML Schema xs:dateTime, e.g. 2010-01-26T00:00:00+01:00)`,
          );
        }
        header.createdAt = ownCopy(value);
      } else if (id === SNAPSHOT_DATE) header.snapshotDate = dateOf(raw, 'SnapshotDate');
      return;
    }
    if (top.emitted) {
      // Level elements are accepted wherever they sit in the entity, after the data element too.
      if (id === LEVEL_CODE || id === LEVEL_PART_CODE || id === LEVEL_NAME || id === LEVEL_PART_NAME) {
        const late = (top.lateLevel = top.lateLevel ?? { code: null, name: null, position: here() });
        if (id === LEVEL_CODE || id === LEVEL_PART_CODE) late.code = intern(raw.trim());
        else late.name = intern(raw.trim());
      }
      return;
    }
    const unit = top.unit;
    if ((id === OWNER || id === INSTITUTION || id === UNIT) && openIds.length + 1 === top.dataDepth) {
      // A unit without SorIdentifier is emitted all the same: the build reports and drops it and
      // re-attaches what it holds.
      top.emitted = true;
      onUnit(unit);
      return;
    }
    // Where the element sits below the entity's data element decides what a value is (a
    // SorIdentifier can be the unit's own, a successor's or a geographical parent's).
    const direct = openIds.length === top.dataDepth;
    switch (id) {
      case SOR_IDENTIFIER: {
        const value = ownCopy(raw.trim());
        if (direct) {
          unit.sorCode = value;
          unit.codePosition = here();
        } else if (inReplacedBy > 0) {
          if (unit.replacedBy === NO_SUCCESSORS) unit.replacedBy = [];
          unit.replacedBy.push({ code: value, position: here() });
        } else if (inReplaces > 0) {
          if (unit.replaces === NONE) unit.replaces = [];
          unit.replaces.push(value);
        }
        return;
      }
      case ENTITY_NAME:
        // Untrimmed: the build reports stray spaces in names (see `cleanName`).
        if (direct) unit.name = intern(raw);
        return;
      case TYPE_CODE:
        if (direct) unit.typeCode = intern(raw.trim());
        return;
      case SHAK:
        if (direct) unit.shak = ownCopy(raw.trim());
        return;
      case PROVIDER:
        if (direct) unit.providerNumber = intern(raw.trim());
        return;
      case PHARMACY:
        if (direct) unit.pharmacyNumber = ownCopy(raw.trim());
        return;
      case EAN_CODE:
        if (inEan > 0) unit.ean = ownCopy(raw.trim());
        return;
      case REGION_CODE:
        if (inEan > 0) unit.regionCode = intern(raw.trim());
        return;
      case SYSTEM_TYPE:
      case SYSTEM_SUPPLIER:
      case COMMUNICATION_SUPPLIER:
      case EDI_ADMINISTRATOR:
        if (inEan > 0 && unit.eanEntity) unit.eanEntity[EDI_CODE_FIELD[id]] = intern(raw.trim());
        return;
      case ONLY_INTERNAL:
      case NON_ACTIVE:
        if (inEan > 0 && unit.eanEntity) {
          const element = id === ONLY_INTERNAL ? 'OnlyInternalIndicator' : 'NonActiveIndicator';
          unit.eanEntity[id === ONLY_INTERNAL ? 'onlyInternal' : 'nonActive'] = booleanOf(raw, element);
        }
        return;
      case EAN_INHERITED: {
        const value = raw.trim();
        unit.eanInherited = value === 'true' || value === '1';
        return;
      }
      case FROM_DATE:
      case TO_DATE:
      case FIRST_FROM_DATE: {
        if (openIds[openIds.length - 1] !== SOR_STATUS) return;
        // The unit's own status, or the status of its EAN entity: both have the three dates.
        const dated = inEan > 0 ? unit.eanEntity : openIds.length === top.dataDepth + 1 ? unit : null;
        if (dated === null) return;
        const value = intern(
          dateOf(raw, id === FROM_DATE ? 'FromDate' : id === TO_DATE ? 'ToDate' : 'FirstFromDate'),
        );
        if (id === FROM_DATE) dated.changedFrom = value;
        else if (id === TO_DATE) dated.validTo = value;
        else dated.validFrom = value;
        return;
      }
      case SPECIALITY_CODE:
        if (unit.specialties === NONE) unit.specialties = [];
        unit.specialties.push(intern(raw.trim()));
        return;
      case LEVEL_CODE:
      case LEVEL_PART_CODE:
        unit.levelCode = intern(raw.trim());
        return;
      case LEVEL_NAME:
      case LEVEL_PART_NAME:
        unit.levelName = intern(raw.trim());
        return;
      case PHONE:
      case EMAIL:
      case WEBSITE:
      case FAX:
        if (inVirtual > 0) {
          const virtual = (unit.virtual = unit.virtual ?? { phone: null, email: null, web: null, fax: null });
          const value = ownCopy(raw.trim());
          if (id === PHONE) virtual.phone = value;
          else if (id === EMAIL) virtual.email = value;
          else if (id === WEBSITE) virtual.web = value;
          else virtual.fax = value;
        }
        return;
      case VIRTUAL_ADDRESS:
        if (direct) unit.virtual = unit.virtual ?? { phone: null, email: null, web: null, fax: null };
        return;
      case STREET_NAME:
        if (address) address.streetName = raw.trim();
        return;
      case BUILDING:
        if (address) address.building = raw.trim();
        return;
      case POSTCODE:
        if (address) address.postcode = raw.trim();
        return;
      case DISTRICT:
        if (address) address.city = raw.trim();
        return;
      case POSTAL_ADDRESS:
      case VISITING_ADDRESS:
      case ACTIVITY_ADDRESS:
        if (direct && address) {
          const kept: RawAddress = {
            street: intern(`${address.streetName} ${address.building}`.trim()),
            postcode: intern(address.postcode),
            city: intern(address.city),
          };
          if (id === POSTAL_ADDRESS) unit.postal = kept;
          else if (id === VISITING_ADDRESS) unit.visiting = kept;
          else unit.activity = kept;
          address = null;
        }
        return;
    }
  });

  let failure: SorImportError | null = null;
  parser.on('error', (error) => {
    // saxes prefixes its message with file:line:col already; keep the rule, add our position form.
    const rule = error.message.replace(/^.*?:\d+:\d+: /, '');
    failure = new SorImportError(here(), `malformed XML: ${rule}`);
    throw failure;
  });

  if (typeof source === 'string') {
    const stream = createReadStream(source, { highWaterMark: 1 << 18 });
    let decoder: StrictTextDecoder | null = null;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (decoder === null) {
          decoder = new StrictTextDecoder(sniffEncoding(chunk, true));
          header.encoding = decoder.encoding;
        }
        parser.write(decoder.decode(chunk));
        options.onProgress?.(stream.bytesRead);
      }
      if (decoder) parser.write(decoder.decode(new Uint8Array(0), true));
      parser.close();
    } catch (error) {
      stream.destroy();
      if (error instanceof SorImportError) throw error;
      if (error instanceof UnsupportedEncodingError) {
        throw new SorImportError({ file, line: 1, column: 1 }, error.message);
      }
      if (error instanceof InvalidTextError) {
        // The text before the bad byte goes to the parser, so its position is the bad byte's.
        parser.write(error.validText);
        throw new SorImportError(here(), `byte offset ${error.byteOffset}: ${error.message}`);
      }
      if ((error as NodeJS.ErrnoException).code) {
        throw new SorImportError(
          { file, line: 0, column: 0 },
          `cannot read the export: ${(error as Error).message}`,
        );
      }
      throw failure ?? error;
    }
  } else {
    let produced = 0;
    try {
      await source.produce((chunk) => {
        parser.write(chunk);
        produced += Buffer.byteLength(chunk);
        options.onProgress?.(produced);
      });
      parser.close();
    } catch (error) {
      if (error instanceof SorImportError) throw error;
      throw failure ?? error;
    }
  }
  if (!rootSeen) throw new SorImportError(here(), 'the file holds no XML element; expected root SorTree');
  header.unknownElements = [...unknown.values()];
  return header;
}
