import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { SorAddress, SorUnit } from '../model/types.js';
import { canonicalLevelName, toId27Level } from '../model/id27.js';
import { checkSorCode, sorCheckDigitMatches } from '../model/codes.js';
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
import { SorImportError, formatPosition, type SourcePosition } from './import/errors.js';
import { readId27Csv } from './import/id27-csv.js';
import { readSorXml, type RawAddress, type RawUnit, type SorXmlHeader } from './import/sor-xml.js';
import { MANIFEST_FILE, readManifest, readSnapshotUnits } from './snapshot-dir.js';

/** The kinds of warning a build counts; `--strict` makes any of them fatal. */
export type WarningRule =
  | 'check digit does not match'
  | 'empty name'
  | 'unknown ID27 level name'
  | 'ID27 side file names a unit not in the export';

/** One warning, with where it was found. */
export interface BuildWarning {
  rule: WarningRule;
  sorCode: string | null;
  position: SourcePosition;
  detail?: string;
}

/** What reading an export gives: the resolved units, the header and the warnings. */
export interface ImportResult {
  units: SorUnit[];
  header: SorXmlHeader;
  warnings: BuildWarning[];
  inputBytes: number;
}

/**
 * Reads a SOR XML export (and an optional ID27 side file), resolves inheritance (addresses,
 * virtual address, EAN, region) and validates codes and references. Throws a `SorImportError` on
 * the first error; warnings are collected.
 */
export async function importExport(
  input: string,
  options: { levelsFile?: string; onProgress?: (bytesRead: number) => void } = {},
): Promise<ImportResult> {
  // The side file is read first: a broken side file fails before minutes of XML parsing.
  const sideLevels = options.levelsFile ? await readId27Csv(options.levelsFile) : null;
  const units: SorUnit[] = [];
  // Code → index into `units`, and where each unit's code was, as plain numbers: at 100k units,
  // an object per position would cost more memory than it is worth.
  const indexOf = new Map<string, number>();
  const lines: number[] = [];
  const columns: number[] = [];
  const positionOf = (index: number): SourcePosition => ({
    file: input,
    line: lines[index],
    column: columns[index],
  });
  const byCodeGet = (code: string): SorUnit | undefined => {
    const index = indexOf.get(code);
    return index === undefined ? undefined : units[index];
  };
  // Postal addresses resolved so far: a child without one takes its parent's.
  const postalOf = new Map<string, RawAddress | null>();
  const successors: { from: string; code: string; position: SourcePosition }[] = [];
  let inputBytes = 0;

  const header = await readSorXml(
    input,
    (raw: RawUnit) => {
      const code = raw.sorCode as string;
      const at = raw.codePosition ?? raw.position;
      const check = checkSorCode(code);
      if (!check.valid) throw new SorImportError(at, `malformed SorIdentifier: ${check.reason}`, code);
      const first = indexOf.get(code);
      if (first !== undefined) {
        throw new SorImportError(
          at,
          `duplicate SOR code: the code is already used at ${formatPosition(positionOf(first))}`,
          code,
        );
      }
      lines.push(at.line);
      columns.push(at.column);
      const parent = raw.parentCode === null ? undefined : byCodeGet(raw.parentCode);
      const postal = raw.postal ?? (parent ? (postalOf.get(parent.sorCode) ?? null) : null);
      postalOf.set(code, postal);
      const visiting: SorAddress | null = raw.visiting ?? postal;
      const ownEan = raw.ean !== null;
      const inheritsEan = !ownEan && raw.eanInherited === true;
      const unit: SorUnit = {
        sorCode: code,
        kind: raw.kind,
        name: raw.name ?? '',
        parentCode: raw.parentCode,
        typeCode: raw.typeCode,
        level:
          raw.levelCode !== null || raw.levelName !== null
            ? toId27Level(raw.levelCode ?? '', raw.levelName ?? '')
            : null,
        shak: raw.shak,
        ean: ownEan ? raw.ean : inheritsEan ? (parent?.ean ?? null) : null,
        eanInherited: inheritsEan,
        providerNumber: raw.providerNumber,
        pharmacyNumber: raw.pharmacyNumber,
        regionCode: raw.regionCode ?? parent?.regionCode ?? null,
        address: visiting
          ? { street: visiting.street, postcode: visiting.postcode, city: visiting.city }
          : null,
        phone: raw.virtual ? raw.virtual.phone : (parent?.phone ?? null),
        email: raw.virtual ? raw.virtual.email : (parent?.email ?? null),
        web: raw.virtual ? raw.virtual.web : (parent?.web ?? null),
        specialties: raw.specialties,
        validFrom: raw.validFrom,
        changedFrom: raw.changedFrom,
        validTo: raw.validTo,
        replaces: raw.replaces,
        replacedBy: raw.replacedBy.map((ref) => ref.code),
      };
      for (const ref of raw.replacedBy)
        successors.push({ from: code, code: ref.code, position: ref.position });
      indexOf.set(code, units.length);
      units.push(unit);
    },
    {
      onProgress: (bytes) => {
        inputBytes = bytes;
        options.onProgress?.(bytes);
      },
    },
  );

  for (const successor of successors) {
    if (!indexOf.has(successor.code)) {
      throw new SorImportError(
        successor.position,
        `ReplacedBy points at SOR ${successor.code}, which is not in the export`,
        successor.from,
      );
    }
  }

  const warnings: BuildWarning[] = [];
  if (sideLevels && options.levelsFile) {
    for (const [code, row] of sideLevels) {
      const unit = byCodeGet(code);
      if (!unit) {
        warnings.push({
          rule: 'ID27 side file names a unit not in the export',
          sorCode: code,
          position: { file: options.levelsFile, line: row.line, column: 1 },
        });
        continue;
      }
      // The side file wins over a level in the XML: it is the newer, joined source.
      unit.level = toId27Level(row.code, row.name);
    }
  }
  for (const [index, unit] of units.entries()) {
    const position = positionOf(index);
    if (!sorCheckDigitMatches(unit.sorCode))
      warnings.push({ rule: 'check digit does not match', sorCode: unit.sorCode, position });
    if (unit.name.trim() === '') warnings.push({ rule: 'empty name', sorCode: unit.sorCode, position });
    if (unit.level && canonicalLevelName(unit.level.name) === null) {
      warnings.push({
        rule: 'unknown ID27 level name',
        sorCode: unit.sorCode,
        position,
        detail: unit.level.name,
      });
    }
  }
  if (!header.snapshotDate) {
    throw new SorImportError({ file: input, line: 1, column: 1 }, 'the export has no SnapshotDate');
  }
  return { units, header, warnings, inputBytes };
}

/** Options of `buildSnapshot`, as `sor-snapshot build` takes them. */
export interface BuildOptions {
  input: string;
  out: string;
  levelsFile?: string;
  previous?: string;
  strict?: boolean;
  /** How many deltas the manifest keeps (default 7). */
  history?: number;
  /** The build time written into the manifest (tests fix it). */
  now?: Date;
  onProgress?: (bytesRead: number) => void;
}

/** What a build did: the manifest written and the numbers for the summary. */
export interface BuildResult {
  manifest: SnapshotManifest;
  warnings: BuildWarning[];
  inputBytes: number;
  fullJsonBytes: number;
  delta: SnapshotDeltaRef | null;
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

function fileRef(url: string, bytes: Uint8Array): SnapshotFileRef {
  return { url, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function gzip(bytes: Uint8Array): Uint8Array {
  return gzipSync(bytes, { level: 9 });
}

/**
 * Builds a snapshot folder from an export: the full payload, a delta from `--previous` and the
 * manifest. Everything is written into a temporary folder beside `out` and renamed into place at
 * the end, so `out` holds either the old snapshot or the whole new one, never a part.
 */
export async function buildSnapshot(options: BuildOptions): Promise<BuildResult> {
  const imported = await importExport(options.input, {
    levelsFile: options.levelsFile,
    onProgress: options.onProgress,
  });
  if (options.strict && imported.warnings.length > 0) throw new StrictModeError(imported.warnings);
  const previous = options.previous ? await readManifest(options.previous) : null;
  const previousUnits = previous ? await readSnapshotUnits(previous.dir, previous.manifest) : null;

  const { payload, bytes: fullJson } = await withSnapshotId(
    encodeFull(imported.units, imported.header.snapshotDate as string),
  );
  const files = new Map<string, Uint8Array>();
  const fullName = `full-${payload.id}.json.gz`;
  const fullBytes = gzip(fullJson);
  files.set(fullName, fullBytes);

  let deltas: SnapshotDeltaRef[] = [];
  let delta: SnapshotDeltaRef | null = null;
  if (previous && previousUnits) {
    const history = options.history ?? DEFAULT_DELTA_HISTORY;
    const kept =
      previous.manifest.id === payload.id
        ? previous.manifest.deltas
        : previous.manifest.deltas.slice(0, history - 1);
    if (previous.manifest.id !== payload.id) {
      const deltaPayload = encodeDelta(previousUnits, imported.units, {
        from: previous.manifest.id,
        to: payload.id,
        sourceDate: payload.sourceDate,
      });
      const name = `delta-${previous.manifest.id}-${payload.id}.json.gz`;
      const bytes = gzip(new TextEncoder().encode(JSON.stringify(deltaPayload)));
      files.set(name, bytes);
      delta = {
        ...fileRef(name, bytes),
        from: deltaPayload.from,
        to: deltaPayload.to,
        upserts: deltaPayload.upserts.length,
        removed: deltaPayload.removed.length,
      };
    }
    // Older deltas are immutable files: carry them over, checking each still matches its hash.
    for (const ref of kept) {
      const bytes = await readFile(join(previous.dir, ref.url));
      if (fileRef(ref.url, bytes).sha256 !== ref.sha256) {
        throw new Error(`${join(previous.dir, ref.url)}: SHA-256 mismatch: expected ${ref.sha256}`);
      }
      files.set(ref.url, bytes);
    }
    deltas = delta ? [delta, ...kept] : kept;
  }

  const manifest: SnapshotManifest = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_FORMAT_VERSION,
    id: payload.id,
    sourceDate: payload.sourceDate,
    exportCreatedAt: imported.header.createdAt,
    createdAt: (options.now ?? new Date()).toISOString(),
    unitCount: payload.count,
    synthetic: imported.header.syntheticLabel ? { label: imported.header.syntheticLabel } : null,
    full: fileRef(fullName, fullBytes),
    deltas,
  };
  files.set(MANIFEST_FILE, new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
  await writeFolderAtomically(options.out, files);
  return {
    manifest,
    warnings: imported.warnings,
    inputBytes: imported.inputBytes,
    fullJsonBytes: fullJson.byteLength,
    delta,
  };
}

/**
 * Writes files into a temporary folder beside `out`, then swaps it in. A rename cannot replace a
 * non-empty folder, so the old one is moved aside first and removed after.
 */
export async function writeFolderAtomically(out: string, files: Map<string, Uint8Array>): Promise<void> {
  const target = resolve(out);
  const stamp = `${process.pid}-${Date.now()}`;
  const temp = join(dirname(target), `.${basename(target)}.tmp-${stamp}`);
  const aside = join(dirname(target), `.${basename(target)}.old-${stamp}`);
  await mkdir(dirname(target), { recursive: true });
  try {
    await mkdir(temp);
    for (const [name, bytes] of files) await writeFile(join(temp, name), bytes);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  let movedAside = false;
  try {
    await rename(target, aside);
    movedAside = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
  }
  await rename(temp, target);
  if (movedAside) await rm(aside, { recursive: true, force: true });
}

/** The warnings grouped by rule, with a few examples each: the end-of-build summary. */
export function summariseWarnings(warnings: BuildWarning[], examples = 3): string[] {
  const byRule = new Map<WarningRule, BuildWarning[]>();
  for (const warning of warnings) {
    const list = byRule.get(warning.rule);
    if (list) list.push(warning);
    else byRule.set(warning.rule, [warning]);
  }
  const lines: string[] = [];
  for (const [rule, list] of byRule) {
    lines.push(`  warning: ${rule}: ${list.length}`);
    for (const warning of list.slice(0, examples)) {
      lines.push(
        `    ${formatPosition(warning.position)}${warning.sorCode ? ` SOR ${warning.sorCode}` : ''}${warning.detail ? ` (${warning.detail})` : ''}`,
      );
    }
  }
  return lines;
}
