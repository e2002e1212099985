import { verhoeffCheckDigit, verhoeffValid } from './verhoeff.js';
import type { Id27LevelName } from './id27.js';

/** The outcome of a format check: either valid, or the reason a person can act on. */
export type CodeCheck = { valid: true } | { valid: false; reason: string };

const VALID: CodeCheck = { valid: true };
const invalid = (reason: string): CodeCheck => ({ valid: false, reason });

/** The SNOMED CT namespace that SOR codes are issued in. */
export const SOR_NAMESPACE = '1000016';
/** The partition digits seen in every SOR code. */
export const SOR_PARTITION = '00';

const REGULAR_TAIL = Array.from(SOR_NAMESPACE + SOR_PARTITION, (char) => char.charCodeAt(0));

/**
 * A regular SOR code (a running number of 1–8 digits without a leading zero, the namespace, the
 * partition, a check digit) as the small integer running × 10 + check digit; -1 for any other
 * string. Two codes never share a key, and `sorCodeFromKey` gives the code back. Indexes key codes
 * this way: hashing a small integer is several times cheaper than an 11–18 character string.
 */
export function sorCodeKey(code: string): number {
  const length = code.length;
  const running = length - REGULAR_TAIL.length - 1;
  if (running < 1 || running > 8 || code.charCodeAt(0) === 48) return -1;
  for (let j = 0; j < REGULAR_TAIL.length; j++)
    if (code.charCodeAt(running + j) !== REGULAR_TAIL[j]) return -1;
  let key = 0;
  for (let j = 0; j < running; j++) {
    const digit = code.charCodeAt(j) - 48;
    if (digit < 0 || digit > 9) return -1;
    key = key * 10 + digit;
  }
  const check = code.charCodeAt(length - 1) - 48;
  return check < 0 || check > 9 ? -1 : key * 10 + check;
}

/** The SOR code of a key from `sorCodeKey`. */
export function sorCodeFromKey(key: number): string {
  return `${Math.floor(key / 10)}${SOR_NAMESPACE}${SOR_PARTITION}${key % 10}`;
}

/**
 * Checks the shape of a SOR code: 11–18 digits, ending in namespace `1000016`, partition `00` and
 * one check digit. The Verhoeff check digit is NOT part of this check (use `sorCheckDigitMatches`):
 * the official export is never rejected for it.
 */
export function checkSorCode(value: string): CodeCheck {
  if (value.length === 0) return invalid('SOR code is empty');
  if (!/^\d+$/.test(value)) return invalid(`SOR code "${value}" must contain digits only`);
  if (value.length < 11 || value.length > 18) {
    return invalid(`SOR code "${value}" has ${value.length} digits; a SOR code has 11 to 18`);
  }
  const namespace = value.slice(-10, -3);
  if (namespace !== SOR_NAMESPACE) {
    return invalid(
      `SOR code "${value}" does not carry the SOR namespace ${SOR_NAMESPACE} before its last 3 digits (found ${namespace})`,
    );
  }
  const partition = value.slice(-3, -1);
  if (partition !== SOR_PARTITION) {
    return invalid(`SOR code "${value}" has partition ${partition}; SOR codes use ${SOR_PARTITION}`);
  }
  return VALID;
}

/** True when the SOR code's last digit is its Verhoeff check digit (every real code seen is). */
export function sorCheckDigitMatches(value: string): boolean {
  return verhoeffValid(value);
}

/**
 * Checks a code a person typed or pasted: the format, then the check digit, so a typo is caught
 * with "check digit does not match" before it is looked up.
 */
export function checkTypedSorCode(value: string): CodeCheck {
  const format = checkSorCode(value);
  if (!format.valid) return format;
  if (!sorCheckDigitMatches(value)) {
    return invalid(`SOR code "${value}": check digit does not match (a digit may be mistyped)`);
  }
  return VALID;
}

/** Makes a SOR code from a running number: running number + namespace + partition + check digit. */
export function makeSorCode(runningNumber: number | string): string {
  const running = String(runningNumber);
  if (!/^[1-9]\d{0,7}$/.test(running)) {
    throw new RangeError(`SOR running number must be 1 to 8 digits without a leading zero, got "${running}"`);
  }
  const body = running + SOR_NAMESPACE + SOR_PARTITION;
  return body + verhoeffCheckDigit(body);
}

/**
 * Checks a legacy SHAK code: 4 characters (sygehus), 6 (afdeling) or 7 (afsnit); the first four
 * are the sygehus number (digits), the rest letters or digits.
 */
export function checkShak(value: string): CodeCheck {
  if (value.length === 0) return invalid('SHAK code is empty');
  if (![4, 6, 7].includes(value.length)) {
    return invalid(
      `SHAK code "${value}" has ${value.length} characters; SHAK codes have 4 (sygehus), 6 (afdeling) or 7 (afsnit)`,
    );
  }
  if (!/^\d{4}/.test(value))
    return invalid(`SHAK code "${value}" must start with 4 digits (the sygehus number)`);
  if (!/^[0-9A-Za-z]+$/.test(value))
    return invalid(`SHAK code "${value}" may contain only letters and digits`);
  return VALID;
}

/** The ID27 level a SHAK code of this length corresponds to: 4 Hospital, 6 Afdeling, 7 Afsnit. */
export function shakLevel(value: string): Id27LevelName | null {
  return value.length === 4
    ? 'Hospital'
    : value.length === 6
      ? 'Afdeling'
      : value.length === 7
        ? 'Afsnit'
        : null;
}

/** The SHAK codes above this one, by prefix: `2529010` → `['2529', '252901']`. */
export function shakAncestors(value: string): string[] {
  return [4, 6].filter((length) => length < value.length).map((length) => value.slice(0, length));
}

/** Checks an EAN/GLN location number: 13 digits (the GS1 check digit is checked separately). */
export function checkEan(value: string): CodeCheck {
  if (value.length === 0) return invalid('EAN location number is empty');
  if (!/^\d+$/.test(value)) return invalid(`EAN location number "${value}" must contain digits only`);
  if (value.length !== 13) {
    return invalid(`EAN location number "${value}" has ${value.length} digits; it must have 13`);
  }
  return VALID;
}

/** The GS1 mod-10 check digit of the first 12 digits of an EAN-13. */
export function eanCheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (first12.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** True when a 13-digit EAN ends in its GS1 check digit. */
export function eanCheckDigitMatches(value: string): boolean {
  return /^\d{13}$/.test(value) && eanCheckDigit(value.slice(0, 12)) === value.charCodeAt(12) - 48;
}

/** What kind of code a person typed, if any: drives exact lookups in search. */
export type CodeKind = 'sor' | 'shak' | 'ean';

/** Guesses which code a typed string is, by shape alone. */
export function detectCodeKind(value: string): CodeKind | null {
  const trimmed = value.trim();
  if (checkSorCode(trimmed).valid) return 'sor';
  if (checkEan(trimmed).valid) return 'ean';
  if (checkShak(trimmed).valid) return 'shak';
  return null;
}
