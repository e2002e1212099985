import type { Id27Level, Id27LevelName } from './id27.js';

/**
 * The three entity kinds of SOR: Institutionsejer (owner: region, kommune, stat, privat),
 * Sundhedsinstitution (hospital, practice, pharmacy, …) and Organisatorisk enhed (any nested unit).
 */
export type SorKind = 'IE' | 'SI' | 'OE';

/** A postal address after SOR's inheritance rules were applied at snapshot build time. */
export interface SorAddress {
  /** Street name and building number, e.g. `Blegdamsvej 9`. */
  street: string;
  postcode: string;
  city: string;
}

/**
 * An EDI code of an EAN entity (`SystemType`, `SystemSupplier`, `CommunicationSupplier`,
 * `EdiAdministrator`) with its name where the snapshot was built with a code table
 * (`sor-snapshot build --edi-code-names`); the export itself carries codes only, so `name` is
 * `null` otherwise and a UI shows the code.
 */
export interface SorEdiCode {
  code: string;
  name: string | null;
}

/**
 * The EDI data of an EAN entity (`EanLocationCodeEntity`): what receives MedCom messages at a
 * lokationsnummer. Carried once per EAN, on the unit that declares it; units that inherit the
 * EAN reach it through that unit (see `resolveAddressing`).
 */
export interface SorEanEntity {
  /** `SystemType`: the kind of system that receives at this EAN. */
  systemType: SorEdiCode | null;
  /** `SystemSupplier`: who supplies that system. */
  systemSupplier: SorEdiCode | null;
  /** `CommunicationSupplier`: who carries the messages (VANS). */
  communicationSupplier: SorEdiCode | null;
  /** `EdiAdministrator`: who administers the EDI set-up. */
  ediAdministrator: SorEdiCode | null;
  /** `OnlyInternalIndicator`: the EAN receives only messages from within its own organisation. */
  onlyInternal: boolean;
  /** `NonActiveIndicator`: the EAN does not receive messages now. */
  nonActive: boolean;
  /** The EAN entity's `RegionCode`. */
  regionCode: string | null;
  /** The EAN entity's own `SorStatus`: `FirstFromDate`, `FromDate` and `ToDate` (inclusive). */
  validFrom: string | null;
  changedFrom: string | null;
  validTo: string | null;
}

/**
 * One SOR entity as the snapshot carries it. Absent values are `null` (never `undefined`), lists
 * are empty rather than missing, so a unit survives a JSON round trip unchanged.
 */
export interface SorUnit {
  /** The SOR code: 11–18 digits, kept as a string (18 digits do not fit a JS number). */
  sorCode: string;
  kind: SorKind;
  name: string;
  /** The SOR code of the parent entity; `null` for an owner (IE). */
  parentCode: string | null;
  /** SNOMED CT code of the entity type: `OwnerType`, `InstitutionType` or `UnitType`. */
  typeCode: string | null;
  /** The unit's own clinical-administrative level (ID27), `null` where SOR gives none. */
  level: Id27Level | null;
  /** Legacy SHAK code (4 = sygehus, 6 = afdeling, 7 = afsnit). Not an official identifier. */
  shak: string | null;
  /** EAN/GLN lokationsnummer (13 digits), after inheritance from the parent was resolved. */
  ean: string | null;
  /** True when `ean` was inherited from an ancestor (`EntityInheritedIndicator`). */
  eanInherited: boolean;
  /**
   * The EDI data of the EAN entity this unit declares itself; `null` when its EAN is inherited or
   * absent, and for every unit of a snapshot built before EDI data was carried (then
   * `resolveAddressing` answers `no-edi-data` for units with an EAN).
   */
  eanEntity: SorEanEntity | null;
  /** Ydernummer (`ProviderIdentifier`); not unique across units. */
  providerNumber: string | null;
  /** Apoteksnummer (`PharmacyIdentifier`). */
  pharmacyNumber: string | null;
  /** Region code, 1081 (Nordjylland) … 1085 (Sjælland), where SOR gives one. */
  regionCode: string | null;
  /** The visiting address, resolved: own visiting, else own postal, else the parent's postal. */
  address: SorAddress | null;
  phone: string | null;
  email: string | null;
  web: string | null;
  /** Clinical specialty codes (SNOMED CT), at most eight. */
  specialties: string[];
  /** `FirstFromDate`: the day the unit first became valid (ISO `YYYY-MM-DD`). */
  validFrom: string | null;
  /** `FromDate`: the day of the last change. */
  changedFrom: string | null;
  /** `ToDate`: the closing date, inclusive; `null` while the unit is open. */
  validTo: string | null;
  /** SOR codes this unit replaces. */
  replaces: string[];
  /** SOR codes that replace this unit once it is retired. */
  replacedBy: string[];
}

/** A short reference to a unit, as used in paths and chains. */
export interface SorUnitRef {
  sorCode: string;
  name: string;
  kind: SorKind;
}

/**
 * Why a unit cannot receive MedCom messages:
 * - `no-ean`: neither the unit nor an ancestor it inherits from has an EAN (lokationsnummer);
 * - `inactive`: the EAN that would receive is marked `NonActiveIndicator`, or lies outside its
 *   own validity dates on the day asked about;
 * - `internal-only`: the EAN receives only from within its own organisation (`OnlyInternalIndicator`);
 * - `no-edi-data`: the unit has an EAN but the snapshot does not carry its EAN entity (a snapshot
 *   built before EDI data was carried: rebuild it with this version of `sor-snapshot`).
 */
export type SorAddressingProblem = 'no-ean' | 'inactive' | 'internal-only' | 'no-edi-data';

/**
 * Where MedCom messages to a unit go: the receiving EAN, the unit that owns it, and a copy of its
 * EAN entity's EDI data (codes with names where the snapshot has them, indicators, region, dates).
 */
export interface SorAddressing extends SorEanEntity {
  /** The EAN/GLN lokationsnummer that receives for the unit. */
  ean: string;
  /** The unit that declares this EAN: the unit itself, or the nearest ancestor it inherits from. */
  owner: SorUnitRef;
  /** True when the EAN is an ancestor's (`owner` is not the unit). */
  inherited: boolean;
  /**
   * False when the EAN entity is `nonActive` or not valid (`validFrom`…`validTo`) on the day
   * asked about.
   */
  active: boolean;
}

/**
 * The answer of `catalog.addressOf(code)`: either the unit can receive (`ok: true`) or it cannot,
 * with the reason. For `inactive` and `internal-only` the EAN's data is given as well
 * (`addressing`), so a UI can say which EAN is inactive; `ean` is the unit's EAN, if any.
 */
export type SorAddressingResult =
  | { ok: true; addressing: SorAddressing }
  | { ok: false; reason: SorAddressingProblem; ean: string | null; addressing: SorAddressing | null };

/** Which data answered: carried on every selection so a stored code can be traced to its source. */
export interface SnapshotInfo {
  /** The snapshot id (content-addressed in snapshots built by the CLI). */
  id: string;
  /** The `SnapshotDate` of the SOR export the snapshot was built from (`YYYY-MM-DD`). */
  sourceDate: string;
}

/** The FHIR Identifier of a SOR code, as DK Core profiles it. */
export interface SorFhirIdentifier {
  system: 'urn:oid:1.2.208.176.1.1';
  use: 'official';
  value: string;
}

/**
 * What a vendor gets for every choice (picker, tree or `catalog.select(code)`): the SOR code,
 * its ID27 level and level chain (the replacement for SHAK sygehus / afdeling / afsnit),
 * the path, identifiers, validity and provenance.
 */
export interface SorSelection {
  sorCode: string;
  name: string;
  kind: SorKind;
  /** The unit's own ID27 level. */
  level: Id27Level | null;
  /** The unit itself, or its nearest ancestor that has an ID27 level. */
  clinicalUnit: { sorCode: string; name: string; level: Id27Level } | null;
  /**
   * The ID27 chain along the path, nearest first where a level repeats:
   * e.g. `{ Hospital: {…}, Afdeling: {…}, Afsnit: {…} }`. Levels absent from the path are missing.
   */
  levels: Partial<Record<Id27LevelName, { sorCode: string; name: string }>>;
  /** Owner → institution → … → the unit itself. */
  path: SorUnitRef[];
  /** The nearest health institution (SI) on the path, the unit itself if it is one. */
  institution: SorUnitRef | null;
  /** The institution owner (IE) at the top of the path. */
  owner: SorUnitRef | null;
  /** SNOMED CT code of the entity type (`OwnerType`, `InstitutionType` or `UnitType`). */
  typeCode: string | null;
  /** EAN/GLN lokationsnummer; `eanInherited` when it is an ancestor's. */
  ean: string | null;
  eanInherited: boolean;
  providerNumber: string | null;
  /** The visiting address as the snapshot resolved it, and the contact details. */
  address: SorAddress | null;
  phone: string | null;
  email: string | null;
  web: string | null;
  /** The legacy SHAK code, for migration only; never emit it as an official identifier. */
  legacyShak: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** True when `validTo` lies before the date the selection was made for. */
  retired: boolean;
  replacedBy: string[];
  /**
   * Where MedCom messages to this unit go (its own EAN or the nearest ancestor's it inherits),
   * as of the selection's date; `null` when the unit cannot receive, and then
   * `addressingProblem` says why. See `catalog.addressOf` for the EAN data of an inactive or
   * internal-only EAN.
   */
  addressing: SorAddressing | null;
  /** Why `addressing` is null; `null` when the unit can receive. */
  addressingProblem: SorAddressingProblem | null;
  /**
   * Set when a level rule (`resolve-level`) turned the user's choice into this unit, its nearest
   * self-or-ancestor at that level: the unit the user actually chose.
   */
  resolvedFrom?: SorUnitRef;
  identifier: SorFhirIdentifier;
  snapshot: SnapshotInfo;
}
