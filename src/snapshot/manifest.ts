import { SnapshotFormatError } from './errors.js';
import {
  SNAPSHOT_FORMAT,
  checkFormatHeader,
  type SnapshotDeltaRef,
  type SnapshotFileRef,
  type SnapshotManifest,
} from './format.js';

function fail(message: string): never {
  throw new SnapshotFormatError(`manifest: ${message}`);
}

// A file name beside the manifest: no `/` or `\\` (no other folder), no leading dot (no `..`),
// no `:` (no scheme such as `https:` or `data:`), no `%` (no encoded `..` or `/`).
const PLAIN_FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}$/;
const SNAPSHOT_ID = /^[0-9a-f]{16}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** True when year, month and day name a day of the calendar (no 2025-02-30). */
function isCalendarDay(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day)
  );
}

function checkDate(value: unknown, field: string): void {
  const parts = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!parts || !isCalendarDay(parts[1], parts[2], parts[3]))
    fail(`field "${field}" is ${JSON.stringify(value)}; expected a date YYYY-MM-DD`);
}

function checkDateTime(value: unknown, field: string): void {
  const parts = typeof value === 'string' ? ISO_DATE_TIME.exec(value) : null;
  if (!parts || !isCalendarDay(parts[1], parts[2], parts[3]) || Number.isNaN(Date.parse(value as string)))
    fail(`field "${field}" is ${JSON.stringify(value)}; expected an ISO 8601 date-time`);
}

function checkHash(value: unknown, where: string): void {
  if (typeof value !== 'string' || !SHA256.test(value)) fail(`${where} must be 64 lower-case hex digits`);
}

function checkByteCount(value: unknown, where: string): void {
  if (!Number.isSafeInteger(value) || (value as number) < 0) fail(`${where} must be a byte count`);
}

function checkSnapshotId(value: unknown, where: string): void {
  if (typeof value !== 'string' || !SNAPSHOT_ID.test(value))
    fail(`${where} is ${JSON.stringify(value)}; a snapshot id is 16 lower-case hex digits`);
}

function checkFileRef(value: unknown, where: string): SnapshotFileRef {
  if (typeof value !== 'object' || value === null) fail(`${where} must be an object`);
  const ref = value as Partial<SnapshotFileRef>;
  if (typeof ref.url !== 'string' || ref.url === '') fail(`${where}.url must be a non-empty string`);
  // The client fetches only beside the manifest and the CLI reads and writes only inside the
  // snapshot folder: a manifest must not be able to point either anywhere else.
  if (!PLAIN_FILE_NAME.test(ref.url)) {
    fail(
      `${where}.url is ${JSON.stringify(ref.url)}; it must be a plain file name beside the manifest (letters, digits, ".", "_", "-"; no "/", no "..", no scheme such as "https:" or "data:")`,
    );
  }
  checkByteCount(ref.bytes, `${where}.bytes`);
  checkHash(ref.sha256, `${where}.sha256`);
  if (ref.decoded !== undefined) {
    if (typeof ref.decoded !== 'object' || ref.decoded === null)
      fail(`${where}.decoded must be { bytes, sha256 }`);
    checkByteCount(ref.decoded.bytes, `${where}.decoded.bytes`);
    checkHash(ref.decoded.sha256, `${where}.decoded.sha256`);
  }
  return ref as SnapshotFileRef;
}

/**
 * Validates a parsed `manifest.json`. Refuses an unknown format or version (a client must not guess
 * at a layout it does not know) and names the field that is wrong: file references must be plain
 * file names beside the manifest, ids 16 hex digits, dates real ISO dates.
 */
export function decodeManifest(value: unknown): SnapshotManifest {
  const manifest = checkFormatHeader<SnapshotManifest>(value, SNAPSHOT_FORMAT, fail);
  checkSnapshotId(manifest.id, 'field "id"');
  checkDate(manifest.sourceDate, 'sourceDate');
  checkDateTime(manifest.createdAt, 'createdAt');
  if (manifest.exportCreatedAt !== null) {
    if (typeof manifest.exportCreatedAt !== 'string')
      fail('field "exportCreatedAt" must be a string or null');
    checkDateTime(manifest.exportCreatedAt, 'exportCreatedAt');
  }
  if (!Number.isInteger(manifest.unitCount) || (manifest.unitCount as number) < 0)
    fail('field "unitCount" must be a whole number');
  if (
    manifest.synthetic !== null &&
    (typeof manifest.synthetic !== 'object' || typeof manifest.synthetic?.label !== 'string')
  ) {
    fail('field "synthetic" must be null or { label }');
  }
  if (manifest.rollback !== undefined && typeof manifest.rollback !== 'boolean')
    fail('field "rollback" must be true, false or absent');
  checkFileRef(manifest.full, 'full');
  if (!Array.isArray(manifest.deltas)) fail('field "deltas" must be an array');
  manifest.deltas.forEach((delta: unknown, i) => {
    const ref = checkFileRef(delta, `deltas[${i}]`) as Partial<SnapshotDeltaRef>;
    checkSnapshotId(ref.from, `deltas[${i}].from`);
    checkSnapshotId(ref.to, `deltas[${i}].to`);
    if (!Number.isInteger(ref.upserts) || !Number.isInteger(ref.removed))
      fail(`deltas[${i}] must count "upserts" and "removed"`);
  });
  return manifest as SnapshotManifest;
}

/**
 * The deltas that lead from snapshot `fromId` to the manifest's snapshot, oldest first, or `null`
 * when the manifest offers no such chain (then the client takes the full file).
 */
export function deltaChain(manifest: SnapshotManifest, fromId: string): SnapshotDeltaRef[] | null {
  if (fromId === manifest.id) return [];
  const byFrom = new Map(manifest.deltas.map((delta) => [delta.from, delta]));
  const chain: SnapshotDeltaRef[] = [];
  let at = fromId;
  while (at !== manifest.id) {
    const step = byFrom.get(at);
    if (!step || chain.length > manifest.deltas.length) return null;
    chain.push(step);
    at = step.to;
  }
  return chain;
}
