import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { generateSorXml } from '../../src/cli/synthetic/generate.js';
import { readManifest, readSnapshotDelta, readSnapshotUnits } from '../../src/cli/snapshot-dir.js';
import { applyDelta, diff } from '../../src/snapshot/delta.js';
import { deltaChain } from '../../src/snapshot/manifest.js';
import { cli, tempDir } from '../cli/helpers.js';

let dir = '';

async function generate(night: number): Promise<string> {
  const file = join(dir, `night-${night}.xml`);
  let xml = '';
  await generateSorXml({ units: 2000, seed: 7, night, write: (chunk) => (xml += chunk) });
  await writeFile(file, xml);
  return file;
}

before(async () => {
  dir = await tempDir();
});

test('a delta between two generated nights, applied to the first, gives exactly the second', async () => {
  const first = join(dir, 'first');
  const second = join(dir, 'second');
  const third = join(dir, 'third');
  assert.equal((await cli('build', await generate(0), '--out', first)).code, 0);
  const built = await cli('build', await generate(1), '--out', second, '--previous', first);
  assert.equal(built.code, 0, built.stderr);

  const a = await readManifest(first);
  const b = await readManifest(second);
  const unitsA = await readSnapshotUnits(a.dir, a.manifest);
  const unitsB = await readSnapshotUnits(b.dir, b.manifest);
  assert.equal(b.manifest.deltas.length, 1);
  const ref = b.manifest.deltas[0];
  assert.equal(ref.from, a.manifest.id);
  assert.equal(ref.to, b.manifest.id);

  const delta = await readSnapshotDelta(b.dir, ref);
  // About 1% changed, some added, some removed (changes to a parent reach its inheriting children).
  const changes = diff(unitsA, unitsB);
  const added = changes.upserts.filter((unit) => !unitsA.some((old) => old.sorCode === unit.sorCode)).length;
  assert.ok(added > 0, 'some units added');
  assert.ok(delta.removed.length > 0, 'some units removed');
  assert.ok(
    delta.upserts.length - added >= 10 && delta.upserts.length < 200,
    `${delta.upserts.length} upserts`,
  );
  assert.deepEqual(applyDelta(unitsA, delta), unitsB);

  // A third night keeps the history: a client two nights behind walks the chain.
  assert.equal((await cli('build', await generate(2), '--out', third, '--previous', second)).code, 0);
  const c = await readManifest(third);
  assert.equal(c.manifest.deltas.length, 2);
  const chain = deltaChain(c.manifest, a.manifest.id);
  assert.deepEqual(
    chain?.map((step) => step.to),
    [b.manifest.id, c.manifest.id],
  );
  let units = unitsA;
  for (const step of chain ?? []) units = applyDelta(units, await readSnapshotDelta(c.dir, step));
  assert.deepEqual(units, await readSnapshotUnits(c.dir, c.manifest));

  // inspect verifies every hash of both manifests.
  for (const folder of [first, second, third]) {
    const report = await cli('inspect', folder);
    assert.equal(report.code, 0, report.stdout);
    assert.doesNotMatch(report.stdout, /FAIL/);
    assert.match(report.stdout, /units 20\d\d {2}SYNTHETIC/);
    assert.match(
      report.stdout,
      /ID27 levels: Hospital \d+, Hospitalsområde \d+, Center \d+, Overafdeling \d+, Afdeling \d+, Afsnit \d+/,
    );
  }
});

test('inspect reports a file whose hash does not match and exits 1', async () => {
  const out = join(dir, 'tampered');
  assert.equal((await cli('build', await generate(0), '--out', out)).code, 0);
  const { manifest } = await readManifest(out);
  const file = join(out, manifest.full.url);
  const bytes = await readFile(file);
  bytes[bytes.length - 10] ^= 0xff;
  await writeFile(file, bytes);
  const report = await cli('inspect', join(out, 'manifest.json'));
  assert.equal(report.code, 1);
  assert.match(
    report.stdout,
    new RegExp(
      `FAIL ${manifest.full.url}: SHA-256 mismatch: expected ${manifest.full.sha256}, got [0-9a-f]{64}`,
    ),
  );
});
