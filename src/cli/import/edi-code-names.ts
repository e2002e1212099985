import { SorImportError } from './errors.js';
import { readSideFile } from './side-file.js';

/** The header row of an EDI code table: `Kind;Code;Name`. */
export const EDI_CODE_NAMES_HEADER = ['Kind', 'Code', 'Name'] as const;

/**
 * The kinds of EDI code an EAN entity carries, by their SOR XML element names (the `Kind` column),
 * mapped to the `SorEanEntity` field each names.
 */
export const EDI_CODE_KINDS = {
  SystemType: 'systemType',
  SystemSupplier: 'systemSupplier',
  CommunicationSupplier: 'communicationSupplier',
  EdiAdministrator: 'ediAdministrator',
} as const;

/** A `SorEanEntity` field that holds an EDI code. */
export type EdiCodeField = (typeof EDI_CODE_KINDS)[keyof typeof EDI_CODE_KINDS];

/** Names by field, then by code: `names.get('systemType')?.get('1611000045003')`. */
export type EdiCodeNames = Map<EdiCodeField, Map<string, string>>;

const CODE = /^\d{1,19}$/;

/**
 * Reads an EDI code table (`Kind;Code;Name`, semicolons, header row, UTF-8 or UTF-16 with a
 * byte-order mark), e.g. `SystemType;1611000045003;Lægesystem`. `Kind` is the SOR XML element
 * (`SystemType`, `SystemSupplier`, `CommunicationSupplier`, `EdiAdministrator`), `Code` the
 * code as the export writes it (digits, an xs:long), `Name` what a person should read. Throws a
 * `SorImportError` naming file:line:col for an unknown kind, a code that is not digits, an empty
 * name, or a kind and code listed twice.
 */
export async function readEdiCodeNames(file: string): Promise<EdiCodeNames> {
  const rows = await readSideFile(file, 'EDI code table', EDI_CODE_NAMES_HEADER);
  const names: EdiCodeNames = new Map();
  const lines = new Map<string, number>();
  for (const { fields, columns, line } of rows) {
    const [kind, code, name] = fields;
    const at = (column: number) => ({ file, line, column: columns[column] });
    const field = Object.hasOwn(EDI_CODE_KINDS, kind)
      ? EDI_CODE_KINDS[kind as keyof typeof EDI_CODE_KINDS]
      : undefined;
    if (field === undefined) {
      throw new SorImportError(
        at(0),
        `EDI code table: kind "${kind}" is not one of ${Object.keys(EDI_CODE_KINDS).join(', ')}`,
      );
    }
    if (!CODE.test(code)) throw new SorImportError(at(1), `EDI code table: code "${code}" is not digits`);
    if (name === '') throw new SorImportError(at(2), `EDI code table: ${kind} ${code} has an empty name`);
    const key = `${kind};${code}`;
    const first = lines.get(key);
    if (first !== undefined) {
      throw new SorImportError(at(1), `EDI code table lists ${kind} ${code} twice (first on line ${first})`);
    }
    lines.set(key, line);
    let byCode = names.get(field);
    if (byCode === undefined) names.set(field, (byCode = new Map()));
    byCode.set(code, name);
  }
  return names;
}
