// `sor-picker/node`: loadSnapshot gives the browser's SorCatalog in Node, and the same answers as
// the browser catalog (SorCatalog.open in Debian's Chromium, through IndexedDB) on one snapshot.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { SorCatalog } from '../../src/catalog/catalog.js';
import {
  loadSnapshot,
  loadSnapshotWithManifest,
  SnapshotFetchError,
  SnapshotReadError,
} from '../../src/node/index.js';
import { probeCatalog, probeSample, type ProbeAnswers } from './catalog-probe.js';
import { AS_OF, snapshotFolder, tempDir } from './snapshot-folder.js';

let folder: Awaited<ReturnType<typeof snapshotFolder>>;

before(async () => {
  folder = await snapshotFolder();
});

test('loadSnapshot reads a folder or its manifest.json into a catalog answering the snapshot', async () => {
  const { dir, snapshot } = folder;
  const fromDir = await loadSnapshot(dir);
  const fromManifest = await loadSnapshotWithManifest(join(dir, 'manifest.json'));
  assert.ok(fromDir instanceof SorCatalog);
  assert.deepEqual(fromDir.snapshot, { id: snapshot.id, sourceDate: snapshot.sourceDate });
  assert.equal(fromDir.size, snapshot.units.length);
  assert.equal(fromManifest.manifest.id, snapshot.id);
  assert.equal(fromManifest.catalog.size, snapshot.units.length);
  // The answers of a catalog made in memory from the same units.
  const reference = SorCatalog.fromUnits(snapshot.units, {
    snapshotId: snapshot.id,
    sourceDate: snapshot.sourceDate,
  });
  const sample = probeSample(snapshot.units, AS_OF);
  const expected = await probeCatalog(reference, sample);
  assert.deepEqual(await probeCatalog(fromDir, sample), expected);
  // A catalog that builds its search index on the first search answers the same.
  const onDemand = await loadSnapshot(dir, { searchIndex: 'on-first-search' });
  assert.deepEqual(await probeCatalog(onDemand, sample), expected);
});

test('a payload that fails its SHA-256 is refused, naming the file', async () => {
  const { dir, snapshot } = await snapshotFolder();
  const file = join(dir, snapshot.full.url);
  const bytes = await readFile(file);
  bytes[bytes.length - 10] ^= 0xff;
  await writeFile(file, bytes);
  await assert.rejects(loadSnapshot(dir), (error: Error) => {
    assert.ok(error instanceof SnapshotFetchError);
    assert.match(error.message, new RegExp(`${snapshot.full.url}: SHA-256 mismatch`));
    return true;
  });
});

test('a folder without a manifest is refused, naming the file', async () => {
  const dir = await tempDir();
  await assert.rejects(loadSnapshot(dir), (error: Error) => {
    assert.ok(error instanceof SnapshotReadError);
    assert.match(error.message, /manifest\.json: cannot read the manifest \(ENOENT/);
    return true;
  });
});

// The browser side: the same probe, bundled, run against `SorCatalog.open` over the same files.
let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(() => browser?.close());

test('Node and Chromium give the same answers on the same snapshot (get, select, ancestors, byShak, migrateShak, search)', async () => {
  const { dir, snapshot } = folder;
  const sample = probeSample(snapshot.units, AS_OF);
  const page = `
    import { SorCatalog } from './src/catalog/catalog.ts';
    import { probeCatalog } from './test/node/catalog-probe.ts';
    window.probe = async (sample) => {
      const catalog = SorCatalog.open({ src: 'https://snapshots.example.org/sor/manifest.json', syncOnOpen: false });
      await catalog.sync();
      return probeCatalog(catalog, sample);
    };`;
  const bundle = await build({
    stdin: { contents: page, resolveDir: new URL('../..', import.meta.url).pathname, loader: 'ts' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const context = await browser.newContext();
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.href === 'https://app.example.org/')
      return route.fulfill({
        contentType: 'text/html',
        body: '<script type="module" src="/probe.js"></script>',
      });
    if (url.href === 'https://app.example.org/probe.js')
      return route.fulfill({ contentType: 'text/javascript', body: bundle.outputFiles[0].text });
    if (url.origin === 'https://snapshots.example.org' && url.pathname.startsWith('/sor/'))
      return route.fulfill({ body: await readFile(join(dir, url.pathname.slice('/sor/'.length))) });
    return route.abort('blockedbyclient');
  });
  try {
    const tab = await context.newPage();
    await tab.goto('https://app.example.org/');
    await tab.waitForFunction(() => 'probe' in window);
    const inBrowser = (await tab.evaluate(
      (s) => (window as unknown as { probe(s: unknown): Promise<unknown> }).probe(s),
      sample,
    )) as ProbeAnswers;
    const inNode = await probeCatalog(await loadSnapshot(dir), sample);
    assert.ok(Object.keys(inNode).length > 500, `a real sample (${Object.keys(inNode).length} answers)`);
    const differing = Object.keys(inNode).filter(
      (key) => JSON.stringify(inNode[key]) !== JSON.stringify(inBrowser[key]),
    );
    assert.deepEqual(differing, [], `answers that differ: ${differing.slice(0, 5).join('; ')}`);
    assert.deepEqual(Object.keys(inBrowser).sort(), Object.keys(inNode).sort());
  } finally {
    await context.close();
  }
});
