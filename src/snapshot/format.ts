import type { SorUnit } from '../model/types.js';

/** The format name every manifest and payload of a SOR snapshot carries. */
export const SNAPSHOT_FORMAT = 'sor-snapshot';
/**
 * The format version this code writes. Version 2 predicts each SOR code's check digit with the
 * true Verhoeff scheme; version 1 predicted it with a table that had a wrong row (see
 * `decodeFull`). Nothing else differs, so this code reads both.
 */
export const SNAPSHOT_FORMAT_VERSION = 2;
/** Every format version this code reads; a reader refuses any other. */
export const READABLE_SNAPSHOT_FORMAT_VERSIONS: readonly SnapshotFormatVersion[] = [1, 2];
/** A format version a manifest or payload may carry. */
export type SnapshotFormatVersion = 1 | 2;
/** How many deltas a manifest keeps by default, so a client a week behind still gets deltas. */
export const DEFAULT_DELTA_HISTORY = 7;

/** Size and SHA-256 of a payload's JSON, the bytes inside its gzip. */
export interface SnapshotDecodedRef {
  /** Byte size of the JSON inside the gzip. */
  bytes: number;
  /** SHA-256 of the JSON inside the gzip, lower-case hex. */
  sha256: string;
}

/** One payload file as the manifest lists it: file name beside the manifest, sizes and hashes. */
export interface SnapshotFileRef {
  /**
   * A plain file name in the manifest's own folder (`full-<id>.json.gz`): no `/`, no `..`, no
   * scheme. Files are content-addressed and immutable.
   */
  url: string;
  /** Byte size of the file as stored (gzip-compressed). */
  bytes: number;
  /** SHA-256 of the file as stored, lower-case hex. */
  sha256: string;
  /**
   * Size and SHA-256 of the JSON inside the gzip. With it a client can verify a payload that a
   * server decompressed on the way (`Content-Encoding: gzip`) or compressed anew; manifests of
   * sor-snapshot 0.1 lack it, and then only the stored gzip bytes verify.
   */
  decoded?: SnapshotDecodedRef;
}

/** A delta file: the changes that turn snapshot `from` into snapshot `to`. */
export interface SnapshotDeltaRef extends SnapshotFileRef {
  from: string;
  to: string;
  /** Units added or changed. */
  upserts: number;
  /** Units removed. */
  removed: number;
}

/** Where the export came from when it was made by `sor-snapshot generate`: labelled synthetic. */
export interface SnapshotSynthetic {
  /** The label from the export's header comment, e.g. `SYNTHETIC SOR export … seed 1`. */
  label: string;
}

/** `manifest.json`: the one small, mutable file of a snapshot folder. */
export interface SnapshotManifest {
  format: typeof SNAPSHOT_FORMAT;
  version: SnapshotFormatVersion;
  /** The snapshot id: content-addressed (derived from the full payload), 16 hex digits. */
  id: string;
  /** The export's `SnapshotDate` (`YYYY-MM-DD`). */
  sourceDate: string;
  /** The export's `CreatedAtTime`, as given. */
  exportCreatedAt: string | null;
  /** When this snapshot was built (ISO date-time). */
  createdAt: string;
  unitCount: number;
  /** Set when the export was synthetic (made by the generator); `null` for real data. */
  synthetic: SnapshotSynthetic | null;
  /** The full payload. */
  full: SnapshotFileRef;
  /** Deltas from earlier snapshot ids, newest first; each ends at this `id` or at an earlier delta's `from`. */
  deltas: SnapshotDeltaRef[];
  /**
   * `true` when the publisher deliberately goes back to an older export. Without it a client
   * holding a newer snapshot (by `sourceDate`, then `createdAt`) refuses this one; with it the
   * client still requires `createdAt` later than the held snapshot's, so a replayed old rollback
   * manifest is refused too. Absent means false.
   */
  rollback?: boolean;
}

/**
 * A string column: distinct values plus one reference per unit.
 *
 * A ref: `0` = null, `1` = same as the parent's value, `2` = the next value of `values` not yet
 * used (values appear in first-use order, so unique values cost no index), `n ≥ 3` = `values[n - 3]`.
 * Format 2 packs the refs into one string (see `packRefs` in `columns.ts`): each ref as the same
 * number of base-57 digits, `#` (0x23) … `[` (0x5B). Format 1 has them as an array of numbers.
 */
export interface StringColumn {
  values: string[];
  refs: string | number[];
}

/** The string columns of a full payload; each is one `SorUnit` field (or part of one). */
export const STRING_COLUMNS = [
  'name',
  'typeCode',
  'level',
  'shak',
  'ean',
  'providerNumber',
  'pharmacyNumber',
  'regionCode',
  'street',
  'postcode',
  'city',
  'phone',
  'email',
  'web',
  'specialties',
  'validFrom',
  'changedFrom',
  'validTo',
] as const;

/** The name of one string column. */
export type StringColumnName = (typeof STRING_COLUMNS)[number];

/** The string columns that are a `SorUnit` field as they stand (nullable strings): decoders copy them alike. */
export const PLAIN_COLUMNS = [
  'typeCode',
  'shak',
  'ean',
  'providerNumber',
  'pharmacyNumber',
  'regionCode',
  'phone',
  'email',
  'web',
  'validFrom',
  'changedFrom',
  'validTo',
] as const satisfies readonly StringColumnName[];

/** The name of one plain column. */
export type PlainColumnName = (typeof PLAIN_COLUMNS)[number];

/**
 * The string columns of the EAN entity section, one value per EAN entity. An EDI code is
 * `code` or `code<TAB>name` (a name from the build's code table).
 */
export const EAN_ENTITY_COLUMNS = [
  'systemType',
  'systemSupplier',
  'communicationSupplier',
  'ediAdministrator',
  'regionCode',
  'validFrom',
  'changedFrom',
  'validTo',
] as const;

/** The name of one EAN entity column. */
export type EanEntityColumnName = (typeof EAN_ENTITY_COLUMNS)[number];

/**
 * What "same as parent" (ref 1) means in the EAN entity columns that have one: `unit`, the
 * declaring unit's value of the same column; `validFrom`, the entity's own `validFrom` (its column
 * comes first). An EAN entity's region and dates nearly always are these, in the SOR sample
 * exports as in the generator (an EAN's `FromDate` is its `FirstFromDate` until its EDI data
 * changes): once per EAN they cost a ref, not a date again. The EDI code columns have no parent.
 */
export const EAN_ENTITY_PARENTS = {
  regionCode: 'unit',
  validFrom: 'unit',
  changedFrom: 'validFrom',
  validTo: 'unit',
} as const satisfies Partial<Record<EanEntityColumnName & StringColumnName, 'unit' | 'validFrom'>>;

/** An EAN entity column with a "same as parent" (`EAN_ENTITY_PARENTS`). */
export type ParentedEanEntityColumnName = keyof typeof EAN_ENTITY_PARENTS;

/**
 * The EDI data of every EAN entity (`EanLocationCodeEntity`), once per EAN: one entry per unit
 * that declares an EAN of its own, in canonical order. Absent in payloads of sor-snapshot
 * before 0.2, which carried no EDI data.
 */
export interface EanEntitySection {
  /** The declaring unit's index, as the difference from the previous entry's (the first from 0). */
  units: number[];
  /** Per entry: bit 0 `OnlyInternalIndicator`, bit 1 `NonActiveIndicator`. */
  flags: number[];
  /**
   * String columns over the entries. Ref 1 ("same as parent") is as `EAN_ENTITY_PARENTS` says;
   * the EDI code columns have refs 0, 2 and n ≥ 3 only.
   */
  columns: Record<EanEntityColumnName, StringColumn>;
}

/**
 * The full payload (`full-<id>.json.gz`, JSON inside gzip). Units are in canonical order (owners
 * by code, then each unit's subtree depth first, children by code), so the tree is carried as
 * child counts and the kind follows from the depth.
 */
export interface FullPayload {
  format: 'sor-snapshot-full';
  version: SnapshotFormatVersion;
  id: string;
  sourceDate: string;
  count: number;
  /** Number of children of each unit, in canonical (pre-)order. */
  children: number[];
  /** SOR running numbers, each as the difference from the previous unit's. */
  running: number[];
  /** `[index, checkDigit]` where the last digit is not the Verhoeff digit (seen in real samples). */
  checkDigits: [number, number][];
  /** `[index, code]` for codes that are not running number + namespace + partition + digit. */
  irregularCodes: [number, string][];
  columns: Record<StringColumnName, StringColumn>;
  /** Indexes of units whose EAN is inherited but differs from the parent's (not produced by the CLI). */
  eanInheritedOther: number[];
  /** `[index, codes]` of units that replace others. */
  replaces: [number, string[]][];
  /** `[index, codes]` of units that are replaced. */
  replacedBy: [number, string[]][];
  /** The EDI data of the EAN entities; absent in payloads written before it was carried. */
  eanEntities?: EanEntitySection;
}

/** A delta payload (`delta-<from>-<to>.json.gz`): units added or changed, and codes removed. */
export interface DeltaPayload {
  format: 'sor-snapshot-delta';
  version: SnapshotFormatVersion;
  from: string;
  to: string;
  sourceDate: string;
  /** The unit count after the delta is applied: a check that the chain is whole. */
  count: number;
  upserts: SorUnit[];
  removed: string[];
}

/**
 * Checks that a parsed document is an object of the expected `format` at this reader's version,
 * and returns it; `fail` throws with the document's own prefix. Shared by the manifest, full and
 * delta decoders, so every file refuses an unknown format or version in the same words.
 */
export function checkFormatHeader<T extends { format: string; version: number }>(
  value: unknown,
  format: T['format'],
  fail: (message: string) => never,
): Partial<T> {
  if (typeof value !== 'object' || value === null) return fail('is not a JSON object');
  const document = value as Partial<T>;
  if (document.format !== format)
    fail(`field "format" is ${JSON.stringify(document.format)}, expected "${format}"`);
  if (!(READABLE_SNAPSHOT_FORMAT_VERSIONS as readonly unknown[]).includes(document.version)) {
    fail(
      `field "version" is ${JSON.stringify(document.version)}; this reader understands versions ${READABLE_SNAPSHOT_FORMAT_VERSIONS.join(' and ')}`,
    );
  }
  return document;
}
