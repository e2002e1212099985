/**
 * Search vocabulary kept as data: the abbreviations SOR names use, and the short names clinicians
 * call the big hospitals by. Both sides are written as people write them; the normaliser folds them
 * (so `Øjenafd.` and `ojenafd` meet) when the index is built.
 */

/**
 * Abbreviations common in SOR unit names → the word they stand for. A name token and a query token
 * that is one of these keys both search as the full word, so `Kardiologisk sengeafs.` is found by
 * `kardiologisk sengeafsnit` and `Medicinsk afdeling` by `med afd`.
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  afd: 'afdeling',
  afdel: 'afdeling',
  overafd: 'overafdeling',
  afs: 'afsnit',
  amb: 'ambulatorium',
  ambul: 'ambulatorium',
  sengeafs: 'sengeafsnit',
  sengeafd: 'sengeafdeling',
  dagafs: 'dagafsnit',
  obs: 'observationsafsnit',
  sgh: 'sygehus',
  syg: 'sygehus',
  hosp: 'hospital',
  uh: 'universitetshospital',
  med: 'medicinsk',
  kir: 'kirurgisk',
  ort: 'ortopædkirurgisk',
  ortop: 'ortopædkirurgisk',
  gyn: 'gynækologisk',
  neuro: 'neurologisk',
  kard: 'kardiologisk',
  onk: 'onkologisk',
  psyk: 'psykiatrisk',
  pæd: 'pædiatrisk',
  klin: 'klinisk',
  ctr: 'center',
  sekr: 'sekretariat',
  spec: 'speciallæge',
  tandl: 'tandlæge',
  alm: 'almen',
  reg: 'region',
  komm: 'kommune',
};

/**
 * Well-known short names of hospitals and hospital sites. Each names the units it stands for by the
 * start of their name (`names`); only hospitals, hospital areas and health institutions carry a
 * short name, and their descendants inherit it as context (`ouh akut` finds OUH's Akutafdelingen).
 */
export const SHORT_NAMES: readonly { short: string; names: readonly string[] }[] = [
  { short: 'RH', names: ['Rigshospitalet'] },
  { short: 'AUH', names: ['Aarhus Universitetshospital'] },
  { short: 'OUH', names: ['Odense Universitetshospital'] },
  { short: 'AAUH', names: ['Aalborg Universitetshospital'] },
  { short: 'SUH', names: ['Sjællands Universitetshospital'] },
  { short: 'HGH', names: ['Herlev og Gentofte Hospital'] },
  { short: 'BFH', names: ['Bispebjerg og Frederiksberg Hospital'] },
  { short: 'AHH', names: ['Amager og Hvidovre Hospital'] },
  { short: 'NOH', names: ['Nordsjællands Hospital'] },
  { short: 'BOH', names: ['Bornholms Hospital'] },
  { short: 'SVS', names: ['Sydvestjysk Sygehus'] },
  { short: 'SLB', names: ['Sygehus Lillebælt'] },
  { short: 'SHS', names: ['Hospital Sønderjylland', 'Sygehus Sønderjylland'] },
  { short: 'NSR', names: ['Næstved, Slagelse og Ringsted Sygehuse'] },
  { short: 'NFS', names: ['Nykøbing F. Sygehus', 'Nykøbing Falster Sygehus'] },
  { short: 'HEH', names: ['Herlev Hospital'] },
  { short: 'GEH', names: ['Gentofte Hospital'] },
  { short: 'BBH', names: ['Bispebjerg Hospital'] },
  { short: 'FRH', names: ['Frederiksberg Hospital'] },
  { short: 'HVH', names: ['Hvidovre Hospital'] },
  { short: 'RHG', names: ['Regionshospitalet Gødstrup'] },
  { short: 'RHR', names: ['Regionshospitalet Randers'] },
  { short: 'RHV', names: ['Regionshospitalet Viborg'] },
  { short: 'RHH', names: ['Regionshospitalet Horsens'] },
  { short: 'RHN', names: ['Regionshospital Nordjylland'] },
];
