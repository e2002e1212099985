// The demo page served by vite as `npm start` serves it, for the end-to-end tests that open it.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, type ViteDevServer } from 'vite';

const root = new URL('../../', import.meta.url).pathname;

/** Starts the demo's dev server (failing at once when the demo data was not built) and says where. */
export async function startDemo(): Promise<{ server: ViteDevServer; url: string }> {
  assert.ok(
    existsSync(`${root}demo/public/snapshots/national/manifest.json`),
    'demo data missing: run `npm run demo:data` (npm test and npm start do)',
  );
  const server = await createServer({
    root: `${root}demo`,
    configFile: `${root}vite.config.ts`,
    logLevel: 'error',
    server: { port: 5199, strictPort: false },
  });
  await server.listen();
  return { server, url: server.resolvedUrls!.local[0] };
}
