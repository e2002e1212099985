// npm run bench:cli — generates 100,000 synthetic units, builds them with the CLI bundle in a child
// process, and prints wall time, peak RSS, input MB/s and the full snapshot's gzip bytes per unit,
// each beside a naive baseline measured in the same run. Figures only: timing here is noisy.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { generateSorXml } from '../src/cli/generate.js';
import { decodeFull } from '../src/snapshot/codec.js';
import type { SnapshotManifest } from '../src/snapshot/format.js';

const UNITS = Number(process.argv[2] ?? 100_000);
const repo = fileURLToPath(new URL('..', import.meta.url));
const work = join(repo, '.bench', 'cli');
const xml = join(work, 'export.xml');
const out = join(work, 'snapshot');
const bundle = join(work, 'sor-snapshot.js');

interface ChildFigures {
  wallMs: number;
  maxRssMb: number;
}

/** Runs an ES module snippet in a fresh Node process and returns its wall time and peak RSS. */
function child(script: string): ChildFigures {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `${script}\nprocess.stderr.write('\\nRSS ' + process.resourceUsage().maxRSS + '\\n');`,
    ],
    { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`child failed (${result.status}): ${result.stderr}`);
  const rss = /RSS (\d+)/.exec(result.stderr);
  return { wallMs, maxRssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

await rm(work, { recursive: true, force: true });
await mkdir(work, { recursive: true });
execFileSync(
  join(repo, 'node_modules/.bin/esbuild'),
  [
    'src/cli/main.ts',
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--target=node20',
    '--external:saxes',
    `--outfile=${bundle}`,
    '--log-level=warning',
  ],
  { cwd: repo },
);

let started = performance.now();
const chunks: string[] = [];
await generateSorXml({ units: UNITS, seed: 1, write: (chunk) => chunks.push(chunk) });
await writeFile(xml, chunks.join(''));
chunks.length = 0;
const generateMs = performance.now() - started;
const inputMb = (await stat(xml)).size / 1e6;

const ours = child(
  `import { runCli } from ${JSON.stringify(bundle)};
   let text = ''; const code = await runCli(['build', ${JSON.stringify(xml)}, '--out', ${JSON.stringify(out)}], { stdout: (t) => (text += t), stderr: (t) => process.stderr.write(t), isTty: false });
   if (code !== 0) process.exit(code);`,
);
// Baseline parse: read the whole export into one string and parse it in one go (what a DOM-style
// reader does before it even builds a tree), same parser, no unit building.
const naiveParse = child(
  `import { readFileSync } from 'node:fs'; import { SaxesParser } from 'saxes';
   const text = readFileSync(${JSON.stringify(xml)}, 'utf8');
   const parser = new SaxesParser({ xmlns: true, position: true }); let n = 0; parser.on('opentag', () => n++);
   parser.write(text).close();`,
);

const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as SnapshotManifest;
const fullGz = await readFile(join(out, manifest.full.url));
started = performance.now();
const units = decodeFull(JSON.parse(gunzipSync(fullGz).toString('utf8')));
const decodeMs = performance.now() - started;
const naiveJson = JSON.stringify(units);
const naiveGz = gzipSync(naiveJson, { level: 9 });
started = performance.now();
JSON.parse(gunzipSync(naiveGz).toString('utf8'));
const naiveDecodeMs = performance.now() - started;

const row = (label: string, value: string, baseline: string): string =>
  `${label.padEnd(28)}${value.padEnd(22)}${baseline}`;
console.log(
  `sor-snapshot build: ${manifest.unitCount} synthetic units, ${inputMb.toFixed(1)} MB XML (generated in ${(generateMs / 1000).toFixed(1)} s)`,
);
console.log(row('', 'ours', 'naive baseline (same run)'));
console.log(
  row(
    'wall time (goal ≤ 15 s)',
    `${(ours.wallMs / 1000).toFixed(1)} s`,
    `${(naiveParse.wallMs / 1000).toFixed(1)} s  whole-file read + parse only, no units built`,
  ),
);
console.log(
  row(
    'peak RSS (goal ≤ 300 MB)',
    `${ours.maxRssMb.toFixed(0)} MB`,
    `${naiveParse.maxRssMb.toFixed(0)} MB  whole-file read + parse only`,
  ),
);
console.log(
  row(
    'input MB/s',
    `${(inputMb / (ours.wallMs / 1000)).toFixed(1)} MB/s`,
    `${(inputMb / (naiveParse.wallMs / 1000)).toFixed(1)} MB/s  whole-file read + parse only`,
  ),
);
console.log(
  row(
    'full gzip B/unit (goal ≤ 16)',
    `${(manifest.full.bytes / manifest.unitCount).toFixed(1)} B/unit (${manifest.full.bytes} B)`,
    `${(naiveGz.byteLength / units.length).toFixed(1)} B/unit (${naiveGz.byteLength} B)  JSON.stringify(SorUnit[]) + gzip -9`,
  ),
);
console.log(
  row(
    'decode 100k in Node',
    `${decodeMs.toFixed(0)} ms`,
    `${naiveDecodeMs.toFixed(0)} ms  gunzip + JSON.parse of the naive payload`,
  ),
);
