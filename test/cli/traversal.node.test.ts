import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, folderBytes, oneLine, tempDir, writeGeneratedExport } from './helpers.js';

/**
 * A previous snapshot whose manifest was tampered with: `edit` gets the parsed manifest and the
 * folder around it, and may plant files outside the snapshot folder for the urls to point at.
 */
async function tamperedSnapshot(
  edit: (manifest: Record<string, unknown>, parent: string) => Promise<void>,
): Promise<{ parent: string; previous: string; night1: string }> {
  const parent = await tempDir();
  const night0 = await writeGeneratedExport(parent, { units: 600, name: 'night-0.xml' });
  const night1 = await writeGeneratedExport(parent, { units: 600, night: 1, name: 'night-1.xml' });
  const previous = join(parent, 'previous');
  assert.equal((await cli('build', night0, '--out', previous)).code, 0);
  const manifest = JSON.parse(await readFile(join(previous, 'manifest.json'), 'utf8'));
  await edit(manifest, parent);
  await writeFile(join(previous, 'manifest.json'), JSON.stringify(manifest));
  return { parent, previous, night1 };
}

/** Plants `bytes` at `path` and returns a file reference to it under `url`, hash and size right. */
async function plant(path: string, url: string, bytes: Buffer): Promise<Record<string, unknown>> {
  await writeFile(path, bytes);
  return { url, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

test('a --previous manifest with a delta url "../outside/evil.html" makes the build write nothing outside --out', async () => {
  const { parent, previous, night1 } = await tamperedSnapshot(async (manifest, dir) => {
    await mkdir(join(dir, 'outside'));
    const ref = await plant(
      join(dir, 'outside', 'evil.html'),
      '../outside/evil.html',
      Buffer.from('<script>alert(1)</script>'),
    );
    manifest.deltas = [{ ...ref, from: 'aaaa', to: manifest.id, upserts: 1, removed: 0 }];
  });
  const site = join(parent, 'site');
  const out = join(site, 'snapshot');
  // The folder the url reaches from --out exists: today's build writes evil.html into it.
  await mkdir(join(site, 'outside'), { recursive: true });
  const before = await folderBytes(parent);
  const result = await cli('build', night1, '--previous', previous, '--out', out);
  assert.equal(result.code, 1, result.stderr);
  assert.match(oneLine(result.stderr), /"?\.\.\/outside\/evil\.html"?/);
  // Nothing written anywhere: not beside --out (site/outside/evil.html), not --out itself.
  assert.deepEqual(await folderBytes(parent), before);
});

test('a --previous manifest whose full url leaves the folder is refused before it is read', async () => {
  const { parent, previous, night1 } = await tamperedSnapshot(async (manifest, dir) => {
    const original = manifest.full as { url: string };
    const bytes = await readFile(join(dir, 'previous', original.url));
    manifest.full = await plant(join(dir, 'stolen.json.gz'), '../stolen.json.gz', bytes);
  });
  const before = await folderBytes(parent);
  const result = await cli('build', night1, '--previous', previous, '--out', join(parent, 'out'));
  assert.equal(result.code, 1, result.stderr);
  assert.match(oneLine(result.stderr), /\.\.\/stolen\.json\.gz/);
  assert.deepEqual(await folderBytes(parent), before);
});

test('inspect refuses a manifest naming a file outside its folder, in one line, exit 1', async () => {
  for (const url of ['../secret.json.gz', '/etc/hostname', 'sub/../../secret.json.gz']) {
    const { previous } = await tamperedSnapshot(async (manifest, dir) => {
      const original = manifest.full as { url: string };
      const bytes = await readFile(join(dir, 'previous', original.url));
      // A real payload with the right hash: today's inspect reads it and reports "ok".
      manifest.full = await plant(join(dir, 'secret.json.gz'), url, bytes);
    });
    const result = await cli('inspect', previous);
    assert.equal(result.code, 1, `${url}: ${result.stdout}`);
    assert.match(oneLine(result.stderr), new RegExp(url.replace(/[./]/g, (c) => `\\${c}`)));
    assert.equal(result.stdout, '');
  }
});
