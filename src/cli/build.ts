import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { gzip as gzipCallback } from 'node:zlib';
import { promisify } from 'node:util';
import { encodeFull, withSnapshotId } from '../snapshot/codec.js';
import { encodeDelta } from '../snapshot/delta.js';
import {
  DEFAULT_DELTA_HISTORY,
  SNAPSHOT_FORMAT,
  SNAPSHOT_FORMAT_VERSION,
  type SnapshotDeltaRef,
  type SnapshotFileRef,
  type SnapshotManifest,
} from '../snapshot/format.js';
import { formatPosition } from './import/errors.js';
import { importExport, type BuildWarning, type ImportResult } from './import/import-export.js';
import type { SorXmlSource } from './import/xml-source.js';
import { fileInFolder, readManifestIfPresent, readSnapshotUnits } from './snapshot-dir.js';
import { OutFolder, type PublishStep } from './out-folder.js';
import { CliError, EXIT } from './cli-error.js';

// The build reads the export through `importExport`; callers (tests, scripts) import both from here.
export {
  importExport,
  type BuildWarning,
  type ImportResult,
  type WarningRule,
} from './import/import-export.js';

/** Options of `buildSnapshot`, as `sor-snapshot build` takes them. */
export interface BuildOptions {
  /** The export: a file, or a producer writing its XML (see `SorXmlSource`). */
  input: SorXmlSource;
  out: string;
  levelsFile?: string;
  /** The EDI code table (`Kind;Code;Name`), naming the EDI codes of the EAN entities. */
  ediCodeNamesFile?: string;
  /**
   * The previous snapshot folder, or a promise of it: it is awaited only once the new full payload
   * is encoded, so a caller (the demo data) can build the previous night meanwhile.
   */
  previous?: string | Promise<string>;
  strict?: boolean;
  /** How many deltas the manifest keeps (default 7). */
  history?: number;
  /** The build time written into the manifest (tests fix it). */
  now?: Date;
  /** Called as the export is read, with the bytes and units read so far. */
  onProgress?: (bytesRead: number, unitsRead: number) => void;
  /** Called once the export is read (before encoding and writing), with its bytes and units. */
  onRead?: (bytesRead: number, unitsRead: number) => void;
  /** Write into a non-empty `out` that holds no snapshot made by this tool (nothing there is deleted). */
  force?: boolean;
  /** Publish even 0 units, or a drop of more than `MAX_UNIT_DROP_SHARE` against the snapshot replaced. */
  allowShrink?: boolean;
  /** Called between the steps of publishing (tests kill the process there). */
  onPublishStep?: (step: PublishStep) => void;
}

/**
 * The largest share of units a build may lose against the snapshot it replaces without
 * `allowShrink`. SOR changes about 1 % a night; a larger drop is far likelier a truncated export.
 */
export const MAX_UNIT_DROP_SHARE = 0.1;

/** What a publish guard compared: the snapshot replaced (from `--previous`, else from `--out`). */
export interface ShrinkReference {
  where: string;
  unitCount: number;
}

/**
 * Refuses (exit code 4) to publish 0 units, or a drop of more than `MAX_UNIT_DROP_SHARE` of the
 * units of the snapshot replaced, unless `allowShrink`: a truncated export would empty every client.
 */
export function checkPublishGuards(
  unitCount: number,
  reference: ShrinkReference | null,
  allowShrink = false,
): void {
  if (allowShrink) return;
  if (unitCount === 0) {
    throw new CliError(
      `refusing to publish a snapshot of 0 units${reference ? ` (${reference.where} has ${reference.unitCount})` : ''}: the export looks empty or truncated; if that is really so, run again with --allow-shrink`,
      EXIT.guard,
    );
  }
  if (reference && unitCount < reference.unitCount * (1 - MAX_UNIT_DROP_SHARE)) {
    const drop = ((reference.unitCount - unitCount) / reference.unitCount) * 100;
    throw new CliError(
      `refusing to publish ${unitCount} units against ${reference.unitCount} in ${reference.where} (a drop of ${drop.toFixed(1)} %; at most ${MAX_UNIT_DROP_SHARE * 100} % is allowed): the export looks truncated; if SOR really shrank, run again with --allow-shrink`,
      EXIT.guard,
    );
  }
}

/** What a build did: the manifest written and the numbers for the summary. */
export interface BuildResult {
  manifest: SnapshotManifest;
  warnings: BuildWarning[];
  inputBytes: number;
  fullJsonBytes: number;
  delta: SnapshotDeltaRef | null;
  /** The `--previous` folder when it held no snapshot yet: the first night, built without a delta. */
  firstNight: string | null;
}

/** A build refused because warnings were made fatal by `--strict`. */
export class StrictModeError extends Error {
  constructor(readonly warnings: BuildWarning[]) {
    super(
      `--strict: ${warnings.length} warning(s) are fatal; first: ${formatPosition(warnings[0].position)}: ${warnings[0].sorCode ? `SOR ${warnings[0].sorCode}: ` : ''}${warnings[0].rule}`,
    );
    this.name = 'StrictModeError';
  }
}

/** A payload's manifest entry; with its `json`, also that JSON's size and hash (`decoded`). */
export function fileRef(url: string, bytes: Uint8Array, json?: Uint8Array): SnapshotFileRef {
  const sha256 = (of: Uint8Array) => createHash('sha256').update(of).digest('hex');
  const ref: SnapshotFileRef = { url, bytes: bytes.byteLength, sha256: sha256(bytes) };
  return json ? { ...ref, decoded: { bytes: json.byteLength, sha256: sha256(json) } } : ref;
}

const gzipAsync = promisify(gzipCallback);

/**
 * gzip -9 on libuv's thread pool, so the main thread can read and diff the previous snapshot
 * meanwhile (level 9 on a 7 MB payload takes seconds). Same zlib settings as `gzipSync`, so the
 * same bytes.
 */
function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return gzipAsync(bytes, { level: 9 });
}

/**
 * The full payload as JSON bytes with its id. Only the id, date and count of the payload object
 * leave this function: its columns are in the JSON now, and the object can go.
 */
async function encodeFullJson(
  imported: ImportResult,
  keepUnits: boolean,
): Promise<{ id: string; sourceDate: string; count: number; json: Uint8Array }> {
  const encoded = encodeFull(imported.units, imported.header.snapshotDate as string);
  // The payload holds every value the units had; without --previous, the unit objects can go
  // before serialising allocates megabytes of JSON.
  if (!keepUnits) imported.units = [];
  const { payload, bytes } = await withSnapshotId(encoded);
  return { id: payload.id, sourceDate: payload.sourceDate, count: payload.count, json: bytes };
}

/**
 * Builds a snapshot folder from an export: the full payload, a delta from `--previous` and the
 * manifest. `out` is checked and locked first (see `OutFolder`), so a wrong `--out` or a second
 * build fails before minutes of parsing; the files are published in place, payloads first and
 * `manifest.json` atomically last, so `out` can be served directly and always holds a whole
 * snapshot.
 */
export async function buildSnapshot(options: BuildOptions): Promise<BuildResult> {
  const folder = await OutFolder.open(options.out, { force: options.force });
  try {
    return await buildInto(folder, options);
  } finally {
    await folder.close();
  }
}

async function buildInto(folder: OutFolder, options: BuildOptions): Promise<BuildResult> {
  const imported = await importExport(options.input, {
    levelsFile: options.levelsFile,
    ediCodeNamesFile: options.ediCodeNamesFile,
    onProgress: options.onProgress,
  });
  options.onRead?.(imported.inputBytes, imported.units.length);
  if (options.strict && imported.warnings.length > 0) throw new StrictModeError(imported.warnings);
  const wantsDelta = options.previous !== undefined;
  // Kept only for the delta; see `encodeFullJson`.
  const units = wantsDelta ? imported.units : [];
  const { id, sourceDate, count, json: fullJson } = await encodeFullJson(imported, wantsDelta);
  const fullJsonBytes = fullJson.byteLength;
  const fullName = `full-${id}.json.gz`;
  const fullGzip = gzip(fullJson);
  // Awaited below; this only keeps an early throw from leaving its failure unhandled.
  fullGzip.catch(() => undefined);
  const previousDir = await options.previous;
  const previous = previousDir === undefined ? null : await readManifestIfPresent(previousDir);
  const replaced = previous ? null : await folder.currentManifest();
  checkPublishGuards(
    count,
    previous
      ? { where: `--previous ${previousDir}`, unitCount: previous.manifest.unitCount }
      : replaced
        ? { where: `the snapshot now in --out ${folder.given}`, unitCount: replaced.unitCount }
        : null,
    options.allowShrink,
  );
  const previousUnits = previous ? await readSnapshotUnits(previous.dir, previous.manifest) : null;
  const files = new Map<string, Uint8Array>();
  const fullBytes = await fullGzip;
  files.set(fullName, fullBytes);

  let deltas: SnapshotDeltaRef[] = [];
  let delta: SnapshotDeltaRef | null = null;
  if (previous && previousUnits) {
    const history = options.history ?? DEFAULT_DELTA_HISTORY;
    const kept =
      previous.manifest.id === id ? previous.manifest.deltas : previous.manifest.deltas.slice(0, history - 1);
    if (previous.manifest.id !== id) {
      const deltaPayload = encodeDelta(previousUnits, units, {
        from: previous.manifest.id,
        to: id,
        sourceDate,
      });
      const name = `delta-${previous.manifest.id}-${id}.json.gz`;
      const json = new TextEncoder().encode(JSON.stringify(deltaPayload));
      const bytes = await gzip(json);
      files.set(name, bytes);
      delta = {
        ...fileRef(name, bytes, json),
        from: deltaPayload.from,
        to: deltaPayload.to,
        upserts: deltaPayload.upserts.length,
        removed: deltaPayload.removed.length,
      };
    }
    // Older deltas are immutable files: carry them over, checking each still matches its hash.
    for (const ref of kept) {
      const path = fileInFolder(previous.dir, ref.url, `--previous ${previousDir}: delta url`);
      const bytes = await readFile(path);
      if (fileRef(ref.url, bytes).sha256 !== ref.sha256) {
        throw new CliError(
          `${path}: SHA-256 mismatch: expected ${ref.sha256}; the --previous snapshot is damaged, rebuild it or build without --previous`,
          EXIT.input,
        );
      }
      files.set(ref.url, bytes);
    }
    deltas = delta ? [delta, ...kept] : kept;
  }

  const manifest: SnapshotManifest = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_FORMAT_VERSION,
    id,
    sourceDate,
    exportCreatedAt: imported.header.createdAt,
    createdAt: (options.now ?? new Date()).toISOString(),
    unitCount: count,
    synthetic: imported.header.syntheticLabel ? { label: imported.header.syntheticLabel } : null,
    full: fileRef(fullName, fullBytes, fullJson),
    deltas,
  };
  await folder.publish(files, manifest, options.onPublishStep);
  return {
    manifest,
    warnings: imported.warnings,
    inputBytes: imported.inputBytes,
    fullJsonBytes,
    delta,
    firstNight: previousDir !== undefined && previous === null ? previousDir : null,
  };
}

/** How many warnings a build prints; the rest are counted (and all are in `--json`'s count by rule). */
export const WARNINGS_SHOWN = 10;

/** `file:line:col: SOR <code>: <rule> (<detail>)`: one warning as a line an editor can jump to. */
export function formatWarning(warning: BuildWarning): string {
  return `${formatPosition(warning.position)}: ${warning.sorCode ? `SOR ${warning.sorCode}: ` : ''}${warning.rule}${warning.detail ? ` (${warning.detail})` : ''}`;
}

/** How many warnings of each rule, in the order rules were first met. */
export function countWarningsByRule(warnings: readonly BuildWarning[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const warning of warnings) counts.set(warning.rule, (counts.get(warning.rule) ?? 0) + 1);
  return counts;
}

/**
 * The end-of-build warning report for stderr: "N warnings (first 10 shown): <count per rule>" and
 * the first `shown` warnings, one a line. Any rule prints, so new kinds need no change here.
 */
export function summariseWarnings(warnings: readonly BuildWarning[], shown = WARNINGS_SHOWN): string[] {
  if (warnings.length === 0) return [];
  const byRule = [...countWarningsByRule(warnings)].map(([rule, n]) => `${rule} ${n}`).join(', ');
  const head = warnings.length > shown ? ` (first ${shown} shown)` : '';
  return [
    `${warnings.length} warning${warnings.length === 1 ? '' : 's'}${head}: ${byRule}`,
    ...warnings.slice(0, shown).map((warning) => `  warning: ${formatWarning(warning)}`),
  ];
}
