// What every `sor-snapshot` command is made of, and the argument checks they share. The command
// table and the dispatcher are in `../main.ts`.
import type { ParseArgsConfig } from 'node:util';
import { CliError, EXIT } from '../cli-error.js';

/** Output seams so tests can run the CLI in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: progress is then a bar redrawn in place. */
  isTty: boolean;
}

/** The options a command declares, as `node:util` `parseArgs` takes them. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

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

/** A usage error of `command`: what is wrong, and where to read the options. */
export function usageError(command: string, message: string): CliError {
  return new CliError(
    `${command}: ${message}; run "sor-snapshot ${command} --help" for the options`,
    EXIT.usage,
  );
}

/**
 * An option's whole-number value; `fallback` when it is absent (without one, the option is
 * required). Anything but digits is a usage error naming the flag.
 */
export function wholeNumberOption(
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
