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

function checkFileRef(value: unknown, where: string): SnapshotFileRef {
  if (typeof value !== 'object' || value === null) fail(`${where} must be an object`);
  const ref = value as Partial<SnapshotFileRef>;
  if (typeof ref.url !== 'string' || ref.url === '') fail(`${where}.url must be a non-empty string`);
  if (!Number.isInteger(ref.bytes) || (ref.bytes as number) < 0) fail(`${where}.bytes must be a byte count`);
  if (typeof ref.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(ref.sha256)) {
    fail(`${where}.sha256 must be 64 lower-case hex digits`);
  }
  return ref as SnapshotFileRef;
}

/**
 * Validates a parsed `manifest.json`. Refuses an unknown format or version (a client must not guess
 * at a layout it does not know) and names the field that is wrong.
 */
export function decodeManifest(value: unknown): SnapshotManifest {
  const manifest = checkFormatHeader<SnapshotManifest>(value, SNAPSHOT_FORMAT, fail);
  for (const key of ['id', 'sourceDate', 'createdAt'] as const) {
    if (typeof manifest[key] !== 'string' || manifest[key] === '')
      fail(`field "${key}" must be a non-empty string`);
  }
  if (manifest.exportCreatedAt !== null && typeof manifest.exportCreatedAt !== 'string') {
    fail('field "exportCreatedAt" must be a string or null');
  }
  if (!Number.isInteger(manifest.unitCount)) fail('field "unitCount" must be a whole number');
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
    if (typeof ref.from !== 'string' || typeof ref.to !== 'string')
      fail(`deltas[${i}] must name "from" and "to"`);
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
