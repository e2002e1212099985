import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SorUnit } from '../../src/model/types.js';
import { importExport } from '../../src/cli/build.js';
import { readManifest, readSnapshotUnits } from '../../src/cli/snapshot-dir.js';
import { canonicalOrder } from '../../src/snapshot/units.js';
import { cli, requireSamples, tempDir } from './helpers.js';

const samples = requireSamples();

async function buildSample(file: string): Promise<{ units: Map<string, SorUnit>; stderr: string }> {
  const out = join(await tempDir(), 'snapshot');
  const result = await cli('build', join(samples, file), '--out', out);
  assert.equal(result.code, 0, result.stderr);
  const { dir, manifest } = await readManifest(out);
  assert.equal(manifest.sourceDate, '2010-01-26');
  assert.equal(manifest.exportCreatedAt, '2010-01-26T00:00:00+01:00');
  assert.equal(manifest.synthetic, null);
  const units = await readSnapshotUnits(dir, manifest);
  assert.equal(manifest.unitCount, units.length);
  // What the snapshot gives back is exactly what the import resolved.
  const imported = await importExport(join(samples, file));
  assert.deepEqual(units, canonicalOrder(imported.units));
  return { units: new Map(units.map((unit) => [unit.sorCode, unit])), stderr: result.stderr };
}

const base: Omit<SorUnit, 'sorCode' | 'kind' | 'name' | 'parentCode'> = {
  typeCode: null,
  level: null,
  shak: null,
  ean: null,
  eanInherited: false,
  eanEntity: null,
  providerNumber: null,
  pharmacyNumber: null,
  regionCode: null,
  address: null,
  phone: null,
  email: null,
  web: null,
  specialties: [],
  validFrom: null,
  changedFrom: null,
  validTo: null,
  replaces: [],
  replacedBy: [],
};

test('ONE_SYGEHUS.xml: hierarchy, SHAK prefixes, inherited address and virtual address, specialty', async () => {
  const { units, stderr } = await buildSample('ONE_SYGEHUS.xml');
  assert.equal(units.size, 4);
  const roskilde = { street: 'Hestetorvet 8', postcode: '4000', city: 'Roskilde' };
  const virtual = { phone: '46361266', email: 'J.Thulesen@dadlnet.dk', web: 'www.roskildeojenklinik.dk' };
  assert.deepEqual(units.get('347801000016001'), {
    ...base,
    ...virtual,
    sorCode: '347801000016001',
    kind: 'IE',
    name: 'Roskilde Øjenklinik',
    parentCode: null,
    typeCode: '550891000005100',
    address: roskilde,
    validFrom: '2009-10-08',
    changedFrom: '2009-10-08',
  });
  // No own address or virtual address: both come from the owner. EntityInheritedIndicator false: no EAN.
  assert.deepEqual(units.get('347811000016004'), {
    ...base,
    ...virtual,
    sorCode: '347811000016004',
    kind: 'SI',
    name: 'Roskilde Øjenklinik',
    parentCode: '347801000016001',
    typeCode: '22232009',
    shak: '2529',
    address: roskilde,
    validFrom: '2009-10-08',
    changedFrom: '2009-10-08',
  });
  assert.deepEqual(units.get('347821000016008'), {
    ...base,
    ...virtual,
    sorCode: '347821000016008',
    kind: 'OE',
    name: 'Roskilde Øjenklinik, afdeling',
    parentCode: '347811000016004',
    typeCode: '550811000005108',
    shak: '252901',
    address: roskilde,
    validFrom: '2009-10-07',
    changedFrom: '2009-10-07',
  });
  assert.deepEqual(units.get('347831000016005'), {
    ...base,
    ...virtual,
    sorCode: '347831000016005',
    kind: 'OE',
    name: 'Roskilde Øjenklinik, beh. afsnit',
    parentCode: '347821000016008',
    typeCode: '550851000005109',
    shak: '2529010',
    address: roskilde,
    specialties: ['394594003'],
    validFrom: '2009-10-08',
    changedFrom: '2009-10-08',
  });
  // Every real code carries a valid Verhoeff check digit: no warning about it.
  assert.doesNotMatch(stderr, /check digit/);
});

test('ONE_APOTEK.xml: EAN and region inherited from the owner, apoteksnummer', async () => {
  const { units } = await buildSample('ONE_APOTEK.xml');
  assert.equal(units.size, 3);
  const common = {
    ...base,
    ean: '5790000173624',
    regionCode: '1084',
    address: { street: 'Bymidten 13', postcode: '3500', city: 'Værløse' },
    phone: '42482209',
    validFrom: '1995-02-20',
    changedFrom: '1995-02-20',
    name: 'Værløse Apotek',
  };
  assert.deepEqual(units.get('306011000016003'), {
    ...common,
    sorCode: '306011000016003',
    kind: 'IE',
    parentCode: null,
    typeCode: '550891000005100',
    // The owner declares the EAN entity (lines 13–27 of the export), field by field; no code
    // table was given, so every EDI code comes without a name.
    eanEntity: {
      systemType: { code: '221000045007', name: null },
      systemSupplier: { code: '1001000055001', name: null },
      communicationSupplier: { code: '41000035001', name: null },
      ediAdministrator: { code: '106', name: null },
      onlyInternal: false,
      nonActive: false,
      regionCode: '1084',
      validFrom: '1995-02-20',
      changedFrom: '1995-02-20',
      validTo: null,
    },
  });
  assert.deepEqual(units.get('306021000016007'), {
    ...common,
    sorCode: '306021000016007',
    kind: 'SI',
    parentCode: '306011000016003',
    typeCode: '264372000',
    eanInherited: true,
  });
  assert.deepEqual(units.get('306031000016009'), {
    ...common,
    sorCode: '306031000016009',
    kind: 'OE',
    parentCode: '306021000016007',
    pharmacyNumber: '362,1',
    eanInherited: true,
  });
});

test('ONE_PRAKSIS.xml: ydernummer, entity-escaped name, inherited EAN, GP specialty', async () => {
  const { units } = await buildSample('ONE_PRAKSIS.xml');
  assert.equal(units.size, 3);
  const common = {
    ...base,
    ean: '5790000141227',
    regionCode: '1084',
    address: { street: 'Vesterbrogade 21', postcode: '3250', city: 'Gilleleje' },
    phone: '48300204',
    validFrom: '1999-03-25',
    changedFrom: '1999-03-25',
  };
  assert.deepEqual(units.get('8321000016007'), {
    ...common,
    sorCode: '8321000016007',
    kind: 'IE',
    name: 'Michael Filtenborg',
    parentCode: null,
    typeCode: '550891000005100',
    eanEntity: {
      systemType: { code: '1611000045003', name: null },
      systemSupplier: { code: '641000055002', name: null },
      communicationSupplier: { code: '41000035001', name: null },
      ediAdministrator: { code: '116', name: null },
      onlyInternal: false,
      nonActive: false,
      regionCode: '1084',
      validFrom: '1999-03-25',
      changedFrom: '1999-03-25',
      validTo: null,
    },
  });
  assert.deepEqual(units.get('8331000016009'), {
    ...common,
    sorCode: '8331000016009',
    kind: 'SI',
    name: 'Michael Filtenborg & co',
    parentCode: '8321000016007',
    typeCode: '394761003',
    eanInherited: true,
  });
  assert.deepEqual(units.get('8341000016002'), {
    ...common,
    sorCode: '8341000016002',
    kind: 'OE',
    name: 'Michael Filtenborg',
    parentCode: '8331000016009',
    providerNumber: '019062',
    specialties: ['408443003'],
    eanInherited: true,
  });
});

test('sor-snapshot build --strict passes on every sample export, with no warning', async () => {
  const exports = (await readdir(samples)).filter((name) => name.endsWith('.xml')).sort();
  assert.deepEqual(exports, ['ONE_APOTEK.xml', 'ONE_PRAKSIS.xml', 'ONE_SYGEHUS.xml']);
  for (const name of exports) {
    const out = join(await tempDir(), 'snapshot');
    const result = await cli('build', join(samples, name), '--out', out, '--strict');
    assert.equal(result.code, 0, `${name}: ${result.stderr}`);
    assert.match(result.stdout, /^ {2}0 warning\(s\)$/m, name);
  }
});
