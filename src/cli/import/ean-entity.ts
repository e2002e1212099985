// The EDI part of the SOR XML reader (issue 16): what an `EanLocationCodeEntity` holds besides
// the EAN, kept here so the element handlers in `sor-xml.ts` stay a switch of one-liners.
import type { SorEanEntity, SorEdiCode } from '../../model/types.js';
import type { EdiCodeField, EdiCodeNames } from './edi-code-names.js';
import { EAN_EDI_ELEMENT } from '../sor-xml-elements.js';
import { SorImportError, type SourcePosition } from './errors.js';

/** An `EanLocationCodeEntity`'s EDI fields as the export gives them (codes, not names). */
export interface RawEanEntity {
  systemType: string | null;
  systemSupplier: string | null;
  communicationSupplier: string | null;
  ediAdministrator: string | null;
  onlyInternal: boolean | null;
  nonActive: boolean | null;
  /** The EAN entity's own `SorStatus`: `FirstFromDate`, `FromDate`, `ToDate`. */
  validFrom: string | null;
  changedFrom: string | null;
  validTo: string | null;
}

/** A raw EAN entity before any of its elements was read. */
export function emptyEanEntity(): RawEanEntity {
  return {
    systemType: null,
    systemSupplier: null,
    communicationSupplier: null,
    ediAdministrator: null,
    onlyInternal: null,
    nonActive: null,
    validFrom: null,
    changedFrom: null,
    validTo: null,
  };
}

/**
 * Sets the field of a raw EAN entity that one EDI element holds: an EDI code as written, or one
 * of the two indicators as an xs:boolean (anything else is refused at the element, `here()`).
 */
export function setEdiField(
  entity: RawEanEntity,
  field: keyof typeof EAN_EDI_ELEMENT,
  text: string,
  here: () => SourcePosition,
  intern: (value: string) => string,
): void {
  const value = text.trim();
  if (field !== 'onlyInternal' && field !== 'nonActive') {
    entity[field] = intern(value);
    return;
  }
  if (value === 'true' || value === '1') entity[field] = true;
  else if (value === 'false' || value === '0') entity[field] = false;
  else {
    throw new SorImportError(
      here(),
      `${EAN_EDI_ELEMENT[field]} "${value}" is not a boolean (true, false, 1 or 0)`,
    );
  }
}

/**
 * Makes the `SorEanEntity` of a unit's own EAN entity from what the export gave, naming each EDI
 * code from the build's code table where it lists it. EDI codes repeat across thousands of EAN
 * entities: each (field, code) is one shared, frozen object. An indicator the export leaves out
 * reads as false (the schema requires both).
 */
export function eanEntityMaker(
  names: EdiCodeNames | null,
): (raw: RawEanEntity, regionCode: string | null) => SorEanEntity {
  const made = new Map<string, SorEdiCode>();
  const code = (field: EdiCodeField, value: string | null): SorEdiCode | null => {
    if (value === null) return null;
    const key = `${field};${value}`;
    let known = made.get(key);
    if (known === undefined) {
      known = Object.freeze({ code: value, name: names?.get(field)?.get(value) ?? null });
      made.set(key, known);
    }
    return known;
  };
  return (raw, regionCode) => ({
    systemType: code('systemType', raw.systemType),
    systemSupplier: code('systemSupplier', raw.systemSupplier),
    communicationSupplier: code('communicationSupplier', raw.communicationSupplier),
    ediAdministrator: code('ediAdministrator', raw.ediAdministrator),
    onlyInternal: raw.onlyInternal === true,
    nonActive: raw.nonActive === true,
    regionCode,
    validFrom: raw.validFrom,
    changedFrom: raw.changedFrom,
    validTo: raw.validTo,
  });
}
