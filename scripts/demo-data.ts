// Builds the demo's national-scale data (generated, labelled SYNTHETIC) with the CLI itself:
//   demo/public/snapshots/national/       night 0: manifest.json + full payload (100,000 units)
//   demo/public/snapshots/national-next/  night 1: full payload + a delta from night 0
// Skips the work when a stamp says the data is already there and current.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSnapshot } from '../src/cli/build.js';
import { generatedEdiCodeNamesCsv } from '../src/cli/synthetic/ean-edi.js';
import { GENERATOR_VERSION, generateSorXml } from '../src/cli/synthetic/generate.js';
import { SNAPSHOT_FORMAT_VERSION } from '../src/snapshot/format.js';

const root = fileURLToPath(new URL('../demo/public/snapshots/', import.meta.url));
const stampFile = join(root, 'stamp.json');
// The generator's EDI code table, so the snapshots carry the EDI codes' names as
// `sor-snapshot build --edi-code-names` would: the addressing rows show "EDI system: <name>".
const ediCodeNamesFile = join(root, 'edi-code-names.csv');
// Bump when the generator or the build changes what the demo data looks like (manifestVersion 2:
// manifests give the decoded payload hashes; ediCodeNames: built with the EDI code table).
const stamp = {
  dataVersion: GENERATOR_VERSION,
  formatVersion: SNAPSHOT_FORMAT_VERSION,
  units: 100_000,
  seed: 1,
  manifestVersion: 2,
  ediCodeNames: true,
};

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

/**
 * Builds one night straight from the generator: it writes its XML into the build's parser, 1 MB at
 * a time, so there is no 100 MB export on disk or in memory.
 */
async function buildNight(night: 0 | 1, previous?: Promise<string>): Promise<void> {
  const name = night === 0 ? 'national' : 'national-next';
  const result = await buildSnapshot({
    input: {
      name: `generated export (units ${stamp.units}, seed ${stamp.seed}, night ${night})`,
      produce: (write) => generateSorXml({ units: stamp.units, seed: stamp.seed, night, write }),
    },
    out: join(root, name),
    previous,
    ediCodeNamesFile,
  });
  console.log(
    `${name}: snapshot ${result.manifest.id} (${result.manifest.sourceDate}), ${result.manifest.unitCount} units, full ${result.manifest.full.bytes} bytes${result.delta ? `, delta ${result.delta.upserts} upserts / ${result.delta.removed} removed, ${result.delta.bytes} bytes` : ''}`,
  );
}

/** Night 0 in a child process (this script with `--night-0`); resolves to its folder when done. */
function buildNightZeroAside(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), NIGHT_ZERO], {
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(join(root, 'national')) : reject(new Error(`night 0 failed (exit code ${code})`)),
    );
  });
}

const NIGHT_ZERO = '--night-0';
if (process.argv.includes(NIGHT_ZERO)) {
  await buildNight(0);
} else if (await current()) {
  console.log(`demo data is current (${root})`);
} else {
  const started = performance.now();
  // Written once, before either night reads it (night 0 runs in a child process).
  await mkdir(root, { recursive: true });
  await writeFile(ediCodeNamesFile, generatedEdiCodeNamesCsv());
  // The two nights are built at once, night 0 in a child process: each night's parse and encode
  // are independent; only night 1's delta waits for night 0's folder (see `previous` of
  // `buildSnapshot`). On two cores this nearly halves the wait at first start.
  const nightZero = buildNightZeroAside();
  await Promise.all([nightZero, buildNight(1, nightZero)]);
  await mkdir(root, { recursive: true });
  await writeFile(stampFile, `${JSON.stringify(stamp)}\n`);
  console.log(`demo data written to ${root} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
