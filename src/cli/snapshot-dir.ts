// The snapshot folder readers live with the Node entry point (`sor-picker/node`), which publishes them.
export {
  MANIFEST_FILE,
  SnapshotReadError,
  readManifest,
  readSnapshotDelta,
  readSnapshotUnits,
} from '../node/snapshot-files.js';
