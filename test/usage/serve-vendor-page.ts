// A vendor's site for the playwright-core tests: nothing leaves the machine. Every URL a page names
// is answered here (its HTML, the CDN bundle from dist/cdn/sor-picker.js, a small synthetic
// snapshot on the snapshot host, the form post), anything else is blocked.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
