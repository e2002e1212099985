// The sync benchmark (issue 4): 100,000 generated units in headless Chromium, served over HTTP
// from a local origin. First full sync after download, cold start to the first search, and a delta
// of 1,000 changed units, each beside a baseline measured in the same run. Prints a table, or with
// `--json` the figures as one JSON document for `npm run bench`. Benchmarks print; they assert nothing.
//
//   node --import tsx bin/bench/sync.ts [--json]
//
// Needs the snapshot `npm run demo:data` builds in demo/public/snapshots/national/.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { launchChromium } from '../chromium.js';
import { build, type Rolldown } from 'vite';

const json = process.argv.includes('--json');
const SNAPSHOTS = 'demo/public/snapshots';

interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string } | null;
  goal?: string;
}

if (!existsSync(join(SNAPSHOTS, 'national', 'manifest.json'))) {
  console.error(`bench sync: no snapshot in ${SNAPSHOTS}/national: run npm run demo:data first`);
  process.exit(1);
}

const output = (await build({
  configFile: false,
  logLevel: 'silent',
  publicDir: false,
  build: {
    write: false,
    minify: true,
    target: 'es2022',
    lib: { entry: 'bin/bench/sync.page.ts', formats: ['es'], fileName: 'sync-bench' },
  },
})) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
const chunk = (Array.isArray(output) ? output : [output])
  .flatMap((result) => result.output)
  .find((item) => item.type === 'chunk' && item.isEntry);
if (!chunk || chunk.type !== 'chunk') throw new Error('bench: the page bundle has no entry chunk');
const bundle = chunk.code;

// A static host on localhost (a secure context, so Web Crypto and IndexedDB work as on HTTPS).
const server = createServer((request, response) => {
  const path = (request.url ?? '/').split('?')[0];
  if (path === '/') {
    response.setHeader('content-type', 'text/html');
    return response.end(
      '<!doctype html><html lang="en"><body><script type="module" src="/bench.js"></script></body></html>',
    );
  }
  if (path === '/bench.js') {
    response.setHeader('content-type', 'text/javascript');
    return response.end(bundle);
  }
  const file = normalize(join(SNAPSHOTS, path.replace(/^\/snapshots\//, '')));
  if (!path.startsWith('/snapshots/') || !file.startsWith(SNAPSHOTS) || !existsSync(file)) {
    response.statusCode = 404;
    return response.end();
  }
  response.setHeader('content-type', file.endsWith('.json') ? 'application/json' : 'application/gzip');
  response.end(readFileSync(file));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://localhost:${(server.address() as AddressInfo).port}/`;

const browser = await launchChromium();
const figures: Figure[] = [];
try {
  // One browser context (one origin's IndexedDB) across phases; each phase in a fresh page, so
  // the cold start starts from nothing in memory.
  const context = await browser.newContext();
  for (const phase of ['firstSync', 'coldStart', 'coldStartParts', 'coldStartBaseline', 'delta']) {
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

// The cold-start baseline is its own phase; show it beside our figure.
const baseline = figures.find((figure) => figure.name.startsWith('cold start baseline'));
const cold = figures.find((figure) => figure.name.startsWith('cold start:'));
if (baseline && cold) {
  cold.baseline = { name: 'getAll of one record per unit', value: baseline.value, unit: baseline.unit };
  figures.splice(figures.indexOf(baseline), 1);
}

if (json) console.log(JSON.stringify(figures));
else {
  for (const figure of figures) {
    const against = figure.baseline
      ? `   baseline ${figure.baseline.value} ${figure.baseline.unit} (${figure.baseline.name})`
      : '';
    console.log(
      `${figure.name.padEnd(78)} ${String(figure.value).padStart(9)} ${figure.unit}${against}${figure.goal ? `   goal ${figure.goal}` : ''}`,
    );
  }
}
