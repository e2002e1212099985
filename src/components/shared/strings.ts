import type { UiLanguage } from '../../model/id27.js';
import type { SorAddressingProblem, SorKind } from '../../model/types.js';
import type { SearchMatchField } from '../../catalog/index.js';

/** Every UI string of the components; a vendor may override any of them through `.strings`. */
export interface SorStrings {
  label: string;
  placeholder: string;
  loading: string;
  searching: string;
  noData: string;
  noMatch: (query: string) => string;
  resultCount: (count: number) => string;
  searchFailed: (message: string) => string;
  chosen: (name: string) => string;
  retired: string;
  kind: Record<SorKind, string>;
  matchedBy: Record<Exclude<SearchMatchField, 'name' | 'sorCode'>, string>;
  /** The tree's accessible name. */
  treeLabel: string;
  /** The label of the tree's filter box. */
  filterLabel: string;
  filterPlaceholder: string;
  /** How many units the filter found (announced). */
  filterCount: (count: number) => string;
  /** The label of the breadcrumb of the chosen unit's path. */
  pathLabel: string;
  /** Why some units cannot be chosen (`selectable-levels`); `levels` is a readable list. */
  onlyLevels: (levels: string) => string;
  /** With `resolve-level`: what a choice turns into. */
  resolvesTo: (level: string) => string;
  /** Why one unit cannot be chosen. */
  notChoosable: (name: string, why: string) => string;
  /** The reason for a unit outside `selectable-levels`. */
  wrongLevel: string;
  /** The reason for a unit that has no ID27 level at all (`selectable-levels`). */
  noLevel: string;
  /** Level rules are set, but no unit of the snapshot has an ID27 level: the rules are not applied. */
  noLevelsRulesOff: string;
  /** The reason for a unit with no unit at the `resolve-level` above it. */
  noUnitAtLevel: (level: string) => string;
  /** Said after a choice that `resolve-level` moved up the path. */
  resolvedFrom: (chosen: string, from: string) => string;
  /** A retired unit's successors. */
  replacedBy: (names: string) => string;
  /** The button that jumps to a retired unit's successor. */
  goToSuccessor: (name: string) => string;
  /** A preset value that names no unit. */
  unknownValue: (code: string) => string;
  /** A preset SHAK (`value-type="shak"`) that several SOR units carry: the user must choose. */
  ambiguousShak: (shak: string, names: readonly string[]) => string;
  /** A preset SHAK waiting for the SOR data to load before it can be resolved. */
  shakPending: (shak: string) => string;
  /** The word "or" joining the last two items of a list. */
  or: string;
  /** `purpose="addressing"`: which units can be chosen. */
  onlyReceiving: string;
  /** `purpose="addressing"`: the reason for a unit that cannot receive; `why` from `addressingProblems`. */
  cannotReceive: (why: string) => string;
  /** Why a unit cannot receive MedCom messages (`SorAddressingProblem`). */
  addressingProblems: Record<SorAddressingProblem, string>;
  /**
   * `purpose="addressing"`: where a unit's messages go, on its row: the EAN, whether it is the
   * unit's own or inherited, and the EDI system (its name, else its code; '' when not given).
   */
  receivesAt: (ean: string, inherited: boolean, system: string) => string;
  /** `<sor-sync-status>`: its accessible name. */
  syncLabel: string;
  /** The snapshot answering now: its source date and unit count, both formatted. */
  syncSnapshot: (date: string, units: string) => string;
  /** Before any snapshot is loaded. */
  syncNoSnapshot: string;
  /** A sync is running; `percent` is null until the download size is known. */
  syncing: (percent: number | null) => string;
  /** The last sync could not reach the host: the stored data answers. */
  syncOffline: string;
  /** The last sync failed. */
  syncFailed: (message: string) => string;
  /** IndexedDB is unavailable: the data lives in memory for this session only. */
  syncMemoryOnly: string;
  /** When a sync last succeeded. */
  syncLastSync: (time: string) => string;
  /** The data is generated, not a real SOR export. */
  syncSynthetic: string;
  /** No unit of the snapshot has an ID27 level. */
  syncNoLevels: string;
  /** The button that starts a sync. */
  syncNow: string;
  /** A required picker or tree left empty (the form's validation message). */
  required: string;
  /** The accessible name of a chip's remove button (`multiple`). */
  remove: (name: string) => string;
  /** Said when a chip was removed. */
  removed: (name: string) => string;
  /** Fewer characters typed than `min-chars`. */
  minChars: (count: number) => string;
}

export const STRINGS: Record<UiLanguage, SorStrings> = {
  da: {
    label: 'SOR-enhed',
    placeholder: 'Søg på navn, SOR-kode, SHAK eller EAN',
    loading: 'Indlæser SOR-data …',
    searching: 'Søger …',
    noData: 'Ingen SOR-data indlæst',
    noMatch: (query) => `Ingen enheder matcher »${query}«`,
    resultCount: (count) => (count === 1 ? '1 resultat' : `${count} resultater`),
    searchFailed: (message) => `Søgningen fejlede: ${message}`,
    chosen: (name) => `${name} er valgt`,
    retired: 'Nedlagt',
    kind: { IE: 'Institutionsejer', SI: 'Sundhedsinstitution', OE: 'Organisatorisk enhed' },
    matchedBy: { shak: 'SHAK', ean: 'EAN', providerNumber: 'Ydernr.' },
    treeLabel: 'SOR-hierarki',
    filterLabel: 'Filtrér hierarkiet',
    filterPlaceholder: 'Navn, SOR-kode eller SHAK',
    filterCount: (count) => (count === 1 ? '1 enhed fundet' : `${count} enheder fundet`),
    pathLabel: 'Sti til valgt enhed',
    onlyLevels: (levels) => `Kun enheder på niveau ${levels} kan vælges.`,
    resolvesTo: (level) => `Et valg giver enhedens ${level}.`,
    notChoosable: (name, why) => `${name} kan ikke vælges: ${why}`,
    wrongLevel: 'forkert niveau',
    noLevel: 'enheden har intet ID27-niveau i disse data',
    noLevelsRulesOff: 'Disse SOR-data har ingen ID27-niveauer, så alle enheder kan vælges.',
    noUnitAtLevel: (level) => `ingen ${level} over enheden`,
    resolvedFrom: (chosen, from) => `${chosen} valgt (ud fra ${from})`,
    replacedBy: (names) => `erstattet af ${names}`,
    goToSuccessor: (name) => `Gå til ${name}`,
    unknownValue: (code) => `Ingen enhed med koden ${code}`,
    ambiguousShak: (shak, names) =>
      `SHAK ${shak} svarer til ${names.length} SOR-enheder: vælg den rigtige (${names.join(', ')}).`,
    shakPending: (shak) => `SHAK ${shak} slås op, når SOR-data er indlæst.`,
    or: 'eller',
    onlyReceiving: 'Kun enheder, der kan modtage MedCom-beskeder, kan vælges.',
    cannotReceive: (why) => `kan ikke modtage MedCom-beskeder (${why})`,
    addressingProblems: {
      'no-ean': 'intet EAN-nummer',
      inactive: 'EAN-nummeret er inaktivt',
      'internal-only': 'EAN-nummeret modtager kun interne beskeder',
      'no-edi-data': 'SOR-data mangler EAN-nummerets EDI-oplysninger',
    },
    receivesAt: (ean, inherited, system) =>
      `EAN ${ean} (${inherited ? 'arvet' : 'eget'})${system && ` · EDI-system: ${system}`}`,
    syncLabel: 'SOR-data',
    syncSnapshot: (date, units) => `Data fra ${date} · ${units} enheder`,
    syncNoSnapshot: 'Ingen SOR-data hentet endnu',
    syncing: (percent) => (percent === null ? 'Henter SOR-data …' : `Henter SOR-data … ${percent} %`),
    syncOffline: 'Offline – viser de gemte data',
    syncFailed: (message) => `Opdateringen fejlede: ${message}`,
    syncMemoryOnly: 'Data gemmes ikke på enheden (kun i denne session)',
    syncLastSync: (time) => `Sidst opdateret ${time}`,
    syncSynthetic: 'Syntetiske testdata',
    syncNoLevels: 'Disse SOR-data har ingen ID27-niveauer',
    syncNow: 'Opdatér nu',
    required: 'Vælg en SOR-enhed.',
    remove: (name) => `Fjern ${name}`,
    removed: (name) => `${name} er fjernet`,
    minChars: (count) => `Skriv mindst ${count} tegn`,
  },
  en: {
    label: 'SOR unit',
    placeholder: 'Search by name, SOR code, SHAK or EAN',
    loading: 'Loading SOR data …',
    searching: 'Searching …',
    noData: 'No SOR data loaded',
    noMatch: (query) => `No units match “${query}”`,
    resultCount: (count) => (count === 1 ? '1 result' : `${count} results`),
    searchFailed: (message) => `Search failed: ${message}`,
    chosen: (name) => `${name} selected`,
    retired: 'Retired',
    kind: { IE: 'Institution owner', SI: 'Health institution', OE: 'Organisational unit' },
    matchedBy: { shak: 'SHAK', ean: 'EAN', providerNumber: 'Provider no.' },
    treeLabel: 'SOR hierarchy',
    filterLabel: 'Filter the hierarchy',
    filterPlaceholder: 'Name, SOR code or SHAK',
    filterCount: (count) => (count === 1 ? '1 unit found' : `${count} units found`),
    pathLabel: 'Path to the chosen unit',
    onlyLevels: (levels) => `Only units at level ${levels} can be chosen.`,
    resolvesTo: (level) => `A choice gives the unit's ${level}.`,
    notChoosable: (name, why) => `${name} cannot be chosen: ${why}`,
    wrongLevel: 'wrong level',
    noLevel: 'the unit has no ID27 level in this data',
    noLevelsRulesOff: 'This snapshot has no ID27 levels, so any unit can be chosen.',
    noUnitAtLevel: (level) => `no ${level} above it`,
    resolvedFrom: (chosen, from) => `${chosen} chosen (from ${from})`,
    replacedBy: (names) => `replaced by ${names}`,
    goToSuccessor: (name) => `Go to ${name}`,
    unknownValue: (code) => `No unit has the code ${code}`,
    ambiguousShak: (shak, names) =>
      `SHAK ${shak} belongs to ${names.length} SOR units: choose the right one (${names.join(', ')}).`,
    shakPending: (shak) => `SHAK ${shak} is looked up once the SOR data has loaded.`,
    or: 'or',
    onlyReceiving: 'Only units that can receive MedCom messages can be chosen.',
    cannotReceive: (why) => `cannot receive MedCom messages (${why})`,
    addressingProblems: {
      'no-ean': 'no EAN number',
      inactive: 'the EAN number is inactive',
      'internal-only': 'the EAN number receives internal messages only',
      'no-edi-data': "the SOR data lacks the EAN number's EDI details",
    },
    receivesAt: (ean, inherited, system) =>
      `EAN ${ean} (${inherited ? 'inherited' : 'own'})${system && ` · EDI system: ${system}`}`,
    syncLabel: 'SOR data',
    syncSnapshot: (date, units) => `Data from ${date} · ${units} units`,
    syncNoSnapshot: 'No SOR data downloaded yet',
    syncing: (percent) =>
      percent === null ? 'Downloading SOR data …' : `Downloading SOR data … ${percent}%`,
    syncOffline: 'Offline – showing the stored data',
    syncFailed: (message) => `Update failed: ${message}`,
    syncMemoryOnly: 'Data is not stored on this device (this session only)',
    syncLastSync: (time) => `Last updated ${time}`,
    syncSynthetic: 'Synthetic test data',
    syncNoLevels: 'This snapshot has no ID27 levels',
    syncNow: 'Sync now',
    required: 'Choose a SOR unit.',
    remove: (name) => `Remove ${name}`,
    removed: (name) => `${name} removed`,
    minChars: (count) => `Type at least ${count} characters`,
  },
};

// Characters that can reorder the text around them: right-to-left letters (Hebrew, Arabic, Syriac,
// Thaana, N'Ko …, their presentation forms) and the bidi controls (embeddings, overrides, isolates,
// marks). A name with none of them is left-to-right or neutral and cannot move a Danish sentence.
const BIDI_SENSITIVE =
  /[\u0590-\u08ff\u200e\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufefc]|\ud802[\udc00-\udfff]|\ud83a/;

/**
 * Text from the data (a unit's name, a typed code) set apart for the bidi algorithm when it could
 * reorder what surrounds it: wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE
 * (https://www.unicode.org/reports/tr9/#Explicit_Directional_Isolates), which also closes any
 * embedding or override the text opens. Other text is returned unchanged.
 */
export function isolateBidi(text: string): string {
  return BIDI_SENSITIVE.test(text) ? `\u2068${text}\u2069` : text;
}

/**
 * An element's strings: its language's, with the vendor's overrides, every text argument of a
 * message isolated (`isolateBidi`), so a name from the data cannot reorder the sentence around it.
 */
export function stringsFor(element: Element, overrides: Partial<SorStrings>): SorStrings {
  const merged: Record<string, unknown> = { ...STRINGS[languageOf(element)], ...overrides };
  for (const [key, value] of Object.entries(merged)) {
    if (typeof value === 'function') {
      merged[key] = (...args: unknown[]) =>
        (value as (...args: unknown[]) => string)(
          ...args.map((arg) =>
            typeof arg === 'string'
              ? isolateBidi(arg)
              : Array.isArray(arg)
                ? arg.map((item) => isolateBidi(String(item)))
                : arg,
          ),
        );
    }
  }
  return merged as unknown as SorStrings;
}

/**
 * The UI language of an element: its own `lang`, else the nearest ancestor's (crossing shadow
 * roots), else the document's. Danish for `da*`, English for everything else.
 */
export function languageOf(element: Element): UiLanguage {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) {
      return node.getAttribute('lang')!.toLowerCase().startsWith('da') ? 'da' : 'en';
    }
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return 'en';
}
