import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { importExport } from '../../src/cli/import/import-export.js';
import { SyntheticRegister } from '../../src/cli/synthetic/register.js';
import { writeSorXml } from '../../src/cli/synthetic/write-xml.js';
import { tempDir } from './helpers.js';

/** A region with a hospital, a department inheriting its EAN and a section with none. */
function testExport(levels: 'xml' | 'side file'): { xml: string; levelRows: string[] } {
  const register = new SyntheticRegister(41);
  const region = register.add(null, {
    name: 'Region Test',
    ean: register.ean('1085', 'hospital'),
    postal: { street: 'Alleen', building: '15', postcode: '4180', city: 'Sorø' },
  });
  const hospital = register.add(region, {
    name: 'Testhospitalet',
    level: 'Hospital',
    ean: register.ean('1085', 'hospital'),
  });
  const department = register.add(hospital, { name: 'Medicinsk afdeling', level: 'Afdeling' });
  register.add(department, { name: 'Sengeafsnit M1', ean: null });
  let xml = '';
  const levelRows = ['SorId;OrganisationalLevelCode;OrganisationalLevelName'];
  writeSorXml(register, {
    comment: 'SYNTHETIC import-export test',
    write: (chunk) => (xml += chunk),
    onLevel:
      levels === 'side file'
        ? (code, levelCode, name) => levelRows.push(`${code};${levelCode};${name}`)
        : undefined,
  });
  return { xml, levelRows };
}

test('importExport resolves inheritance: EAN and region from the nearest own EAN, address from the owner', async () => {
  const { xml } = testExport('xml');
  const result = await importExport({ name: 'test.xml', produce: async (write) => write(xml) });
  assert.deepEqual(result.warnings, []);
  assert.equal(result.inputBytes, Buffer.byteLength(xml));
  assert.match(result.header.syntheticLabel ?? '', /SYNTHETIC/);
  const [region, hospital, department, section] = result.units;
  assert.equal(department.ean, hospital.ean);
  assert.equal(department.eanInherited, true);
  assert.equal(section.ean, null);
  assert.equal(section.eanInherited, false);
  assert.equal(department.regionCode, '1085');
  assert.equal(department.parentCode, hospital.sorCode);
  assert.deepEqual(hospital.address, region.address);
  assert.equal(hospital.level?.name, 'Hospital');
  assert.equal(section.level, null);
});

test('importExport joins levels from a side file onto an export without them', async () => {
  const { xml, levelRows } = testExport('side file');
  assert.doesNotMatch(xml, /LevelName/);
  const dir = await tempDir();
  const levelsFile = join(dir, 'id27.csv');
  await writeFile(levelsFile, `${levelRows.join('\n')}\n`);
  const { units, warnings } = await importExport(
    { name: 'test.xml', produce: async (write) => write(xml) },
    { levelsFile },
  );
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    units.map((unit) => unit.level?.name ?? null),
    [null, 'Hospital', 'Afdeling', null],
  );
});
