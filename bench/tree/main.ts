// The tree benchmark (issue 6): 100,000 units in headless Chromium. First render, expanding a node
// with 5,000 children, opening everything and scrolling, each next to a naive baseline (every row
// an element, no windowing) measured in the same run. Prints a table, or with `--json` the figures
// as JSON for `npm run bench`. Benchmarks print; they assert nothing.
//
//   node --import tsx bench/tree/main.ts [--json]
import { bundleBenchPage, printFigures, type Figure } from '../harness.js';
import { launchChromium } from '../../test/support/chromium.js';

const json = process.argv.includes('--json');

// The page as one production bundle (Lit in production mode, as a vendor would ship it).
const bundle = await bundleBenchPage('bench/tree/page.ts', { production: true });

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.setContent('<!doctype html><html lang="en"><body></body></html>');
  await page.addScriptTag({ type: 'module', content: bundle });
  await page.waitForFunction(() => 'runTreeBench' in window);
  const figures = (await page.evaluate(() =>
    (window as unknown as { runTreeBench: () => Promise<unknown> }).runTreeBench(),
  )) as Figure[];
  printFigures(figures, json);
} finally {
  await browser.close();
}
