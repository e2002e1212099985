import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { lstat, mkdir, readFile, readdir, readlink, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LOCK_FILE, MARKER_FILE } from '../../src/cli/out-folder.js';
import { readManifest } from '../../src/cli/snapshot-dir.js';
import { cli, folderBytes, listing, oneLine, tempDir, writeGeneratedExport } from './helpers.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** A folder with an export of `units` units and the snapshot built from it at `snapshot`. */
async function builtSnapshot(units = 600): Promise<{ dir: string; input: string; out: string }> {
  const dir = await tempDir();
  const input = await writeGeneratedExport(dir, { units });
  const out = join(dir, 'snapshot');
  const result = await cli('build', input, '--out', out);
  assert.equal(result.code, 0, result.stderr);
  return { dir, input, out };
}

async function expectRefused(args: string[], message: RegExp, code = 3): Promise<void> {
  const result = await cli('build', ...args);
  assert.equal(result.code, code, result.stderr);
  assert.match(oneLine(result.stderr), message);
}

test('a non-empty folder this tool did not make is refused and left byte-for-byte intact', async () => {
  const dir = await tempDir();
  const input = await writeGeneratedExport(dir, { units: 600 });
  const site = join(dir, 'www');
  await mkdir(join(site, 'assets'), { recursive: true });
  await writeFile(join(site, 'index.html'), '<h1>the vendor site</h1>');
  await writeFile(join(site, 'assets', 'app.js'), 'console.log(1)');
  const before = await folderBytes(dir);
  await expectRefused(
    [input, '--out', site],
    /--out .*www is not empty and holds no snapshot made by sor-snapshot \(it has assets, index\.html\); give an empty or new folder, or add --force/,
  );
  assert.deepEqual(await folderBytes(dir), before);
});

test('--out . (the working folder) is refused, and so is the folder holding the export', async (t) => {
  const dir = await tempDir();
  const input = await writeGeneratedExport(dir, { units: 600 });
  await writeFile(join(dir, 'notes.txt'), 'keep me');
  const before = await folderBytes(dir);
  const cwd = process.cwd();
  process.chdir(dir);
  t.after(() => process.chdir(cwd));
  await expectRefused(
    [input, '--out', '.'],
    /--out \. is not empty and holds no snapshot made by sor-snapshot/,
  );
  await expectRefused(
    ['export.xml', '--out', dir],
    /is not empty and holds no snapshot made by sor-snapshot \(it has export\.xml, notes\.txt\)/,
  );
  assert.deepEqual(await folderBytes(dir), before);
});

test('a file as --out is refused', async () => {
  const dir = await tempDir();
  const input = await writeGeneratedExport(dir, { units: 600 });
  await expectRefused([input, '--out', input], /--out .*export\.xml is a file, not a folder/);
});

test('--force writes beside what is there and deletes nothing; never over a foreign manifest.json', async () => {
  const dir = await tempDir();
  const input = await writeGeneratedExport(dir, { units: 600 });
  const site = join(dir, 'www');
  await mkdir(site);
  await writeFile(join(site, 'index.html'), '<h1>the vendor site</h1>');
  // Named like a payload, but not written by this tool: old payloads go, this stays.
  await writeFile(join(site, 'full-report.json.gz'), 'the vendor report');
  const result = await cli('build', input, '--out', site, '--force');
  assert.equal(result.code, 0, result.stderr);
  assert.equal((await readManifest(site)).manifest.unitCount, 600);
  // The marker is there now: the next nights need no --force.
  for (const night of [1, 2]) {
    const next = await writeGeneratedExport(dir, { units: 600, night, name: `night-${night}.xml` });
    assert.equal((await cli('build', next, '--previous', site, '--out', site)).code, 0);
  }
  const { manifest } = await readManifest(site);
  assert.equal(await readFile(join(site, 'index.html'), 'utf8'), '<h1>the vendor site</h1>');
  assert.equal(await readFile(join(site, 'full-report.json.gz'), 'utf8'), 'the vendor report');
  assert.equal(
    (await readdir(site)).filter((name) => name.startsWith('full-')).length,
    3,
    'two of ours, one theirs',
  );
  assert.ok((await readdir(site)).includes(manifest.full.url));

  const pwa = join(dir, 'pwa');
  await mkdir(pwa);
  await writeFile(join(pwa, 'manifest.json'), '{"name":"a web app"}');
  const before = await folderBytes(pwa);
  await expectRefused(
    [input, '--out', pwa, '--force'],
    /holds a manifest\.json that is not a sor-snapshot manifest; --force never replaces it/,
  );
  assert.deepEqual(await folderBytes(pwa), before);
});

test('a snapshot folder this tool made is rebuilt in place: old payloads go one night later, --out always exists', async () => {
  const { dir, out } = await builtSnapshot();
  const first = (await readManifest(out)).manifest;
  assert.ok((await readdir(out)).includes(MARKER_FILE));
  const night1 = await writeGeneratedExport(dir, { units: 600, night: 1, name: 'night-1.xml' });
  assert.equal((await cli('build', night1, '--previous', out, '--out', out)).code, 0);
  const second = (await readManifest(out)).manifest;
  // A client that read the old manifest a moment before the switch still finds its payload.
  assert.deepEqual(
    (await readdir(out)).sort(),
    [MARKER_FILE, first.full.url, second.full.url, second.deltas[0].url, 'manifest.json'].sort(),
  );
  const night2 = await writeGeneratedExport(dir, { units: 600, night: 2, name: 'night-2.xml' });
  assert.equal((await cli('build', night2, '--previous', out, '--out', out)).code, 0);
  const names = await readdir(out);
  assert.ok(!names.includes(first.full.url), 'the payload two nights old is removed');
  assert.ok(names.includes(second.full.url), 'the payload one night old is kept');
  assert.equal((await cli('inspect', out)).code, 0);
});

test('a folder written by an older version (manifest and payloads, no marker) is accepted', async () => {
  const { input, out } = await builtSnapshot();
  const { rm } = await import('node:fs/promises');
  await rm(join(out, MARKER_FILE));
  const result = await cli('build', input, '--out', out);
  assert.equal(result.code, 0, result.stderr);
});

test('a symbolic link as --out is followed and kept: the snapshot goes into the folder it points at', async () => {
  const { dir, input, out } = await builtSnapshot();
  const link = join(dir, 'current');
  await symlink(out, link);
  const night1 = await writeGeneratedExport(dir, { units: 600, night: 1, name: 'night-1.xml' });
  const result = await cli('build', night1, '--previous', link, '--out', link);
  assert.equal(result.code, 0, result.stderr);
  assert.ok((await lstat(link)).isSymbolicLink(), '--out is still the link');
  assert.equal(await readlink(link), out);
  assert.equal((await readManifest(out)).manifest.deltas.length, 1, 'the target holds the new snapshot');
  await symlink(join(dir, 'gone'), join(dir, 'dangling'));
  await expectRefused(
    [input, '--out', join(dir, 'dangling')],
    /--out .*dangling is a symbolic link to a folder that does not exist/,
  );
});

test('two builds into one --out at once: one builds, the other is refused in one line; nothing left over', async () => {
  const dir = await tempDir();
  const input = await writeGeneratedExport(dir, { units: 3000 });
  const out = join(dir, 'snapshot');
  const results = await Promise.all([cli('build', input, '--out', out), cli('build', input, '--out', out)]);
  const codes = results.map((result) => result.code).sort();
  assert.deepEqual(codes, [0, 3], results.map((result) => result.stderr).join('\n'));
  const refused = results.find((result) => result.code === 3);
  assert.match(
    oneLine(refused?.stderr ?? ''),
    /--out .*snapshot is being written by another build \(pid \d+ on .*, started .*\); wait for it to finish, or delete .*\.sor-snapshot\.lock if no build is running$/,
  );
  assert.deepEqual(await readdir(dir), ['export.xml', 'snapshot']);
  const { manifest } = await readManifest(out);
  assert.deepEqual((await readdir(out)).sort(), [MARKER_FILE, manifest.full.url, 'manifest.json'].sort());
});

/** A pid no process has now: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

test('leftovers of a dead build (temp files, a stale lock) are cleaned by the next build', async () => {
  const { input, out } = await builtSnapshot();
  const { hostname } = await import('node:os');
  const pid = deadPid();
  await writeFile(join(out, LOCK_FILE), JSON.stringify({ pid, host: hostname(), startedAt: 'then' }));
  await writeFile(join(out, `.full-0123.json.gz.tmp-${pid}-0`), 'half a payload');
  await writeFile(join(out, `.manifest.json.tmp-${pid}-1`), '{"half":');
  const result = await cli('build', input, '--out', out);
  assert.equal(result.code, 0, result.stderr);
  const { manifest } = await readManifest(out);
  assert.deepEqual((await readdir(out)).sort(), [MARKER_FILE, manifest.full.url, 'manifest.json'].sort());
});

for (const step of ['payloads written', 'manifest replaced'] as const) {
  test(`a build killed when "${step}" leaves a whole snapshot in --out; the next build takes over`, async () => {
    const { dir, out } = await builtSnapshot();
    const old = (await readManifest(out)).manifest;
    const night1 = await writeGeneratedExport(dir, { units: 600, night: 1, name: 'night-1.xml' });
    const script = `
      import { buildSnapshot } from ${JSON.stringify(join(REPO, 'src/cli/build.ts'))};
      await buildSnapshot({
        input: ${JSON.stringify(night1)}, out: ${JSON.stringify(out)}, previous: ${JSON.stringify(out)},
        onPublishStep: (step) => { if (step === ${JSON.stringify(step)}) process.kill(process.pid, 'SIGKILL'); },
      });`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO,
      encoding: 'utf8',
    });
    assert.equal(child.signal, 'SIGKILL', child.stderr);
    const inspected = await cli('inspect', out);
    assert.equal(inspected.code, 0, inspected.stdout);
    const now = (await readManifest(out)).manifest;
    assert.equal(
      now.id === old.id,
      step === 'payloads written',
      'the old snapshot until the manifest is switched',
    );
    // The dead build's lock does not block the next night.
    const next = await cli('build', night1, '--previous', out, '--out', out);
    assert.equal(next.code, 0, next.stderr);
    assert.ok(!(await listing(out)).some((name) => name.includes('.tmp-') || name === LOCK_FILE));
  });
}

test('publishing 0 units is refused with the counts; --allow-shrink publishes', async () => {
  const { dir, out } = await builtSnapshot();
  const empty = join(dir, 'empty.xml');
  const header = (await readFile(join(dir, 'export.xml'), 'utf8')).split('<InstitutionOwnerEntity>')[0];
  await writeFile(empty, `${header}</SorTree>\n`);
  const before = await folderBytes(out);
  await expectRefused(
    [empty, '--previous', out, '--out', out],
    /refusing to publish a snapshot of 0 units \(--previous .*snapshot has 600\): the export looks empty or truncated; if that is really so, run again with --allow-shrink$/,
    4,
  );
  // Without --previous, the snapshot in --out is what clients would lose.
  await expectRefused([empty, '--out', out], /0 units \(the snapshot now in --out .*snapshot has 600\)/, 4);
  assert.deepEqual(await folderBytes(out), before);
  const allowed = await cli('build', empty, '--out', join(dir, 'fresh'));
  assert.equal(allowed.code, 4, 'a first build of 0 units is refused too');
  const forced = await cli('build', empty, '--previous', out, '--out', out, '--allow-shrink');
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal((await readManifest(out)).manifest.unitCount, 0);
});

test('a drop of half the units against --previous is refused with the counts; --allow-shrink publishes', async () => {
  const { dir, out } = await builtSnapshot(1200);
  const half = await writeGeneratedExport(dir, { units: 600, name: 'half.xml' });
  const before = await folderBytes(out);
  await expectRefused(
    [half, '--previous', out, '--out', out],
    /refusing to publish 600 units against 1200 in --previous .*snapshot \(a drop of 50\.0 %; at most 10 % is allowed\): .*--allow-shrink$/,
    4,
  );
  assert.deepEqual(await folderBytes(out), before);
  const allowed = await cli('build', half, '--previous', out, '--out', out, '--allow-shrink');
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.equal((await readManifest(out)).manifest.unitCount, 600);
});
