// The unit table (src/store/unit-table.ts): the stored, decoded form of a snapshot that a cold
// start reads instead of the files. It must give back exactly the units it was made from, and
// refuse (so the store reads the files) anything that is not a whole, intact table.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SorUnit } from '../../src/model/types.js';
import { importExport } from '../../src/cli/build.js';
import {
  decodeUnitTable,
  encodeUnitTable,
  sealUnitTable,
  UnitTableError,
  type UnitTable,
} from '../../src/store/unit-table.js';
import { decodeFull, encodeFull } from '../../src/snapshot/codec.js';
import { FIXTURES_DIR } from '../cli/helpers.js';
import { SMALL_REGISTER } from '../fixtures/small-register.js';

function encoded(units: readonly SorUnit[], id = 'snap-1'): Omit<UnitTable, 'sha256'> | null {
  const steps = encodeUnitTable(units, id);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

async function tableOf(units: readonly SorUnit[], id = 'snap-1'): Promise<UnitTable> {
  const body = encoded(units, id);
  assert.ok(body, 'the units can be laid out as a table');
  return sealUnitTable(body);
}

async function rejection(table: UnitTable, id = 'snap-1'): Promise<string> {
  const error = await decodeUnitTable(table, id).then(
    () => assert.fail('the table was accepted'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof UnitTableError, `a UnitTableError, got ${String(error)}`);
  return error.message;
}

test('gives back exactly the units it was made from, with their names as a table', async () => {
  for (const units of [SMALL_REGISTER, (await importExport(join(FIXTURES_DIR, 'features.xml'))).units]) {
    const stored = await decodeUnitTable(await tableOf(units), 'snap-1');
    // Made one by one on demand, or all at once: the same units either way.
    const one = stored.unitAt(units.length - 1);
    assert.equal(stored.count, units.length);
    assert.deepEqual(one, units.at(-1));
    assert.equal(stored.codeAt(3), units[3].sorCode);
    const back = stored.all();
    assert.deepEqual(back, units);
    assert.equal(back.at(-1), one, 'a unit is made once');
    const names = stored.names;
    assert.equal(names.nameIds.length, units.length);
    assert.equal(new Set(names.names).size, names.names.length, 'distinct names');
    units.forEach((unit, i) => assert.equal(names.names[names.nameIds[i]], unit.name));
  }
});

test('makes its units in the same field order as decoding the payload does (one shape for the catalog)', async () => {
  const decoded = decodeFull(JSON.parse(JSON.stringify(encodeFull(SMALL_REGISTER, '2024-05-01'))));
  const fromTable = (await decodeUnitTable(await tableOf(decoded), 'snap-1')).all();
  const order = (unit: object) => [Object.keys(unit), Object.keys((unit as SorUnit).address ?? {})].join('|');
  for (const field of ['eanEntity', 'address', 'level'] as const)
    assert.ok(
      decoded.some((unit) => unit[field] !== null),
      `a unit with ${field}`,
    );
  decoded.forEach((unit, i) => assert.equal(order(fromTable[i]), order(unit), unit.sorCode));
});

test('keeps each name folded as the search folds it, when asked to', async () => {
  // Keys of their own for names with an "a", else keys equal to the words (kept once), and an
  // empty fold for the empty name.
  const fold = (name: string) => {
    const words = name === '' ? '' : ` ${name.toLowerCase()}`;
    return { words, keys: name.includes('a') ? ' k' : words };
  };
  const units = [...SMALL_REGISTER, { ...SMALL_REGISTER.at(-1)!, sorCode: '999999991000016003', name: '' }];
  const steps = encodeUnitTable(units, 'snap-1', { version: 7, fold });
  let step = steps.next();
  while (!step.done) step = steps.next();
  const { names } = await decodeUnitTable(await sealUnitTable(step.value!), 'snap-1');
  assert.equal(names.folded?.version, 7);
  assert.ok(names.names.some((name) => !name.includes('a')) && names.names.includes(''));
  names.names.forEach((name, k) => {
    assert.deepEqual({ words: names.folded!.words[k], keys: names.folded!.keys[k] }, fold(name));
  });
  assert.equal((await decodeUnitTable(await tableOf(SMALL_REGISTER), 'snap-1')).names.folded, undefined);
});

test('keeps empty strings apart from null, and an empty list', async () => {
  const [owner] = SMALL_REGISTER;
  const odd: SorUnit = {
    ...owner,
    name: '',
    email: '',
    address: { street: '', postcode: '', city: 'Ærø' },
    specialties: [],
    replaces: [],
  };
  assert.deepEqual((await decodeUnitTable(await tableOf([odd]), 'snap-1')).all(), [odd]);
  assert.deepEqual((await decodeUnitTable(await tableOf([]), 'snap-1')).all(), []);
});

// Bytes before the text: parent and code key (4 + 4), each column's width, the flags (1), and
// each EAN entity column's width per entity.
const sum = (widths: readonly number[]) => widths.reduce((total, width) => total + width, 0);
const numbersLength = (table: Omit<UnitTable, 'sha256'>) =>
  table.count * (8 + sum(table.widths) + 1) + table.eanEntities * sum(table.eanWidths);

test('sizes each column by its distinct values, and keeps regular SOR codes as numbers', async () => {
  const table = await tableOf(SMALL_REGISTER);
  assert.ok(
    table.widths.every((width) => width === 1),
    'under 255 distinct values: 1 byte',
  );
  const text = new TextDecoder().decode(new Uint8Array(table.data, numbersLength(table)));
  assert.equal(text.split('\u0001')[0], '', 'no code kept as text');
  assert.ok(text.includes('\u0000Rigshospitalet'));

  // 300 distinct names take 2 bytes; an irregular code is kept as text and given back.
  const [owner] = SMALL_REGISTER;
  const many: SorUnit[] = [{ ...owner, sorCode: '0123' }];
  for (let i = 1; i < 300; i++)
    many.push({
      ...owner,
      kind: 'SI',
      name: `Klinik ${i}`,
      sorCode: `${i}100001600${i % 10}`,
      parentCode: '0123',
    });
  const wide = await tableOf(many);
  assert.equal(wide.widths[0], 2);
  assert.deepEqual((await decodeUnitTable(wide, 'snap-1')).all(), many);
});

test('lays out nothing it could not give back: separators in a value, a repeated code, a missing parent', () => {
  const [owner, institution] = SMALL_REGISTER;
  assert.equal(encoded([{ ...owner, name: 'a\u0000b' }]), null);
  assert.equal(encoded([owner, owner]), null);
  assert.equal(encoded([institution]), null);
});

test('refuses a damaged table, naming the snapshot and what is wrong', async () => {
  const table = await tableOf(SMALL_REGISTER);
  const flipped = table.data.slice(0);
  // The last unit's eanInherited flag: still a valid table, only the hash tells.
  new Uint8Array(flipped)[numbersLength(table) - 1] ^= 0x04;
  assert.match(await rejection({ ...table, data: flipped }), /snapshot snap-1: SHA-256 mismatch/);
  const renamed = table.data.slice(0);
  const bytes = new Uint8Array(renamed);
  // Rigshospitalat: the text still decodes, only the hash tells.
  bytes[Buffer.from(bytes).indexOf('Rigshospitalet') + 12] = 'a'.charCodeAt(0);
  assert.match(await rejection({ ...table, data: renamed }), /SHA-256 mismatch/);
  assert.match(await rejection({ ...table, data: table.data.slice(0, 100) }), /100 bytes for 58 units/);
  assert.match(await rejection(table, 'snap-2'), /snapshot snap-2: holds snapshot snap-1/);
  // A table of an earlier layout (6: search keys kept even where they equal the words) is not
  // used: the files are read instead.
  assert.match(await rejection({ ...table, layout: 6 as 7 }), /layout 6, expected 7/);
  assert.match(await rejection({ ...table, eanWidths: [1] }), /fields of the wrong type/);
});

test('refuses a name, parent or code key out of range even under a matching hash', async () => {
  const body = encoded(SMALL_REGISTER)!;
  // Unit 0's name points past the distinct names: only a broken writer does this. (Every column
  // is 1 byte wide here, so the name column is the first after parents and code keys.)
  assert.ok([...body.widths, ...body.eanWidths].every((width) => width === 1));
  new Uint8Array(body.data, SMALL_REGISTER.length * 8, SMALL_REGISTER.length)[0] = 200;
  assert.match(await rejection(await sealUnitTable(body)), /unit 0: name 200 of 53/);
  const parented = encoded(SMALL_REGISTER)!;
  new Int32Array(parented.data, 0, SMALL_REGISTER.length)[5] = 9999;
  assert.match(await rejection(await sealUnitTable(parented)), /unit 5: parent 9999 of 58/);
  // A flag bit no layout-6 writer sets.
  const flagged = encoded(SMALL_REGISTER)!;
  new Uint8Array(flagged.data)[numbersLength(flagged) - 1] |= 0x40;
  assert.match(await rejection(await sealUnitTable(flagged)), /unit 57: flags \d+/);
  // A code key beyond any SOR code.
  const keyed = encoded(SMALL_REGISTER)!;
  new Int32Array(keyed.data, SMALL_REGISTER.length * 4, SMALL_REGISTER.length)[3] = 2_000_000_000;
  assert.match(await rejection(await sealUnitTable(keyed)), /unit 3: code key 2000000000/);
});

test('knows whether any unit has an ID27 level without making a unit', async () => {
  const levelless = SMALL_REGISTER.map((unit) => ({ ...unit, level: null }));
  const without = await decodeUnitTable(await tableOf(levelless), 'snap-1');
  const withLevels = await decodeUnitTable(await tableOf(SMALL_REGISTER), 'snap-1');
  // Asked before any unit is made: the answer comes from the level column's distinct values.
  assert.equal(without.hasLevels(), false);
  assert.equal(withLevels.hasLevels(), true);
  // One level in the whole register is enough.
  const one = levelless.map((unit, i) => (i === levelless.length - 1 ? SMALL_REGISTER[i] : unit));
  assert.ok(one.at(-1)!.level, "the fixture's last unit has a level");
  assert.equal((await decodeUnitTable(await tableOf(one), 'snap-1')).hasLevels(), true);
});
