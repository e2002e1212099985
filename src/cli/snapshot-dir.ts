import type { SnapshotManifest } from '../snapshot/format.js';
import { manifestLocation, readManifestIfPresent } from '../node/snapshot-files.js';
import { CliError, EXIT } from './cli-error.js';

// The CLI reads snapshot folders with the Node entry's reader; only the operator's message for a
// folder that holds no snapshot is its own.
export {
  MANIFEST_FILE,
  SnapshotReadError,
  fileInFolder,
  readManifestIfPresent,
  readSnapshotDelta,
  readSnapshotUnits,
} from '../node/snapshot-files.js';

/** Reads and validates `<dir>/manifest.json`; a missing one is an operator's error saying what to give. */
export async function readManifest(
  dirOrManifest: string,
): Promise<{ dir: string; manifest: SnapshotManifest }> {
  const found = await readManifestIfPresent(dirOrManifest);
  if (found === null) {
    const { dir, file } = manifestLocation(dirOrManifest);
    throw new CliError(
      `no snapshot at ${dir} (${file} does not exist); give a folder that "sor-snapshot build --out" wrote`,
      EXIT.input,
    );
  }
  return found;
}
