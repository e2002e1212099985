// The README's `node:http` lookup server (between the `node-lookup-server` markers) runs as
// written, with `sor-picker/node` pointed at the source: it answers SOR, SHAK and search lookups,
// takes the next night's snapshot when the folder is swapped, and keeps answering from the one it
// has when the new folder fails its hash.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SMALL_REGISTER, unitNamed } from '../fixtures/small-register.js';
import { AS_OF, snapshotFolder, tempDir } from './snapshot-folder.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The README's server block, importing the package's Node entry from the source. */
async function readmeServer(): Promise<string> {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const block =
    /<!-- node-lookup-server: begin -->\s*```js\n([\s\S]*?)```\s*<!-- node-lookup-server: end -->/.exec(
      readme,
    );
  assert.ok(block, 'README.md holds the node-lookup-server block');
  assert.match(block[1], /from 'sor-picker\/node'/);
  return block[1].replace("'sor-picker/node'", `'${pathToFileURL(join(root, 'src/node/index.ts')).href}'`);
}

let server: ChildProcess | undefined;
after(() => {
  if (server?.pid && server.exitCode === null) server.kill();
});

test('the README lookup server answers from the snapshot and reloads it when the nightly folder is swapped', async () => {
  const parent = await tempDir();
  const dir = join(parent, 'snapshot');
  const first = await snapshotFolder();
  await rename(first.dir, dir);
  const script = join(parent, 'server.mjs');
  await writeFile(script, await readmeServer());

  server = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, SOR_SNAPSHOT_DIR: dir, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  createInterface({ input: server.stderr! }).on('line', (line) => errors.push(line));
  const [line] = (await once(createInterface({ input: server.stdout! }), 'line')) as [string];
  const base = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(line)?.[1];
  assert.ok(base, line);
  assert.match(line, new RegExp(`snapshot ${first.snapshot.id}`));

  const get = async (path: string) => {
    const response = await fetch(new URL(path, base));
    return {
      status: response.status,
      snapshot: response.headers.get('x-sor-snapshot'),
      body: await response.json(),
    };
  };

  const ward = unitNamed('Hjertesygdomme, sengeafsnit');
  const sor = await get(`sor/${ward.sorCode}?asOf=${AS_OF}`);
  assert.equal(sor.status, 200);
  assert.equal(sor.snapshot, first.snapshot.id);
  assert.equal(sor.body.sorCode, ward.sorCode);
  assert.equal(sor.body.levels.Afsnit.sorCode, ward.sorCode);
  const generatedOnly = first.snapshot.units.find((unit) => unit.name === 'Hjertesygdomme 2')!;
  assert.equal((await get(`sor/${generatedOnly.sorCode}`)).status, 200);
  assert.equal((await get('sor/88888881000016001')).status, 404);
  const shak = await get(`shak/1301011?asOf=${AS_OF}`);
  assert.equal(shak.body.confidence, 'ambiguous');
  const search = await get('search?q=hjertesygdomme%20sengeafsnit');
  assert.ok(search.body.length > 0);
  assert.ok(search.body.every((hit: { name: string }) => hit.name.startsWith('Hjertesygdomme, sengeafsnit')));
  const byCode = await get(`search?q=${ward.sorCode}`);
  assert.equal(byCode.body[0].sorCode, ward.sorCode);

  // The next night: a folder with other units is swapped in, as `sor-snapshot build` does.
  const next = await snapshotFolder(SMALL_REGISTER);
  await rename(dir, join(parent, 'old'));
  await rename(next.dir, dir);
  const waitFor = async (id: string) => {
    // The first request after the swap starts the reload; later ones get the new snapshot.
    for (let attempt = 0; attempt < 200; attempt++) {
      const answer = await get(`shak/1301011?asOf=${AS_OF}`);
      if (answer.snapshot === id) return answer;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail(`the server never answered from snapshot ${id}`);
  };
  await waitFor(next.snapshot.id);
  // A unit of the generated register only: gone with the new snapshot.
  assert.equal((await get(`sor/${generatedOnly.sorCode}`)).status, 404);

  // A folder that fails its hash: the server says so and keeps answering from what it has.
  const broken = await snapshotFolder();
  const payload = join(broken.dir, broken.snapshot.full.url);
  const bytes = await readFile(payload);
  bytes[30] ^= 0xff;
  await writeFile(payload, bytes);
  await rename(dir, join(parent, 'older'));
  await rename(broken.dir, dir);
  for (let attempt = 0; attempt < 200 && errors.length === 0; attempt++) {
    assert.equal((await get(`sor/${ward.sorCode}`)).snapshot, next.snapshot.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.match(errors.join('\n'), new RegExp(`keeping snapshot ${next.snapshot.id}: .*SHA-256 mismatch`));
  assert.equal((await get(`sor/${ward.sorCode}`)).snapshot, next.snapshot.id);
});
