// Dates reach the components from stored snapshots and manifests: render paths format what they
// can and show the rest as given, so a malformed or zone-suffixed date never stops a render.

// A calendar day at the start: `2010-01-26`, also `2010-01-26+01:00` (SOR's SnapshotDate is an
// xs:date, which may carry a zone) or `2010-01-26T00:00:00Z`.
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?![\d])/;

/**
 * A calendar date (`YYYY-MM-DD`, with or without a zone or time after it) in words, e.g.
 * "26. januar 2010". The day is the one written: a zone suffix does not move it. Text that holds
 * no real calendar day is returned as it is.
 */
export function formatDay(value: string, locale: string): string {
  const match = ISO_DAY.exec(value.trim());
  if (!match) return value;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // 2026-02-30 would roll over into March: not a day that exists, so shown as written.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return value;
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A point in time (an ISO timestamp) with date and time of day; text that is none is returned as it is. */
export function formatMoment(value: string, locale: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
