// Every Storybook story, as built into storybook-static: opened in Debian's Chromium through
// playwright-core, waited for (render, play function, afterEach), then
// - checked with axe-core, shadow DOM included, failing with the violations listed;
// - for the key states (light, dark, RTL, invalid), screenshotted and compared with the committed
//   baselines in test/stories/__screenshots__/ (UPDATE_SCREENSHOTS=1 rewrites them).
// Runs after `npm run build:storybook` (as `npm test` orders it).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { CHROMIUM_EXECUTABLE, launchChromium } from '../../bin/chromium.js';

const root = new URL('../../', import.meta.url).pathname;
const staticDir = join(root, 'storybook-static');
const baselineDir = join(root, 'test/stories/__screenshots__');
// Failed comparisons leave the actual screenshot and a diff image here (git-ignored).
const failureDir = join(root, '.screenshots/stories');
const updateScreenshots = process.env.UPDATE_SCREENSHOTS === '1';

interface IndexEntry {
  id: string;
  type: 'story' | 'docs';
  title: string;
  name: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.gz': 'application/gzip',
};

// The smallest static server that serves storybook-static as a static host would.
function serveStatic(dir: string): Promise<Server> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const path = normalize(join(dir, pathname === '/' ? 'index.html' : pathname));
    if (!path.startsWith(dir) || !existsSync(path) || !statSync(path).isFile()) {
      response.statusCode = 404;
      return response.end();
    }
    response.setHeader('content-type', CONTENT_TYPES[extname(path)] ?? 'application/octet-stream');
    createReadStream(path).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: Server;
let browser: Browser;
let baseUrl: string;
let stories: IndexEntry[] = [];

before(async () => {
  assert.ok(
    existsSync(join(staticDir, 'index.json')),
    'storybook-static missing: run `npm run build:storybook` before the Node tests (npm test does)',
  );
  assert.ok(
    existsSync(CHROMIUM_EXECUTABLE),
    `no Chromium at ${CHROMIUM_EXECUTABLE}: apt-get install -y chromium`,
  );
  stories = readIndex();
  server = await serveStatic(staticDir);
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

function readIndex(): IndexEntry[] {
  if (!existsSync(join(staticDir, 'index.json'))) return [];
  const index = JSON.parse(readFileSync(join(staticDir, 'index.json'), 'utf8')) as {
    entries: Record<string, IndexEntry>;
  };
  return Object.values(index.entries).filter((entry) => entry.type === 'story');
}

interface AxeRule {
  id: string;
  enabled: boolean;
}

interface StoryState {
  phase: string;
  /** The story's `parameters.a11y.config.rules`: per-story axe exceptions, as the a11y addon reads them. */
  rules: AxeRule[];
}

/**
 * Preview iframes kept loaded and switched from story to story through Storybook's channel, as
 * the Storybook UI does: loading the preview bundle afresh for each story costs seconds here.
 * `globals=a11y.manual:!true` stops the a11y addon running its own axe pass in `afterEach`.
 */
const idlePages: Page[] = [];
const pageWaiters: ((page: Page) => void)[] = [];
const pageErrors = new WeakMap<Page, string[]>();
// Two cores here: more pages only contend for them.
const POOL_SIZE = 2;
let openedPages = 0;

async function acquirePage(): Promise<Page> {
  const idle = idlePages.pop();
  if (idle) return idle;
  if (openedPages < POOL_SIZE) {
    openedPages++;
    const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
    const page = await context.newPage();
    const errors: string[] = [];
    pageErrors.set(page, errors);
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${baseUrl}/iframe.html?id=none&viewMode=story&globals=a11y.manual:!true`);
    await page.waitForFunction(() => '__STORYBOOK_ADDONS_CHANNEL__' in window);
    await page.addScriptTag({ content: AXE_SOURCE });
    return page;
  }
  return new Promise((resolve) => pageWaiters.push(resolve));
}

function releasePage(page: Page): void {
  const waiter = pageWaiters.shift();
  if (waiter) waiter(page);
  else idlePages.push(page);
}

/**
 * Shows one story and waits until Storybook reports it `finished`: loaders, render, play
 * function and afterEach done. A story that throws (or whose play function fails) fails here
 * with Storybook's own error text.
 */
async function showStory(page: Page, id: string): Promise<StoryState> {
  pageErrors.get(page)!.length = 0;
  const state = await page
    .waitForFunction(
      (storyId) => {
        interface Render {
          id: string;
          phase?: string;
          story?: { parameters?: { a11y?: { config?: { rules?: AxeRule[] } } } };
        }
        const global = window as unknown as {
          __STORYBOOK_PREVIEW__: { storyRenders: Render[] };
          __STORYBOOK_ADDONS_CHANNEL__: { emit: (event: string, detail: object) => void };
          requestedStory?: string;
        };
        if (global.requestedStory !== storyId) {
          global.requestedStory = storyId;
          global.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId, viewMode: 'story' });
          return false;
        }
        const render = global.__STORYBOOK_PREVIEW__.storyRenders.find(
          (candidate) => candidate.id === storyId,
        );
        if (!render || !['finished', 'errored', 'aborted'].includes(render.phase ?? '')) return false;
        return { phase: render.phase!, rules: render.story?.parameters?.a11y?.config?.rules ?? [] };
      },
      id,
      { timeout: 30_000, polling: 50 },
    )
    .then((handle) => handle.jsonValue() as Promise<StoryState>);
  if (state.phase !== 'finished') {
    const shown = await page.locator('#error-message, #error-stack').allTextContents();
    assert.fail(`story ${id} ${state.phase}: ${[...shown, ...pageErrors.get(page)!].join('\n')}`);
  }
  // Virtualised lists and Lit updates settle a frame after the play function returns.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
  return state;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

async function axeViolations(page: Page, rules: AxeRule[]): Promise<string[]> {
  const violations = await page.evaluate(async (storyRules) => {
    const { axe } = window as unknown as {
      axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> };
    };
    const result = await axe.run(
      { include: ['#storybook-root'] },
      {
        rules: Object.fromEntries([
          // A story is a fragment of the vendor's page, not a page: landmarks are the page's job.
          ['region', { enabled: false }],
          ...storyRules.map((rule) => [rule.id, { enabled: rule.enabled }]),
        ]),
      },
    );
    return result.violations;
  }, rules);
  return violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes.map((node) => `    at ${JSON.stringify(node.target)}`).join('\n'),
  );
}

describe('axe on every story', { concurrency: POOL_SIZE }, () => {
  test('storybook-static lists stories for all three components', () => {
    for (const component of ['sor-picker', 'sor-tree', 'sor-sync-status'])
      assert.ok(
        stories.some((story) => story.id.startsWith(`components-${component}--`)),
        `stories for ${component}`,
      );
  });

  // node:test collects subtests synchronously, so the index is read here as well as in before().
  for (const { id } of readIndex()) {
    test(id, { timeout: 60_000 }, async () => {
      const page = await acquirePage();
      try {
        const { rules } = await showStory(page, id);
        const report = await axeViolations(page, rules);
        assert.deepEqual(report, [], `axe violations in ${id}:\n${report.join('\n')}`);
      } finally {
        releasePage(page);
      }
    });
  }
});

// The key states of issue 7's visual regression test.
const VISUAL_STORIES: Record<string, string> = {
  'picker-light': 'components-sor-picker--typing-with-results',
  'picker-dark': 'components-sor-picker--dark',
  'picker-rtl': 'components-sor-picker--right-to-left',
  'picker-invalid': 'components-sor-picker--required-and-invalid',
  'tree-dark': 'components-sor-tree--dark',
};

// Two screenshots "match" when at most MAX_DIFF_PIXELS pixels differ by more than
// CHANNEL_TOLERANCE in any colour channel. With the font pinned and hinting off, repeated runs here
// differ by 0 pixels; the tolerance absorbs anti-aliasing drift, while the pixel budget stays below
// what one changed glyph, border or colour produces.
const CHANNEL_TOLERANCE = 48;
const MAX_DIFF_PIXELS = 10;

interface Comparison {
  width: number;
  height: number;
  differing: number;
  /** Red where the pixels differ, over a faded copy of the actual screenshot. */
  diffPng: string;
}

/** Decodes both PNGs in the browser (no image library needed in Node) and counts differing pixels. */
async function comparePngs(page: Page, expected: Buffer, actual: Buffer): Promise<Comparison | string> {
  return page.evaluate(
    async ({ expected, actual, tolerance }) => {
      // Anonymous callbacks only: tsx names named functions through a helper the page lacks.
      const [a, b] = await Promise.all(
        [expected, actual].map(async (base64) => {
          const bitmap = await createImageBitmap(
            await (await fetch(`data:image/png;base64,${base64}`)).blob(),
          );
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const context = canvas.getContext('2d')!;
          context.drawImage(bitmap, 0, 0);
          return context.getImageData(0, 0, bitmap.width, bitmap.height);
        }),
      );
      if (a.width !== b.width || a.height !== b.height)
        return `size changed: baseline ${a.width}×${a.height}, now ${b.width}×${b.height}`;
      const diff = new ImageData(a.width, a.height);
      let differing = 0;
      for (let i = 0; i < a.data.length; i += 4) {
        const delta = Math.max(
          Math.abs(a.data[i] - b.data[i]),
          Math.abs(a.data[i + 1] - b.data[i + 1]),
          Math.abs(a.data[i + 2] - b.data[i + 2]),
          Math.abs(a.data[i + 3] - b.data[i + 3]),
        );
        const differs = delta > tolerance;
        if (differs) differing++;
        diff.data.set(differs ? [255, 0, 0, 255] : [b.data[i], b.data[i + 1], b.data[i + 2], 64], i);
      }
      const canvas = new OffscreenCanvas(a.width, a.height);
      canvas.getContext('2d')!.putImageData(diff, 0, 0);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return { width: a.width, height: a.height, differing, diffPng: btoa(binary) };
    },
    {
      expected: expected.toString('base64'),
      actual: actual.toString('base64'),
      tolerance: CHANNEL_TOLERANCE,
    },
  );
}

describe('visual regression of the key states', () => {
  let page: Page;

  before(async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
    page = await context.newPage();
    pageErrors.set(page, []);
    await page.goto(`${baseUrl}/iframe.html?id=none&viewMode=story&globals=a11y.manual:!true`);
    await page.waitForFunction(() => '__STORYBOOK_ADDONS_CHANNEL__' in window);
    // One font for every machine: the page's system-ui stack resolves through fontconfig, which
    // another image of the same machine type may configure differently. DejaVu Sans ships with
    // Debian's Chromium dependencies.
    await page.addStyleTag({ content: `body { font-family: 'DejaVu Sans', sans-serif !important; }` });
  });

  after(() => page?.context().close());

  for (const [name, id] of Object.entries(VISUAL_STORIES)) {
    test(`${name} (${id})`, { timeout: 60_000 }, async () => {
      assert.ok(
        stories.some((story) => story.id === id),
        `story ${id} is not in storybook-static: renamed? update VISUAL_STORIES`,
      );
      await showStory(page, id);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const actual = await page
        .locator('#storybook-root')
        .screenshot({ animations: 'disabled', caret: 'hide' });
      const baselinePath = join(baselineDir, `${name}.png`);
      if (updateScreenshots || !existsSync(baselinePath)) {
        assert.ok(
          updateScreenshots,
          `no baseline ${baselinePath}: run with UPDATE_SCREENSHOTS=1 and commit it`,
        );
        mkdirSync(baselineDir, { recursive: true });
        writeFileSync(baselinePath, actual);
        return;
      }
      const result = await comparePngs(page, readFileSync(baselinePath), actual);
      const differing = typeof result === 'string' ? Infinity : result.differing;
      if (differing > MAX_DIFF_PIXELS) {
        mkdirSync(failureDir, { recursive: true });
        writeFileSync(join(failureDir, `${name}.actual.png`), actual);
        if (typeof result !== 'string')
          writeFileSync(join(failureDir, `${name}.diff.png`), Buffer.from(result.diffPng, 'base64'));
        assert.fail(
          `${name} differs from ${baselinePath}: ` +
            (typeof result === 'string' ? result : `${differing} pixels (${MAX_DIFF_PIXELS} allowed)`) +
            `; see ${failureDir}/${name}.*.png, or rerun with UPDATE_SCREENSHOTS=1 if the change is intended`,
        );
      }
    });
  }
});
