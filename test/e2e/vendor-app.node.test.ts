// A vendor's first day (issue 12), as a vendor does it: `npm pack`, the tarball installed into a
// fresh Vite + TypeScript app (strict, `skipLibCheck: false`), a snapshot built with the packed
// CLI from a real sample export without an ID27 side file, and the app served by the Vite dev
// server, by `vite preview`, by a plain static server, by one that sends `.gz` files with
// `Content-Encoding: gzip`, and with the snapshot on a second origin with and without CORS.
// In each, a person picks a unit in Chromium; the form submits its SOR code and `sor-select`
// carries the selection. Runs after `npm run build`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { CHROMIUM_EXECUTABLE, launchChromium } from '../support/chromium.js';
import { serveStatic, type StaticHost } from './static-host.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const SAMPLE = join(root, '../shared/sor-samples/sor-xml-v1/trifork-sdm4-sorimporter/ONE_SYGEHUS.xml');
const bin = (name: string) => join(root, 'node_modules', name);

let app: string;
let browser: Browser;
const closers: (() => Promise<unknown>)[] = [];

const APP_FILES: Record<string, string> = {
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        types: [],
        strict: true,
        skipLibCheck: false,
        noEmit: true,
      },
      include: ['src'],
    },
    null,
    2,
  ),
  'index.html': `<!doctype html>
<html lang="da">
  <head><meta charset="utf-8" /><title>Henvisning</title></head>
  <body>
    <form id="referral" action="/referrals" method="post">
      <button>Send henvisning</button>
    </form>
    <pre id="chosen"></pre>
    <script type="module" src="/src/main.ts"></script>
  </body>
</html>
`,
  // What the README's quick start has a vendor write, typed: the manifest URL comes from the
  // query so one build serves every variant.
  'src/main.ts': `import 'sor-picker/define/sor-picker.js';
import 'sor-picker/define/sor-sync-status.js';
import type { SorSelection } from 'sor-picker';

const src = new URLSearchParams(location.search).get('src') ?? '/snapshot/manifest.json';
const form = document.querySelector<HTMLFormElement>('#referral')!;
const picker = document.createElement('sor-picker');
picker.setAttribute('name', 'receiver');
picker.setAttribute('label', 'Modtager');
picker.required = true;
picker.src = src;
const status = document.createElement('sor-sync-status');
status.setAttribute('src', src);
form.prepend(picker, status);

picker.addEventListener('sor-select', (event) => {
  const selection: SorSelection | null = event.detail;
  document.querySelector('#chosen')!.textContent = JSON.stringify(selection);
});
`,
};

before(async () => {
  assert.ok(existsSync(`${root}dist/cli/sor-snapshot.js`), 'dist is missing: run `npm run build` first');
  assert.ok(existsSync(SAMPLE), `sample export missing: ${SAMPLE}`);
  assert.ok(existsSync(CHROMIUM_EXECUTABLE), `no Chromium at ${CHROMIUM_EXECUTABLE}`);
  app = mkdtempSync(join(tmpdir(), 'sor-vendor-app-'));
  closers.push(async () => rmSync(app, { recursive: true, force: true }));
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', app], {
    cwd: root,
  });
  const tarball = join(app, (JSON.parse(stdout) as { filename: string }[])[0].filename);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'vendor-app', private: true, type: 'module' }),
  );
  for (const [file, text] of Object.entries(APP_FILES)) {
    mkdirSync(dirname(join(app, file)), { recursive: true });
    writeFileSync(join(app, file), text);
  }
  // The tarball and its runtime dependencies, as `npm install sor-picker` would; Vite and
  // TypeScript are the repo's own (the vendor's app has its own; a download here proves nothing).
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], {
    cwd: app,
  });
  browser = await launchChromium();
  closers.push(() => browser.close());
});

after(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
});

test('the packed types check in a strict app with skipLibCheck: false', async () => {
  await run(process.execPath, [bin('typescript/bin/tsc'), '-p', join(app, 'tsconfig.json')], {
    cwd: app,
  }).catch((error: { stdout: string }) => assert.fail(`tsc failed:\n${error.stdout}`));
});

test('the packed CLI builds a snapshot of a real sample without an ID27 side file', async () => {
  const out = join(app, 'public/snapshot');
  await run(process.execPath, [
    join(app, 'node_modules/sor-picker/bin/sor-snapshot.js'),
    'build',
    SAMPLE,
    '--out',
    out,
  ]);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  assert.equal(manifest.unitCount, 4);
  assert.match(manifest.full.url, /^full-[0-9a-f]{16}\.json\.gz$/);
  assert.equal(typeof manifest.full.decoded?.sha256, 'string');
});

interface Picked {
  submitted: string[];
  selection: { sorCode: string; name: string; level: unknown };
  payloadEncoding: string | null;
}

/**
 * Opens the app at `pageUrl` with the snapshot at `manifestUrl`, types "afdeling" and picks the
 * first option with the keyboard, then submits the form; the post is caught before it leaves.
 */
async function pickAndSubmit(pageUrl: string, manifestUrl: string): Promise<Picked> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    let payloadEncoding: string | null = null;
    page.on('response', (response) => {
      if (/full-[0-9a-f]{16}\.json\.gz$/.test(response.url()))
        payloadEncoding = response.headers()['content-encoding'] ?? null;
    });
    const submitted: string[] = [];
    await context.route('**/referrals', (route) => {
      submitted.push(route.request().postData() ?? '');
      return route.fulfill({ contentType: 'text/html', body: '<p>Modtaget</p>' });
    });
    await page.goto(`${pageUrl}?src=${encodeURIComponent(manifestUrl)}`);
    await page.locator('sor-picker input').click();
    await page.keyboard.type('afdeling', { delay: 15 });
    await page.locator('sor-picker [role="option"]').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#chosen')?.textContent !== '');
    const selection = JSON.parse((await page.locator('#chosen').textContent()) ?? 'null');
    await Promise.all([
      page.waitForURL(/\/referrals$/),
      page.getByRole('button', { name: 'Send henvisning' }).click(),
    ]);
    assert.deepEqual(errors, []);
    return { submitted, selection, payloadEncoding };
  } finally {
    await context.close();
  }
}

function assertPicked({ submitted, selection }: Picked): void {
  assert.equal(selection.name, 'Roskilde Øjenklinik, afdeling');
  assert.match(selection.sorCode, /^\d{11,18}$/);
  // No side file and no level in the export: the unit has no ID27 level, and is still selectable.
  assert.equal(selection.level, null);
  assert.deepEqual(submitted, [`receiver=${selection.sorCode}`]);
}

describe('served by Vite', () => {
  // The app as the vendor's own Vite config would serve it (none: the defaults), on a free local port.
  const viteOptions = () => ({ root: app, configFile: false as const, logLevel: 'error' as const });
  const localPort = { host: '127.0.0.1', port: 0 };
  const closedAfter = <T extends ViteDevServer | PreviewServer>(server: T): T => {
    closers.push(() => server.close());
    return server;
  };
  // Picks and submits on the page a Vite server serves at its root.
  const pickAndSubmitOn = (server: ViteDevServer | PreviewServer) => {
    const origin = server.resolvedUrls!.local[0].replace(/\/$/, '');
    return pickAndSubmit(`${origin}/`, '/snapshot/manifest.json');
  };

  test('the Vite dev server (it sends .gz with Content-Encoding: gzip)', { timeout: 120_000 }, async () => {
    const server = closedAfter(await createServer({ ...viteOptions(), server: localPort }));
    await server.listen();
    const picked = await pickAndSubmitOn(server);
    assertPicked(picked);
    assert.equal(picked.payloadEncoding, 'gzip', 'Vite dev sent the payload with Content-Encoding: gzip');
  });

  test('vite build + vite preview', { timeout: 120_000 }, async () => {
    await build(viteOptions());
    const server = closedAfter(await preview({ ...viteOptions(), preview: localPort }));
    assertPicked(await pickAndSubmitOn(server));
  });
});

describe('served by a static server', () => {
  const hosts: StaticHost[] = [];
  const host = async (dir: string, options: Parameters<typeof serveStatic>[1]) => {
    const started = await serveStatic(dir, options);
    hosts.push(started);
    closers.push(() => started.close());
    return started;
  };
  const dist = () => join(app, 'dist');

  test('plain: files as they are on disk', { timeout: 120_000 }, async () => {
    const { origin } = await host(dist(), {});
    const picked = await pickAndSubmit(`${origin}/`, '/snapshot/manifest.json');
    assertPicked(picked);
    assert.equal(picked.payloadEncoding, null);
  });

  test('one that sends .gz files with Content-Encoding: gzip', { timeout: 120_000 }, async () => {
    const { origin } = await host(dist(), { gzipEncoding: true });
    const picked = await pickAndSubmit(`${origin}/`, '/snapshot/manifest.json');
    assertPicked(picked);
    assert.equal(picked.payloadEncoding, 'gzip');
  });

  test('the snapshot on a second origin that allows it (CORS)', { timeout: 120_000 }, async () => {
    const page = await host(dist(), {});
    const snapshots = await host(join(app, 'public'), { allowOrigin: '*', gzipEncoding: true });
    assert.notEqual(page.origin, snapshots.origin);
    assertPicked(await pickAndSubmit(`${page.origin}/`, `${snapshots.origin}/snapshot/manifest.json`));
  });

  test(
    'the snapshot on a second origin without CORS: the sync error names CORS and the header to add',
    { timeout: 120_000 },
    async () => {
      const page = await host(dist(), {});
      const snapshots = await host(join(app, 'public'), {});
      const context = await browser.newContext();
      try {
        const tab = await context.newPage();
        await tab.goto(
          `${page.origin}/?src=${encodeURIComponent(`${snapshots.origin}/snapshot/manifest.json`)}`,
        );
        // The catalog's status is what <sor-sync-status> renders from.
        const message = await tab.waitForFunction(
          () =>
            (
              document.querySelector('sor-picker') as unknown as {
                catalog?: { status: { lastError: { message: string } | null } };
              }
            ).catalog?.status.lastError?.message,
          null,
          { timeout: 30_000 },
        );
        const text = String(await message.jsonValue());
        assert.match(text, /CORS/);
        assert.ok(text.includes(`"Access-Control-Allow-Origin: ${page.origin}"`), text);
        assert.ok(text.includes(snapshots.origin), text);
      } finally {
        await context.close();
      }
    },
  );
});
