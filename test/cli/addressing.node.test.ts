import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { importExport } from '../../src/cli/build.js';
import { readEdiCodeNames } from '../../src/cli/import/edi-code-names.js';
import {
  GENERATED_EDI_CODES,
  GENERATED_SYSTEM_TYPE,
  generatedEdi,
  generatedEdiCodeNamesCsv,
} from '../../src/cli/synthetic/ean-edi.js';
import { countAddressing } from '../../src/cli/inspect-addressing.js';
import { loadSnapshot } from '../../src/node/load-snapshot.js';
import { SorImportError } from '../../src/cli/import/errors.js';
import { cli, requireSamples, tempDir, writeGeneratedExport } from './helpers.js';

const samples = requireSamples();
let dir = '';

before(async () => {
  dir = await tempDir();
});

async function codeTable(text: string): Promise<string> {
  const file = join(dir, `codes-${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(file, text);
  return file;
}

async function refusal(text: string): Promise<string> {
  try {
    await readEdiCodeNames(await codeTable(text));
  } catch (error) {
    assert.ok(error instanceof SorImportError);
    return error.message.replace(/^.*codes-\w+\.csv/, 'codes.csv');
  }
  return 'read';
}

test('an EDI code table names codes by kind; a bad row is refused at file:line:col', async () => {
  const names = await readEdiCodeNames(
    await codeTable(
      '\uFEFFKind;Code;Name\r\nSystemType;1611000045003;"Lægesystem; praksis"\n\nEdiAdministrator;116;MedCom\n',
    ),
  );
  assert.deepEqual(names.get('systemType'), new Map([['1611000045003', 'Lægesystem; praksis']]));
  assert.deepEqual(names.get('ediAdministrator'), new Map([['116', 'MedCom']]));
  assert.equal(
    await refusal('Kind;Code\n'),
    'codes.csv:1:1: EDI code table header is "Kind;Code"; expected "Kind;Code;Name"',
  );
  assert.equal(
    await refusal('Kind;Code;Name\nSystemTyp;1;x\n'),
    'codes.csv:2:1: EDI code table: kind "SystemTyp" is not one of SystemType, SystemSupplier, CommunicationSupplier, EdiAdministrator',
  );
  assert.equal(
    await refusal('Kind;Code;Name\nSystemType;16x;x\n'),
    'codes.csv:2:12: EDI code table: code "16x" is not digits',
  );
  assert.equal(
    await refusal('Kind;Code;Name\nSystemType;16;\n'),
    'codes.csv:2:15: EDI code table: SystemType 16 has an empty name',
  );
  assert.equal(
    await refusal('Kind;Code;Name\nSystemType;16;a\nSystemType;16;b\n'),
    'codes.csv:3:12: EDI code table lists SystemType 16 twice (first on line 2)',
  );
  assert.equal(
    await refusal('Kind;Code;Name\nSystemType;16\n'),
    'codes.csv:2:1: EDI code table row has 2 fields; expected 3 separated by ";"',
  );
});

test('build --edi-code-names carries the names into the snapshot; codes it does not list stay unnamed', async () => {
  const codes = await codeTable(
    'Kind;Code;Name\nSystemType;1611000045003;Lægesystem\nSystemSupplier;641000055002;Leverandør A\n',
  );
  const out = join(dir, 'praksis');
  const built = await cli('build', join(samples, 'ONE_PRAKSIS.xml'), '--out', out, '--edi-code-names', codes);
  assert.equal(built.code, 0, built.stderr);
  const catalog = await loadSnapshot(out);
  // The practice's clinic inherits the owner's EAN (EntityInheritedIndicator true).
  const result = catalog.addressOf('8341000016002', '2010-01-26');
  assert.ok(result.ok);
  assert.equal(result.addressing.ean, '5790000141227');
  assert.equal(result.addressing.inherited, true);
  assert.equal(result.addressing.owner.sorCode, '8321000016007');
  assert.deepEqual(result.addressing.systemType, { code: '1611000045003', name: 'Lægesystem' });
  assert.deepEqual(result.addressing.systemSupplier, { code: '641000055002', name: 'Leverandør A' });
  assert.deepEqual(result.addressing.communicationSupplier, { code: '41000035001', name: null });
  assert.deepEqual(
    catalog.unitsReceivingAt('5790000141227').map((unit) => unit.sorCode),
    ['8321000016007', '8331000016009', '8341000016002'],
  );
  const broken = await cli(
    'build',
    join(samples, 'ONE_PRAKSIS.xml'),
    '--out',
    join(dir, 'x'),
    '--edi-code-names',
    await codeTable('Kind;Code;Name\nFoo;1;x\n'),
  );
  assert.notEqual(broken.code, 0);
  assert.match(broken.stderr, /codes-\w+\.csv:2:1: EDI code table: kind "Foo"/);
});

test('an EAN entity indicator that is not a boolean is refused where it stands', async () => {
  const file = join(dir, 'bad-indicator.xml');
  const xml = (await readFile(join(samples, 'ONE_APOTEK.xml'), 'utf8')).replace(
    '<NonActiveIndicator>false</NonActiveIndicator>',
    '<NonActiveIndicator>nej</NonActiveIndicator>',
  );
  await writeFile(file, xml);
  await assert.rejects(
    importExport(file),
    /bad-indicator\.xml:16:\d+: NonActiveIndicator "nej" is not a boolean/,
  );
});

test('inspect counts own, inherited and not addressable units, by region', async () => {
  const out = join(dir, 'apotek');
  assert.equal((await cli('build', join(samples, 'ONE_APOTEK.xml'), '--out', out)).code, 0);
  const inspected = await cli('inspect', out);
  assert.equal(inspected.code, 0, inspected.stderr);
  assert.match(
    inspected.stdout,
    /addressing \(MedCom, as of 2010-01-26\): own EAN 1, inherited EAN 2, not addressable 0 \(no EAN 0, inactive 0, internal only 0, no EDI data 0\)/,
  );
  assert.match(inspected.stdout, /^ {2}1084 Hovedstaden: own 1, inherited 2, not addressable 0$/m);
});

test('the generator gives realistic EAN entities: shared by departments, some inactive or internal only, varied codes', async () => {
  const file = await writeGeneratedExport(dir, { units: 3000, seed: 3 });
  const { units } = await importExport(file);
  const { all, byRegion } = countAddressing(units, '2025-03-01');
  const declaring = units.filter((unit) => unit.eanEntity !== null);
  assert.ok(all.inherited > all.own, `inherited ${all.inherited}, own ${all.own}`);
  assert.ok(all.notAddressable.inactive > 0 && all.notAddressable['internal-only'] > 0);
  assert.ok(all.notAddressable['no-ean'] > 0);
  assert.equal(all.notAddressable['no-edi-data'], 0);
  assert.ok(byRegion.size >= 5);
  const systemTypes = new Set(declaring.map((unit) => unit.eanEntity!.systemType!.code));
  assert.ok(systemTypes.size >= 3, [...systemTypes].join());
  assert.ok(declaring.some((unit) => unit.eanEntity!.validTo !== null));
  // The system type follows what receives on the EAN: a dental clinic never gets a pharmacy system.
  const systemOf = (pattern: RegExp) =>
    new Set(
      declaring.filter((unit) => pattern.test(unit.name)).map((unit) => unit.eanEntity!.systemType!.code),
    );
  assert.deepEqual(systemOf(/ Apotek$/), new Set([GENERATED_SYSTEM_TYPE.pharmacy]));
  assert.deepEqual(systemOf(/^(Tandlæge|Den kommunale tandpleje)/), new Set([GENERATED_SYSTEM_TYPE.dental]));
  assert.deepEqual(systemOf(/ Kommune$|^Plejecenter /), new Set([GENERATED_SYSTEM_TYPE.municipal]));
  assert.deepEqual(systemOf(/^Region /), new Set([GENERATED_SYSTEM_TYPE.hospital]));
  assert.deepEqual(
    new Set(declaring.filter((unit) => unit.shak !== null).map((unit) => unit.eanEntity!.systemType!.code)),
    new Set([GENERATED_SYSTEM_TYPE.hospital]),
  );
  // The same EAN always gets the same EDI data (nights keep it), from the EAN alone.
  assert.deepEqual(
    generatedEdi('5790001234566', '1084', 'hospital', '2010-01-01'),
    generatedEdi('5790001234566', '1084', 'hospital', '2010-01-01'),
  );
  // The demo's code table names every code the generator uses.
  const table = await readEdiCodeNames(await codeTable(generatedEdiCodeNamesCsv()));
  for (const unit of declaring) assert.ok(table.get('systemType')?.has(unit.eanEntity!.systemType!.code));
  assert.equal(table.get('ediAdministrator')?.size, GENERATED_EDI_CODES.EdiAdministrator.length);
});
