/**
 * The exit codes of `sor-snapshot` (documented in the README's CLI section). A nightly job can
 * tell "the export is bad" (1) from "the job is misconfigured" (2, 3) and "the data looks wrong
 * enough that a person should look" (4).
 */
export const EXIT = {
  ok: 0,
  /** Bad input or a damaged snapshot: the export, the side file, `--previous`, `inspect`'s check. */
  input: 1,
  /** A usage error: unknown command or option, a missing or malformed argument. */
  usage: 2,
  /** `--out` refused: not a folder this tool made, not a folder, or another build is writing it. */
  out: 3,
  /** A publish guard refused the snapshot: no units, or far fewer than the snapshot it replaces. */
  guard: 4,
} as const;

/**
 * An error the operator can act on: printed as one line (`sor-snapshot: <message>`), no stack,
 * and the process exits with `exitCode`.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
