// The usage pages' examples (docs/usage/, shown verbatim in Storybook) run as written, in Debian's
// Chromium through playwright-core, against the built package. Every URL they name is answered
// here: the CDN script URL with dist/cdn/sor-picker.js, the snapshot host with a small synthetic
// snapshot. A person types, picks a unit, and the form submits its SOR code.
// Runs after `npm run build`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { build, type Plugin } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_EXECUTABLE, launchChromium } from '../../bin/chromium.js';
import { encodeFull, sha256Hex, withSnapshotId } from '../../src/snapshot/codec.js';
import { SMALL_REGISTER, SMALL_REGISTER_INFO } from '../fixtures/small-register.js';

const root = new URL('../../', import.meta.url).pathname;
const bundlePath = `${root}dist/cdn/sor-picker.js`;
const PAGE_URL = 'https://vendor.example/referral.html';

let browser: Browser;

before(async () => {
  assert.ok(existsSync(bundlePath), 'dist/cdn/sor-picker.js missing: run `npm run build` first');
  assert.ok(
    existsSync(CHROMIUM_EXECUTABLE),
    `no Chromium at ${CHROMIUM_EXECUTABLE}: apt-get install -y chromium`,
  );
  browser = await launchChromium();
});

after(() => browser?.close());

async function smallSnapshot(): Promise<{ manifest: string; file: string; bytes: Buffer }> {
  const { payload, bytes: json } = await withSnapshotId(
    encodeFull(SMALL_REGISTER, SMALL_REGISTER_INFO.sourceDate),
  );
  const bytes = gzipSync(json);
  const file = `full-${payload.id}.json.gz`;
  const manifest = JSON.stringify({
    format: 'sor-snapshot',
    version: 1,
    id: payload.id,
    sourceDate: SMALL_REGISTER_INFO.sourceDate,
    exportCreatedAt: null,
    createdAt: `${SMALL_REGISTER_INFO.sourceDate}T03:00:00Z`,
    unitCount: SMALL_REGISTER.length,
    synthetic: { label: 'SYNTHETIC test register' },
    full: { url: file, bytes: bytes.byteLength, sha256: await sha256Hex(bytes) },
    deltas: [],
  });
  return { manifest, file, bytes };
}

interface Served {
  /** The page's own URL → its HTML. */
  pages: Record<string, string>;
  /** What the vendor's server got in form posts. */
  submitted: string[];
}

// Nothing leaves the machine: every URL a page names is answered here, anything else is blocked.
async function serve(context: BrowserContext, served: Served): Promise<void> {
  const snapshot = await smallSnapshot();
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.href in served.pages)
      return route.fulfill({ contentType: 'text/html', body: served.pages[url.href] });
    if (url.hostname === 'cdn.jsdelivr.net' && url.pathname.endsWith('/dist/cdn/sor-picker.js'))
      return route.fulfill({ contentType: 'text/javascript', body: readFileSync(bundlePath) });
    if (url.hostname === 'snapshots.example.org' && url.pathname === '/sor/manifest.json')
      return route.fulfill({ contentType: 'application/json', body: snapshot.manifest });
    if (url.hostname === 'snapshots.example.org' && url.pathname === `/sor/${snapshot.file}`)
      return route.fulfill({ contentType: 'application/gzip', body: snapshot.bytes });
    if (url.pathname === '/referrals' && route.request().method() === 'POST') {
      served.submitted.push(route.request().postData() ?? '');
      return route.fulfill({ contentType: 'text/html', body: '<p>Modtaget</p>' });
    }
    return route.abort('blockedbyclient');
  });
}

test(
  'plain HTML: the page loads the CDN bundle, picks a unit and submits its SOR code',
  { timeout: 60_000 },
  async () => {
    const context = await browser.newContext();
    const served: Served = {
      pages: { [PAGE_URL]: readFileSync(`${root}docs/usage/plain.html`, 'utf8') },
      submitted: [],
    };
    await serve(context, served);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(PAGE_URL);
    // Only the bundle defines the tags: the page has no other script.
    await page.waitForFunction(() =>
      ['sor-picker', 'sor-tree', 'sor-sync-status'].every((tag) => customElements.get(tag)),
    );
    await page.locator('sor-picker input').click();
    await page.keyboard.type('rigshosp', { delay: 15 });
    await page.locator('sor-picker [role="option"]').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const selection = JSON.parse((await page.locator('#chosen').textContent()) ?? '{}');
    assert.equal(selection.name, 'Rigshospitalet');
    assert.match(selection.sorCode, /^\d{11,18}$/);

    await Promise.all([
      page.waitForURL('https://vendor.example/referrals'),
      page.getByRole('button', { name: 'Send henvisning' }).click(),
    ]);
    assert.deepEqual(served.submitted, [`receiver=${selection.sorCode}`]);
    assert.deepEqual(errors, []);
    await context.close();
  },
);

// Resolves `sor-picker` and `sor-picker/…` through package.json `exports` to the built files, as a
// vendor's bundler would once the package is installed.
function packageExports(): Plugin {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
    exports: Record<string, string | { import: string }>;
  };
  return {
    name: 'sor-picker-package-exports',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^sor-picker(\/.*)?$/ }, ({ path }) => {
        const target = pkg.exports[`.${path.slice('sor-picker'.length)}`];
        if (!target) return { errors: [{ text: `${path} is not exported by package.json` }] };
        return {
          path: `${root}${(typeof target === 'string' ? target : target.import).replace(/^\.\//, '')}`,
        };
      });
    },
  };
}

test(
  'React 19: the example type-checks against the built types, builds, picks a unit and submits it',
  { timeout: 90_000 },
  async () => {
    const example = `${root}docs/usage/react/`;
    // The type-level check: JSX for <sor-picker> and the typed sor-select event, against dist/types.
    execFileSync(`${root}node_modules/.bin/tsc`, ['-p', `${example}tsconfig.json`], { stdio: 'pipe' });
    const bundle = await build({
      entryPoints: [`${example}main.tsx`],
      bundle: true,
      write: false,
      format: 'esm',
      target: 'es2022',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: [packageExports()],
      logLevel: 'silent',
    });
    const app = bundle.outputFiles[0].text.replaceAll('</script', '<\\/script');
    const appUrl = 'https://vendor.example/react.html';
    const context = await browser.newContext();
    const served: Served = {
      pages: {
        [appUrl]: `<!doctype html><html lang="da"><body><div id="root"></div><script type="module">${app}</script></body></html>`,
      },
      submitted: [],
    };
    await serve(context, served);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(appUrl);
    await page.locator('sor-picker input').click();
    await page.keyboard.type('rigshosp', { delay: 15 });
    await page.locator('sor-picker [role="option"]').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    // React state, updated from the element's typed event.
    await page.locator('output').getByText('Rigshospitalet').waitFor();
    const sorCode = /SOR (\d+)/.exec((await page.locator('output').textContent()) ?? '')?.[1];
    assert.match(sorCode ?? '', /^\d{11,18}$/);

    await Promise.all([
      page.waitForURL('https://vendor.example/referrals'),
      page.getByRole('button', { name: 'Send henvisning' }).click(),
    ]);
    assert.deepEqual(served.submitted, [`receiver=${sorCode}`]);
    assert.deepEqual(errors, []);
    await context.close();
  },
);
