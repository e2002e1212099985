import { makeSorCode } from '../../src/model/codes.js';
import type { SorUnit } from '../../src/model/types.js';
import { encodeFull, sha256Hex, withSnapshotId } from '../../src/snapshot/codec.js';
import { encodeDelta } from '../../src/snapshot/delta.js';
import type { SnapshotDeltaRef, SnapshotFileRef, SnapshotManifest } from '../../src/snapshot/format.js';
import { gzip } from '../../src/store/decode.js';
import { SorSyncError } from '../../src/store/errors.js';
import { SMALL_REGISTER, unitNamed } from '../fixtures/small-register.js';

/** A built snapshot: its units, id and gzip-compressed full file. */
export interface BuiltSnapshot {
  id: string;
  sourceDate: string;
  units: readonly SorUnit[];
  full: SnapshotFileRef;
  fullBytes: Uint8Array;
}

/** Builds a full file from units as the CLI would (encode, give the id, gzip, hash). */
export async function buildSnapshot(units: readonly SorUnit[], sourceDate: string): Promise<BuiltSnapshot> {
  const { payload, bytes } = await withSnapshotId(encodeFull(units, sourceDate));
  const fullBytes = await gzip(bytes);
  return {
    id: payload.id,
    sourceDate,
    units,
    fullBytes,
    full: await payloadRef(`full-${payload.id}.json.gz`, fullBytes, bytes),
  };
}

/** A payload's manifest entry as the CLI writes it: gzip file and the JSON inside, sizes and hashes. */
export async function payloadRef(url: string, bytes: Uint8Array, json: Uint8Array): Promise<SnapshotFileRef> {
  return {
    url,
    bytes: bytes.byteLength,
    sha256: await sha256Hex(bytes),
    decoded: { bytes: json.byteLength, sha256: await sha256Hex(json) },
  };
}

/** A delta file between two built snapshots. */
export async function buildDelta(
  from: BuiltSnapshot,
  to: BuiltSnapshot,
  payloadOverride: Partial<{ from: string; count: number }> = {},
): Promise<{ ref: SnapshotDeltaRef; bytes: Uint8Array }> {
  const payload = {
    ...encodeDelta(from.units, to.units, { from: from.id, to: to.id, sourceDate: to.sourceDate }),
    ...payloadOverride,
  };
  const json = new TextEncoder().encode(JSON.stringify(payload));
  const bytes = await gzip(json);
  return {
    bytes,
    ref: {
      ...(await payloadRef(`delta-${from.id}-${to.id}.json.gz`, bytes, json)),
      from: from.id,
      to: to.id,
      upserts: payload.upserts.length,
      removed: payload.removed.length,
    },
  };
}

export function manifestOf(snapshot: BuiltSnapshot, deltas: SnapshotDeltaRef[] = []): SnapshotManifest {
  return {
    format: 'sor-snapshot',
    version: 2,
    id: snapshot.id,
    sourceDate: snapshot.sourceDate,
    exportCreatedAt: null,
    createdAt: `${snapshot.sourceDate}T03:00:00Z`,
    unitCount: snapshot.units.length,
    synthetic: { label: 'SYNTHETIC test register' },
    full: snapshot.full,
    deltas,
  };
}

/** The small register, one night later: one unit renamed, one added, one removed. */
export function nextNight(units: readonly SorUnit[] = SMALL_REGISTER, night = 1): SorUnit[] {
  const renamed = unitNamed('Hjertesygdomme');
  const removed = unitNamed('Hjertemedicinsk dagafsnit');
  const added: SorUnit = {
    ...removed,
    sorCode: makeSorCode(90_000 + night),
    name: `Nyt afsnit nat ${night}`,
    shak: null,
  };
  return [
    ...units
      .filter((unit) => unit.sorCode !== removed.sorCode && unit.sorCode !== added.sorCode)
      .map((unit) =>
        unit.sorCode === renamed.sorCode ? { ...unit, name: `Hjertesygdomme (nat ${night})` } : unit,
      ),
    added,
  ];
}

/** How the host answers one URL instead of serving the file. */
export type Fault = { status: number } | { network: true } | { dropAfter: number } | { bytes: Uint8Array };

export interface HostRequest {
  url: string;
  ifNoneMatch: string | null;
}

/**
 * A static host in memory: a manifest and payload files under `base`, served through an injected
 * `fetch` with ETag / If-None-Match on the manifest, and faults per URL.
 */
export class SnapshotHost {
  readonly files = new Map<string, Uint8Array>();
  readonly faults = new Map<string, Fault>();
  readonly requests: HostRequest[] = [];
  private manifestVersion = 0;

  /**
   * `base` defaults to a folder on the page's own origin (in Node, on `https://snapshots.test`);
   * pass another origin to test a cross-origin host.
   */
  constructor(
    readonly base = `${globalThis.location?.origin ?? 'https://snapshots.test'}/snapshot-host/${crypto.randomUUID()}/`,
  ) {}

  get manifestUrl(): string {
    return `${this.base}manifest.json`;
  }

  /** Publishes a snapshot (and its deltas): the manifest changes, its ETag too. */
  publish(
    snapshot: BuiltSnapshot,
    deltas: { ref: SnapshotDeltaRef; bytes: Uint8Array }[] = [],
    manifest?: unknown,
  ): void {
    this.files.set(this.base + snapshot.full.url, snapshot.fullBytes);
    for (const delta of deltas) this.files.set(this.base + delta.ref.url, delta.bytes);
    const body =
      manifest ??
      manifestOf(
        snapshot,
        deltas.map((delta) => delta.ref),
      );
    this.files.set(this.manifestUrl, new TextEncoder().encode(JSON.stringify(body)));
    this.manifestVersion++;
  }

  fileUrl(ref: SnapshotFileRef): string {
    return this.base + ref.url;
  }

  /** How many requests went to a URL. */
  count(url: string): number {
    return this.requests.filter((request) => request.url === url).length;
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input);
    const headers = new Headers(init?.headers);
    this.requests.push({ url, ifNoneMatch: headers.get('If-None-Match') });
    const fault = this.faults.get(url);
    if (fault && 'network' in fault) throw new TypeError('Failed to fetch');
    if (fault && 'status' in fault)
      return new Response('not here', {
        status: fault.status,
        statusText: fault.status === 404 ? 'Not Found' : 'Internal Server Error',
      });
    const bytes = fault && 'bytes' in fault ? fault.bytes : this.files.get(url);
    if (!bytes) return new Response('not here', { status: 404, statusText: 'Not Found' });
    const etag = `"m${this.manifestVersion}"`;
    if (url === this.manifestUrl && headers.get('If-None-Match') === etag)
      return new Response(null, { status: 304 });
    const responseHeaders = url === this.manifestUrl ? { ETag: etag } : undefined;
    if (fault && 'dropAfter' in fault) {
      // The connection drops mid-body: some bytes arrive, then the stream errors.
      let sent = false;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent) controller.error(new TypeError('network connection was lost'));
          else controller.enqueue(bytes.slice(0, fault.dropAfter));
          sent = true;
        },
      });
      return new Response(stream, { status: 200, headers: responseHeaders });
    }
    return new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200, headers: responseHeaders });
  };
}

/** A unique IndexedDB name per test; delete it after with `indexedDB.deleteDatabase`. */
export function uniqueDbName(): string {
  return `sor-test-${crypto.randomUUID()}`;
}

/** A fetch of a browser with no network: every request fails as `fetch` does offline. */
export const offlineFetch: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));

/** The `SorSyncError` a sync of `catalog` rejects with; fails the test when the sync succeeds. */
export async function syncError(catalog: { sync(): Promise<void> }): Promise<SorSyncError> {
  try {
    await catalog.sync();
  } catch (error) {
    if (!(error instanceof SorSyncError)) throw error;
    return error;
  }
  throw new Error('expected the sync to fail');
}
