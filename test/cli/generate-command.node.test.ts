import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError, EXIT } from '../../src/cli/cli-error.js';
import { captureIo } from './capture-io.js';
import { generateCommand } from '../../src/cli/commands/generate.js';
import { generateSorXml } from '../../src/cli/synthetic/generate.js';
import { tempDir } from './helpers.js';

test('generate: the generator’s bytes on stdout; too few units is a usage error', async () => {
  const io = captureIo();
  const code = await generateCommand.run({ values: { units: '500', seed: '4' }, positionals: [] }, io);
  assert.equal(code, EXIT.ok);
  let expected = '';
  await generateSorXml({ units: 500, seed: 4, write: (chunk) => (expected += chunk) });
  assert.equal(io.out, expected);
  await assert.rejects(
    generateCommand.run({ values: { units: '10' }, positionals: [] }, captureIo()),
    (error) =>
      error instanceof CliError && error.exitCode === EXIT.usage && /at least 500/.test(error.message),
  );
  const dir = await tempDir();
  const levelsFile = join(dir, 'levels.csv');
  await generateCommand.run(
    { values: { units: '500', 'levels-file': levelsFile }, positionals: [] },
    captureIo(),
  );
  assert.match(
    await readFile(levelsFile, 'utf8'),
    /^SorId;OrganisationalLevelCode;OrganisationalLevelName\n/,
  );
});
