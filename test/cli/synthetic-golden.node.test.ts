import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { GENERATOR_VERSION, generateSorXml } from '../../src/cli/synthetic/generate.js';
import { tempDir } from './helpers.js';

// SHA-256 of the export (and levels side file) the generator made for these options before it was
// split into src/cli/synthetic/ (then src/cli/generate.ts, generator version 2). Vendors' load
// tests, the demo and the benches rely on "same seed, same bytes": a change here is a new
// GENERATOR_VERSION, never a silent drift.
const GOLDEN = [
  {
    options: { units: 500, seed: 1, night: 0 },
    xml: '5f9389b8e120e9081342a1370aa37a934c2aacead1664a9842b32ac2f868b6fb',
  },
  {
    options: { units: 500, seed: 1, night: 0, levels: true },
    xml: '54f8378ece2f4e60bcff821b65da4a72264315db289364f126d589d485b7871a',
    levels: 'f92477535311f896a1de6c7c687382fcf228939e8c9e1aa9f5089d5e2fc2801b',
  },
  {
    options: { units: 2000, seed: 7, night: 3 },
    xml: '0a9774ac568fa98641ea416cca4612c80da3d4553dc92d8427e848c8c235f6e6',
  },
  {
    options: { units: 5000, seed: 42, night: 0, levels: true },
    xml: '0fd79df18ea408ca584b3a286f030ec48cddf3041132c26dd9112c38fec3d56e',
    levels: '1e6a52975000b5869b836cb57d4db6afb407937ba19a06552d1d342731a6c5d2',
  },
];

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

test('the generator writes the same bytes for the same seed as before the split (version 2)', async () => {
  assert.equal(GENERATOR_VERSION, 2, 'a new generator version needs new golden hashes');
  const dir = await tempDir();
  for (const { options, xml, levels } of GOLDEN) {
    const levelsFile = options.levels ? join(dir, `levels-${options.units}.csv`) : undefined;
    const hash = createHash('sha256');
    await generateSorXml({
      units: options.units,
      seed: options.seed,
      night: options.night,
      levelsFile,
      write: (chunk) => hash.update(chunk),
    });
    const label = JSON.stringify(options);
    assert.equal(hash.digest('hex'), xml, `export of ${label}`);
    if (levelsFile) assert.equal(sha256(await readFile(levelsFile)), levels, `levels of ${label}`);
  }
});
