// Rewrites the demo's national snapshot (demo/public/snapshots/national/, from `npm run demo:data`)
// as the same export with every EAN entity left out: the units unchanged, no EDI data, its own
// content-addressed id. Run it in a second checkout of the same commit, then
// `npm run bench:compare -- <that checkout> <this one>` shows what carrying the EDI data costs,
// the code being the same on both sides.
//
//   node --import tsx scripts/demo-data-without-edi.ts [checkout]
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fileRef } from '../src/cli/build.js';
import { decodeFull, encodeFull, withSnapshotId } from '../src/snapshot/codec.js';
import type { SnapshotManifest } from '../src/snapshot/format.js';

const dir = join(resolve(process.argv[2] ?? '.'), 'demo/public/snapshots/national');
const manifestFile = join(dir, 'manifest.json');
if (!existsSync(manifestFile)) {
  console.error(`demo-data-without-edi: no ${manifestFile}: run npm run demo:data there first`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as SnapshotManifest;
const fullFile = join(dir, manifest.full.url);
const units = decodeFull(JSON.parse(gunzipSync(readFileSync(fullFile)).toString('utf8')));
if (units.every((unit) => unit.eanEntity === null)) {
  console.error(`demo-data-without-edi: ${fullFile} carries no EDI data already`);
  process.exit(1);
}
const { eanEntities: _left, ...payload } = encodeFull(
  units.map((unit) => ({ ...unit, eanEntity: null })),
  manifest.sourceDate,
);
const { payload: withId, bytes } = await withSnapshotId(payload);
// Level 9, as `sor-snapshot build` compresses.
const gzipped = gzipSync(bytes, { level: 9 });
for (const file of readdirSync(dir)) if (file.startsWith('full-')) rmSync(join(dir, file));
const url = `full-${withId.id}.json.gz`;
writeFileSync(join(dir, url), gzipped);
const written: SnapshotManifest = { ...manifest, id: withId.id, full: fileRef(url, gzipped, bytes) };
writeFileSync(manifestFile, `${JSON.stringify(written, null, 2)}\n`);
console.log(
  `${dir}: snapshot ${withId.id} without EDI data, full ${gzipped.byteLength} bytes (was ${manifest.full.bytes})`,
);
