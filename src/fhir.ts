// `sor-picker/fhir`: FHIR R4 output for selections and units. A separate entry point, so pages that
// only pick a unit (and the single-file CDN bundle) do not carry it; back ends and integrations
// that send FHIR import it where they need it.
export * from './model/fhir-organization.js';
export { GLN_SYSTEM, PROVIDER_NUMBER_SYSTEM, SOR_IDENTIFIER_SYSTEM, sorIdentifier } from './model/fhir.js';
