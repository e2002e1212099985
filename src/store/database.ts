import { openDB, type IDBPDatabase } from 'idb';
import { SorSyncError } from './errors.js';
import { STORE_VERSION, type SorDbSchema } from './schema.js';

/** An open snapshot database. */
export type SorDb = IDBPDatabase<SorDbSchema>;

// One connection per database name, shared by every store and catalog on the page: opening is
// slow (tens of ms) and every open connection has to be closed before another tab can upgrade.
const connections = new Map<string, Promise<SorDb>>();

/** How long opening waits for other tabs to let an upgrade through, by default (ms). */
export const DEFAULT_BLOCKED_TIMEOUT = 5_000;

/** Options of `openSorDb`. */
export interface OpenSorDbOptions {
  /**
   * How long an upgrade may stay blocked (another tab holds an older version open and does not
   * close it on `versionchange`) before the open gives up with a `storage` error. Default
   * `DEFAULT_BLOCKED_TIMEOUT`.
   */
  blockedTimeout?: number;
}

/**
 * The cached connection to a snapshot database, opened (and upgraded) on first use. A rejected
 * open is not cached, so the next call tries again. Throws what `indexedDB.open` throws, or a
 * `storage` `SorSyncError` when the upgrade stays blocked past `blockedTimeout`: callers decide
 * whether to fall back to memory.
 */
export function openSorDb(name: string, options: OpenSorDbOptions = {}): Promise<SorDb> {
  const cached = connections.get(name);
  if (cached) return cached;
  const forget = (db?: SorDb) => {
    if (connections.get(name) === opening) connections.delete(name);
    db?.close();
  };
  let blockedTimer: ReturnType<typeof setTimeout> | undefined;
  let gaveUp = false;
  let giveUp!: (error: SorSyncError) => void;
  const blockedTooLong = new Promise<never>((_, reject) => (giveUp = reject));
  const upgrading = openDB<SorDbSchema>(name, STORE_VERSION, {
    upgrade(db, oldVersion) {
      // The upgrade ladder: each step takes a database from one version to the next.
      if (oldVersion < 1) {
        db.createObjectStore('files');
        db.createObjectStore('meta');
      }
      if (oldVersion < 2) db.createObjectStore('tables');
    },
    // The spec lets an open wait for ever while another connection stays open
    // (https://w3c.github.io/IndexedDB/#opening): wait a while, then let the caller work without.
    blocked(currentVersion) {
      blockedTimer ??= setTimeout(() => {
        gaveUp = true;
        giveUp(
          new SorSyncError(
            'storage',
            `IndexedDB "${name}": the upgrade from version ${currentVersion} to ${STORE_VERSION} is blocked by ` +
              `another tab that keeps version ${currentVersion} open (an older page of this app?); gave up after ` +
              `${(options.blockedTimeout ?? DEFAULT_BLOCKED_TIMEOUT) / 1000} s`,
          ),
        );
      }, options.blockedTimeout ?? DEFAULT_BLOCKED_TIMEOUT);
    },
    // Another tab wants a newer version (or to delete the database): let it, and reopen later.
    blocking() {
      void opening.then(forget);
    },
    // The browser closed the connection (storage cleared, disk error): reopen on the next call.
    terminated() {
      forget();
    },
  });
  // Should the other tab let go after all, the late connection is closed at once: nobody uses it,
  // and an open connection would block the next upgrade or deletion in its turn.
  void upgrading.then(
    (db) => {
      clearTimeout(blockedTimer);
      if (gaveUp) db.close();
    },
    () => clearTimeout(blockedTimer),
  );
  const opening: Promise<SorDb> = Promise.race([upgrading, blockedTooLong]);
  connections.set(name, opening);
  opening.catch(() => forget());
  return opening;
}

/** Closes and forgets the cached connection of a database, if any (before deleting it). */
export async function closeSorDb(name: string): Promise<void> {
  const cached = connections.get(name);
  if (!cached) return;
  connections.delete(name);
  try {
    (await cached).close();
  } catch {
    // The open had failed: there is no connection to close.
  }
}
