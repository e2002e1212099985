// The sync benchmark (issue 4): 100,000 generated units in headless Chromium, served over HTTP
// from a local origin. First full sync after download, cold start to the first search, and a delta
// of 1,000 changed units, each beside a baseline measured in the same run. Prints a table, or with
// `--json` the figures as one JSON document for `npm run bench`. Benchmarks print; they assert nothing.
//
//   node --import tsx bench/sync/main.ts [--json]
//
// Needs the snapshot `npm run demo:data` builds in demo/public/snapshots/national/.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bundleBenchPage, printFigures, serveBenchPage, type Figure } from '../harness.js';
import { launchChromium } from '../../test/support/chromium.js';

const json = process.argv.includes('--json');
const SNAPSHOTS = 'demo/public/snapshots';

if (!existsSync(join(SNAPSHOTS, 'national', 'manifest.json'))) {
  console.error(`bench sync: no snapshot in ${SNAPSHOTS}/national: run npm run demo:data first`);
  process.exit(1);
}

const bundle = await bundleBenchPage('bench/sync/page.ts');
// Snapshot files under /snapshots/, as the demo serves them.
const server = await serveBenchPage(bundle, { files: { urlPrefix: 'snapshots', dir: SNAPSHOTS } });
const origin = server.origin;

const browser = await launchChromium();
const figures: Figure[] = [];
try {
  // One browser context (one origin's IndexedDB) across phases; each phase in a fresh page, so
  // the cold start starts from nothing in memory.
  const context = await browser.newContext();
  for (const phase of [
    'firstSync',
    // Three fresh pages each: the median is the figure (one page's start varies with the machine).
    'firstSyncPage',
    'firstSyncPage',
    'firstSyncPage',
    'coldStart',
    'coldStart',
    'coldStart',
    'coldStartParts',
    'coldStartFiles',
    'coldStartBaseline',
    'delta',
  ]) {
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(origin);
    await page.waitForFunction(() => 'runSyncBench' in window);
    const result = (await page.evaluate(
      (name) =>
        (window as unknown as { runSyncBench: (phase: string) => Promise<Figure[]> }).runSyncBench(name),
      phase,
    )) as Figure[];
    figures.push(...result);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

// The first sync and the cold start each ran in three fresh pages: keep the median run, its
// figure and the "of which" lines that follow it.
function keepMedianRun(prefix: string, linesPerRun: number): void {
  const runs = figures.filter((figure) => figure.name.startsWith(prefix));
  const medianRun = [...runs].sort((a, b) => a.value - b.value)[Math.floor(runs.length / 2)];
  for (const run of runs) {
    if (run === medianRun) run.name += ` (median of ${runs.length} fresh pages)`;
    else figures.splice(figures.indexOf(run), linesPerRun);
  }
}
keepMedianRun('first sync in a fresh page', 6);
keepMedianRun('cold start:', 2);

// The cold-start baseline is its own phase; show it beside our figure.
const baseline = figures.find((figure) => figure.name.startsWith('cold start baseline'));
const cold = figures.find((figure) => figure.name.startsWith('cold start:'));
if (baseline && cold) {
  cold.baseline = { name: 'getAll of one record per unit', value: baseline.value, unit: baseline.unit };
  figures.splice(figures.indexOf(baseline), 1);
}

printFigures(figures, json, 78);
