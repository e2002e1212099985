import { isValidOn } from './dates.js';
import type { SorAddressing, SorAddressingResult, SorUnit } from './types.js';

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
  let owner: SorUnit | undefined = unit;
  // An inherited EAN belongs to the nearest ancestor that declares that same EAN itself.
  for (let i = ancestors.length; owner.eanInherited || owner.ean !== ean;) {
    owner = ancestors[--i];
    if (owner === undefined) return { ok: false, reason: 'no-edi-data', ean, addressing: null };
  }
  const entity = owner.eanEntity;
  if (entity === null) return { ok: false, reason: 'no-edi-data', ean, addressing: null };
  const addressing: SorAddressing = {
    // A copy: the catalog's own data must not change when a caller edits the answer.
    ...structuredClone(entity),
    ean,
    owner: { sorCode: owner.sorCode, name: owner.name, kind: owner.kind },
    inherited: owner !== unit,
    active: !entity.nonActive && isValidOn(entity.validFrom, entity.validTo, asOf),
  };
  if (!addressing.active) return { ok: false, reason: 'inactive', ean, addressing };
  if (addressing.onlyInternal) return { ok: false, reason: 'internal-only', ean, addressing };
  return { ok: true, addressing };
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
