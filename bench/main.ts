// `npm run bench`: runs every benchmark part (a folder bench/<part>/ whose main.ts is runnable
// alone) in turn and prints their figures beside the baselines measured in the same run.
// `npm run bench -- --json` prints all figures as one JSON document, so runs can be compared;
// `-- search sync` runs only the named parts.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: number | { name?: string; value: number; unit?: string } | null;
  goal?: string;
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const wanted = args.filter((arg) => !arg.startsWith('--'));
// A part is a folder with a main.ts: shared helpers (harness.ts, cli-bundle.ts) sit beside the
// folders, so no file-name convention is needed to tell them apart.
const benchDir = fileURLToPath(new URL('.', import.meta.url));
const allParts = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(benchDir, entry.name, 'main.ts')))
  .map((entry) => entry.name)
  .sort();
const parts = allParts.filter((part) => wanted.length === 0 || wanted.includes(part));
if (parts.length === 0) {
  console.error(
    `bench: no parts to run${wanted.length ? ` named ${wanted.join(', ')}` : ''} in bench/ (parts: ${allParts.join(', ') || 'none'})`,
  );
  process.exit(1);
}

const report: Record<string, Figure[]> = {};
let failed = false;
for (const part of parts) {
  if (!json) console.log(`\n== ${part} ==`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, part, 'main.ts'), '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', json ? 'pipe' : 'inherit'],
  });
  if (run.status !== 0) {
    failed = true;
    console.error(`bench ${part}: exited with ${run.status}${json ? `\n${run.stderr}` : ''}`);
    continue;
  }
  // The part's JSON document is its last non-empty stdout line block starting with [ or {.
  const start = run.stdout.search(/^[[{]/m);
  const parsed: unknown = JSON.parse(start >= 0 ? run.stdout.slice(start) : run.stdout);
  const figures = (
    Array.isArray(parsed) ? parsed : ((parsed as { results?: Figure[] }).results ?? [])
  ) as Figure[];
  report[part] = figures;
  if (!json) {
    for (const figure of figures) {
      const baseline =
        figure.baseline == null
          ? ''
          : typeof figure.baseline === 'number'
            ? `   baseline ${figure.baseline} ${figure.unit}`
            : `   baseline ${figure.baseline.value} ${figure.baseline.unit ?? figure.unit}${figure.baseline.name ? ` (${figure.baseline.name})` : ''}`;
      console.log(
        `  ${figure.name.padEnd(52)} ${String(figure.value).padStart(10)} ${figure.unit}${baseline}${figure.goal ? `   goal ${figure.goal}` : ''}`,
      );
    }
  }
}
if (json) console.log(JSON.stringify({ date: new Date().toISOString(), parts: report }, null, 2));
process.exit(failed ? 1 : 0);
