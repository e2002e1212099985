import type { CliIo } from '../../src/cli/commands/command.js';

/** A `CliIo` that keeps what a command prints, for tests that call a command's `run` directly. */
export function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    isTty: false,
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}
