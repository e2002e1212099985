import { expect, oneEvent } from '@open-wc/testing';
import { SorCatalog } from '../../src/catalog/catalog.js';
import type { SorSyncProgress } from '../../src/store/sync.js';
import type { SnapshotFormatVersion } from '../../src/snapshot/format.js';
import { SorSyncError } from '../../src/store/errors.js';
import { gzip } from '../../src/store/decode.js';
import { SnapshotStore } from '../../src/store/snapshot-store.js';
import { sha256Hex } from '../../src/snapshot/codec.js';
import { SMALL_REGISTER, rigshospitalet } from '../fixtures/small-register.js';
import {
  buildDelta,
  buildSnapshot,
  manifestOf,
  nextNight,
  offlineFetch,
  SnapshotHost,
  syncError,
} from '../store/snapshot-host.js';
import { onSnapshotHost } from './catalog-fixture.js';

describe('SorCatalog.open', () => {
  const ctx = onSnapshotHost();
  const { open, storedV1, expectV1Intact } = ctx;

  // The next sync retries and gets v2.
  async function expectRetryWorks(catalog: SorCatalog): Promise<void> {
    ctx.host.faults.clear();
    await catalog.sync();
    expect(catalog.snapshot!.id).to.equal(ctx.v2.id);
    expect(catalog.status.state).to.equal('idle');
    expect(catalog.status.lastError).to.equal(null);
  }

  it('downloads, stores and answers from the full snapshot on first sync', async () => {
    ctx.host.publish(ctx.v1);
    const catalog = open();
    await catalog.sync();
    expect(catalog.size).to.equal(SMALL_REGISTER.length);
    expect(catalog.status).to.include({
      state: 'idle',
      snapshotId: ctx.v1.id,
      sourceDate: '2026-11-01',
      unitCount: SMALL_REGISTER.length,
      storage: 'indexeddb',
      synthetic: true,
    });
    expect(catalog.status.lastSync).to.be.a('string');
    expect(catalog.status.persisted).to.be.oneOf([true, false, 'unsupported']);
  });

  it('answers from the stored snapshot at once when offline', async () => {
    await storedV1();
    const offline = open({ fetch: offlineFetch });
    await offline.ready;
    expect(offline.snapshot!.id).to.equal(ctx.v1.id);
    expect(offline.select(rigshospitalet.sorCode).name).to.equal('Rigshospitalet');
    const error = await syncError(offline);
    expect(error.code).to.equal('network');
    expect(error.message).to.contain(ctx.host.manifestUrl);
    expect(offline.status.state).to.equal('offline');
    expect(offline.snapshot!.id).to.equal(ctx.v1.id);
  });

  it('revalidates the manifest with its ETag and downloads nothing on 304', async () => {
    ctx.host.publish(ctx.v1);
    const catalog = open();
    await catalog.sync();
    await catalog.sync();
    const manifestRequests = ctx.host.requests.filter((request) => request.url === ctx.host.manifestUrl);
    expect(manifestRequests.at(-1)!.ifNoneMatch).to.equal('"m1"');
    expect(ctx.host.count(ctx.host.fileUrl(ctx.v1.full))).to.equal(1);
  });

  it('applies a delta when the manifest offers one from the stored snapshot', async () => {
    ctx.host.publish(ctx.v1);
    const catalog = open();
    await catalog.sync();
    ctx.host.publish(ctx.v2, [await buildDelta(ctx.v1, ctx.v2)]);
    const changed = oneEvent(catalog, 'sor-catalog-change');
    const complete = oneEvent(catalog, 'sor-sync-complete');
    await catalog.sync();
    await changed;
    expect((await complete).detail.via).to.equal('delta');
    expect(ctx.host.count(ctx.host.fileUrl(ctx.v2.full))).to.equal(0);
    expect(catalog.get(nextNight().at(-1)!.sorCode)!.name).to.equal('Nyt afsnit nat 1');
    // A fresh catalog (a reload) reads base + delta from IndexedDB.
    const reopened = open({ fetch: offlineFetch, syncOnOpen: false });
    await reopened.ready;
    expect(reopened.snapshot!.id).to.equal(ctx.v2.id);
    expect(reopened.size).to.equal(ctx.v2.units.length);
  });

  it('stores the unit table once idle, and the next start answers from it, also after a delta', async () => {
    const stored = async (id: string) => {
      for (let tries = 0; tries < 100; tries++) {
        const loaded = await new SnapshotStore(ctx.dbName).read();
        if (loaded?.fromTable && loaded.meta.snapshotId === id) return loaded;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no unit table of ${id} stored after 5 s`);
    };
    ctx.host.publish(ctx.v1);
    const catalog = open();
    await catalog.sync();
    expect((await stored(ctx.v1.id)).units.length).to.equal(SMALL_REGISTER.length);
    ctx.host.publish(ctx.v2, [await buildDelta(ctx.v1, ctx.v2)]);
    await catalog.sync();
    expect((await stored(ctx.v2.id)).units.length).to.equal(ctx.v2.units.length);
    // A reload answers from the table: same units, names searchable at once.
    const reopened = open({ fetch: offlineFetch, syncOnOpen: false });
    await reopened.ready;
    expect(reopened.snapshot!.id).to.equal(ctx.v2.id);
    expect(reopened.get(nextNight().at(-1)!.sorCode)!.name).to.equal('Nyt afsnit nat 1');
    expect((await reopened.search('Rigshospitalet'))[0].unit.sorCode).to.equal(rigshospitalet.sorCode);
    // Everything else a catalog answers, the same as from the files.
    const fromFiles = SorCatalog.fromUnits(ctx.v2.units, {
      snapshotId: ctx.v2.id,
      sourceDate: ctx.v2.sourceDate,
    });
    expect(reopened.size).to.equal(fromFiles.size);
    expect(reopened.children(null)).to.deep.equal(fromFiles.children(null));
    expect(reopened.select(rigshospitalet.sorCode)).to.deep.equal(fromFiles.select(rigshospitalet.sorCode));
    expect(reopened.byShak(rigshospitalet.shak!)).to.deep.equal(fromFiles.byShak(rigshospitalet.shak!));
    expect(await reopened.search('rigshsp')).to.deep.equal(await fromFiles.search('rigshsp'));
  });

  it('applies a delta to a catalog that answers from the stored unit table', async () => {
    ctx.host.publish(ctx.v1);
    await open().sync();
    // The next page: from the unit table, once the first page has stored it.
    for (let tries = 0; tries < 100 && !(await new SnapshotStore(ctx.dbName).read())?.fromTable; tries++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const reopened = open({ syncOnOpen: false });
    await reopened.ready;
    expect(reopened.snapshot!.id).to.equal(ctx.v1.id);
    ctx.host.publish(ctx.v2, [await buildDelta(ctx.v1, ctx.v2)]);
    const complete = oneEvent(reopened, 'sor-sync-complete');
    await reopened.sync();
    expect((await complete).detail.via).to.equal('delta');
    expect(reopened.get(nextNight().at(-1)!.sorCode)!.name).to.equal('Nyt afsnit nat 1');
    expect(reopened.size).to.equal(ctx.v2.units.length);
    expect((await reopened.search('Nyt afsnit nat'))[0].unit.name).to.equal('Nyt afsnit nat 1');
  });

  it('fires start, progress (bytes and units) and complete', async () => {
    ctx.host.publish(ctx.v1);
    const catalog = open({ syncOnOpen: false });
    const seen: string[] = [];
    const progress: SorSyncProgress[] = [];
    catalog.addEventListener('sor-sync-start', () => seen.push('start'));
    catalog.addEventListener('sor-sync-progress', (event) => progress.push(event.detail));
    catalog.addEventListener('sor-sync-complete', (event) => seen.push(`complete ${event.detail.via}`));
    await catalog.sync();
    expect(seen).to.deep.equal(['start', 'complete full']);
    const last = progress.at(-1)!;
    expect(last.units).to.equal(SMALL_REGISTER.length);
    expect(last.totalBytes).to.equal(ctx.v1.full.bytes);
    expect(last.bytes).to.be.greaterThan(ctx.v1.full.bytes);
  });

  describe('faults: the stored snapshot stays, the error names what failed, the next sync retries', () => {
    it('network drop mid-download', async () => {
      const catalog = await storedV1();
      ctx.host.faults.set(ctx.host.fileUrl(ctx.v2.full), { dropAfter: 100 });
      const error = await syncError(catalog);
      expect(error.code).to.equal('network');
      expect(error.url).to.equal(ctx.host.fileUrl(ctx.v2.full));
      expect(error.message).to.contain('broke off after 100 bytes');
      expect(catalog.status.state).to.equal('offline');
      await expectV1Intact(catalog);
      await expectRetryWorks(catalog);
    });

    it('HTTP 404 on the full file', async () => {
      const catalog = await storedV1();
      ctx.host.faults.set(ctx.host.fileUrl(ctx.v2.full), { status: 404 });
      const error = await syncError(catalog);
      expect(error).to.include({ code: 'http', status: 404, url: ctx.host.fileUrl(ctx.v2.full) });
      expect(error.message).to.contain('HTTP 404').and.contain(ctx.host.fileUrl(ctx.v2.full));
      expect(catalog.status.state).to.equal('error');
      expect(catalog.status.lastError).to.equal(error);
      await expectV1Intact(catalog);
      await expectRetryWorks(catalog);
    });

    it('HTTP 500 on the manifest', async () => {
      const catalog = await storedV1();
      ctx.host.faults.set(ctx.host.manifestUrl, { status: 500 });
      const error = await syncError(catalog);
      expect(error).to.include({ code: 'http', status: 500, url: ctx.host.manifestUrl });
      expect(error.message).to.contain('HTTP 500');
      await expectV1Intact(catalog);
      await expectRetryWorks(catalog);
    });

    it('a truncated file', async () => {
      const catalog = await storedV1();
      ctx.host.faults.set(ctx.host.fileUrl(ctx.v2.full), {
        bytes: ctx.v2.fullBytes.slice(0, ctx.v2.fullBytes.length >> 1),
      });
      const error = await syncError(catalog);
      expect(error.code).to.equal('integrity');
      expect(error.message).to.contain(ctx.host.fileUrl(ctx.v2.full)).and.contain(ctx.v2.full.sha256);
      expect(error.message).to.contain(`${ctx.v2.fullBytes.length >> 1} bytes`);
      await expectV1Intact(catalog);
      await expectRetryWorks(catalog);
    });

    it('a hash mismatch', async () => {
      const catalog = await storedV1();
      const altered = ctx.v2.fullBytes.slice();
      altered[40] ^= 0x01;
      ctx.host.faults.set(ctx.host.fileUrl(ctx.v2.full), { bytes: altered });
      const error = await syncError(catalog);
      expect(error.code).to.equal('integrity');
      expect(error.message)
        .to.contain(`expected ${ctx.v2.full.sha256}`)
        .and.contain(`got ${await sha256Hex(altered)}`);
      await expectV1Intact(catalog);
      await expectRetryWorks(catalog);
    });

    it('invalid content after decompression', async () => {
      const catalog = await storedV1();
      const bytes = await gzip(
        new TextEncoder().encode('{"format":"sor-snapshot-full","version":1,"count":"many"}'),
      );
      const full = { url: 'full-bad.json.gz', bytes: bytes.byteLength, sha256: await sha256Hex(bytes) };
      ctx.host.files.set(ctx.host.base + full.url, bytes);
      ctx.host.publish(ctx.v2, [], { ...manifestOf(ctx.v2), full });
      const error = await syncError(catalog);
      expect(error.code).to.equal('format');
      expect(error.message)
        .to.contain(ctx.host.base + full.url)
        .and.contain('count');
      await expectV1Intact(catalog);
      ctx.host.publish(ctx.v2);
      await expectRetryWorks(catalog);
    });

    it('a manifest of an unknown format version', async () => {
      const catalog = await storedV1();
      ctx.host.publish(ctx.v2, [], { ...manifestOf(ctx.v2), version: 3 as SnapshotFormatVersion });
      const error = await syncError(catalog);
      expect(error.code).to.equal('format');
      expect(error.url).to.equal(ctx.host.manifestUrl);
      expect(error.message).to.contain('"version" is 3');
      await expectV1Intact(catalog);
      ctx.host.publish(ctx.v2);
      await expectRetryWorks(catalog);
    });

    it('storage quota exceeded', async () => {
      const catalog = await storedV1();
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (
        this: IDBObjectStore,
        ...args: Parameters<IDBObjectStore['put']>
      ) {
        if (this.name === 'files')
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
      let error: SorSyncError;
      try {
        error = await syncError(catalog);
      } finally {
        IDBObjectStore.prototype.put = put;
      }
      expect(error.code).to.equal('storage');
      expect(error.message).to.contain('QuotaExceededError').and.contain(ctx.dbName);
      await expectV1Intact(catalog);
      await expectRetryWorks(catalog);
    });

    it('IndexedDB unavailable: works from memory for the session and says so', async () => {
      ctx.host.publish(ctx.v1);
      const open = IDBFactory.prototype.open;
      IDBFactory.prototype.open = () => {
        throw new DOMException('IndexedDB is disabled', 'InvalidStateError');
      };
      let catalog: SorCatalog;
      try {
        catalog = SorCatalog.open({ src: ctx.host.manifestUrl, dbName: ctx.dbName, fetch: ctx.host.fetch });
        await catalog.sync();
      } finally {
        IDBFactory.prototype.open = open;
      }
      expect(catalog.status.storage).to.equal('memory');
      expect(catalog.snapshot!.id).to.equal(ctx.v1.id);
      expect(catalog.select(rigshospitalet.sorCode).name).to.equal('Rigshospitalet');
      // Still in memory after IndexedDB came back: the session does not switch half-way.
      ctx.host.publish(ctx.v2, [await buildDelta(ctx.v1, ctx.v2)]);
      await catalog.sync();
      expect(catalog.snapshot!.id).to.equal(ctx.v2.id);
      expect(catalog.status.storage).to.equal('memory');
      expect(ctx.host.count(ctx.host.fileUrl(ctx.v2.full))).to.equal(0);
    });

    it('a delta that does not start at the stored id: falls back to the full file', async () => {
      const catalog = await storedV1();
      const other = await buildSnapshot(nextNight(SMALL_REGISTER, 5), '2026-10-31');
      const wrong = await buildDelta(other, ctx.v2);
      // The manifest says the delta starts at v1, but the file inside starts elsewhere.
      const delta = { ref: { ...wrong.ref, from: ctx.v1.id }, bytes: wrong.bytes };
      ctx.host.publish(ctx.v2, [delta]);
      const complete = oneEvent(catalog, 'sor-sync-complete');
      await catalog.sync();
      expect((await complete).detail.via).to.equal('full');
      expect(ctx.host.count(ctx.host.fileUrl(delta.ref))).to.equal(1);
      expect(ctx.host.count(ctx.host.fileUrl(ctx.v2.full))).to.equal(1);
      expect(catalog.snapshot!.id).to.equal(ctx.v2.id);
    });

    it('a delta whose unit count does not add up: falls back to the full file', async () => {
      const catalog = await storedV1();
      ctx.host.publish(ctx.v2, [await buildDelta(ctx.v1, ctx.v2, { count: 3 })]);
      await catalog.sync();
      expect(ctx.host.count(ctx.host.fileUrl(ctx.v2.full))).to.equal(1);
      expect(catalog.snapshot!.id).to.equal(ctx.v2.id);
      expect(catalog.size).to.equal(ctx.v2.units.length);
    });

    it('two syncs at once (two tabs): one downloads, both end on the new snapshot', async () => {
      ctx.host.publish(ctx.v1);
      const first = open({ syncOnOpen: false });
      const second = open({ syncOnOpen: false });
      await Promise.all([first.sync(), second.sync()]);
      expect(ctx.host.count(ctx.host.fileUrl(ctx.v1.full))).to.equal(1);
      expect(first.snapshot!.id).to.equal(ctx.v1.id);
      expect(second.snapshot!.id).to.equal(ctx.v1.id);
    });
  });

  it('another tab switches to a snapshot stored by this one, without a sync of its own', async () => {
    const catalog = await storedV1();
    const otherTab = open({ syncOnOpen: false });
    await otherTab.ready;
    const switched = oneEvent(otherTab, 'sor-sync-complete');
    await catalog.sync();
    expect((await switched).detail).to.deep.include({ via: 'other-tab' });
    expect(otherTab.snapshot!.id).to.equal(ctx.v2.id);
    expect(ctx.host.count(ctx.host.fileUrl(ctx.v2.full))).to.equal(1);
  });

  it('clear() deletes the stored data; the catalog keeps answering from memory', async () => {
    ctx.host.publish(ctx.v1);
    const catalog = open();
    await catalog.sync();
    await catalog.clear();
    expect((await indexedDB.databases()).map((db) => db.name)).not.to.include(ctx.dbName);
    expect(catalog.snapshot!.id).to.equal(ctx.v1.id);
    // The next sync downloads the full file again, since nothing is stored.
    await catalog.sync();
    expect(ctx.host.count(ctx.host.fileUrl(ctx.v1.full))).to.equal(2);
  });

  it('keeps catalogs of different sources apart', async () => {
    const other = new SnapshotHost();
    ctx.host.publish(ctx.v1);
    other.publish(ctx.v2);
    const a = SorCatalog.open({ src: ctx.host.manifestUrl, fetch: ctx.host.fetch });
    const b = SorCatalog.open({ src: other.manifestUrl, fetch: other.fetch });
    ctx.opened.push(a, b);
    await Promise.all([a.sync(), b.sync()]);
    expect(a.snapshot!.id).to.equal(ctx.v1.id);
    expect(b.snapshot!.id).to.equal(ctx.v2.id);
    await b.clear();
  });

  it('a catalog from fromUnits says it is in memory and has nothing to sync', async () => {
    const catalog = SorCatalog.fromUnits(SMALL_REGISTER, { snapshotId: 'x', sourceDate: '2026-11-01' });
    await catalog.sync();
    expect(catalog.status).to.include({ storage: 'memory', state: 'idle', snapshotId: 'x' });
  });
});
