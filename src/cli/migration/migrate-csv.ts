// The streaming engine of `sor-snapshot migrate-shak`: a CSV of any size read in small chunks,
// parsed, each row's SHAK cell answered by `RowMigrator`, and the rows written as they were read
// plus the migration columns, in large blocks.
import { createReadStream } from 'node:fs';
import type { SorCatalog } from '../../catalog/catalog.js';
import { CsvDecoder, CsvError, CsvParser, encodeCsvText, type CsvEncoding, type CsvRecord } from './csv.js';
import { OutputBlocks } from './output-blocks.js';
import { MigrationTally, type MigrationReport } from './report.js';
import { MIGRATION_COLUMNS, RowMigrator } from './row-migrator.js';

/** Bad input or usage: one line, exit code 1. */
export class MigrateInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrateInputError';
  }
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

// Read in small chunks: the records of one chunk then die young (V8's scavenger frees them
// cheaply) instead of being promoted and growing the old heap.
const READ_CHUNK = 64 * 1024;

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
  const tally = new MigrationTally(input, info, asOf);
  const out = new OutputBlocks(encoding, options.write);
  let rows = null as RowMigrator | null;
  let columnIndex = -1;
  let headerDone = !header;

  // Synchronous per record (no promise per row); the output is drained once per chunk read.
  const take = (record: CsvRecord) => {
    if (rows === null) {
      const { separator, lineBreak } = parser;
      rows = new RowMigrator(catalog, asOf, { separator: separator!, lineBreak, encoding });
      columnIndex = resolveColumn(options.column, header ? record.fields : null, input);
      if (parser.hasBom) out.addBytes(encodeCsvText('\ufeff', encoding));
    }
    if (!headerDone) {
      headerDone = true;
      const { separator, lineBreak } = parser;
      const columns = MIGRATION_COLUMNS.join(separator!);
      out.addBytes(encodeCsvText(record.raw + separator + columns + lineBreak, encoding));
      return;
    }
    const answer =
      columnIndex < record.fields.length
        ? rows.answer(record.fields[columnIndex])
        : rows.missingCell(record.fields.length, columnIndex);
    tally.count(answer);
    out.addInputText(record.raw);
    out.addBytes(answer.tail);
  };

  let stream;
  try {
    stream = createReadStream(input, { highWaterMark: READ_CHUNK });
    for await (const chunk of stream) {
      parser.feed(decodeChunk(decoder, chunk as Buffer, parser, input), take);
      await out.drain();
    }
    parser.feed(decodeChunk(decoder, null, parser, input), take);
    parser.finish(take);
  } catch (error) {
    if (error instanceof CsvError || error instanceof MigrateInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code))
      throw new MigrateInputError(`${input}: cannot read the file (${(error as Error).message})`);
    throw error;
  } finally {
    stream?.destroy();
  }
  if (rows === null)
    throw new MigrateInputError(`${input}: the file is empty${header ? ' (no header row)' : ''}`);
  await out.end();
  return tally.report();
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
