import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import { SorSyncError } from '../../src/store/errors.js';
import type { StoredSnapshotMeta } from '../../src/store/schema.js';
import { SnapshotStore } from '../../src/store/snapshot-store.js';
import { encodeUnitTable, sealUnitTable, type UnitTable } from '../../src/store/unit-table.js';
import type { SorUnit } from '../../src/model/types.js';
import { SMALL_REGISTER } from '../fixtures/small-register.js';
import { buildDelta, buildSnapshot, nextNight, uniqueDbName, type BuiltSnapshot } from './snapshot-host.js';

const codes = (units: readonly { sorCode: string; name: string }[]) =>
  units.map((unit) => `${unit.sorCode} ${unit.name}`).sort();

function metaOf(snapshot: BuiltSnapshot, extra: Partial<StoredSnapshotMeta> = {}): StoredSnapshotMeta {
  return {
    manifestUrl: 'https://snapshots.test/manifest.json',
    snapshotId: snapshot.id,
    sourceDate: snapshot.sourceDate,
    unitCount: snapshot.units.length,
    baseFile: {
      url: `https://snapshots.test/${snapshot.full.url}`,
      bytes: snapshot.full.bytes,
      sha256: snapshot.full.sha256,
    },
    deltaFiles: [],
    etag: '"m1"',
    lastSync: '2026-11-02T03:00:00.000Z',
    synthetic: true,
    ...extra,
  };
}

async function tableOf(units: readonly SorUnit[], snapshotId: string): Promise<UnitTable> {
  const steps = encodeUnitTable(units, snapshotId);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return sealUnitTable(step.value!);
}

async function storedKeys(dbName: string, store: 'files' | 'tables' = 'files'): Promise<string[]> {
  const db = await openDB(dbName);
  try {
    return (await db.getAllKeys(store)) as string[];
  } finally {
    db.close();
  }
}

// Runs `write` while IndexedDB refuses every put into `storeName` as over quota; gives its error.
async function quotaExceeded(storeName: string, write: () => Promise<unknown>): Promise<unknown> {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === storeName) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.apply(this, args);
  };
  try {
    await write();
  } catch (caught) {
    return caught;
  } finally {
    IDBObjectStore.prototype.put = put;
  }
  throw new Error(`expected the write into ${storeName} to fail`);
}

describe('SnapshotStore', () => {
  let dbName: string;
  let store: SnapshotStore;
  let v1: BuiltSnapshot;
  let v2: BuiltSnapshot;

  before(async () => {
    v1 = await buildSnapshot(SMALL_REGISTER, '2026-11-01');
    v2 = await buildSnapshot(nextNight(), '2026-11-02');
  });

  beforeEach(() => {
    dbName = uniqueDbName();
    store = new SnapshotStore(dbName);
  });

  afterEach(async () => {
    await store.destroy();
  });

  it('reads nothing from a new database', async () => {
    expect(await store.read()).to.equal(null);
    expect(await store.readMeta()).to.equal(undefined);
  });

  it('stores a full file as one record and reads the same units back', async () => {
    expect(await store.commit(metaOf(v1), [{ sha256: v1.full.sha256, bytes: v1.fullBytes }])).to.equal(true);
    const loaded = await store.read();
    expect(loaded!.meta.snapshotId).to.equal(v1.id);
    expect(codes(loaded!.units)).to.deep.equal(codes(SMALL_REGISTER));
    expect(await storedKeys(dbName)).to.deep.equal([v1.full.sha256]);
  });

  it('adds a delta as one more record and applies it when reading', async () => {
    await store.commit(metaOf(v1), [{ sha256: v1.full.sha256, bytes: v1.fullBytes }]);
    const delta = await buildDelta(v1, v2);
    const deltaFile = { ...delta.ref, url: `https://snapshots.test/${delta.ref.url}` };
    await store.commit(metaOf(v2, { baseFile: metaOf(v1).baseFile, deltaFiles: [deltaFile] }), [
      { sha256: delta.ref.sha256, bytes: delta.bytes },
    ]);
    const loaded = await store.read();
    expect(loaded!.meta.snapshotId).to.equal(v2.id);
    expect(codes(loaded!.units)).to.deep.equal(codes(v2.units));
    expect((await storedKeys(dbName)).sort()).to.deep.equal([v1.full.sha256, delta.ref.sha256].sort());
  });

  it('deletes files the new snapshot no longer names, in the same write', async () => {
    await store.commit(metaOf(v1), [{ sha256: v1.full.sha256, bytes: v1.fullBytes }]);
    await store.commit(metaOf(v2), [{ sha256: v2.full.sha256, bytes: v2.fullBytes }]);
    expect(await storedKeys(dbName)).to.deep.equal([v2.full.sha256]);
    expect(codes((await store.read())!.units)).to.deep.equal(codes(v2.units));
  });

  it('folds stored deltas into one delta on the stored full file when compacting', async () => {
    await store.commit(metaOf(v1), [{ sha256: v1.full.sha256, bytes: v1.fullBytes }]);
    const v3 = await buildSnapshot(nextNight(v2.units, 2), '2026-11-03');
    const first = await buildDelta(v1, v2);
    const second = await buildDelta(v2, v3);
    await store.commit(metaOf(v3, { baseFile: metaOf(v1).baseFile, deltaFiles: [first.ref, second.ref] }), [
      { sha256: first.ref.sha256, bytes: first.bytes },
      { sha256: second.ref.sha256, bytes: second.bytes },
    ]);
    const before = (await store.read())!;
    expect(await store.compact(before.meta, before.units)).to.equal(true);
    const after = (await store.read())!;
    expect(after.meta.baseFile).to.deep.equal(before.meta.baseFile);
    expect(after.meta.deltaFiles.map((ref) => [ref.from, ref.to])).to.deep.equal([[v1.id, v3.id]]);
    expect(after.meta.snapshotId).to.equal(v3.id);
    // The same units, EDI data included, read back from the full file and the one folded delta.
    const byCode = (units: readonly SorUnit[]) => [...units].sort((a, b) => (a.sorCode < b.sorCode ? -1 : 1));
    expect(byCode(after.units)).to.deep.equal(byCode(v3.units));
    expect((await storedKeys(dbName)).sort()).to.deep.equal(
      [after.meta.baseFile.sha256, after.meta.deltaFiles[0].sha256].sort(),
    );
    // Nothing left to fold: nothing is written.
    expect(await store.compact({ ...after.meta, deltaFiles: [] }, after.units)).to.equal(false);
  });

  it('writes nothing when another writer changed the store first', async () => {
    await store.commit(metaOf(v1), [{ sha256: v1.full.sha256, bytes: v1.fullBytes }]);
    const written = await store.commit(metaOf(v2), [{ sha256: v2.full.sha256, bytes: v2.fullBytes }], {
      expect: 'some-other-id',
    });
    expect(written).to.equal(false);
    expect((await store.readMeta())!.snapshotId).to.equal(v1.id);
    expect(await storedKeys(dbName)).to.deep.equal([v1.full.sha256]);
  });

  it('rolls the whole write back when the quota is exceeded, keeping the old snapshot', async () => {
    await store.commit(metaOf(v1), [{ sha256: v1.full.sha256, bytes: v1.fullBytes }]);
    const error = await quotaExceeded('files', () =>
      store.commit(metaOf(v2), [{ sha256: v2.full.sha256, bytes: v2.fullBytes }]),
    );
    expect(error).to.be.instanceOf(SorSyncError);
    expect((error as SorSyncError).code).to.equal('storage');
    expect((error as SorSyncError).message).to.contain('QuotaExceededError');
    expect((error as SorSyncError).message).to.contain(dbName);
    const loaded = (await store.read())!;
    expect(loaded.meta.snapshotId).to.equal(v1.id);
    expect(codes(loaded.units)).to.deep.equal(codes(SMALL_REGISTER));
    expect(await storedKeys(dbName)).to.deep.equal([v1.full.sha256]);
  });

  it('never lets a reader see half a write', async () => {
    await store.commit(metaOf(v1), [{ sha256: v1.full.sha256, bytes: v1.fullBytes }]);
    const writing = store.commit(metaOf(v2), [{ sha256: v2.full.sha256, bytes: v2.fullBytes }]);
    const reads = await Promise.all([store.read(), store.read(), store.read()]);
    await writing;
    for (const loaded of reads) {
      // Whichever snapshot a read got, its files were all there and its units are whole.
      const expected = loaded!.meta.snapshotId === v1.id ? SMALL_REGISTER : v2.units;
      expect(codes(loaded!.units)).to.deep.equal(codes(expected));
    }
    expect((await store.read())!.meta.snapshotId).to.equal(v2.id);
  });

  it('reports a stored file whose bytes no longer match their hash', async () => {
    const damaged = v1.fullBytes.slice();
    damaged[damaged.length - 10] ^= 0xff;
    await store.commit(metaOf(v1), [{ sha256: v1.full.sha256, bytes: damaged }]);
    let error: unknown;
    try {
      await store.read();
    } catch (caught) {
      error = caught;
    }
    expect((error as SorSyncError).code).to.equal('integrity');
    expect((error as SorSyncError).message).to.contain(v1.full.sha256);
  });

  describe('unit table', () => {
    const commitV1 = () => store.commit(metaOf(v1), [{ sha256: v1.full.sha256, bytes: v1.fullBytes }]);

    it('reads the units from the stored table, the same units the files give', async () => {
      await commitV1();
      const fromFiles = await store.read();
      expect(fromFiles!.fromTable).to.equal(false);
      expect(await store.writeTable(await tableOf(fromFiles!.units, v1.id))).to.equal(true);
      const fromTable = await store.read();
      expect(fromTable!.fromTable).to.equal(true);
      expect(fromTable!.units).to.deep.equal(fromFiles!.units);
      // The EDI data of every EAN entity is in the table too (layout 5).
      const declaring = SMALL_REGISTER.filter((unit) => unit.eanEntity !== null).length;
      expect(fromTable!.units.filter((unit) => unit.eanEntity !== null).length).to.equal(declaring);
      const { names, nameIds } = fromTable!.stored!.names;
      expect(fromTable!.units.every((unit, i) => names[nameIds[i]] === unit.name)).to.equal(true);
    });

    it('reads the files when the stored table is damaged, and says nothing is wrong with the snapshot', async () => {
      await commitV1();
      const table = await tableOf((await store.read())!.units, v1.id);
      new Uint8Array(table.data)[table.data.byteLength - 1] ^= 0x04; // one bit of the text
      await store.writeTable(table);
      const loaded = await store.read();
      expect(loaded!.fromTable).to.equal(false);
      expect(codes(loaded!.units)).to.deep.equal(codes(SMALL_REGISTER));
    });

    it('stores no table for a snapshot that is no longer current, and drops a table with its snapshot', async () => {
      await commitV1();
      const table = await tableOf((await store.read())!.units, v1.id);
      expect(await store.writeTable({ ...table, snapshotId: 'another' })).to.equal(false);
      expect(await storedKeys(dbName, 'tables')).to.deep.equal([]);
      await store.writeTable(table);
      expect(await storedKeys(dbName, 'tables')).to.deep.equal([v1.id]);
      await store.commit(metaOf(v2, { baseFile: { ...metaOf(v1).baseFile } }), []);
      expect(await storedKeys(dbName, 'tables')).to.deep.equal([]);
    });

    it('reports a table the quota refuses, and keeps the snapshot whole', async () => {
      await commitV1();
      const table = await tableOf((await store.read())!.units, v1.id);
      const error = await quotaExceeded('tables', () => store.writeTable(table));
      expect((error as SorSyncError).code).to.equal('storage');
      expect((error as SorSyncError).message).to.contain(`unit table of snapshot ${v1.id}`);
      const loaded = await store.read();
      expect(loaded!.fromTable).to.equal(false);
      expect(codes(loaded!.units)).to.deep.equal(codes(SMALL_REGISTER));
      expect(await storedKeys(dbName, 'tables')).to.deep.equal([]);
    });

    it('upgrades a version 1 database (no tables) and keeps its snapshot', async () => {
      await store.destroy();
      const old = await openDB(dbName, 1, {
        upgrade(db) {
          db.createObjectStore('files');
          db.createObjectStore('meta');
        },
      });
      await old.put('files', { sha256: v1.full.sha256, bytes: v1.fullBytes }, v1.full.sha256);
      await old.put('meta', metaOf(v1), 'current');
      old.close();
      const loaded = await new SnapshotStore(dbName).read();
      expect(loaded!.meta.snapshotId).to.equal(v1.id);
      expect(codes(loaded!.units)).to.deep.equal(codes(SMALL_REGISTER));
      expect(await storedKeys(dbName, 'tables')).to.deep.equal([]);
    });
  });

  it('deletes the database on destroy', async () => {
    await store.commit(metaOf(v1), [{ sha256: v1.full.sha256, bytes: v1.fullBytes }]);
    await store.destroy();
    const names = (await indexedDB.databases()).map((db) => db.name);
    expect(names).not.to.include(dbName);
  });
});
