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

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('watchPersistence', () => {
  it('reports persistent storage without asking for it', async () => {
    const { storage, asked } = fakeStorage(true, Promise.resolve(true));
    const heard: boolean[] = [];
    watchPersistence(storage, true, (persisted) => heard.push(persisted));
    await settle();
    expect(asked).to.deep.equal(['persisted']);
    expect(heard).to.deep.equal([true]);
  });

  it('asks for persistence when it is not yet, and reports both answers', async () => {
    const { storage, asked } = fakeStorage(false, Promise.resolve(true));
    const heard: boolean[] = [];
    watchPersistence(storage, true, (persisted) => heard.push(persisted));
    await settle();
    expect(asked).to.deep.equal(['persisted', 'persist']);
    expect(heard).to.deep.equal([false, true]);
  });

  it('does not ask when told not to', async () => {
    const { storage, asked } = fakeStorage(false, Promise.resolve(true));
    const heard: boolean[] = [];
    watchPersistence(storage, false, (persisted) => heard.push(persisted));
    await settle();
    expect(asked).to.deep.equal(['persisted']);
    expect(heard).to.deep.equal([false]);
  });

  it('returns at once while a permission prompt stays open, reporting what it knows so far', async () => {
    const { storage } = fakeStorage(false, new Promise<boolean>(() => {}));
    const heard: boolean[] = [];
    watchPersistence(storage, true, (persisted) => heard.push(persisted));
    await settle();
    expect(heard).to.deep.equal([false]);
  });

  it('keeps quiet when the browser rejects (an insecure context)', async () => {
    const storage: PersistenceApi = { persisted: () => Promise.reject(new DOMException('insecure')) };
    const heard: boolean[] = [];
    watchPersistence(storage, true, (persisted) => heard.push(persisted));
    await settle();
    expect(heard).to.deep.equal([]);
  });

  it('reports nothing where there is no Storage API', async () => {
    const heard: boolean[] = [];
    watchPersistence(undefined, true, (persisted) => heard.push(persisted));
    await settle();
    expect(heard).to.deep.equal([]);
  });
});
