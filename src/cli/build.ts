import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
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
import { readEdiCodeNames } from './import/edi-code-names.js';
import { eanEntityMaker } from './import/ean-entity.js';
import { SOR_NAME_MAX_LENGTH, cleanName } from './import/names.js';
import {
  readSorXml,
  sourceName,
  type RawAddress,
  type RawUnit,
  type SorXmlHeader,
  type SorXmlSource,
} from './import/sor-xml.js';
import { fileInFolder, readManifestIfPresent, readSnapshotUnits } from './snapshot-dir.js';
import { OutFolder, type PublishStep } from './out-folder.js';
import { CliError, EXIT } from './cli-error.js';

// Shared by every unit that is not replaced (almost all); frozen, so a stray push fails loudly.
const NO_CODES: string[] = Object.freeze([]) as unknown as string[];

/**
 * The kinds of warning a build counts; `--strict` makes any of them fatal. What the build does in
 * each case is in docs/snapshot-format.md ("Production quirks").
 */
export type WarningRule =
  | 'check digit does not match'
  | 'empty name'
  | 'unknown ID27 level name'
  | 'ID27 side file names a unit not in the export'
  | 'unit has no SorIdentifier'
  | 'unit is its own parent'
  | 'parent cycle'
  | 'parent missing'
  | 'OE directly under an IE'
  | 'Replaces names a unit not in the export'
  | 'ReplacedBy names a unit not in the export'
  | 'duplicate name under one parent'
  | 'name has stray spaces'
  | 'name has bidi control or zero-width characters'
  | 'name longer than the schema allows'
  | 'element unknown to this reader';

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
  options: {
    levelsFile?: string;
    ediCodeNamesFile?: string;
    onProgress?: (bytesRead: number, unitsRead: number) => void;
  } = {},
): Promise<ImportResult> {
  const file = sourceName(input);
  // The side files are read first: a broken side file fails before minutes of XML parsing.
  const sideLevels = options.levelsFile ? await readId27Csv(options.levelsFile) : null;
  const toEanEntity = eanEntityMaker(
    options.ediCodeNamesFile ? await readEdiCodeNames(options.ediCodeNamesFile) : null,
  );
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
  // The units enclosing the entity being read, by entity depth, with their resolved postal
  // addresses: the parser gives entities outermost first (document order) with their depth. A
  // slot holds the unit that children at the next depth attach to — for an entity that was
  // dropped or merged, the unit that took its place (undefined when there is none).
  const ancestors: (SorUnit | undefined)[] = [];
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
  const predecessors: { from: string; code: string; position: SourcePosition }[] = [];
  const warnings: BuildWarning[] = [];
  const warn = (
    rule: WarningRule,
    sorCode: string | null,
    position: SourcePosition,
    detail?: string,
  ): void => {
    warnings.push(detail === undefined ? { rule, sorCode, position } : { rule, sorCode, position, detail });
  };
  // Names of the children of each parent seen so far, to report duplicates under one parent.
  const childNames = new Map<string, Map<string, string>>();
  let inputBytes = 0;

  const header = await readSorXml(
    input,
    (raw: RawUnit) => {
      const at = raw.codePosition ?? raw.position;
      const depth = raw.depth;
      ancestors.length = depth;
      ancestorPostal.length = depth;
      const parent = depth > 0 ? ancestors[depth - 1] : undefined;
      const parentPostal = depth > 0 ? ancestorPostal[depth - 1] : null;
      const code = raw.sorCode;
      if (code === null) {
        // Dropped; what it holds attaches to the unit above it.
        warn(
          'unit has no SorIdentifier',
          null,
          raw.position,
          'dropped; the units inside it are re-attached to the unit above',
        );
        ancestors.push(parent);
        ancestorPostal.push(parentPostal);
        return;
      }
      const check = checkSorCode(code);
      if (!check.valid) throw new SorImportError(at, `malformed SorIdentifier: ${check.reason}`, code);
      const first = indexOf.get(code);
      if (first !== undefined) {
        const original = units[first];
        const enclosing = ancestors.indexOf(original);
        if (enclosing === -1) {
          throw new SorImportError(
            at,
            `duplicate SOR code: the code is already used at ${formatPosition(positionOf(first))}`,
            code,
          );
        }
        // The code repeats inside its own unit: one unit, whatever the repeat holds goes to it.
        if (enclosing === depth - 1) {
          warn('unit is its own parent', code, at, 'merged into the enclosing unit with the same code');
        } else {
          warn(
            'parent cycle',
            code,
            at,
            `the code repeats ${depth - enclosing} levels inside itself (first at ${formatPosition(positionOf(first))}); the repeat is dropped and its units re-attached to the first`,
          );
        }
        ancestors.push(original);
        ancestorPostal.push(ancestorPostal[enclosing]);
        return;
      }
      if (depth > 0 && parent === undefined) {
        warn('parent missing', code, at, 'dropped: no unit with a SorIdentifier encloses it');
        ancestors.push(undefined);
        ancestorPostal.push(null);
        return;
      }
      if (depth > 0 && raw.parentCode === null) {
        // The entity around it had no SorIdentifier and was dropped: say where the unit went.
        warn(
          'parent missing',
          code,
          at,
          `re-attached to SOR ${parent?.sorCode}, the nearest enclosing unit with a SorIdentifier`,
        );
      }
      // The kind follows from where the unit ends up: an OE directly under an owner is kept, as an
      // institution, so owner → institution → units holds for every unit of the snapshot.
      let kind = raw.kind;
      if (parent?.kind === 'IE' && kind === 'OE') {
        warn('OE directly under an IE', code, at, `kept as an institution (SI) under SOR ${parent.sorCode}`);
        kind = 'SI';
      }
      lines.push(at.line);
      columns.push(at.column);
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
      for (const replaced of raw.replaces) predecessors.push({ from: code, code: replaced, position: at });
      const cleaned = cleanName(raw.name ?? '');
      if (cleaned.spaces && cleaned.name !== '')
        warn('name has stray spaces', code, at, 'trimmed and collapsed to single spaces');
      if (cleaned.invisible) warn('name has bidi control or zero-width characters', code, at, 'removed');
      if (cleaned.name.length > SOR_NAME_MAX_LENGTH) {
        warn(
          'name longer than the schema allows',
          code,
          at,
          `${cleaned.name.length} characters, the schema allows ${SOR_NAME_MAX_LENGTH}; kept`,
        );
      }
      const name = cleaned.name;
      if (parent && name !== '') {
        let siblings = childNames.get(parent.sorCode);
        if (siblings === undefined) childNames.set(parent.sorCode, (siblings = new Map()));
        const folded = name.toLocaleLowerCase('da');
        const twin = siblings.get(folded);
        if (twin !== undefined) {
          warn(
            'duplicate name under one parent',
            code,
            at,
            `"${name}" also names SOR ${twin} under SOR ${parent.sorCode}; both kept`,
          );
        } else siblings.set(folded, code);
      }
      const unit: SorUnit = {
        sorCode: code,
        kind,
        name,
        parentCode: parent ? parent.sorCode : null,
        typeCode: raw.typeCode,
        level:
          raw.levelCode !== null || raw.levelName !== null
            ? level(raw.levelCode ?? '', raw.levelName ?? '')
            : null,
        shak: raw.shak,
        ean: ownEan ? raw.ean : inheritsEan ? (parent?.ean ?? null) : null,
        eanInherited: inheritsEan,
        eanEntity: ownEan && raw.eanEntity ? toEanEntity(raw.eanEntity, raw.regionCode) : null,
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
        options.onProgress?.(bytes, units.length);
      },
      onLateLevel: (code, levelCode, levelName) => {
        const unit = byCodeGet(code);
        if (unit && (levelCode !== null || levelName !== null))
          unit.level = level(levelCode ?? '', levelName ?? '');
      },
    },
  );
  childNames.clear();

  for (const unknown of header.unknownElements) {
    warn(
      'element unknown to this reader',
      null,
      unknown.first,
      `SOR XML ${header.sorXmlVersion}: ${unknown.name} ×${unknown.count}, ignored`,
    );
  }
  const dropSuccessors = new Set<string>();
  for (const successor of successors) {
    if (!indexOf.has(successor.code)) {
      warn(
        'ReplacedBy names a unit not in the export',
        successor.from,
        successor.position,
        `SOR ${successor.code}; the reference is dropped`,
      );
      dropSuccessors.add(successor.from);
    }
  }
  for (const from of dropSuccessors) {
    const unit = byCodeGet(from) as SorUnit;
    const kept = unit.replacedBy.filter((code) => indexOf.has(code));
    unit.replacedBy = kept.length > 0 ? kept : NO_CODES;
  }
  for (const predecessor of predecessors) {
    if (!indexOf.has(predecessor.code)) {
      warn(
        'Replaces names a unit not in the export',
        predecessor.from,
        predecessor.position,
        `SOR ${predecessor.code}; kept (a predecessor closed before this export)`,
      );
    }
  }

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
