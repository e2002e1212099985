// The usage pages' examples (docs/usage/, shown verbatim in Storybook) run as written, in Debian's
// Chromium through playwright-core, against the built package. Every URL they name is answered
// here: the CDN script URL with dist/cdn/sor-picker.js, the snapshot host with a small synthetic
// snapshot. A person types, picks a unit, and the form submits its SOR code.
// Runs after `npm run build`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium } from '../../bin/chromium.js';
import { requireBundleAndChromium, serve, type Served } from './serve-vendor-page.js';

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

/**
 * docs/usage/<dir>/ as a vendor's app: type-checks it (its tsconfig.json, against dist/types),
 * bundles `entry` for the browser (esbuild, which reads the same tsconfig.json), opens it at `url` in
 * a page whose body is `body`, picks Rigshospitalet, waits until the app's own state shows it in
 * `shown` (`… (SOR <code>)`), submits the form and checks that SOR code was posted.
 */
async function runExample(
  dir: string,
  { entry, ...options }: BuildOptions & { entry: string },
  { url, body, shown }: { url: string; body: string; shown: string },
): Promise<void> {
  const example = `${root}docs/usage/${dir}/`;
  execFileSync(`${root}node_modules/.bin/tsc`, ['-p', `${example}tsconfig.json`], { stdio: 'pipe' });
  const bundle = await build({
    entryPoints: [`${example}${entry}`],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    plugins: [packageExports()],
    logLevel: 'silent',
    ...options,
    write: false,
  });
  const app = bundle.outputFiles[0].text.replaceAll('</script', '<\\/script');
  const run = await open(
    url,
    `<!doctype html><html lang="da"><body>${body}<script type="module">${app}</script></body></html>`,
  );
  await pickRigshospitalet(run.page);
  // The app's state, updated from the element's sor-select event, rendered by the framework.
  await run.page.locator(shown).getByText('Rigshospitalet').waitFor({ timeout: 10_000 });
  const sorCode = /SOR (\d+)/.exec((await run.page.locator(shown).textContent()) ?? '')?.[1] ?? '';
  await submitAndCheck(run, sorCode);
}

test(
  'React 19: the example type-checks against the built types, builds, picks a unit and submits it',
  { timeout: 90_000 },
  () =>
    runExample(
      'react',
      { entry: 'main.tsx', jsx: 'automatic', define: { 'process.env.NODE_ENV': '"production"' } },
      { url: 'https://vendor.example/react.html', body: '<div id="root"></div>', shown: 'output' },
    ),
);

// Angular 21, not 22: 22 requires Node 22 or later, and this package supports Node 20 (its install
// would warn on every `npm ci`). JIT, not AOT: the AOT compiler (@angular/compiler-cli, with its
// own peer TypeScript range) is one more toolchain in the dev install. JIT needs only @angular/compiler,
// injected before the app so that it compiles the component's template in the browser: the same
// runtime, template syntax, event binding and change detection as an AOT build. esbuild compiles the
// decorators as the example's tsconfig.json asks (experimentalDecorators), like an Angular CLI
// project. The example's main.ts stays what a vendor writes.
test(
  'Angular: the example type-checks, builds (JIT, zoneless), picks a unit and submits it',
  { timeout: 120_000 },
  () =>
    runExample(
      'angular',
      { entry: 'main.ts', inject: [fileURLToPath(import.meta.resolve('@angular/compiler'))] },
      {
        url: 'https://vendor.example/angular.html',
        body: '<app-referral></app-referral>',
        // Angular's {{ receiver… }} interpolation: the (sor-select) binding ran and re-rendered.
        shown: 'app-referral p',
      },
    ),
);
