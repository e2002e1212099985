import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateSorXml } from '../../src/cli/generate.js';
import { MUNICIPALITIES } from '../../src/cli/generate-data.js';
import { importExport } from '../../src/cli/build.js';
import { checkSorCode, eanCheckDigitMatches, sorCheckDigitMatches } from '../../src/model/codes.js';
import { ID27_LEVEL_NAMES } from '../../src/model/id27.js';
import { tempDir } from './helpers.js';
import { writeFile } from 'node:fs/promises';

async function generate(options: { units: number; seed: number; levelsFile?: string }): Promise<string> {
  let xml = '';
  await generateSorXml({ ...options, write: (chunk) => (xml += chunk) });
  return xml;
}

test('the generator is deterministic per seed and labels its output synthetic', async () => {
  const a = await generate({ units: 3000, seed: 11 });
  assert.equal(a, await generate({ units: 3000, seed: 11 }));
  assert.notEqual(a, await generate({ units: 3000, seed: 12 }));
  assert.match(
    a.slice(0, 300),
    /<!-- SYNTHETIC SOR export made by sor-snapshot generate \(units 3000, seed 11, night 0\)/,
  );
});

test('generated export: real structure, exact count, valid codes, all levels, all municipalities', async () => {
  const dir = await tempDir();
  const file = join(dir, 'export.xml');
  const levels = join(dir, 'levels.csv');
  await writeFile(file, await generate({ units: 3000, seed: 5, levelsFile: levels }));
  assert.doesNotMatch(await readFile(file, 'utf8'), /OrganisationalLevelName/);
  const { units, warnings, header } = await importExport(file, { levelsFile: levels });
  assert.equal(units.length, 3000);
  assert.deepEqual(warnings, []);
  assert.match(header.syntheticLabel ?? '', /SYNTHETIC/);
  for (const unit of units) {
    assert.ok(checkSorCode(unit.sorCode).valid && sorCheckDigitMatches(unit.sorCode), unit.sorCode);
    if (unit.ean) assert.ok(eanCheckDigitMatches(unit.ean), unit.ean);
  }
  const levelNames = new Set(units.map((unit) => unit.level?.name));
  for (const name of ID27_LEVEL_NAMES) assert.ok(levelNames.has(name), `level ${name} in use`);
  assert.ok(
    units.some((unit) => unit.kind === 'OE' && unit.level === null),
    'some units without a level',
  );
  const owners = new Set(units.filter((unit) => unit.kind === 'IE').map((unit) => unit.name));
  for (const [name] of MUNICIPALITIES) assert.ok(owners.has(`${name} Kommune`), `${name} Kommune`);
  const byCode = new Map(units.map((unit) => [unit.sorCode, unit]));
  const auh = units.find((unit) => unit.name === 'Aarhus Universitetshospital');
  const cardiology = units.filter((unit) => unit.name === 'Kardiologisk afdeling');
  assert.ok(
    cardiology.some((unit) => {
      for (let at = byCode.get(unit.parentCode ?? ''); at; at = byCode.get(at.parentCode ?? ''))
        if (at === auh) return true;
      return false;
    }),
    'Kardiologisk afdeling under Aarhus Universitetshospital',
  );
  // SHAK codes are prefix-consistent down the tree.
  for (const unit of units) {
    const parent = byCode.get(unit.parentCode ?? '');
    if (unit.shak && unit.shak.length > 4 && parent?.shak)
      assert.ok(unit.shak.startsWith(parent.shak.slice(0, 4)), unit.shak);
  }
  const retired = units.filter((unit) => unit.replacedBy.length > 0);
  assert.ok(retired.length > 0 && retired.every((unit) => unit.validTo !== null));
  assert.ok(units.some((unit) => unit.eanInherited) && units.some((unit) => unit.providerNumber));
  assert.ok(units.some((unit) => unit.pharmacyNumber?.endsWith(',1')));
});
