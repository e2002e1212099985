import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { SorImportError, type SourcePosition } from './errors.js';

/** The namespace of SOR XML v1 (and the elements v3 added). */
export const SOR_XML_NAMESPACE = 'urn:oio:sundhedsstyrelsen:organisation:1.0.0';

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
  sorCode: string | null;
  parentCode: string | null;
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

/** The export's header: `CreatedAtTime` and `SnapshotDate`, and a `SYNTHETIC` label comment if any. */
export interface SorXmlHeader {
  createdAt: string | null;
  snapshotDate: string | null;
  syntheticLabel: string | null;
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
  [UNIT_ENTITY]: {
    kind: 'OE',
    data: UNIT,
    parents: [INSTITUTION_ENTITY, UNIT_ENTITY],
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

function emptyUnit(kind: RawUnit['kind'], parentCode: string | null, position: SourcePosition): RawUnit {
  return {
    kind,
    sorCode: null,
    parentCode,
    name: null,
    typeCode: null,
    shak: null,
    providerNumber: null,
    pharmacyNumber: null,
    ean: null,
    eanInherited: null,
    regionCode: null,
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
}

/**
 * Reads a SOR XML export as a stream (memory does not grow with the file) and calls `onUnit` for
 * each entity, parents before children. Throws a `SorImportError` naming file:line:col for
 * malformed XML, a wrong root or namespace, or entities nested against the schema.
 *
 * Values that repeat across units (names such as "Sengeafsnit", dates, type codes, ydernumre,
 * postcodes, cities, streets, level and specialty codes) are interned: every unit holding
 * `2019-01-01` holds the same string.
 */
export async function readSorXml(
  source: SorXmlSource,
  onUnit: (unit: RawUnit) => void,
  options: { onProgress?: (bytesRead: number) => void } = {},
): Promise<SorXmlHeader> {
  const file = sourceName(source);
  const parser = new SaxesParser({ xmlns: true, position: true, fileName: file });
  const header: SorXmlHeader = { createdAt: null, snapshotDate: null, syntheticLabel: null };
  const here = (): SourcePosition => ({ file, line: parser.line, column: parser.column + 1 });

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
    const inSor = uri === SOR_XML_NAMESPACE;
    if (!rootSeen) {
      rootSeen = true;
      if (tag.local !== 'SorTree' || !inSor) {
        throw new SorImportError(
          here(),
          `root element is {${uri}}${tag.local}; a SOR export has root SorTree in namespace ${SOR_XML_NAMESPACE}`,
        );
      }
    }
    const parentId = openIds.length === 0 ? FOREIGN : openIds[openIds.length - 1];
    if (!inSor && !ADDRESS_NAMESPACES.has(uri)) {
      openIds.push(FOREIGN);
      openNames.push(null);
      return;
    }
    const id = ELEMENT_ID.get(tag.local) ?? OTHER;
    openIds.push(id);
    openNames.push(tag.local);
    switch (id) {
      case REPLACED_BY_COLLECTION:
        inReplacedBy++;
        return;
      case REPLACES_COLLECTION:
        inReplaces++;
        return;
      case EAN_ENTITY:
        inEan++;
        return;
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
          unit: emptyUnit(entity.kind, parent?.unit.sorCode ?? null, here()),
          emitted: false,
          dataDepth: -1,
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
      case UNIT_ENTITY:
        entities.pop();
        return;
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
      if (id === CREATED_AT) header.createdAt = ownCopy(raw.trim());
      else if (id === SNAPSHOT_DATE) header.snapshotDate = ownCopy(raw.trim());
      return;
    }
    if (top.emitted) return;
    const unit = top.unit;
    if ((id === OWNER || id === INSTITUTION || id === UNIT) && openIds.length + 1 === top.dataDepth) {
      if (unit.sorCode === null) {
        throw new SorImportError(
          unit.position,
          `${openNamesOf(id)} has no SorIdentifier; every SOR entity must have one`,
        );
      }
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
        if (direct) unit.name = intern(raw.trim());
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
      case EAN_INHERITED: {
        const value = raw.trim();
        unit.eanInherited = value === 'true' || value === '1';
        return;
      }
      case FROM_DATE:
      case TO_DATE:
      case FIRST_FROM_DATE:
        // The unit's own status, not the status of its EAN entity.
        if (openIds.length === top.dataDepth + 1 && openIds[openIds.length - 1] === SOR_STATUS) {
          const value = intern(raw.trim());
          if (id === FROM_DATE) unit.changedFrom = value;
          else if (id === TO_DATE) unit.validTo = value;
          else unit.validFrom = value;
        }
        return;
      case SPECIALITY_CODE:
        if (unit.specialties === NONE) unit.specialties = [];
        unit.specialties.push(intern(raw.trim()));
        return;
      case LEVEL_CODE:
        unit.levelCode = intern(raw.trim());
        return;
      case LEVEL_NAME:
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
    const stream = createReadStream(source, { encoding: 'utf8', highWaterMark: 1 << 18 });
    try {
      for await (const chunk of stream as AsyncIterable<string>) {
        parser.write(chunk);
        options.onProgress?.(stream.bytesRead);
      }
      parser.close();
    } catch (error) {
      stream.destroy();
      if (error instanceof SorImportError) throw error;
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
  return header;
}

function openNamesOf(dataId: number): string {
  return dataId === OWNER
    ? 'InstitutionOwner'
    : dataId === INSTITUTION
      ? 'HealthInstitution'
      : 'OrganizationalUnit';
}
