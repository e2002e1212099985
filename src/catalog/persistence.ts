/** The part of `navigator.storage` (the Storage API) that decides whether stored data is kept. */
export type PersistenceApi = Pick<StorageManager, 'persisted'> & Partial<Pick<StorageManager, 'persist'>>;

/**
 * Reports whether the browser keeps stored data under storage pressure, and asks it to when `ask`
 * is set and it does not yet. Never awaited by its caller: Firefox answers `persist()` only through
 * a permission prompt, which stays open until someone clicks (forever on an unattended screen), and
 * the first sync must not wait on it. `persisted()` never prompts, so it is asked first; `land` is
 * called with each answer as it comes; where the browser has no Storage API, never.
 * https://storage.spec.whatwg.org/#persistence
 */
export function watchPersistence(
  storage: PersistenceApi | undefined,
  ask: boolean,
  land: (persisted: boolean) => void,
): void {
  if (typeof storage?.persisted !== 'function') return;
  const report = (persisted: boolean) => {
    land(persisted);
    return persisted;
  };
  storage
    .persisted()
    .then(report)
    .then((persisted) => {
      if (!persisted && ask && typeof storage.persist === 'function') return storage.persist().then(report);
    })
    // Some browsers reject outside a secure context: the caller keeps what it last heard.
    .catch(() => undefined);
}
