import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSnapshot } from '../../src/cli/build.js';
import { EXIT } from '../../src/cli/cli-error.js';
import { captureIo } from './capture-io.js';
import { inspectCommand } from '../../src/cli/commands/inspect.js';
import { tempDir, writeGeneratedExport } from './helpers.js';

test('inspect: a snapshot verified, then found damaged (exit 1)', async () => {
  const dir = await tempDir();
  const input = await writeGeneratedExport(dir, { units: 600, seed: 2 });
  const out = join(dir, 'snapshot');
  await buildSnapshot({ input, out });
  const inspected = captureIo();
  assert.equal(await inspectCommand.run({ values: { json: true }, positionals: [out] }, inspected), EXIT.ok);
  const report = JSON.parse(inspected.out) as { ok: boolean; files: { url: string; ok: boolean }[] };
  assert.equal(report.ok, true);
  await writeFile(join(out, report.files[0].url), 'damaged');
  const damaged = captureIo();
  assert.equal(await inspectCommand.run({ values: {}, positionals: [out] }, damaged), EXIT.input);
  assert.ok(damaged.out.length > 0);
});
