import { expect, waitUntil } from '@open-wc/testing';
import { SorCatalog } from '../../src/catalog/catalog.js';
import { nextTask, whenIdle } from '../../src/util/slices.js';
import { SMALL_REGISTER, rigshospitalet } from '../fixtures/small-register.js';
import { buildSnapshot, SnapshotHost, uniqueDbName, type BuiltSnapshot } from '../store/snapshot-host.js';

// What one engine lacks or answers differently, imitated in every engine the suite runs in
// (Firefox answers persist() only through a prompt; WebKit has no requestIdleCallback, no
// scheduler.postTask and no persist()).

/** Replaces `globalThis[name]` (own property, so deleting it restores the engine's own) for one test. */
function replaceGlobal(name: string, value: unknown): () => void {
  const target = name === 'storage' ? navigator : globalThis;
  Object.defineProperty(target, name, { value, configurable: true, writable: true });
  return () => {
    delete (target as unknown as Record<string, unknown>)[name];
  };
}

/** Hides `globalThis[name]` for one test, wherever in the prototype chain the engine defines it. */
function hideGlobal(name: string): () => void {
  return replaceGlobal(name, undefined);
}

describe('engine fallbacks', () => {
  let snapshot: BuiltSnapshot;
  let host: SnapshotHost;
  const restore: Array<() => void> = [];
  const opened: SorCatalog[] = [];

  const open = (options: { persist?: boolean } = {}) => {
    const catalog = SorCatalog.open({
      src: host.manifestUrl,
      dbName: uniqueDbName(),
      fetch: host.fetch,
      ...options,
    });
    opened.push(catalog);
    return catalog;
  };

  before(async () => {
    snapshot = await buildSnapshot(SMALL_REGISTER, '2026-11-01');
  });

  beforeEach(() => {
    host = new SnapshotHost();
    host.publish(snapshot);
  });

  afterEach(async () => {
    for (const undo of restore.splice(0).reverse()) undo();
    for (const catalog of opened.splice(0)) await catalog.clear();
  });

  describe('navigator.storage.persist()', () => {
    it('loads the data while the permission prompt stays unanswered (Firefox)', async () => {
      let asked = 0;
      restore.push(
        replaceGlobal('storage', {
          persisted: () => Promise.resolve(false),
          // Firefox's answer to an unattended prompt: none, ever.
          persist: () => {
            asked++;
            return new Promise<boolean>(() => undefined);
          },
        }),
      );
      const catalog = open();
      await catalog.sync();
      expect(catalog.size).to.equal(SMALL_REGISTER.length);
      expect(catalog.select(rigshospitalet.sorCode).name).to.equal('Rigshospitalet');
      expect(catalog.status.state).to.equal('idle');
      expect(catalog.status.persisted).to.equal(false);
      expect(asked).to.equal(1);
    });

    it('puts the answer into the status whenever it comes', async () => {
      let grant: (granted: boolean) => void = () => undefined;
      restore.push(
        replaceGlobal('storage', {
          persisted: () => Promise.resolve(false),
          persist: () => new Promise<boolean>((resolve) => (grant = resolve)),
        }),
      );
      const catalog = open();
      await catalog.sync();
      expect(catalog.status.persisted).to.equal(false);
      grant(true);
      await waitUntil(
        () => catalog.status.persisted === true,
        'the granted persistence never reached the status',
      );
    });

    it('does not ask when the storage is persistent already, nor when told not to', async () => {
      let asked = 0;
      const persist = () => {
        asked++;
        return Promise.resolve(true);
      };
      restore.push(replaceGlobal('storage', { persisted: () => Promise.resolve(true), persist }));
      const persistent = open();
      await persistent.sync();
      await waitUntil(() => persistent.status.persisted === true);
      restore.pop()!();

      restore.push(replaceGlobal('storage', { persisted: () => Promise.resolve(false), persist }));
      const notAsked = open({ persist: false });
      await notAsked.sync();
      await waitUntil(() => notAsked.status.persisted === false);
      expect(asked).to.equal(0);
    });

    it("says 'unsupported' and loads where the engine has no Storage API (WebKit)", async () => {
      restore.push(hideGlobal('storage'));
      const catalog = open();
      await catalog.sync();
      expect(catalog.size).to.equal(SMALL_REGISTER.length);
      expect(catalog.status.persisted).to.equal('unsupported');
    });

    it('loads when persisted() rejects (an insecure context)', async () => {
      restore.push(
        replaceGlobal('storage', {
          persisted: () => Promise.reject(new TypeError('insecure context')),
          persist: () => Promise.reject(new TypeError('insecure context')),
        }),
      );
      const catalog = open();
      await catalog.sync();
      expect(catalog.size).to.equal(SMALL_REGISTER.length);
      expect(catalog.status.persisted).to.equal('unsupported');
    });
  });

  describe('without requestIdleCallback and scheduler.postTask (WebKit)', () => {
    beforeEach(() => {
      restore.push(hideGlobal('requestIdleCallback'), hideGlobal('scheduler'));
    });

    it('still runs idle work and tasks, in order of queueing', async () => {
      const ran: string[] = [];
      await new Promise<void>((resolve) => {
        whenIdle(() => ran.push('idle'));
        nextTask(() => ran.push('task'));
        nextTask(() => {
          ran.push('last');
          resolve();
        }, 'background');
      });
      await waitUntil(() => ran.length === 3);
      expect(ran).to.have.members(['idle', 'task', 'last']);
    });

    it('syncs, indexes and searches', async () => {
      const catalog = open();
      await catalog.sync();
      expect(catalog.size).to.equal(SMALL_REGISTER.length);
      const hits = await catalog.search('rigshosp');
      expect(hits.map((hit) => hit.unit.sorCode)).to.include(rigshospitalet.sorCode);
    });
  });
});
