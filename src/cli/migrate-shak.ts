// `sor-snapshot migrate-shak`: stored SHAK codes in a CSV of any size → SOR codes with their ID27
// level, row by row, by the catalog's own `migrateShak` (the rules the picker's demo panel uses).
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { SorCatalog } from '../catalog/catalog.js';
import {
  classifyShakCell,
  describeMigration,
  type ShakCellKind,
  type ShakMigrationConfidence,
} from '../catalog/shak-migration.js';
import { todayIso } from '../model/dates.js';
import { loadSnapshotWithManifest } from '../node/load-snapshot.js';
import { SnapshotReadError } from '../node/snapshot-files.js';
import { SnapshotFetchError, SnapshotFormatError } from '../snapshot/errors.js';
import {
  CsvDecoder,
  CsvError,
  CsvParser,
  csvField,
  encodeCsvText,
  type CsvEncoding,
  type CsvRecord,
} from './csv.js';

export const MIGRATE_SHAK_HELP = `Usage:
  sor-snapshot migrate-shak <in.csv> --snapshot <dir|manifest.json> --column <name or 1-based index>
                            [--as-of YYYY-MM-DD] [--out <out.csv>] [--separator ';'|','|tab]
                            [--encoding utf-8|latin1] [--no-header] [--json]

Streams the CSV (any size) and writes every row unchanged plus the columns sor_code, sor_name,
id27_level, confidence (exact, ambiguous, retired-successor, none), candidates (the SOR codes,
|-separated, when ambiguous) and note. Cells that are not SHAK codes (empty, a SOR code already,
spreadsheet-damaged, pseudo-codes) pass through with an empty confidence and a note saying why.

  --snapshot   a snapshot folder as "sor-snapshot build" writes it (its SHA-256 is verified)
  --column     the column holding the SHAK codes: its header name, or its position from 1
  --as-of      the date units must be valid on (default today)
  --out        the output file, written to a temporary file renamed at the end (a failed run
               leaves none); without --out the CSV goes to stdout
  --separator  default: detected from the first line (the most frequent of ; , tab)
  --encoding   of the input, and the output is written in the same (default utf-8); a BOM is kept
  --no-header  the first row is data (then --column must be a number)
  --json       the report on stderr as JSON instead of text`;

/** Why a row was not migrated: a cell kind other than `shak`, or a row too short for the column. */
export type PassThroughReason = Exclude<ShakCellKind, 'shak'> | 'missing-cell';

/** The summary of a migration run: what a migration lead needs to plan the manual part. */
export interface MigrationReport {
  input: string;
  snapshot: { id: string; sourceDate: string; synthetic: boolean };
  asOf: string;
  /** Data rows read (the header row not counted). */
  rows: number;
  confidence: Record<ShakMigrationConfidence, number>;
  passedThrough: Record<PassThroughReason, number>;
  /** The most frequent SHAK codes migrated as `ambiguous`, most rows first (at most `TOP`). */
  topAmbiguous: { shak: string; rows: number }[];
  /** The most frequent SHAK codes no unit answers (`none`), most rows first (at most `TOP`). */
  topUnmatched: { shak: string; rows: number }[];
}

/** Options of `migrateShakCsv`. */
export interface MigrateShakCsvOptions {
  /** The CSV file to read. */
  input: string;
  /** The column holding the SHAK codes: a header name, or a 1-based position. */
  column: string;
  /** The date units must be valid on (`YYYY-MM-DD`). */
  asOf: string;
  /** The separator, or null to detect it from the first line. */
  separator: string | null;
  encoding: CsvEncoding;
  /** Whether the first row is a header (default true). */
  header?: boolean;
  /** Where the output bytes go, in order; awaited (backpressure). */
  write: (bytes: Uint8Array) => void | Promise<void>;
}

/** The columns each output row gets, after the input's. */
export const MIGRATION_COLUMNS = ['sor_code', 'sor_name', 'id27_level', 'confidence', 'candidates', 'note'];

const TOP = 20;
// Distinct cells whose answer is kept: a register has tens of thousands of SHAK codes, so a
// 1M-row file asks for each of them many times; the bound only keeps a file of unique junk small.
const CACHE_LIMIT = 200_000;
// Read and write in small blocks: the records of one block then die young (V8's scavenger frees
// them cheaply) instead of being promoted and growing the old heap, which kept peak RSS well
// above the 300 MB goal with 1 MB blocks on 1M rows.
const READ_CHUNK = 64 * 1024;
// Output is handed on in blocks of about this many characters.
const BLOCK_CHARS = 64 * 1024;

/** Bad input or usage: one line, exit code 1. */
export class MigrateInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrateInputError';
  }
}

interface RowAnswer {
  cells: string;
  confidence: ShakMigrationConfidence | null;
  reason: PassThroughReason | null;
  shak: string;
}

/**
 * Migrates the SHAK column of a CSV through `catalog.migrateShak`, streaming: every row is
 * written as it was read, plus `MIGRATION_COLUMNS`. Resolves to the report.
 */
export async function migrateShakCsv(
  catalog: SorCatalog,
  options: MigrateShakCsvOptions,
): Promise<MigrationReport> {
  const { input, asOf, encoding } = options;
  const header = options.header ?? true;
  const info = catalog.snapshot;
  if (!info) throw new MigrateInputError('the catalog has no snapshot loaded');
  const parser = new CsvParser(input, options.separator);
  const decoder = new CsvDecoder(encoding);
  const report = emptyReport(input, info, asOf);
  const ambiguous = new Map<string, number>();
  const unmatched = new Map<string, number>();
  const answers = new Map<string, RowAnswer>();
  let columnIndex = -1;
  let separator = '';
  let lineBreak = '\n';
  let out = '';
  let headerDone = !header;

  const answer = (cell: string): RowAnswer => {
    let known = answers.get(cell);
    if (known) return known;
    const check = classifyShakCell(cell);
    if (check.kind !== 'shak') {
      const unit = check.kind === 'sor-code' ? catalog.get(check.value) : undefined;
      const note =
        check.kind === 'sor-code' && !unit
          ? `already a SOR code, but no unit in snapshot ${info.id} has it`
          : check.note;
      const cells = unit
        ? [unit.sorCode, unit.name, unit.level?.name ?? '', '', '', note]
        : ['', '', '', '', '', note];
      known = { cells: row(cells), confidence: null, reason: check.kind, shak: check.value };
    } else {
      const migration = catalog.migrateShak(check.value, asOf);
      const candidates =
        migration.confidence === 'ambiguous'
          ? migration.candidates.filter((c) => !c.retired).map((c) => c.sorCode)
          : [];
      known = {
        cells: row([
          migration.sorCode ?? '',
          migration.name ?? '',
          migration.level?.name ?? '',
          migration.confidence,
          candidates.join('|'),
          describeMigration(migration, asOf, info.id),
        ]),
        confidence: migration.confidence,
        reason: null,
        shak: migration.shak,
      };
    }
    if (answers.size >= CACHE_LIMIT) answers.clear();
    answers.set(cell, known);
    return known;
  };
  const row = (cells: string[]) => cells.map((cell) => csvField(cell, separator)).join(separator);
  const missingCell = (record: CsvRecord) =>
    row([
      '',
      '',
      '',
      '',
      '',
      `row has ${record.fields.length} field(s); the SHAK column is number ${columnIndex + 1}`,
    ]);

  const flush = async (force: boolean) => {
    if (out.length === 0 || (!force && out.length < BLOCK_CHARS)) return;
    const bytes = encodeCsvText(out, encoding);
    out = '';
    await options.write(bytes);
  };

  const take = async (records: CsvRecord[]) => {
    if (records.length === 0) return;
    if (separator === '') {
      separator = parser.separator!;
      lineBreak = parser.lineBreak;
      if (parser.hasBom) out += '\ufeff';
      columnIndex = resolveColumn(options.column, header ? records[0].fields : null, input);
    }
    for (const record of records) {
      if (!headerDone) {
        headerDone = true;
        out += record.raw + separator + MIGRATION_COLUMNS.join(separator) + lineBreak;
        continue;
      }
      report.rows++;
      let cells: string;
      if (columnIndex >= record.fields.length) {
        report.passedThrough['missing-cell']++;
        cells = missingCell(record);
      } else {
        const result = answer(record.fields[columnIndex]);
        cells = result.cells;
        if (result.confidence) {
          report.confidence[result.confidence]++;
          const tally =
            result.confidence === 'ambiguous' ? ambiguous : result.confidence === 'none' ? unmatched : null;
          tally?.set(result.shak, (tally.get(result.shak) ?? 0) + 1);
        } else report.passedThrough[result.reason!]++;
      }
      out += record.raw + separator + cells + lineBreak;
    }
    await flush(false);
  };

  let stream;
  try {
    stream = createReadStream(input, { highWaterMark: READ_CHUNK });
    for await (const chunk of stream) {
      await take(parser.push(decodeChunk(decoder, chunk as Buffer, parser, input)));
    }
    await take(parser.push(decodeChunk(decoder, null, parser, input)));
    await take(parser.end());
  } catch (error) {
    if (error instanceof CsvError || error instanceof MigrateInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code))
      throw new MigrateInputError(`${input}: cannot read the file (${(error as Error).message})`);
    throw error;
  } finally {
    stream?.destroy();
  }
  if (separator === '')
    throw new MigrateInputError(`${input}: the file is empty${header ? ' (no header row)' : ''}`);
  await flush(true);
  report.topAmbiguous = top(ambiguous);
  report.topUnmatched = top(unmatched);
  return report;
}

function decodeChunk(decoder: CsvDecoder, chunk: Buffer | null, parser: CsvParser, input: string): string {
  if (chunk && parser.currentLine === 1 && decoder.encoding === 'latin1' && startsWithUtf8Bom(chunk)) {
    throw new MigrateInputError(
      `${input}: the file starts with a UTF-8 byte order mark, but --encoding latin1 was given; give --encoding utf-8`,
    );
  }
  try {
    return chunk ? decoder.decode(chunk) : decoder.end();
  } catch {
    throw new MigrateInputError(
      `${input}:${parser.currentLine}: not valid UTF-8 (at or after this line); if the file is Latin-1 (ISO-8859-1), give --encoding latin1`,
    );
  }
}

const startsWithUtf8Bom = (chunk: Buffer) => chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;

function emptyReport(input: string, info: { id: string; sourceDate: string }, asOf: string): MigrationReport {
  return {
    input,
    snapshot: { id: info.id, sourceDate: info.sourceDate, synthetic: false },
    asOf,
    rows: 0,
    confidence: { exact: 0, ambiguous: 0, 'retired-successor': 0, none: 0 },
    passedThrough: {
      empty: 0,
      'sor-code': 0,
      'spreadsheet-damaged': 0,
      'pseudo-code': 0,
      'invalid-sor-code': 0,
      'not-shak': 0,
      'missing-cell': 0,
    },
    topAmbiguous: [],
    topUnmatched: [],
  };
}

function top(counts: Map<string, number>): { shak: string; rows: number }[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP)
    .map(([shak, rows]) => ({ shak, rows }));
}

/** The 0-based index of `--column` in the header (by name, exact, then ignoring case and spaces) or by position. */
export function resolveColumn(column: string, header: readonly string[] | null, input: string): number {
  if (header) {
    const exact = header.indexOf(column);
    if (exact !== -1) return exact;
    const wanted = column.trim().toLowerCase();
    const loose = header.findIndex((name) => name.trim().toLowerCase() === wanted);
    if (loose !== -1) return loose;
  }
  if (/^\d+$/.test(column)) {
    const position = Number(column);
    if (position < 1 || (header && position > header.length))
      throw new MigrateInputError(
        `${input}: --column ${column} is out of range: the header has ${header?.length} column(s), counted from 1`,
      );
    return position - 1;
  }
  if (!header)
    throw new MigrateInputError(
      `--column "${column}" is a name, but with --no-header columns can only be given by number`,
    );
  throw new MigrateInputError(
    `${input}: no column "${column}" in the header; its columns are: ${header.map((name) => JSON.stringify(name)).join(', ')}`,
  );
}

/** The text report: counts per confidence and pass-through reason, and the codes to plan for. */
export function formatReport(report: MigrationReport): string {
  const lines = [
    `migrate-shak ${report.input}: ${report.rows} row(s) read; snapshot ${report.snapshot.id} (${report.snapshot.sourceDate})${report.snapshot.synthetic ? ' [SYNTHETIC]' : ''}, units valid on ${report.asOf}`,
    ...Object.entries(report.confidence).map(
      ([name, count]) => `  ${name.padEnd(22)} ${String(count).padStart(9)}`,
    ),
  ];
  const passed = Object.entries(report.passedThrough).filter(([, count]) => count > 0);
  if (passed.length > 0) {
    lines.push('  passed through (not a SHAK code):');
    for (const [name, count] of passed) lines.push(`    ${name.padEnd(20)} ${String(count).padStart(9)}`);
  }
  const list = (title: string, entries: { shak: string; rows: number }[]) => {
    if (entries.length === 0) return;
    lines.push(`  ${title}:`);
    for (const { shak, rows } of entries)
      lines.push(`    ${shak.padEnd(8)} ${String(rows).padStart(9)} row(s)`);
  };
  list(`most frequent ambiguous SHAK codes (top ${TOP})`, report.topAmbiguous);
  list(`most frequent unmatched SHAK codes (top ${TOP})`, report.topUnmatched);
  return `${lines.join('\n')}\n`;
}

const SEPARATORS: Record<string, string> = {
  ';': ';',
  ',': ',',
  tab: '\t',
  '\t': '\t',
  semicolon: ';',
  comma: ',',
};
const ENCODINGS: Record<string, CsvEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  latin1: 'latin1',
  'latin-1': 'latin1',
  'iso-8859-1': 'latin1',
};

/** What `runMigrateShak` writes to: text for messages, bytes for the CSV on stdout. */
export interface MigrateIo {
  stderr: (text: string) => void;
  stdout: (text: string) => void;
  /** The CSV bytes when there is no `--out`; defaults to `process.stdout`. */
  stdoutBytes?: (bytes: Uint8Array) => void | Promise<void>;
}

/** `sor-snapshot migrate-shak …` (arguments after the command); resolves to the exit code. */
/** The options of `migrate-shak`, declared once for its own parser and the CLI's command table. */
export const MIGRATE_SHAK_OPTIONS = {
  snapshot: { type: 'string' },
  column: { type: 'string' },
  'as-of': { type: 'string' },
  out: { type: 'string' },
  separator: { type: 'string' },
  encoding: { type: 'string', default: 'utf-8' },
  'no-header': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

/** Runs `migrate-shak` with its arguments (without the command name); resolves to the exit code. */
export async function runMigrateShak(args: string[], io: MigrateIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { ...MIGRATE_SHAK_OPTIONS, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    io.stderr(`sor-snapshot migrate-shak: ${(error as Error).message}\n`);
    return 1;
  }
  return runMigrateShakParsed(parsed.values, parsed.positionals, io);
}

/** `migrate-shak` on arguments already parsed against `MIGRATE_SHAK_OPTIONS`. */
export async function runMigrateShakParsed(
  values: {
    snapshot?: string;
    column?: string;
    'as-of'?: string;
    out?: string;
    separator?: string;
    encoding?: string;
    'no-header'?: boolean;
    json?: boolean;
    help?: boolean;
  },
  positionals: string[],
  io: MigrateIo,
): Promise<number> {
  let out: string | undefined;
  try {
    if (values.help) {
      io.stdout(`${MIGRATE_SHAK_HELP}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new MigrateInputError('migrate-shak takes exactly one CSV file');
    if (!values.snapshot) throw new MigrateInputError('migrate-shak needs --snapshot <dir>');
    if (!values.column) throw new MigrateInputError('migrate-shak needs --column <name or 1-based index>');
    const asOf = values['as-of'] ?? todayIso();
    if (!isIsoDate(asOf)) throw new MigrateInputError(`--as-of must be a date as YYYY-MM-DD, got "${asOf}"`);
    const separator = values.separator === undefined ? null : SEPARATORS[values.separator.toLowerCase()];
    if (separator === undefined)
      throw new MigrateInputError(
        `--separator must be ';', ',' or tab, got ${JSON.stringify(values.separator)}`,
      );
    const encoding = ENCODINGS[(values.encoding ?? 'utf-8').toLowerCase()];
    if (!encoding)
      throw new MigrateInputError(`--encoding must be utf-8 or latin1, got "${values.encoding}"`);
    const input = positionals[0];
    out = values.out;
    if (out !== undefined && resolve(out) === resolve(input))
      throw new MigrateInputError('--out must not be the input file');

    const { catalog, manifest } = await loadSnapshotWithManifest(values.snapshot, {
      // The migration looks codes up only: no name search index.
      searchIndex: 'on-first-search',
    });
    const options = { input, column: values.column, asOf, separator, encoding, header: !values['no-header'] };
    const report = out
      ? await writeAtomically(out, (write) => migrateShakCsv(catalog, { ...options, write }))
      : await migrateShakCsv(catalog, {
          ...options,
          write: io.stdoutBytes ?? ((bytes) => writeTo(process.stdout, bytes)),
        });
    report.snapshot.synthetic = manifest.synthetic !== null;
    io.stderr(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return 0;
  } catch (error) {
    if (
      error instanceof MigrateInputError ||
      error instanceof CsvError ||
      error instanceof SnapshotReadError ||
      error instanceof SnapshotFetchError ||
      error instanceof SnapshotFormatError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.stderr(`sor-snapshot migrate-shak: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}

const isIsoDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

async function writeTo(stream: NodeJS.WritableStream | WriteStream, bytes: Uint8Array): Promise<void> {
  if (!stream.write(bytes)) await once(stream, 'drain');
}

/**
 * Runs `produce` writing into a temporary file beside `out`, renamed to `out` once it is complete:
 * a run that fails leaves neither a partial `out` nor the temporary file (an existing `out` stays).
 */
export async function writeAtomically<T>(
  out: string,
  produce: (write: (bytes: Uint8Array) => Promise<void>) => Promise<T>,
): Promise<T> {
  const temp = join(dirname(out), `.${basename(out)}.${randomBytes(6).toString('hex')}.partial`);
  const stream = createWriteStream(temp, { flags: 'wx' });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  try {
    await Promise.race([once(stream, 'open'), failed]);
    const result = await produce((bytes) => Promise.race([writeTo(stream, bytes), failed]));
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
    await rename(temp, out);
    return result;
  } catch (error) {
    stream.destroy();
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code) && !(error instanceof MigrateInputError))
      throw new MigrateInputError(`${out}: cannot write the output (${(error as Error).message})`);
    throw error;
  }
}
