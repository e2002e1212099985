import { EXIT } from '../cli-error.js';
import { generateSorXml } from '../synthetic/generate.js';
import { usageError, wholeNumberOption, type CliCommand } from './command.js';

/** `sor-snapshot generate`: a synthetic export on stdout, for load tests and demos. */
export const generateCommand: CliCommand = {
  name: 'generate',
  usage: 'sor-snapshot generate --units N [--seed S] [--night K] [--levels-file <id27.csv>] > export.xml',
  summary: 'a deterministic, SYNTHETIC national-scale SOR XML export on stdout (for tests and demos)',
  help: `Writes a deterministic, SYNTHETIC SOR XML export to stdout, labelled so in its header (a
snapshot built from it says SYNTHETIC). Real Danish hospital and place names, invented codes:
never use its codes in production.

Options:
  --units N                 how many units (at least 500)
  --seed S                  the random seed (default 1): the same seed gives the same export
  --night K                 the export K nights later (about 1 % changed a night, some units added,
                            some removed; default 0)
  --levels-file <id27.csv>  also write the ID27 levels as a side file (and leave them out of the XML)

Example:
  sor-snapshot generate --units 100000 --seed 1 > export.xml`,
  allowPositionals: false,
  options: {
    units: { type: 'string' },
    seed: { type: 'string' },
    night: { type: 'string' },
    'levels-file': { type: 'string' },
  },
  async run({ values }, io) {
    const options = {
      units: wholeNumberOption('generate', values.units, '--units'),
      seed: wholeNumberOption('generate', values.seed, '--seed', 1),
      night: wholeNumberOption('generate', values.night, '--night', 0),
      levelsFile: values['levels-file'] as string | undefined,
      write: io.stdout,
    };
    try {
      await generateSorXml(options);
    } catch (error) {
      // The generator checks its own bounds (e.g. the fewest units it can lay out a tree with).
      if (error instanceof RangeError) throw usageError('generate', error.message);
      throw error;
    }
    return EXIT.ok;
  },
};
