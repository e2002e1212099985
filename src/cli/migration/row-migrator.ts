// What `migrate-shak` adds to one row: the SHAK cell sorted and migrated by the catalog's own rules
// (`classifyShakCell`, `catalog.migrateShak`, `describeMigration`: the one piece the picker's SHAK
// panel uses too), encoded once per distinct cell.
import type { SorCatalog } from '../../catalog/catalog.js';
import {
  classifyShakCell,
  describeMigration,
  type ShakCellKind,
  type ShakMigrationConfidence,
} from '../../catalog/shak-migration.js';
import { csvField, encodeCsvText, type CsvEncoding } from './csv.js';

/** The columns each output row gets, after the input's. */
export const MIGRATION_COLUMNS = ['sor_code', 'sor_name', 'id27_level', 'confidence', 'candidates', 'note'];

/**
 * The `confidence` of a row whose cell is not a SHAK code (empty, a SOR code already, damaged, …):
 * nothing was migrated, and `note` says why. Distinct from `none` (a SHAK code no unit answers),
 * so that filtering a spreadsheet by confidence separates the SHAK codes to research from the
 * cells to repair, and every row has a value to filter by.
 */
export const PASSED_THROUGH = 'passed-through';

/** The values of the `confidence` column: a migration's, or `passed-through`. */
export type RowConfidence = ShakMigrationConfidence | typeof PASSED_THROUGH;

/** Why a row was not migrated: a cell kind other than `shak`, or a row too short for the column. */
export type PassThroughReason = Exclude<ShakCellKind, 'shak'> | 'missing-cell';

/** The answer for one SHAK cell: the bytes to append to its row, and what to count it as. */
export interface RowAnswer {
  /** The separator, the `MIGRATION_COLUMNS` cells and the line break, in the output encoding. */
  tail: Uint8Array;
  /** The migration's confidence; null when the cell passed through. */
  confidence: ShakMigrationConfidence | null;
  /** Why the cell passed through; null when it was migrated. */
  reason: PassThroughReason | null;
  /** The trimmed cell: the SHAK code looked up. */
  shak: string;
}

/** How `RowMigrator` writes its cells: the input's dialect, answered in kind. */
export interface RowDialect {
  separator: string;
  lineBreak: string;
  encoding: CsvEncoding;
}

// Distinct cells whose answer is kept: a register has tens of thousands of SHAK codes, so a
// 1M-row file asks for each of them many times; the bound only keeps a file of unique junk small.
const CACHE_LIMIT = 200_000;

/**
 * Migrates the SHAK cells of one run (one catalog, one `asOf`, one dialect). Each distinct cell is
 * classified, migrated and encoded once; repeats get the same answer from a bounded cache.
 */
export class RowMigrator {
  private readonly answers = new Map<string, RowAnswer>();

  constructor(
    private readonly catalog: SorCatalog,
    private readonly asOf: string,
    private readonly dialect: RowDialect,
  ) {}

  /** The answer for a cell of the SHAK column, as read (untrimmed). */
  answer(cell: string): RowAnswer {
    let known = this.answers.get(cell);
    if (known) return known;
    known = this.migrate(cell);
    if (this.answers.size >= CACHE_LIMIT) this.answers.clear();
    this.answers.set(cell, known);
    return known;
  }

  /** The answer for a row that ends before the SHAK column (0-based `columnIndex`). */
  missingCell(fieldCount: number, columnIndex: number): RowAnswer {
    const note = `row has ${fieldCount} field(s); the SHAK column is number ${columnIndex + 1}`;
    return this.passThrough(['', '', ''], note, 'missing-cell', '');
  }

  private migrate(cell: string): RowAnswer {
    const check = classifyShakCell(cell);
    const snapshotId = this.catalog.snapshot?.id ?? '';
    if (check.kind !== 'shak') {
      const unit = check.kind === 'sor-code' ? this.catalog.get(check.value) : undefined;
      const note =
        check.kind === 'sor-code' && !unit
          ? `already a SOR code, but no unit in snapshot ${snapshotId} has it`
          : check.note;
      const named = unit ? [unit.sorCode, unit.name, unit.level?.name ?? ''] : ['', '', ''];
      return this.passThrough(named, note, check.kind, check.value);
    }
    const migration = this.catalog.migrateShak(check.value, this.asOf);
    const candidates =
      migration.confidence === 'ambiguous'
        ? migration.candidates.filter((c) => !c.retired).map((c) => c.sorCode)
        : [];
    return {
      tail: this.encode([
        migration.sorCode ?? '',
        migration.name ?? '',
        migration.level?.name ?? '',
        migration.confidence,
        candidates.join('|'),
        describeMigration(migration, this.asOf, snapshotId),
      ]),
      confidence: migration.confidence,
      reason: null,
      shak: migration.shak,
    };
  }

  private passThrough(named: string[], note: string, reason: PassThroughReason, shak: string): RowAnswer {
    return { tail: this.encode([...named, PASSED_THROUGH, '', note]), confidence: null, reason, shak };
  }

  private encode(cells: string[]): Uint8Array {
    const { separator, lineBreak, encoding } = this.dialect;
    const text = cells.map((cell) => csvField(cell, separator)).join(separator);
    return encodeCsvText(separator + text + lineBreak, encoding);
  }
}
