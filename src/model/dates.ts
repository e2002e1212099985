/** Today's date as ISO `YYYY-MM-DD` in the local time zone (a clinician's "today"). */
export function todayIso(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/**
 * True when a unit with this validity is valid on `asOf` (all ISO dates, compared as strings).
 * `validTo` is inclusive (SOR's `ToDate` is the last valid day).
 */
export function isValidOn(validFrom: string | null, validTo: string | null, asOf: string): boolean {
  if (validFrom !== null && validFrom > asOf) return false;
  return validTo === null || validTo >= asOf;
}

/** True when the unit has closed before `asOf`. */
export function isRetiredOn(validTo: string | null, asOf: string): boolean {
  return validTo !== null && validTo < asOf;
}
