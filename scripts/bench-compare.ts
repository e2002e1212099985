// Compares one bench part of two checkouts, run in turns on the same machine: before, after,
// before, after, … and prints each figure's median on both sides. A bench run alone drifts with
// the machine's load by more than a change of 5–10 %; taking turns puts both sides under the
// same load. Prints; asserts nothing.
//
//   node --import tsx scripts/bench-compare.ts <before-checkout> <after-checkout> [--part sync] [--rounds 5]
//
// Each checkout needs its node_modules (`npm ci`); its demo data is built when missing. The part
// is run as `npm run bench:<part> -- --json`, so both checkouts need that script.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface Figure {
  name: string;
  value: number;
  unit: string;
}

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const [value] = args.splice(at, 2).slice(1);
  if (value === undefined) usage(`--${name} needs a value`);
  return value;
};
function usage(why: string): never {
  console.error(`bench-compare: ${why}`);
  console.error('usage: bench-compare <before-checkout> <after-checkout> [--part sync] [--rounds 5]');
  process.exit(2);
}

const part = option('part', 'sync');
const rounds = Number(option('rounds', '5'));
if (!Number.isInteger(rounds) || rounds < 1) usage(`--rounds must be a whole number ≥ 1`);
if (args.length !== 2) usage('give two checkouts');
const sides = args.map((dir) => resolve(dir));
for (const dir of sides) {
  if (!existsSync(join(dir, 'node_modules'))) usage(`${dir} has no node_modules: run npm ci there`);
  if (!existsSync(join(dir, 'demo/public/snapshots/national/manifest.json'))) {
    console.error(`bench-compare: building the demo data in ${dir}`);
    execFileSync('npm', ['run', '-s', 'demo:data'], { cwd: dir, stdio: 'inherit' });
  }
}

// A part prints its figures as JSON after whatever its tools log: read from the first bracket.
function run(dir: string): Figure[] {
  const out = execFileSync('npm', ['run', '-s', `bench:${part}`, '--', '--json'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const start = out.search(/[[{]/);
  if (start < 0) throw new Error(`bench:${part} in ${dir} printed no JSON`);
  const parsed = JSON.parse(out.slice(start)) as Figure[] | { figures: Figure[] };
  return Array.isArray(parsed) ? parsed : parsed.figures;
}

const runs: Figure[][][] = [[], []];
for (let round = 1; round <= rounds; round++) {
  sides.forEach((dir, side) => runs[side].push(run(dir)));
  console.error(`bench-compare: round ${round} of ${rounds} done`);
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const valuesOf = (side: number, name: string) =>
  runs[side].flatMap((figures) => figures.filter((figure) => figure.name === name).map((f) => f.value));

console.log(`bench:${part}, ${rounds} rounds in turns; medians (all runs)`);
console.log(`  before: ${sides[0]}\n  after:  ${sides[1]}`);
const names = [...new Set(runs[1].flat().map((figure) => figure.name))];
for (const name of names) {
  const before = valuesOf(0, name);
  const after = valuesOf(1, name);
  const unit = runs[1].flat().find((figure) => figure.name === name)!.unit;
  const list = (values: number[]) => values.map((v) => Math.round(v)).join(' ');
  if (before.length === 0) {
    console.log(`${name.trim()}\n  after ${median(after)} ${unit} (${list(after)}); not in before`);
    continue;
  }
  const change = ((median(after) - median(before)) / median(before)) * 100;
  console.log(
    `${name.trim()}\n  before ${median(before)} ${unit} (${list(before)})  after ${median(after)} ${unit} (${list(after)})  ${change >= 0 ? '+' : ''}${change.toFixed(1)} %`,
  );
}
