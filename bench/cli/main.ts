// The CLI benchmark (issue 3): generates 100,000 synthetic units into an XML file on disk, then
// builds it with the CLI bundle (the same esbuild bundle `npm run build:cli` makes, i.e. what a
// vendor runs; built here into .bench/cli so dist/ is left alone) in a fresh child process, and
// reports wall time, peak RSS, input MB/s and the full snapshot's gzip bytes per unit, each beside
// a naive baseline measured in the same run. Prints a table, or with `--json` the figures as one
// JSON document for `npm run bench`; progress goes to stderr. Benchmarks print; they assert nothing.
//
//   node --import tsx bench/cli/main.ts [--json] [--units N] [--runs N]
//
// `--runs N` builds the same file N times and reports the median (the table shows every run):
// the machine is shared, so one run says little about wall time.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleCli } from '../cli-bundle.js';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeFull } from '../../src/snapshot/codec.js';
import type { SnapshotManifest } from '../../src/snapshot/format.js';

interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string };
  goal?: string;
}

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    units: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '1' },
  },
});
const json = args.json as boolean;
const UNITS = Number(args.units);
const RUNS = Math.max(1, Number(args.runs));
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

const repo = fileURLToPath(new URL('../..', import.meta.url));
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

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

await rm(work, { recursive: true, force: true });
await mkdir(work, { recursive: true });
log(`bench cli: bundling src/cli/main.ts → ${bundle}`);
bundleCli(bundle);

// The generator streams into the file (the bundle's `generate`, stdout straight to disk): the
// build below must read a real file, as it does for SDS's export.
log(`bench cli: generating ${UNITS} units → ${xml}`);
let started = performance.now();
const fd = openSync(xml, 'w');
try {
  const generated = spawnSync(
    process.execPath,
    [bundle, 'generate', '--units', String(UNITS), '--seed', '1'],
    { cwd: repo, stdio: ['ignore', fd, 'inherit'] },
  );
  if (generated.status !== 0) throw new Error(`generate failed (${generated.status})`);
} finally {
  closeSync(fd);
}
const generateMs = performance.now() - started;
const inputMb = (await stat(xml)).size / 1e6;

const runs: ChildFigures[] = [];
for (let run = 1; run <= RUNS; run++) {
  log(`bench cli: build run ${run}/${RUNS}`);
  runs.push(
    child(
      `import { runCli } from ${JSON.stringify(bundle)};
       let text = ''; const code = await runCli(['build', ${JSON.stringify(xml)}, '--out', ${JSON.stringify(out)}], { stdout: (t) => (text += t), stderr: (t) => process.stderr.write(t), isTty: false });
       if (code !== 0) process.exit(code);`,
    ),
  );
}
// Baseline parse: read the whole export into one string and parse it in one go (what a DOM-style
// reader does before it even builds a tree), same parser, no unit building.
log('bench cli: naive baseline (whole-file read + parse)');
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
const naiveGz = gzipSync(JSON.stringify(units), { level: 9 });
started = performance.now();
JSON.parse(gunzipSync(naiveGz).toString('utf8'));
const naiveDecodeMs = performance.now() - started;

const wallS = median(runs.map((run) => run.wallMs)) / 1000;
const rssMb = median(runs.map((run) => run.maxRssMb));
const naiveS = naiveParse.wallMs / 1000;
const figures: Figure[] = [
  {
    name: `build ${UNITS} units: wall time`,
    value: round(wallS, 2),
    unit: 's',
    baseline: { name: 'whole-file read + parse only, no units built', value: round(naiveS, 2), unit: 's' },
    goal: '≤ 15 s',
  },
  {
    name: `build ${UNITS} units: peak RSS`,
    value: round(rssMb, 0),
    unit: 'MB',
    baseline: {
      name: 'whole-file read + parse only, no units built',
      value: round(naiveParse.maxRssMb, 0),
      unit: 'MB',
    },
    goal: '≤ 300 MB',
  },
  {
    name: `build ${UNITS} units: input throughput`,
    value: round(inputMb / wallS, 1),
    unit: 'MB/s',
    baseline: {
      name: 'whole-file read + parse only, no units built',
      value: round(inputMb / naiveS, 1),
      unit: 'MB/s',
    },
  },
  {
    name: 'full snapshot: gzip bytes per unit',
    value: round(manifest.full.bytes / manifest.unitCount, 1),
    unit: 'B/unit',
    baseline: {
      name: 'JSON.stringify(SorUnit[]) + gzip -9',
      value: round(naiveGz.byteLength / units.length, 1),
      unit: 'B/unit',
    },
    goal: '≤ 16 B/unit',
  },
  {
    name: `decode ${manifest.unitCount} units in Node`,
    value: round(decodeMs, 0),
    unit: 'ms',
    baseline: {
      name: 'gunzip + JSON.parse of the naive payload',
      value: round(naiveDecodeMs, 0),
      unit: 'ms',
    },
  },
];

if (json) {
  console.log(JSON.stringify(figures));
} else {
  const row = (label: string, value: string, baseline: string): string =>
    `${label.padEnd(56)}${value.padEnd(16)}${baseline}`;
  console.log(
    `sor-snapshot build (CLI bundle ${join('.bench', 'cli', 'sor-snapshot.js')}): ${manifest.unitCount} synthetic units, ${inputMb.toFixed(1)} MB XML on disk (generated in ${(generateMs / 1000).toFixed(1)} s)`,
  );
  if (RUNS > 1) {
    console.log(
      `runs: ${runs.map((run) => `${(run.wallMs / 1000).toFixed(1)} s / ${run.maxRssMb.toFixed(0)} MB`).join(', ')} (median below)`,
    );
  }
  console.log(row('', 'ours', 'naive baseline (same run)'));
  for (const figure of figures) {
    console.log(
      row(
        `${figure.name.replace(/^build \d+ units: /, '')}${figure.goal ? ` (goal ${figure.goal})` : ''}`,
        `${figure.value} ${figure.unit}`,
        figure.baseline ? `${figure.baseline.value} ${figure.baseline.unit}  ${figure.baseline.name}` : '',
      ),
    );
  }
}
