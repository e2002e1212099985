import { expect } from '@open-wc/testing';
import { SnapshotSlot } from '../../src/catalog/snapshot-slot.js';
import { patchUnits } from '../../src/snapshot/delta.js';
import { koege, rigshospitalet, SMALL_REGISTER, SMALL_REGISTER_INFO } from '../fixtures/small-register.js';

const NEXT = { snapshotId: 'next', sourceDate: '2026-11-02' };

// A slot whose events are recorded as `type:snapshotId`.
function recordedSlot() {
  const events = new EventTarget();
  const seen: string[] = [];
  for (const type of ['sor-catalog-change', 'sor-index-ready'])
    events.addEventListener(type, (event) =>
      seen.push(`${type}:${(event as CustomEvent<{ snapshot: { id: string } }>).detail.snapshot.id}`),
    );
  return { slot: new SnapshotSlot(events), seen };
}

describe('SnapshotSlot', () => {
  it('is empty and not ready until the first snapshot, which fires no change', async () => {
    const { slot, seen } = recordedSlot();
    expect(slot.data).to.equal(null);
    expect(slot.snapshot).to.equal(null);
    expect(slot.size).to.equal(0);
    expect(slot.get(koege.sorCode)).to.equal(undefined);
    slot.replaceUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);
    await slot.ready;
    expect(slot.snapshot).to.deep.equal({ id: SMALL_REGISTER_INFO.snapshotId, sourceDate: '2026-11-01' });
    expect(slot.size).to.equal(SMALL_REGISTER.length);
    expect(seen.filter((event) => event.startsWith('sor-catalog-change'))).to.deep.equal([]);
  });

  it('fires a change for each later snapshot, and index-ready only for the one still answering', async () => {
    const { slot, seen } = recordedSlot();
    slot.replaceUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);
    const first = slot.data!;
    slot.replaceUnits(SMALL_REGISTER, NEXT);
    await Promise.all([first.searchReady, slot.data!.searchReady]);
    expect(seen).to.deep.equal(['sor-catalog-change:next', 'sor-index-ready:next']);
  });

  it('applies a delta to the snapshot answering now, or takes its units when there is none', () => {
    const { slot, seen } = recordedSlot();
    const renamed = { ...rigshospitalet, name: 'Blegdamsvej' };
    const changes = patchUnits(
      SMALL_REGISTER,
      { upserts: [renamed], removed: [], count: SMALL_REGISTER.length },
      (code) => SMALL_REGISTER.find((unit) => unit.sorCode === code),
    );
    slot.applyChanges(changes.units, changes, NEXT);
    expect(slot.snapshot?.id).to.equal('next');
    expect(seen).to.deep.equal([]);
    slot.applyChanges(changes.units, changes, { ...NEXT, snapshotId: 'after' });
    expect(slot.get(rigshospitalet.sorCode)?.name).to.equal('Blegdamsvej');
    expect(seen).to.deep.equal(['sor-catalog-change:after']);
  });

  it('dispatches sync events where the catalog listens', () => {
    const { slot } = recordedSlot();
    const heard: string[] = [];
    const events = new EventTarget();
    const own = new SnapshotSlot(events);
    events.addEventListener('sor-sync-start', (event) => heard.push(event.type));
    own.dispatchEvent(new Event('sor-sync-start'));
    slot.dispatchEvent(new Event('sor-sync-start'));
    expect(heard).to.deep.equal(['sor-sync-start']);
  });
});
