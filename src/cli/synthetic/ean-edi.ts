// The EDI fields of the generator's EAN entities (issue 16): varied, so that the addressing mode
// has something to show at 100k units. The system type follows what receives on the EAN (a
// pharmacy gets a pharmacy system, a dental clinic a dental one); the rest follows from the EAN
// itself (a hash of its digits), not from the generator's random stream: the rest of a generated
// export stays the same for every seed, and an EAN keeps its EDI data from night to night.

/**
 * SYNTHETIC EDI codes and names. The first system types and suppliers are codes seen in the
 * public samples (ONE_PRAKSIS.xml, ONE_APOTEK.xml); their names, and the other codes, are
 * invented for the demo: SOR's code lists are not public here.
 */
export const GENERATED_EDI_CODES = {
  SystemType: [
    ['1611000045003', 'Lægepraksissystem'],
    ['221000045007', 'Apotekssystem'],
    ['1621000045008', 'Patientadministrativt system (hospital)'],
    ['1631000045005', 'Kommunalt omsorgssystem'],
    ['1641000045000', 'Speciallægesystem'],
    ['1651000045002', 'Tandlægesystem'],
    ['1661000045004', 'Praksissystem (fysioterapi, kiropraktik, psykologi, fodterapi)'],
  ],
  SystemSupplier: [
    ['641000055002', 'Leverandør A (syntetisk)'],
    ['1001000055001', 'Leverandør B (syntetisk)'],
    ['651000055004', 'Leverandør C (syntetisk)'],
    ['661000055001', 'Leverandør D (syntetisk)'],
  ],
  CommunicationSupplier: [
    ['41000035001', 'VANS-leverandør 1 (syntetisk)'],
    ['51000035003', 'VANS-leverandør 2 (syntetisk)'],
  ],
  EdiAdministrator: [
    ['101', 'EDI-administrator Nordjylland (syntetisk)'],
    ['102', 'EDI-administrator Midtjylland (syntetisk)'],
    ['103', 'EDI-administrator Syddanmark (syntetisk)'],
    ['104', 'EDI-administrator Hovedstaden (syntetisk)'],
    ['105', 'EDI-administrator Sjælland (syntetisk)'],
  ],
} as const;

/** What receives on a generated EAN: it decides the entity's `SystemType`. */
export type EdiSystem =
  'hospital' | 'general-practice' | 'specialist' | 'dental' | 'other-practice' | 'pharmacy' | 'municipal';

/** The `SystemType` code of each kind of receiving system (codes of `GENERATED_EDI_CODES`). */
export const GENERATED_SYSTEM_TYPE: Readonly<Record<EdiSystem, string>> = {
  'general-practice': GENERATED_EDI_CODES.SystemType[0][0],
  pharmacy: GENERATED_EDI_CODES.SystemType[1][0],
  hospital: GENERATED_EDI_CODES.SystemType[2][0],
  municipal: GENERATED_EDI_CODES.SystemType[3][0],
  specialist: GENERATED_EDI_CODES.SystemType[4][0],
  dental: GENERATED_EDI_CODES.SystemType[5][0],
  'other-practice': GENERATED_EDI_CODES.SystemType[6][0],
};

/** Share of generated EAN entities marked `NonActiveIndicator`, in percent. */
export const GENERATED_NON_ACTIVE_PERCENT = 3;
/** Share marked `OnlyInternalIndicator`, in percent. */
export const GENERATED_ONLY_INTERNAL_PERCENT = 4;
/** Share closed by a `ToDate` in the past, in percent. */
export const GENERATED_CLOSED_PERCENT = 2;
/** The `ToDate` of a closed generated EAN entity: before every generated snapshot date. */
export const GENERATED_EAN_CLOSED_ON = '2024-12-31';

// FNV-1a over the EAN's digits: a spread of bits that depends on the EAN alone.
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** The generated EDI fields of one EAN entity. */
export interface GeneratedEdi {
  systemType: string;
  systemSupplier: string;
  communicationSupplier: string;
  ediAdministrator: string;
  onlyInternal: boolean;
  nonActive: boolean;
  validTo: string | null;
}

/** The EDI fields the generator gives the EAN entity of this EAN in this region, where `system` receives. */
export function generatedEdi(
  ean: string,
  region: string,
  system: EdiSystem,
  validFrom: string,
): GeneratedEdi {
  const hash = hashOf(ean);
  const pick = <T extends readonly (readonly [string, string])[]>(list: T, salt: number): string =>
    list[Math.floor(((hash >>> salt) % 997) / (997 / list.length))][0];
  const percent = (salt: number) => (hashOf(`${salt}:${ean}`) % 100) as number;
  const closed = percent(3) < GENERATED_CLOSED_PERCENT && validFrom < GENERATED_EAN_CLOSED_ON;
  const regionIndex = Number(region) - 1081;
  const administrators = GENERATED_EDI_CODES.EdiAdministrator;
  return {
    systemType: GENERATED_SYSTEM_TYPE[system],
    systemSupplier: pick(GENERATED_EDI_CODES.SystemSupplier, 5),
    communicationSupplier: pick(GENERATED_EDI_CODES.CommunicationSupplier, 11),
    ediAdministrator: (administrators[regionIndex] ?? administrators[hash % administrators.length])[0],
    nonActive: percent(1) < GENERATED_NON_ACTIVE_PERCENT,
    onlyInternal: percent(2) < GENERATED_ONLY_INTERNAL_PERCENT,
    validTo: closed ? GENERATED_EAN_CLOSED_ON : null,
  };
}

/** The generated EDI codes as an EDI code table (`Kind;Code;Name`) for `build --edi-code-names`. */
export function generatedEdiCodeNamesCsv(): string {
  const rows = ['Kind;Code;Name'];
  for (const [kind, list] of Object.entries(GENERATED_EDI_CODES))
    for (const [code, name] of list) rows.push(`${kind};${code};${name}`);
  return `${rows.join('\n')}\n`;
}
