import { deleteDB } from 'idb';
import type { SorUnit } from '../model/types.js';
import { sha256Hex } from '../snapshot/codec.js';
import { patchUnits, type UnitLookup } from '../snapshot/delta.js';
import { SNAPSHOT_FORMAT_VERSION, type DeltaPayload } from '../snapshot/format.js';
import { closeSorDb, openSorDb, type OpenSorDbOptions, type SorDb } from './database.js';
import { decodeDeltaBytes, decodeFullBytes, gzip, inFile } from './decode.js';
import { SorSyncError } from './errors.js';
import type { StoredFile, StoredSnapshotMeta } from './schema.js';
import { decodeUnitTable, UnitTableError, type UnitTable } from './unit-table.js';
import type { StoredUnits } from './stored-units.js';

/** A stored snapshot, decoded. */
export interface LoadedSnapshot {
  meta: StoredSnapshotMeta;
  /** Every unit (read from the stored unit table, they are all made on first access). */
  readonly units: readonly SorUnit[];
  /** From the stored unit table: the units, made when first asked for, and their names. */
  stored?: StoredUnits;
  /** True when the units came from the stored unit table, false when the files were decoded. */
  fromTable: boolean;
}

/** Options of `SnapshotStore.commit`. */
export interface CommitOptions {
  /**
   * The snapshot id the store must hold for the write to go ahead (`null`: none stored). When
   * another writer got there first the write is dropped and `commit` resolves to false.
   */
  expect?: string | null;
}

function storageError(dbName: string, what: string, error: unknown): SorSyncError {
  if (error instanceof SorSyncError) return error;
  const name = (error as Error | undefined)?.name ?? 'Error';
  const message = (error as Error | undefined)?.message ?? String(error);
  return new SorSyncError(
    'storage',
    `IndexedDB "${dbName}": ${what} failed (${name}: ${message})`,
    null,
    null,
    {
      cause: error,
    },
  );
}

/**
 * The stored snapshot of one database, log-structured: the verified, gzip-compressed bytes of
 * one full file plus the delta files on top of it, and a `current` record naming them.
 *
 * Every write is ONE readwrite transaction over both stores (files and `current` together), so
 * a reader sees the whole old snapshot or the whole new one, also when the tab closes mid-write:
 * IndexedDB rolls back a transaction that did not complete
 * (https://w3c.github.io/IndexedDB/#transaction-concept).
 */
export class SnapshotStore {
  constructor(
    /** The IndexedDB database name. */
    readonly dbName: string,
    private readonly options: OpenSorDbOptions = {},
  ) {}

  /** Opens (creating or upgrading) the database; throws a `storage` error when IndexedDB is unavailable. */
  async open(): Promise<void> {
    await this.db('open');
  }

  /** The `current` record, or undefined when nothing is stored. */
  async readMeta(): Promise<StoredSnapshotMeta | undefined> {
    const db = await this.db('read');
    try {
      return await db.get('meta', 'current');
    } catch (error) {
      throw storageError(this.dbName, 'reading the stored snapshot', error);
    }
  }

  /**
   * The stored snapshot, decoded. Null when nothing is stored. From the stored unit table when it
   * holds the current snapshot and passes its checks (SHA-256, shape); else from the files: the
   * base file gunzipped and decoded, then each stored delta applied in order, every file checked
   * against its SHA-256 again, so a damaged record is reported instead of answering with wrong data.
   */
  async read(options: { table?: boolean } = {}): Promise<LoadedSnapshot | null> {
    const db = await this.db('read');
    let meta: StoredSnapshotMeta | undefined;
    let table: UnitTable | undefined;
    let files: (StoredFile | undefined)[] = [];
    try {
      // One readonly transaction: the `current` record and what it names belong together.
      const tx = db.transaction(['meta', 'files', 'tables'], 'readonly');
      // Both at once: the store keeps at most the table of the current snapshot (see `writeTable`).
      const [current, tables] = await Promise.all([
        tx.objectStore('meta').get('current'),
        options.table === false ? [] : tx.objectStore('tables').getAll(),
      ]);
      meta = current;
      if (!meta) return null;
      const snapshotId = meta.snapshotId;
      table = tables.find((candidate) => candidate.snapshotId === snapshotId);
      if (!table) {
        const store = tx.objectStore('files');
        files = await Promise.all([meta.baseFile, ...meta.deltaFiles].map((ref) => store.get(ref.sha256)));
      }
      // A read-only transaction has nothing to commit: what it read is whole once the requests
      // succeeded, so the transaction's end (a round trip to the browser) is not waited for.
      tx.done.catch(() => undefined);
    } catch (error) {
      throw storageError(this.dbName, 'reading the stored snapshot', error);
    }
    if (table) {
      try {
        const stored = await decodeUnitTable(table, meta.snapshotId);
        return {
          meta,
          get units() {
            return stored.all();
          },
          stored,
          fromTable: true,
        };
      } catch (error) {
        // A damaged or foreign table is only a cache: read the files, which are the snapshot.
        if (!(error instanceof UnitTableError)) throw error;
        return this.read({ table: false });
      }
    }
    const [base, ...deltas] = files;
    const missing = [meta.baseFile, ...meta.deltaFiles].find((_, i) => files[i] === undefined);
    if (missing || !base) {
      throw new SorSyncError(
        'storage',
        `IndexedDB "${this.dbName}": stored snapshot ${meta.snapshotId} lacks file ${missing?.url}`,
        missing?.url ?? null,
      );
    }
    let units = await decodeFullBytes(base.bytes, meta.baseFile, meta.baseFile.url);
    let lookup: UnitLookup | undefined;
    for (const [i, ref] of meta.deltaFiles.entries()) {
      const delta = await decodeDeltaBytes(deltas[i]!.bytes, ref, ref.url);
      // Unsorted: canonical order matters only when a full file is encoded (`encodeFull` sorts).
      const patched = inFile(ref.url, () => patchUnits(units, delta, lookup));
      units = patched.units;
      lookup = patched.lookup;
    }
    return { meta, units, fromTable: false };
  }

  /**
   * Stores the unit table of the current snapshot, replacing any other. Writes nothing and resolves
   * to false when the store holds another snapshot by now. Throws a `storage` error when IndexedDB
   * refuses (quota): the snapshot itself is untouched either way.
   */
  async writeTable(table: UnitTable): Promise<boolean> {
    const db = await this.db('write');
    try {
      const tx = db.transaction(['meta', 'tables'], 'readwrite');
      const tables = tx.objectStore('tables');
      const [current, keys] = await Promise.all([tx.objectStore('meta').get('current'), tables.getAllKeys()]);
      if (current?.snapshotId !== table.snapshotId) {
        await tx.done;
        return false;
      }
      const ops = keys.filter((key) => key !== table.snapshotId).map((key) => tables.delete(key));
      await Promise.all([...ops, tables.put(table, table.snapshotId), tx.done]);
      return true;
    } catch (error) {
      throw storageError(this.dbName, `storing the unit table of snapshot ${table.snapshotId}`, error);
    }
  }

  /**
   * Makes `meta` the stored snapshot in ONE transaction: puts the new files, puts `current`, and
   * deletes the files `meta` no longer names. Resolves to false (writing nothing) when
   * `options.expect` is given and the store holds another snapshot. Throws a `storage` error when
   * IndexedDB refuses (quota exceeded): the transaction is then rolled back, the old snapshot stays.
   */
  async commit(
    meta: StoredSnapshotMeta,
    newFiles: readonly StoredFile[],
    options: CommitOptions = {},
  ): Promise<boolean> {
    const db = await this.db('write');
    const tx = db.transaction(['files', 'meta', 'tables'], 'readwrite');
    const ops: Promise<unknown>[] = [];
    try {
      const files = tx.objectStore('files');
      const [current, keys] = await Promise.all([tx.objectStore('meta').get('current'), files.getAllKeys()]);
      if (options.expect !== undefined && (current?.snapshotId ?? null) !== options.expect) {
        tx.abort();
        await tx.done.catch(() => undefined); // the abort we asked for
        return false;
      }
      const keep = new Set([meta.baseFile.sha256, ...meta.deltaFiles.map((ref) => ref.sha256)]);
      const stored = new Set(keys);
      for (const file of newFiles) {
        // Content-addressed: a file already stored is the same bytes.
        if (!stored.has(file.sha256))
          ops.push(files.put({ sha256: file.sha256, bytes: file.bytes }, file.sha256));
      }
      for (const key of keys) if (!keep.has(key)) ops.push(files.delete(key));
      // A unit table of another snapshot is never read again: drop it with the snapshot it belongs to.
      const tables = tx.objectStore('tables');
      for (const key of await tables.getAllKeys()) if (key !== meta.snapshotId) ops.push(tables.delete(key));
      ops.push(tx.objectStore('meta').put(meta, 'current'));
      await Promise.all([...ops, tx.done]);
      return true;
    } catch (error) {
      // A put that throws at once (quota) leaves the transaction open: end it so nothing lands.
      if (!(error instanceof DOMException && error.name === 'AbortError')) {
        try {
          tx.abort();
        } catch {
          // Already finished or aborted by the browser: nothing was committed either way.
        }
      }
      await Promise.allSettled([...ops, tx.done]);
      throw storageError(
        this.dbName,
        `storing snapshot ${meta.snapshotId}`,
        (error as Error).name === 'AbortError' && tx.error ? tx.error : error,
      );
    }
  }

  /** Records a sync that found nothing new: the time and the manifest's ETag, if still the same snapshot. */
  async touch(snapshotId: string, etag: string | null, lastSync: string): Promise<void> {
    const db = await this.db('write');
    try {
      const tx = db.transaction('meta', 'readwrite');
      const current = await tx.store.get('current');
      if (current?.snapshotId === snapshotId) {
        await Promise.all([
          tx.store.put({ ...current, etag: etag ?? current.etag, lastSync }, 'current'),
          tx.done,
        ]);
      } else {
        await tx.done;
      }
    } catch (error) {
      throw storageError(this.dbName, 'recording the sync time', error);
    }
  }

  /**
   * Folds the stored deltas into one: the changes from the stored full file to `units` (the
   * stored snapshot's units), so that reading applies one delta instead of a chain. The full file
   * stays as downloaded: re-encoding it here would put the full payload encoder into every page
   * (1.1 kB gzip of the CDN bundle). Only when the store still holds `meta`'s snapshot with
   * deltas; resolves to whether it folded them.
   */
  async compact(meta: StoredSnapshotMeta, units: readonly SorUnit[]): Promise<boolean> {
    const first = meta.deltaFiles[0];
    if (!first) return false;
    const db = await this.db('compact');
    let files: (StoredFile | undefined)[];
    try {
      files = await Promise.all(
        [meta.baseFile, ...meta.deltaFiles].map((ref) => db.get('files', ref.sha256)),
      );
    } catch (error) {
      throw storageError(this.dbName, 'reading the stored files', error);
    }
    if (files.includes(undefined)) return false;
    const [base, ...deltas] = files as StoredFile[];
    const inBase = new Set(
      (await decodeFullBytes(base.bytes, meta.baseFile, meta.baseFile.url)).map((u) => u.sorCode),
    );
    // Every unit that changed since the full file is an upsert of some stored delta.
    const changed = new Set<string>();
    for (const [i, ref] of meta.deltaFiles.entries())
      for (const unit of (await decodeDeltaBytes(deltas[i].bytes, ref, ref.url)).upserts)
        changed.add(unit.sorCode);
    const current = new Set(units.map((unit) => unit.sorCode));
    const delta: DeltaPayload = {
      format: 'sor-snapshot-delta',
      version: SNAPSHOT_FORMAT_VERSION,
      from: first.from,
      to: meta.snapshotId,
      sourceDate: meta.sourceDate,
      count: units.length,
      upserts: units.filter((unit) => changed.has(unit.sorCode) || !inBase.has(unit.sorCode)),
      removed: [...inBase].filter((code) => !current.has(code)),
    };
    const bytes = await gzip(new TextEncoder().encode(JSON.stringify(delta)));
    const sha256 = await sha256Hex(bytes);
    const folded = {
      url: `compacted:${meta.snapshotId}`,
      bytes: bytes.byteLength,
      sha256,
      from: first.from,
      to: meta.snapshotId,
    };
    return this.commit({ ...meta, deltaFiles: [folded] }, [{ sha256, bytes }], {
      expect: meta.snapshotId,
    });
  }

  /** Deletes the whole database (every stored snapshot of this source). */
  async destroy(): Promise<void> {
    await closeSorDb(this.dbName);
    try {
      await deleteDB(this.dbName);
    } catch (error) {
      throw storageError(this.dbName, 'deleting the database', error);
    }
  }

  private async db(what: string): Promise<SorDb> {
    try {
      return await openSorDb(this.dbName, this.options);
    } catch (error) {
      throw storageError(this.dbName, `opening the database (${what})`, error);
    }
  }
}
