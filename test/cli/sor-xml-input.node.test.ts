import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { importExport } from '../../src/cli/build.js';
import { SorImportError } from '../../src/cli/import/errors.js';
import { MAX_ELEMENT_DEPTH } from '../../src/cli/import/sor-xml.js';
import { makeSorCode } from '../../src/model/codes.js';
import { tempDir } from './helpers.js';

const OWNER = makeSorCode(101);
const HOSPITAL = makeSorCode(102);
const WARD = makeSorCode(103);

interface ExportParts {
  namespace?: string;
  declaration?: string;
  snapshotDate?: string;
  createdAt?: string;
  /** Extra XML inside the ward's OrganizationalUnit element. */
  wardData?: string;
  /** Extra XML inside the ward's entity element, after its data element. */
  wardEntity?: string;
  wardName?: string;
  wardFromDate?: string;
}

/** A small export (owner → hospital → ward) with the parts a test varies. */
function exportXml(parts: ExportParts = {}): string {
  const status = (from = '2020-01-01') =>
    `<SorStatus><FromDate>${from}</FromDate><FirstFromDate>2020-01-01</FirstFromDate></SorStatus>`;
  return `${parts.declaration ?? '<?xml version="1.0" encoding="UTF-8"?>'}
<SorTree xmlns="${parts.namespace ?? 'urn:oio:sundhedsstyrelsen:organisation:1.0.0'}">
  <CreatedAtTime>${parts.createdAt ?? '2024-05-01T00:00:00+02:00'}</CreatedAtTime>
  <SnapshotDate>${parts.snapshotDate ?? '2024-05-01'}</SnapshotDate>
  <InstitutionOwnerEntity>
    <InstitutionOwner><SorIdentifier>${OWNER}</SorIdentifier><EntityName>Region Test</EntityName>${status()}</InstitutionOwner>
    <HealthInstitutionEntity>
      <HealthInstitution><SorIdentifier>${HOSPITAL}</SorIdentifier><EntityName>Testhospital</EntityName>${status()}</HealthInstitution>
      <OrganizationalUnitEntity>
        <OrganizationalUnit>
          <SorIdentifier>${WARD}</SorIdentifier>
          <EntityName>${parts.wardName ?? 'Sengeafsnit'}</EntityName>${parts.wardData ?? ''}
          ${status(parts.wardFromDate)}
        </OrganizationalUnit>${parts.wardEntity ?? ''}
      </OrganizationalUnitEntity>
    </HealthInstitutionEntity>
  </InstitutionOwnerEntity>
</SorTree>
`;
}

async function fileWith(content: string | Uint8Array, name = 'export.xml'): Promise<string> {
  const file = join(await tempDir(), name);
  await writeFile(file, content);
  return file;
}

/** Asserts that importing rejects with a SorImportError whose message matches. */
async function refuses(file: string, message: RegExp): Promise<void> {
  await assert.rejects(importExport(file), (error: Error) => {
    assert.ok(error instanceof SorImportError, `${error.name}: ${error.message}`);
    assert.match(error.message, message);
    return true;
  });
}

test('SOR XML v2 and v3 namespaces are read by local names; unknown elements are reported once each', async () => {
  for (const version of ['2.0.0', '3.0.0']) {
    const file = await fileWith(
      exportXml({
        namespace: `urn:oio:sundhedsstyrelsen:organisation:${version}`,
        wardData: `
          <OrganisationalLevel><Code>1234567</Code><Name>Afsnit</Name></OrganisationalLevel>
          <NewV3Element><Inner>x</Inner></NewV3Element><NewV3Element/>`,
      }),
    );
    const { units, header, warnings } = await importExport(file);
    assert.equal(header.sorXmlVersion, version);
    assert.equal(header.namespace, `urn:oio:sundhedsstyrelsen:organisation:${version}`);
    assert.deepEqual(
      units.map((unit) => unit.sorCode),
      [OWNER, HOSPITAL, WARD],
    );
    assert.deepEqual(units[2].level, { code: '1234567', name: 'Afsnit' });
    assert.deepEqual(
      header.unknownElements.map((element) => [element.name, element.count]),
      [
        ['NewV3Element', 2],
        ['Inner', 1],
      ],
    );
    assert.deepEqual(
      warnings.map((warning) => [warning.rule, warning.detail, warning.position.line]),
      [
        ['element unknown to this reader', `SOR XML ${version}: NewV3Element ×2, ignored`, 14],
        ['element unknown to this reader', `SOR XML ${version}: Inner ×1, ignored`, 14],
      ],
    );
  }
});

test('level elements are accepted wherever they sit in the entity, after the data element too', async () => {
  const file = await fileWith(
    exportXml({
      namespace: 'urn:oio:sundhedsstyrelsen:organisation:3.0.0',
      wardEntity: `
        <OrganisationalLevelCode>7654321</OrganisationalLevelCode>
        <OrganisationalLevelName>Afdeling</OrganisationalLevelName>`,
    }),
  );
  const { units, warnings } = await importExport(file);
  assert.deepEqual(units[2].level, { code: '7654321', name: 'Afdeling' });
  assert.deepEqual(warnings, []);
});

test('ISO-8859-1 and windows-1252 exports are decoded as declared (Ø stays Ø)', async () => {
  for (const label of ['ISO-8859-1', 'windows-1252', 'latin1']) {
    const xml = exportXml({
      declaration: `<?xml version="1.0" encoding="${label}"?>`,
      wardName: 'Øre-næse-hals – Sengeafsnit',
    });
    // Latin-1 bytes: every character here is one byte (the en dash is 0x96 in windows-1252).
    const bytes = Uint8Array.from(xml, (char) => (char === '–' ? 0x96 : char.charCodeAt(0)));
    const { units, header } = await importExport(await fileWith(bytes));
    assert.equal(header.encoding, 'windows-1252');
    assert.equal(units[2].name, 'Øre-næse-hals – Sengeafsnit', label);
  }
});

test('UTF-16 with a byte-order mark is read; without one it is refused in plain words', async () => {
  const xml = exportXml({ declaration: '<?xml version="1.0" encoding="UTF-16"?>', wardName: 'Ørestad' });
  const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
  const big = Buffer.from(little);
  big.swap16();
  for (const bytes of [little, big]) {
    const { units } = await importExport(await fileWith(bytes));
    assert.equal(units[2].name, 'Ørestad');
  }
  await refuses(
    await fileWith(Buffer.from(xml, 'utf16le')),
    /export\.xml:1:1: the input declares encoding "UTF-16 without a byte-order mark"; sor-snapshot reads UTF-8, UTF-16 \(with a byte-order mark\), ISO-8859-1 and windows-1252/,
  );
  await refuses(
    await fileWith(exportXml({ declaration: '<?xml version="1.0" encoding="EBCDIC-037"?>' })),
    /export\.xml:1:1: the input declares encoding "EBCDIC-037"/,
  );
});

test('invalid UTF-8 fails with file:line:col, never a silent U+FFFD', async () => {
  const xml = exportXml({ wardName: 'Sengeafsnit XX' });
  const bytes = Buffer.from(xml, 'utf8');
  const at = bytes.indexOf('XX');
  // A Latin-1 "Ø" (0xD8) followed by a plain letter: not UTF-8.
  bytes[at] = 0xd8;
  const line = xml.slice(0, xml.indexOf('XX')).split('\n').length;
  const column = xml.slice(0, xml.indexOf('XX')).length - xml.slice(0, xml.indexOf('XX')).lastIndexOf('\n');
  await refuses(
    await fileWith(bytes),
    new RegExp(`export\\.xml:${line}:${column}: byte offset ${at}: invalid UTF-8 \\(bytes 0xD8 0x58`),
  );
  // A sequence cut at the end of the file.
  await refuses(
    await fileWith(Buffer.concat([Buffer.from(xml, 'utf8'), Buffer.from([0xc3])])),
    /the input ends inside a UTF-8 sequence/,
  );
});

test('the ID27 side file: UTF-16 with a mark is read, invalid UTF-8 fails with file:line:col', async () => {
  const xml = await fileWith(exportXml());
  const csv = `SorId;OrganisationalLevelCode;OrganisationalLevelName\n${WARD};1;Afsnit\n`;
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]);
  const { units } = await importExport(xml, { levelsFile: await fileWith(utf16, 'levels.csv') });
  assert.deepEqual(units[2].level, { code: '1', name: 'Afsnit' });
  const latin1 = Buffer.from(`${csv}${HOSPITAL};2;Overafdeling \xd8st\n`, 'latin1');
  await assert.rejects(
    importExport(xml, { levelsFile: await fileWith(latin1, 'levels.csv') }),
    /levels\.csv:3:\d+: ID27 side file, byte offset \d+: invalid UTF-8 \(bytes 0xD8 .*\(save the file as UTF-8\)/,
  );
});

test('nesting deeper than the limit fails with file:line:col, at once for 70,000 levels', async () => {
  for (const depth of [MAX_ELEMENT_DEPTH + 1, 70_000]) {
    const deep = `${'<Deep>'.repeat(depth)}${'</Deep>'.repeat(depth)}`;
    const file = await fileWith(exportXml({ wardData: deep }));
    await refuses(
      file,
      new RegExp(
        `export\\.xml:\\d+:\\d+: elements nest deeper than ${MAX_ELEMENT_DEPTH} levels \\(Deep inside Deep > Deep > Deep\\); a SOR export nests under 20`,
      ),
    );
  }
  // Just under the limit is read.
  const nested = MAX_ELEMENT_DEPTH - 10;
  const ok = await fileWith(exportXml({ wardData: `${'<Deep>'.repeat(nested)}${'</Deep>'.repeat(nested)}` }));
  assert.equal((await importExport(ok)).units.length, 3);
});

test('a zone-suffixed SnapshotDate is read as its calendar day; a bad date is refused with file:line:col', async () => {
  for (const [given, day] of [
    ['2010-01-26+01:00', '2010-01-26'],
    ['2010-01-26Z', '2010-01-26'],
    ['2010-01-26-05:00', '2010-01-26'],
    [' 2010-01-26 ', '2010-01-26'],
  ]) {
    const { header } = await importExport(await fileWith(exportXml({ snapshotDate: given })));
    assert.equal(header.snapshotDate, day, given);
  }
  await refuses(
    await fileWith(exportXml({ snapshotDate: '26-01-2010' })),
    /export\.xml:4:\d+: SnapshotDate "26-01-2010" is not a date \(XML Schema xs:date/,
  );
  await refuses(
    await fileWith(exportXml({ snapshotDate: '2010-02-30' })),
    /SnapshotDate "2010-02-30" is not a date/,
  );
  await refuses(
    await fileWith(exportXml({ createdAt: 'yesterday' })),
    /export\.xml:3:\d+: CreatedAtTime "yesterday" is not a date and time/,
  );
  const { units } = await importExport(await fileWith(exportXml({ wardFromDate: '2021-03-04Z' })));
  assert.equal(units[2].changedFrom, '2021-03-04');
  await refuses(
    await fileWith(exportXml({ wardFromDate: '2021-13-01' })),
    /export\.xml:\d+:\d+: FromDate "2021-13-01" is not a date/,
  );
});
