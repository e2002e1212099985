import { makeSorCode } from '../../model/codes.js';
import { ID27_LEVEL_NAMES, type Id27LevelName } from '../../model/id27.js';
import {
  EAN_EDI_ELEMENT,
  ENTITY_ELEMENTS,
  LEVEL_ELEMENTS,
  OIO_ELEMENT,
  OIO_NAMESPACES,
  SOR_ELEMENT,
  SOR_XML_NAMESPACE,
  type OioElement,
} from '../sor-xml-elements.js';
import { SPECIALTY_TYPE } from './seed-data/codes.js';
import { generatedEdi } from './ean-edi.js';
import type { SyntheticAddress, SyntheticEan, SyntheticEntity, SyntheticRegister } from './register.js';
import { XmlWriter } from './xml-writer.js';

/** Synthetic, but stable, codes for the six levels: SDS's SNOMED codes for them are not public. */
export function generatedLevelCode(name: Id27LevelName): string {
  return `id27-${ID27_LEVEL_NAMES.indexOf(name) + 1}`;
}

/** Options of `writeSorXml`. */
export interface WriteSorXmlOptions {
  /** The header comment (says SYNTHETIC, so a snapshot built from the export says so too). */
  comment: string;
  /** Receives the XML in chunks. */
  write: (chunk: string) => void;
  /** When given, ID27 levels go here (for a side file) instead of into the XML. */
  onLevel?: (sorCode: string, levelCode: string, levelName: Id27LevelName) => void;
}

function qualified(element: OioElement): string {
  return `${element.prefix}:${element.local}`;
}

function writeAddress(xml: XmlWriter, element: string, address: SyntheticAddress): void {
  xml.open(element);
  xml.open(qualified(OIO_ELEMENT.addressPostal));
  xml.leaf(qualified(OIO_ELEMENT.streetName), address.street);
  xml.leaf(qualified(OIO_ELEMENT.building), address.building);
  xml.leaf(qualified(OIO_ELEMENT.postcode), address.postcode);
  xml.leaf(qualified(OIO_ELEMENT.district), address.city);
  xml.leaf(qualified(OIO_ELEMENT.country), 'DK', { scheme: 'iso3166-alpha2' });
  xml.close();
  xml.close();
}

function writeEanEntity(xml: XmlWriter, ean: SyntheticEan, validFrom: string): void {
  xml.open(SOR_ELEMENT.eanEntity);
  const edi = generatedEdi(ean.code, ean.region, ean.system, validFrom);
  xml.leaf(SOR_ELEMENT.eanCode, ean.code);
  xml.leaf(EAN_EDI_ELEMENT.onlyInternal, String(edi.onlyInternal));
  xml.leaf(EAN_EDI_ELEMENT.nonActive, String(edi.nonActive));
  xml.leaf(EAN_EDI_ELEMENT.systemSupplier, edi.systemSupplier);
  xml.leaf(EAN_EDI_ELEMENT.systemType, edi.systemType);
  xml.leaf(EAN_EDI_ELEMENT.communicationSupplier, edi.communicationSupplier);
  xml.leaf(SOR_ELEMENT.regionCode, ean.region);
  xml.leaf(EAN_EDI_ELEMENT.ediAdministrator, edi.ediAdministrator);
  xml.open(SOR_ELEMENT.status);
  xml.leaf(SOR_ELEMENT.fromDate, validFrom);
  if (edi.validTo !== null) xml.leaf(SOR_ELEMENT.toDate, edi.validTo);
  xml.leaf(SOR_ELEMENT.firstFromDate, validFrom);
  xml.close();
  xml.close();
}

/** The entity's own fields, in the order of the SOR schema: the inside of its data element. */
function writeEntityFields(xml: XmlWriter, entity: SyntheticEntity, options: WriteSorXmlOptions): void {
  const code = makeSorCode(entity.running);
  xml.leaf(SOR_ELEMENT.sorIdentifier, code);
  xml.leaf(SOR_ELEMENT.entityName, entity.name);
  if (entity.typeCode) xml.leaf(ENTITY_ELEMENTS[entity.kind].type, entity.typeCode);
  if (entity.level) {
    const levelCode = generatedLevelCode(entity.level);
    if (options.onLevel) options.onLevel(code, levelCode, entity.level);
    else {
      xml.leaf(LEVEL_ELEMENTS.code[0], levelCode);
      xml.leaf(LEVEL_ELEMENTS.name[0], entity.level);
    }
  }
  const ownEan = entity.ean !== null && entity.ean !== 'inherited' ? entity.ean : null;
  if (entity.kind === 'IE') {
    if (ownEan) writeEanEntity(xml, ownEan, entity.validFrom);
  } else {
    if (entity.pharmacyNumber) xml.leaf(SOR_ELEMENT.pharmacy, entity.pharmacyNumber);
    if (entity.shak) xml.leaf(SOR_ELEMENT.shak, entity.shak);
    if (entity.providerNumber) xml.leaf(SOR_ELEMENT.provider, entity.providerNumber);
    xml.open(SOR_ELEMENT.optionalEan);
    if (ownEan) writeEanEntity(xml, ownEan, entity.validFrom);
    else xml.leaf(SOR_ELEMENT.eanInherited, String(entity.ean === 'inherited'));
    xml.close();
    xml.open(SOR_ELEMENT.geographicalParent);
    // The relation to the geographical parent: 1 for an institution, 2 for a unit below one.
    xml.leaf(SOR_ELEMENT.geographicalParentRelation, entity.kind === 'SI' ? '1' : '2');
    xml.close();
  }
  if (entity.postal) writeAddress(xml, SOR_ELEMENT.postalAddress, entity.postal);
  if (entity.visiting) writeAddress(xml, SOR_ELEMENT.visitingAddress, entity.visiting);
  if (entity.virtual) {
    xml.open(SOR_ELEMENT.virtualAddress);
    if (entity.virtual.email) xml.leaf(qualified(OIO_ELEMENT.email), entity.virtual.email);
    if (entity.virtual.web) xml.leaf(SOR_ELEMENT.website, entity.virtual.web);
    xml.leaf(SOR_ELEMENT.phone, entity.virtual.phone);
    xml.close();
  }
  if (entity.specialties.length > 0) {
    xml.open(SOR_ELEMENT.specialtyCollection);
    for (const specialty of entity.specialties) {
      xml.open(SOR_ELEMENT.specialty);
      xml.leaf(SOR_ELEMENT.specialtyCode, specialty);
      xml.leaf(SOR_ELEMENT.specialtyType, SPECIALTY_TYPE);
      xml.close();
    }
    xml.close();
  }
  xml.open(SOR_ELEMENT.status);
  xml.leaf(SOR_ELEMENT.fromDate, entity.changedFrom);
  if (entity.validTo) xml.leaf(SOR_ELEMENT.toDate, entity.validTo);
  xml.leaf(SOR_ELEMENT.updatedAt, entity.changedFrom);
  xml.leaf(SOR_ELEMENT.firstFromDate, entity.validFrom);
  xml.close();
  for (const [element, others] of [
    [SOR_ELEMENT.replaces, entity.replaces],
    [SOR_ELEMENT.replacedBy, entity.replacedBy],
  ] as const) {
    if (others.length === 0) continue;
    xml.open(element);
    for (const other of others) xml.leaf(SOR_ELEMENT.sorIdentifier, makeSorCode(other.running));
    xml.close();
  }
}

/**
 * Writes the register as a SOR XML export (v1 structure and namespaces; the ID27 level as the v3
 * elements, or to `onLevel`): owners, institutions and units nested as in SDS's exports, every
 * name from the shared table of SOR XML names and every value escaped.
 */
export function writeSorXml(register: SyntheticRegister, options: WriteSorXmlOptions): void {
  const xml = new XmlWriter(options.write);
  xml.declaration();
  xml.comment(options.comment);
  const namespaces: Record<string, string> = {};
  for (const [prefix, uri] of Object.entries(OIO_NAMESPACES)) namespaces[`xmlns:${prefix}`] = uri;
  namespaces.xmlns = SOR_XML_NAMESPACE;
  xml.open(SOR_ELEMENT.tree, namespaces);
  xml.leaf(SOR_ELEMENT.createdAt, `${register.snapshotDate}T02:00:00+01:00`);
  xml.leaf(SOR_ELEMENT.snapshotDate, register.snapshotDate);
  // An explicit stack instead of recursion: hospital trees are deep. `null` closes an entity.
  const stack: (SyntheticEntity | null)[] = [...register.roots].reverse();
  while (stack.length > 0) {
    const entity = stack.pop();
    if (entity === null || entity === undefined) {
      xml.close();
      continue;
    }
    const elements = ENTITY_ELEMENTS[entity.kind];
    xml.open(elements.entity);
    xml.open(elements.data);
    writeEntityFields(xml, entity, options);
    xml.close();
    stack.push(null);
    for (let i = entity.children.length - 1; i >= 0; i--) stack.push(entity.children[i]);
  }
  xml.close();
  xml.end();
}
