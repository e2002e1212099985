export * from './types.js';
export * from './id27.js';
export * from './codes.js';
export * from './classify-code.js';
export * from './fhir.js';
export * from './dates.js';
export * from './selection.js';
export { verhoeffCheckDigit, verhoeffValid } from './verhoeff.js';
export * from './addressing.js';
