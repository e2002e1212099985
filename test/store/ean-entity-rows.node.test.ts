// The EAN entity rows of the unit table (src/store/ean-entity-rows.ts): each distinct value once,
// every row checked at once, each entity made only when its unit is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SorEanEntity } from '../../src/model/types.js';
import { EanEntityRowWriter, eanEntityReader, type EanEntityRows } from '../../src/store/ean-entity-rows.js';

const entity = (over: Partial<SorEanEntity> = {}): SorEanEntity => ({
  onlyInternal: false,
  nonActive: false,
  systemType: { code: '1611000045003', name: 'Lægepraksissystem' },
  systemSupplier: { code: '641000055002', name: null },
  communicationSupplier: null,
  ediAdministrator: { code: '116', name: null },
  regionCode: '1084',
  validFrom: '2020-01-01',
  changedFrom: '2021-06-01',
  validTo: null,
  ...over,
});

const fail = (message: string): never => {
  throw new Error(message);
};

function written(entities: [number, SorEanEntity][]): EanEntityRows {
  const writer = new EanEntityRowWriter();
  for (const [position, one] of entities) writer.add(position, one);
  // Through JSON, as the unit table stores them.
  return JSON.parse(JSON.stringify(writer.written)) as EanEntityRows;
}

test('round trip: every field and both indicators come back; units without an entity get null', () => {
  const a = entity();
  const b = entity({ onlyInternal: true, nonActive: true, validTo: '2024-12-31', systemType: null });
  const entityOf = eanEntityReader(
    written([
      [2, a],
      [5, b],
    ]),
    8,
    fail,
  );
  assert.deepEqual(entityOf(2), a);
  assert.deepEqual(entityOf(5), b);
  for (const none of [0, 1, 3, 4, 6, 7]) assert.equal(entityOf(none), null);
});

test('a value shared by many entities is written once', () => {
  const rows = written(Array.from({ length: 50 }, (_, i): [number, SorEanEntity] => [i, entity()]));
  assert.equal(rows.rows.length, 50);
  assert.equal(new Set(rows.values).size, rows.values.length);
  // Six distinct values: three EDI codes (one with its name), the region and two dates.
  assert.equal(rows.values.length, 6);
});

test('the EDI codes of the entities made from one reader are shared, frozen objects', () => {
  const entityOf = eanEntityReader(
    written([
      [0, entity()],
      [1, entity()],
    ]),
    2,
    fail,
  );
  const [first, second] = [entityOf(0)!, entityOf(1)!];
  assert.equal(first.systemType, second.systemType);
  assert.ok(Object.isFrozen(first.systemType));
});

test('a damaged row is refused at once, naming the row', () => {
  const good = written([[1, entity()]]);
  const damaged: [string, (rows: number[][]) => void][] = [
    ['too short', (rows) => rows[0].pop()],
    ['position past the units', (rows) => (rows[0][0] = 4)],
    ['negative position', (rows) => (rows[0][0] = -1)],
    ['flags beyond the two indicators', (rows) => (rows[0][1] = 4)],
    ['fractional flags', (rows) => (rows[0][1] = 1.5)],
    ['a value id past the values', (rows) => (rows[0][2] = 99)],
    ['a second row for the same unit', (rows) => rows.push([...rows[0]])],
  ];
  for (const [what, damage] of damaged) {
    const copy = structuredClone(good);
    damage(copy.rows);
    assert.throws(() => eanEntityReader(copy, 4, fail), /EAN entity row \d+:/, what);
  }
});
