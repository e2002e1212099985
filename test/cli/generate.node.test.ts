import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateSorXml } from '../../src/cli/synthetic/generate.js';
import { MUNICIPALITIES } from '../../src/cli/synthetic/seed-data/places.js';
import { buildSnapshot, importExport } from '../../src/cli/build.js';
import { SorImportError } from '../../src/cli/import/errors.js';
import { SOR_XML_NAMESPACE } from '../../src/cli/import/sor-xml.js';
import { checkSorCode, eanCheckDigitMatches, sorCheckDigitMatches } from '../../src/model/codes.js';
import { ID27_LEVEL_NAMES } from '../../src/model/id27.js';
import { tempDir } from './helpers.js';
import { writeFile } from 'node:fs/promises';

async function generate(options: {
  units: number;
  seed: number;
  night?: number;
  levelsFile?: string;
}): Promise<string> {
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
    /<!-- SYNTHETIC SOR export made by sor-snapshot generate \(units 3000, seed 11, night 0, generator 4\)/,
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

test('a build fed by the generator directly gives the same files as a build of the XML on disk', async () => {
  // The demo data is built this way (no XML file); the CLI reads a file. Same bytes either way,
  // delta included.
  const dir = await tempDir();
  const now = new Date('2025-03-02T03:00:00Z');
  const fromFile = async (night: number, out: string, previous?: string) => {
    const file = join(dir, `night-${night}.xml`);
    await writeFile(file, await generate({ units: 3000, seed: 7, night }));
    return buildSnapshot({ input: file, out, previous, now });
  };
  const fed = (night: number, out: string, previous?: string) =>
    buildSnapshot({
      input: {
        name: `generated night ${night}`,
        produce: (write) => generateSorXml({ units: 3000, seed: 7, night, write }),
      },
      out,
      previous,
      now,
    });
  const a0 = await fromFile(0, join(dir, 'file-0'));
  const a1 = await fromFile(1, join(dir, 'file-1'), join(dir, 'file-0'));
  const b0 = await fed(0, join(dir, 'fed-0'));
  const b1 = await fed(1, join(dir, 'fed-1'), join(dir, 'fed-0'));
  assert.deepEqual(b0.manifest, a0.manifest);
  assert.deepEqual(b1.manifest, a1.manifest);
  assert.ok(b1.delta && b1.delta.upserts > 0, 'night 1 has a delta');
  for (const [a, b] of [
    ['file-0', 'fed-0'],
    ['file-1', 'fed-1'],
  ]) {
    const names = await readdir(join(dir, a));
    assert.deepEqual(await readdir(join(dir, b)), names);
    for (const name of names)
      assert.ok((await readFile(join(dir, a, name))).equals(await readFile(join(dir, b, name))), name);
  }
});

test('malformed XML from a producer names the producer, line and column, and leaves --out alone', async () => {
  const dir = await tempDir();
  const out = join(dir, 'snapshot');
  await assert.rejects(
    buildSnapshot({
      input: {
        name: 'generated export',
        produce: async (write) => {
          write(`<SorTree xmlns="${SOR_XML_NAMESPACE}">\n`);
          write('  <SnapshotDate>2025-03-01</Snapshot>\n');
        },
      },
      out,
    }),
    (error: unknown) =>
      error instanceof SorImportError && /^generated export:2:\d+: malformed XML: /.test(error.message),
  );
  assert.deepEqual(await readdir(dir), []);
});
