// Search relevance on generated national-style data: queries a clinician types (typos, Danish
// letters spelled out, abbreviations, short names, codes, several words, filters), each with the
// unit it should find. Expected units are looked up in the data by name and place, never by a code
// written here. The data is a snapshot built by `node --import tsx scripts/relevance-data.ts`
// (25,000 generated units, seed 1) into .bench/relevance.
import { expect } from '@open-wc/testing';
import Fuse from 'fuse.js/basic';
import { SorCatalog } from '../../src/catalog/catalog.js';
import { isValidOn, todayIso } from '../../src/model/dates.js';
import type { SorUnit } from '../../src/model/types.js';
import { foldForSearch } from '../../src/search/normalize.js';
import type { SorSearchFilter } from '../../src/search/types.js';
import { fetchSnapshot } from '../../src/snapshot/fetch-snapshot.js';

const MANIFEST = '/.bench/relevance/manifest.json';

interface Case {
  query: string;
  kind: 'name' | 'typo' | 'spelled' | 'abbreviation' | 'short name' | 'code' | 'words' | 'filter';
  filter?: SorSearchFilter;
  /** The unit (any one of the units) the query should find. */
  expected: (unit: SorUnit) => boolean;
  /** Codes must come first; everything else within the top 3. */
  within: 1 | 3;
}

let catalog: SorCatalog;
let units: SorUnit[];
const cases: Case[] = [];
const ours: { query: string; rank: number }[] = [];
const plain: { query: string; rank: number }[] = [];

function pathNames(unit: SorUnit): string[] {
  return catalog.ancestors(unit.sorCode).map((ancestor) => ancestor.name);
}

/** A unit of this name, optionally with an ancestor of that name. */
function named(name: string, under?: string): (unit: SorUnit) => boolean {
  return (unit) => unit.name === name && (under === undefined || pathNames(unit).includes(under));
}

function startsWith(prefix: string, under?: string): (unit: SorUnit) => boolean {
  return (unit) => unit.name.startsWith(prefix) && (under === undefined || pathNames(unit).includes(under));
}

function one(predicate: (unit: SorUnit) => boolean, what: string): SorUnit {
  const unit = units.find(predicate);
  if (!unit) throw new Error(`the generated data has no ${what}`);
  return unit;
}

function add(
  kind: Case['kind'],
  query: string,
  expected: (unit: SorUnit) => boolean,
  filter?: SorSearchFilter,
) {
  cases.push({ query, kind, expected, filter, within: kind === 'code' ? 1 : 3 });
}

function defineCases(): void {
  const auh = 'Aarhus Universitetshospital';
  const ouh = 'Odense Universitetshospital';
  const aauh = 'Aalborg Universitetshospital';
  const rh = 'Rigshospitalet';
  // Names, typed as far as a person types them.
  add('name', 'rigshosp', named(rh));
  add('name', 'aarhus universitetshospital', named(auh));
  add('name', 'odense uni', named(ouh));
  add('name', 'herlev og gentofte', named('Herlev og Gentofte Hospital'));
  add('name', 'bispebjerg', startsWith('Bispebjerg'));
  add('name', 'regionshospitalet viborg', named('Regionshospitalet Viborg'));
  add('name', 'gødstrup', named('Regionshospitalet Gødstrup'));
  add('name', 'sygehus lillebælt', named('Sygehus Lillebælt'));
  add('name', 'region nordjylland', named('Region Nordjylland'));
  // Typos.
  add('typo', 'rigshospitalt', named(rh));
  add('typo', 'rigshopsitalet', named(rh));
  add('typo', 'odense universitethospital', named(ouh));
  add('typo', 'aalborg universitetshospial', named(aauh));
  add('typo', 'aarhus univeristetshospital', named(auh));
  add('typo', 'sydvestjysk sygehs', named('Sydvestjysk Sygehus'));
  add('typo', 'aarhus kardiolgi', named('Kardiologisk afdeling', auh));
  add('typo', 'odense akutafdelngen', named('Akutafdelingen', ouh));
  add('typo', 'bornholms hopsital', named('Bornholms Hospital'));
  add('typo', 'nordsjælands hospital', named('Nordsjællands Hospital'));
  // Danish letters spelled out (or left out).
  add('spelled', 'koege kommune', named('Køge Kommune'));
  add('spelled', 'Aarhus', named(auh));
  add('spelled', 'hjoerring sygehus', named('Hjørring Sygehus'));
  add('spelled', 'naestved sygehus', named('Næstved Sygehus'));
  add('spelled', 'soenderborg sygehus', named('Sønderborg Sygehus'));
  add('spelled', 'oejenafdelingen aarhus', named('Øjenafdelingen', auh));
  add('spelled', 'gynaekologisk odense', named('Gynækologisk-obstetrisk afd.', ouh));
  add('spelled', 'sjaellands universitetshospital', startsWith('Sjællands Universitetshospital'));
  add('spelled', 'nykobing f sygehus', named('Nykøbing F. Sygehus'));
  add('spelled', 'boerne og ungeafdelingen aalborg', named('Børne- og ungeafdelingen', aauh));
  add('spelled', 'holbaek sygehus', named('Holbæk Sygehus'));
  // Abbreviations, either way round.
  add('abbreviation', 'medicinsk afdeling aarhus', named('Medicinsk afd.', auh));
  add('abbreviation', 'ortopædkirurgisk afdeling odense', named('Ortopædkirurgisk afd.', ouh));
  add('abbreviation', 'akut ambulatorium rigshospitalet', named('Akut amb.', rh));
  add('abbreviation', 'kardiologisk sengeafsnit a1 aarhus', named('Kardiologisk sengeafs. A1', auh));
  add('abbreviation', 'med afd viborg', named('Medicinsk afd.', 'Regionshospitalet Viborg'));
  add('abbreviation', 'kir afd horsens', named('Kirurgisk afdeling', 'Regionshospitalet Horsens'));
  add('abbreviation', 'sgh lillebælt', named('Sygehus Lillebælt'));
  add('abbreviation', 'urinvejskir afd aalborg', named('Urinvejskirurgisk afd.', aauh));
  // Short names.
  add('short name', 'RH', named(rh));
  add('short name', 'AUH', named(auh));
  add('short name', 'ouh', named(ouh));
  add('short name', 'AAUH', named(aauh));
  add('short name', 'SUH', named('Sjællands Universitetshospital Køge'));
  add('short name', 'HGH', named('Herlev og Gentofte Hospital'));
  add('short name', 'bfh', named('Bispebjerg og Frederiksberg Hospital'));
  add('short name', 'NOH', named('Nordsjællands Hospital'));
  add('short name', 'SVS', named('Sydvestjysk Sygehus'));
  add('short name', 'SLB', named('Sygehus Lillebælt'));
  add('short name', 'ouh akut', named('Akutafdelingen', ouh));
  add('short name', 'rh hudafd', named('Hudafdelingen', rh));
  add('short name', 'auh onkologi', named('Onkologisk afdeling', auh));
  // Several words across the unit's name and its ancestors' names.
  add('words', 'aarhus kardiologi', named('Kardiologisk afdeling', auh));
  add('words', 'odense neurologisk', named('Neurologisk afdeling', ouh));
  add('words', 'herlev neurologisk', named('Neurologisk afdeling', 'Herlev og Gentofte Hospital'));
  add('words', 'rigshospitalet intensiv', named('Intensiv afdeling', rh));
  add('words', 'køge kommune hjemmeplejen', startsWith('Hjemmeplejen', 'Køge Kommune'));
  add('words', 'odense tandpleje', named('Den kommunale tandpleje, Odense'));
  add('words', 'aalborg kommune plejecenter', startsWith('Plejecenter', 'Aalborg Kommune'));
  add('words', 'viborg kardiologisk', named('Kardiologisk afdeling', 'Regionshospitalet Viborg'));
  // A practice, as its name is written, with the Danish letters spelled out.
  const practice = one((u) => u.kind === 'SI' && /^Lægehuset [A-ZÆØÅ]/.test(u.name), 'Lægehuset practice');
  add('spelled', practice.name.replace('æ', 'ae').toLowerCase(), named(practice.name));
  const dentist = one((u) => u.kind === 'SI' && u.name.startsWith('Tandlægerne '), 'Tandlægerne practice');
  add('name', dentist.name.toLowerCase(), named(dentist.name));

  // Names as real registers write them: region site prefixes and capitalised "Afd.", "Overafd.",
  // company forms and partners' surnames in practice names, en dashes and "(…)".
  const koege = 'Sjællands Universitetshospital Køge';
  add('abbreviation', 'køg kardiologisk afdeling', named('KØG Kardiologisk Afd.', koege));
  add('abbreviation', 'kardiologisk afd køge', named('KØG Kardiologisk Afd.', koege));
  add('spelled', 'koeg kirurgisk afd', named('KØG Kirurgisk Afd.', koege));
  add('abbreviation', 'hol medicinsk', named('HOL Medicinsk Afd.', 'Holbæk Sygehus'));
  add('words', 'neurologisk næstved', named('NAE Neurologisk Afd.'));
  add('abbreviation', 'kirurgisk overafdeling aarhus', named('Kirurgisk Overafd.', auh));
  add('abbreviation', 'kir overafd rigshospitalet', named('Kirurgisk Overafd.', rh));
  const company = one((u) => u.kind === 'SI' && u.name.startsWith('I/S '), 'I/S practice');
  add('name', company.name.toLowerCase(), named(company.name));
  add('words', company.name.replace(/^I\/S \d+ /, '').toLowerCase(), named(company.name));
  const partners = one(
    (u) => u.kind === 'SI' && / og /.test(u.name) && u.name.startsWith('Lægerne '),
    'partners',
  );
  add('name', partners.name.toLowerCase(), named(partners.name));
  const streetClinic = one((u) => u.kind === 'SI' && /^Lægehuset \S+vej$/.test(u.name), 'street clinic');
  add('spelled', streetClinic.name.replace('æ', 'ae').toLowerCase(), named(streetClinic.name));
  add('words', 'plejehjemmet åhaven københavn', named('Plejehjemmet Åhaven', 'København Kommune'));
  add(
    'words',
    'aflastning plejehjemmet ørnereden',
    named('Aflastning (midlertidige pladser)', 'Plejehjemmet Ørnereden'),
  );
  add('words', 'hjemmeplejen øst københavn', named('Hjemmeplejen – Øst', 'København Kommune'));
  add('words', 'sundhedsplejen aarhus', named('Sundhedsplejen, Aarhus Kommune'));
  add('words', 'ambulatorium b1 akut aalborg', named('Ambulatorium B1 – akut', aauh));
  add('typo', 'observationsafsnt c2 obs aalborg', named('Observationsafsnit C2 (OBS)', aauh));

  // Codes: a pasted code finds its unit first.
  const cardiology = one(named('Kardiologisk afdeling', auh), 'cardiology at AUH');
  add('code', cardiology.sorCode, (u) => u.sorCode === cardiology.sorCode);
  add('code', ` ${cardiology.sorCode} `, (u) => u.sorCode === cardiology.sorCode);
  add('code', `="${cardiology.sorCode}"`, (u) => u.sorCode === cardiology.sorCode);
  add('code', cardiology.sorCode.replace(/(\d{3})(?=\d)/g, '$1 '), (u) => u.sorCode === cardiology.sorCode);
  const rigs = one(named(rh), rh);
  add('code', `${rigs.shak!}99999`, (u) => u.sorCode === rigs.sorCode);
  add('code', rigs.shak!, (u) => u.sorCode === rigs.sorCode);
  const section = one(
    (u) => u.level?.name === 'Afsnit' && /[A-Z]$/.test(u.shak ?? ''),
    'afsnit with a lettered SHAK',
  );
  add('code', section.shak!.toLowerCase(), (u) => u.shak === section.shak);
  const withEan = one(
    (u) => u.kind === 'OE' && u.ean !== null && !u.eanInherited && u.level !== null,
    'own EAN',
  );
  add('code', withEan.ean!, (u) => u.sorCode === withEan.sorCode);
  const gp = one((u) => u.providerNumber !== null && u.name.startsWith('Læge'), 'GP with ydernummer');
  add('code', gp.providerNumber!, (u) => u.providerNumber === gp.providerNumber);
  const practiceCode = one(
    (u) => u.kind === 'OE' && u.level === null && u.parentCode !== null,
    'unlevelled unit',
  );
  add('code', practiceCode.sorCode, (u) => u.sorCode === practiceCode.sorCode);

  // Filters, applied inside the search.
  const ouhUnit = one(named(ouh), ouh);
  const auhUnit = one(named(auh), auh);
  add('filter', 'akut', named('Akutafdelingen', ouh), { within: ouhUnit.sorCode, levels: ['Afdeling'] });
  add('filter', 'kardiologisk', named('Kardiologisk afdeling', aauh), {
    regionCodes: ['1081'],
    levels: ['Afdeling'],
  });
  add('filter', 'medicinsk', named('Medicinsk afd.', auh), { within: auhUnit.sorCode, levels: ['Afdeling'] });
  add('filter', 'plejecenter', (u) => u.kind === 'SI' && u.name.startsWith('Plejecenter'), {
    kinds: ['SI'],
    regionCodes: ['1085'],
  });
  add('filter', 'region', named('Region Syddanmark'), { kinds: ['IE'], regionCodes: ['1083'] });
  const retired = one((u) => u.validTo !== null && u.level?.name === 'Afsnit', 'retired afsnit');
  add('filter', retired.name, (u) => u.sorCode === retired.sorCode, {
    includeRetired: true,
    within: retired.parentCode!,
  });
}

function accepts(unit: SorUnit, filter: SorSearchFilter): boolean {
  const asOf = filter.asOf ?? todayIso();
  if (filter.kinds && !filter.kinds.includes(unit.kind)) return false;
  if (filter.levels && !(unit.level && filter.levels.includes(unit.level.name))) return false;
  if (
    filter.includeRetired
      ? unit.validFrom !== null && unit.validFrom > asOf
      : !isValidOn(unit.validFrom, unit.validTo, asOf)
  )
    return false;
  const path = [...catalog.ancestors(unit.sorCode), unit];
  if (filter.within && !path.some((step) => step.sorCode === filter.within)) return false;
  const region = path.findLast((step) => step.regionCode !== null)?.regionCode;
  return (
    !filter.regionCodes || (region !== undefined && region !== null && filter.regionCodes.includes(region))
  );
}

// Plain fuse.js as the library used it before: every unit's folded name, one Fuse over all. Units
// sharing a name get the same score, so it runs over the distinct names and expands them in unit
// order, which gives fuse.js's own order (score, then index) in a fraction of the time.
function plainFuse(): (query: string, filter: SorSearchFilter | undefined) => SorUnit[] {
  const byName = new Map<string, number[]>();
  units.forEach((unit, i) => {
    const key = foldForSearch(unit.name);
    const list = byName.get(key);
    if (list) list.push(i);
    else byName.set(key, [i]);
  });
  const keys = [...byName.keys()];
  const fuse = new Fuse(keys, {
    includeScore: true,
    ignoreLocation: true,
    threshold: 0.34,
    minMatchCharLength: 2,
  });
  return (query, filter) => {
    const scored = fuse
      .search(foldForSearch(query))
      .flatMap((result) => byName.get(result.item)!.map((i) => ({ i, score: result.score ?? 1 })));
    scored.sort((a, b) => a.score - b.score || a.i - b.i);
    // The same filter, after the fact: plain fuse.js has none of its own.
    return scored.map((s) => units[s.i]).filter((unit) => accepts(unit, filter ?? {}));
  };
}

describe('search relevance on 25,000 generated units', function () {
  this.timeout(120_000);

  before(async () => {
    let loaded: Awaited<ReturnType<typeof fetchSnapshot>>;
    try {
      loaded = await fetchSnapshot(MANIFEST);
    } catch (error) {
      throw new Error(
        `no relevance data at ${MANIFEST} (${(error as Error).message}): run "node --import tsx scripts/relevance-data.ts" first`,
      );
    }
    units = loaded.units;
    catalog = SorCatalog.fromUnits(units, {
      snapshotId: loaded.manifest.id,
      sourceDate: loaded.manifest.sourceDate,
    });
    await catalog.search('x');
    defineCases();
  });

  it('has at least 60 queries over every kind', () => {
    expect(cases.length).to.be.at.least(60);
    expect(new Set(cases.map((c) => c.kind)).size).to.equal(8);
  });

  it('finds the expected unit in the top 3 (codes: first) for every query', async () => {
    const misses: string[] = [];
    for (const c of cases) {
      const hits = await catalog.search(c.query, { filter: c.filter, limit: 20 });
      const rank = hits.findIndex((hit) => c.expected(hit.unit)) + 1;
      ours.push({ query: c.query, rank });
      if (rank === 0 || rank > c.within) {
        misses.push(
          `${c.kind} "${c.query}": expected unit at rank ${rank || 'none'}; got ${hits
            .slice(0, 3)
            .map((hit) => hit.unit.name)
            .join(' | ')}`,
        );
      }
    }
    expect(misses, misses.join('\n')).to.deep.equal([]);
  });

  it('answers right every query plain fuse.js answers right, and prints recall@1, recall@3 and MRR', () => {
    const fuse = plainFuse();
    let fuseRightOursWrong = 0;
    const regressions: string[] = [];
    cases.forEach((c, i) => {
      const rank = fuse(c.query, c.filter).slice(0, 20).findIndex(c.expected) + 1;
      plain.push({ query: c.query, rank });
      const oursRank = ours[i].rank;
      if (rank >= 1 && rank <= 3 && !(oursRank >= 1 && oursRank <= 3)) {
        fuseRightOursWrong++;
        regressions.push(`"${c.query}": fuse.js rank ${rank}, ours ${oursRank || 'none'}`);
      }
    });
    const summary = (ranks: { rank: number }[]) => {
      const recall = (k: number) => ranks.filter((r) => r.rank >= 1 && r.rank <= k).length / ranks.length;
      const mrr = ranks.reduce((sum, r) => sum + (r.rank > 0 ? 1 / r.rank : 0), 0) / ranks.length;
      return `recall@1 ${recall(1).toFixed(3)}, recall@3 ${recall(3).toFixed(3)}, MRR ${mrr.toFixed(3)}`;
    };
    console.log(
      [
        `search relevance, ${cases.length} queries on ${units.length} generated units:`,
        `  ours:          ${summary(ours)}`,
        `  plain fuse.js: ${summary(plain)}`,
        `  fuse.js right (top 3) but ours wrong: ${fuseRightOursWrong}`,
      ].join('\n'),
    );
    expect(regressions, regressions.join('\n')).to.deep.equal([]);
  });
});
