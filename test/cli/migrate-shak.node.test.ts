// `sor-snapshot migrate-shak`: every confidence case and pass-through note, CSV dialects, the
// report, --as-of, atomic output, bad input, and row-by-row agreement with catalog.migrateShak.
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { CsvParser } from '../../src/cli/migration/csv.js';
import {
  MIGRATION_COLUMNS,
  runMigrateShak,
  type MigrationReport,
} from '../../src/cli/commands/migrate-shak.js';
import { SorCatalog } from '../../src/catalog/catalog.js';
import { makeSorCode } from '../../src/model/codes.js';
import type { SorUnit } from '../../src/model/types.js';
import { AS_OF, snapshotFolder, tempDir } from '../node/snapshot-folder.js';
import { cli } from './helpers.js';

let dir: string;
let units: readonly SorUnit[];
let catalog: SorCatalog;
let work: string;
const named = (name: string) => units.find((unit) => unit.name === name)!;

before(async () => {
  const folder = await snapshotFolder();
  dir = folder.dir;
  units = folder.snapshot.units;
  catalog = SorCatalog.fromUnits(units, {
    snapshotId: folder.snapshot.id,
    sourceDate: folder.snapshot.sourceDate,
  });
  work = await tempDir();
});

/** Runs the command in-process; the CSV on stdout is captured as bytes. */
async function migrate(...args: string[]): Promise<{ code: number; out: Buffer; stderr: string }> {
  const chunks: Uint8Array[] = [];
  let stderr = '';
  const code = await runMigrateShak(args, {
    stdout: () => undefined,
    stderr: (text) => {
      stderr += text;
    },
    stdoutBytes: (bytes) => {
      chunks.push(bytes);
    },
  });
  return { code, out: Buffer.concat(chunks), stderr };
}

let files = 0;
async function csvFile(text: string | Buffer): Promise<string> {
  const file = join(work, `in-${++files}.csv`);
  await writeFile(file, text);
  return file;
}

/** The output's rows as field lists (header first). */
function rowsOf(text: string): string[][] {
  const parser = new CsvParser('out.csv');
  return [...parser.push(text), ...parser.end()].map((record) => record.fields);
}

/** Migrates `column` of the CSV `text` with the test's snapshot as of AS_OF; `extra`: more options. */
async function migrateCsv(text: string | Buffer, column: string, ...extra: string[]) {
  return migrate(await csvFile(text), '--snapshot', dir, '--column', column, '--as-of', AS_OF, ...extra);
}

/** Migrates one column of cells and gives each row's added columns by name. */
async function migrateCells(cells: string[], ...extra: string[]) {
  const text = ['id;shak', ...cells.map((cell, i) => `${i + 1};${cell}`)].join('\n') + '\n';
  const result = await migrateCsv(text, 'shak', ...extra);
  assert.equal(result.code, 0, result.stderr);
  const [header, ...rows] = rowsOf(result.out.toString('utf8'));
  assert.deepEqual(header, ['id', 'shak', ...MIGRATION_COLUMNS]);
  return rows.map((row) => Object.fromEntries(MIGRATION_COLUMNS.map((name, i) => [name, row[2 + i]])));
}

test('every confidence case, with the unit, its ID27 level, the candidates and a note', async () => {
  const ward = named('Hjertesygdomme, sengeafsnit');
  const retired = named('Medicinsk sengeafsnit M2 2');
  const successor = named('Medicinsk sengeafsnit M2-M3 2');
  const closed = named('Ortopædkirurgisk ambulatorium 4');
  const shared = catalog.migrateShak('1301011', AS_OF);
  const [exact, exactAmongRetired, ambiguous, retiredSuccessor, noneRetired, noneUnknown] =
    await migrateCells([ward.shak!, '3800012', '1301011', retired.shak!, closed.shak!, '9999']);
  assert.deepEqual(exact, {
    sor_code: ward.sorCode,
    sor_name: ward.name,
    id27_level: 'Afsnit',
    confidence: 'exact',
    candidates: '',
    note: '',
  });
  assert.equal(exactAmongRetired.confidence, 'exact');
  assert.match(
    exactAmongRetired.note,
    /^2 units carry SHAK 3800012; this is the only one valid on 2026-11-26/,
  );
  assert.equal(ambiguous.confidence, 'ambiguous');
  assert.equal(ambiguous.sor_code, shared.sorCode);
  assert.equal(ambiguous.candidates, shared.candidates.map((c) => c.sorCode).join('|'));
  assert.match(ambiguous.note, /^2 units valid on 2026-11-26 could replace SHAK 1301011: confirm which/);
  assert.deepEqual(
    [retiredSuccessor.confidence, retiredSuccessor.sor_code, retiredSuccessor.sor_name],
    ['retired-successor', successor.sorCode, successor.name],
  );
  assert.match(retiredSuccessor.note, /retired on 2026-11-26; sor_code is the unit that replaces them/);
  assert.deepEqual([noneRetired.confidence, noneRetired.sor_code], ['none', '']);
  assert.match(
    noneRetired.note,
    new RegExp(`only units retired on 2026-11-26 carry SHAK ${closed.shak} \\(${closed.sorCode}\\)`),
  );
  assert.equal(noneUnknown.confidence, 'none');
  assert.match(noneUnknown.note, /^no unit in snapshot \w+ carries SHAK 9999$/);
});

test('cells that are not SHAK codes pass through with the confidence passed-through and a note saying why', async () => {
  const unit = named('Hjertesygdomme');
  const unknownSor = makeSorCode(88_888_888);
  const rows = await migrateCells([
    '',
    '   ',
    unit.sorCode,
    unknownSor,
    '1057801000016000',
    '1,05780E+15',
    '6620,00',
    '141102099999',
    unit.sorCode.slice(0, -1) + ((Number(unit.sorCode.slice(-1)) + 1) % 10),
    'abc',
    '66200',
  ]);
  assert.ok(rows.every((row) => row.confidence === 'passed-through'));
  const notes = rows.map((row) => row.note);
  assert.match(notes[0], /^empty cell/);
  assert.match(notes[1], /^empty cell/);
  assert.equal(notes[2], 'already a SOR code: nothing to migrate');
  assert.deepEqual(
    [rows[2].sor_code, rows[2].sor_name],
    [unit.sorCode, unit.name],
    'a SOR code names its unit',
  );
  assert.match(notes[3], new RegExp(`already a SOR code, but no unit in snapshot \\w+ has it`));
  assert.match(notes[4], /^spreadsheet-damaged: .*last digits a spreadsheet zeroed/);
  assert.match(notes[5], /^spreadsheet-damaged: .*scientific notation/);
  assert.match(notes[6], /^spreadsheet-damaged: .*decimals/);
  assert.match(notes[7], /local pseudo-code \(SHAK 1411020 \+ 99999\)/);
  assert.match(notes[8], /shape of a SOR code, but its check digit does not match/);
  assert.match(notes[9], /^not a SHAK code: SHAK code "abc" has 3 characters/);
  assert.match(notes[10], /^not a SHAK code: SHAK code "66200" has 5 characters/);
});

test('a row too short for the column passes through, saying so', async () => {
  const result = await migrateCsv('shak;id\n6620011;1\n\n6620011\n', 'id');
  const rows = rowsOf(result.out.toString());
  assert.match(rows[2].at(-1)!, /^row has 1 field\(s\); the SHAK column is number 2$/);
  assert.match(rows[3].at(-1)!, /^row has 1 field\(s\)/);
});

test('--as-of decides which units count as valid', async () => {
  const retired = named('Medicinsk sengeafsnit M2 2');
  const [before2025] = await migrateCells([retired.shak!], '--as-of', '2024-06-01');
  assert.deepEqual([before2025.confidence, before2025.sor_code], ['exact', retired.sorCode]);
  const [later] = await migrateCells([retired.shak!], '--as-of', '2026-01-01');
  assert.equal(later.confidence, 'retired-successor');
});

test('Latin-1, comma-separated, CRLF, quoted: every input row written back byte for byte, in the same dialect', async () => {
  const text =
    'Id,Afdeling,SHAK\r\n1,"Øre-, næse- og halsafdeling",6620011\r\n2,"Skrevet ""sådan""\r\nover to linjer",9999\r\n';
  const input = await csvFile(Buffer.from(text, 'latin1'));
  const result = await migrate(
    input,
    '--snapshot',
    dir,
    '--column',
    '3',
    '--encoding',
    'latin1',
    '--as-of',
    AS_OF,
  );
  assert.equal(result.code, 0, result.stderr);
  const output = result.out.toString('latin1');
  const lines = output.split('\r\n');
  assert.equal(lines[0], `Id,Afdeling,SHAK,${MIGRATION_COLUMNS.join(',')}`);
  assert.ok(lines[1].startsWith('1,"Øre-, næse- og halsafdeling",6620011,'), lines[1]);
  assert.ok(output.includes('2,"Skrevet ""sådan""\r\nover to linjer",9999,,,,none,,'), output);
  // Latin-1 out: ø is one byte, as in the input.
  assert.ok(result.out.includes(Buffer.from('Øre', 'latin1')));
  assert.ok(!result.out.includes(Buffer.from('Øre', 'utf8')));
  const ward = named('Hjertesygdomme, sengeafsnit');
  assert.equal(rowsOf(output)[1][3], ward.sorCode);
});

test('a UTF-8 BOM is kept; a tab-separated file can be given its separator; a header-less file takes a column number', async () => {
  const bom = await migrateCsv('\ufeffshak;x\n6620011;1\n', 'SHAK');
  assert.deepEqual([...bom.out.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.ok(bom.out.toString('utf8').startsWith('\ufeffshak;x;sor_code;'));
  const tab = await migrateCsv('a;b\tshak\nx;y\t6620011\n', 'shak', '--separator', 'tab');
  assert.equal(
    tab.out.toString().split('\n')[1],
    'x;y\t6620011\t' +
      named('Hjertesygdomme, sengeafsnit').sorCode +
      '\tHjertesygdomme, sengeafsnit\tAfsnit\texact\t\t',
  );
  const bare = await migrateCsv('1;6620011\n', '2', '--no-header');
  assert.equal(
    bare.out.toString().split('\n')[0],
    `1;6620011;${named('Hjertesygdomme, sengeafsnit').sorCode};Hjertesygdomme, sengeafsnit;Afsnit;exact;;`,
  );
});

test('a Latin-1 file read as UTF-8 is refused, naming the line and the option to give', async () => {
  const input = await csvFile(Buffer.from('shak;navn\n6620011;Køge\n', 'latin1'));
  const result = await migrate(input, '--snapshot', dir, '--column', 'shak');
  assert.equal(result.code, 1);
  assert.match(result.stderr, /in-\d+\.csv:\d+: not valid UTF-8 .* give --encoding latin1\n$/);
});

test('the report counts rows per confidence and pass-through reason and lists the frequent ambiguous and unmatched SHAKs', async () => {
  const cells = [
    ...Array(5).fill('1301011'),
    ...Array(3).fill('9999'),
    '9998',
    ...Array(4).fill('6620011'),
    '',
    'abc',
  ];
  const input = await csvFile(['shak', ...cells].join('\n'));
  const out = join(work, 'report.csv');
  const text = await migrate(input, '--snapshot', dir, '--column', 'shak', '--as-of', AS_OF, '--out', out);
  assert.equal(text.code, 0);
  assert.match(text.stderr, /15 row\(s\) read/);
  assert.match(text.stderr, /exact\s+4\n\s+ambiguous\s+5\n\s+retired-successor\s+0\n\s+none\s+4\n/);
  assert.match(
    text.stderr,
    /most frequent unmatched SHAK codes \(top 20\):\n\s+9999\s+3 row\(s\)\n\s+9998\s+1 row\(s\)/,
  );
  const json = await migrate(
    input,
    '--snapshot',
    dir,
    '--column',
    'shak',
    '--as-of',
    AS_OF,
    '--out',
    out,
    '--json',
  );
  const report = JSON.parse(json.stderr) as MigrationReport;
  assert.equal(report.rows, 15);
  assert.deepEqual(report.confidence, { exact: 4, ambiguous: 5, 'retired-successor': 0, none: 4 });
  assert.equal(report.passedThrough.empty, 1);
  assert.equal(report.passedThrough['not-shak'], 1);
  assert.deepEqual(report.topAmbiguous, [{ shak: '1301011', rows: 5 }]);
  assert.deepEqual(report.topUnmatched, [
    { shak: '9999', rows: 3 },
    { shak: '9998', rows: 1 },
  ]);
  assert.equal(report.snapshot.synthetic, true);
  assert.equal(report.asOf, AS_OF);
});

test('the migration of a generated CSV agrees row by row with catalog.migrateShak', async () => {
  const shaks = [...new Set(units.flatMap((unit) => (unit.shak ? [unit.shak] : [])))];
  const cells: string[] = [];
  for (let i = 0; i < 3000; i++)
    cells.push(i % 17 === 0 ? `${9000 + (i % 50)}` : shaks[(i * 7919) % shaks.length]);
  const input = await csvFile(['nr;"kode ""SHAK"""', ...cells.map((cell, i) => `${i};${cell}`)].join('\r\n'));
  const out = join(work, 'generated.csv');
  const result = await cli(
    'migrate-shak',
    input,
    '--snapshot',
    dir,
    '--column',
    'kode "SHAK"',
    '--as-of',
    AS_OF,
    '--out',
    out,
  );
  assert.equal(result.code, 0, result.stderr);
  const rows = rowsOf(await readFile(out, 'utf8'));
  assert.equal(rows.length, cells.length + 1);
  const confidences = new Set<string>();
  cells.forEach((cell, i) => {
    const expected = catalog.migrateShak(cell, AS_OF);
    const [nr, shak, sorCode, name, level, confidence, candidates] = rows[i + 1];
    assert.deepEqual(
      [nr, shak, sorCode, name, level, confidence, candidates],
      [
        String(i),
        cell,
        expected.sorCode ?? '',
        expected.name ?? '',
        expected.level?.name ?? '',
        expected.confidence,
        expected.confidence === 'ambiguous'
          ? expected.candidates
              .filter((c) => !c.retired)
              .map((c) => c.sorCode)
              .join('|')
          : '',
      ],
      `row ${i + 1} (${cell})`,
    );
    confidences.add(confidence);
  });
  assert.deepEqual([...confidences].sort(), ['ambiguous', 'exact', 'none', 'retired-successor']);
});

test('a run that fails midway leaves no output: an existing --out stays as it was, no temporary file remains', async () => {
  const folder = await tempDir();
  const out = join(folder, 'out.csv');
  await writeFile(out, 'the previous output\n');
  // Enough rows that output was written before the broken quote near the end.
  const good = Array.from({ length: 40_000 }, (_, i) => `${i};6620011`).join('\n');
  const input = await csvFile(`id;shak\n${good}\n40000;"broken"quote\n`);
  const result = await migrate(input, '--snapshot', dir, '--column', 'shak', '--out', out);
  assert.equal(result.code, 1);
  assert.match(
    result.stderr,
    /^sor-snapshot migrate-shak: .*in-\d+\.csv:40002: a quoted field is followed by "q"/,
  );
  assert.equal(result.stderr.trim().split('\n').length, 1);
  assert.equal(await readFile(out, 'utf8'), 'the previous output\n');
  assert.deepEqual(await readdir(folder), ['out.csv']);
});

test('bad input gets one clear line and exit code 1', async () => {
  const input = await csvFile('id;shak\n1;6620011\n');
  const broken = await snapshotFolder();
  const payload = join(broken.dir, broken.snapshot.full.url);
  const bytes = await readFile(payload);
  bytes[20] ^= 0xff;
  await writeFile(payload, bytes);
  const folder = await tempDir();
  const out = join(folder, 'out.csv');
  const cases: [string[], RegExp][] = [
    [
      [input, '--snapshot', dir, '--column', 'SHAK-kode'],
      /no column "SHAK-kode" in the header; its columns are: "id", "shak"$/,
    ],
    [[input, '--snapshot', dir, '--column', '3'], /--column 3 is out of range: the header has 2 column\(s\)/],
    [
      [join(work, 'missing.csv'), '--snapshot', dir, '--column', 'shak'],
      /missing\.csv: cannot read the file \(ENOENT/,
    ],
    [
      [input, '--snapshot', broken.dir, '--column', 'shak', '--out', out],
      /full-\w+\.json\.gz: SHA-256 mismatch: expected/,
    ],
    [
      [input, '--snapshot', join(work, 'nowhere'), '--column', 'shak'],
      /nowhere\/manifest\.json: cannot read the manifest/,
    ],
    [[input, '--snapshot', dir], /migrate-shak needs --column/],
    [
      [input, '--snapshot', dir, '--column', 'shak', '--as-of', '2026-02-30'],
      /--as-of must be a date as YYYY-MM-DD, got "2026-02-30"/,
    ],
    [
      [input, '--snapshot', dir, '--column', 'shak', '--encoding', 'cp1252'],
      /--encoding must be utf-8 or latin1/,
    ],
    [[input, '--snapshot', dir, '--column', 'shak', '--out', input], /--out must not be the input file/],
  ];
  for (const [args, message] of cases) {
    const result = await cli('migrate-shak', ...args);
    assert.equal(result.code, 1, args.join(' '));
    const lines = result.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0], message);
    assert.equal(result.stdout, '');
  }
  assert.deepEqual(await readdir(folder), [], 'no output for a snapshot that fails its hash');
});
