import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { importExport } from '../../src/cli/build.js';
import { FIXTURES_DIR } from './helpers.js';

const features = join(FIXTURES_DIR, 'features.xml');

test('any namespace prefix, BOM, CDATA, entities, ID27 elements, visiting address over postal', async () => {
  const { units, warnings, header } = await importExport(features);
  assert.equal(header.snapshotDate, '2024-05-01');
  const byCode = new Map(units.map((unit) => [unit.sorCode, unit]));
  const department = byCode.get('1031000016001');
  assert.equal(department?.name, 'Kardiologisk afd. & amb.');
  assert.deepEqual(department?.level, { code: 'id27-5', name: 'Afdeling' });
  assert.deepEqual(department?.address, { street: 'Tagensvej 20', postcode: '2200', city: 'København N' });
  assert.equal(department?.email, 'hjerte@example.dk');
  assert.equal(department?.phone, '35450001');
  const ward = byCode.get('1041000016008');
  assert.equal(ward?.name, 'Sengeafs. 2143 – hjertesvigt');
  // A child without a visiting address gets its own postal: here the postal inherited from above.
  assert.deepEqual(ward?.address, { street: 'Blegdamsvej 9', postcode: '2100', city: 'København Ø' });
  // The level name is kept as the source gave it, and counted.
  assert.deepEqual(ward?.level, { code: 'x', name: 'Sektion' });
  assert.deepEqual(byCode.get('1051000016006')?.replacedBy, ['1041000016008']);
  assert.deepEqual(warnings.map((warning) => `${warning.rule} ${warning.sorCode}`).sort(), [
    'empty name 1051000016006',
    'unknown ID27 level name 1041000016008',
  ]);
});

test('the ID27 side file wins over the XML and joins levels onto any unit', async () => {
  const { units, warnings } = await importExport(features, { levelsFile: join(FIXTURES_DIR, 'levels.csv') });
  const byCode = new Map(units.map((unit) => [unit.sorCode, unit]));
  assert.deepEqual(byCode.get('1041000016008')?.level, { code: 'id27-6', name: 'Afsnit' });
  assert.deepEqual(byCode.get('1021000016003')?.level, { code: 'id27-1', name: 'Hospital' });
  assert.deepEqual(byCode.get('1031000016001')?.level, { code: 'id27-5', name: 'Afdeling' });
  assert.deepEqual(
    warnings.map((warning) => warning.rule),
    ['empty name'],
  );
});
