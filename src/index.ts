// The package entry: re-exports everything, registers no tag. Import
// `sor-picker/define/sor-picker.js` to register <sor-picker>.
export * from './model/index.js';
export * from './search/index.js';
export * from './catalog/index.js';
export { SorPicker } from './components/picker/picker.js';
export { SorSelectEvent } from './components/shared/events.js';
export { STRINGS, languageOf, type SorStrings } from './components/shared/strings.js';
export { CatalogController } from './components/shared/catalog-controller.js';
