import { checkSorCode } from '../../model/codes.js';
import { SorImportError } from './errors.js';
import { readSideFile } from './side-file.js';

/** The header row of an ID27 side file: the NSP field names. */
export const ID27_CSV_HEADER = ['SorId', 'OrganisationalLevelCode', 'OrganisationalLevelName'] as const;

/** One row of the side file: a unit's level as the file gives it. */
export interface Id27Row {
  code: string;
  name: string;
  line: number;
}

/**
 * Reads an ID27 side file (`SorId;OrganisationalLevelCode;OrganisationalLevelName`, semicolons,
 * header row, UTF-8 or UTF-16 with a byte-order mark) into a map SOR code → level. Throws a `SorImportError` naming file:line:col
 * when the file cannot be read or is not valid text in its encoding, the header is wrong, a row has the wrong number of fields, a
 * SorId is malformed or listed twice.
 */
export async function readId27Csv(file: string): Promise<Map<string, Id27Row>> {
  const lines = await readSideFile(file, 'ID27 side file', ID27_CSV_HEADER);
  const rows = new Map<string, Id27Row>();
  for (const { fields, columns, line: lineNumber } of lines) {
    const [code, levelCode, levelName] = fields;
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
