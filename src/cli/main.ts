import { parseArgs } from 'node:util';
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { SorImportError } from './import/errors.js';
import { StrictModeError, buildSnapshot, summariseWarnings } from './build.js';
import { generateSorXml } from './generate.js';
import { inspectSnapshot } from './inspect.js';
import { runMigrateShak } from './migrate-shak.js';
import { SnapshotFetchError, SnapshotFormatError } from '../snapshot/errors.js';

const HELP = `sor-snapshot: SOR XML export → compact, versioned, hash-verified snapshot

Usage:
  sor-snapshot build <export.xml> --out <dir> [--levels <id27.csv>] [--previous <dir>] [--history N] [--strict]
  sor-snapshot generate --units N --seed S [--night K] [--levels-file <id27.csv>] > export.xml
  sor-snapshot inspect <dir|manifest.json>
  sor-snapshot migrate-shak <in.csv> --snapshot <dir> --column <name|N> [--as-of YYYY-MM-DD] [--out <out.csv>]
  sor-snapshot --help

build     Streams the export, resolves inheritance, writes manifest.json + full-<id>.json.gz into --out
          (atomically); with --previous, also a delta from that snapshot and its delta history.
          --strict turns warnings (check digit, empty name, unknown ID27 level) into errors.
generate  Writes a deterministic, SYNTHETIC national-scale SOR XML export to stdout. --night K
          gives the export K nights later (about 1% changed per night, some units added, some removed).
          --levels-file also writes the ID27 levels as a side file (and leaves them out of the XML).
inspect   Verifies every file's SHA-256 and prints counts per kind, ID27 level and region,
          the date range and the delta history. Exit code 1 if any file fails.
migrate-shak  Streams a CSV of stored SHAK codes and adds sor_code, sor_name, id27_level, confidence,
          candidates and note to every row (catalog.migrateShak's rules); a report goes to stderr.
          "sor-snapshot migrate-shak --help" lists its options.`;

/** Output seams so tests can run the CLI in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTty: boolean;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
};

function integer(value: string | undefined, flag: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`${flag} is required`);
    return fallback;
  }
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number, got "${value}"`);
  return Number(value);
}

class UsageError extends Error {}

/** Runs the CLI with arguments (without `node` and the script); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(`${HELP}\n`);
      return command === undefined ? 1 : 0;
    }
    if (command === 'build') {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          out: { type: 'string' },
          levels: { type: 'string' },
          previous: { type: 'string' },
          history: { type: 'string' },
          strict: { type: 'boolean', default: false },
        },
      });
      if (positionals.length !== 1) throw new UsageError('build takes exactly one export file');
      if (!values.out) throw new UsageError('build needs --out <dir>');
      const input = positionals[0];
      const total = (await stat(input).catch(() => null))?.size ?? 0;
      const started = performance.now();
      const result = await buildSnapshot({
        input,
        out: values.out,
        levelsFile: values.levels,
        previous: values.previous,
        strict: values.strict,
        history: values.history === undefined ? undefined : integer(values.history, '--history'),
        onProgress: io.isTty
          ? (bytes) => io.stderr(`\rreading ${input}: ${total ? Math.round((bytes / total) * 100) : 0}%`)
          : undefined,
      });
      if (io.isTty) io.stderr('\n');
      const { manifest } = result;
      const seconds = (performance.now() - started) / 1000;
      io.stdout(
        [
          `built ${values.out}: snapshot ${manifest.id} (${manifest.sourceDate}), ${manifest.unitCount} units${manifest.synthetic ? ' [SYNTHETIC]' : ''}`,
          `  full ${manifest.full.url}: ${manifest.full.bytes} bytes gzip (${(manifest.full.bytes / Math.max(1, manifest.unitCount)).toFixed(1)} B/unit), ${result.fullJsonBytes} bytes JSON`,
          result.delta
            ? `  delta ${result.delta.url}: ${result.delta.upserts} added or changed, ${result.delta.removed} removed, ${result.delta.bytes} bytes`
            : `  no new delta${values.previous ? ' (same snapshot as --previous)' : ''}`,
          `  ${manifest.deltas.length} delta(s) in history; ${(result.inputBytes / 1e6).toFixed(1)} MB read in ${seconds.toFixed(1)} s`,
          `  ${result.warnings.length} warning(s)`,
          ...summariseWarnings(result.warnings),
        ].join('\n') + '\n',
      );
      return 0;
    }
    if (command === 'generate') {
      const { values } = parseArgs({
        args: rest,
        options: {
          units: { type: 'string' },
          seed: { type: 'string', default: '1' },
          night: { type: 'string', default: '0' },
          'levels-file': { type: 'string' },
        },
      });
      await generateSorXml({
        units: integer(values.units, '--units'),
        seed: integer(values.seed, '--seed'),
        night: integer(values.night, '--night'),
        levelsFile: values['levels-file'],
        write: io.stdout,
      });
      return 0;
    }
    if (command === 'migrate-shak') return await runMigrateShak(rest, io);
    if (command === 'inspect') {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
      if (positionals.length !== 1)
        throw new UsageError('inspect takes one snapshot folder or manifest.json');
      const report = await inspectSnapshot(positionals[0]);
      io.stdout(`${report.lines.join('\n')}\n`);
      return report.files.every((file) => file.ok) ? 0 : 1;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`sor-snapshot: ${(error as Error).message}\nRun "sor-snapshot --help" for usage.\n`);
      return 2;
    }
    if (
      error instanceof SorImportError ||
      error instanceof StrictModeError ||
      error instanceof SnapshotFormatError ||
      error instanceof SnapshotFetchError
    ) {
      io.stderr(`sor-snapshot: error: ${error.message}\n`);
      return 1;
    }
    io.stderr(`sor-snapshot: error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

// Run when executed directly (node --import tsx src/cli/main.ts, or the bundled bin), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
