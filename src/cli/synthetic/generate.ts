import { writeFile } from 'node:fs/promises';
import { ID27_CSV_HEADER } from '../import/id27-csv.js';
import { evolveOneNight } from './evolve.js';
import { populateRegister } from './national-register.js';
import { GENERATED_BASE_DATE, SyntheticRegister, addDays } from './register.js';
import { writeSorXml } from './write-xml.js';

export { GENERATED_BASE_DATE } from './register.js';
export { generatedLevelCode } from './write-xml.js';

/** The smallest export the generator makes: every region, hospital and municipality needs a unit. */
export const MIN_GENERATED_UNITS = 500;
/**
 * Raised whenever the generator makes different data for the same options: caches of generated
 * data (the relevance and bench snapshots) compare it through the export's label.
 */
export const GENERATOR_VERSION = 4;

/** Options of `generateSorXml`. */
export interface GenerateOptions {
  units: number;
  seed: number;
  /** Nights after the base export (0 = the base). Each night changes ≈1% and adds/removes some. */
  night?: number;
  /** When set, ID27 levels go to this side file instead of into the XML. */
  levelsFile?: string;
  /** Receives the XML in chunks. */
  write: (chunk: string) => void;
}

/**
 * Writes a deterministic, realistic, SYNTHETIC SOR XML export (the real structure and namespaces)
 * of exactly `units` entities for night 0; later nights differ by their changes. The same options
 * give the same bytes (for a given `GENERATOR_VERSION`). Throws a `RangeError` below
 * `MIN_GENERATED_UNITS`.
 */
export async function generateSorXml(
  options: GenerateOptions,
): Promise<{ units: number; snapshotDate: string }> {
  if (options.units < MIN_GENERATED_UNITS)
    throw new RangeError(`--units must be at least ${MIN_GENERATED_UNITS}`);
  const register = new SyntheticRegister(options.seed);
  populateRegister(register, options.units);
  const night = options.night ?? 0;
  for (let n = 1; n <= night; n++) {
    register.snapshotDate = addDays(GENERATED_BASE_DATE, n);
    evolveOneNight(register);
  }
  register.snapshotDate = addDays(GENERATED_BASE_DATE, night);
  register.tidyNames();
  const csv: string[] = [ID27_CSV_HEADER.join(';')];
  writeSorXml(register, {
    comment: `SYNTHETIC SOR export made by sor-snapshot generate (units ${options.units}, seed ${options.seed}, night ${night}, generator ${GENERATOR_VERSION}); not real register data`,
    write: options.write,
    onLevel: options.levelsFile
      ? (sorCode, levelCode, levelName) => csv.push(`${sorCode};${levelCode};${levelName}`)
      : undefined,
  });
  if (options.levelsFile) await writeFile(options.levelsFile, `${csv.join('\n')}\n`);
  return { units: register.all.length, snapshotDate: register.snapshotDate };
}
