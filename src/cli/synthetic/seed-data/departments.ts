// Hospital departments and the name patterns of their sections and teams, for the synthetic
// generator (specialties are SNOMED CT codes).

/** A hospital department: name, a stem for its afsnit, specialty (SNOMED CT), centre it belongs to. */
export interface DepartmentSeed {
  name: string;
  stem: string;
  specialty: string;
  centre: string;
}

// The first three come first everywhere, so "Kardiologisk afdeling" exists at every hospital with
// at least three departments (search tests rely on it, e.g. under Aarhus Universitetshospital).
export const DEPARTMENTS: DepartmentSeed[] = [
  { name: 'Akutafdelingen', stem: 'Akut', specialty: '394576009', centre: 'Akutcentret' },
  { name: 'Medicinsk afd.', stem: 'Medicinsk', specialty: '394802001', centre: 'Medicinsk center' },
  { name: 'Kardiologisk afdeling', stem: 'Kardiologisk', specialty: '394579002', centre: 'Hjertecentret' },
  {
    name: 'Ortopædkirurgisk afd.',
    stem: 'Ortopædkirurgisk',
    specialty: '394801008',
    centre: 'Kirurgisk center',
  },
  { name: 'Kirurgisk afdeling', stem: 'Kirurgisk', specialty: '394609007', centre: 'Kirurgisk center' },
  {
    name: 'Gynækologisk-obstetrisk afd.',
    stem: 'Gynækologisk',
    specialty: '394585009',
    centre: 'Kvinde- og børnecentret',
  },
  {
    name: 'Børne- og ungeafdelingen',
    stem: 'Børne',
    specialty: '394537008',
    centre: 'Kvinde- og børnecentret',
  },
  { name: 'Neurologisk afdeling', stem: 'Neurologisk', specialty: '394591006', centre: 'Neurocentret' },
  { name: 'Onkologisk afdeling', stem: 'Onkologisk', specialty: '394592004', centre: 'Kræftcentret' },
  { name: 'Lungemedicinsk afd.', stem: 'Lungemedicinsk', specialty: '418112009', centre: 'Medicinsk center' },
  {
    name: 'Nyremedicinsk afdeling',
    stem: 'Nyremedicinsk',
    specialty: '394589003',
    centre: 'Medicinsk center',
  },
  {
    name: 'Endokrinologisk afdeling',
    stem: 'Endokrinologisk',
    specialty: '394583002',
    centre: 'Medicinsk center',
  },
  {
    name: 'Hjerte-, lunge- og karkirurgisk afd.',
    stem: 'Thoraxkirurgisk',
    specialty: '394609007',
    centre: 'Hjertecentret',
  },
  { name: 'Øjenafdelingen', stem: 'Øjen', specialty: '394594003', centre: 'Hoved-orto-centret' },
  {
    name: 'Øre-, næse- og halskirurgisk afd.',
    stem: 'ØNH',
    specialty: '394604002',
    centre: 'Hoved-orto-centret',
  },
  { name: 'Anæstesiologisk afdeling', stem: 'Anæstesi', specialty: '394577000', centre: 'Akutcentret' },
  { name: 'Intensiv afdeling', stem: 'Intensiv', specialty: '394577000', centre: 'Akutcentret' },
  { name: 'Radiologisk afdeling', stem: 'Radiologisk', specialty: '394914008', centre: 'Diagnostisk center' },
  { name: 'Urinvejskirurgisk afd.', stem: 'Urologisk', specialty: '394612005', centre: 'Kirurgisk center' },
  { name: 'Hæmatologisk afdeling', stem: 'Hæmatologisk', specialty: '394803006', centre: 'Kræftcentret' },
  { name: 'Hudafdelingen', stem: 'Dermatologisk', specialty: '394582007', centre: 'Medicinsk center' },
  {
    name: 'Reumatologisk afdeling',
    stem: 'Reumatologisk',
    specialty: '394810000',
    centre: 'Hoved-orto-centret',
  },
  { name: 'Patologisk afdeling', stem: 'Patologisk', specialty: '394597005', centre: 'Diagnostisk center' },
  {
    name: 'Klinisk biokemisk afdeling',
    stem: 'Biokemisk',
    specialty: '394596001',
    centre: 'Diagnostisk center',
  },
  { name: 'Neurokirurgisk afdeling', stem: 'Neurokirurgisk', specialty: '394610002', centre: 'Neurocentret' },
  {
    name: 'Mave- og tarmkirurgisk afd.',
    stem: 'Mavekirurgisk',
    specialty: '394609007',
    centre: 'Kirurgisk center',
  },
  {
    name: 'Infektionsmedicinsk afd.',
    stem: 'Infektionsmedicinsk',
    specialty: '394807007',
    centre: 'Medicinsk center',
  },
  { name: 'Geriatrisk afdeling', stem: 'Geriatrisk', specialty: '394811001', centre: 'Medicinsk center' },
  {
    name: 'Klinisk mikrobiologisk afd.',
    stem: 'Mikrobiologisk',
    specialty: '408454008',
    centre: 'Diagnostisk center',
  },
  {
    name: 'Nuklearmedicinsk afdeling',
    stem: 'Nuklearmedicinsk',
    specialty: '394649004',
    centre: 'Diagnostisk center',
  },
  { name: 'Psykiatrisk afdeling', stem: 'Psykiatrisk', specialty: '394587001', centre: 'Psykiatrisk center' },
  { name: 'Ergo- og fysioterapien', stem: 'Terapi', specialty: '394602003', centre: 'Hoved-orto-centret' },
];

/** Afsnit name patterns inside a department; `{stem}` is the department's stem. */
export const SECTION_PATTERNS = [
  '{stem} sengeafs. {ward}',
  '{stem} amb.',
  'Sengeafsnit {ward}, {stemLower}',
  '{stem} dagafsnit',
  'Ambulatorium {ward} – {stemLower}',
  '{stem} sengeafsnit',
  'Sekretariat, {stemLower} afd.',
  'Forskningsenhed, {stemLower}',
  '{stem} klinik',
  'Observationsafsnit {ward} (OBS)',
];

/** Units below an afsnit: teams and clinics, without an ID27 level. */
export const TEAM_PATTERNS = [
  'Team {letter}',
  'Klinik {letter}',
  'Udgående team',
  'Dagbehandling',
  'Skopi',
  'Telefonrådgivning',
];

/** Ward letters of section names ("sengeafs. A1"); no I, which reads as 1. */
export const WARD_LETTERS = 'ABCDEFGHJK';

/** The characters a SHAK afsnit code appends to its afdeling's code, in order. */
export const SHAK_SECTION_SUFFIXES = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Letters that tell apart teams, clinics and municipal units ("Team A", "Hjemmeplejen B"). */
export const UNIT_LETTERS = 'ABCDEFGH';

/** The Overafdeling some centres put between themselves and their departments, by centre. */
export const OVER_DEPARTMENTS: Readonly<Record<string, string>> = {
  'Medicinsk center': 'Medicinsk overafdeling',
  'Kirurgisk center': 'Kirurgisk Overafd.',
};

/** The departments a private hospital has, by stem. */
export const PRIVATE_HOSPITAL_STEMS = ['Ortopædkirurgisk', 'Kirurgisk', 'Øjen', 'Gynækologisk', 'Anæstesi'];

/** A night's rename spells out an abbreviation: `[abbreviated, spelled out]`. */
export const SPELLED_OUT = [' afd.', ' afdeling'] as const;
