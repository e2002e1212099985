import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { SorImportError } from './import/errors.js';
import { StrictModeError } from './build.js';
import { CliError, EXIT } from './cli-error.js';
import { MIGRATE_SHAK_HELP, MIGRATE_SHAK_OPTIONS, runMigrateShakParsed } from './commands/migrate-shak.js';
import { SnapshotFetchError, SnapshotFormatError } from '../snapshot/errors.js';
import { SnapshotReadError } from '../node/snapshot-files.js';
import { usageError, type CliCommand, type CliIo, type ParsedCommand } from './commands/command.js';
import { buildCommand } from './commands/build.js';
import { generateCommand } from './commands/generate.js';
import { inspectCommand } from './commands/inspect.js';

export type { CliCommand, CliIo, ParsedCommand } from './commands/command.js';
export type { BuildSummary } from './commands/build.js';

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
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
