import { openDB, type IDBPDatabase } from 'idb';
import { STORE_VERSION, type SorDbSchema } from './schema.js';

/** An open snapshot database. */
export type SorDb = IDBPDatabase<SorDbSchema>;

// One connection per database name, shared by every store and catalog on the page: opening is
// slow (tens of ms) and every open connection has to be closed before another tab can upgrade.
const connections = new Map<string, Promise<SorDb>>();

/**
 * The cached connection to a snapshot database, opened (and upgraded) on first use. A rejected
 * open is not cached, so the next call tries again. Throws what `indexedDB.open` throws: callers
 * decide whether to fall back to memory.
 */
export function openSorDb(name: string): Promise<SorDb> {
  const cached = connections.get(name);
  if (cached) return cached;
  const forget = (db?: SorDb) => {
    if (connections.get(name) === opening) connections.delete(name);
    db?.close();
  };
  const opening: Promise<SorDb> = openDB<SorDbSchema>(name, STORE_VERSION, {
    upgrade(db, oldVersion) {
      // The upgrade ladder: each step takes a database from one version to the next.
      if (oldVersion < 1) {
        db.createObjectStore('files');
        db.createObjectStore('meta');
      }
      if (oldVersion < 2) db.createObjectStore('tables');
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
