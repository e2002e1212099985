import { isValidOn } from './dates.js';
import type {
  SorAddressing,
  SorAddressingProblem,
  SorAddressingResult,
  SorEanEntity,
  SorUnit,
} from './types.js';

// The unit that declares the EAN `unit` receives at (its `ean`, not null): the unit itself, or
// the nearest ancestor that declares that same EAN; undefined when no ancestor does. `ancestors`
// (owner first, parent last) is only asked for an inherited EAN.
function eanOwner(unit: SorUnit, ancestors: () => readonly SorUnit[]): SorUnit | undefined {
  if (!unit.eanInherited) return unit;
  return ancestors().findLast((ancestor) => !ancestor.eanInherited && ancestor.ean === unit.ean);
}

// Why an EAN entity cannot receive on `asOf`; null when it can.
function entityProblem(entity: SorEanEntity, asOf: string): SorAddressingProblem | null {
  if (entity.nonActive || !isValidOn(entity.validFrom, entity.validTo, asOf)) return 'inactive';
  return entity.onlyInternal ? 'internal-only' : null;
}

/**
 * Why a unit cannot receive MedCom messages on a date (`YYYY-MM-DD`), or null when it can: the
 * same answer as `resolveAddressing(...).ok`, without copying the EDI data, and asking for the
 * ancestors (owner first, parent last) only when the unit inherits its EAN. Cheap enough to judge
 * every candidate of a search.
 */
export function addressingProblem(
  unit: SorUnit,
  ancestors: () => readonly SorUnit[],
  asOf: string,
): SorAddressingProblem | null {
  if (unit.ean === null) return 'no-ean';
  const entity = eanOwner(unit, ancestors)?.eanEntity;
  return entity ? entityProblem(entity, asOf) : 'no-edi-data';
}

/**
 * Resolves where messages to a unit go, from the unit and its ancestors (owner first, parent
 * last), as of a date (`YYYY-MM-DD`): the unit's own EAN entity, or the one of the nearest
 * ancestor that declares the EAN the unit inherits. Pure: no catalog, no DOM.
 */
export function resolveAddressing(
  unit: SorUnit,
  ancestors: readonly SorUnit[],
  asOf: string,
): SorAddressingResult {
  const ean = unit.ean;
  if (ean === null) return { ok: false, reason: 'no-ean', ean: null, addressing: null };
  const owner = eanOwner(unit, () => ancestors);
  const entity = owner?.eanEntity;
  if (!owner || !entity) return { ok: false, reason: 'no-edi-data', ean, addressing: null };
  const reason = entityProblem(entity, asOf);
  const addressing: SorAddressing = {
    // A copy: the catalog's own data must not change when a caller edits the answer.
    ...structuredClone(entity),
    ean,
    owner: { sorCode: owner.sorCode, name: owner.name, kind: owner.kind },
    inherited: owner !== unit,
    active: reason !== 'inactive',
  };
  return reason ? { ok: false, reason, ean, addressing } : { ok: true, addressing };
}

/**
 * Every unit that receives at an EAN, each declaring unit (`owners`, the units whose own EAN it
 * is) first, followed by the units below it that inherit it, depth first in `childrenOf` order.
 * Inheritance stops at a unit that declares an EAN of its own or none.
 */
export function unitsReceivingAt(
  ean: string,
  owners: readonly SorUnit[],
  childrenOf: (sorCode: string) => readonly SorUnit[],
): SorUnit[] {
  const found: SorUnit[] = [];
  for (const owner of owners) {
    // An explicit stack: SOR trees nest to any depth.
    const stack = [owner];
    while (stack.length > 0) {
      const unit = stack.pop() as SorUnit;
      found.push(unit);
      const heirs = childrenOf(unit.sorCode).filter((child) => child.eanInherited && child.ean === ean);
      for (let i = heirs.length - 1; i >= 0; i--) stack.push(heirs[i]);
    }
  }
  return found;
}
