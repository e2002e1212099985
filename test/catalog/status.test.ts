import { expect } from '@open-wc/testing';
import { SorCatalog } from '../../src/catalog/catalog.js';
import type { SorCatalogStatus } from '../../src/catalog/index.js';
import { inMemoryStatus, snapshotStatus } from '../../src/catalog/status.js';
import { SMALL_REGISTER, SMALL_REGISTER_INFO } from '../fixtures/small-register.js';

describe('catalog status', () => {
  it('names the snapshot answering now, or nulls before any', () => {
    expect(snapshotStatus({ id: 'v7', sourceDate: '2026-11-07' }, 42)).to.deep.equal({
      snapshotId: 'v7',
      sourceDate: '2026-11-07',
      unitCount: 42,
    });
    expect(snapshotStatus(null, 0)).to.deep.equal({ snapshotId: null, sourceDate: null, unitCount: 0 });
  });

  it('says a catalog from units is in memory, idle, and syncs from nowhere', () => {
    const status: SorCatalogStatus = inMemoryStatus({ id: 'v7', sourceDate: '2026-11-07' }, 3);
    expect(status).to.include({ state: 'idle', manifestUrl: null, snapshotId: 'v7', unitCount: 3 });
    expect(status).to.include({ storage: 'memory', persisted: false, synthetic: false });
    for (const nothing of ['lastSync', 'lastError', 'retryAt', 'storageError', 'progress'] as const)
      expect(status[nothing], nothing).to.equal(null);
  });

  it('is what `status` of a catalog from `fromUnits` gives, before and after its units arrive', () => {
    const empty = new SorCatalog();
    expect(empty.status).to.deep.equal(inMemoryStatus(null, 0));
    const catalog = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);
    expect(catalog.status).to.deep.equal(
      inMemoryStatus(
        { id: SMALL_REGISTER_INFO.snapshotId, sourceDate: SMALL_REGISTER_INFO.sourceDate },
        SMALL_REGISTER.length,
      ),
    );
  });
});
