// The demo's live snapshot host (demo/snapshot-host.ts, the Vite plugin `npm start` uses): the
// manifest of night 0 until the next night is published, ETag / If-None-Match like a CDN, payload
// files from whichever night has them, and a clear 404 naming the fix when demo data is missing.
// Run inside a real Vite dev server (middleware mode, no HMR socket) on a free port.
import assert from 'node:assert/strict';
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { liveSnapshotHost } from '../../demo/snapshot-host.js';

const root = mkdtempSync(join(tmpdir(), 'sor-snapshot-host-'));
const snapshots = join(root, 'public', 'snapshots');
const nightZero = JSON.stringify({ id: 'night-0', full: { url: 'full-aaa.json.gz' } });
const nightOne = JSON.stringify({ id: 'night-1', full: { url: 'full-bbb.json.gz' } });
// Not valid gzip on purpose: the host must hand payload bytes over untouched, whatever they are.
const payloadZero = Buffer.from('payload of night 0');
const payloadOne = Buffer.from('payload of night 1');

let vite: ViteDevServer;
let http: Server;
let origin: string;

before(async () => {
  mkdirSync(join(snapshots, 'national'), { recursive: true });
  mkdirSync(join(snapshots, 'national-next'), { recursive: true });
  writeFileSync(join(snapshots, 'national', 'manifest.json'), nightZero);
  writeFileSync(join(snapshots, 'national', 'full-aaa.json.gz'), payloadZero);
  writeFileSync(join(snapshots, 'national-next', 'manifest.json'), nightOne);
  writeFileSync(join(snapshots, 'national-next', 'full-bbb.json.gz'), payloadOne);
  vite = await createViteServer({
    configFile: false,
    root,
    logLevel: 'silent',
    appType: 'custom',
    plugins: [liveSnapshotHost(snapshots)],
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
  });
  http = createServer(vite.middlewares);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

after(async () => {
  http?.close();
  await vite?.close();
  rmSync(root, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request, the body as sent (no decompression, unlike fetch). */
function send(
  path: string,
  { method = 'GET', headers = {} as Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${origin}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

test('the live manifest is night 0 until the next night is published, and night 0 again after DELETE', async () => {
  const first = await send('/snapshots/live/manifest.json');
  assert.equal(first.status, 200);
  assert.equal(first.body.toString(), nightZero);
  assert.equal(first.headers['content-type'], 'application/json');
  assert.equal(first.headers['cache-control'], 'no-cache');

  const published = await send('/__demo/publish-next', { method: 'POST' });
  assert.deepEqual(JSON.parse(published.body.toString()), { published: 'national-next' });
  const next = await send('/snapshots/live/manifest.json');
  assert.equal(next.body.toString(), nightOne);
  assert.notEqual(next.headers.etag, first.headers.etag, 'a new night has a new ETag');

  const reset = await send('/__demo/publish-next', { method: 'DELETE' });
  assert.deepEqual(JSON.parse(reset.body.toString()), { published: 'national' });
  assert.equal((await send('/snapshots/live/manifest.json')).body.toString(), nightZero);
});

test('the manifest answers If-None-Match with 304 while its ETag holds, and 200 once it changed', async () => {
  const first = await send('/snapshots/live/manifest.json');
  const etag = String(first.headers.etag);
  assert.match(etag, /^"[0-9a-f]{16}"$/);

  const unchanged = await send('/snapshots/live/manifest.json', { headers: { 'if-none-match': etag } });
  assert.equal(unchanged.status, 304);
  assert.equal(unchanged.body.length, 0);

  await send('/__demo/publish-next', { method: 'POST' });
  try {
    const changed = await send('/snapshots/live/manifest.json', { headers: { 'if-none-match': etag } });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.toString(), nightOne);
  } finally {
    await send('/__demo/publish-next', { method: 'DELETE' });
  }
});

test('payload files come from the night that has them, byte for byte, whichever night is live', async () => {
  for (const [file, bytes] of [
    ['full-aaa.json.gz', payloadZero],
    ['full-bbb.json.gz', payloadOne],
  ] as const) {
    const answer = await send(`/snapshots/live/${file}?v=1`);
    assert.equal(answer.status, 200, file);
    assert.deepEqual(answer.body, bytes, file);
  }
});

test('a missing payload file or manifest is a 404 that says to run npm run demo:data', async () => {
  const payload = await send('/snapshots/live/full-missing.json.gz');
  assert.equal(payload.status, 404);
  assert.equal(payload.body.toString(), 'no full-missing.json.gz: run npm run demo:data');

  rmSync(join(snapshots, 'national-next', 'manifest.json'));
  await send('/__demo/publish-next', { method: 'POST' });
  try {
    const manifest = await send('/snapshots/live/manifest.json');
    assert.equal(manifest.status, 404);
    assert.equal(manifest.body.toString(), 'no manifest.json: run npm run demo:data');
  } finally {
    await send('/__demo/publish-next', { method: 'DELETE' });
    writeFileSync(join(snapshots, 'national-next', 'manifest.json'), nightOne);
  }
});

test('paths outside /snapshots/live/ are left to Vite', async () => {
  const direct = await send('/snapshots/national/full-aaa.json.gz');
  assert.equal(direct.status, 200);
  assert.deepEqual(direct.body, payloadZero);
  // A file name with a slash is not a live file: the host does not rewrite it into another folder.
  const nested = await send('/snapshots/live/national/manifest.json');
  assert.notEqual(nested.body.toString(), nightZero);
});
