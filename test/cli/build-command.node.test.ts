import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { EXIT } from '../../src/cli/cli-error.js';
import { buildCommand, type BuildSummary } from '../../src/cli/commands/build.js';
import { captureIo } from './capture-io.js';
import { tempDir, writeGeneratedExport } from './helpers.js';

test('build --json: the summary of a first night; bad arguments are usage errors', async () => {
  const dir = await tempDir();
  const input = await writeGeneratedExport(dir, { units: 600, seed: 2 });
  const out = join(dir, 'snapshot');
  const io = captureIo();
  const code = await buildCommand.run({ values: { out, json: true }, positionals: [input] }, io);
  assert.equal(code, EXIT.ok);
  const summary = JSON.parse(io.out) as BuildSummary;
  assert.equal(summary.ok, true);
  assert.equal(summary.snapshot.unitCount, 600);
  assert.match(summary.snapshot.synthetic ?? '', /SYNTHETIC/);
  assert.equal(summary.delta, null);
  assert.equal(summary.warnings.count, 0);
  await assert.rejects(
    buildCommand.run({ values: { out, history: '0' }, positionals: [input] }, captureIo()),
    /--history must be at least 1/,
  );
  await assert.rejects(
    buildCommand.run({ values: { out }, positionals: [] }, captureIo()),
    /takes exactly one export file, got 0/,
  );
});
