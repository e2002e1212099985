// The bulk SHAK migration benchmark (issue 17): 1,000,000 CSV rows migrated by
// `sor-snapshot migrate-shak` (the CLI bundle, as a vendor runs it, in a fresh child process)
// against a 100,000-unit synthetic snapshot: CPU time (user + system) and peak RSS of the child,
// which a shared machine's load hardly moves, and wall time with the load average beside it, and
// rows/s, beside a naive
// baseline that looks every row up by scanning all units. The naive scan would take far too long
// for 1M rows, so it is measured on a sample of rows and extrapolated (the output says so).
// Prints a table, or with `--json` the figures for `npm run bench`; progress goes to stderr.
//
//   node --import tsx bench/migrate-shak/main.ts [--json] [--rows N] [--units N] [--naive-sample N]
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleCli } from '../cli-bundle.js';
import { buildSnapshot } from '../../src/cli/build.js';
import { generateSorXml } from '../../src/cli/synthetic/generate.js';
import { migrateShak, type ShakMigrationSource } from '../../src/catalog/shak-migration.js';
import { makeSorCode } from '../../src/model/codes.js';
import type { SorUnit } from '../../src/model/types.js';
import { readManifest, readSnapshotUnits } from '../../src/node/snapshot-files.js';
import type { MigrationReport } from '../../src/cli/commands/migrate-shak.js';
import type { Figure } from '../harness.js';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    rows: { type: 'string', default: '1000000' },
    units: { type: 'string', default: '100000' },
    'naive-sample': { type: 'string', default: '2000' },
  },
});
const json = args.json as boolean;
const ROWS = Number(args.rows);
const UNITS = Number(args.units);
const NAIVE_SAMPLE = Math.min(ROWS, Number(args['naive-sample']));
const AS_OF = '2026-11-26';
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const round = (value: number, digits: number): number => Number(value.toFixed(digits));

const repo = fileURLToPath(new URL('../..', import.meta.url));
const work = join(repo, '.bench', 'migrate-shak');
const snapshotDir = join(work, `snapshot-${UNITS}`);
const csv = join(work, 'in.csv');
const out = join(work, 'out.csv');
const bundle = join(work, 'sor-snapshot.js');
await mkdir(work, { recursive: true });

log(`bench migrate-shak: bundling src/cli/main.ts → ${bundle}`);
bundleCli(bundle);

// The generated register is deterministic (seed 1), so a snapshot built by an earlier run is reused.
if (!existsSync(join(snapshotDir, 'manifest.json'))) {
  log(`bench migrate-shak: building a ${UNITS}-unit synthetic snapshot → ${snapshotDir}`);
  await buildSnapshot({
    input: {
      name: `generated export (units ${UNITS}, seed 1)`,
      produce: (write) => generateSorXml({ units: UNITS, seed: 1, night: 0, write }),
    },
    out: snapshotDir,
  });
}
const { manifest } = await readManifest(snapshotDir);
const units = await readSnapshotUnits(snapshotDir, manifest);
const shaks = [...new Set(units.flatMap((unit) => (unit.shak ? [unit.shak] : [])))];

// A stored-data export as a vendor has it: an id, a date, a free-text column (sometimes quoted,
// with the separator inside), and the SHAK column: mostly codes the register knows (a few of them
// much more often, as busy departments are), some unknown, empty, already SOR or spreadsheet-damaged.
function cellFor(i: number): string {
  const pick = (i * 2654435761) >>> 0;
  const kind = pick % 100;
  if (kind < 2) return '';
  if (kind < 4) return `${9000 + (pick % 500)}`;
  if (kind < 5) return makeSorCode(1 + (pick % 1000));
  if (kind < 6) return '1,05780E+15';
  if (kind < 40) return shaks[pick % Math.min(50, shaks.length)];
  return shaks[pick % shaks.length];
}

log(`bench migrate-shak: writing ${ROWS} rows → ${csv}`);
const sample: string[] = [];
{
  const file = createWriteStream(csv);
  let block = 'id;dato;tekst;shak\r\n';
  for (let i = 0; i < ROWS; i++) {
    const cell = cellFor(i);
    if (i % Math.max(1, Math.floor(ROWS / NAIVE_SAMPLE)) === 0 && sample.length < NAIVE_SAMPLE)
      sample.push(cell);
    const text = i % 10 === 0 ? `"henvisning; ""akut"""` : 'henvisning';
    block += `${i + 1};2024-0${1 + (i % 9)}-1${i % 10};${text};${cell}\r\n`;
    if (block.length > 1 << 20) {
      if (!file.write(block)) await once(file, 'drain');
      block = '';
    }
  }
  file.end(block);
  await once(file, 'finish');
}
const inputMb = (await stat(csv)).size / 1e6;

log(`bench migrate-shak: migrating ${ROWS} rows with the CLI bundle (child process)`);
await rm(out, { force: true });
const loadBefore = loadavg()[0];
const started = performance.now();
const child = spawnSync(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `import { runCli } from ${JSON.stringify(bundle)};
     let report = '';
     const code = await runCli(['migrate-shak', ${JSON.stringify(csv)}, '--snapshot', ${JSON.stringify(snapshotDir)}, '--column', 'shak', '--as-of', '${AS_OF}', '--out', ${JSON.stringify(out)}, '--json'], { stdout: (t) => process.stdout.write(t), stderr: (t) => (report += t), isTty: false });
     const usage = process.resourceUsage();
     process.stdout.write(JSON.stringify({ code, report, maxRss: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime }));`,
  ],
  { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 26 },
);
const wallS = (performance.now() - started) / 1000;
// The 1-minute load average over the run (its mean at both ends): 2 cores here, so a load far
// above 2 stretches the wall time while leaving CPU time and RSS as they are.
const load = round((loadBefore + loadavg()[0]) / 2, 1);
if (child.status !== 0) throw new Error(`migrate-shak child failed (${child.status}): ${child.stderr}`);
const result = JSON.parse(child.stdout) as {
  code: number;
  report: string;
  maxRss: number;
  cpuMicros: number;
};
if (result.code !== 0) throw new Error(`migrate-shak exited with ${result.code}: ${result.report}`);
const report = JSON.parse(result.report) as MigrationReport;
const rssMb = result.maxRss / 1024;
const cpuS = result.cpuMicros / 1e6;

// Naive: every row on its own, the carriers and successors found by scanning all units; the same
// migration rules (`migrateShak`) on top, so only the lookup differs.
log(`bench migrate-shak: naive baseline on ${sample.length} rows (a scan of ${units.length} units each)`);
const naive: ShakMigrationSource = {
  byShak: (shak) => units.filter((unit: SorUnit) => unit.shak === shak),
  get: (code) => units.find((unit) => unit.sorCode === code),
};
const naiveStarted = performance.now();
const naiveCpuStarted = process.cpuUsage();
for (const cell of sample) migrateShak(naive, cell, AS_OF);
const naiveCpu = process.cpuUsage(naiveCpuStarted);
const naivePerRowMs = (performance.now() - naiveStarted) / sample.length;
const naiveS = (naivePerRowMs * ROWS) / 1000;
const naiveCpuS = ((naiveCpu.user + naiveCpu.system) / 1e6 / sample.length) * ROWS;
const naiveName = `naive scan per row, measured on ${sample.length} rows, extrapolated to ${ROWS}`;

const figures: Figure[] = [
  {
    name: `migrate-shak ${ROWS} rows: CPU time (user + system)`,
    value: round(cpuS, 2),
    unit: 's',
    baseline: { name: naiveName, value: round(naiveCpuS, 0), unit: 's' },
  },
  {
    name: `migrate-shak ${ROWS} rows: wall time (load average ${load})`,
    value: round(wallS, 2),
    unit: 's',
    baseline: { name: naiveName, value: round(naiveS, 0), unit: 's' },
    goal: '≤ 10 s',
  },
  {
    name: `migrate-shak ${ROWS} rows: peak RSS`,
    value: round(rssMb, 0),
    unit: 'MB',
    goal: '≤ 300 MB',
  },
  {
    name: `migrate-shak ${ROWS} rows: throughput`,
    value: round(ROWS / wallS, 0),
    unit: 'rows/s',
    baseline: { name: naiveName, value: round(1000 / naivePerRowMs, 0), unit: 'rows/s' },
  },
];

if (json) {
  console.log(JSON.stringify(figures));
} else {
  console.log(
    `sor-snapshot migrate-shak (CLI bundle ${join('.bench', 'migrate-shak', 'sor-snapshot.js')}): ${ROWS} rows, ${inputMb.toFixed(1)} MB CSV, snapshot ${manifest.id} with ${manifest.unitCount} synthetic units`,
  );
  console.log(
    `  rows read ${report.rows}; ${Object.entries(report.confidence)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ')}; passed through ${Object.values(report.passedThrough).reduce((a, b) => a + b, 0)}`,
  );
  for (const figure of figures) {
    console.log(
      `  ${figure.name.padEnd(58)} ${String(figure.value).padStart(10)} ${figure.unit}${figure.goal ? `   goal ${figure.goal}` : ''}${figure.baseline ? `   baseline ${figure.baseline.value} ${figure.baseline.unit} (${figure.baseline.name})` : ''}`,
    );
  }
}
