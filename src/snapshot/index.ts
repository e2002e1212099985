export * from './format.js';
export * from './errors.js';
export { canonicalOrder, compareSorCodes, unitsEqual, validateUnit } from './units.js';
export { encodeFull, decodeFull, withSnapshotId, sha256Hex } from './codec.js';
export { diff, applyDelta, encodeDelta, decodeDelta, type UnitDiff } from './delta.js';
export { decodeManifest, deltaChain } from './manifest.js';
export { verifyFile, gunzip, parseJsonBytes, decodeFullFile, decodeDeltaFile } from './transport.js';
export {
  fetchSnapshot,
  fetchManifest,
  fetchBytes,
  resolveFileUrl,
  type FetchSnapshotOptions,
} from './fetch-snapshot.js';
