import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ColumnWriter, REF_NEXT, REF_NULL, REF_PARENT, readColumn } from '../../src/snapshot/columns.js';

test('a column writes first-use values, repeats and parent refs, and reads back the same values', () => {
  const parents = Int32Array.from([-1, 0, 0, 2]);
  const values = ['a', 'a', 'b', null];
  const writer = new ColumnWriter(values.length);
  values.forEach((value, i) => writer.push(value, parents[i] < 0 ? undefined : values[parents[i]]));
  const column = writer.toJSON();
  assert.deepEqual(column, { values: ['a', 'b'], refs: [REF_NEXT, REF_PARENT, REF_NEXT, REF_NULL] });
  const read = readColumn(JSON.parse(JSON.stringify(column)), 'x', parents);
  assert.deepEqual(
    Array.from(read.ids, (id) => read.values[id]),
    values,
  );
  // Each distinct value once; a parent ref and a repeat point at the same id.
  assert.deepEqual(read.values, [null, 'a', 'b']);
  assert.deepEqual(Array.from(read.ids), [1, 1, 2, 0]);
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
