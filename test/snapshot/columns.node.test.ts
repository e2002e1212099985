import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ColumnWriter,
  REF_NEXT,
  REF_NULL,
  REF_PARENT,
  packRefs,
  readColumn,
  unpackRefs,
} from '../../src/snapshot/columns.js';

test('a column writes first-use values, repeats and parent refs, and reads back the same values', () => {
  const parents = Int32Array.from([-1, 0, 0, 2]);
  const values = ['a', 'a', 'b', null];
  const writer = new ColumnWriter(values.length);
  values.forEach((value, i) => writer.push(value, parents[i] < 0 ? undefined : values[parents[i]]));
  const column = writer.toJSON();
  assert.deepEqual(column.values, ['a', 'b']);
  assert.deepEqual(Array.from(unpackRefs(column.refs, 'x', 4)), [REF_NEXT, REF_PARENT, REF_NEXT, REF_NULL]);
  const fromParent = new Uint8Array(values.length);
  assert.deepEqual(readColumn(JSON.parse(JSON.stringify(column)), 'x', parents, { fromParent }), values);
  assert.deepEqual(Array.from(fromParent), [0, 1, 0, 0], 'the parent ref is marked');
});

test('reading refuses refs that point nowhere, naming the column and index', () => {
  const parents = Int32Array.from([-1, 0]);
  assert.throws(
    () => readColumn({ values: ['a'], refs: [1, 2] }, 'city', parents),
    /column "city" at unit index 0: an owner has no parent/,
  );
  assert.throws(
    () => readColumn({ values: ['a'], refs: [2, 4] }, 'city', parents),
    /column "city" at unit index 1: ref 4 points at a value not yet used/,
  );
  assert.throws(
    () => readColumn({ values: ['a', 'b'], refs: [2, 3] }, 'city', parents),
    /column "city": 1 values are never used/,
  );
  assert.throws(
    () => readColumn({ values: ['a'], refs: [2] }, 'city', parents),
    /field "columns.city.refs" has 1 entries for 2 units/,
  );
});

test('packed refs: one width per column, as many base-57 digits as the largest ref needs, read back exactly', () => {
  for (const refs of [[], [0, 1, 2, 56], [0, 57, 3, 3248, 3249], [601_000_000, 0]]) {
    const packed = packRefs(refs);
    const width = refs.length === 0 ? 0 : packed.length / refs.length;
    assert.ok(Number.isInteger(width) && width <= 5, `${packed.length} characters for ${refs.length} refs`);
    assert.ok(/^[#-[]*$/.test(packed), 'only the 57 digits, none that JSON escapes');
    assert.deepEqual(Array.from(unpackRefs(packed, 'x', refs.length)), refs);
  }
  assert.equal(packRefs([0, 1, 56]).length, 3, 'one digit each below 57');
  assert.equal(packRefs([0, 57]).length, 4, 'two digits each from 57');
  // Format 1 payloads carry the refs as an array: still read.
  assert.deepEqual(Array.from(unpackRefs([2, 0, 3], 'x', 3)), [2, 0, 3]);
  assert.throws(
    () => unpackRefs('##', 'columns.city.refs', 3),
    /"columns.city.refs" has 2 characters for 3 units/,
  );
});

test('a format 1 ref beyond 32 bits is refused, not wrapped into a valid one', () => {
  assert.throws(
    () => readColumn({ values: ['a'], refs: [2, 2 ** 32 + 3] }, 'city', Int32Array.from([-1, -1])),
    /column "city" at unit index 1: ref 4294967299 points at a value not yet used/,
  );
});
