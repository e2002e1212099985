// Issue #7: "restore after navigation works". A vendor's form with <sor-picker>, <sor-picker
// multiple> and <sor-tree>, in Debian's Chromium through playwright-core: a person picks units with
// the keyboard, follows a link away and comes back with Back. Both ways a browser brings a page back
// are driven and told apart: from the back/forward cache (the live page, as it was left), and
// re-loaded from the network, where the browser hands each element its saved state through
// formStateRestoreCallback while the snapshot is still loading from IndexedDB. Either way every
// element shows the units chosen before and the form submits their SOR codes.
// Runs after `npm run build:cdn`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE, launchChromium } from '../support/chromium.js';
import { aalborg, odense, rigshospitalet } from '../fixtures/small-register.js';
import {
  BUNDLE_URL,
  MANIFEST_URL,
  requireBundleAndChromium,
  serve,
  type Served,
  vendorPage,
} from '../usage/serve-vendor-page.js';

const FORM_URL = 'https://vendor.example/referral.html';
const AWAY_URL = 'https://vendor.example/away.html';

// As a vendor writes it: every element names the snapshot by `src` and they share its catalog.
const FORM_PAGE = vendorPage(
  'da',
  'Henvisning',
  `<script type="module" src="${BUNDLE_URL}"></script>
    <script>
      // Whether this document was shown again from the back/forward cache (pageshow.persisted).
      window.shown = [];
      addEventListener('pageshow', (event) => window.shown.push(event.persisted));
    </script>`,
  `<form action="/referrals" method="post">
      <sor-picker name="receiver" label="Modtager" src="${MANIFEST_URL}"></sor-picker>
      <sor-picker name="copies" label="Kopi til" multiple src="${MANIFEST_URL}"></sor-picker>
      <sor-tree name="unit" label="Udførende enhed" src="${MANIFEST_URL}"></sor-tree>
      <button>Send henvisning</button>
    </form>
    <a href="/away.html">Se patientens journal</a>`,
);

const AWAY_PAGE = '<!doctype html><html lang="da"><title>Journal</title><p>Journal</p></html>';

let browser: Browser;
let browserWithoutBfcache: Browser;

before(async () => {
  requireBundleAndChromium();
  // Playwright turns the back/forward cache off by default; a person's Chromium has it on.
  browser = await chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    args: [...CHROMIUM_ARGS],
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
  });
  browserWithoutBfcache = await launchChromium(['--disable-back-forward-cache']);
});

after(async () => {
  await browser?.close();
  await browserWithoutBfcache?.close();
});

// Types into a picker, waits for the list, takes the first option with the keyboard.
async function pick(page: Page, name: string, query: string): Promise<void> {
  const picker = page.locator(`sor-picker[name="${name}"]`);
  await picker.locator('input').click();
  await page.keyboard.type(query, { delay: 15 });
  await picker.locator('[role="option"]').first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

// Filters the tree, moves into it (the best match is the active row) and chooses with Enter.
async function pickInTree(page: Page, query: string): Promise<void> {
  const tree = page.locator('sor-tree[name="unit"]');
  await tree.locator('input').click();
  await page.keyboard.type(query, { delay: 15 });
  await tree.locator('[role="treeitem"][aria-level]').first().waitFor({ timeout: 30_000 });
  await tree.getByRole('status').filter({ hasText: /\d/ }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

const valueOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => (element as HTMLElement & { value: string }).value);

// What each element shows: the picker's text, the multiple picker's chips (less their × mark), the
// tree's path.
async function shown(page: Page): Promise<{ receiver: string; copies: string[]; unit: string }> {
  return {
    receiver: await page.locator('sor-picker[name="receiver"] input').inputValue(),
    copies: (await page.locator('sor-picker[name="copies"] [part="chip"]').allTextContents()).map((text) =>
      text.replace('×', '').trim(),
    ),
    unit: (await page.locator('sor-tree nav [aria-current="location"]').textContent()) ?? '',
  };
}

// Records every formStateRestoreCallback call (before the page's own scripts define the tags), and
// whether the element's catalog was ready by then.
function spyOnRestore(): void {
  const restored: unknown[][] = [];
  Object.assign(window, { restored });
  const define = customElements.define.bind(customElements);
  customElements.define = (tag, constructor, options) => {
    const prototype = constructor.prototype as {
      formStateRestoreCallback?: (this: HTMLElement, state: unknown, mode: string) => void;
    };
    const restore = prototype.formStateRestoreCallback;
    if (restore) {
      prototype.formStateRestoreCallback = function (state, mode) {
        const { catalog } = this as HTMLElement & { catalog?: { isReady: boolean } | null };
        restored.push([this.getAttribute('name'), state, mode, catalog?.isReady ?? false]);
        restore.call(this, state, mode);
      };
    }
    define(tag, constructor, options);
  };
}

const restoreCalls = (page: Page) =>
  page.evaluate(() => (window as unknown as { restored: unknown[][] }).restored);

const CHOSEN = {
  receiver: rigshospitalet.name,
  copies: [odense.name, aalborg.name],
  unit: aalborg.name,
};

interface Run {
  page: Page;
  served: Served;
  /** Uncaught errors in the page. */
  errors: string[];
}

async function fillThenLeaveAndComeBack(
  chromium: Browser,
  pageHeaders: Record<string, string>,
): Promise<Run> {
  const context = await chromium.newContext();
  const served: Served = {
    pages: { [FORM_URL]: { body: FORM_PAGE, headers: pageHeaders }, [AWAY_URL]: AWAY_PAGE },
    submitted: [],
  };
  await serve(context, served);
  await context.addInitScript(spyOnRestore);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto(FORM_URL);
  await pick(page, 'receiver', 'rigshosp');
  await pick(page, 'copies', 'odense');
  await pick(page, 'copies', 'aalborg');
  await pickInTree(page, 'aalborg');
  assert.equal(await valueOf(page, 'sor-picker[name="receiver"]'), rigshospitalet.sorCode);
  assert.equal(await valueOf(page, 'sor-picker[name="copies"]'), `${odense.sorCode} ${aalborg.sorCode}`);
  assert.equal(await valueOf(page, 'sor-tree'), aalborg.sorCode);
  assert.deepEqual(await shown(page), CHOSEN);
  // Only the document that was left has this; a re-loaded one starts without it.
  await page.evaluate(() => Object.assign(window, { leftBehind: true }));

  await Promise.all([page.waitForURL(AWAY_URL), page.getByRole('link').click()]);
  // A page shown from the back/forward cache fires no load event: wait for the commit only.
  await page.goBack({ waitUntil: 'commit' });
  await page.waitForFunction(() => document.readyState === 'complete');
  assert.equal(page.url(), FORM_URL);
  return { page, served, errors };
}

// How the page came back: the document left behind or a new one, its navigation type, and its
// pageshow events' `persisted`; with why Chromium did not keep it in the back/forward cache.
async function comesBack(page: Page) {
  return page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming & {
      notRestoredReasons?: unknown;
    };
    return {
      how: {
        leftBehind: 'leftBehind' in window,
        navigation: navigation.type,
        shown: (window as unknown as { shown: boolean[] }).shown,
      },
      notRestoredReasons: JSON.stringify(navigation.notRestoredReasons),
    };
  });
}

async function showsAndSubmitsTheChoice({ page, served, errors }: Run): Promise<void> {
  // After a re-load the snapshot comes from IndexedDB after the restore: wait for the names.
  await page.waitForFunction(
    () => document.querySelector('sor-tree')?.shadowRoot?.querySelector('[aria-current="location"]'),
    undefined,
    { timeout: 30_000 },
  );
  await page
    .locator('sor-picker[name="copies"] [part="chip"]')
    .nth(CHOSEN.copies.length - 1)
    .waitFor({ timeout: 30_000 });
  assert.deepEqual(await shown(page), CHOSEN);
  await Promise.all([
    page.waitForURL('https://vendor.example/referrals'),
    page.getByRole('button', { name: 'Send henvisning' }).click(),
  ]);
  assert.deepEqual(served.submitted, [
    new URLSearchParams([
      ['receiver', rigshospitalet.sorCode],
      ['copies', odense.sorCode],
      ['copies', aalborg.sorCode],
      ['unit', aalborg.sorCode],
    ]).toString(),
  ]);
  assert.deepEqual(errors, []);
  await page.context().close();
}

test(
  'back from the back/forward cache: the live page keeps every choice and submits it',
  { timeout: 90_000 },
  async () => {
    const run = await fillThenLeaveAndComeBack(browser, {});
    const { how, notRestoredReasons } = await comesBack(run.page);
    assert.deepEqual(
      how,
      { leftBehind: true, navigation: 'navigate', shown: [false, true] },
      `not kept in the back/forward cache: ${notRestoredReasons}`,
    );
    // The same document, never re-loaded: nothing to restore.
    assert.deepEqual(await restoreCalls(run.page), []);
    await showsAndSubmitsTheChoice(run);
  },
);

test(
  'back to a re-loaded page: the browser restores every element through formStateRestoreCallback before the catalog is ready',
  { timeout: 90_000 },
  async () => {
    // Only the switch makes Chromium re-load: `Cache-Control: no-store` alone does not (below).
    const run = await fillThenLeaveAndComeBack(browserWithoutBfcache, {});
    const { how } = await comesBack(run.page);
    assert.deepEqual(how, { leftBehind: false, navigation: 'back_forward', shown: [false] });
    const calls = await restoreCalls(run.page);
    assert.deepEqual(
      calls.toSorted((a, b) => String(a[0]).localeCompare(String(b[0]))),
      [
        ['copies', `${odense.sorCode} ${aalborg.sorCode}`, 'restore', false],
        ['receiver', rigshospitalet.sorCode, 'restore', false],
        ['unit', aalborg.sorCode, 'restore', false],
      ],
    );
    await showsAndSubmitsTheChoice(run);
  },
);

// Chromium 156 keeps a `Cache-Control: no-store` page in the back/forward cache too (no cookie
// changed), so a vendor's no-store form may come back either way: both must keep the choice.
test(
  'back to a Cache-Control: no-store page: every choice is shown and submitted',
  { timeout: 90_000 },
  async (t) => {
    const run = await fillThenLeaveAndComeBack(browser, { 'Cache-Control': 'no-store' });
    const { how } = await comesBack(run.page);
    t.diagnostic(how.leftBehind ? 'shown from the back/forward cache' : 're-loaded and restored');
    assert.equal((await restoreCalls(run.page)).length, how.leftBehind ? 0 : 3);
    await showsAndSubmitsTheChoice(run);
  },
);
