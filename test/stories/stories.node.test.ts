// Every Storybook story, as built into storybook-static: opened in Debian's Chromium through
// playwright-core, waited for (render, play function, afterEach), then
// - checked with axe-core, shadow DOM included, failing with the violations listed;
// - for the key states (light, dark, RTL, invalid), screenshotted and compared with the committed
//   baselines in test/stories/__screenshots__/ (UPDATE_SCREENSHOTS=1 rewrites them);
// - in forced-colours mode (light and dark), checked for what must survive it: focus rings,
//   the active option and row, chips, level badges and the invalid state, in system colours;
// - at 640 and 320 CSS px wide (200 % and 400 % zoom of a 1280 px window, WCAG 1.4.4 and 1.4.10),
//   checked for reflow: no sideways scrolling, nothing cut off, the popup inside the window.
// Runs after `npm run build:storybook` (as `npm test` orders it).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import { type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { CHROMIUM_EXECUTABLE, launchChromium } from '../support/chromium.js';

const root = new URL('../../', import.meta.url).pathname;
// STORYBOOK_STATIC: another build to test (a build of one's own, while others rebuild the default).
const staticDir = process.env.STORYBOOK_STATIC ?? join(root, 'storybook-static');
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

const VIEWPORT = { width: 800, height: 600 };

/** A preview iframe in a context of its own (window size, forced colours, colour scheme). */
async function openPreview(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${baseUrl}/iframe.html?id=none&viewMode=story&globals=a11y.manual:!true`);
  await page.waitForFunction(() => '__STORYBOOK_ADDONS_CHANNEL__' in window);
  return page;
}

async function acquirePage(): Promise<Page> {
  const idle = idlePages.pop();
  if (idle) return idle;
  if (openedPages < POOL_SIZE) {
    openedPages++;
    const page = await openPreview();
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

interface VisualState {
  story: string;
  /** How the page is shown: window size, forced colours, colour scheme. */
  context?: BrowserContextOptions;
}

const FORCED_LIGHT: BrowserContextOptions = { forcedColors: 'active', colorScheme: 'light' };
const FORCED_DARK: BrowserContextOptions = { forcedColors: 'active', colorScheme: 'dark' };
// 400 % zoom of a 1280 × 1024 window (WCAG 1.4.10 reflow).
const NARROW: BrowserContextOptions = { viewport: { width: 320, height: 256 } };

// The key states of issue 7's visual regression test.
const VISUAL_STORIES: Record<string, VisualState> = {
  'picker-light': { story: 'components-sor-picker--typing-with-results' },
  'picker-dark': { story: 'components-sor-picker--dark' },
  'picker-rtl': { story: 'components-sor-picker--right-to-left' },
  'picker-invalid': { story: 'components-sor-picker--required-and-invalid' },
  'tree-dark': { story: 'components-sor-tree--dark' },
  'picker-forced-light': {
    story: 'components-sor-picker--danish-folding-with-active-option',
    context: FORCED_LIGHT,
  },
  'picker-chips-forced-dark': { story: 'components-sor-picker--multiple', context: FORCED_DARK },
  'tree-forced-dark': { story: 'components-sor-tree--preselected', context: FORCED_DARK },
  'picker-narrow': { story: 'components-sor-picker--typing-with-results', context: NARROW },
  'tree-narrow': { story: 'components-sor-tree--preselected', context: NARROW },
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
  // One page for each way of showing (window size, forced colours, colour scheme).
  const pages = new Map<string, Promise<Page>>();

  const pageFor = (options: BrowserContextOptions = {}): Promise<Page> => {
    const key = JSON.stringify(options);
    if (!pages.has(key))
      pages.set(
        key,
        openPreview(options).then(async (page) => {
          // One font for every machine: the page's system-ui stack resolves through fontconfig,
          // which another image of the same machine type may configure differently. DejaVu Sans
          // ships with Debian's Chromium dependencies.
          await page.addStyleTag({ content: `body { font-family: 'DejaVu Sans', sans-serif !important; }` });
          return page;
        }),
      );
    return pages.get(key)!;
  };

  after(async () => {
    for (const page of pages.values()) await (await page).context().close();
  });

  for (const [name, { story: id, context }] of Object.entries(VISUAL_STORIES)) {
    test(`${name} (${id})`, { timeout: 60_000 }, async () => {
      assert.ok(
        stories.some((story) => story.id === id),
        `story ${id} is not in storybook-static: renamed? update VISUAL_STORIES`,
      );
      const page = await pageFor(context);
      await showStory(page, id);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      // A blinking caret made the focused picker differ by a 1-px line now and then (19 px in
      // forced colours). Playwright's `caret: 'hide'` styles the document only; the inputs live in
      // shadow roots, so the sheet below goes into each. `caret-color: transparent` hides the caret,
      // but forced colours force it back to the text colour (CSS Color Adjustment): there
      // `caret-animation: manual` stops the blinking, so the caret is in every shot, as in the
      // baseline.
      assert.ok(
        await page.evaluate(() => CSS.supports('caret-animation', 'manual')),
        'this Chromium cannot stop a caret blinking (CSS caret-animation): the screenshots would flake',
      );
      await page.evaluate(() => {
        // No named inner functions here: the test's compiler would wrap them in a helper that
        // does not exist in the page.
        const hideCaret = new CSSStyleSheet();
        hideCaret.replaceSync(
          '* { caret-color: transparent !important; caret-animation: manual !important; }',
        );
        const roots: (Document | ShadowRoot)[] = [document];
        while (roots.length > 0) {
          for (const element of Array.from(roots.pop()!.querySelectorAll('*'))) {
            const shadow = element.shadowRoot;
            if (!shadow) continue;
            if (!shadow.adoptedStyleSheets.includes(hideCaret))
              shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, hideCaret];
            roots.push(shadow);
          }
        }
      });
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

/**
 * Helpers for the forced-colours and reflow checks, added to the page as plain script: functions
 * passed to page.evaluate must stay anonymous (tsx names named ones through a helper the page
 * lacks), and these are shared by many checks.
 */
const PROBE_SOURCE = `
window.sorProbe = {
  // What a system colour keyword resolves to on this page (forced colours keep system colours).
  system(name) {
    const probe = document.createElement('div');
    probe.style.cssText = 'forced-color-adjust: none; color: ' + name;
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  },
  // Elements matching selector in the shadow roots of every host in the story.
  all(host, selector) {
    return [...document.querySelectorAll('#storybook-root ' + host)].flatMap((element) => [
      ...element.shadowRoot.querySelectorAll(selector),
    ]);
  },
  // The top border: its width in px, style and colour.
  border(element) {
    const style = getComputedStyle(element);
    return { width: parseFloat(style.borderTopWidth), style: style.borderTopStyle, colour: style.borderTopColor };
  },
  // The focused element, through shadow roots.
  focused() {
    let element = document.activeElement;
    while (element && element.shadowRoot && element.shadowRoot.activeElement)
      element = element.shadowRoot.activeElement;
    return element;
  },
  // Shown on screen (not display: none, not the visually hidden live region).
  shown(element) {
    return element.getClientRects().length > 0 && !element.closest('.visually-hidden');
  },
  describe(element) {
    const id = element.id ? '#' + element.id : '';
    const role = element.getAttribute('role');
    return element.localName + id + (role ? '[role=' + role + ']' : '') + (element.className ? '.' + element.className : '') +
      ' "' + element.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
  },
};
`;

async function withProbe(page: Page): Promise<Page> {
  await page.addScriptTag({ content: PROBE_SOURCE });
  return page;
}

interface Probe {
  system(name: string): string;
  all(host: string, selector: string): HTMLElement[];
  focused(): HTMLElement | null;
  shown(element: Element): boolean;
  describe(element: Element): string;
  border(element: Element): { width: number; style: string; colour: string };
}

// The colours and focus ring of the element in focus.
async function focusRing(page: Page) {
  return page.evaluate(() => {
    const probe = (window as unknown as { sorProbe: Probe }).sorProbe;
    const focused = probe.focused()!;
    const style = getComputedStyle(focused);
    return {
      element: probe.describe(focused),
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
      colour: style.outlineColor,
      canvas: probe.system('Canvas'),
    };
  });
}

function assertFocusRing(ring: Awaited<ReturnType<typeof focusRing>>, what: string): void {
  assert.notEqual(ring.style, 'none', `${what} (${ring.element}) has no outline in forced colours`);
  assert.ok(ring.width >= 2, `${what} (${ring.element}): outline ${ring.width}px, want at least 2px`);
  assert.notEqual(
    ring.colour,
    ring.canvas,
    `${what} (${ring.element}): outline in the page's background colour`,
  );
}

// Forced colours replace author colours with the user's system colours and drop box-shadows:
// whatever tells states apart must be drawn with system colours, borders and outlines.
for (const scheme of ['light', 'dark'] as const) {
  describe(`forced-colours mode, ${scheme}`, () => {
    let page: Page;

    before(async () => {
      page = await withProbe(await openPreview({ forcedColors: 'active', colorScheme: scheme }));
      assert.ok(
        await page.evaluate(() => matchMedia('(forced-colors: active)').matches),
        'forced colours are not emulated',
      );
    });

    after(() => page?.context().close());

    test('picker: the focused input has an outline; the active option is Highlight; badges keep their border', async () => {
      let activeBadges = 0;
      let otherBadges = 0;
      // Køge: many options, the first (no level) active; Rigshospitalet: one, active, with its badge.
      for (const id of [
        'components-sor-picker--danish-folding-with-active-option',
        'components-sor-picker--dark',
      ]) {
        await showStory(page, id);
        assertFocusRing(await focusRing(page), `${id}: the focused combobox input`);
        const found = await page.evaluate(() => {
          const probe = (window as unknown as { sorProbe: Probe }).sorProbe;
          const options = probe.all('sor-picker', '[role="option"]');
          const active = options.find((option) => option.getAttribute('aria-selected') === 'true');
          return {
            highlight: probe.system('Highlight'),
            highlightText: probe.system('HighlightText'),
            canvas: probe.system('Canvas'),
            active: active && {
              background: getComputedStyle(active).backgroundColor,
              text: Array.from(active.querySelectorAll('.name, .context, .code, .badge')).map((part) => [
                probe.describe(part),
                getComputedStyle(part).color,
              ]),
              badges: Array.from(active.querySelectorAll('.badge')).map((badge) => probe.border(badge)),
            },
            others: options
              .filter((option) => option !== active)
              .map((option) => ({
                option: probe.describe(option),
                background: getComputedStyle(option).backgroundColor,
                // The active option's marker bar must not show on every option.
                marker: getComputedStyle(option).borderInlineStartColor,
                badges: Array.from(option.querySelectorAll('.badge')).map((badge) => probe.border(badge)),
              })),
          };
        });
        assert.ok(found.active, `${id}: an open list with an active option`);
        assert.equal(found.active.background, found.highlight, `${id}: the active option is Highlight`);
        for (const [part, colour] of found.active.text)
          assert.equal(colour, found.highlightText, `${id}: ${part} in the active option is HighlightText`);
        for (const badge of found.active.badges) {
          assert.ok(
            badge.width >= 1 && badge.style === 'solid',
            `${id}: the active option's badge has a border`,
          );
          assert.equal(badge.colour, found.highlightText, `${id}: the active option's badge border`);
          activeBadges++;
        }
        for (const other of found.others) {
          assert.notEqual(other.background, found.highlight, `${other.option} is not drawn as active`);
          assert.equal(other.marker, found.canvas, `${other.option}: no active-option bar`);
          for (const badge of other.badges) {
            assert.ok(
              badge.width >= 1 && badge.style === 'solid',
              `${other.option}: the badge keeps a border`,
            );
            assert.notEqual(badge.colour, found.canvas, `${other.option}: the badge border shows`);
            otherBadges++;
          }
        }
      }
      assert.ok(activeBadges > 0 && otherBadges > 0, 'badges checked in active and other options');
    });

    test('picker: options that cannot be chosen are GrayText', async () => {
      await showStory(page, 'components-sor-picker--selectable-levels');
      const colours = await page.evaluate(() => {
        const probe = (window as unknown as { sorProbe: Probe }).sorProbe;
        return {
          grayText: probe.system('GrayText'),
          disabled: probe
            .all('sor-picker', '[role="option"][aria-disabled="true"] :is(.name, .context)')
            .map((part) => [probe.describe(part), getComputedStyle(part).color]),
        };
      });
      assert.ok(colours.disabled.length > 0, 'the story lists options that cannot be chosen');
      for (const [part, colour] of colours.disabled) assert.equal(colour, colours.grayText, part);
    });

    test('picker: chips keep a border, and the focused chip an outline', async () => {
      await showStory(page, 'components-sor-picker--multiple');
      const chips = await page.evaluate(() => {
        const probe = (window as unknown as { sorProbe: Probe }).sorProbe;
        return probe.all('sor-picker', '.chip').map((chip) => {
          const style = getComputedStyle(chip);
          return {
            chip: probe.describe(chip),
            width: parseFloat(style.borderTopWidth),
            style: style.borderTopStyle,
            colour: style.borderTopColor,
            background: style.backgroundColor,
          };
        });
      });
      assert.equal(chips.length, 2, 'the story shows two chips');
      for (const chip of chips) {
        assert.ok(chip.width >= 1 && chip.style === 'solid', `${chip.chip} keeps a border`);
        assert.notEqual(chip.colour, chip.background, `${chip.chip}: its border shows`);
        assert.notEqual(chip.colour, 'rgba(0, 0, 0, 0)', `${chip.chip}: its border shows`);
      }
      // Shift+Tab from the input reaches the last chip by keyboard, so :focus-visible applies.
      await page.locator('sor-picker input').focus();
      await page.keyboard.press('Shift+Tab');
      const ring = await focusRing(page);
      assert.match(ring.element, /chip/, 'Shift+Tab from the input focuses the last chip');
      assertFocusRing(ring, 'the focused chip');
    });

    test('picker: the invalid input has a thicker border than a valid one', async () => {
      await showStory(page, 'components-sor-picker--required-and-invalid');
      const invalid = await page.evaluate(() => {
        const probe = (window as unknown as { sorProbe: Probe }).sorProbe;
        const input = probe.all('sor-picker', 'input')[0];
        const message = probe.all('sor-picker', '#invalid')[0];
        return {
          state: input.getAttribute('aria-invalid'),
          width: parseFloat(getComputedStyle(input).borderTopWidth),
          message: message && probe.shown(message) ? message.textContent!.trim() : '',
        };
      });
      assert.equal(invalid.state, 'true');
      assert.ok(invalid.width >= 2, `invalid input border ${invalid.width}px, want 2px (valid: 1px)`);
      assert.notEqual(invalid.message, '', 'the message says what is wrong');
    });

    test('tree: focus ring, active row in Highlight, the chosen row marked, badges bordered', async () => {
      await showStory(page, 'components-sor-tree--preselected');
      // Tab from the filter box to the tree: keyboard focus, so :focus-visible applies.
      await page.locator('sor-tree input').focus();
      await page.keyboard.press('Tab');
      assertFocusRing(await focusRing(page), 'the focused tree');
      const rows = () =>
        page.evaluate(() => {
          const probe = (window as unknown as { sorProbe: Probe }).sorProbe;
          return {
            highlight: probe.system('Highlight'),
            highlightText: probe.system('HighlightText'),
            canvas: probe.system('Canvas'),
            canvasText: probe.system('CanvasText'),
            rows: probe.all('sor-tree', '[role="treeitem"]').map((row) => {
              const style = getComputedStyle(row);
              const badge = row.querySelector('.badge');
              return {
                row: probe.describe(row),
                active: row.classList.contains('active'),
                selected: row.getAttribute('aria-selected') === 'true',
                background: style.backgroundColor,
                marker: style.borderInlineStartColor,
                outline: style.outlineStyle,
                outlineColour: style.outlineColor,
                badge: badge && {
                  width: parseFloat(getComputedStyle(badge).borderTopWidth),
                  colour: getComputedStyle(badge).borderTopColor,
                },
              };
            }),
          };
        });
      let found = await rows();
      const active = found.rows.find((row) => row.active)!;
      assert.ok(active?.selected, 'the preselected row is the active one');
      assert.equal(active.background, found.highlight, 'the active row is drawn in Highlight');
      assert.notEqual(active.outline, 'none', 'the active row of the focused tree has an outline');
      assert.equal(active.outlineColour, found.highlightText, 'its outline shows on Highlight');
      assert.equal(active.marker, found.highlightText, 'the chosen row’s bar shows on Highlight');
      for (const row of found.rows.filter((candidate) => !candidate.active && candidate.badge)) {
        assert.ok(row.badge!.width >= 1, `${row.row}: the badge keeps a border`);
        assert.notEqual(row.badge!.colour, found.canvas, `${row.row}: the badge border shows`);
      }
      // Move the active row away: the chosen row is told apart from the rest by its bar alone.
      await page.keyboard.press('ArrowUp');
      found = await rows();
      const chosen = found.rows.find((row) => row.selected)!;
      assert.ok(chosen && !chosen.active, 'the chosen row is no longer the active one');
      assert.equal(chosen.marker, found.canvasText, 'the chosen row keeps a CanvasText bar');
      for (const row of found.rows.filter((candidate) => !candidate.selected && !candidate.active))
        assert.equal(row.marker, found.canvas, `${row.row}: no chosen-row bar`);
      assert.equal(found.rows.find((row) => row.active)!.background, found.highlight);
    });

    test('tree: the invalid tree has a thicker border than a valid one', async () => {
      await showStory(page, 'components-sor-tree--unknown-value-invalid');
      const width = await page.evaluate(() => {
        const probe = (window as unknown as { sorProbe: Probe }).sorProbe;
        return parseFloat(getComputedStyle(probe.all('sor-tree', '[role="tree"]')[0]).borderTopWidth);
      });
      assert.ok(width >= 2, `invalid tree border ${width}px, want 2px (valid: 1px)`);
    });

    test('sync status: badges keep a border, the button its outline', async () => {
      await showStory(page, 'components-sor-sync-status--in-memory-fallback');
      const badges = await page.evaluate(() => {
        const probe = (window as unknown as { sorProbe: Probe }).sorProbe;
        return probe.all('sor-sync-status', '[part="badge"]').map((badge) => ({
          badge: probe.describe(badge),
          width: parseFloat(getComputedStyle(badge).borderTopWidth),
          colour: getComputedStyle(badge).borderTopColor,
          canvas: probe.system('Canvas'),
        }));
      });
      assert.ok(badges.length > 0, 'the story shows badges');
      for (const badge of badges) {
        assert.ok(badge.width >= 1, `${badge.badge} keeps a border`);
        assert.notEqual(badge.colour, badge.canvas, `${badge.badge}: its border shows`);
      }
    });
  });
}

// 200 % and 400 % zoom of a 1280 × 1024 window: the CSS px a page then has (WCAG 1.4.4, 1.4.10).
const ZOOMS = [
  { zoom: '200 %', viewport: { width: 640, height: 512 } },
  { zoom: '400 %', viewport: { width: 320, height: 256 } },
];

// The states to reflow: the open popup, chips, long notes, the invalid message, the tree's rows.
const REFLOW_STORIES = [
  'components-sor-picker--typing-with-results',
  'components-sor-picker--selectable-levels',
  'components-sor-picker--multiple',
  'components-sor-picker--required-and-invalid',
  'components-sor-picker--retired-chosen',
  'components-sor-tree--preselected',
  'components-sor-tree--retired-included',
  'components-sor-tree--show-shak',
  'components-sor-tree--unknown-value-invalid',
  'components-sor-sync-status--in-memory-fallback',
];

/** What does not reflow in the shown story, one line each; none is the goal. */
async function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const probe = (window as unknown as { sorProbe: Probe }).sorProbe;
    const problems: string[] = [];
    const width = innerWidth;
    if (document.documentElement.scrollWidth > width)
      problems.push(
        `the page scrolls sideways: ${document.documentElement.scrollWidth}px wide in ${width}px`,
      );
    const hosts = 'sor-picker, sor-tree, sor-sync-status';
    // Every box in the window, none cut off by its own edge: text wraps instead.
    const boxes = probe.all(
      hosts,
      'label, input, .chip, [role="listbox"], [role="option"], .note, .message, .successor, nav, [role="tree"], [role="treeitem"], [part="base"]',
    );
    for (const box of boxes.filter((element) => probe.shown(element))) {
      const rect = box.getBoundingClientRect();
      if (rect.left < -0.5 || rect.right > width + 0.5)
        problems.push(`${probe.describe(box)} reaches outside the window (${rect.left}–${rect.right})`);
      if (box.scrollWidth > box.clientWidth + 1)
        problems.push(`${probe.describe(box)} overflows: ${box.scrollWidth}px in ${box.clientWidth}px`);
    }
    // Codes, badges and option names are never cut: each lies inside its row, wholly.
    for (const part of probe
      .all(hosts, '[role="option"] .name, .badge, .code, [part="state"], [part="summary"]')
      .filter((element) => probe.shown(element))) {
      const row = part.closest('[role="option"], [role="treeitem"], [part="base"]') ?? part;
      const outer = row.getBoundingClientRect();
      const rect = part.getBoundingClientRect();
      if (rect.left < outer.left - 0.5 || rect.right > outer.right + 0.5)
        problems.push(`${probe.describe(part)} sticks out of ${probe.describe(row)}`);
      if (part.scrollWidth > part.clientWidth + 1 && part.clientWidth > 0)
        problems.push(`${probe.describe(part)} is cut: ${part.scrollWidth}px in ${part.clientWidth}px`);
    }
    for (const input of probe.all(hosts, 'input').filter((element) => probe.shown(element))) {
      const inputWidth = input.getBoundingClientRect().width;
      if (inputWidth < Math.min(200, width * 0.6))
        problems.push(`${probe.describe(input)} is too narrow to type in: ${inputWidth}px`);
    }
    return problems;
  });
}

for (const { zoom, viewport } of ZOOMS) {
  describe(`reflow at ${zoom} zoom (${viewport.width} CSS px)`, () => {
    let page: Page;

    before(async () => {
      page = await withProbe(await openPreview({ viewport }));
    });

    after(() => page?.context().close());

    for (const id of REFLOW_STORIES) {
      test(id, { timeout: 60_000 }, async () => {
        await showStory(page, id);
        if (id.includes('picker--typing') || id.includes('picker--selectable'))
          assert.ok(
            await page.evaluate(() =>
              (window as unknown as { sorProbe: Probe }).sorProbe
                .all('sor-picker', '[role="listbox"]')
                .some((listbox) => listbox.getClientRects().length > 0),
            ),
            'the popup is open',
          );
        const problems = await reflowProblems(page);
        assert.deepEqual(problems, [], `${id} at ${viewport.width}px:\n${problems.join('\n')}`);
      });
    }
  });
}
