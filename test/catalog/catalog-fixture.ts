import { expect } from '@open-wc/testing';
import type { SorCatalog } from '../../src/catalog/catalog.js';
import { rigshospitalet, SMALL_REGISTER } from '../fixtures/small-register.js';
import { offlineFetch, type BuiltSnapshot, type SnapshotHost } from '../store/snapshot-host.js';

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
