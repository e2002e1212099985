import type { UiLanguage } from '../../model/id27.js';
import type { SorKind } from '../../model/types.js';
import type { SearchMatchField } from '../../search/types.js';

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
  },
};

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
