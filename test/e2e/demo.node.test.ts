// End to end, as a newcomer meets it: the demo page served by vite (the real snapshot path: built
// by the CLI, synced into IndexedDB), driven in Debian's Chromium by playwright-core. It then goes
// offline, reloads, and must still find and pick a unit from the stored snapshot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { CHROMIUM_EXECUTABLE, launchChromium } from '../support/chromium.js';
import type { ViteDevServer } from 'vite';
import { startDemo } from './demo-server.js';

let server: ViteDevServer;
let browser: Browser;
let baseUrl: string;

before(async () => {
  assert.ok(
    existsSync(CHROMIUM_EXECUTABLE),
    `no Chromium at ${CHROMIUM_EXECUTABLE}: apt-get install -y chromium`,
  );
  ({ server, url: baseUrl } = await startDemo());
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function pickerOptions(page: Page, query: string, picker = '#picker'): Promise<string[]> {
  const input = page.locator(`${picker} input`);
  await input.fill('');
  await input.click();
  await page.keyboard.type(query, { delay: 15 });
  const option = page.locator(`${picker} [role="option"]`).first();
  await option.waitFor({ timeout: 30_000 });
  return page.locator(`${picker} [role="option"] .name`).allTextContents();
}

test(
  'the demo syncs the national set, picks a unit, and still works offline after a reload',
  { timeout: 180_000 },
  async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(baseUrl);

    // The national data set is the default: synced into IndexedDB, 100,000 units.
    await page.locator('sor-sync-status').getByText('100.000').first().waitFor({ timeout: 60_000 });
    const names = await pickerOptions(page, 'rigshosp');
    assert.equal(names[0], 'Rigshospitalet');

    // Choosing an afsnit gives its level chain and the FHIR identifier.
    await pickerOptions(page, 'sengeafsnit');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const selection = JSON.parse((await page.locator('#selection').textContent()) ?? '{}');
    assert.equal(selection.level?.name, 'Afsnit');
    assert.ok(selection.levels?.Hospital?.sorCode, 'the chain names its Hospital');
    assert.equal(selection.identifier?.system, 'urn:oid:1.2.208.176.1.1');

    // The "send to" panel (purpose="addressing"): a unit that can receive MedCom messages, its
    // addressing (with the EDI system's name: the demo data is built with a code table) and FHIR.
    await pickerOptions(page, 'sengeafsnit', '#send-to');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const addressing = JSON.parse((await page.locator('#send-to-addressing').textContent()) ?? 'null');
    assert.match(addressing?.ean ?? '', /^\d{13}$/);
    assert.equal(addressing.active, true);
    assert.equal(addressing.onlyInternal, false);
    assert.equal(typeof addressing.systemType?.name, 'string', 'the EDI system by name');
    const organization = JSON.parse((await page.locator('#send-to-fhir').textContent()) ?? '{}');
    assert.equal(organization.resourceType, 'Organization');
    assert.equal(organization.identifier?.[0]?.system, 'urn:oid:1.2.208.176.1.1');

    // Offline: reload from the browser cache is not what we test, so the page itself must come from
    // somewhere: keep the dev server up but cut the snapshot host, as a closed network would.
    await context.route('**/snapshots/**', (route) => route.abort('internetdisconnected'));
    await page.reload();
    const offlineNames = await pickerOptions(page, 'koege');
    assert.ok(
      offlineNames.some((name) => name.includes('Køge')),
      `Køge found offline: ${offlineNames.join(' | ')}`,
    );
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const offlineSelection = JSON.parse((await page.locator('#selection').textContent()) ?? '{}');
    assert.match(offlineSelection.sorCode ?? '', /^\d{11,18}$/);
    assert.deepEqual(errors, []);
    await context.close();
  },
);

test(
  'the demo runs where the engine has no requestIdleCallback nor scheduler.postTask (WebKit)',
  { timeout: 120_000 },
  async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      // Safari's WebKit has neither; the demo must not call them unguarded.
      delete (window as { requestIdleCallback?: unknown }).requestIdleCallback;
      delete (window as { scheduler?: unknown }).scheduler;
      localStorage.setItem('sor-demo-dataset', 'small');
      // Counts the refills of the SHAK panel's samples: on the small data set they equal the
      // panel's defaults, so only the write itself shows that the idle work ran.
      const value = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!;
      Object.defineProperty(HTMLTextAreaElement.prototype, 'value', {
        ...value,
        set(this: HTMLTextAreaElement, text: string) {
          const counted = window as { shakRefills?: number };
          if (this.id === 'shak-input') counted.shakRefills = (counted.shakRefills ?? 0) + 1;
          value.set!.call(this, text);
        },
      });
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(baseUrl);
    assert.equal(await page.evaluate(() => typeof window.requestIdleCallback), 'undefined');

    // Once the data is ready and the page idle, the SHAK panel is refilled with samples looked up
    // in the data set (the old demo threw a ReferenceError here instead).
    await page.waitForFunction(() => ((window as { shakRefills?: number }).shakRefills ?? 0) > 0, null, {
      timeout: 30_000,
    });
    assert.equal((await pickerOptions(page, 'rigshosp'))[0], 'Rigshospitalet');
    assert.deepEqual(errors, []);
    await context.close();
  },
);
