import { shakLevel } from '../model/codes.js';
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
