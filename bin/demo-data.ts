// Builds the demo's national-scale data (generated, labelled SYNTHETIC) with the CLI itself:
//   demo/public/snapshots/national/       night 0: manifest.json + full payload (100,000 units)
//   demo/public/snapshots/national-next/  night 1: full payload + a delta from night 0
// Skips the work when a stamp says the data is already there and current.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSnapshot } from '../src/cli/build.js';
import { generateSorXml } from '../src/cli/generate.js';
import { SNAPSHOT_FORMAT_VERSION } from '../src/snapshot/format.js';

const root = fileURLToPath(new URL('../demo/public/snapshots/', import.meta.url));
const stampFile = join(root, 'stamp.json');
// Bump when the generator or the build changes what the demo data looks like.
const stamp = { dataVersion: 1, formatVersion: SNAPSHOT_FORMAT_VERSION, units: 100_000, seed: 1 };

async function current(): Promise<boolean> {
  if (
    !existsSync(join(root, 'national/manifest.json')) ||
    !existsSync(join(root, 'national-next/manifest.json'))
  )
    return false;
  try {
    return JSON.stringify(JSON.parse(await readFile(stampFile, 'utf8'))) === JSON.stringify(stamp);
  } catch {
    return false;
  }
}

if (await current()) {
  console.log(`demo data is current (${root})`);
} else {
  const started = performance.now();
  const work = await mkdtemp(join(tmpdir(), 'sor-demo-data-'));
  try {
    for (const [night, name] of [
      [0, 'national'],
      [1, 'national-next'],
    ] as const) {
      const file = join(work, `night-${night}.xml`);
      const chunks: string[] = [];
      await generateSorXml({
        units: stamp.units,
        seed: stamp.seed,
        night,
        write: (chunk) => chunks.push(chunk),
      });
      await writeFile(file, chunks.join(''));
      chunks.length = 0;
      const result = await buildSnapshot({
        input: file,
        out: join(root, name),
        previous: night === 0 ? undefined : join(root, 'national'),
      });
      await rm(file);
      console.log(
        `${name}: snapshot ${result.manifest.id} (${result.manifest.sourceDate}), ${result.manifest.unitCount} units, full ${result.manifest.full.bytes} bytes${result.delta ? `, delta ${result.delta.upserts} upserts / ${result.delta.removed} removed, ${result.delta.bytes} bytes` : ''}`,
      );
    }
    await mkdir(root, { recursive: true });
    await writeFile(stampFile, `${JSON.stringify(stamp)}\n`);
    console.log(`demo data written to ${root} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
