// Output that appears whole or not at all.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeAtomically } from '../../../src/cli/migration/atomic-output.js';
import { MigrateInputError } from '../../../src/cli/migration/migrate-csv.js';

const folder = () => mkdtemp(join(tmpdir(), 'sor-atomic-'));

test('the output appears under its name only once complete, and no temporary file is left', async () => {
  const dir = await folder();
  const out = join(dir, 'out.csv');
  const result = await writeAtomically(out, async (write) => {
    await write(Buffer.from('a;b\n'));
    assert.deepEqual(
      (await readdir(dir)).filter((name) => name === 'out.csv'),
      [],
      'not there while it is written',
    );
    await write(Buffer.from('1;2\n'));
    return 'done';
  });
  assert.equal(result, 'done');
  assert.equal(await readFile(out, 'utf8'), 'a;b\n1;2\n');
  assert.deepEqual(await readdir(dir), ['out.csv']);
});

test('a run that fails leaves the previous output as it was and no temporary file', async () => {
  const dir = await folder();
  const out = join(dir, 'out.csv');
  await writeFile(out, 'previous\n');
  await assert.rejects(
    writeAtomically(out, async (write) => {
      await write(Buffer.from('half a file'));
      throw new MigrateInputError('in.csv:7: broken');
    }),
    /in\.csv:7: broken/,
  );
  assert.equal(await readFile(out, 'utf8'), 'previous\n');
  assert.deepEqual(await readdir(dir), ['out.csv']);
});

test('an output that cannot be written is one clear error naming it', async () => {
  const out = join(await folder(), 'no-such-folder', 'out.csv');
  await assert.rejects(
    writeAtomically(out, async () => 'never'),
    (error) =>
      error instanceof MigrateInputError && error.message.startsWith(`${out}: cannot write the output`),
  );
});
