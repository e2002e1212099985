import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { readManifest, readSnapshotUnits } from '../../src/cli/snapshot-dir.js';
import { makeSorCode } from '../../src/model/codes.js';
import { cli, tempDir } from './helpers.js';

// Every production quirk of issue #11 item 5 in one export; each must be reported and none may
// stop the rest of the export from building.
const code = (n: number): string => makeSorCode(200 + n);
const OWNER = code(1);
const HOSPITAL = code(2);
const SELF = code(3); // a unit that is its own parent
const LOOP = code(4); // repeats two levels inside itself: a parent cycle
const LOOP_CHILD = code(5);
const ORPHAN = code(6); // its enclosing unit has no SorIdentifier
const UNDER_OWNER = code(7); // an OE directly under an IE
const REPLACING = code(8); // Replaces a code not in the export
const REPLACED = code(9); // ReplacedBy a code not in the export
const TWIN_A = code(10);
const TWIN_B = code(11); // the same name as TWIN_A under one parent
const SPACES = code(12);
const BIDI = code(13);
const LONG = code(14);
const INNER = code(15);
const GONE = code(99);

const status =
  '<SorStatus><FromDate>2020-01-01</FromDate><FirstFromDate>2020-01-01</FirstFromDate></SorStatus>';
const unit = (sor: string | null, name: string, inner = '', extra = ''): string =>
  `<OrganizationalUnitEntity><OrganizationalUnit>${sor ? `<SorIdentifier>${sor}</SorIdentifier>` : ''}<EntityName>${name}</EntityName>${extra}${status}</OrganizationalUnit>${inner}</OrganizationalUnitEntity>\n`;

const LONG_NAME = 'Afdeling for meget lange navne og endnu længere beskrivelser af alt';

const QUIRKS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<SorTree xmlns="urn:oio:sundhedsstyrelsen:organisation:1.0.0">
<CreatedAtTime>2024-05-01T00:00:00+02:00</CreatedAtTime>
<SnapshotDate>2024-05-01+02:00</SnapshotDate>
<InstitutionOwnerEntity>
<InstitutionOwner><SorIdentifier>${OWNER}</SorIdentifier><EntityName>Region Quirk</EntityName>${status}</InstitutionOwner>
<HealthInstitutionEntity>
<HealthInstitution><SorIdentifier>${HOSPITAL}</SorIdentifier><EntityName>Quirk Hospital</EntityName>${status}</HealthInstitution>
${unit(SELF, 'Selvrefererende afdeling', unit(SELF, 'Selvrefererende afdeling', unit(INNER, 'Afsnit i gentagelsen')))}
${unit(LOOP, 'Cyklus afdeling', unit(code(16), 'Mellemled', unit(LOOP, 'Cyklus afdeling', unit(LOOP_CHILD, 'Barn af gentagelsen'))))}
${unit(null, 'Enhed uden kode', unit(ORPHAN, 'Forældreløst afsnit'))}
${unit(REPLACING, 'Ny afdeling', '', `<ReplacesEntityCollection><SorIdentifier>${GONE}</SorIdentifier></ReplacesEntityCollection>`)}
${unit(REPLACED, 'Lukket afdeling', '', `<ReplacedByEntityCollection><SorIdentifier>${GONE}</SorIdentifier></ReplacedByEntityCollection>`)}
${unit(TWIN_A, 'Ambulatorium')}
${unit(TWIN_B, 'ambulatorium')}
${unit(SPACES, ' Medicinsk  afd.   B ')}
${unit(BIDI, 'Kirurgisk\u202E afd.\u200B C')}
${unit(LONG, LONG_NAME)}
</HealthInstitutionEntity>
${unit(UNDER_OWNER, 'Regionens fælles enhed')}
</InstitutionOwnerEntity>
</SorTree>
`;

test('an export with every production quirk builds; each quirk is a counted warning with a documented outcome', async () => {
  const dir = await tempDir();
  const input = join(dir, 'quirks.xml');
  await writeFile(input, QUIRKS_XML);
  const out = join(dir, 'snapshot');
  const result = await cli('build', input, '--out', out);
  assert.equal(result.code, 0, result.stderr);

  // stderr opens with "N warnings (first 10 shown): <rule> <count>, <rule> <count>, …".
  const summary = /^\d+ warnings?(?: \(first \d+ shown\))?: (.*)$/m.exec(result.stderr)?.[1] ?? '';
  const byRule = new Map(
    summary
      .split(', ')
      .map((entry) => [
        entry.slice(0, entry.lastIndexOf(' ')),
        Number(entry.slice(entry.lastIndexOf(' ') + 1)),
      ]),
  );
  const count = (rule: string): number => byRule.get(rule) ?? 0;
  assert.deepEqual(
    Object.fromEntries(
      [
        'unit is its own parent',
        'parent cycle',
        'unit has no SorIdentifier',
        'parent missing',
        'OE directly under an IE',
        'Replaces names a unit not in the export',
        'ReplacedBy names a unit not in the export',
        'duplicate name under one parent',
        'name has stray spaces',
        'name has bidi control or zero-width characters',
        'name longer than the schema allows',
      ].map((rule) => [rule, count(rule)]),
    ),
    {
      'unit is its own parent': 1,
      'parent cycle': 1,
      'unit has no SorIdentifier': 1,
      'parent missing': 1,
      'OE directly under an IE': 1,
      'Replaces names a unit not in the export': 1,
      'ReplacedBy names a unit not in the export': 1,
      'duplicate name under one parent': 1,
      'name has stray spaces': 1,
      'name has bidi control or zero-width characters': 1,
      'name longer than the schema allows': 1,
    },
  );
  assert.match(result.stdout, new RegExp(`^ {2}11 warning\\(s\\)$`, 'm'));
  // The warnings name the codes.
  assert.match(
    result.stderr,
    new RegExp(
      `quirks\\.xml:\\d+:\\d+: SOR ${SELF}: unit is its own parent \\(merged into the enclosing unit`,
    ),
  );
  assert.match(result.stderr, new RegExp(`SOR ${ORPHAN}: parent missing \\(re-attached to SOR ${HOSPITAL}`));

  const { dir: snapshotDir, manifest } = await readManifest(out);
  assert.equal(manifest.sourceDate, '2024-05-01');
  const units = new Map((await readSnapshotUnits(snapshotDir, manifest)).map((u) => [u.sorCode, u]));
  // Own parent: one unit; what the repeat held is under it.
  assert.equal(units.get(INNER)?.parentCode, SELF);
  assert.equal(units.get(SELF)?.parentCode, HOSPITAL);
  // Cycle: the repeat is dropped, its child re-attached to the first unit with the code.
  assert.equal(units.get(LOOP_CHILD)?.parentCode, LOOP);
  // No SorIdentifier: dropped; its child re-attached to the unit above.
  assert.equal(
    [...units.values()].some((u) => u.name === 'Enhed uden kode'),
    false,
  );
  assert.equal(units.get(ORPHAN)?.parentCode, HOSPITAL);
  // OE directly under an IE: kept, as an institution.
  assert.equal(units.get(UNDER_OWNER)?.kind, 'SI');
  assert.equal(units.get(UNDER_OWNER)?.parentCode, OWNER);
  // Replaces kept; a ReplacedBy to nowhere dropped.
  assert.deepEqual(units.get(REPLACING)?.replaces, [GONE]);
  assert.deepEqual(units.get(REPLACED)?.replacedBy, []);
  // Duplicate names kept; names cleaned; long names kept whole.
  assert.equal(units.get(TWIN_B)?.name, 'ambulatorium');
  assert.equal(units.get(SPACES)?.name, 'Medicinsk afd. B');
  assert.equal(units.get(BIDI)?.name, 'Kirurgisk afd. C');
  assert.equal(units.get(LONG)?.name, LONG_NAME);
  assert.equal(units.size, 16);

  // --strict refuses the same export, naming the count.
  const strict = await cli('build', input, '--out', join(dir, 'strict'), '--strict');
  assert.equal(strict.code, 1);
  assert.match(strict.stderr, /--strict: 11 warning\(s\) are fatal/);
});
