// The usage pages' examples (docs/usage/, shown verbatim in Storybook) run as written, in Debian's
// Chromium through playwright-core, against the built package. Every URL they name is answered
// here: the CDN script URL with dist/cdn/sor-picker.js, the snapshot host with a small synthetic
// snapshot. A person types, picks a unit, and the form submits its SOR code.
// Runs after `npm run build`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import {
  buildExamplePage,
  FRAMEWORK_EXAMPLES,
  requireBundleAndChromium,
  serve,
  type Served,
  type UsageExample,
} from './serve-vendor-page.js';

const root = new URL('../../', import.meta.url).pathname;
const PAGE_URL = 'https://vendor.example/referral.html';

let browser: Browser;

before(async () => {
  requireBundleAndChromium();
  browser = await launchChromium();
});

after(() => browser?.close());

interface Run {
  page: Page;
  served: Served;
  /** Uncaught errors in the page. */
  errors: string[];
  context: BrowserContext;
}

/** Opens a page served at `url` (see serve) in a fresh context. */
async function open(url: string, html: string): Promise<Run> {
  const context = await browser.newContext();
  const served: Served = { pages: { [url]: html }, submitted: [] };
  await serve(context, served);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, served, errors, context };
}

/** As a person would: types in the picker and picks the first option with the keyboard. */
async function pickRigshospitalet(page: Page): Promise<void> {
  await page.locator('sor-picker input').click();
  await page.keyboard.type('rigshosp', { delay: 15 });
  await page.locator('sor-picker [role="option"]').first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

/** Submits the form: the vendor's server gets exactly `receiver=<sorCode>`, and nothing threw. */
async function submitAndCheck({ page, served, errors, context }: Run, sorCode: string): Promise<void> {
  assert.match(sorCode, /^\d{11,18}$/);
  await Promise.all([
    page.waitForURL('https://vendor.example/referrals'),
    page.getByRole('button', { name: 'Send henvisning' }).click(),
  ]);
  assert.deepEqual(served.submitted, [`receiver=${sorCode}`]);
  assert.deepEqual(errors, []);
  await context.close();
}

test(
  'plain HTML: the page loads the CDN bundle, picks a unit and submits its SOR code',
  { timeout: 60_000 },
  async () => {
    const run = await open(PAGE_URL, readFileSync(`${root}docs/usage/plain.html`, 'utf8'));
    const { page } = run;
    // Only the bundle defines the tags: the page has no other script.
    await page.waitForFunction(() =>
      ['sor-picker', 'sor-tree', 'sor-sync-status'].every((tag) => customElements.get(tag)),
    );
    await pickRigshospitalet(page);
    const selection = JSON.parse((await page.locator('#chosen').textContent()) ?? '{}');
    assert.equal(selection.name, 'Rigshospitalet');
    await submitAndCheck(run, selection.sorCode);
  },
);

/**
 * A framework example as a vendor's app (see buildExamplePage): picks Rigshospitalet, waits until
 * the app's own state shows it in `shown` (`… (SOR <code>)`), submits the form and checks that SOR
 * code was posted.
 */
async function runExample(example: UsageExample): Promise<void> {
  const run = await open(example.url, await buildExamplePage(example));
  await pickRigshospitalet(run.page);
  // The app's state, updated from the element's sor-select event, rendered by the framework.
  await run.page.locator(example.shown).getByText('Rigshospitalet').waitFor({ timeout: 10_000 });
  const sorCode = /SOR (\d+)/.exec((await run.page.locator(example.shown).textContent()) ?? '')?.[1] ?? '';
  await submitAndCheck(run, sorCode);
}

test(
  'React 19: the example type-checks against the built types, builds, picks a unit and submits it',
  { timeout: 90_000 },
  () => runExample(FRAMEWORK_EXAMPLES.react),
);

test(
  'Angular: the example type-checks, builds (JIT, zoneless), picks a unit and submits it',
  { timeout: 120_000 },
  () => runExample(FRAMEWORK_EXAMPLES.angular),
);
