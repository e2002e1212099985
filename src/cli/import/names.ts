/** The longest name the SOR v1 schema allows (`SorNameType`, maxLength 60). */
export const SOR_NAME_MAX_LENGTH = 60;

// Bidi controls (embeddings, overrides, isolates, marks) would reorder the text around a name
// wherever it is shown; zero-width characters make equal-looking names differ for search.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const EXTRA_SPACE = /^\s|\s$|\s{2}|[\t\n\r\u00A0]/;

/** What `cleanName` changed in a name, so the build can count it. */
export interface NameCleaning {
  name: string;
  /** Leading, trailing or doubled spaces (tabs, line breaks, no-break spaces) were collapsed. */
  spaces: boolean;
  /** Bidi control or zero-width characters were removed. */
  invisible: boolean;
}

/**
 * A unit name as shown and searched: bidi controls and zero-width characters removed, white space
 * trimmed and collapsed to single spaces. Reports what it changed.
 */
export function cleanName(raw: string): NameCleaning {
  const visible = raw.replace(BIDI_CONTROLS, '').replace(ZERO_WIDTH, '');
  const invisible = visible.length !== raw.length;
  const spaces = EXTRA_SPACE.test(visible);
  return { name: spaces ? visible.replace(/\s+/g, ' ').trim() : visible, spaces, invisible };
}
