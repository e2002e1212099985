import { readFile } from 'node:fs/promises';
import { checkSorCode } from '../../model/codes.js';
import { SorImportError } from './errors.js';
import {
  InvalidTextError,
  StrictTextDecoder,
  UnsupportedEncodingError,
  positionAfter,
  sniffEncoding,
} from './text-decoding.js';

/** The header row of an ID27 side file: the NSP field names. */
export const ID27_CSV_HEADER = ['SorId', 'OrganisationalLevelCode', 'OrganisationalLevelName'] as const;

/** One row of the side file: a unit's level as the file gives it. */
export interface Id27Row {
  code: string;
  name: string;
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
 * Reads an ID27 side file (`SorId;OrganisationalLevelCode;OrganisationalLevelName`, semicolons,
 * header row, UTF-8 or UTF-16 with a byte-order mark) into a map SOR code → level. Throws a `SorImportError` naming file:line:col
 * when the file cannot be read or is not valid text in its encoding, the header is wrong, a row has the wrong number of fields, a
 * SorId is malformed or listed twice.
 */
export async function readId27Csv(file: string): Promise<Map<string, Id27Row>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new SorImportError(
      { file, line: 0, column: 0 },
      `cannot read the ID27 side file: ${(error as Error).message}`,
    );
  }
  let text: string;
  try {
    // UTF-8, or UTF-16 with a byte-order mark; a CSV has no declaration to name anything else.
    text = new StrictTextDecoder(sniffEncoding(bytes, false)).decode(bytes, true);
  } catch (error) {
    if (error instanceof UnsupportedEncodingError) {
      throw new SorImportError({ file, line: 1, column: 1 }, `ID27 side file: ${error.message}`);
    }
    if (error instanceof InvalidTextError) {
      throw new SorImportError(
        { file, ...positionAfter(error.validText) },
        `ID27 side file, byte offset ${error.byteOffset}: ${error.message} (save the file as UTF-8)`,
      );
    }
    throw error;
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitLine(lines[0] ?? '').fields.map((field) => field.trim());
  if (header.join(';').toLowerCase() !== ID27_CSV_HEADER.join(';').toLowerCase()) {
    throw new SorImportError(
      { file, line: 1, column: 1 },
      `ID27 side file header is "${lines[0] ?? ''}"; expected "${ID27_CSV_HEADER.join(';')}"`,
    );
  }
  const rows = new Map<string, Id27Row>();
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index];
    if (line.trim() === '') continue;
    const lineNumber = index + 1;
    const { fields, columns } = splitLine(line);
    if (fields.length !== 3) {
      throw new SorImportError(
        { file, line: lineNumber, column: 1 },
        `ID27 side file row has ${fields.length} fields; expected 3 separated by ";"`,
      );
    }
    const [code, levelCode, levelName] = fields.map((field) => field.trim());
    const check = checkSorCode(code);
    if (!check.valid)
      throw new SorImportError(
        { file, line: lineNumber, column: columns[0] },
        `ID27 side file: ${check.reason}`,
      );
    if (rows.has(code)) {
      throw new SorImportError(
        { file, line: lineNumber, column: columns[0] },
        `ID27 side file lists the unit twice (first on line ${rows.get(code)?.line})`,
        code,
      );
    }
    if (levelCode === '' && levelName === '') {
      throw new SorImportError(
        { file, line: lineNumber, column: columns[1] },
        'ID27 side file row has neither a level code nor a name',
        code,
      );
    }
    rows.set(code, { code: levelCode, name: levelName, line: lineNumber });
  }
  return rows;
}
