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
   * Set when a level rule (`resolve-level`) turned the user's choice into this unit, its nearest
   * self-or-ancestor at that level: the unit the user actually chose.
   */
  resolvedFrom?: SorUnitRef;
  identifier: SorFhirIdentifier;
  snapshot: SnapshotInfo;
}
