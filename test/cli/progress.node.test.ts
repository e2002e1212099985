import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReadProgress } from '../../src/cli/progress.js';

/** A progress reporter on a clock the test moves by hand. */
function reporter(isTty: boolean): {
  progress: ReadProgress;
  output: string[];
  /** For each step: moves the clock by `ms`, then reports `bytes` and `units` read so far. */
  read: (steps: [ms: number, bytes: number, units: number][]) => void;
} {
  let now = 0;
  const output: string[] = [];
  const progress = new ReadProgress({
    write: (text) => output.push(text),
    isTty,
    label: 'export.xml',
    totalBytes: 40e6,
    now: () => now,
  });
  const read = (steps: [ms: number, bytes: number, units: number][]) => {
    for (const [ms, bytes, units] of steps) {
      now += ms;
      progress.update(bytes, units);
    }
  };
  return { progress, output, read };
}

test('in a log: a plain line every 5 s with the share, MB, units and MB/s, then a closing line', () => {
  const { progress, output, read } = reporter(false);
  read([[1000, 4e6, 1000]]);
  assert.deepEqual(output, [], 'nothing before 5 s: a short build logs only its closing line');
  read([
    [4000, 20e6, 50_000],
    [1000, 24e6, 60_000],
    [4000, 40e6, 100_000],
  ]);
  progress.finish(40e6, 100_000);
  assert.deepEqual(output, [
    'reading export.xml: 50%, 20.0 of 40.0 MB, 50,000 units, 4.0 MB/s\n',
    'reading export.xml: 100%, 40.0 of 40.0 MB, 100,000 units, 4.0 MB/s\n',
    'read export.xml: 40.0 MB, 100,000 units in 10.0 s (4.0 MB/s)\n',
  ]);
});

test('on a terminal: one bar redrawn in place, cleared before the closing line', () => {
  const { progress, output, read } = reporter(true);
  read([
    [200, 10e6, 25_000],
    [50, 11e6, 26_000],
    [150, 20e6, 50_000],
  ]);
  progress.finish(40e6, 100_000);
  assert.equal(output.length, 4, 'the update 50 ms after the last is not drawn');
  assert.equal(
    output[0],
    '\r\x1b[Kreading export.xml [######..................] 25% 10.0 of 40.0 MB, 25,000 units, 50.0 MB/s',
  );
  assert.ok(
    output[1].startsWith(`\r\x1b[Kreading export.xml [${'#'.repeat(12)}${'.'.repeat(12)}] 50% `),
    output[1],
  );
  assert.equal(output[2], '\r\x1b[K');
  assert.match(output[3], /^read export\.xml: 40\.0 MB, 100,000 units in 0\.4 s/);
});
