/**
 * ID27, the clinical-administrative level (klinisk-administrativt niveau) of a SOR unit, top to
 * bottom. MedCom code system:
 * http://medcomehmi.dk/ig/terminology/CodeSystem/eer-sor-clinical-administrative-hierarchy
 */
export const ID27_LEVEL_NAMES = [
  'Hospital',
  'Hospitalsområde',
  'Center',
  'Overafdeling',
  'Afdeling',
  'Afsnit',
] as const;

export type Id27LevelName = (typeof ID27_LEVEL_NAMES)[number];

export const ID27_CODE_SYSTEM =
  'http://medcomehmi.dk/ig/terminology/CodeSystem/eer-sor-clinical-administrative-hierarchy';

/**
 * A unit's level as the source gave it. `code` is the source's code, kept as is (SDS's SNOMED
 * codes for the levels are not public here). `name` is one of the six canonical names when the
 * source's name maps onto one, otherwise the source's name unchanged: unknown levels are kept,
 * never dropped.
 */
export interface Id27Level {
  code: string;
  name: Id27LevelName | (string & {});
}

export type UiLanguage = 'da' | 'en';

/** Human labels for the six levels. */
export const ID27_LABELS: Record<Id27LevelName, Record<UiLanguage, string>> = {
  Hospital: { da: 'Hospital', en: 'Hospital' },
  Hospitalsområde: { da: 'Hospitalsområde', en: 'Hospital area' },
  Center: { da: 'Center', en: 'Centre' },
  Overafdeling: { da: 'Overafdeling', en: 'Department group' },
  Afdeling: { da: 'Afdeling', en: 'Department' },
  Afsnit: { da: 'Afsnit', en: 'Section' },
};

// Lower-cased spellings that name each level: the Danish name, its ASCII spelling and the English
// label, so `selectable-levels="afdeling section"` and a side file written as `Hospitalsomraade` work.
const LEVEL_BY_SPELLING = new Map<string, Id27LevelName>();
for (const name of ID27_LEVEL_NAMES) {
  for (const spelling of [name, ID27_LABELS[name].en, name.replace('å', 'aa'), 'Centre']) {
    if (spelling === 'Centre' && name !== 'Center') continue;
    LEVEL_BY_SPELLING.set(spelling.toLowerCase(), name);
  }
}

/** The canonical level name for a Danish name, its ASCII spelling or the English label; else null. */
export function canonicalLevelName(spelling: string): Id27LevelName | null {
  return LEVEL_BY_SPELLING.get(spelling.trim().toLowerCase()) ?? null;
}

/** A level from a source's code and name, mapping the name onto the canonical one where known. */
export function toId27Level(code: string, name: string): Id27Level {
  const trimmed = name.trim();
  return { code: code.trim(), name: canonicalLevelName(trimmed) ?? trimmed };
}

/** True for the six known levels, false for a name kept as the source gave it. */
export function isKnownLevel(name: string): name is Id27LevelName {
  return (ID27_LEVEL_NAMES as readonly string[]).includes(name);
}

/** 0 (Hospital) … 5 (Afsnit); unknown names sort after the known ones. */
export function levelRank(name: string | null | undefined): number {
  if (!name) return ID27_LEVEL_NAMES.length + 1;
  const index = (ID27_LEVEL_NAMES as readonly string[]).indexOf(name);
  return index === -1 ? ID27_LEVEL_NAMES.length : index;
}

/** The label of a level in a UI language; unknown names are shown as the source gave them. */
export function levelLabel(name: string, language: UiLanguage): string {
  return isKnownLevel(name) ? ID27_LABELS[name][language] : name;
}

/**
 * Parses a list of level names (space or comma separated, Danish or English, any case) as given in
 * an attribute such as `selectable-levels="Afdeling Afsnit"`. Unknown words are reported, not
 * silently dropped.
 */
export function parseLevelList(text: string): { levels: Id27LevelName[]; unknown: string[] } {
  const levels: Id27LevelName[] = [];
  const unknown: string[] = [];
  // "Hospital area" and "Department group" are two words: try two-word spellings first.
  const words = text.split(/[\s,;]+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const pair = i + 1 < words.length ? canonicalLevelName(`${words[i]} ${words[i + 1]}`) : null;
    if (pair) {
      levels.push(pair);
      i++;
      continue;
    }
    const single = canonicalLevelName(words[i]);
    if (single) levels.push(single);
    else unknown.push(words[i]);
  }
  return { levels, unknown };
}
