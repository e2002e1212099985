import {
  checkEan,
  checkShak,
  checkSorCode,
  eanCheckDigitMatches,
  sorCheckDigitMatches,
  type CodeCheck,
} from './codes.js';

/** What a typed or pasted value is: a SOR code, a SHAK code, an EAN/GLN, a ydernummer, or none. */
export type CodeClass = 'sor' | 'shak' | 'ean' | 'provider' | 'none';

/** The outcome of `classifyCode`. */
export interface CodeClassification {
  /** The kind the value most likely is; `none` for a name or anything that is no code. */
  kind: CodeClass;
  /**
   * The value as a code: without a spreadsheet's `="…"` wrapper, quotes and separators, SHAK in
   * upper case; for a SHAK + `99999` pseudo-code, the SHAK. Empty for `none`.
   */
  value: string;
  /** True when the value passes every check of its kind (format and check digit). */
  valid: boolean;
  /**
   * What is wrong, or what was done to the value, in words a person can act on; null when there
   * is nothing to say.
   */
  reason: string | null;
  /** Other kinds a value of this shape can also be (a 6-digit SHAK can be a ydernummer). */
  alsoPossible: CodeClass[];
  /**
   * For a SOR code whose last digits a spreadsheet zeroed: the digits that survived, by which the
   * unit can still be found (one valid SOR code at most continues them).
   */
  survivingPrefix?: string;
}

// A spreadsheet keeps 15 significant digits of a number and zeroes the rest.
const SPREADSHEET_DIGITS = 15;
// A local pseudo-code made of a SHAK and this tail sits in SOR columns of real spreadsheets.
const PSEUDO_TAIL = '99999';
// White space (no-break and thin spaces too) and the separators people put into long numbers.
const SEPARATORS = /[\s\u00A0\u2009\u202F.\-_/]/g;

const none = (reason: string | null = null): CodeClassification => ({
  kind: 'none',
  value: '',
  valid: false,
  reason,
  alsoPossible: [],
});

/** The value without the wrappers spreadsheets and CSV exports put around a number kept as text. */
function unwrap(value: string): { inner: string; wrapped: boolean } {
  let inner = value.trim();
  const start = inner;
  // `="1057801000016004"` (Excel's "keep as text" formula), `"…"`, and a leading apostrophe.
  const formula = /^=\s*"(.*)"$/.exec(inner);
  if (formula) inner = formula[1];
  else if (/^"(.*)"$/.test(inner)) inner = inner.slice(1, -1);
  else if (inner.startsWith("'")) inner = inner.slice(1);
  return { inner: inner.trim(), wrapped: inner !== start };
}

/**
 * A typed or pasted value as a code would be written: without a spreadsheet's `="…"` wrapper,
 * quotes, white space and separators (`1 057 801-000.016/004` → `1057801000016004`).
 */
export function compactCodeInput(value: string): string {
  return unwrap(value).inner.replace(SEPARATORS, '');
}

function reasonOf(check: CodeCheck): string | null {
  return check.valid ? null : check.reason;
}

/**
 * Classifies a value a person typed or pasted as a SOR code, SHAK code, EAN/GLN, ydernummer or
 * nothing, with the normalised value and a reason a person can act on. Recognises codes as real
 * spreadsheets hold them: `="…"` wrappers, separators (`1 057 801 000 016 004`), a SOR code whose
 * last digits a spreadsheet's 15-digit precision zeroed (`1057801000016000`), and local
 * pseudo-codes made of a SHAK and `99999` (`141102099999`).
 */
export function classifyCode(input: string): CodeClassification {
  const { inner, wrapped } = unwrap(input);
  const compact = inner.replace(SEPARATORS, '');
  if (compact === '' || !/^[0-9A-Za-z]+$/.test(compact) || !/\d/.test(compact)) return none();
  const cleaned =
    compact !== inner || wrapped
      ? `read as ${compact} (without ${wrapped ? 'the spreadsheet wrapper' : ''}${wrapped && compact !== inner ? ' and ' : ''}${compact !== inner ? 'separators' : ''})`
      : null;
  const withCleaning = (reason: string | null): string | null =>
    reason === null ? cleaned : cleaned === null ? reason : `${reason}; ${cleaned}`;
  const digitsOnly = /^\d+$/.test(compact);

  // SHAK + 99999: a local pseudo-code, not a SOR code.
  if (compact.length > PSEUDO_TAIL.length && compact.endsWith(PSEUDO_TAIL)) {
    const shak = compact.slice(0, -PSEUDO_TAIL.length).toUpperCase();
    if (checkShak(shak).valid && !checkSorCode(compact).valid) {
      return {
        kind: 'shak',
        value: shak,
        valid: true,
        reason: withCleaning(
          `${compact} is a local pseudo-code (SHAK ${shak} followed by ${PSEUDO_TAIL}), not a SOR code: look the unit up by its SHAK ${shak}`,
        ),
        alsoPossible: [],
      };
    }
  }

  if (digitsOnly && compact.length >= 11 && compact.length <= 18) {
    const format = checkSorCode(compact);
    if (format.valid) {
      if (sorCheckDigitMatches(compact)) {
        return { kind: 'sor', value: compact, valid: true, reason: cleaned, alsoPossible: [] };
      }
      const zeroed = compact.length - SPREADSHEET_DIGITS;
      if (zeroed > 0 && /^0+$/.test(compact.slice(SPREADSHEET_DIGITS))) {
        const survivingPrefix = compact.slice(0, SPREADSHEET_DIGITS);
        return {
          kind: 'sor',
          value: compact,
          valid: false,
          reason: withCleaning(
            `SOR code "${compact}": its last ${zeroed === 1 ? 'digit was' : `${zeroed} digits were`} zeroed, as a spreadsheet does with numbers longer than ${SPREADSHEET_DIGITS} digits; format the column as text and copy the code again (it begins ${survivingPrefix})`,
          ),
          alsoPossible: [],
          survivingPrefix,
        };
      }
      return {
        kind: 'sor',
        value: compact,
        valid: false,
        reason: withCleaning(`SOR code "${compact}": check digit does not match (a digit may be mistyped)`),
        alsoPossible: [],
      };
    }
    if (compact.length !== 13) return { ...none(withCleaning(format.reason)), value: compact };
  }

  if (digitsOnly && compact.length === 13) {
    const valid = checkEan(compact).valid && eanCheckDigitMatches(compact);
    return {
      kind: 'ean',
      value: compact,
      valid,
      reason: withCleaning(
        valid
          ? null
          : `EAN location number "${compact}": check digit does not match (a digit may be mistyped)`,
      ),
      alsoPossible: [],
    };
  }

  if ([4, 6, 7].includes(compact.length) && /^\d{4}/.test(compact)) {
    const shak = compact.toUpperCase();
    return {
      kind: 'shak',
      value: shak,
      valid: checkShak(shak).valid,
      reason: withCleaning(reasonOf(checkShak(shak))),
      // A ydernummer is 1 to 9 digits: a SHAK of digits only has the same shape.
      alsoPossible: digitsOnly ? ['provider'] : [],
    };
  }

  if (digitsOnly && compact.length <= 9) {
    return { kind: 'provider', value: compact, valid: true, reason: cleaned, alsoPossible: [] };
  }

  if (!digitsOnly && /^\d{4}/.test(compact)) {
    return { ...none(withCleaning(reasonOf(checkShak(compact.toUpperCase())))), value: compact };
  }
  // Digits and letters that fit no code: a name with a number in it ("Afsnit 2143"), most likely.
  return none(
    digitsOnly
      ? withCleaning(
          `"${compact}" has ${compact.length} digits: no SOR code (11–18), EAN (13), SHAK (4, 6, 7) or ydernummer (1–9) has that many`,
        )
      : null,
  );
}
