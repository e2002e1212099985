// People and private practice for the synthetic generator: person names, the kinds of practice
// and their name patterns, specialist fields and municipal institutions.
import type { EdiSystem } from '../ean-edi.js';

/** Danish first names, for practitioners. */
export const FIRST_NAMES = [
  'Anne',
  'Mette',
  'Kirsten',
  'Hanne',
  'Susanne',
  'Lene',
  'Maria',
  'Camilla',
  'Louise',
  'Sofie',
  'Ida',
  'Peter',
  'Jens',
  'Lars',
  'Michael',
  'Henrik',
  'Søren',
  'Thomas',
  'Niels',
  'Jørgen',
  'Rasmus',
  'Mads',
  'Ulla',
  'Birgitte',
  'Pia',
  'Signe',
  'Line',
  'Jesper',
  'Anders',
  'Morten',
  'Kasper',
  'Bjørn',
  'Søs',
];

/** Danish surnames, for practitioners and practice names. */
export const LAST_NAMES = [
  'Nielsen',
  'Jensen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Petersen',
  'Madsen',
  'Kristensen',
  'Olsen',
  'Thomsen',
  'Christiansen',
  'Poulsen',
  'Johansen',
  'Møller',
  'Mortensen',
  'Bøgh',
  'Kjær',
  'Dahl',
  'Lund',
  'Holm',
  'Skov',
  'Vestergaard',
  'Østergaard',
  'Ærø',
  'Brøndum',
  'Frølund',
  'Sønderby',
];

/** Kinds of private practice: share of the practice budget, name patterns, types, specialties. */
export interface PracticeSeed {
  key: string;
  share: number;
  institutionType: string;
  specialty: string | null;
  /** `{name}` a person, `{city}`, `{street}`; one is picked per practice. */
  names: string[];
  /** Units (OE) per practice: 1 plus up to this many partners/clinics. */
  extraUnits: number;
  providerNumber: boolean;
  /** The kind of system that receives MedCom messages on the practice's EAN. */
  ediSystem: EdiSystem;
}

/** The kinds of practice, with their share of the practice budget. */
export const PRACTICES: PracticeSeed[] = [
  {
    key: 'gp',
    share: 0.3,
    institutionType: '394761003',
    specialty: '408443003',
    names: [
      'Lægerne {street}',
      'Læge {name}',
      'Lægehuset {city}',
      'Lægeklinikken {street}',
      'Lægerne i {city}',
      // Real registers also hold company forms and partners' surnames.
      'I/S {postcode} Lægehuset {city}',
      'Lægerne {last} og {other}',
      'Lægehuset {street}',
    ],
    extraUnits: 3,
    providerNumber: true,
    ediSystem: 'general-practice',
  },
  {
    key: 'specialist',
    share: 0.14,
    institutionType: '550671000005100',
    specialty: null,
    names: [
      'Speciallæge i {spec} {name}',
      'Øjenlægerne {city}',
      'Hudklinikken {city}',
      'Øre-, næse-, halsklinikken {city}',
      'Speciallægeklinik {name}',
    ],
    extraUnits: 1,
    providerNumber: true,
    ediSystem: 'specialist',
  },
  {
    key: 'dentist',
    share: 0.24,
    institutionType: '550681000005102',
    specialty: null,
    names: ['Tandlæge {name}', 'Tandlægerne {street}', 'Tandlægehuset {city}', 'Tandklinikken {street}'],
    extraUnits: 2,
    providerNumber: true,
    ediSystem: 'dental',
  },
  {
    key: 'physio',
    share: 0.16,
    institutionType: '547011000005103',
    specialty: '394602003',
    names: [
      'Fysioterapi {city}',
      '{name} Fysioterapi',
      'Fysioterapeuterne {street}',
      'Klinik for Fysioterapi, {city}',
    ],
    extraUnits: 2,
    providerNumber: true,
    ediSystem: 'other-practice',
  },
  {
    key: 'chiro',
    share: 0.05,
    institutionType: '550641000005106',
    specialty: null,
    names: ['Kiropraktisk Klinik {city}', 'Kiropraktor {name}'],
    extraUnits: 1,
    providerNumber: true,
    ediSystem: 'other-practice',
  },
  {
    key: 'psychologist',
    share: 0.07,
    institutionType: '550711000005101',
    specialty: null,
    names: ['Psykolog {name}', 'Psykologhuset {city}'],
    extraUnits: 1,
    providerNumber: true,
    ediSystem: 'other-practice',
  },
  {
    key: 'chiropodist',
    share: 0.04,
    institutionType: '554061000005105',
    specialty: null,
    names: ['Fodterapeut {name}', 'Fodklinikken {street}'],
    extraUnits: 0,
    providerNumber: true,
    ediSystem: 'other-practice',
  },
];

/** Fields of a practising specialist: the name used in practice names, and its SNOMED CT code. */
export const SPECIALIST_FIELDS = [
  ['øjensygdomme', '394594003'],
  ['hudsygdomme', '394582007'],
  ['øre-, næse- og halssygdomme', '394604002'],
  ['psykiatri', '394587001'],
  ['gynækologi', '394585009'],
  ['intern medicin', '394802001'],
  ['ortopædisk kirurgi', '394801008'],
  ['reumatologi', '394810000'],
  ['børnesygdomme', '394537008'],
] as const;

/** Municipal institution kinds: name pattern, SNOMED institution type, share, units below. */
export const MUNICIPAL_INSTITUTIONS = [
  {
    pattern: 'Plejecenter {place}',
    type: '42665001',
    ediSystem: 'municipal',
    share: 0.4,
    units: ['Afdeling {letter}', 'Sygeplejen', 'Demensenheden', 'Aflastningsafsnit'],
  },
  {
    pattern: 'Plejehjemmet {place}',
    type: '42665001',
    ediSystem: 'municipal',
    share: 0.1,
    units: ['Afdeling {letter}', 'Aflastning (midlertidige pladser)', 'Skærmet enhed'],
  },
  {
    pattern: 'Hjemmeplejen – {district}',
    type: '554821000005109',
    ediSystem: 'municipal',
    share: 0.15,
    units: ['Team {district}', 'Nattevagt', 'Team {letter}'],
  },
  {
    pattern: 'Sundhedsplejen, {kommune} Kommune',
    type: '554021000005101',
    ediSystem: 'municipal',
    share: 0.08,
    units: ['Sundhedsplejerskerne {district}', 'Familieambulatoriet'],
  },
  {
    pattern: 'Den kommunale tandpleje, {kommune}',
    type: '550691000005104',
    ediSystem: 'dental',
    share: 0.1,
    units: ['Tandklinik {place}', 'Tandreguleringen'],
  },
  {
    pattern: 'Genoptræningscenter {place}',
    type: '546811000005109',
    ediSystem: 'municipal',
    share: 0.1,
    units: ['Genoptræning, {district}', 'Rehabiliteringsafsnit'],
  },
  {
    pattern: 'Sygeplejeklinik {place}',
    type: '550621000005101',
    ediSystem: 'municipal',
    share: 0.1,
    units: ['Sygeplejen {district}', 'Sårklinikken'],
  },
  {
    pattern: 'Rusmiddelcenter {kommune}',
    type: '20078004',
    ediSystem: 'municipal',
    share: 0.07,
    units: ['Ambulant behandling', 'Ungeenheden'],
  },
] as const;

/** How a second clinic of a practice is named: "<practice>, afd. Nord" or "…, klinik Nord". */
export const BRANCH_WORDS = ['afd. ', 'klinik '];

/** The title of a partner in a shared general practice (kompagniskab). */
export const GP_PARTNER_TITLE = 'Læge';

/** The mail domain of Danish doctors' practices. */
export const PRACTICE_MAIL_DOMAIN = 'dadlnet.dk';
