// Issue #14 item 7: the components under a strict Content Security Policy, as a hospital vendor's
// page sends it: no inline scripts or styles, Trusted Types required for script sinks. Under
// `style-src 'self'` the browser drops inline `style` attributes, which once cost the tree its
// indentation and the windowed tree its scroll height (rows past the first screen unreachable).
// The page, the CDN bundle and the snapshot are all served from the page's own origin, with the
// policy as a response header, in Debian's Chromium through playwright-core.
// Runs after `npm run build:cdn`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { odense, SMALL_REGISTER, SMALL_REGISTER_INFO } from '../fixtures/small-register.js';
import { buildSnapshot, manifestOf } from '../store/snapshot-host.js';
import { BUNDLE_PATH, requireBundleAndChromium, vendorPage } from '../usage/serve-vendor-page.js';

const ORIGIN = 'https://vendor.example';
const POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'";

const PAGE = vendorPage(
  'en',
  'Referral',
  `<script src="/csp-watch.js"></script>
    <link rel="stylesheet" href="/page.css" />
    <script type="module" src="/sor-picker.js"></script>`,
  `<form>
      <sor-picker name="receiver" label="Receiver" src="/sor/manifest.json"></sor-picker>
      <sor-tree name="unit" label="Performing unit" src="/sor/manifest.json"></sor-tree>
    </form>`,
);

// Runs first: every violation the page meets is kept for the test to read.
const WATCH = `window.violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.violations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline') + ' ' + event.sample);
});`;

// A short tree, so that the rows opened below overflow it: what must stay reachable.
const CSS = 'sor-tree { --sor-tree-height: 8rem; }';

let browser: Browser;

before(async () => {
  requireBundleAndChromium();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

async function strictPage(): Promise<{ page: Page; problems: string[] }> {
  const snapshot = await buildSnapshot(SMALL_REGISTER, SMALL_REGISTER_INFO.sourceDate);
  const manifestUrl = `${ORIGIN}/sor/manifest.json`;
  const files: Record<
    string,
    { contentType: string; body: string | Buffer; headers?: Record<string, string> }
  > = {
    [`${ORIGIN}/referral.html`]: {
      contentType: 'text/html',
      body: PAGE,
      headers: { 'Content-Security-Policy': POLICY },
    },
    [`${ORIGIN}/csp-watch.js`]: { contentType: 'text/javascript', body: WATCH },
    [`${ORIGIN}/page.css`]: { contentType: 'text/css', body: CSS },
    [`${ORIGIN}/sor-picker.js`]: { contentType: 'text/javascript', body: readFileSync(BUNDLE_PATH) },
    [manifestUrl]: { contentType: 'application/json', body: JSON.stringify(manifestOf(snapshot)) },
    [new URL(snapshot.full.url, manifestUrl).href]: {
      contentType: 'application/gzip',
      body: Buffer.from(snapshot.fullBytes),
    },
  };
  const context = await browser.newContext();
  await context.route('**/*', (route) => {
    const file = files[route.request().url()];
    return file ? route.fulfill(file) : route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type/i.test(message.text())) problems.push(message.text());
  });
  await page.goto(`${ORIGIN}/referral.html`);
  return { page, problems };
}

test('the components work under a strict CSP with Trusted Types, with no violation', async () => {
  const { page, problems } = await strictPage();
  const tree = page.locator('sor-tree');
  await tree.locator('[role="treeitem"]').first().waitFor({ timeout: 30_000 });

  // Keyboard only: from the filter box into the tree, open every owner (*), go to the last row.
  await tree.locator('input').click();
  await page.keyboard.press('Tab');
  await page.keyboard.press('*');
  await page.keyboard.press('End');
  // No helper functions inside: tsx would name them through a helper the page does not have.
  const reach = await tree.evaluate((element) => {
    const root = element.shadowRoot!;
    const viewport = root.querySelector<HTMLElement>('[role="tree"]')!;
    const active = root.getElementById(viewport.getAttribute('aria-activedescendant') ?? '');
    const box = viewport.getBoundingClientRect();
    const row = active?.getBoundingClientRect();
    const level1 = root.querySelector<HTMLElement>('[role="treeitem"][aria-level="1"]')!;
    const level2 = root.querySelector<HTMLElement>('[role="treeitem"][aria-level="2"]')!;
    return {
      activeLevel: active?.getAttribute('aria-level') ?? null,
      activeIsLastOfItsLevel: active?.getAttribute('aria-posinset') === active?.getAttribute('aria-setsize'),
      visible: row ? row.top >= box.top - 1 && row.bottom <= box.bottom + 1 : false,
      scrolled: viewport.scrollTop,
      overflows: viewport.scrollHeight > viewport.clientHeight,
      indentLevel1: parseFloat(getComputedStyle(level1).paddingInlineStart),
      indentLevel2: parseFloat(getComputedStyle(level2).paddingInlineStart),
    };
  });
  assert.equal(reach.overflows, true, 'the opened rows overflow the tree: its scroll height holds');
  assert.ok(reach.scrolled > 0, 'End scrolled the tree');
  assert.equal(reach.activeLevel, '2', 'End reached the last open row: an institution');
  assert.equal(reach.activeIsLastOfItsLevel, true);
  assert.equal(reach.visible, true, 'the last row is in view');
  assert.ok(
    reach.indentLevel2 > reach.indentLevel1,
    `rows are indented by depth (${reach.indentLevel1}px, ${reach.indentLevel2}px)`,
  );

  // The picker opens and chooses, by keyboard.
  const picker = page.locator('sor-picker');
  await picker.locator('input').click();
  await page.keyboard.type('Odense', { delay: 15 });
  await picker.locator('[role="option"]').first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => document.querySelector<HTMLElement & { value: string }>('sor-picker')!.value !== '',
  );
  const chosen = await page.evaluate(() => new FormData(document.querySelector('form')!).get('receiver'));
  assert.equal(chosen, odense.sorCode);

  const violations = await page.evaluate(() => (window as unknown as { violations: string[] }).violations);
  assert.deepEqual(violations, [], 'no securitypolicyviolation event');
  assert.deepEqual(problems, [], 'no CSP or Trusted Types message, no page error');
  await page.context().close();
});
