import { expect } from '@open-wc/testing';
import { ListData } from '../../src/catalog/list-data.js';
import { groupByParent, StoredTableData } from '../../src/catalog/stored-table-data.js';
import { runToEnd } from '../../src/catalog/snapshot-data.js';
import { decodeUnitTable, encodeUnitTable, sealUnitTable } from '../../src/store/unit-table.js';
import type { StoredUnits } from '../../src/store/stored-units.js';
import { foldName, NAME_FOLDING_VERSION } from '../../src/search/fold-name.js';
import { rigshospitalet, SMALL_REGISTER, SMALL_REGISTER_INFO } from '../fixtures/small-register.js';
import { dataAnswers, shaksOf } from './data-answers.js';

const INFO = { id: SMALL_REGISTER_INFO.snapshotId, sourceDate: SMALL_REGISTER_INFO.sourceDate };

// The small register as `SorCatalog.open` reads it back: a stored unit table.
async function storedSmallRegister(): Promise<StoredUnits> {
  const body = runToEnd(
    encodeUnitTable(SMALL_REGISTER, INFO.id, { version: NAME_FOLDING_VERSION, fold: foldName }),
  );
  return decodeUnitTable(await sealUnitTable(body!), INFO.id);
}

describe('StoredTableData (a stored unit table, units made on demand)', () => {
  it('groups positions by parent: the roots first, each group in position order', () => {
    // 0 and 3 are roots; 1 and 2 are children of 0; 4 is a child of 3.
    const parents = [-1, 0, 0, -1, 3];
    const grouped = groupByParent({ count: parents.length, parentAt: (i) => parents[i] });
    const childrenOf = (p: number) =>
      Array.from(grouped.positions.subarray(grouped.start[p + 1], grouped.start[p + 2]));
    expect(childrenOf(-1)).to.deep.equal([0, 3]);
    expect(childrenOf(0)).to.deep.equal([1, 2]);
    expect(childrenOf(3)).to.deep.equal([4]);
    expect(childrenOf(1)).to.deep.equal([]);
  });

  it('answers as the same units given as a list do, before and after its background build', async () => {
    const stored = await storedSmallRegister();
    const data = new StoredTableData(stored, INFO, stored.names);
    const listed = new ListData(SMALL_REGISTER, INFO);
    const shaks = shaksOf(SMALL_REGISTER);
    expect(dataAnswers(data, SMALL_REGISTER, shaks)).to.deep.equal(
      dataAnswers(listed, SMALL_REGISTER, shaks),
    );
    await data.searchReady;
    const fresh = await storedSmallRegister();
    const built = new StoredTableData(fresh, INFO, fresh.names);
    await built.searchReady;
    expect(dataAnswers(built, SMALL_REGISTER, shaks)).to.deep.equal(
      dataAnswers(listed, SMALL_REGISTER, shaks),
    );
  });

  it('answers a pasted code before its search index is built, and names once it is', async () => {
    const stored = await storedSmallRegister();
    const data = new StoredTableData(stored, INFO, stored.names);
    const request = { limit: 5, asOf: '2026-11-26' };
    expect(data.isSearchReady).to.equal(false);
    expect(data.searchEarly('Rigshospitalet', request).map((hit) => hit.unit.sorCode)).to.include(
      rigshospitalet.sorCode,
    );
    await data.searchReady;
    expect(data.search(rigshospitalet.sorCode, request)[0].unit.sorCode).to.equal(rigshospitalet.sorCode);
  });
});
