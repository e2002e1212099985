// The package entry: re-exports everything, registers no tag. Import
// `sor-picker/define/sor-picker.js` to register <sor-picker>.
export * from './model/index.js';
export * from './search/index.js';
export * from './catalog/index.js';
export { SorPicker, type SorOptionContext, type SorOptionRenderer } from './components/picker/picker.js';
export { SorTree } from './components/tree/tree.js';
export { SorSelectEvent } from './components/shared/events.js';
export { SorSyncStatus } from './components/sync-status/sync-status.js';
export { SorSyncRequestEvent } from './components/sync-status/events.js';
export {
  SorSyncError,
  SorStaleSnapshotError,
  type SnapshotAge,
  type SorSyncErrorCode,
  type SorSyncProgress,
} from './store/index.js';
export { STRINGS, languageOf, type SorStrings } from './components/shared/strings.js';
export { CatalogController } from './components/shared/catalog-controller.js';
export { FormController, type FormControllerHost } from './components/shared/form-controller.js';
export {
  parseLevelRules,
  judgeUnit,
  selectWithRules,
  type LevelRules,
  type LevelVerdict,
} from './components/shared/level-rules.js';
export {
  migrateShak,
  parseShakList,
  shakMigrationCsv,
  type ShakCandidate,
  type ShakMigration,
  type ShakMigrationConfidence,
  type ShakMigrationSource,
} from './catalog/shak-migration.js';
