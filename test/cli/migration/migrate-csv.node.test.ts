// The streaming engine of migrate-shak: rows across read chunks, the column, the dialect kept.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SorCatalog } from '../../../src/catalog/catalog.js';
import { CsvParser } from '../../../src/cli/migration/csv.js';
import {
  MigrateInputError,
  migrateShakCsv,
  resolveColumn,
  type MigrateShakCsvOptions,
} from '../../../src/cli/migration/migrate-csv.js';
import { MIGRATION_COLUMNS } from '../../../src/cli/migration/row-migrator.js';
import { clonedRegister } from '../../fixtures/cloned-register.js';
import { AS_OF } from '../../node/snapshot-folder.js';

const units = clonedRegister({ copies: 12 });
const catalog = SorCatalog.fromUnits(units, { snapshotId: 'snap1', sourceDate: '2026-11-01' });
const shaks = [...new Set(units.flatMap((unit) => (unit.shak ? [unit.shak] : [])))];

async function run(text: string | Buffer, options: Partial<MigrateShakCsvOptions> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'sor-migrate-csv-'));
  const input = join(dir, 'in.csv');
  await writeFile(input, text);
  const writes: Buffer[] = [];
  const report = await migrateShakCsv(catalog, {
    input,
    column: 'shak',
    asOf: AS_OF,
    separator: null,
    encoding: 'utf-8',
    write: (bytes) => void writes.push(Buffer.from(bytes)),
    ...options,
  });
  return { report, out: Buffer.concat(writes), writes: writes.length, input };
}

test('rows spread over many read chunks keep their order and text, quoted line breaks included', async () => {
  const rows: string[] = [];
  for (let i = 0; i < 12_000; i++) {
    const text = i % 7 === 0 ? `"linje ${i}\r\nmed ""citat""; og semikolon"` : `tekst ${i}`;
    rows.push(`${i};${text};${i % 11 === 0 ? '' : shaks[i % shaks.length]}`);
  }
  const input = `\ufeffid;tekst;shak\r\n${rows.join('\r\n')}\r\n`;
  assert.ok(Buffer.byteLength(input) > 3 * 64 * 1024, 'several read chunks');
  const { report, out } = await run(input);
  const text = out.toString('utf8');
  assert.ok(text.startsWith('\ufeffid;tekst;shak;sor_code;'), 'the BOM is kept');
  const parser = new CsvParser('out.csv');
  const lines = [...parser.push(text), ...parser.end()];
  assert.equal(lines.length, rows.length + 1);
  assert.deepEqual(lines[0].fields, ['id', 'tekst', 'shak', ...MIGRATION_COLUMNS]);
  lines.slice(1).forEach((record, i) => {
    assert.ok(record.raw.startsWith(`${rows[i]};`), `row ${i + 1} is written as it was read`);
    const cell = record.fields[2];
    const confidence = record.fields[3 + MIGRATION_COLUMNS.indexOf('confidence')];
    assert.equal(confidence, cell === '' ? 'passed-through' : catalog.migrateShak(cell, AS_OF).confidence);
  });
  assert.ok(text.endsWith('\r\n') && !text.includes('\r\n\r\n'), 'the CRLF line breaks are kept');
  assert.equal(report.rows, rows.length);
  assert.equal(report.passedThrough.empty, Math.ceil(rows.length / 11));
});

test('the output goes out in large blocks, not a write per row', async () => {
  const rows = Array.from({ length: 20_000 }, (_, i) => `${i};${shaks[i % shaks.length]}`);
  const { out, writes } = await run(`id;shak\n${rows.join('\n')}\n`);
  assert.ok(out.length > 1 << 20, 'more than one block of output');
  assert.ok(writes <= Math.ceil(out.length / (1 << 20)) + 1, `${writes} writes`);
});

test('Latin-1 in, Latin-1 out, byte for byte', async () => {
  const input = Buffer.from(`id;afsnit;shak\n1;Ærø Sygehus;${shaks[0]}\n`, 'latin1');
  const { out } = await run(input, { encoding: 'latin1' });
  const header = input.subarray(0, input.indexOf(0x0a));
  assert.ok(out.subarray(0, header.length).equals(header), 'the header row as it was');
  assert.ok(out.includes(Buffer.from(`\n1;Ærø Sygehus;${shaks[0]};`, 'latin1')), 'the data row as it was');
  assert.ok(!out.includes(Buffer.from('Ærø', 'utf8')), 'nothing re-encoded as UTF-8');
});

test('an empty file, or one with a header only, is told apart', async () => {
  await assert.rejects(
    run(''),
    (error) =>
      error instanceof MigrateInputError && /the file is empty \(no header row\)/.test(error.message),
  );
  const { report, out } = await run('id;shak\n');
  assert.equal(report.rows, 0);
  assert.equal(out.toString(), `id;shak;${MIGRATION_COLUMNS.join(';')}\n`);
});

test('--column by exact name, by name ignoring case and spaces, or by 1-based position', () => {
  const header = ['id', ' Afsnit SHAK ', 'shak'];
  assert.equal(resolveColumn('shak', header, 'in.csv'), 2);
  assert.equal(resolveColumn('afsnit shak', header, 'in.csv'), 1);
  assert.equal(resolveColumn('1', header, 'in.csv'), 0);
  assert.equal(resolveColumn('7', null, 'in.csv'), 6);
  assert.throws(
    () => resolveColumn('4', header, 'in.csv'),
    /--column 4 is out of range: the header has 3 column\(s\)/,
  );
  assert.throws(
    () => resolveColumn('kode', header, 'in.csv'),
    /no column "kode" in the header; its columns are: "id", " Afsnit SHAK ", "shak"/,
  );
  assert.throws(
    () => resolveColumn('shak', null, 'in.csv'),
    /with --no-header columns can only be given by number/,
  );
});
