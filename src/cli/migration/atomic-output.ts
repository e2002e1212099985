// Output that appears whole or not at all: a failed run must leave no half-migrated file that a
// later step could take for the result.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { MigrateInputError } from './migrate-csv.js';

/** Writes bytes to a stream, resolving once the stream can take more (its backpressure). */
export async function writeToStream(stream: NodeJS.WritableStream, bytes: Uint8Array): Promise<void> {
  if (!stream.write(bytes)) await once(stream, 'drain');
}

/**
 * Runs `produce` writing into a temporary file beside `out`, renamed to `out` once it is complete:
 * a run that fails leaves neither a partial `out` nor the temporary file (an existing `out` stays).
 */
export async function writeAtomically<T>(
  out: string,
  produce: (write: (bytes: Uint8Array) => Promise<void>) => Promise<T>,
): Promise<T> {
  const temp = join(dirname(out), `.${basename(out)}.${randomBytes(6).toString('hex')}.partial`);
  const stream = createWriteStream(temp, { flags: 'wx' });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  try {
    await Promise.race([once(stream, 'open'), failed]);
    const result = await produce((bytes) => Promise.race([writeToStream(stream, bytes), failed]));
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
    await rename(temp, out);
    return result;
  } catch (error) {
    stream.destroy();
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code) && !(error instanceof MigrateInputError))
      throw new MigrateInputError(`${out}: cannot write the output (${(error as Error).message})`);
    throw error;
  }
}
