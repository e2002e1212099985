// The search benchmark (issue 5): 100,000 generated units in headless Chromium. Types 40+
// realistic queries letter by letter into our search, plain fuse.js and uFuzzy in the same run
// (p50/p95/max per keystroke), and prints index build time, JS heap after load and the long-task
// check of typing into the real <sor-picker>. Prints a table, or with `--json` the figures as one
// JSON document for `npm run bench`. Benchmarks print; they assert nothing.
//
//   node --import tsx bin/bench/search.ts [--json] [--fuse-sample N]
//
// Data: the snapshot `npm run demo:data` builds in demo/public/snapshots/national/, else one built
// here into .bench/national (same generator, 100,000 units, seed 1).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { launchChromium } from '../chromium.js';
import { build, type Rolldown } from 'vite';

interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string } | null;
  goal?: string;
}

interface SearchBench {
  load(): Promise<Figure[]>;
  keystrokes(fuseSample: number): Promise<Figure[]>;
  mountPicker(): Promise<string[]>;
  pickerLongTasks(since: number): Figure[];
}
type BenchWindow = { searchBench: SearchBench };

const json = process.argv.includes('--json');
const sampleAt = process.argv.indexOf('--fuse-sample');
const fuseSample = sampleAt > 0 ? Number(process.argv[sampleAt + 1]) : 24;
const log = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);

let snapshotDir = 'demo/public/snapshots/national';
if (!existsSync(join(snapshotDir, 'manifest.json'))) {
  snapshotDir = '.bench/national';
  const made = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bin/relevance-data.ts', '--units', '100000', '--out', snapshotDir],
    { stdio: ['ignore', json ? 'ignore' : 'inherit', 'inherit'] },
  );
  if (made.status !== 0) process.exit(made.status ?? 1);
}

const output = (await build({
  configFile: false,
  logLevel: 'silent',
  publicDir: false,
  build: {
    write: false,
    minify: true,
    target: 'es2022',
    lib: { entry: 'bin/bench/search.page.ts', formats: ['es'], fileName: 'search-bench' },
  },
})) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
const chunk = (Array.isArray(output) ? output : [output])
  .flatMap((result) => result.output)
  .find((item) => item.type === 'chunk' && item.isEntry);
if (!chunk || chunk.type !== 'chunk') throw new Error('bench: the page bundle has no entry chunk');
const bundle = chunk.code;

const server = createServer((request, response) => {
  const path = (request.url ?? '/').split('?')[0];
  if (path === '/') {
    response.setHeader('content-type', 'text/html');
    return response.end(
      '<!doctype html><html lang="da"><body><script type="module" src="/bench.js"></script></body></html>',
    );
  }
  if (path === '/bench.js') {
    response.setHeader('content-type', 'text/javascript');
    return response.end(bundle);
  }
  const file = normalize(join(snapshotDir, path.replace(/^\/snapshot\//, '')));
  if (!path.startsWith('/snapshot/') || !file.startsWith(normalize(snapshotDir)) || !existsSync(file)) {
    response.statusCode = 404;
    return response.end();
  }
  response.setHeader('content-type', file.endsWith('.json') ? 'application/json' : 'application/gzip');
  response.end(readFileSync(file));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const browser = await launchChromium([
  // Heap figures after a full collection, in bytes rather than Chromium's coarse buckets.
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
]);
const figures: Figure[] = [];
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.text().startsWith('ours')) log(`  ${message.text()}`);
  });
  await page.goto(origin);
  await page.waitForFunction(() => 'searchBench' in window);
  log('loading 100,000 units and building the index …');
  figures.push(...(await page.evaluate(() => (window as unknown as BenchWindow).searchBench.load())));
  log('typing every query into ours, uFuzzy and (a sample into) plain fuse.js …');
  figures.push(
    ...(await page.evaluate(
      (sample) => (window as unknown as BenchWindow).searchBench.keystrokes(sample),
      fuseSample,
    )),
  );

  log('typing into <sor-picker> …');
  const typed = await page.evaluate(() => (window as unknown as BenchWindow).searchBench.mountPicker());
  const since = await page.evaluate(() => performance.now());
  for (const query of typed) {
    // About a fast typist's pace; the picker searches on every keystroke.
    await page.keyboard.type(query, { delay: 60 });
    await page.waitForTimeout(250);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
  }
  await page.waitForTimeout(300);
  figures.push(
    ...(await page.evaluate(
      (at) => (window as unknown as BenchWindow).searchBench.pickerLongTasks(at),
      since,
    )),
  );
  figures.push({ name: 'picker at 100k: queries typed', value: typed.length, unit: 'queries' });
} finally {
  await browser.close();
  server.close();
}

if (json) console.log(JSON.stringify(figures));
else {
  for (const figure of figures) {
    const against = figure.baseline
      ? `   baseline ${figure.baseline.value} ${figure.baseline.unit} (${figure.baseline.name})`
      : '';
    console.log(
      `${figure.name.padEnd(60)} ${String(figure.value).padStart(9)} ${figure.unit}${against}${figure.goal ? `   goal ${figure.goal}` : ''}`,
    );
  }
}
