// The snapshot transport and manifest rules shared by the CLI (Node) and the browser: what the
// CLI writes verifies whatever a server does to the .gz; downloads and inflation stop at what
// the manifest declares; a manifest points only at plain file names beside itself, with real
// dates and ids.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { SnapshotFetchError, SnapshotFormatError } from '../../src/snapshot/errors.js';
import { fetchSnapshot, readBody } from '../../src/snapshot/fetch-snapshot.js';
import type { SnapshotFileRef, SnapshotManifest } from '../../src/snapshot/format.js';
import { decodeManifest } from '../../src/snapshot/manifest.js';
import { openPayload } from '../../src/snapshot/transport.js';
import { sha256Hex } from '../../src/snapshot/codec.js';
import { FIXTURES_DIR, cli, tempDir } from '../cli/helpers.js';

let built: Promise<{ out: string; manifest: SnapshotManifest; gz: Uint8Array }> | undefined;

/** One snapshot folder built by the CLI from the features fixture, shared by the tests. */
function builtFolder(): Promise<{ out: string; manifest: SnapshotManifest; gz: Uint8Array }> {
  built ??= (async () => {
    const out = join(await tempDir(), 'snap');
    const result = await cli('build', join(FIXTURES_DIR, 'features.xml'), '--out', out);
    assert.equal(result.code, 0, result.stderr);
    const manifest = decodeManifest(JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')));
    return { out, manifest, gz: new Uint8Array(await readFile(join(out, manifest.full.url))) };
  })();
  return built;
}

const refusal =
  (pattern: RegExp, type: typeof SnapshotFetchError | typeof SnapshotFormatError) => (error: Error) => {
    assert.ok(error instanceof type, `${error.name}: ${error.message}`);
    assert.match(error.message, pattern);
    return true;
  };

test('the CLI writes the decoded size and SHA-256 of each payload into the manifest', async () => {
  const { manifest, gz } = await builtFolder();
  const json = gunzipSync(gz);
  assert.deepEqual(manifest.full.decoded, { bytes: json.byteLength, sha256: await sha256Hex(json) });
});

test('a payload verifies as stored, decompressed by the server, or compressed anew', async () => {
  const { manifest, gz } = await builtFolder();
  const json = new Uint8Array(gunzipSync(gz));
  assert.deepEqual(await openPayload(gz, manifest.full), json);
  assert.deepEqual(await openPayload(json, manifest.full), json);
  const anew = gzipSync(json, { level: 1 });
  assert.notEqual(await sha256Hex(anew), manifest.full.sha256);
  assert.deepEqual(await openPayload(anew, manifest.full), json);
});

test('a changed byte is refused however it arrives', async () => {
  const { manifest, gz } = await builtFolder();
  const json = new Uint8Array(gunzipSync(gz));
  const changed = json.slice();
  changed[json.indexOf(0x61 /* a */)] = 0x62;
  await assert.rejects(
    openPayload(changed, manifest.full, 'full'),
    refusal(/^full: SHA-256 mismatch of the decompressed payload/, SnapshotFetchError),
  );
  await assert.rejects(
    openPayload(gzipSync(changed), manifest.full, 'full'),
    refusal(/^full: SHA-256 mismatch: expected .* nor does it inflate to the JSON/, SnapshotFetchError),
  );
  const flipped = gz.slice();
  flipped[gz.length >> 1] ^= 1;
  await assert.rejects(openPayload(flipped, manifest.full, 'full'), SnapshotFetchError);
});

test('a decompressed body under a manifest without decoded hashes says what to change', async () => {
  const { manifest, gz } = await builtFolder();
  const { decoded: _, ...oldRef } = manifest.full;
  assert.ok((await openPayload(gz, oldRef)).byteLength > 0, 'as stored, an old manifest still works');
  await assert.rejects(
    openPayload(new Uint8Array(gunzipSync(gz)), oldRef, 'full'),
    refusal(/Content-Encoding: gzip.*rebuild the snapshot.*Hosting the snapshot/, SnapshotFetchError),
  );
});

test('a gzip bomb with a correct hash inflates only to the declared size, or 64× its gzip size', async () => {
  const bomb = gzipSync(Buffer.alloc(96 << 20, 0x20), { level: 9 });
  const ref: SnapshotFileRef = {
    url: 'full-x.json.gz',
    bytes: bomb.byteLength,
    sha256: await sha256Hex(bomb),
  };
  await assert.rejects(
    openPayload(bomb, { ...ref, decoded: { bytes: 5000, sha256: '0'.repeat(64) } }, 'bomb'),
    refusal(/^bomb: inflates to more than 5000 bytes/, SnapshotFetchError),
  );
  await assert.rejects(
    openPayload(bomb, ref, 'bomb'),
    refusal(
      new RegExp(`^bomb: inflates to more than ${Math.max(1 << 20, bomb.byteLength * 64)} bytes`),
      SnapshotFetchError,
    ),
  );
});

test('readBody stops once more bytes arrive than allowed and cancels the download', async () => {
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 1 << 16;
      controller.enqueue(new Uint8Array(1 << 16));
    },
    cancel() {
      cancelled = true;
    },
  });
  await assert.rejects(
    readBody(new Response(body), 'https://cdn.test/full.json.gz', { maxBytes: 367 }),
    refusal(/more than 367 bytes arrive, more than the manifest declares/, SnapshotFetchError),
  );
  assert.equal(pulled, 1 << 16, 'one chunk read, not 300 MB');
  assert.equal(cancelled, true);
});

test('fetchSnapshot gets the units through a server that decompresses (Content-Encoding: gzip)', async () => {
  const { out, manifest, gz } = await builtFolder();
  const manifestBytes = await readFile(join(out, 'manifest.json'));
  const decompressing: typeof fetch = async (input) =>
    String(input).endsWith('manifest.json')
      ? new Response(manifestBytes)
      : new Response(gunzipSync(gz), { headers: { 'content-type': 'application/json' } });
  const { units } = await fetchSnapshot('http://cdn.test/snap/manifest.json', { fetch: decompressing });
  assert.equal(units.length, manifest.unitCount);
});

test('fetchSnapshot in Node (no page origin) reports a failed fetch as a network error', async () => {
  await assert.rejects(
    fetchSnapshot('http://cdn.test/snap/manifest.json', {
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    }),
    refusal(
      /^http:\/\/cdn\.test\/snap\/manifest\.json: network error \(Failed to fetch\)$/,
      SnapshotFetchError,
    ),
  );
});

test('decodeManifest: payload and delta references are plain file names beside the manifest', async () => {
  const { manifest } = await builtFolder();
  for (const url of [
    '../evil.html',
    '..',
    '.hidden.json.gz',
    'sub/full.json.gz',
    'sub\\full.json.gz',
    '/etc/passwd',
    'https://evil.example/full.json.gz',
    '//evil.example/full.json.gz',
    'data:application/gzip;base64,H4sI',
    'javascript:alert(1)',
    '%2e%2e/evil',
    'full .json.gz',
  ]) {
    assert.throws(
      () => decodeManifest({ ...manifest, full: { ...manifest.full, url } }),
      (error: Error) =>
        error instanceof SnapshotFormatError &&
        error.message.startsWith(
          `manifest: full.url is ${JSON.stringify(url)}; it must be a plain file name beside the manifest`,
        ),
      url,
    );
    const delta = { ...manifest.full, url, from: 'a'.repeat(16), to: manifest.id, upserts: 1, removed: 0 };
    assert.throws(() => decodeManifest({ ...manifest, deltas: [delta] }), /deltas\[0\]\.url is/, url);
  }
  assert.doesNotThrow(() =>
    decodeManifest({ ...manifest, full: { ...manifest.full, url: 'full-0123abcd.json.gz' } }),
  );
});

test('decodeManifest: snapshot ids are 16 hex digits, dates real ISO dates', async () => {
  const { manifest } = await builtFolder();
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ id: '../x' }, /field "id" is "..\/x"; a snapshot id is 16 lower-case hex digits/],
    [
      { deltas: [{ ...manifest.full, from: 'x', to: manifest.id, upserts: 0, removed: 0 }] },
      /deltas\[0\]\.from is "x"/,
    ],
    [{ sourceDate: '2025-03-01+01:00' }, /"sourceDate" is "2025-03-01\+01:00"; expected a date YYYY-MM-DD/],
    [{ sourceDate: '2025-02-30' }, /"sourceDate" is "2025-02-30"/],
    [{ sourceDate: 20250301 }, /"sourceDate" is 20250301/],
    [{ createdAt: 'last night' }, /"createdAt" is "last night"; expected an ISO 8601 date-time/],
    [{ createdAt: '2025-13-01T03:00:00Z' }, /"createdAt" is "2025-13-01T03:00:00Z"/],
    [{ exportCreatedAt: '01-03-2025' }, /"exportCreatedAt" is "01-03-2025"/],
    [
      { full: { ...manifest.full, decoded: { bytes: -1, sha256: manifest.full.sha256 } } },
      /full\.decoded\.bytes must be a byte count/,
    ],
  ];
  for (const [change, message] of cases) {
    assert.throws(() => decodeManifest({ ...manifest, ...change }), refusal(message, SnapshotFormatError));
  }
  for (const exportCreatedAt of [
    null,
    '2010-01-26T00:00:00+01:00',
    '2010-01-26T00:00:00.853Z',
    '2010-01-26T00:00:00',
  ]) {
    assert.doesNotThrow(() => decodeManifest({ ...manifest, exportCreatedAt }), String(exportCreatedAt));
  }
});
