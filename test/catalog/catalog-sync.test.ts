// The sync on its own, against a recording target instead of a catalog: it sees the catalog only
// through `SyncTarget` (what `SorCatalog.open` passes in), so this is all it can read and do.
import { expect } from '@open-wc/testing';
import { CatalogSync, type SyncTarget } from '../../src/catalog/catalog-sync.js';
import type { CatalogChanges, SnapshotOptions } from '../../src/catalog/catalog-data.js';
import type { SnapshotInfo, SorUnit } from '../../src/model/types.js';
import type { UnitSource } from '../../src/search/types.js';
import { SMALL_REGISTER, rigshospitalet } from '../fixtures/small-register.js';
import { buildDelta, offlineFetch } from '../store/snapshot-host.js';
import { onSnapshotHost } from './catalog-fixture.js';

type Call = {
  method: 'replaceUnits' | 'replaceFromSource' | 'applyChanges';
  snapshotId: string;
  size: number;
};

// Holds what it was last given, and records every call and event.
class RecordingTarget extends EventTarget implements SyncTarget {
  snapshot: SnapshotInfo | null = null;
  size = 0;
  calls: Call[] = [];
  events: string[] = [];
  private units = new Map<string, SorUnit>();

  get(sorCode: string): SorUnit | undefined {
    return this.units.get(sorCode);
  }

  replaceUnits(units: readonly SorUnit[], options: SnapshotOptions): void {
    this.hold('replaceUnits', units, options);
  }

  replaceFromSource(source: UnitSource, options: SnapshotOptions): void {
    this.hold('replaceFromSource', source.all(), options);
  }

  applyChanges(units: readonly SorUnit[], _changes: CatalogChanges, options: SnapshotOptions): void {
    this.hold('applyChanges', units, options);
  }

  override dispatchEvent(event: Event): boolean {
    this.events.push(event.type);
    return super.dispatchEvent(event);
  }

  private hold(method: Call['method'], units: readonly SorUnit[], options: SnapshotOptions): void {
    this.snapshot = { id: options.snapshotId, sourceDate: options.sourceDate };
    this.size = units.length;
    this.units = new Map(units.map((unit) => [unit.sorCode, unit]));
    this.calls.push({ method, snapshotId: options.snapshotId, size: units.length });
  }
}

describe('CatalogSync (through its SyncTarget only)', () => {
  const ctx = onSnapshotHost();
  const syncs: CatalogSync[] = [];

  const start = (target: SyncTarget, fetch: typeof globalThis.fetch = ctx.host.fetch) => {
    const sync = new CatalogSync(target, {
      src: ctx.host.manifestUrl,
      dbName: ctx.dbName,
      fetch,
      syncOnOpen: false,
      persist: false,
    });
    syncs.push(sync);
    return sync;
  };

  afterEach(async () => {
    for (const sync of syncs) sync.close();
    await syncs[0]?.clear();
    syncs.length = 0;
  });

  it('hands a first download to the target as units and fires the sync events on it', async () => {
    ctx.host.publish(ctx.v1);
    const target = new RecordingTarget();
    const sync = start(target);
    await sync.sync();
    expect(target.calls).to.deep.equal([
      { method: 'replaceUnits', snapshotId: ctx.v1.id, size: SMALL_REGISTER.length },
    ]);
    expect(target.events[0]).to.equal('sor-sync-start');
    expect(target.events.at(-1)).to.equal('sor-sync-complete');
    expect(sync.status).to.include({
      state: 'idle',
      manifestUrl: ctx.host.manifestUrl,
      snapshotId: ctx.v1.id,
      sourceDate: '2026-11-01',
      unitCount: SMALL_REGISTER.length,
    });
  });

  it('patches the target by a delta when it answers from the snapshot the delta starts at', async () => {
    ctx.host.publish(ctx.v1);
    const target = new RecordingTarget();
    const sync = start(target);
    await sync.sync();
    ctx.host.publish(ctx.v2, [await buildDelta(ctx.v1, ctx.v2)]);
    await sync.sync();
    expect(target.calls.map((call) => [call.method, call.snapshotId])).to.deep.equal([
      ['replaceUnits', ctx.v1.id],
      ['applyChanges', ctx.v2.id],
    ]);
  });

  it('reads a stored snapshot back into a new target on open, before any sync', async () => {
    ctx.host.publish(ctx.v1);
    await start(new RecordingTarget()).sync();
    const reopened = new RecordingTarget();
    const sync = start(reopened);
    await sync.opened;
    expect(reopened.snapshot?.id).to.equal(ctx.v1.id);
    expect(reopened.get(rigshospitalet.sorCode)).to.deep.equal(rigshospitalet);
    expect(reopened.events).to.deep.equal([]);
  });

  it('reports a first sync that cannot reach the host as an error, with nothing handed over', async () => {
    const target = new RecordingTarget();
    const sync = start(target, offlineFetch);
    const failure = await sync.sync().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).to.have.property('code', 'network');
    expect(target.calls).to.deep.equal([]);
    expect(target.events).to.deep.equal(['sor-sync-start', 'sor-sync-error']);
    expect(sync.status).to.include({ state: 'error', snapshotId: null, unitCount: 0 });
  });

  it('reports a later unreachable host as offline while the target holds a snapshot', async () => {
    ctx.host.publish(ctx.v1);
    const target = new RecordingTarget();
    await start(target).sync();
    const offline = start(target, offlineFetch);
    await offline.sync().catch(() => undefined);
    expect(offline.status.state).to.equal('offline');
    expect(target.snapshot?.id).to.equal(ctx.v1.id);
  });

  it('names its manifest URL absolute and its database after it by default', () => {
    const sync = new CatalogSync(new RecordingTarget(), { src: 'no-such/manifest.json', syncOnOpen: false });
    syncs.push(sync);
    expect(sync.manifestUrl).to.equal(new URL('no-such/manifest.json', location.href).href);
    expect(sync.dbName).to.equal(`sor-picker:${sync.manifestUrl}`);
  });
});
