import { expect } from '@open-wc/testing';
import { SorCatalog } from '../../src/catalog/catalog.js';
import { rigshospitalet, SMALL_REGISTER } from '../fixtures/small-register.js';
import {
  buildSnapshot,
  nextNight,
  offlineFetch,
  SnapshotHost,
  uniqueDbName,
  type BuiltSnapshot,
} from '../store/snapshot-host.js';

/** Opens a catalog on the test's host and database (the test clears it afterwards). */
export type OpenOnHost = (options?: Partial<Parameters<typeof SorCatalog.open>[0]>) => SorCatalog;

/**
 * A catalog that has synced and stored `held`; `next` is published afterwards, so the catalog's
 * next sync has work to do (the fault tests break that work).
 */
export async function catalogHolding(
  open: OpenOnHost,
  host: SnapshotHost,
  held: BuiltSnapshot,
  next: BuiltSnapshot,
): Promise<SorCatalog> {
  host.publish(held);
  const catalog = open();
  await catalog.sync();
  expect(catalog.snapshot!.id).to.equal(held.id);
  host.publish(next);
  return catalog;
}

/** `held` still answers in the catalog, and is still what is stored (a reopened catalog reads it). */
export async function expectStillHolding(
  open: OpenOnHost,
  catalog: SorCatalog,
  held: BuiltSnapshot,
): Promise<void> {
  expect(catalog.snapshot!.id).to.equal(held.id);
  expect(catalog.select(rigshospitalet.sorCode).name).to.equal('Rigshospitalet');
  const reopened = open({ fetch: offlineFetch, syncOnOpen: false });
  await reopened.ready;
  expect(reopened.snapshot!.id).to.equal(held.id);
  expect(reopened.size).to.equal(SMALL_REGISTER.length);
}

/** What a test of the sync against a host in memory works with; see `onSnapshotHost`. */
export interface SnapshotHostContext {
  /** The small register, built once for the suite. */
  v1: BuiltSnapshot;
  /** The night after `v1` (`nextNight()`), built once for the suite. */
  v2: BuiltSnapshot;
  /** A host with nothing published yet, new for each test. */
  host: SnapshotHost;
  /** An IndexedDB name of its own for each test. */
  dbName: string;
  /** Opens a catalog on this test's host and database; the test's catalogs are cleared after it. */
  open: OpenOnHost;
  /** The catalogs of this test, `open`'s and any the test adds; the first one's database is cleared after it. */
  opened: SorCatalog[];
  /** A catalog that has stored v1; v2 is published next. */
  storedV1(): Promise<SorCatalog>;
  /** v1 still answers in `catalog` and is still what is stored: the previous snapshot stays intact. */
  expectV1Intact(catalog: SorCatalog): Promise<void>;
}

/**
 * Registers, in the calling `describe`, the setup every sync test against a host in memory shares:
 * v1 and v2 built once, a fresh host and database for each test, and the database of the catalogs
 * it opened cleared after it. The returned context is filled in by those hooks.
 */
export function onSnapshotHost(): SnapshotHostContext {
  const opened: SorCatalog[] = [];
  const context = {
    opened,
    open: (options = {}) => {
      const catalog = SorCatalog.open({
        src: context.host.manifestUrl,
        dbName: context.dbName,
        fetch: context.host.fetch,
        ...options,
      });
      opened.push(catalog);
      return catalog;
    },
    storedV1: () => catalogHolding(context.open, context.host, context.v1, context.v2),
    expectV1Intact: (catalog) => expectStillHolding(context.open, catalog, context.v1),
  } as SnapshotHostContext;

  before(async () => {
    context.v1 = await buildSnapshot(SMALL_REGISTER, '2026-11-01');
    context.v2 = await buildSnapshot(nextNight(), '2026-11-02');
  });

  beforeEach(() => {
    context.host = new SnapshotHost();
    context.dbName = uniqueDbName();
  });

  afterEach(async () => {
    await opened[0]?.clear();
    opened.length = 0;
  });

  return context;
}
