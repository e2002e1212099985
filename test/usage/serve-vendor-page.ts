// A vendor's site for the playwright-core tests: nothing leaves the machine. Every URL a page names
// is answered here (its HTML, the CDN bundle from dist/cdn/sor-picker.js, a small synthetic
// snapshot on the snapshot host, the form post), anything else is blocked.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { CHROMIUM_EXECUTABLE } from '../../bin/chromium.js';
import { SMALL_REGISTER, SMALL_REGISTER_INFO } from '../fixtures/small-register.js';
import { buildSnapshot, manifestOf } from '../store/snapshot-host.js';

/** The CDN bundle (`npm run build:cdn`), served for any `…/dist/cdn/sor-picker.js` on jsDelivr. */
export const BUNDLE_PATH = new URL('../../dist/cdn/sor-picker.js', import.meta.url).pathname;
export const BUNDLE_URL = 'https://cdn.jsdelivr.net/npm/sor-picker@0.1/dist/cdn/sor-picker.js';
/** The snapshot host's manifest: the small synthetic register. */
export const MANIFEST_URL = 'https://snapshots.example.org/sor/manifest.json';

/** Fails (in `before`) when the CDN bundle has not been built or Chromium is not installed. */
export function requireBundleAndChromium(): void {
  assert.ok(existsSync(BUNDLE_PATH), 'dist/cdn/sor-picker.js missing: run `npm run build:cdn` first');
  assert.ok(
    existsSync(CHROMIUM_EXECUTABLE),
    `no Chromium at ${CHROMIUM_EXECUTABLE}: apt-get install -y chromium`,
  );
}

export interface Served {
  /** The page's own URL → its HTML, or its HTML and response headers (e.g. `Cache-Control`). */
  pages: Record<string, string | { body: string; headers: Record<string, string> }>;
  /** What the vendor's server got in form posts (to `/referrals`). */
  submitted: string[];
}

export async function serve(context: BrowserContext, served: Served): Promise<void> {
  const snapshot = await buildSnapshot(SMALL_REGISTER, SMALL_REGISTER_INFO.sourceDate);
  const files: Record<string, { contentType: string; body: string | Buffer }> = {
    [MANIFEST_URL]: { contentType: 'application/json', body: JSON.stringify(manifestOf(snapshot)) },
    [new URL(snapshot.full.url, MANIFEST_URL).href]: {
      contentType: 'application/gzip',
      body: Buffer.from(snapshot.fullBytes),
    },
  };
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const page = served.pages[url.href];
    if (page !== undefined) {
      const { body, headers } = typeof page === 'string' ? { body: page, headers: {} } : page;
      return route.fulfill({ contentType: 'text/html', body, headers });
    }
    if (url.hostname === 'cdn.jsdelivr.net' && url.pathname.endsWith('/dist/cdn/sor-picker.js'))
      return route.fulfill({ contentType: 'text/javascript', body: readFileSync(BUNDLE_PATH) });
    if (url.href in files) return route.fulfill(files[url.href]);
    if (url.pathname === '/referrals' && route.request().method() === 'POST') {
      served.submitted.push(route.request().postData() ?? '');
      return route.fulfill({ contentType: 'text/html', body: '<p>Modtaget</p>' });
    }
    return route.abort('blockedbyclient');
  });
}
