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

// xs:date with an optional zone (XML Schema 1.1 part 2, 3.3.9): the zone names where the day was
// meant, not a different day, so the calendar date is kept and the zone dropped.
const XSD_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?$/;
const XSD_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?$/;

function isCalendarDate(year: string, month: string, day: string): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

/**
 * An XML Schema `xs:date` as ISO `YYYY-MM-DD`: `2010-01-26`, `2010-01-26Z` and
 * `2010-01-26+01:00` all give `2010-01-26`. Null for anything else, a day that does not exist
 * (`2010-02-30`) included. Years are limited to four digits, as everything downstream compares
 * dates as strings.
 */
export function normaliseXsdDate(value: string): string | null {
  const match = XSD_DATE.exec(value);
  if (!match || !isCalendarDate(match[1], match[2], match[3])) return null;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** True for an XML Schema `xs:dateTime` with a real calendar day (`2010-01-26T00:00:00+01:00`). */
export function isXsdDateTime(value: string): boolean {
  const match = XSD_DATE_TIME.exec(value);
  return match !== null && isCalendarDate(match[1], match[2], match[3]);
}
