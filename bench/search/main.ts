// The search benchmark (issue 5): 100,000 generated units in headless Chromium. Types 40+
// realistic queries letter by letter into our search, plain fuse.js and uFuzzy in the same run
// (p50/p95/max per keystroke), and prints index build time, JS heap after load and the long-task
// check of typing into the real <sor-picker>. Prints a table, or with `--json` the figures as one
// JSON document for `npm run bench`. Benchmarks print; they assert nothing.
//
//   node --import tsx bench/search/main.ts [--json] [--fuse-sample N]
//
// Data: the snapshot `npm run demo:data` builds in demo/public/snapshots/national/, else one built
// here into .bench/national (same generator, 100,000 units, seed 1).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bundleBenchPage, printFigures, serveBenchPage, type Figure } from '../harness.js';
import { launchChromium } from '../../test/support/chromium.js';

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
    ['--import', 'tsx', 'scripts/relevance-data.ts', '--units', '100000', '--out', snapshotDir],
    { stdio: ['ignore', json ? 'ignore' : 'inherit', 'inherit'] },
  );
  if (made.status !== 0) process.exit(made.status ?? 1);
}

const bundle = await bundleBenchPage('bench/search/page.ts');
const server = await serveBenchPage(bundle, {
  lang: 'da',
  host: '127.0.0.1',
  files: { urlPrefix: 'snapshot', dir: snapshotDir },
});
const origin = server.origin;

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

printFigures(figures, json);
