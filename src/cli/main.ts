import { parseArgs, type ParseArgsConfig } from 'node:util';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SorImportError } from './import/errors.js';
import {
  MAX_UNIT_DROP_SHARE,
  StrictModeError,
  WARNINGS_SHOWN,
  buildSnapshot,
  countWarningsByRule,
  summariseWarnings,
  type BuildResult,
} from './build.js';
import { generateSorXml } from './generate.js';
import { inspectSnapshot } from './inspect.js';
import { ReadProgress } from './progress.js';
import { CliError, EXIT } from './cli-error.js';
import { MIGRATE_SHAK_HELP, MIGRATE_SHAK_OPTIONS, runMigrateShakParsed } from './migrate-shak.js';
import { SnapshotFetchError, SnapshotFormatError } from '../snapshot/errors.js';
import { SnapshotReadError } from '../node/snapshot-files.js';

/** Output seams so tests can run the CLI in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: progress is then a bar redrawn in place. */
  isTty: boolean;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
};

type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** What a command's `run` gets: its parsed options and positionals. */
export interface ParsedCommand {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * One `sor-snapshot` command. The dispatcher parses the options the command declares (so an
 * unknown option is a usage error naming the command), answers `--help` from `help`, and lists
 * `usage` and `summary` in the overall help. A new command is one more entry in `COMMANDS`.
 */
export interface CliCommand {
  name: string;
  /** One line: `sor-snapshot <name> <arguments> [options]`. */
  usage: string;
  /** One line for the overall help. */
  summary: string;
  /** The command's `--help`: what it does, each option, examples. */
  help: string;
  options: CommandOptions;
  /** Whether it takes positional arguments (files, folders). */
  allowPositionals: boolean;
  /** Runs the command; resolves to the exit code. Throw `CliError` for anything the operator can fix. */
  run(parsed: ParsedCommand, io: CliIo): Promise<number>;
}

function usageError(command: string, message: string): CliError {
  return new CliError(
    `${command}: ${message}; run "sor-snapshot ${command} --help" for the options`,
    EXIT.usage,
  );
}

function integer(
  command: string,
  value: string | boolean | undefined,
  flag: string,
  fallback?: number,
): number {
  if (value === undefined) {
    if (fallback === undefined) throw usageError(command, `${flag} is required`);
    return fallback;
  }
  if (typeof value !== 'string' || !/^\d+$/.test(value))
    throw usageError(command, `${flag} must be a whole number, got "${String(value)}"`);
  return Number(value);
}

/** The machine-readable summary `build --json` prints: one JSON document on stdout. */
export interface BuildSummary {
  ok: true;
  out: string;
  snapshot: { id: string; sourceDate: string; unitCount: number; synthetic: string | null };
  full: { url: string; bytes: number; jsonBytes: number };
  delta: { url: string; from: string; upserts: number; removed: number; bytes: number } | null;
  deltasInHistory: number;
  firstNight: boolean;
  inputBytes: number;
  seconds: number;
  warnings: {
    count: number;
    byRule: Record<string, number>;
    first: {
      rule: string;
      sorCode: string | null;
      file: string;
      line: number;
      column: number;
      detail?: string;
    }[];
  };
}

function buildSummary(out: string, result: BuildResult, seconds: number): BuildSummary {
  const { manifest, delta } = result;
  return {
    ok: true,
    out,
    snapshot: {
      id: manifest.id,
      sourceDate: manifest.sourceDate,
      unitCount: manifest.unitCount,
      synthetic: manifest.synthetic?.label ?? null,
    },
    full: { url: manifest.full.url, bytes: manifest.full.bytes, jsonBytes: result.fullJsonBytes },
    delta: delta
      ? {
          url: delta.url,
          from: delta.from,
          upserts: delta.upserts,
          removed: delta.removed,
          bytes: delta.bytes,
        }
      : null,
    deltasInHistory: manifest.deltas.length,
    firstNight: result.firstNight !== null,
    inputBytes: result.inputBytes,
    seconds: Number(seconds.toFixed(2)),
    warnings: {
      count: result.warnings.length,
      byRule: Object.fromEntries(countWarningsByRule(result.warnings)),
      first: result.warnings.slice(0, WARNINGS_SHOWN).map((warning) => ({
        rule: warning.rule,
        sorCode: warning.sorCode,
        ...warning.position,
        ...(warning.detail === undefined ? {} : { detail: warning.detail }),
      })),
    },
  };
}

const OUTPUT_OPTIONS_HELP = `  --quiet              print nothing but errors (no progress, warnings or summary)
  --json               print a machine-readable summary on stdout (for CI logs); errors too, as
                       {"ok":false,"exitCode":N,"error":"…"}`;

const buildCommand: CliCommand = {
  name: 'build',
  usage:
    'sor-snapshot build <export.xml> --out <dir> [--levels <id27.csv>] [--edi-code-names <codes.csv>] [--previous <dir>] [--history N] [--strict] [--force] [--allow-shrink] [--quiet] [--json]',
  summary: 'SOR XML export → snapshot folder (manifest.json + hash-verified, content-addressed payloads)',
  help: `Streams the export, resolves inheritance, joins ID27 levels and publishes the snapshot into --out:
payloads first (content-addressed, never overwritten), manifest.json replaced atomically last, so
--out can be served directly and always holds a whole snapshot. With --previous, also a delta from
that snapshot and its delta history.

Options:
  --out <dir>          the snapshot folder (required). It must be new, empty, or a folder this
                       tool wrote (it holds a .sor-snapshot marker); a symbolic link is followed
  --levels <id27.csv>  the ID27 side file (SorId;OrganisationalLevelCode;OrganisationalLevelName)
  --edi-code-names <codes.csv>
                       names for the EDI codes of the EAN entities (Kind;Code;Name, e.g.
                       SystemType;1611000045003;Lægesystem); without it the codes are shown
  --previous <dir>     last night's snapshot folder, for the delta; a folder without a snapshot is
                       the first night (built without a delta, exit 0)
  --history N          how many deltas the manifest keeps (default 7)
  --strict             warnings (check digit, empty name, unknown ID27 level) become errors
  --force              write into a non-empty folder that holds no snapshot (nothing there is deleted)
  --allow-shrink       publish even 0 units, or more than ${MAX_UNIT_DROP_SHARE * 100} % fewer units than --previous
${OUTPUT_OPTIONS_HELP}

Progress goes to stderr (a bar on a terminal, a line every 5 s in a log); then the first
${WARNINGS_SHOWN} warnings, and the summary on stdout.

Example (a nightly job; the first night needs no earlier snapshot):
  sor-snapshot build sor-export.xml --levels id27.csv --previous ./snapshot --out ./snapshot`,
  allowPositionals: true,
  options: {
    out: { type: 'string' },
    levels: { type: 'string' },
    'edi-code-names': { type: 'string' },
    previous: { type: 'string' },
    history: { type: 'string' },
    strict: { type: 'boolean' },
    force: { type: 'boolean' },
    'allow-shrink': { type: 'boolean' },
    quiet: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1)
      throw usageError('build', `takes exactly one export file, got ${positionals.length}`);
    if (typeof values.out !== 'string' || values.out === '') throw usageError('build', 'needs --out <dir>');
    const input = positionals[0];
    const out = values.out;
    const quiet = values.quiet === true;
    const json = values.json === true;
    const history = values.history === undefined ? undefined : integer('build', values.history, '--history');
    if (history === 0) throw usageError('build', '--history must be at least 1');
    const inputInfo = await stat(input).catch(() => null);
    const progress = quiet
      ? null
      : new ReadProgress({
          write: io.stderr,
          isTty: io.isTty,
          label: basename(input),
          totalBytes: inputInfo?.size ?? null,
        });
    const started = performance.now();
    let result: BuildResult;
    try {
      result = await buildSnapshot({
        input,
        out,
        levelsFile: values.levels as string | undefined,
        ediCodeNamesFile: values['edi-code-names'] as string | undefined,
        previous: values.previous as string | undefined,
        strict: values.strict === true,
        force: values.force === true,
        allowShrink: values['allow-shrink'] === true,
        history,
        onProgress: progress ? (bytes, units) => progress.update(bytes, units) : undefined,
        onRead: progress ? (bytes, units) => progress.finish(bytes, units) : undefined,
      });
    } catch (error) {
      progress?.abandon();
      throw error;
    }
    const seconds = (performance.now() - started) / 1000;
    const { manifest } = result;
    if (!quiet) {
      if (result.firstNight !== null) {
        io.stderr(
          `--previous ${result.firstNight} holds no snapshot yet: first night, built without a delta\n`,
        );
      }
      for (const line of summariseWarnings(result.warnings)) io.stderr(`${line}\n`);
    }
    if (json) {
      io.stdout(`${JSON.stringify(buildSummary(out, result, seconds))}\n`);
    } else if (!quiet) {
      io.stdout(
        [
          `built ${out}: snapshot ${manifest.id} (${manifest.sourceDate}), ${manifest.unitCount} units${manifest.synthetic ? ' [SYNTHETIC]' : ''}`,
          `  full ${manifest.full.url}: ${manifest.full.bytes} bytes gzip (${(manifest.full.bytes / Math.max(1, manifest.unitCount)).toFixed(1)} B/unit), ${result.fullJsonBytes} bytes JSON`,
          result.delta
            ? `  delta ${result.delta.url}: ${result.delta.upserts} added or changed, ${result.delta.removed} removed, ${result.delta.bytes} bytes`
            : `  no new delta${result.firstNight !== null ? ' (first night)' : values.previous ? ' (same snapshot as --previous)' : ''}`,
          `  ${manifest.deltas.length} delta(s) in history; ${(result.inputBytes / 1e6).toFixed(1)} MB read in ${seconds.toFixed(1)} s`,
          `  ${result.warnings.length} warning(s)`,
        ].join('\n') + '\n',
      );
    }
    return EXIT.ok;
  },
};

const generateCommand: CliCommand = {
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
      units: integer('generate', values.units, '--units'),
      seed: integer('generate', values.seed, '--seed', 1),
      night: integer('generate', values.night, '--night', 0),
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

const inspectCommand: CliCommand = {
  name: 'inspect',
  usage: 'sor-snapshot inspect <dir|manifest.json> [--json]',
  summary: 'verifies every file of a snapshot and prints its counts and delta history',
  help: `Reads a snapshot folder (or its manifest.json), verifies the SHA-256 of every file the manifest
lists and prints counts per kind, ID27 level and region, the date range and the delta history.
Exit code 1 if any file is missing or fails its hash, or the manifest names a file outside the folder.

Options:
  --json   print {"ok", "snapshot" (the manifest), "files": [{"url","ok","message"}]} on stdout

Example:
  sor-snapshot inspect ./snapshot`,
  allowPositionals: true,
  options: { json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw usageError('inspect', 'takes one snapshot folder or manifest.json');
    const report = await inspectSnapshot(positionals[0]);
    const ok = report.files.every((file) => file.ok);
    if (values.json === true) {
      io.stdout(`${JSON.stringify({ ok, snapshot: report.manifest, files: report.files })}\n`);
    } else {
      io.stdout(`${report.lines.join('\n')}\n`);
    }
    return ok ? EXIT.ok : EXIT.input;
  },
};

const migrateShakCommand: CliCommand = {
  name: 'migrate-shak',
  usage:
    'sor-snapshot migrate-shak <in.csv> --snapshot <dir> --column <name|N> [--as-of YYYY-MM-DD] [--out <out.csv>]',
  summary: 'adds SOR code, ID27 level and confidence to every row of a CSV of stored SHAK codes',
  help: MIGRATE_SHAK_HELP.replace(/^Usage:\n(?:.*\n)*?\n/, ''),
  allowPositionals: true,
  options: MIGRATE_SHAK_OPTIONS,
  run: ({ values, positionals }, io) => runMigrateShakParsed(values, positionals, io),
};

/** Every command, in the order the overall help lists them. */
export const COMMANDS: CliCommand[] = [buildCommand, generateCommand, inspectCommand, migrateShakCommand];

function overallHelp(): string {
  return [
    'sor-snapshot: SOR XML export → compact, versioned, hash-verified snapshot',
    '',
    'Usage:',
    ...COMMANDS.map((command) => `  ${command.usage}`),
    '  sor-snapshot <command> --help',
    '',
    ...COMMANDS.map((command) => `${command.name.padEnd(14)}${command.summary}`),
    '',
    `Exit codes: ${EXIT.ok} done; ${EXIT.input} bad input or damaged snapshot; ${EXIT.usage} usage error;`,
    `${EXIT.out} --out refused (not a snapshot folder, or another build is writing it);`,
    `${EXIT.guard} publish guard (0 units, or a large drop against the snapshot replaced).`,
  ].join('\n');
}

/** A node:util parseArgs error as one line naming the command and what to do. */
function parseArgsMessage(command: string, error: Error): CliError {
  const unknown = /Unknown option '([^']+)'/.exec(error.message);
  if (unknown) return usageError(command, `unknown option ${unknown[1]}`);
  const missing = /Option '(-[^ ']+)[^']*' argument missing/.exec(error.message);
  if (missing) return usageError(command, `${missing[1]} needs a value`);
  const positional = /Unexpected argument '([^']+)'/.exec(error.message);
  if (positional) return usageError(command, `takes no argument "${positional[1]}"`);
  return usageError(command, error.message.split('\n')[0].replace(/\.$/, ''));
}

/** Any error as the one line the operator reads, and the exit code. */
function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (
    error instanceof SorImportError ||
    error instanceof StrictModeError ||
    error instanceof SnapshotFormatError ||
    error instanceof SnapshotFetchError ||
    error instanceof SnapshotReadError
  ) {
    return { message: error.message, exitCode: EXIT.input };
  }
  const errno = error as NodeJS.ErrnoException;
  if (typeof errno.code === 'string' && typeof errno.syscall === 'string') {
    // A file-system failure (no such file, permission denied, disk full): the path and the reason.
    return {
      message: `${errno.message}; check the path, its permissions and the free space`,
      exitCode: EXIT.input,
    };
  }
  return {
    message: `internal error: ${(error as Error)?.message ?? String(error)} (set SOR_SNAPSHOT_DEBUG=1 to see where, and please report it)`,
    exitCode: EXIT.input,
  };
}

/** Runs the CLI with arguments (without `node` and the script); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  const wantsJson = rest.includes('--json');
  try {
    if (name === undefined) {
      io.stderr(`${overallHelp()}\n`);
      return EXIT.usage;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      const about = name === 'help' ? COMMANDS.find((command) => command.name === rest[0]) : undefined;
      io.stdout(`${about ? `${about.usage}\n\n${about.help}` : overallHelp()}\n`);
      return EXIT.ok;
    }
    const command = COMMANDS.find((candidate) => candidate.name === name);
    if (!command) {
      throw new CliError(
        `unknown command "${name}"; the commands are ${COMMANDS.map((known) => known.name).join(', ')} (run "sor-snapshot --help")`,
        EXIT.usage,
      );
    }
    let parsed: ParsedCommand;
    try {
      parsed = parseArgs({
        args: rest,
        allowPositionals: command.allowPositionals,
        strict: true,
        options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      }) as ParsedCommand;
    } catch (error) {
      throw parseArgsMessage(command.name, error as Error);
    }
    if (parsed.values.help === true) {
      io.stdout(`${command.usage}\n\n${command.help}\n`);
      return EXIT.ok;
    }
    return await command.run(parsed, io);
  } catch (error) {
    const { message, exitCode } = describeError(error);
    io.stderr(`sor-snapshot: error: ${message}\n`);
    if (process.env.SOR_SNAPSHOT_DEBUG && error instanceof Error && error.stack)
      io.stderr(`${error.stack}\n`);
    if (wantsJson) io.stdout(`${JSON.stringify({ ok: false, exitCode, error: message })}\n`);
    return exitCode;
  }
}

// Run when executed directly (node --import tsx src/cli/main.ts, or the bundled bin), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
