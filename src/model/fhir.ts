import type { SorFhirIdentifier } from './types.js';

/** The FHIR identifier system of SOR codes (DK Core). */
export const SOR_IDENTIFIER_SYSTEM = 'urn:oid:1.2.208.176.1.1';
/** The FHIR identifier system of ydernumre (DK Core). */
export const PROVIDER_NUMBER_SYSTEM = 'urn:oid:1.2.208.176.1.4';
/** The FHIR identifier system of EAN/GLN location numbers. */
export const GLN_SYSTEM = 'https://www.gs1.org/gln';

/**
 * The official FHIR Identifier of a SOR code. DK Core has no SHAK system, so SHAK is never turned
 * into an identifier here.
 */
export function sorIdentifier(sorCode: string): SorFhirIdentifier {
  return { system: SOR_IDENTIFIER_SYSTEM, use: 'official', value: sorCode };
}
