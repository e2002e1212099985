import type { SorAddress, SorUnit } from '../../model/types.js';
import { canonicalLevelName, toId27Level, type Id27Level } from '../../model/id27.js';
import { checkSorCode, sorCheckDigitMatches } from '../../model/codes.js';
import { SorImportError, formatPosition, type SourcePosition } from './errors.js';
import { readId27Csv } from './id27-csv.js';
import { readEdiCodeNames } from './edi-code-names.js';
import { eanEntityMaker } from './ean-entity.js';
import { SOR_NAME_MAX_LENGTH, cleanName } from './names.js';
import type { RawAddress, RawUnit, SorXmlHeader } from './raw-export.js';
import { readSorXml } from './sor-xml.js';
import { sourceName, type SorXmlSource } from './xml-source.js';

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
  // Warns of each reference to a unit the export does not hold, saying what becomes of it; returns them.
  const notInExport = (references: typeof successors, rule: WarningRule, outcome: string) =>
    references.filter((reference) => {
      if (indexOf.has(reference.code)) return false;
      warn(rule, reference.from, reference.position, `SOR ${reference.code}; ${outcome}`);
      return true;
    });
  const dropSuccessors = new Set(
    notInExport(successors, 'ReplacedBy names a unit not in the export', 'the reference is dropped').map(
      (successor) => successor.from,
    ),
  );
  for (const from of dropSuccessors) {
    const unit = byCodeGet(from) as SorUnit;
    const kept = unit.replacedBy.filter((code) => indexOf.has(code));
    unit.replacedBy = kept.length > 0 ? kept : NO_CODES;
  }
  notInExport(
    predecessors,
    'Replaces names a unit not in the export',
    'kept (a predecessor closed before this export)',
  );

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
