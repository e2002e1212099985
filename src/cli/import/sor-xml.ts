import { SaxesParser, type SaxesTagNS } from 'saxes';
import { normaliseXsdDate, isXsdDateTime } from '../../model/dates.js';
import {
  KNOWN_UNUSED_ELEMENTS,
  OIO_NAMESPACES,
  SOR_ELEMENT,
  SOR_XML_NAMESPACE,
  SOR_XML_NAMESPACE_PATTERN,
} from '../sor-xml-elements.js';
import { SorImportError, type SourcePosition } from './errors.js';
import { AddressParts } from './address-parts.js';
import { emptyEanEntity, setEdiField } from './ean-entity.js';
import {
  NONE,
  NO_SUCCESSORS,
  emptyUnit,
  makeInterner,
  ownCopy,
  type RawUnit,
  type SorXmlHeader,
  type UnknownElement,
} from './raw-export.js';
import * as ElementId from './element-ids.js';
import { feedXml, sourceName, type SorXmlSource } from './xml-source.js';

export { SOR_XML_NAMESPACE, SOR_XML_NAMESPACE_PATTERN } from '../sor-xml-elements.js';

// The OIO namespaces of addresses and e-mail are read by URI: their prefixes differ between exports.
const OIO_NAMESPACE_URIS: ReadonlySet<string> = new Set(Object.values(OIO_NAMESPACES));

/**
 * How deep elements may nest. A real export nests under 20 (units under 10 levels); the limit
 * stops a hostile file from costing time and memory with depth alone.
 */
export const MAX_ELEMENT_DEPTH = 100;

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

  const intern = makeInterner();

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
      if (tag.local !== SOR_ELEMENT.tree || !inSor) {
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
    const parentId = openIds.length === 0 ? ElementId.FOREIGN : openIds[openIds.length - 1];
    if (!inSor && !OIO_NAMESPACE_URIS.has(uri)) {
      openIds.push(ElementId.FOREIGN);
      openNames.push(null);
      return;
    }
    let id = ElementId.ELEMENT_ID.get(tag.local);
    if (id === undefined) {
      id = ElementId.OTHER;
      if (parentId === ElementId.LEVEL_CONTAINER && /(^|Level)Code$/.test(tag.local))
        id = ElementId.LEVEL_PART_CODE;
      else if (parentId === ElementId.LEVEL_CONTAINER && /(^|Level)Name$/.test(tag.local))
        id = ElementId.LEVEL_PART_NAME;
      else if (inSor && !KNOWN_UNUSED_ELEMENTS.has(tag.local)) {
        const seen = unknown.get(tag.local);
        if (seen) seen.count++;
        else unknown.set(tag.local, { name: tag.local, count: 1, first: here() });
      }
    }
    openIds.push(id);
    openNames.push(tag.local);
    switch (id) {
      case ElementId.REPLACED_BY_COLLECTION:
        inReplacedBy++;
        return;
      case ElementId.REPLACES_COLLECTION:
        inReplaces++;
        return;
      case ElementId.EAN_ENTITY: {
        inEan++;
        const top = entities[entities.length - 1];
        if (top && !top.emitted) top.unit.eanEntity = emptyEanEntity();
        return;
      }
      case ElementId.VIRTUAL_ADDRESS:
        inVirtual++;
        return;
      case ElementId.POSTAL_ADDRESS:
      case ElementId.VISITING_ADDRESS:
      case ElementId.ACTIVITY_ADDRESS:
      case ElementId.ADDRESS_POSTAL:
        address = address ?? new AddressParts();
        return;
      case ElementId.OWNER_ENTITY:
      case ElementId.INSTITUTION_ENTITY:
      case ElementId.UNIT_ENTITY: {
        // An entity element outside the SOR namespace is nothing to us.
        if (!inSor) {
          openIds[openIds.length - 1] = ElementId.OTHER;
          return;
        }
        const entity = ElementId.ENTITY[id];
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
      case ElementId.OWNER:
      case ElementId.INSTITUTION:
      case ElementId.UNIT: {
        const top = entities[entities.length - 1];
        if (top && ElementId.ENTITY[parentId]?.data === id) {
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
    if (id <= ElementId.FOREIGN) return;
    const top = entities[entities.length - 1];
    switch (id) {
      case ElementId.OWNER_ENTITY:
      case ElementId.INSTITUTION_ENTITY:
      case ElementId.UNIT_ENTITY: {
        const closed = entities.pop();
        const late = closed?.lateLevel;
        if (closed && late)
          options.onLateLevel?.(closed.unit.sorCode as string, late.code, late.name, late.position);
        return;
      }
      case ElementId.REPLACED_BY_COLLECTION:
        inReplacedBy--;
        return;
      case ElementId.REPLACES_COLLECTION:
        inReplaces--;
        return;
      case ElementId.EAN_ENTITY:
        inEan--;
        return;
      case ElementId.VIRTUAL_ADDRESS:
        inVirtual--;
        break;
    }
    if (top === undefined) {
      if (id === ElementId.CREATED_AT) {
        const value = raw.trim();
        if (!isXsdDateTime(value)) {
          throw new SorImportError(
            here(),
            `CreatedAtTime "${value}" is not a date and time (XML Schema xs:dateTime, e.g. 2010-01-26T00:00:00+01:00)`,
          );
        }
        header.createdAt = ownCopy(value);
      } else if (id === ElementId.SNAPSHOT_DATE) header.snapshotDate = dateOf(raw, 'SnapshotDate');
      return;
    }
    if (top.emitted) {
      // Level elements are accepted wherever they sit in the entity, after the data element too.
      if (
        id === ElementId.LEVEL_CODE ||
        id === ElementId.LEVEL_PART_CODE ||
        id === ElementId.LEVEL_NAME ||
        id === ElementId.LEVEL_PART_NAME
      ) {
        const late = (top.lateLevel = top.lateLevel ?? { code: null, name: null, position: here() });
        if (id === ElementId.LEVEL_CODE || id === ElementId.LEVEL_PART_CODE) late.code = intern(raw.trim());
        else late.name = intern(raw.trim());
      }
      return;
    }
    const unit = top.unit;
    if (
      (id === ElementId.OWNER || id === ElementId.INSTITUTION || id === ElementId.UNIT) &&
      openIds.length + 1 === top.dataDepth
    ) {
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
      case ElementId.SOR_IDENTIFIER: {
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
      case ElementId.ENTITY_NAME:
        // Untrimmed: the build reports stray spaces in names (see `cleanName`).
        if (direct) unit.name = intern(raw);
        return;
      case ElementId.TYPE_CODE:
        if (direct) unit.typeCode = intern(raw.trim());
        return;
      case ElementId.SHAK:
        if (direct) unit.shak = ownCopy(raw.trim());
        return;
      case ElementId.PROVIDER:
        if (direct) unit.providerNumber = intern(raw.trim());
        return;
      case ElementId.PHARMACY:
        if (direct) unit.pharmacyNumber = ownCopy(raw.trim());
        return;
      case ElementId.EAN_CODE:
        if (inEan > 0) unit.ean = ownCopy(raw.trim());
        return;
      case ElementId.REGION_CODE:
        if (inEan > 0) unit.regionCode = intern(raw.trim());
        return;
      case ElementId.SYSTEM_TYPE:
      case ElementId.SYSTEM_SUPPLIER:
      case ElementId.COMMUNICATION_SUPPLIER:
      case ElementId.EDI_ADMINISTRATOR:
      case ElementId.ONLY_INTERNAL:
      case ElementId.NON_ACTIVE:
        if (inEan > 0 && unit.eanEntity)
          setEdiField(unit.eanEntity, ElementId.EDI_FIELD[id], raw, here, intern);
        return;
      case ElementId.EAN_INHERITED: {
        const value = raw.trim();
        unit.eanInherited = value === 'true' || value === '1';
        return;
      }
      case ElementId.FROM_DATE:
      case ElementId.TO_DATE:
      case ElementId.FIRST_FROM_DATE: {
        if (openIds[openIds.length - 1] !== ElementId.SOR_STATUS) return;
        // The unit's own status, or the status of its EAN entity: both have the three dates.
        const dated = inEan > 0 ? unit.eanEntity : openIds.length === top.dataDepth + 1 ? unit : null;
        if (dated === null) return;
        const value = intern(
          dateOf(
            raw,
            id === ElementId.FROM_DATE ? 'FromDate' : id === ElementId.TO_DATE ? 'ToDate' : 'FirstFromDate',
          ),
        );
        if (id === ElementId.FROM_DATE) dated.changedFrom = value;
        else if (id === ElementId.TO_DATE) dated.validTo = value;
        else dated.validFrom = value;
        return;
      }
      case ElementId.SPECIALITY_CODE:
        if (unit.specialties === NONE) unit.specialties = [];
        unit.specialties.push(intern(raw.trim()));
        return;
      case ElementId.LEVEL_CODE:
      case ElementId.LEVEL_PART_CODE:
        unit.levelCode = intern(raw.trim());
        return;
      case ElementId.LEVEL_NAME:
      case ElementId.LEVEL_PART_NAME:
        unit.levelName = intern(raw.trim());
        return;
      case ElementId.PHONE:
      case ElementId.EMAIL:
      case ElementId.WEBSITE:
      case ElementId.FAX:
        if (inVirtual > 0) {
          const virtual = (unit.virtual = unit.virtual ?? { phone: null, email: null, web: null, fax: null });
          const value = ownCopy(raw.trim());
          if (id === ElementId.PHONE) virtual.phone = value;
          else if (id === ElementId.EMAIL) virtual.email = value;
          else if (id === ElementId.WEBSITE) virtual.web = value;
          else virtual.fax = value;
        }
        return;
      case ElementId.VIRTUAL_ADDRESS:
        if (direct) unit.virtual = unit.virtual ?? { phone: null, email: null, web: null, fax: null };
        return;
      case ElementId.STREET_NAME:
      case ElementId.BUILDING:
      case ElementId.POSTCODE:
      case ElementId.DISTRICT:
        address?.set(id, raw);
        return;
      case ElementId.POSTAL_ADDRESS:
      case ElementId.VISITING_ADDRESS:
      case ElementId.ACTIVITY_ADDRESS:
        if (direct && address) {
          const kept = address.toRaw(intern);
          if (id === ElementId.POSTAL_ADDRESS) unit.postal = kept;
          else if (id === ElementId.VISITING_ADDRESS) unit.visiting = kept;
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

  header.encoding = await feedXml(source, parser, {
    position: here,
    parserFailure: () => failure,
    onProgress: options.onProgress,
  });
  if (!rootSeen) throw new SorImportError(here(), 'the file holds no XML element; expected root SorTree');
  header.unknownElements = [...unknown.values()];
  return header;
}
