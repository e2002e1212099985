// The EAN entity rows of the unit table (src/store/ean-entity-rows.ts): each distinct value once,
// every row checked at once, each entity made only when its unit is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SorEanEntity } from '../../src/model/types.js';
import { EAN_ENTITY_ROW, EanEntityRowWriter, eanEntityReader } from '../../src/store/ean-entity-rows.js';

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

function written(entities: [number, SorEanEntity][]): { values: string[]; rows: Int32Array } {
  const writer = new EanEntityRowWriter();
  for (const [position, one] of entities) writer.add(position, one);
  assert.equal(writer.count, entities.length);
  // As the unit table stores them: the values through JSON, the rows as 32-bit integers.
  return {
    values: JSON.parse(JSON.stringify(writer.values)) as string[],
    rows: Int32Array.from(writer.rows),
  };
}

test('round trip: every field and both indicators come back; units without an entity get null', () => {
  const a = entity();
  const b = entity({ onlyInternal: true, nonActive: true, validTo: '2024-12-31', systemType: null });
  const { values, rows } = written([
    [2, a],
    [5, b],
  ]);
  const entityOf = eanEntityReader(values, rows, 8, fail);
  assert.deepEqual(entityOf(2), a);
  assert.deepEqual(entityOf(5), b);
  for (const none of [0, 1, 3, 4, 6, 7]) assert.equal(entityOf(none), null);
});

test('a value shared by many entities is written once', () => {
  const { values, rows } = written(
    Array.from({ length: 50 }, (_, i): [number, SorEanEntity] => [i, entity()]),
  );
  assert.equal(rows.length, 50 * EAN_ENTITY_ROW);
  // Six distinct values: three EDI codes (one with its name), the region and two dates.
  assert.equal(values.length, 6);
});

test('the EDI codes of the entities made from one reader are shared, frozen objects', () => {
  const { values, rows } = written([
    [0, entity()],
    [1, entity()],
  ]);
  const entityOf = eanEntityReader(values, rows, 2, fail);
  const [first, second] = [entityOf(0)!, entityOf(1)!];
  assert.equal(first.systemType, second.systemType);
  assert.ok(Object.isFrozen(first.systemType));
});

test('a damaged row is refused at once, naming the row', () => {
  const good = written([[1, entity()]]);
  const damaged: [string, (rows: number[]) => number[]][] = [
    ['a row cut short', (rows) => rows.slice(0, -1)],
    ['position past the units', (rows) => [4, ...rows.slice(1)]],
    ['negative position', (rows) => [-1, ...rows.slice(1)]],
    ['flags beyond the two indicators', (rows) => [rows[0], 4, ...rows.slice(2)]],
    ['a value id past the values', (rows) => [rows[0], rows[1], 99, ...rows.slice(3)]],
    ['a second row for the same unit', (rows) => [...rows, ...rows]],
  ];
  for (const [what, damage] of damaged) {
    const rows = Int32Array.from(damage(Array.from(good.rows)));
    assert.throws(() => eanEntityReader(good.values, rows, 4, fail), /EAN entity row/, what);
  }
});
