import { checkShak, checkSorCode, shakLevel, sorCheckDigitMatches } from '../model/codes.js';
import { isValidOn } from '../model/dates.js';
import type { Id27Level } from '../model/id27.js';
import type { SorUnit } from '../model/types.js';

/**
 * How sure a SHAK → SOR migration is:
 * - `exact`: one unit valid on the date carries the SHAK (or, of several, exactly one has the
 *   ID27 level the SHAK's length stands for);
 * - `ambiguous`: several plausible units; `sorCode` is the best-ranked one, a person should confirm;
 * - `retired-successor`: only retired units carry the SHAK; `sorCode` is the unit replacing them;
 * - `none`: no valid unit and no successor (`candidates` may list retired carriers).
 */
export type ShakMigrationConfidence = 'exact' | 'ambiguous' | 'retired-successor' | 'none';

/** One candidate SOR unit of a SHAK migration. */
export interface ShakCandidate {
  sorCode: string;
  name: string;
  level: Id27Level | null;
  /** True when the unit is not valid on the migration date. */
  retired: boolean;
}

/** The SOR unit a legacy SHAK code migrates to, with how sure that is. */
export interface ShakMigration {
  /** The SHAK code as looked up (trimmed). */
  shak: string;
  /** The SOR code to store instead, or null (`none`). */
  sorCode: string | null;
  name: string | null;
  /** The ID27 level of that unit: what replaces the SHAK sygehus / afdeling / afsnit meaning. */
  level: Id27Level | null;
  confidence: ShakMigrationConfidence;
  /** Every unit considered, best first: the carriers of the SHAK, or their successors. */
  candidates: ShakCandidate[];
}

/** What the migration reads from a catalog. */
export interface ShakMigrationSource {
  byShak(shak: string, asOf: string): readonly SorUnit[];
  get(sorCode: string): SorUnit | undefined;
}

/**
 * Migrates one SHAK code to a SOR code on a date. Carriers come ranked from `byShak` (valid first,
 * then the level matching the SHAK's length). Retired carriers are followed through `replacedBy`,
 * also across several replacements, to the successors valid on the date.
 */
export function migrateShak(source: ShakMigrationSource, code: string, asOf: string): ShakMigration {
  const shak = code.trim();
  const valid = (unit: SorUnit) => isValidOn(unit.validFrom, unit.validTo, asOf);
  const candidate = (unit: SorUnit): ShakCandidate => ({
    sorCode: unit.sorCode,
    name: unit.name,
    level: unit.level,
    retired: !valid(unit),
  });
  const result = (
    confidence: ShakMigrationConfidence,
    chosen: SorUnit | null,
    units: readonly SorUnit[],
  ): ShakMigration => ({
    shak,
    sorCode: chosen?.sorCode ?? null,
    name: chosen?.name ?? null,
    level: chosen?.level ?? null,
    confidence,
    candidates: units.map(candidate),
  });

  const carriers = source.byShak(shak, asOf);
  const active = carriers.filter(valid);
  if (active.length > 0) {
    if (active.length === 1) return result('exact', active[0], carriers);
    const expected = shakLevel(shak);
    const matching = active.filter((unit) => unit.level?.name === expected);
    return matching.length === 1
      ? result('exact', matching[0], carriers)
      : result('ambiguous', active[0], carriers);
  }

  const successors = successorsOf(source, carriers, valid);
  if (successors.length === 0) return result('none', null, carriers);
  return result(successors.length === 1 ? 'retired-successor' : 'ambiguous', successors[0], successors);
}

// The valid units replacing the given ones, following chains of replacements (cycles are cut).
function successorsOf(
  source: ShakMigrationSource,
  units: readonly SorUnit[],
  valid: (unit: SorUnit) => boolean,
): SorUnit[] {
  const seen = new Set(units.map((unit) => unit.sorCode));
  const found = new Map<string, SorUnit>();
  let frontier = [...units];
  while (frontier.length > 0) {
    const next: SorUnit[] = [];
    for (const unit of frontier) {
      for (const code of unit.replacedBy) {
        if (seen.has(code)) continue;
        seen.add(code);
        const successor = source.get(code);
        if (!successor) continue;
        if (valid(successor)) found.set(code, successor);
        else next.push(successor);
      }
    }
    frontier = next;
  }
  return [...found.values()];
}

/** What a stored cell that should hold a SHAK code holds, as `classifyShakCell` sees it. */
export type ShakCellKind =
  'shak' | 'empty' | 'sor-code' | 'spreadsheet-damaged' | 'pseudo-code' | 'invalid-sor-code' | 'not-shak';

/** A cell's kind and, for any kind but `shak`, why it is not migrated. */
export interface ShakCellCheck {
  kind: ShakCellKind;
  /** The trimmed value. */
  value: string;
  /** Why the cell passes through unmigrated; empty for a SHAK code. */
  note: string;
}

/**
 * Sorts a stored cell before migration: a SHAK code to migrate, or something to pass through with a
 * note — empty, a SOR code already, a spreadsheet-damaged number (scientific notation, decimals,
 * a 16–18 digit SOR code whose last digits were zeroed: a spreadsheet keeps 15 significant
 * digits), a local pseudo-code (a SHAK plus `99999`), or anything else with the reason.
 */
export function classifyShakCell(cell: string): ShakCellCheck {
  const value = cell.trim();
  const check = (kind: ShakCellKind, note: string): ShakCellCheck => ({ kind, value, note });
  if (value === '') return check('empty', 'empty cell: nothing to migrate');
  if (/^[+-]?\d+([.,]\d+)?e[+-]?\d+$/i.test(value))
    return check(
      'spreadsheet-damaged',
      `spreadsheet-damaged: ${value} is a number in scientific notation, its digits are lost; take the code from the source system`,
    );
  if (/^\d+[.,]\d+$/.test(value))
    return check(
      'spreadsheet-damaged',
      `spreadsheet-damaged: ${value} is a number with decimals; a code has none (was the column formatted as a number?)`,
    );
  if (checkSorCode(value).valid) {
    if (sorCheckDigitMatches(value)) return check('sor-code', 'already a SOR code: nothing to migrate');
    if (value.length >= 16 && value.endsWith('0'))
      return check(
        'spreadsheet-damaged',
        `spreadsheet-damaged: ${value} looks like a SOR code whose last digits a spreadsheet zeroed (15 significant digits kept): its check digit does not match`,
      );
    return check(
      'invalid-sor-code',
      `${value} has the shape of a SOR code, but its check digit does not match`,
    );
  }
  const pseudo = /^(.+)99999$/.exec(value);
  if (pseudo && checkShak(pseudo[1]).valid)
    return check(
      'pseudo-code',
      `a local pseudo-code (SHAK ${pseudo[1]} + 99999), neither a SHAK nor a SOR code; migrate SHAK ${pseudo[1]} if that is what it stands for`,
    );
  const shak = checkShak(value);
  if (!shak.valid) return check('not-shak', `not a SHAK code: ${shak.reason}`);
  return check('shak', '');
}

/**
 * One line a person can act on, for a migration made on `asOf`: which units carry the SHAK, what
 * `sorCode` was chosen and why, or why none was. Empty for an exact match by the only carrier.
 */
export function describeMigration(migration: ShakMigration, asOf: string, snapshotId: string): string {
  const { shak, candidates } = migration;
  const codes = (list: readonly ShakCandidate[]) => list.map((c) => c.sorCode).join(', ');
  switch (migration.confidence) {
    case 'exact':
      if (candidates.length === 1) return '';
      return `${candidates.length} units carry SHAK ${shak}; this is the only one valid on ${asOf}${candidates.filter((c) => !c.retired).length > 1 ? ` at the level a ${shak.length}-character SHAK stands for (${shakLevel(shak)})` : ''}`;
    case 'ambiguous': {
      const valid = candidates.filter((c) => !c.retired);
      return `${valid.length} units valid on ${asOf} could replace SHAK ${shak}: confirm which (sor_code is the best ranked)`;
    }
    case 'retired-successor':
      return `the units carrying SHAK ${shak} are retired on ${asOf}; sor_code is the unit that replaces them`;
    case 'none':
      return candidates.length === 0
        ? `no unit in snapshot ${snapshotId} carries SHAK ${shak}`
        : `only units retired on ${asOf} carry SHAK ${shak} (${codes(candidates)}), and none names a valid successor`;
  }
}

/** Splits pasted text (one code a line, or comma / semicolon / tab separated) into SHAK codes. */
export function parseShakList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((code) => code.trim().replace(/^"|"$/g, ''))
    .filter((code) => code !== '' && !/^shak$/i.test(code));
}

/** A CSV (semicolon separated, as Danish spreadsheets expect) of migrations, with a header row. */
export function shakMigrationCsv(rows: readonly ShakMigration[]): string {
  const cell = (value: string | null) => {
    const text = value ?? '';
    return /[";\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [['SHAK', 'SOR', 'Name', 'ID27Level', 'ID27LevelCode', 'Confidence', 'Candidates']];
  for (const row of rows) {
    lines.push([
      row.shak,
      row.sorCode ?? '',
      row.name ?? '',
      row.level?.name ?? '',
      row.level?.code ?? '',
      row.confidence,
      row.candidates.map((c) => c.sorCode).join(' '),
    ]);
  }
  return lines.map((line) => line.map(cell).join(';')).join('\r\n') + '\r\n';
}
