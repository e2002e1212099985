// A vendor's site for the playwright-core tests: nothing leaves the machine. Every URL a page names
// is answered here (its HTML, the CDN bundle from dist/cdn/sor-picker.js, a small synthetic
// snapshot on the snapshot host, the form post), anything else is blocked.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import type { BrowserContext } from 'playwright-core';
import { CHROMIUM_EXECUTABLE } from '../support/chromium.js';
import { SMALL_REGISTER, SMALL_REGISTER_INFO } from '../fixtures/small-register.js';
import { buildSnapshot, manifestOf } from '../store/snapshot-host.js';

/** The CDN bundle (`npm run build:cdn`), served for any `…/dist/cdn/sor-picker.js` on jsDelivr. */
export const BUNDLE_PATH = new URL('../../dist/cdn/sor-picker.js', import.meta.url).pathname;
export const BUNDLE_URL = 'https://cdn.jsdelivr.net/npm/sor-picker@0.1/dist/cdn/sor-picker.js';
/** The snapshot host's manifest: the small synthetic register. */
export const MANIFEST_URL = 'https://snapshots.example.org/sor/manifest.json';

/** A vendor's HTML page in `lang`, titled `title`: `head` (scripts, styles) and `body` as given. */
export function vendorPage(lang: string, title: string, head: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    ${head}
  </head>
  <body>
    ${body}
  </body>
</html>`;
}

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

type VendorFile = { contentType: string; body: string | Buffer };

/** The files of the vendor's world by absolute URL: the small snapshot on its host, the CDN bundle. */
async function vendorFiles(): Promise<Record<string, VendorFile>> {
  const snapshot = await buildSnapshot(SMALL_REGISTER, SMALL_REGISTER_INFO.sourceDate);
  return {
    [MANIFEST_URL]: { contentType: 'application/json', body: JSON.stringify(manifestOf(snapshot)) },
    [new URL(snapshot.full.url, MANIFEST_URL).href]: {
      contentType: 'application/gzip',
      body: Buffer.from(snapshot.fullBytes),
    },
    [BUNDLE_URL]: { contentType: 'text/javascript', body: readFileSync(BUNDLE_PATH) },
  };
}

export async function serve(context: BrowserContext, served: Served): Promise<void> {
  const files = await vendorFiles();
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const page = served.pages[url.href];
    if (page !== undefined) {
      const { body, headers } = typeof page === 'string' ? { body: page, headers: {} } : page;
      return route.fulfill({ contentType: 'text/html', body, headers });
    }
    if (url.hostname === 'cdn.jsdelivr.net' && url.pathname.endsWith('/dist/cdn/sor-picker.js'))
      return route.fulfill(files[BUNDLE_URL]);
    if (url.href in files) return route.fulfill(files[url.href]);
    if (url.pathname === '/referrals' && route.request().method() === 'POST') {
      served.submitted.push(route.request().postData() ?? '');
      return route.fulfill({ contentType: 'text/html', body: '<p>Modtaget</p>' });
    }
    return route.abort('blockedbyclient');
  });
}

/** A vendor's site on a real local HTTP server, for drivers that cannot intercept requests. */
export interface VendorServer {
  /** The local URL standing in for an absolute URL of the vendor's world (page, CDN, snapshot host). */
  local(url: string): string;
  /** `html` with every URL of the vendor's world replaced by its local stand-in. */
  localize(html: string): string;
  close(): Promise<void>;
}

/**
 * Serves `served` (pages by their absolute URL) and the vendor's files on 127.0.0.1 at a free port:
 * each origin of the vendor's world becomes a path prefix (`/o/<host>/…`), so one server stands in
 * for the page's site, the CDN and the snapshot host, and nothing leaves the machine.
 */
export async function serveOverHttp(served: Served): Promise<VendorServer> {
  const files = await vendorFiles();
  const origins = new Set(
    [...Object.keys(served.pages), ...Object.keys(files)].map((url) => new URL(url).origin),
  );
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    const match = /^\/o\/([^/]+)(\/.*)$/.exec(path);
    const url = match ? `https://${match[1]}${match[2]}` : '';
    const page = served.pages[url];
    if (page !== undefined) {
      const { body, headers } = typeof page === 'string' ? { body: page, headers: {} } : page;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
      return response.end(vendor.localize(body));
    }
    if (url in files) {
      response.writeHead(200, { 'content-type': files[url].contentType });
      return response.end(files[url].body);
    }
    // The form posts to a root-relative `/referrals`, which leaves the `/o/<host>` prefix.
    if ((match?.[2] ?? path) === '/referrals' && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        served.submitted.push(body);
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<p>Modtaget</p>');
      });
      return;
    }
    response.writeHead(404).end(`not part of the vendor's world: ${path}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const vendor: VendorServer = {
    local: (url) => {
      const { host, pathname, search } = new URL(url);
      return `http://127.0.0.1:${port}/o/${host}${pathname}${search}`;
    },
    localize: (html) =>
      [...origins].reduce(
        (text, origin) => text.replaceAll(origin, `http://127.0.0.1:${port}/o/${new URL(origin).host}`),
        html,
      ),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return vendor;
}

const root = new URL('../../', import.meta.url).pathname;

/** A framework example of docs/usage/<dir>/, and where and how a test finds its state. */
export interface UsageExample {
  dir: string;
  /** esbuild's options for the example's `entry` (as a vendor's bundler would build it). */
  build: BuildOptions & { entry: string };
  /** The page's URL on the vendor's site, and its body before the app runs. */
  url: string;
  body: string;
  /** Where the app renders its state: `… Rigshospitalet (SOR <code>)` once a unit is picked. */
  shown: string;
}

export const FRAMEWORK_EXAMPLES = {
  react: {
    dir: 'react',
    build: { entry: 'main.tsx', jsx: 'automatic', define: { 'process.env.NODE_ENV': '"production"' } },
    url: 'https://vendor.example/react.html',
    body: '<div id="root"></div>',
    shown: 'output',
  },
  // Angular 21, not 22: 22 requires Node 22 or later, and this package supports Node 20 (its install
  // would warn on every `npm ci`). JIT, not AOT: the AOT compiler (@angular/compiler-cli, with its
  // own peer TypeScript range) is one more toolchain in the dev install. JIT needs only
  // @angular/compiler, injected before the app so that it compiles the component's template in the
  // browser: the same runtime, template syntax, event binding and change detection as an AOT build.
  // esbuild compiles the decorators as the example's tsconfig.json asks (experimentalDecorators),
  // like an Angular CLI project. The example's main.ts stays what a vendor writes.
  angular: {
    dir: 'angular',
    build: { entry: 'main.ts', inject: [fileURLToPath(import.meta.resolve('@angular/compiler'))] },
    url: 'https://vendor.example/angular.html',
    body: '<app-referral></app-referral>',
    // Angular's {{ receiver… }} interpolation: the (sor-select) binding ran and re-rendered.
    shown: 'app-referral p',
  },
} satisfies Record<string, UsageExample>;

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
 * The page of a framework example: type-checks docs/usage/<dir>/ (its tsconfig.json, against
 * dist/types), bundles its entry for the browser (esbuild, which reads the same tsconfig.json) and
 * returns an HTML page with the example's body and the bundle inlined.
 */
export async function buildExamplePage({
  dir,
  build: { entry, ...options },
  body,
}: UsageExample): Promise<string> {
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
  return `<!doctype html><html lang="da"><body>${body}<script type="module">${app}</script></body></html>`;
}
