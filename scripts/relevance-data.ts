// Builds the generated snapshot the search relevance suite (and the search bench) load in the
// browser: `sor-snapshot generate` → `sor-snapshot build`, into a folder under .bench/ (git-ignored).
// Deterministic by seed; skipped when the folder already holds that very snapshot.
//
//   node --import tsx scripts/relevance-data.ts                      # 25,000 units → .bench/relevance
//   node --import tsx scripts/relevance-data.ts --units 100000 --out .bench/national
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSnapshot } from '../src/cli/build.js';
import { GENERATOR_VERSION, generateSorXml } from '../src/cli/synthetic/generate.js';

const { values } = parseArgs({
  options: {
    units: { type: 'string', default: '25000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: '.bench/relevance' },
  },
});
const units = Number(values.units);
const seed = Number(values.seed);
const out = values.out;
const label = `units ${units}, seed ${seed}, night 0, generator ${GENERATOR_VERSION}`;

const existing = await readFile(join(out, 'manifest.json'), 'utf8').then(
  (text) => JSON.parse(text) as { unitCount?: number; synthetic?: { label?: string } | null },
  () => null,
);
if (existing?.unitCount === units && existing.synthetic?.label?.includes(label)) {
  console.log(`${out}: snapshot of ${units} generated units (seed ${seed}) is up to date`);
} else {
  const started = performance.now();
  const work = await mkdtemp(join(tmpdir(), 'sor-relevance-'));
  try {
    const xml = join(work, 'export.xml');
    const stream = createWriteStream(xml);
    await generateSorXml({ units, seed, write: (chunk) => void stream.write(chunk) });
    await new Promise<void>((resolve, reject) =>
      stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    const { manifest } = await buildSnapshot({ input: xml, out });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `${out}: snapshot ${manifest.id} of ${manifest.unitCount} generated units (seed ${seed}) in ${seconds} s`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
