import { expect } from '@open-wc/testing';
import { ListData } from '../../src/catalog/list-data.js';
import { byName, childrenMap, runToEnd } from '../../src/catalog/snapshot-data.js';
import type { SorUnit } from '../../src/model/types.js';
import { koege, rigshospitalet, SMALL_REGISTER } from '../fixtures/small-register.js';

const named = (name: string, sorCode: string): SorUnit => ({ ...koege, name, sorCode });
const INFO = { id: 'v1', sourceDate: '2026-11-01' };

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

  it("sorts a parent's children once and keeps them, until the full map replaces them alike", () => {
    const data = new ListData(SMALL_REGISTER, INFO);
    const roots = data.children(null);
    expect(data.children(null)).to.equal(roots);
    expect(roots.map((unit) => unit.name)).to.deep.equal([...roots].sort(byName).map((unit) => unit.name));
    expect(data.someChild(koege.sorCode, () => true)).to.equal(data.children(koege.sorCode).length > 0);
    expect(data.children('no such code')).to.deep.equal([]);
  });

  it('collects the distinct names once, whether a search or the background asks first', async () => {
    const data = new ListData(SMALL_REGISTER, INFO);
    const early = data.earlyNames();
    const hits = early.search('Rigshospitalet', { limit: 3, asOf: '2026-11-26' }, data);
    expect(hits.map((hit) => hit.unit)).to.include(rigshospitalet);
    await data.searchReady;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(data.earlyNames()).to.equal(early);
  });
});
