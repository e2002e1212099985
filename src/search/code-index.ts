import type { SorUnit } from '../model/types.js';
import type { SearchMatchField } from './types.js';

export type CodeField = Exclude<SearchMatchField, 'name'>;

/**
 * Exact lookups by every code a person may paste: SOR code (unique), SHAK, EAN and ydernummer
 * (each may sit on several units).
 */
export class CodeIndex {
  readonly bySorCode = new Map<string, SorUnit>();
  private readonly shared: Record<Exclude<CodeField, 'sorCode'>, Map<string, SorUnit[]>> = {
    shak: new Map(),
    ean: new Map(),
    providerNumber: new Map(),
  };

  constructor(units: readonly SorUnit[]) {
    for (const unit of units) {
      this.bySorCode.set(unit.sorCode, unit);
      for (const field of ['shak', 'ean', 'providerNumber'] as const) {
        const code = unit[field];
        if (code === null) continue;
        // An inherited EAN belongs to the ancestor that owns it; finding every child by it is noise.
        if (field === 'ean' && unit.eanInherited) continue;
        const list = this.shared[field].get(code);
        if (list) list.push(unit);
        else this.shared[field].set(code, [unit]);
      }
    }
  }

  /** The units carrying exactly this code in this field. */
  lookup(field: CodeField, code: string): readonly SorUnit[] {
    if (field === 'sorCode') {
      const unit = this.bySorCode.get(code);
      return unit ? [unit] : [];
    }
    return this.shared[field].get(code) ?? [];
  }
}
