import { isKnownLevel, type Id27LevelName } from './id27.js';
import { isRetiredOn, todayIso } from './dates.js';
import { sorIdentifier } from './fhir.js';
import { resolveAddressing } from './addressing.js';
import type { SnapshotInfo, SorSelection, SorUnit, SorUnitRef } from './types.js';

export interface SelectionOptions {
  /** The date the selection is made for; decides `retired` and whether its EAN is active. Defaults to today. */
  asOf?: string;
}

const toRef = (unit: SorUnit): SorUnitRef => ({ sorCode: unit.sorCode, name: unit.name, kind: unit.kind });

/**
 * Builds the `SorSelection` of a unit from its ancestors (owner first, parent last). The level
 * chain is read from the units' own ID27 levels only: a level that no unit on the path carries is
 * missing, never guessed from SHAK code length or names.
 */
export function buildSelection(
  unit: SorUnit,
  ancestors: readonly SorUnit[],
  snapshot: SnapshotInfo,
  options: SelectionOptions = {},
): SorSelection {
  const path = [...ancestors, unit];
  const levels: SorSelection['levels'] = {};
  let clinicalUnit: SorSelection['clinicalUnit'] = null;
  // Walk up from the unit so that, where a level repeats on the path, the nearest unit wins.
  for (let i = path.length - 1; i >= 0; i--) {
    const { level } = path[i];
    if (!level) continue;
    clinicalUnit ??= { sorCode: path[i].sorCode, name: path[i].name, level };
    if (isKnownLevel(level.name) && !levels[level.name as Id27LevelName]) {
      levels[level.name as Id27LevelName] = { sorCode: path[i].sorCode, name: path[i].name };
    }
  }
  const asOf = options.asOf ?? todayIso();
  const receiving = resolveAddressing(unit, ancestors, asOf);
  const nearest = (kind: SorUnit['kind']) => {
    for (let i = path.length - 1; i >= 0; i--) if (path[i].kind === kind) return toRef(path[i]);
    return null;
  };
  return {
    sorCode: unit.sorCode,
    name: unit.name,
    kind: unit.kind,
    level: unit.level,
    clinicalUnit,
    levels,
    path: path.map(toRef),
    institution: nearest('SI'),
    owner: nearest('IE'),
    typeCode: unit.typeCode,
    ean: unit.ean,
    eanInherited: unit.eanInherited,
    providerNumber: unit.providerNumber,
    address: unit.address && { ...unit.address },
    phone: unit.phone,
    email: unit.email,
    web: unit.web,
    legacyShak: unit.shak,
    validFrom: unit.validFrom,
    validTo: unit.validTo,
    retired: isRetiredOn(unit.validTo, asOf),
    replacedBy: [...unit.replacedBy],
    addressing: receiving.ok ? receiving.addressing : null,
    addressingProblem: receiving.ok ? null : receiving.reason,
    identifier: sorIdentifier(unit.sorCode),
    snapshot: { id: snapshot.id, sourceDate: snapshot.sourceDate },
  };
}
