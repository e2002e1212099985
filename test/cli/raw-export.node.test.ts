import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NONE, NO_SUCCESSORS, emptyUnit, makeInterner, ownCopy } from '../../src/cli/import/raw-export.js';

test('emptyUnit: nothing read yet, the shared empty lists, where it opened', () => {
  const position = { file: 'x.xml', line: 3, column: 2 };
  const unit = emptyUnit('OE', '123', 2, position);
  assert.equal(unit.kind, 'OE');
  assert.equal(unit.parentCode, '123');
  assert.equal(unit.depth, 2);
  assert.equal(unit.position, position);
  assert.equal(unit.sorCode, null);
  assert.equal(unit.codePosition, null);
  assert.equal(unit.specialties, NONE);
  assert.equal(unit.replaces, NONE);
  assert.equal(unit.replacedBy, NO_SUCCESSORS);
  assert.equal(emptyUnit('IE', null, 0, position).specialties, unit.specialties, 'one shared list');
});

test('the shared empty lists are frozen: a stray push fails instead of touching every unit', () => {
  assert.throws(() => NONE.push('x'), TypeError);
  assert.throws(
    () => NO_SUCCESSORS.push({ code: 'x', position: { file: '', line: 0, column: 0 } }),
    TypeError,
  );
});

test('ownCopy keeps the value', () => {
  const chunk = `${'x'.repeat(1000)}Region Hovedstaden${'y'.repeat(1000)}`;
  const value = chunk.slice(1000, 1018);
  assert.equal(ownCopy(value), 'Region Hovedstaden');
  assert.equal(ownCopy('short'), 'short');
  assert.equal(ownCopy(''), '');
});

test('an interner keeps every value as it is, short or long', () => {
  const intern = makeInterner();
  const long = `${'x'.repeat(1000)}Sengeafsnit, medicinsk${'y'.repeat(1000)}`.slice(1000, 1022);
  for (const value of ['2019-01-01', long, long, '', '2019-01-01']) assert.equal(intern(value), value);
});
