import type { SorUnit } from '../model/types.js';
import { patchUnits, type UnitLookup } from '../snapshot/delta.js';
import type { SnapshotDeltaRef, SnapshotFileRef, SnapshotManifest } from '../snapshot/format.js';
import { decodeManifest, deltaChain } from '../snapshot/manifest.js';
import {
  isCrossOrigin,
  MANIFEST_MAX_BYTES,
  networkFailureMessage,
  payloadByteLimit,
  readBody as readBoundedBody,
  resolveFileUrl,
  type ByteLimit,
} from '../snapshot/fetch-snapshot.js';
import { SnapshotFetchError } from '../snapshot/errors.js';
import { parseJsonBytes } from '../snapshot/transport.js';
import { decodeDeltaBytes, decodeFullBytes, inFile } from './decode.js';
import { SorStaleSnapshotError, SorSyncError, type SnapshotAge } from './errors.js';
import type { StoredDeltaRef, StoredFile, StoredSnapshotMeta } from './schema.js';

/** How far a sync has come: bytes downloaded of the bytes it expects, and units decoded. */
export interface SorSyncProgress {
  bytes: number;
  /** The bytes the manifest announces for the files this sync downloads (0 while fetching the manifest). */
  totalBytes: number;
  /** Units decoded so far (the whole count once a file is decoded). */
  units: number;
}

/** How long a request of the sync may go without an answer or a byte, by default (ms). */
export const DEFAULT_SYNC_TIMEOUT = 30_000;

/** Where a sync gets its snapshot from. */
export interface SyncSource {
  /** Absolute URL of `manifest.json`. */
  manifestUrl: string;
  fetch: typeof fetch;
  signal?: AbortSignal;
  /**
   * A request that gets no answer, or no further bytes of its body, for this many milliseconds is
   * aborted and the sync fails with a `timeout` error. Default `DEFAULT_SYNC_TIMEOUT`.
   */
  timeout?: number;
}

/** What the client holds now: the stored (or in-memory) snapshot the sync starts from. */
export interface SyncBase {
  meta: StoredSnapshotMeta;
  units: readonly SorUnit[];
  /** Finds a unit of `units` by code (the catalog's index), so a delta need not index them all again. */
  lookup?: UnitLookup;
}

/** What a delta chain changed, relative to the base: units added or changed, and codes removed. */
export interface SyncChanges {
  upserts: ReadonlyMap<string, SorUnit>;
  removed: ReadonlySet<string>;
}

/** The outcome of `fetchUpdate`. */
export type SyncUpdate =
  | { kind: 'unchanged'; etag: string | null }
  | {
      kind: 'updated';
      via: 'full' | 'delta';
      units: SorUnit[];
      /** The `current` record to store. */
      meta: StoredSnapshotMeta;
      /** The verified files to store with it. */
      files: StoredFile[];
      /** Why the delta chain was given up for the full file, when it was. */
      deltaFailure: SorSyncError | null;
      /** With `via: 'delta'`: what changed from the base, so the catalog can patch rather than rebuild. */
      changes: SyncChanges | null;
    };

/** Options of `fetchUpdate`. */
export interface FetchUpdateOptions {
  onProgress?: (progress: SorSyncProgress) => void;
  /** The time to record as `lastSync` (ISO); defaults to now. */
  now?: string;
}

function isAbort(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'AbortError';
}

/**
 * The watchdog of one request: aborts it (its own `AbortController`, also following the sync's
 * signal) once it goes `timeout` ms without progress. Progress, not the whole download, is timed,
 * so a large file on a slow but moving connection is never cut off. `expired` rejects on expiry;
 * racing it, rather than trusting the fetch to honour its signal, means even a fetch that ignores
 * the abort cannot hang the sync (and with it the cross-tab lock).
 */
class RequestWatch {
  readonly controller = new AbortController();
  readonly expired: Promise<never>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private expire!: () => void;
  private stalledAfter = -1;

  constructor(
    url: string,
    private readonly timeout: number,
    outer: AbortSignal | undefined,
  ) {
    this.expired = new Promise<never>((_, reject) => {
      this.expire = () => {
        const seconds = `${this.timeout / 1000} s`;
        reject(
          new SorSyncError(
            'timeout',
            this.stalledAfter < 0
              ? `${url}: no answer within ${seconds}; the request was aborted`
              : `${url}: download stalled after ${this.stalledAfter} bytes (nothing for ${seconds}); the request was aborted`,
            url,
          ),
        );
        this.controller.abort(new DOMException(`no progress for ${seconds}`, 'TimeoutError'));
      };
    });
    // Rejected while nothing races it (between two reads): the next race sees it.
    this.expired.catch(() => undefined);
    if (outer?.aborted) this.controller.abort(outer.reason);
    else outer?.addEventListener('abort', () => this.controller.abort(outer.reason), { once: true });
    this.restart();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Some progress: the answer came, or `bytes` of the body so far. */
  progress(bytes: number): void {
    this.stalledAfter = bytes;
    this.restart();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  /** `work`, or the timeout error when the request stalls first. */
  race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.expired]);
  }

  private restart(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.expire(), this.timeout);
  }
}

/** A response and the watchdog that keeps timing its body. */
interface WatchedResponse {
  response: Response;
  watch: RequestWatch;
}

async function request(source: SyncSource, url: string, init: RequestInit): Promise<WatchedResponse> {
  const watch = new RequestWatch(url, source.timeout ?? DEFAULT_SYNC_TIMEOUT, source.signal);
  let response: Response;
  try {
    response = await watch.race(source.fetch(url, { ...init, signal: watch.signal }));
  } catch (error) {
    watch.stop();
    if (error instanceof SorSyncError || isAbort(error)) throw error;
    throw new SorSyncError('network', networkFailureMessage(url, error), url, null, {
      cause: error,
    });
  }
  watch.progress(0);
  if (!response.ok && response.status !== 304) {
    watch.stop();
    throw new SorSyncError(
      'http',
      `${url}: HTTP ${response.status} ${response.statusText}`.trim(),
      url,
      response.status,
    );
  }
  return { response, watch };
}

/** Reads a body, held to `maxBytes`, reporting each chunk's size so a progress bar can move. */
async function readBody(
  { response, watch }: WatchedResponse,
  url: string,
  onBytes: (count: number) => void,
  maxBytes: ByteLimit,
): Promise<Uint8Array> {
  let length = 0;
  try {
    return await watch.race(
      readBoundedBody(response, url, {
        maxBytes,
        onBytes: (count) => {
          length += count;
          watch.progress(length);
          onBytes(count);
        },
      }),
    );
  } catch (error) {
    // Stop the body's stream too, whatever the fetch does with its signal.
    response.body?.cancel().catch(() => undefined);
    if (!(error instanceof SnapshotFetchError)) throw error;
    throw new SorSyncError(error.reason, error.message, url, response.status, { cause: error });
  } finally {
    watch.stop();
  }
}

// The day of a date (`YYYY-MM-DD`, also from a date-time or a zone-suffixed date), else null.
function dayOf(date: string): string | null {
  return /^\d{4}-\d{2}-\d{2}/.exec(date)?.[0] ?? null;
}

function compareTimes(a: string | null, b: string | null): number {
  const [x, y] = [Date.parse(a ?? ''), Date.parse(b ?? '')];
  return Number.isNaN(x) || Number.isNaN(y) ? 0 : Math.sign(x - y);
}

/**
 * Orders two snapshots in time: by export date, then, on the same export date, by build time.
 * Negative when `a` is older. Dates that cannot be read do not order (0): a snapshot is refused
 * only when it is known to be older.
 */
function compareSnapshotAge(a: SnapshotAge, b: SnapshotAge): number {
  const [dayA, dayB] = [dayOf(a.sourceDate), dayOf(b.sourceDate)];
  if (dayA && dayB && dayA !== dayB) return dayA < dayB ? -1 : 1;
  return compareTimes(a.createdAt, b.createdAt);
}

/**
 * Throws a `SorStaleSnapshotError` when the manifest would take the client back in time. A
 * declared rollback passes when it was built after the held snapshot: the publisher's newest word,
 * not a replay of an older one.
 */
function refuseOlder(manifestUrl: string, manifest: SnapshotManifest, held: StoredSnapshotMeta): void {
  const stored: SnapshotAge = {
    id: held.snapshotId,
    sourceDate: held.sourceDate,
    createdAt: held.createdAt ?? null,
  };
  const offered: SnapshotAge = {
    id: manifest.id,
    sourceDate: manifest.sourceDate,
    createdAt: manifest.createdAt,
  };
  if (compareSnapshotAge(offered, stored) >= 0) return;
  if (
    manifest.rollback === true &&
    (stored.createdAt === null || compareTimes(offered.createdAt, stored.createdAt) > 0)
  )
    return;
  throw new SorStaleSnapshotError(manifestUrl, stored, offered);
}

/**
 * One run of the sync protocol, without storing anything:
 * 1. fetch the manifest with `If-None-Match` (the stored ETag) and `cache: 'no-cache'` (always
 *    revalidate: https://fetch.spec.whatwg.org/#concept-request-cache-mode); 304 → unchanged;
 * 2. when the manifest offers a delta chain from the base's snapshot id, download the deltas,
 *    check each one's SHA-256, decode and apply them; a delta that does not fit (starts elsewhere,
 *    wrong unit count, damaged) → give it up for the full file;
 * 3. else download the full file, check its SHA-256 before using a byte, gunzip and decode.
 *
 * Resolves to the units and the `current` record to store; throws a `SorSyncError` naming the
 * URL, HTTP status or hashes of what failed.
 */
export async function fetchUpdate(
  source: SyncSource,
  base: SyncBase | null,
  options: FetchUpdateOptions = {},
): Promise<SyncUpdate> {
  const progress: SorSyncProgress = { bytes: 0, totalBytes: 0, units: 0 };
  const report = () => options.onProgress?.({ ...progress });
  const onBytes = (count: number) => {
    progress.bytes += count;
    report();
  };
  const now = options.now ?? new Date().toISOString();
  const { manifestUrl } = source;

  const headers: Record<string, string> = {};
  // Cross-origin, an If-None-Match header would make every sync a CORS preflight, which a host
  // that only sends Access-Control-Allow-Origin refuses; the browser's cache revalidates anyway.
  if (base?.meta.etag && base.meta.manifestUrl === manifestUrl && !isCrossOrigin(manifestUrl))
    headers['If-None-Match'] = base.meta.etag;
  const answer = await request(source, manifestUrl, { headers, cache: 'no-cache' });
  if (answer.response.status === 304) {
    answer.watch.stop();
    return { kind: 'unchanged', etag: base?.meta.etag ?? null };
  }
  const etag = answer.response.headers.get('ETag');
  const manifestBytes = await readBody(answer, manifestUrl, onBytes, MANIFEST_MAX_BYTES);
  const manifest: SnapshotManifest = inFile(manifestUrl, () =>
    decodeManifest(parseJsonBytes(manifestBytes, manifestUrl)),
  );
  if (base && base.meta.snapshotId === manifest.id) return { kind: 'unchanged', etag };
  // Before a byte of payload: an older snapshot is not downloaded, let alone stored.
  if (base) refuseOlder(manifestUrl, manifest, base.meta);

  const metaFor = (
    units: SorUnit[],
    files: Pick<StoredSnapshotMeta, 'baseFile' | 'deltaFiles'>,
  ): StoredSnapshotMeta => ({
    manifestUrl,
    snapshotId: manifest.id,
    sourceDate: manifest.sourceDate,
    createdAt: manifest.createdAt,
    unitCount: units.length,
    ...files,
    etag,
    lastSync: now,
    synthetic: manifest.synthetic !== null,
  });

  const download = async (ref: SnapshotFileRef): Promise<{ url: string; bytes: Uint8Array }> => {
    const url = resolveFileUrl(manifestUrl, ref);
    const response = await request(source, url, {});
    return { url, bytes: await readBody(response, url, onBytes, payloadByteLimit(ref)) };
  };

  let deltaFailure: SorSyncError | null = null;
  const chain = base ? deltaChain(manifest, base.meta.snapshotId) : null;
  const chainBytes = chain?.reduce((sum, ref) => sum + ref.bytes, 0) ?? Infinity;
  // A long chain can cost more than the full file: then the full file is the cheaper path.
  if (base && chain && chain.length > 0 && chainBytes < manifest.full.bytes) {
    progress.totalBytes += chainBytes;
    try {
      let units: readonly SorUnit[] = base.units;
      let lookup = base.lookup;
      const upserts = new Map<string, SorUnit>();
      const removed = new Set<string>();
      const stored: StoredDeltaRef[] = [];
      const files: StoredFile[] = [];
      let at = base.meta.snapshotId;
      for (const ref of chain) {
        const { url, bytes } = await download(ref);
        const delta = await decodeDeltaBytes(bytes, ref, url);
        if (delta.from !== at || delta.to !== ref.to) {
          throw new SorSyncError(
            'format',
            `${url}: delta goes from ${delta.from} to ${delta.to}; expected from ${at} to ${ref.to}`,
            url,
          );
        }
        const patched = inFile(url, () => patchUnits(units, delta, lookup));
        units = patched.units;
        lookup = patched.lookup;
        for (const code of patched.removed) {
          upserts.delete(code);
          removed.add(code);
        }
        for (const [code, unit] of patched.upserts) {
          removed.delete(code);
          upserts.set(code, unit);
        }
        progress.units = units.length;
        report();
        stored.push(storedDelta(ref, url));
        files.push({ sha256: ref.sha256, bytes });
        at = ref.to;
      }
      const result = units as SorUnit[];
      return {
        kind: 'updated',
        via: 'delta',
        units: result,
        meta: metaFor(result, {
          baseFile: base.meta.baseFile,
          deltaFiles: [...base.meta.deltaFiles, ...stored],
        }),
        files,
        deltaFailure: null,
        changes: { upserts, removed },
      };
    } catch (error) {
      if (isAbort(error)) throw error;
      // Any delta that cannot be used is a reason to take the full file, not to give up.
      deltaFailure =
        error instanceof SorSyncError ? error : new SorSyncError('format', String((error as Error).message));
    }
  }

  progress.totalBytes += manifest.full.bytes;
  report();
  const { url, bytes } = await download(manifest.full);
  const units = await decodeFullBytes(bytes, manifest.full, url, manifest.id);
  if (units.length !== manifest.unitCount) {
    throw new SorSyncError(
      'format',
      `${url}: holds ${units.length} units; the manifest announces ${manifest.unitCount}`,
      url,
    );
  }
  progress.units = units.length;
  report();
  return {
    kind: 'updated',
    via: 'full',
    units,
    meta: metaFor(units, {
      baseFile: { ...manifest.full, url },
      deltaFiles: [],
    }),
    files: [{ sha256: manifest.full.sha256, bytes }],
    deltaFailure,
    changes: null,
  };
}

function storedDelta(ref: SnapshotDeltaRef, url: string): StoredDeltaRef {
  return { url, bytes: ref.bytes, sha256: ref.sha256, decoded: ref.decoded, from: ref.from, to: ref.to };
}
