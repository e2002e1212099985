import type { SourcePosition } from './errors.js';
import type { RawEanEntity } from './ean-entity.js';
import type { SorEntityKind } from '../sor-xml-elements.js';

// What the reader gives of an export: its header and its entities as written (`RawUnit`),
// before the build resolves inheritance and validates them.

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
  kind: SorEntityKind;
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

// V8 keeps a substring as a slice of its source: a value taken from a 256 KB chunk would keep the
// whole chunk alive for as long as the unit lives. Concatenating and slicing makes a small copy
// (V8 copies strings shorter than 13 characters anyway).
/** A copy of `value` that does not pin the text it was sliced from. */
export function ownCopy(value: string): string {
  return value.length > 12 ? (value + ' ').slice(0, -1) : value;
}

// Shared by every unit with no specialties / replacements (most of them): three empty arrays per
// unit cost ~10 MB at 100k units. Frozen, so a stray push fails loudly instead of touching all.
export const NONE: string[] = Object.freeze([]) as unknown as string[];
export const NO_SUCCESSORS: RawUnit['replacedBy'] = Object.freeze([]) as unknown as RawUnit['replacedBy'];

/** A unit of `kind` with nothing read yet. */
export function emptyUnit(
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

/**
 * A function that returns one shared copy of each distinct value it is given (see `ownCopy`):
 * values that repeat across units (dates, type codes, postcodes, names such as "Sengeafsnit") are
 * then held once.
 */
export function makeInterner(): (value: string) => string {
  const interned = new Map<string, string>();
  return (value) => {
    const known = interned.get(value);
    if (known !== undefined) return known;
    const copy = ownCopy(value);
    interned.set(copy, copy);
    return copy;
  };
}
