// The EAN entities of the unit table (src/store/ean-entity-columns.ts): marked in their units'
// flags, their values as columns with each distinct value once, every row checked at once, each
// entity made only when its unit is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SorEanEntity, SorUnit } from '../../src/model/types.js';
import { eanEntityValue } from '../../src/snapshot/ean-entities.js';
import { EAN_ENTITY_COLUMNS } from '../../src/snapshot/format.js';
import {
  HAS_EAN_ENTITY,
  eanEntityReader,
  eanEntityUnitFlags,
  type EanEntityColumn,
} from '../../src/store/ean-entity-columns.js';
import { decodeUnitTable, encodeUnitTable, sealUnitTable } from '../../src/store/unit-table.js';
import { SMALL_REGISTER } from '../fixtures/small-register.js';

const entity = (over: Partial<SorEanEntity> = {}): SorEanEntity => ({
  systemType: { code: '1611000045003', name: 'Lægepraksissystem' },
  systemSupplier: { code: '641000055002', name: null },
  communicationSupplier: null,
  ediAdministrator: { code: '116', name: null },
  onlyInternal: false,
  nonActive: false,
  regionCode: '1084',
  validFrom: '2020-01-01',
  changedFrom: '2021-06-01',
  validTo: null,
  ...over,
});

const fail = (message: string): never => {
  throw new Error(message);
};

/** Flags and columns as the unit table stores them, for units of which some carry an entity. */
function stored(units: (SorEanEntity | null)[]): { flags: Uint8Array; columns: EanEntityColumn[] } {
  const entities = units.filter((one): one is SorEanEntity => one !== null);
  const columns = EAN_ENTITY_COLUMNS.map((_, k) => {
    const values: (string | null)[] = [null];
    const ids = entities.map((one) => {
      const value = eanEntityValue(one, k);
      if (value === null) return 0;
      const at = values.indexOf(value);
      return at > 0 ? at : values.push(value) - 1;
    });
    return { ids, values };
  });
  return { flags: Uint8Array.from(units.map(eanEntityUnitFlags)), columns };
}

test('round trip: every field and both indicators come back; units without an entity get null', () => {
  const a = entity();
  const b = entity({ onlyInternal: true, nonActive: true, validTo: '2024-12-31', systemType: null });
  const units = [null, null, a, null, null, b, null, null];
  const { flags, columns } = stored(units);
  const entityOf = eanEntityReader(flags, columns, 2, fail);
  units.forEach((expected, position) => assert.deepEqual(entityOf(position), expected));
});

test('a unit declaring an entity is marked in its flags, with the indicators beside the mark', () => {
  assert.equal(eanEntityUnitFlags(null), 0);
  assert.equal(eanEntityUnitFlags(entity()), HAS_EAN_ENTITY);
  // The bits of kind and eanInherited (0–2) stay free.
  const both = eanEntityUnitFlags(entity({ onlyInternal: true, nonActive: true }));
  assert.equal(both & 7, 0);
  assert.notEqual(both, HAS_EAN_ENTITY);
});

test('in the unit table: entities shared by many units cost one byte per column each, their values once', async () => {
  const owner = SMALL_REGISTER[0];
  const units: SorUnit[] = [{ ...owner, eanEntity: entity() }];
  for (let i = 1; i < 300; i++)
    units.push({
      ...owner,
      kind: 'SI',
      name: `Klinik ${i}`,
      sorCode: `${i}100001600${i % 10}`,
      parentCode: owner.sorCode,
      ean: `579000000${String(i).padStart(4, '0')}`,
      eanInherited: false,
      eanEntity: entity({ nonActive: i % 3 === 0 }),
    });
  const steps = encodeUnitTable(units, 'snap-1');
  let step = steps.next();
  while (!step.done) step = steps.next();
  const table = await sealUnitTable(step.value!);
  assert.equal(table.eanEntities, 300);
  assert.deepEqual(
    table.eanWidths,
    EAN_ENTITY_COLUMNS.map(() => 1),
  );
  const text = new TextDecoder().decode(new Uint8Array(table.data));
  assert.equal(text.split('Lægepraksissystem').length - 1, 1, 'a shared value is written once');
  assert.deepEqual((await decodeUnitTable(table, 'snap-1')).all(), units);
});

test('the EDI codes of the entities made from one reader are shared, frozen objects', () => {
  const { flags, columns } = stored([entity(), entity()]);
  const entityOf = eanEntityReader(flags, columns, 2, fail);
  const [first, second] = [entityOf(0)!, entityOf(1)!];
  assert.equal(first.systemType, second.systemType);
  assert.ok(Object.isFrozen(first.systemType));
});

test('damaged flags or columns are refused at once, naming the unit or the row', () => {
  const good = stored([null, entity(), null, entity({ nonActive: true })]);
  const cases: [string, Uint8Array, EanEntityColumn[], number, RegExp][] = [
    ['a row too few', good.flags, good.columns, 3, /2 units declare an EAN entity, the table has 3/],
    [
      'indicators without the mark',
      Uint8Array.from([0x20, ...good.flags.slice(1)]),
      good.columns,
      2,
      /unit 0: EAN indicators without an EAN entity/,
    ],
    [
      'a value id past the values',
      good.flags,
      good.columns.map((column, k) => (k === 5 ? { ...column, ids: [1, 99] } : column)),
      2,
      /EAN entity row 1: validFrom 99 of 1/,
    ],
    ['a column missing', good.flags, good.columns.slice(1), 2, /7 EAN entity columns/],
  ];
  for (const [what, flags, columns, rows, message] of cases)
    assert.throws(() => eanEntityReader(flags, columns, rows, fail), message, what);
});
