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

const ENTITY_OF: Record<string, { data: string; kind: RawUnit['kind']; allowedParent: string }> = {
  InstitutionOwnerEntity: { data: 'InstitutionOwner', kind: 'IE', allowedParent: 'SorTree' },
  HealthInstitutionEntity: { data: 'HealthInstitution', kind: 'SI', allowedParent: 'InstitutionOwnerEntity' },
  OrganizationalUnitEntity: {
    data: 'OrganizationalUnit',
    kind: 'OE',
    allowedParent: 'HealthInstitutionEntity|OrganizationalUnitEntity',
  },
};
type ContextElement =
  | 'ReplacedByEntityCollection'
  | 'ReplacesEntityCollection'
  | 'EanLocationCodeEntity'
  | 'VirtualAddressInformation';

// V8 keeps a substring as a slice of its source: a value taken from a 256 KB chunk would keep the
// whole chunk alive for as long as the unit lives. Concatenating and slicing makes a small copy.
function ownCopy(value: string): string {
  return value.length > 12 ? (value + ' ').slice(0, -1) : value;
}

const VIRTUAL_FIELD = {
  TelephoneNumberIdentifier: 'phone',
  EmailAddressIdentifier: 'email',
  Website: 'web',
  FaxNumberIdentifier: 'fax',
} as const;

const DATA_ELEMENTS = new Set(['InstitutionOwner', 'HealthInstitution', 'OrganizationalUnit']);

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
    specialties: [],
    validFrom: null,
    changedFrom: null,
    validTo: null,
    replaces: [],
    replacedBy: [],
    levelCode: null,
    levelName: null,
    position,
    codePosition: null,
  };
}

const ADDRESS_KIND: Record<string, 'postal' | 'visiting' | 'activity'> = {
  PostalAddressInformation: 'postal',
  VisitingAddressInformation: 'visiting',
  ActivityAddressInformation: 'activity',
};

interface AddressParts {
  streetName: string;
  building: string;
  postcode: string;
  city: string;
}

/**
 * Reads a SOR XML export as a stream (memory does not grow with the file) and calls `onUnit` for
 * each entity, parents before children. Throws a `SorImportError` naming file:line:col for
 * malformed XML, a wrong root or namespace, or entities nested against the schema.
 */
export async function readSorXml(
  file: string,
  onUnit: (unit: RawUnit) => void,
  options: { onProgress?: (bytesRead: number) => void } = {},
): Promise<SorXmlHeader> {
  const parser = new SaxesParser({ xmlns: true, position: true, fileName: file });
  const header: SorXmlHeader = { createdAt: null, snapshotDate: null, syntheticLabel: null };
  const here = (): SourcePosition => ({ file, line: parser.line, column: parser.column + 1 });

  // Elements open now, by local name; `null` for elements outside the namespaces we read.
  const open: (string | null)[] = [];
  // Open entities: the unit being read (or already emitted) at each *Entity level.
  const entities: { unit: RawUnit; emitted: boolean; dataDepth: number }[] = [];
  let text = '';
  let address: AddressParts | null = null;
  const context: Record<ContextElement, number> = {
    ReplacedByEntityCollection: 0,
    ReplacesEntityCollection: 0,
    EanLocationCodeEntity: 0,
    VirtualAddressInformation: 0,
  };
  let rootSeen = false;

  const current = (): RawUnit | null => {
    const top = entities[entities.length - 1];
    return top && !top.emitted ? top.unit : null;
  };

  parser.on('comment', (comment) => {
    if (!rootSeen && /SYNTHETIC/.test(comment)) header.syntheticLabel = comment.trim();
  });

  parser.on('opentag', (tag: SaxesTagNS) => {
    text = '';
    const known = tag.uri === SOR_XML_NAMESPACE || ADDRESS_NAMESPACES.has(tag.uri);
    if (!rootSeen) {
      rootSeen = true;
      if (tag.local !== 'SorTree' || tag.uri !== SOR_XML_NAMESPACE) {
        throw new SorImportError(
          here(),
          `root element is {${tag.uri}}${tag.local}; a SOR export has root SorTree in namespace ${SOR_XML_NAMESPACE}`,
        );
      }
    }
    const parentName = open[open.length - 1] ?? null;
    const name = known ? tag.local : null;
    open.push(name);
    if (name === null) return;
    if (name in context) context[name as ContextElement]++;

    const entity = ENTITY_OF[name];
    if (entity && tag.uri === SOR_XML_NAMESPACE) {
      if (!entity.allowedParent.split('|').includes(parentName ?? '')) {
        throw new SorImportError(
          here(),
          `${name} inside ${parentName ?? 'nothing'}; SOR nests ${name} in ${entity.allowedParent.replace('|', ' or ')}`,
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
    const top = entities[entities.length - 1];
    if (DATA_ELEMENTS.has(name) && top && ENTITY_OF[parentName ?? '']?.data === name) {
      top.dataDepth = open.length;
      top.unit.position = here();
      return;
    }
    if (name in ADDRESS_KIND || name === 'AddressPostal')
      address = address ?? { streetName: '', building: '', postcode: '', city: '' };
  });

  const onText = (chunk: string): void => {
    text += chunk;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.on('closetag', () => {
    const name = open.pop();
    const value = ownCopy(text.trim());
    text = '';
    if (name === null || name === undefined) return;
    if (name in context) context[name as ContextElement]--;
    const top = entities[entities.length - 1];

    if (name in ENTITY_OF) {
      entities.pop();
      return;
    }
    if (top && !top.emitted && DATA_ELEMENTS.has(name) && open.length + 1 === top.dataDepth) {
      if (top.unit.sorCode === null) {
        throw new SorImportError(
          top.unit.position,
          `${name} has no SorIdentifier; every SOR entity must have one`,
        );
      }
      top.emitted = true;
      onUnit(top.unit);
      return;
    }
    if (!top) {
      if (name === 'CreatedAtTime') header.createdAt = value;
      else if (name === 'SnapshotDate') header.snapshotDate = value;
      return;
    }
    const unit = current();
    if (!unit) return;
    // Where the element sits below the entity's data element decides what a value is (a
    // SorIdentifier can be the unit's own, a successor's or a geographical parent's). Counters of
    // the open context elements keep this O(1) per element on exports of millions of elements.
    const direct = open.length === top.dataDepth;
    switch (name) {
      case 'SorIdentifier':
        if (direct) {
          unit.sorCode = value;
          unit.codePosition = here();
        } else if (context.ReplacedByEntityCollection > 0)
          unit.replacedBy.push({ code: value, position: here() });
        else if (context.ReplacesEntityCollection > 0) unit.replaces.push(value);
        return;
      case 'EntityName':
        if (direct) unit.name = value;
        return;
      case 'OwnerType':
      case 'InstitutionType':
      case 'UnitType':
        if (direct) unit.typeCode = value;
        return;
      case 'ShakIdentifier':
        if (direct) unit.shak = value;
        return;
      case 'ProviderIdentifier':
        if (direct) unit.providerNumber = value;
        return;
      case 'PharmacyIdentifier':
        if (direct) unit.pharmacyNumber = value;
        return;
      case 'EanLocationCode':
        if (context.EanLocationCodeEntity > 0) unit.ean = value;
        return;
      case 'RegionCode':
        if (context.EanLocationCodeEntity > 0) unit.regionCode = value;
        return;
      case 'EntityInheritedIndicator':
        unit.eanInherited = value === 'true' || value === '1';
        return;
      case 'FromDate':
      case 'ToDate':
      case 'FirstFromDate':
        // The unit's own status, not the status of its EAN entity.
        if (open.length === top.dataDepth + 1 && open[open.length - 1] === 'SorStatus') {
          if (name === 'FromDate') unit.changedFrom = value;
          else if (name === 'ToDate') unit.validTo = value;
          else unit.validFrom = value;
        }
        return;
      case 'SpecialityCode':
        unit.specialties.push(value);
        return;
      case 'OrganisationalLevelCode':
        unit.levelCode = value;
        return;
      case 'OrganisationalLevelName':
        unit.levelName = value;
        return;
      case 'TelephoneNumberIdentifier':
      case 'EmailAddressIdentifier':
      case 'Website':
      case 'FaxNumberIdentifier':
        if (context.VirtualAddressInformation > 0) {
          unit.virtual = unit.virtual ?? { phone: null, email: null, web: null, fax: null };
          unit.virtual[VIRTUAL_FIELD[name]] = value;
        }
        return;
      case 'VirtualAddressInformation':
        if (direct) unit.virtual = unit.virtual ?? { phone: null, email: null, web: null, fax: null };
        return;
      case 'StreetName':
        if (address) address.streetName = value;
        return;
      case 'StreetBuildingIdentifier':
        if (address) address.building = value;
        return;
      case 'PostCodeIdentifier':
        if (address) address.postcode = value;
        return;
      case 'DistrictName':
        if (address) address.city = value;
        return;
    }
    if (name in ADDRESS_KIND && direct && address) {
      const street = `${address.streetName} ${address.building}`.trim();
      unit[ADDRESS_KIND[name]] = { street, postcode: address.postcode, city: address.city };
      address = null;
    }
  });

  let failure: SorImportError | null = null;
  parser.on('error', (error) => {
    // saxes prefixes its message with file:line:col already; keep the rule, add our position form.
    const rule = error.message.replace(/^.*?:\d+:\d+: /, '');
    failure = new SorImportError(here(), `malformed XML: ${rule}`);
    throw failure;
  });

  let bytesRead = 0;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 18 });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      bytesRead += Buffer.byteLength(chunk);
      parser.write(chunk);
      options.onProgress?.(bytesRead);
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
  if (!rootSeen) throw new SorImportError(here(), 'the file holds no XML element; expected root SorTree');
  return header;
}
