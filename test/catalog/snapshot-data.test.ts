import { expect } from '@open-wc/testing';
import {
  byName,
  childrenMap,
  ChildLists,
  NameCollection,
  runToEnd,
} from '../../src/catalog/snapshot-data.js';
import { EarlyNames } from '../../src/search/search-index.js';
import type { SorUnit } from '../../src/model/types.js';
import { koege, rigshospitalet, SMALL_REGISTER } from '../fixtures/small-register.js';

const named = (name: string, sorCode: string): SorUnit => ({ ...koege, name, sorCode });

describe('snapshot-data helpers', () => {
  it('runs a sliced computation to its end', () => {
    function* count(): Generator<void, number> {
      let n = 0;
      for (let i = 0; i < 5; i++) {
        n++;
        yield;
      }
      return n;
    }
    expect(runToEnd(count())).to.equal(5);
  });

  it('groups units by parent code, in their order', () => {
    const map = runToEnd(childrenMap(SMALL_REGISTER));
    const roots = SMALL_REGISTER.filter((unit) => unit.parentCode === null);
    expect(map.get(null)).to.deep.equal(roots);
    const total = [...map.values()].reduce((sum, list) => sum + list.length, 0);
    expect(total).to.equal(SMALL_REGISTER.length);
  });

  it('orders by Danish collation, then by code', () => {
    const units = [named('Aabenraa', '3'), named('Ærø', '2'), named('Bispebjerg', '1'), named('Ærø', '0')];
    expect([...units].sort(byName).map((unit) => `${unit.name}/${unit.sorCode}`)).to.deep.equal([
      'Bispebjerg/1',
      'Ærø/0',
      'Ærø/2',
      'Aabenraa/3',
    ]);
  });

  it('ChildLists: sorts a kept list once, and the full map replaces the lists found before it', () => {
    const lists = new ChildLists();
    const kept = lists.keep('p', [named('Ø', '2'), named('A', '1')]);
    expect(lists.sorted('p', kept).map((unit) => unit.name)).to.deep.equal(['A', 'Ø']);
    kept.reverse(); // not sorted again: the list is known sorted
    expect(lists.sorted('p', kept).map((unit) => unit.name)).to.deep.equal(['Ø', 'A']);
    expect(lists.complete).to.equal(false);
    const full = new Map([['p', [named('B', '3'), named('A', '1')]]]);
    lists.fill(full);
    expect(lists.complete).to.equal(true);
    expect(lists.sorted('p', lists.get('p')!).map((unit) => unit.name)).to.deep.equal(['A', 'B']);
    lists.fill(new Map());
    expect(lists.get('p')).to.have.length(2);
  });

  it('NameCollection: collects at once when asked before the background, once', async () => {
    let collections = 0;
    const names = new NameCollection(() => {
      collections++;
      return EarlyNames.steps(SMALL_REGISTER);
    });
    const now = names.now();
    const hits = now.search(
      'Rigshospitalet',
      { limit: 3, asOf: '2026-11-26' },
      { get: () => rigshospitalet },
    );
    expect(hits.length).to.be.greaterThan(0);
    await new Promise<void>((resolve) => names.inBackground(resolve));
    expect(names.now()).to.equal(now);
    expect(collections).to.equal(1);
  });
});
