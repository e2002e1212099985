import { expect } from '@open-wc/testing';
import { watchPersistence, type PersistenceApi } from '../../src/catalog/persistence.js';

// A Storage API whose answers the test gives, recording what was asked.
function fakeStorage(persisted: boolean, persistAnswer: Promise<boolean> | null) {
  const asked: string[] = [];
  const storage: PersistenceApi = {
    persisted: () => {
      asked.push('persisted');
      return Promise.resolve(persisted);
    },
  };
  if (persistAnswer) {
    storage.persist = () => {
      asked.push('persist');
      return persistAnswer;
    };
  }
  return { storage, asked };
}

// What `watchPersistence` reports of `storage` once its promises settled, asking for persistence if `ask`.
async function heardFrom(storage: PersistenceApi | undefined, ask: boolean): Promise<boolean[]> {
  const heard: boolean[] = [];
  watchPersistence(storage, ask, (persisted) => heard.push(persisted));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return heard;
}

// With a browser that grants persistence when asked: whether it is persisted already and whether
// to ask → what is asked of the Storage API, and what is reported.
const GRANTING: Record<string, [persisted: boolean, ask: boolean, asked: string[], heard: boolean[]]> = {
  'reports persistent storage without asking for it': [true, true, ['persisted'], [true]],
  'asks for persistence when it is not yet, and reports both answers': [
    false,
    true,
    ['persisted', 'persist'],
    [false, true],
  ],
  'does not ask when told not to': [false, false, ['persisted'], [false]],
};

describe('watchPersistence', () => {
  for (const [title, [persisted, ask, expectedAsks, expectedReports]] of Object.entries(GRANTING)) {
    it(title, async () => {
      const { storage, asked } = fakeStorage(persisted, Promise.resolve(true));
      expect(await heardFrom(storage, ask)).to.deep.equal(expectedReports);
      expect(asked).to.deep.equal(expectedAsks);
    });
  }

  it('returns at once while a permission prompt stays open, reporting what it knows so far', async () => {
    const { storage } = fakeStorage(false, new Promise<boolean>(() => {}));
    expect(await heardFrom(storage, true)).to.deep.equal([false]);
  });

  it('keeps quiet when the browser rejects (an insecure context)', async () => {
    const storage: PersistenceApi = { persisted: () => Promise.reject(new DOMException('insecure')) };
    expect(await heardFrom(storage, true)).to.deep.equal([]);
  });

  it('reports nothing where there is no Storage API', async () => {
    expect(await heardFrom(undefined, true)).to.deep.equal([]);
  });
});
