import { EXIT } from '../cli-error.js';
import { inspectSnapshot } from '../inspect.js';
import { usageError, type CliCommand } from './command.js';

/** `sor-snapshot inspect`: verifies a snapshot folder and prints what it holds. */
export const inspectCommand: CliCommand = {
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
