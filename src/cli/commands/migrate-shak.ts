// `sor-snapshot migrate-shak`: stored SHAK codes in a CSV of any size → SOR codes with their ID27
// level, row by row, by the catalog's own `migrateShak` (the rules the picker's demo panel uses).
// This module is the command: its arguments, the report it prints and its exit codes; the
// streaming engine is in ../migration/.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { todayIso } from '../../model/dates.js';
import { loadSnapshotWithManifest } from '../../node/load-snapshot.js';
import { SnapshotReadError } from '../../node/snapshot-files.js';
import { SnapshotFetchError, SnapshotFormatError } from '../../snapshot/errors.js';
import { writeAtomically, writeToStream } from '../migration/atomic-output.js';
import { CsvError, type CsvEncoding } from '../migration/csv.js';
import { MigrateInputError, migrateShakCsv } from '../migration/migrate-csv.js';
import { formatReport } from '../migration/report.js';

export {
  MigrateInputError,
  migrateShakCsv,
  resolveColumn,
  type MigrateShakCsvOptions,
} from '../migration/migrate-csv.js';
export { formatReport, type MigrationReport } from '../migration/report.js';
export {
  MIGRATION_COLUMNS,
  PASSED_THROUGH,
  type PassThroughReason,
  type RowConfidence,
} from '../migration/row-migrator.js';
export { writeAtomically } from '../migration/atomic-output.js';

export const MIGRATE_SHAK_HELP = `Usage:
  sor-snapshot migrate-shak <in.csv> --snapshot <dir|manifest.json> --column <name or 1-based index>
                            [--as-of YYYY-MM-DD] [--out <out.csv>] [--separator ';'|','|tab]
                            [--encoding utf-8|latin1] [--no-header] [--json]

Streams the CSV (any size) and writes every row unchanged plus the columns sor_code, sor_name,
id27_level, confidence (exact, ambiguous, retired-successor, none), candidates (the SOR codes,
|-separated, when ambiguous) and note. Cells that are not SHAK codes (empty, a SOR code already,
spreadsheet-damaged, pseudo-codes) pass through with the confidence passed-through and a note
saying why.

  --snapshot   a snapshot folder as "sor-snapshot build" writes it (its SHA-256 is verified)
  --column     the column holding the SHAK codes: its header name, or its position from 1
  --as-of      the date units must be valid on (default today)
  --out        the output file, written to a temporary file renamed at the end (a failed run
               leaves none); without --out the CSV goes to stdout
  --separator  default: detected from the first line (the most frequent of ; , tab)
  --encoding   of the input, and the output is written in the same (default utf-8); a BOM is kept
  --no-header  the first row is data (then --column must be a number)
  --json       the report on stderr as JSON instead of text`;

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
          write: io.stdoutBytes ?? ((bytes) => writeToStream(process.stdout, bytes)),
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
