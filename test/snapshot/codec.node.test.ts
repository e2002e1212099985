import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import type { SorUnit } from '../../src/model/types.js';
import { decodeFull, encodeFull, withSnapshotId } from '../../src/snapshot/codec.js';
import { packRefs, unpackRefs } from '../../src/snapshot/columns.js';
import { SnapshotFetchError, SnapshotFormatError } from '../../src/snapshot/errors.js';
import { fetchSnapshot } from '../../src/snapshot/fetch-snapshot.js';
import { canonicalOrder } from '../../src/snapshot/units.js';
import { importExport } from '../../src/cli/build.js';
import { FIXTURES_DIR, cli, tempDir } from '../cli/helpers.js';

async function fixtureUnits(): Promise<SorUnit[]> {
  return (await importExport(join(FIXTURES_DIR, 'features.xml'))).units;
}

test('encode → JSON → decode gives the units back in canonical order', async () => {
  const units = await fixtureUnits();
  const { payload, bytes } = await withSnapshotId(encodeFull([...units].reverse(), '2024-05-01'));
  assert.match(payload.id, /^[0-9a-f]{16}$/);
  assert.deepEqual(decodeFull(JSON.parse(new TextDecoder().decode(bytes))), canonicalOrder(units));
});

test('the id is content-addressed: same units, same id; a changed unit, another id', async () => {
  const units = await fixtureUnits();
  const first = await withSnapshotId(encodeFull(units, '2024-05-01'));
  const again = await withSnapshotId(encodeFull([...units].reverse(), '2024-05-01'));
  const changed = await withSnapshotId(
    encodeFull(
      units.map((u, i) => (i === 2 ? { ...u, name: 'Ny' } : u)),
      '2024-05-01',
    ),
  );
  assert.equal(first.payload.id, again.payload.id);
  assert.notEqual(first.payload.id, changed.payload.id);
});

test('the decoder names the field and unit index of what is wrong', async () => {
  const payload = encodeFull(await fixtureUnits(), '2024-05-01');
  assert.throws(
    () => decodeFull({ ...payload, version: 3 }),
    /full payload: field "version" is 3; this reader understands versions 1 and 2/,
  );
  const unpacked = Array.from(unpackRefs(payload.columns.name.refs, 'name', payload.count));
  unpacked[3] = 99;
  const refs = packRefs(unpacked);
  assert.throws(
    () =>
      decodeFull({ ...payload, columns: { ...payload.columns, name: { ...payload.columns.name, refs } } }),
    (error: Error) =>
      error instanceof SnapshotFormatError &&
      /column "name" at unit index 3: ref 99 points at a value not yet used/.test(error.message),
  );
  // Packed refs: a character that is no digit, and a length that is no whole number of digits per unit.
  const name = payload.columns.name;
  const badDigit = `${(name.refs as string).slice(0, -1)}~`;
  assert.throws(
    () => decodeFull({ ...payload, columns: { ...payload.columns, name: { ...name, refs: badDigit } } }),
    /field "columns.name.refs" at unit index 4: "~" is not a ref digit/,
  );
  assert.throws(
    () =>
      decodeFull({ ...payload, columns: { ...payload.columns, name: { ...name, refs: `${name.refs}#` } } }),
    /field "columns.name.refs" has \d+ characters for 5 units/,
  );
  assert.throws(
    () => decodeFull({ ...payload, running: payload.running.slice(1) }),
    /field "running" has 4 entries for 5 units/,
  );
  assert.throws(
    () => decodeFull({ ...payload, children: [9, 0, 0, 0, 0] }),
    /announces more children than there are units/,
  );
  assert.throws(
    () => decodeFull({ ...payload, eanInheritedOther: [5] }),
    /field "eanInheritedOther" names unit index 5 of 5/,
  );
});

test('encode refuses units that break owner > institution > unit', async () => {
  const units = await fixtureUnits();
  const broken = units.map((unit) => (unit.kind === 'SI' ? { ...unit, kind: 'OE' as const } : unit));
  assert.throws(
    () => encodeFull(broken, '2024-05-01'),
    /kind OE under IE .*SOR nests owner \(IE\) > institution \(SI\) > units \(OE\)/,
  );
});

/** A fetch that serves a snapshot folder from disk under http://cdn.test/snap/. */
async function folderFetch(
  dir: string,
  override?: (url: string) => Response | undefined,
): Promise<typeof fetch> {
  return (async (input: string | URL | Request) => {
    const url = String(input);
    const special = override?.(url);
    if (special) return special;
    const name = url.replace('http://cdn.test/snap/', '');
    try {
      return new Response(await readFile(join(dir, name)), { status: 200 });
    } catch {
      return new Response('not found', { status: 404, statusText: 'Not Found' });
    }
  }) as typeof fetch;
}

async function builtFolder(): Promise<string> {
  const out = join(await tempDir(), 'snap');
  assert.equal((await cli('build', join(FIXTURES_DIR, 'features.xml'), '--out', out)).code, 0);
  return out;
}

test('fetchSnapshot: manifest → full payload → verified, gunzipped, decoded units', async () => {
  const out = await builtFolder();
  const { manifest, units } = await fetchSnapshot('http://cdn.test/snap/manifest.json', {
    fetch: await folderFetch(out),
  });
  assert.equal(manifest.unitCount, 5);
  assert.deepEqual(units, canonicalOrder(await fixtureUnits()));
});

test('fetchSnapshot refuses a file whose SHA-256 differs, naming URL and both hashes', async () => {
  const out = await builtFolder();
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
  const fullUrl = `http://cdn.test/snap/${manifest.full.url}`;
  const tampered = await folderFetch(out, (url) =>
    url === fullUrl ? new Response(gzipSync(Buffer.from('{"format":"sor-snapshot-full"}'))) : undefined,
  );
  await assert.rejects(
    fetchSnapshot('http://cdn.test/snap/manifest.json', { fetch: tampered }),
    (error: Error) => {
      assert.ok(error instanceof SnapshotFetchError);
      assert.match(
        error.message,
        new RegExp(`^${fullUrl}: SHA-256 mismatch: expected ${manifest.full.sha256}, got [0-9a-f]{64}`),
      );
      return true;
    },
  );
});

test('fetchSnapshot names the URL and HTTP status of a failed request', async () => {
  const out = await builtFolder();
  const failing = await folderFetch(out, (url) =>
    url.endsWith('manifest.json')
      ? new Response('', { status: 500, statusText: 'Internal Server Error' })
      : undefined,
  );
  await assert.rejects(
    fetchSnapshot('http://cdn.test/snap/manifest.json', { fetch: failing }),
    (error: Error) => {
      assert.ok(error instanceof SnapshotFetchError);
      assert.equal(error.status, 500);
      assert.equal(error.message, 'http://cdn.test/snap/manifest.json: HTTP 500 Internal Server Error');
      return true;
    },
  );
  await assert.rejects(
    fetchSnapshot('http://cdn.test/snap/manifest.json', {
      fetch: await folderFetch(out, (url) =>
        url.includes('full-') ? new Response('', { status: 404, statusText: 'Not Found' }) : undefined,
      ),
    }),
    /full-[0-9a-f]{16}\.json\.gz: HTTP 404 Not Found/,
  );
});

test('a version 1 payload (check digits predicted with the old, wrong table) decodes to its exact codes', async () => {
  const fixture = JSON.parse(
    await readFile(new URL('../fixtures/snapshot-v1-full.json', import.meta.url), 'utf8'),
  ) as { codes: string[]; payload: { version: number } };
  assert.equal(fixture.payload.version, 1);
  const decoded = decodeFull(fixture.payload).map((unit) => unit.sorCode);
  assert.deepEqual([...decoded].sort(), [...fixture.codes].sort());
  // The same units written now are version 2, and round-trip too.
  const again = encodeFull(decodeFull(fixture.payload), '2024-05-01');
  assert.equal(again.version, 2);
  assert.deepEqual(
    decodeFull(JSON.parse(JSON.stringify(again))).map((unit) => unit.sorCode),
    decoded,
  );
});
