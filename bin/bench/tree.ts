// The tree benchmark (issue 6): 100,000 units in headless Chromium. First render, expanding a node
// with 5,000 children, opening everything and scrolling, each next to a naive baseline (every row
// an element, no windowing) measured in the same run. Prints a table, or with `--json` the figures
// as JSON for `npm run bench`. Benchmarks print; they assert nothing.
//
//   node --import tsx bin/bench/tree.ts [--json]
import { launchChromium } from '../chromium.js';
import { build, type Rolldown } from 'vite';

const json = process.argv.includes('--json');

interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string } | null;
  goal?: string;
}

// The page as one production bundle (Lit in production mode, as a vendor would ship it).
const output = (await build({
  configFile: false,
  logLevel: 'silent',
  publicDir: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    write: false,
    minify: true,
    target: 'es2022',
    lib: { entry: 'bin/bench/tree.page.ts', formats: ['es'], fileName: 'tree-bench' },
  },
})) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
const chunk = (Array.isArray(output) ? output : [output])
  .flatMap((result) => result.output)
  .find((item) => item.type === 'chunk' && item.isEntry);
if (!chunk || chunk.type !== 'chunk') throw new Error('bench: the page bundle has no entry chunk');

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.setContent('<!doctype html><html lang="en"><body></body></html>');
  await page.addScriptTag({ type: 'module', content: chunk.code });
  await page.waitForFunction(() => 'runTreeBench' in window);
  const figures = (await page.evaluate(() =>
    (window as unknown as { runTreeBench: () => Promise<unknown> }).runTreeBench(),
  )) as Figure[];
  if (json) console.log(JSON.stringify(figures));
  else {
    for (const figure of figures) {
      const baseline = figure.baseline
        ? `   baseline ${figure.baseline.value} ${figure.baseline.unit} (${figure.baseline.name})`
        : '';
      console.log(
        `${figure.name.padEnd(60)} ${String(figure.value).padStart(9)} ${figure.unit}${baseline}${figure.goal ? `   goal ${figure.goal}` : ''}`,
      );
    }
  }
} finally {
  await browser.close();
}
