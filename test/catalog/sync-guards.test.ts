import { expect, oneEvent } from '@open-wc/testing';
import { SorStaleSnapshotError } from '../../src/store/errors.js';
import { SnapshotStore } from '../../src/store/snapshot-store.js';
import { SMALL_REGISTER, rigshospitalet } from '../fixtures/small-register.js';
import {
  buildSnapshot,
  manifestOf,
  nextNight,
  offlineFetch,
  syncError,
  type BuiltSnapshot,
  type SnapshotHost,
} from '../store/snapshot-host.js';
import { onSnapshotHost } from './catalog-fixture.js';

// Issue #14 items 3 and 6, issue #12 finding 4: the sync never goes back in time, never hangs,
// never holds the cross-tab lock after a failure, and says what state it is really in.

/** A fetch that never answers the requests `hangs` picks, and ignores its abort signal too. */
function hangingFetch(
  host: SnapshotHost,
  hangs: (url: string) => 'no-answer' | 'no-body' | null,
): { fetch: typeof fetch; aborted: string[] } {
  const aborted: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input);
    const mode = hangs(url);
    if (!mode) return host.fetch(input, init);
    init?.signal?.addEventListener('abort', () => aborted.push(url));
    if (mode === 'no-answer') return new Promise<Response>(() => undefined);
    // Headers arrive, then one chunk, then nothing more.
    const first = (await host.fetch(input, init)).body!.getReader();
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent) return new Promise<void>(() => undefined);
        sent = true;
        const { value } = await first.read();
        controller.enqueue(value!.slice(0, 10));
      },
    });
    return new Response(stream, { status: 200 });
  };
  return { fetch, aborted };
}

describe('SorCatalog.open: sync guards', () => {
  const ctx = onSnapshotHost();
  const { open } = ctx;
  let v3: BuiltSnapshot;

  // The manifest of a snapshot built at `createdAt`, optionally a declared rollback.
  const publishBuilt = (snapshot: BuiltSnapshot, createdAt: string, extra: object = {}) =>
    ctx.host.publish(snapshot, [], { ...manifestOf(snapshot), createdAt, ...extra });

  async function expectStored(id: string): Promise<void> {
    expect((await new SnapshotStore(ctx.dbName).readMeta())?.snapshotId).to.equal(id);
    const reopened = open({ fetch: offlineFetch, syncOnOpen: false });
    await reopened.ready;
    expect(reopened.snapshot!.id).to.equal(id);
  }

  before(async () => {
    v3 = await buildSnapshot(nextNight(nextNight(), 2), '2026-11-03');
  });

  describe('monotonic snapshots', () => {
    it('keeps the stored snapshot when the host serves an older manifest, and says so', async () => {
      publishBuilt(ctx.v2, '2026-11-02T03:00:00Z');
      const catalog = open({ syncOnOpen: false });
      await catalog.sync();
      // A stale CDN edge or a replayed file: the manifest of the night before.
      publishBuilt(ctx.v1, '2026-11-01T03:00:00Z');
      const reported = oneEvent(catalog, 'sor-sync-error');
      const error = await syncError(catalog);
      expect(error).to.be.instanceOf(SorStaleSnapshotError);
      expect(error.code).to.equal('stale');
      expect(error.message).to.contain(ctx.v1.id).and.contain('2026-11-01').and.contain(ctx.v2.id);
      expect((await reported).detail.error).to.equal(error);
      const stale = error as SorStaleSnapshotError;
      expect(stale.stored).to.include({ id: ctx.v2.id, sourceDate: '2026-11-02' });
      expect(stale.offered).to.include({ id: ctx.v1.id, sourceDate: '2026-11-01' });
      // Nothing of the older snapshot was downloaded, let alone stored.
      expect(ctx.host.count(ctx.host.fileUrl(ctx.v1.full))).to.equal(0);
      expect(catalog.snapshot!.id).to.equal(ctx.v2.id);
      expect(catalog.status).to.include({ state: 'error', lastError: error, snapshotId: ctx.v2.id });
      expect(catalog.status.retryAt).to.be.a('string');
      expect(catalog.select(rigshospitalet.sorCode).snapshot.id).to.equal(ctx.v2.id);
      await expectStored(ctx.v2.id);
    });

    it('refuses an older build of the same export date', async () => {
      publishBuilt(ctx.v2, '2026-11-02T05:00:00Z');
      const catalog = open({ syncOnOpen: false });
      await catalog.sync();
      ctx.host.publish(v3, [], {
        ...manifestOf(v3),
        sourceDate: '2026-11-02',
        createdAt: '2026-11-02T04:00:00Z',
      });
      expect((await syncError(catalog)).code).to.equal('stale');
      await expectStored(ctx.v2.id);
    });

    it('retries by itself later and takes the newer snapshot once the host has it', async () => {
      publishBuilt(ctx.v2, '2026-11-02T03:00:00Z');
      const catalog = open({ syncOnOpen: false, staleRetryDelay: 20 });
      await catalog.sync();
      publishBuilt(ctx.v1, '2026-11-01T03:00:00Z');
      await syncError(catalog);
      publishBuilt(v3, '2026-11-03T03:00:00Z');
      // No sync() call: the scheduled retry finds v3.
      const complete = await oneEvent(catalog, 'sor-sync-complete');
      expect(complete.detail.snapshot!.id).to.equal(v3.id);
      expect(catalog.status).to.include({ state: 'idle', lastError: null, retryAt: null });
      await expectStored(v3.id);
    });

    it('accepts an older snapshot the manifest declares a rollback, published after the stored one', async () => {
      publishBuilt(ctx.v2, '2026-11-02T03:00:00Z');
      const catalog = open({ syncOnOpen: false });
      await catalog.sync();
      publishBuilt(ctx.v1, '2026-11-02T09:30:00Z', { rollback: true });
      await catalog.sync();
      expect(catalog.snapshot!.id).to.equal(ctx.v1.id);
      expect(catalog.status).to.include({ state: 'idle', lastError: null });
      await expectStored(ctx.v1.id);
    });

    it('refuses a replayed rollback manifest built before the stored snapshot', async () => {
      publishBuilt(v3, '2026-11-03T03:00:00Z');
      const catalog = open({ syncOnOpen: false });
      await catalog.sync();
      // The rollback of the day before, served again by a stale edge.
      publishBuilt(ctx.v1, '2026-11-02T09:30:00Z', { rollback: true });
      expect((await syncError(catalog)).code).to.equal('stale');
      await expectStored(v3.id);
    });

    it('refuses a manifest whose rollback field is not a boolean', async () => {
      publishBuilt(ctx.v1, '2026-11-01T03:00:00Z', { rollback: 'yes' });
      const catalog = open({ syncOnOpen: false });
      const error = await syncError(catalog);
      expect(error.code).to.equal('format');
      expect(error.message).to.contain('rollback');
    });
  });

  describe('timeouts and the cross-tab lock', () => {
    it('a manifest request that never answers times out, and the lock is free for another tab', async () => {
      ctx.host.publish(ctx.v1);
      const hanging = hangingFetch(ctx.host, (url) => (url === ctx.host.manifestUrl ? 'no-answer' : null));
      const stuck = open({ fetch: hanging.fetch, timeout: 50, syncOnOpen: false });
      const error = await syncError(stuck);
      expect(error.code).to.equal('timeout');
      expect(error.url).to.equal(ctx.host.manifestUrl);
      expect(error.message).to.contain(ctx.host.manifestUrl).and.contain('no answer');
      expect(hanging.aborted).to.deep.equal([ctx.host.manifestUrl]);
      // Nothing stored yet: an error, not "offline showing stored data", and not `syncing`.
      expect(stuck.status.state).to.equal('error');
      expect(stuck.status.progress).to.equal(null);
      // Another tab (another catalog of the same database) gets the lock and syncs.
      const other = open({ syncOnOpen: false });
      await other.sync();
      expect(other.snapshot!.id).to.equal(ctx.v1.id);
    });

    it('a download that stalls mid-body times out; the stored snapshot stays and answers', async () => {
      ctx.host.publish(ctx.v1);
      const catalog = open({ syncOnOpen: false, timeout: 50 });
      await catalog.sync();
      ctx.host.publish(ctx.v2);
      const hanging = hangingFetch(ctx.host, (url) =>
        url === ctx.host.fileUrl(ctx.v2.full) ? 'no-body' : null,
      );
      const stalled = open({ fetch: hanging.fetch, timeout: 50, syncOnOpen: false });
      await stalled.ready;
      const error = await syncError(stalled);
      expect(error).to.include({ code: 'timeout', url: ctx.host.fileUrl(ctx.v2.full) });
      expect(error.message).to.contain('stalled after 10 bytes');
      expect(hanging.aborted).to.deep.equal([ctx.host.fileUrl(ctx.v2.full)]);
      // Data is stored: this one is "offline, showing stored data".
      expect(stalled.status.state).to.equal('offline');
      expect(stalled.snapshot!.id).to.equal(ctx.v1.id);
      await expectStored(ctx.v1.id);
      await catalog.sync();
      expect(catalog.snapshot!.id).to.equal(ctx.v2.id);
    });
  });

  it('a failed first sync with nothing stored is an error, not "offline showing stored data"', async () => {
    const catalog = open({ fetch: offlineFetch, syncOnOpen: false });
    const error = await syncError(catalog);
    expect(error.code).to.equal('network');
    expect(catalog.status).to.include({ state: 'error', lastError: error, snapshotId: null, unitCount: 0 });
  });

  describe('a blocked database upgrade', () => {
    let old: IDBDatabase | null = null;

    afterEach(() => {
      old?.close();
      old = null;
    });

    it('times out into the memory fallback and says why in status', async () => {
      // Another tab with an older version of the library: holds version 1 open and ignores
      // `versionchange`, so the upgrade to the current version stays blocked.
      old = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(ctx.dbName, 1);
        request.onupgradeneeded = () => {
          request.result.createObjectStore('files');
          request.result.createObjectStore('meta');
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      old.onversionchange = () => undefined;
      ctx.host.publish(ctx.v1);
      const catalog = open({ blockedTimeout: 50, syncOnOpen: false });
      await catalog.sync();
      expect(catalog.snapshot!.id).to.equal(ctx.v1.id);
      expect(catalog.size).to.equal(SMALL_REGISTER.length);
      const status = catalog.status;
      expect(status).to.include({ storage: 'memory', state: 'idle', lastError: null });
      expect(status.storageError?.code).to.equal('storage');
      expect(status.storageError?.message)
        .to.contain(ctx.dbName)
        .and.contain('blocked')
        .and.contain('version 1');
      // Once the old tab lets go, the late connection is closed again: the database can be deleted.
      old.close();
      old = null;
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(ctx.dbName);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
        request.onblocked = () => reject(new Error('the late connection was left open'));
      });
    });
  });
});
