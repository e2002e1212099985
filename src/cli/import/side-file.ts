import { readFile } from 'node:fs/promises';
import { SorImportError } from './errors.js';
import {
  InvalidTextError,
  StrictTextDecoder,
  UnsupportedEncodingError,
  positionAfter,
  sniffEncoding,
} from './text-decoding.js';

/** One data row of a side file: its fields (trimmed), where each starts, and its line number. */
export interface SideFileRow {
  fields: string[];
  /** The 1-based column where each field starts. */
  columns: number[];
  line: number;
}

// Splits one line at semicolons; a field may be double-quoted ("" is a quote inside it).
function splitLine(line: string): { fields: string[]; columns: number[] } {
  const fields: string[] = [];
  const columns: number[] = [];
  let i = 0;
  while (i <= line.length) {
    columns.push(i + 1);
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length && !(line[i] === '"' && line[i + 1] !== '"')) {
        value += line[i];
        i += line[i] === '"' ? 2 : 1;
      }
      fields.push(value);
      i += 2;
    } else {
      const end = line.indexOf(';', i);
      const stop = end === -1 ? line.length : end;
      fields.push(line.slice(i, stop));
      i = stop + 1;
    }
  }
  return { fields, columns };
}

/**
 * Reads a semicolon side file of the build (the ID27 levels, the EDI code names): UTF-8, or
 * UTF-16 with a byte-order mark, a header row matched case-insensitively, blank lines skipped,
 * every row with as many fields as the header. `label` names the file in messages. Throws a
 * `SorImportError` naming file:line:col for a file that cannot be read or decoded, a wrong header
 * or a row with the wrong number of fields.
 */
export async function readSideFile(
  file: string,
  label: string,
  header: readonly string[],
): Promise<SideFileRow[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new SorImportError(
      { file, line: 0, column: 0 },
      `cannot read the ${label}: ${(error as Error).message}`,
    );
  }
  let text: string;
  try {
    // UTF-8, or UTF-16 with a byte-order mark; a CSV has no declaration to name anything else.
    text = new StrictTextDecoder(sniffEncoding(bytes, false)).decode(bytes, true);
  } catch (error) {
    if (error instanceof UnsupportedEncodingError) {
      throw new SorImportError({ file, line: 1, column: 1 }, `${label}: ${error.message}`);
    }
    if (error instanceof InvalidTextError) {
      throw new SorImportError(
        { file, ...positionAfter(error.validText) },
        `${label}, byte offset ${error.byteOffset}: ${error.message} (save the file as UTF-8)`,
      );
    }
    throw error;
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const found = splitLine(lines[0] ?? '').fields.map((field) => field.trim());
  if (found.join(';').toLowerCase() !== header.join(';').toLowerCase()) {
    throw new SorImportError(
      { file, line: 1, column: 1 },
      `${label} header is "${lines[0] ?? ''}"; expected "${header.join(';')}"`,
    );
  }
  const rows: SideFileRow[] = [];
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index];
    if (line.trim() === '') continue;
    const { fields, columns } = splitLine(line);
    if (fields.length !== header.length) {
      throw new SorImportError(
        { file, line: index + 1, column: 1 },
        `${label} row has ${fields.length} fields; expected ${header.length} separated by ";"`,
      );
    }
    rows.push({ fields: fields.map((field) => field.trim()), columns, line: index + 1 });
  }
  return rows;
}
