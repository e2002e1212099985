import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { gzip as gzipCallback } from 'node:zlib';
import { promisify } from 'node:util';
import type { SorAddress, SorUnit } from '../model/types.js';
import { canonicalLevelName, toId27Level, type Id27Level } from '../model/id27.js';
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
import {
  readSorXml,
  sourceName,
  type RawAddress,
  type RawUnit,
  type SorXmlHeader,
  type SorXmlSource,
} from './import/sor-xml.js';
import { MANIFEST_FILE, readManifest, readSnapshotUnits } from './snapshot-dir.js';

// Shared by every unit that is not replaced (almost all); frozen, so a stray push fails loudly.
const NO_CODES: string[] = Object.freeze([]) as unknown as string[];

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
 *
 * Memory is what the 100k-unit goal turns on: units share what they inherit (address objects,
 * level objects, interned strings) and parents are found on a stack of open ancestors, not in a
 * map from code to unit.
 */
export async function importExport(
  input: SorXmlSource,
  options: { levelsFile?: string; onProgress?: (bytesRead: number) => void } = {},
): Promise<ImportResult> {
  const file = sourceName(input);
  // The side file is read first: a broken side file fails before minutes of XML parsing.
  const sideLevels = options.levelsFile ? await readId27Csv(options.levelsFile) : null;
  const units: SorUnit[] = [];
  // Code → index into `units`, and where each unit's code was, as plain numbers: at 100k units,
  // an object per position would cost more memory than it is worth.
  const indexOf = new Map<string, number>();
  const lines: number[] = [];
  const columns: number[] = [];
  const positionOf = (index: number): SourcePosition => ({
    file,
    line: lines[index],
    column: columns[index],
  });
  const byCodeGet = (code: string): SorUnit | undefined => {
    const index = indexOf.get(code);
    return index === undefined ? undefined : units[index];
  };
  // The open ancestors of the unit being read, with their resolved postal addresses: the parser
  // gives units parents first (document order), so a unit's parent is on this stack. A child
  // without a postal address takes its parent's.
  const ancestors: SorUnit[] = [];
  const ancestorPostal: (RawAddress | null)[] = [];
  // One level object per distinct code and name, shared by every unit at that level.
  const levels = new Map<string, Id27Level>();
  const level = (code: string, name: string): Id27Level => {
    const key = `${code}\t${name}`;
    let known = levels.get(key);
    if (known === undefined) {
      known = toId27Level(code, name);
      levels.set(key, known);
    }
    return known;
  };
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
      let parent: SorUnit | undefined;
      let parentPostal: RawAddress | null = null;
      if (raw.parentCode !== null) {
        while (ancestors.length > 0 && ancestors[ancestors.length - 1].sorCode !== raw.parentCode) {
          ancestors.pop();
          ancestorPostal.pop();
        }
        // The parser sets a parent code only once the parent was emitted, and everything emitted
        // since lies inside it: the parent is always on the stack.
        if (ancestors.length === 0)
          throw new Error(`internal: parent ${raw.parentCode} of ${code} is not open`);
        parent = ancestors[ancestors.length - 1];
        parentPostal = ancestorPostal[ancestorPostal.length - 1];
      } else {
        ancestors.length = 0;
        ancestorPostal.length = 0;
      }
      const postal = raw.postal ?? parentPostal;
      // `RawAddress` has exactly the fields of `SorAddress`: an inherited address is one object.
      const visiting: SorAddress | null = raw.visiting ?? postal;
      const ownEan = raw.ean !== null;
      const inheritsEan = !ownEan && raw.eanInherited === true;
      let replacedBy = NO_CODES;
      if (raw.replacedBy.length > 0) {
        replacedBy = raw.replacedBy.map((ref) => ref.code);
        for (const ref of raw.replacedBy)
          successors.push({ from: code, code: ref.code, position: ref.position });
      }
      const unit: SorUnit = {
        sorCode: code,
        kind: raw.kind,
        name: raw.name ?? '',
        parentCode: parent ? parent.sorCode : raw.parentCode,
        typeCode: raw.typeCode,
        level:
          raw.levelCode !== null || raw.levelName !== null
            ? level(raw.levelCode ?? '', raw.levelName ?? '')
            : null,
        shak: raw.shak,
        ean: ownEan ? raw.ean : inheritsEan ? (parent?.ean ?? null) : null,
        eanInherited: inheritsEan,
        providerNumber: raw.providerNumber,
        pharmacyNumber: raw.pharmacyNumber,
        regionCode: raw.regionCode ?? parent?.regionCode ?? null,
        address: visiting,
        phone: raw.virtual ? raw.virtual.phone : (parent?.phone ?? null),
        email: raw.virtual ? raw.virtual.email : (parent?.email ?? null),
        web: raw.virtual ? raw.virtual.web : (parent?.web ?? null),
        specialties: raw.specialties,
        validFrom: raw.validFrom,
        changedFrom: raw.changedFrom,
        validTo: raw.validTo,
        replaces: raw.replaces,
        replacedBy,
      };
      indexOf.set(code, units.length);
      units.push(unit);
      ancestors.push(unit);
      ancestorPostal.push(postal);
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
      unit.level = level(row.code, row.name);
    }
  }
  for (let index = 0; index < units.length; index++) {
    const unit = units[index];
    if (!sorCheckDigitMatches(unit.sorCode))
      warnings.push({
        rule: 'check digit does not match',
        sorCode: unit.sorCode,
        position: positionOf(index),
      });
    if (unit.name.trim() === '')
      warnings.push({ rule: 'empty name', sorCode: unit.sorCode, position: positionOf(index) });
    if (unit.level && canonicalLevelName(unit.level.name) === null) {
      warnings.push({
        rule: 'unknown ID27 level name',
        sorCode: unit.sorCode,
        position: positionOf(index),
        detail: unit.level.name,
      });
    }
  }
  if (!header.snapshotDate) {
    throw new SorImportError({ file, line: 1, column: 1 }, 'the export has no SnapshotDate');
  }
  return { units, header, warnings, inputBytes };
}

/** Options of `buildSnapshot`, as `sor-snapshot build` takes them. */
export interface BuildOptions {
  /** The export: a file, or a producer writing its XML (see `SorXmlSource`). */
  input: SorXmlSource;
  out: string;
  levelsFile?: string;
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

/** A payload's manifest entry; with its `json`, also that JSON's size and hash (`decoded`). */
function fileRef(url: string, bytes: Uint8Array, json?: Uint8Array): SnapshotFileRef {
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
 * manifest. Everything is written into a temporary folder beside `out` and renamed into place at
 * the end, so `out` holds either the old snapshot or the whole new one, never a part.
 */
export async function buildSnapshot(options: BuildOptions): Promise<BuildResult> {
  const imported = await importExport(options.input, {
    levelsFile: options.levelsFile,
    onProgress: options.onProgress,
  });
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
  const previous = previousDir === undefined ? null : await readManifest(previousDir);
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
    id,
    sourceDate,
    exportCreatedAt: imported.header.createdAt,
    createdAt: (options.now ?? new Date()).toISOString(),
    unitCount: count,
    synthetic: imported.header.syntheticLabel ? { label: imported.header.syntheticLabel } : null,
    full: fileRef(fullName, fullBytes, fullJson),
    deltas,
  };
  files.set(MANIFEST_FILE, new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
  await writeFolderAtomically(options.out, files);
  return {
    manifest,
    warnings: imported.warnings,
    inputBytes: imported.inputBytes,
    fullJsonBytes,
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
