import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMMANDS } from '../../src/cli/main.js';
import { readManifest } from '../../src/cli/snapshot-dir.js';
import { FIXTURES_DIR, cli, oneLine, tempDir, writeGeneratedExport } from './helpers.js';

const features = join(FIXTURES_DIR, 'features.xml');

test('the first night: --previous pointing at a missing folder says so in one line and exits 0', async () => {
  const dir = await tempDir();
  const input = await writeGeneratedExport(dir, { units: 600 });
  // The README's nightly command, on a machine that never built a snapshot.
  const snapshot = join(dir, 'snapshot');
  const result = await cli('build', input, '--previous', snapshot, '--out', snapshot);
  assert.equal(result.code, 0, result.stderr);
  const firstNight = result.stderr.split('\n').filter((line) => /first night/.test(line));
  assert.deepEqual(firstNight, [
    `--previous ${snapshot} holds no snapshot yet: first night, built without a delta`,
  ]);
  assert.match(result.stdout, /no new delta \(first night\)/);
  const { manifest } = await readManifest(snapshot);
  assert.deepEqual(manifest.deltas, []);
  // The second night has a previous snapshot, and a delta from it.
  const next = await writeGeneratedExport(dir, { units: 600, night: 1, name: 'night-1.xml' });
  const second = await cli('build', next, '--previous', snapshot, '--out', snapshot);
  assert.equal(second.code, 0, second.stderr);
  assert.doesNotMatch(second.stderr, /first night/);
  assert.equal((await readManifest(snapshot)).manifest.deltas.length, 1);
});

test('inspect on a missing folder: one clear line, exit 1', async () => {
  const missing = join(await tempDir(), 'nothing-here');
  const result = await cli('inspect', missing);
  assert.equal(result.code, 1);
  assert.match(
    oneLine(result.stderr),
    /^sor-snapshot: error: no snapshot at .*nothing-here \(.*manifest\.json does not exist\); give a folder that "sor-snapshot build --out" wrote$/,
  );
  assert.equal(result.stdout, '');
});

const usageErrors: [string[], RegExp][] = [
  [
    ['generate', '--units', '10'],
    /generate: --units must be at least 500; run "sor-snapshot generate --help"/,
  ],
  [['generate', '--units', 'many'], /generate: --units must be a whole number, got "many"/],
  [['generate', '--units', '600', 'extra'], /generate: takes no argument "extra"/],
  [
    ['build', features, '--out', 'x', '--bogus'],
    /build: unknown option --bogus; run "sor-snapshot build --help"/,
  ],
  [['build', features, '--out'], /build: --out needs a value/],
  [['build', features], /build: needs --out <dir>/],
  [['build', '--out', 'x'], /build: takes exactly one export file, got 0/],
  [['build', features, '--out', 'x', '--history', 'seven'], /build: --history must be a whole number/],
  [['inspect', '--verbose', 'x'], /inspect: unknown option --verbose; run "sor-snapshot inspect --help"/],
  [['inspect'], /inspect: takes one snapshot folder or manifest\.json/],
  [['publish', 'x'], /unknown command "publish"; the commands are build, generate, inspect/],
];

for (const [args, message] of usageErrors) {
  test(`usage error, one line, exit 2: sor-snapshot ${args.join(' ')}`, async () => {
    const result = await cli(...args);
    assert.equal(result.code, 2, result.stderr);
    assert.match(oneLine(result.stderr), message);
    assert.match(result.stderr, /^sor-snapshot: error: /);
  });
}

test('a build whose export does not exist: one line naming it, exit 1, nothing created', async () => {
  const dir = await tempDir();
  const result = await cli('build', join(dir, 'missing.xml'), '--out', join(dir, 'snapshot'));
  assert.equal(result.code, 1);
  assert.match(oneLine(result.stderr), /missing\.xml:0:0: cannot read the export: ENOENT/);
  assert.deepEqual(await import('node:fs/promises').then((fs) => fs.readdir(dir)), []);
});

test('--help per command: usage and options on stdout, exit 0, for build, generate and inspect', async () => {
  for (const command of COMMANDS) {
    for (const args of [
      [command.name, '--help'],
      [command.name, '-h'],
      ['help', command.name],
    ]) {
      const result = await cli(...args);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stderr, '');
      assert.ok(result.stdout.startsWith(`sor-snapshot ${command.name} `), result.stdout);
      for (const option of Object.keys(command.options))
        assert.match(result.stdout, new RegExp(`--${option}\\b`), `${command.name} --help names --${option}`);
    }
  }
  // --help wins over missing arguments: the operator asking how is not told off.
  assert.equal((await cli('build', '--help')).code, 0);
  const overall = await cli('--help');
  assert.equal(overall.code, 0);
  assert.match(overall.stdout, /Exit codes: 0 done; 1 bad input/);
  const none = await cli();
  assert.equal(none.code, 2);
  assert.match(none.stderr, /sor-snapshot build <export\.xml> --out <dir>/);
});

test('progress and summary: a closing "read" line with units and MB/s on stderr when not a terminal', async () => {
  const dir = await tempDir();
  const input = await writeGeneratedExport(dir, { units: 600 });
  const result = await cli('build', input, '--out', join(dir, 'snapshot'));
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /^read export\.xml: \d+\.\d MB, 600 units in \d+\.\d s \(\d+\.\d MB\/s\)$/m);
  // No terminal: no carriage returns or escape codes in a log.
  assert.ok(!result.stderr.includes('\r') && !result.stderr.includes('\x1b'), result.stderr);
  assert.match(result.stdout, /^built .*: snapshot [0-9a-f]+ \(\d{4}-\d\d-\d\d\), 600 units \[SYNTHETIC\]$/m);
});

test('--quiet prints nothing on success', async () => {
  const dir = await tempDir();
  const input = await writeGeneratedExport(dir, { units: 600 });
  const result = await cli(
    'build',
    input,
    '--out',
    join(dir, 'snapshot'),
    '--quiet',
    '--previous',
    join(dir, 'none'),
  );
  assert.equal(result.code, 0);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr, '');
});

test('--json: one machine-readable summary on stdout; a failure as {"ok":false,...}', async () => {
  const dir = await tempDir();
  const input = await writeGeneratedExport(dir, { units: 600 });
  const out = join(dir, 'snapshot');
  const result = await cli('build', input, '--out', out, '--json', '--previous', join(dir, 'none'));
  assert.equal(result.code, 0, result.stderr);
  const summary = JSON.parse(result.stdout);
  const { manifest } = await readManifest(out);
  assert.deepEqual(
    { ...summary, seconds: 0 },
    {
      ok: true,
      out,
      snapshot: {
        id: manifest.id,
        sourceDate: manifest.sourceDate,
        unitCount: 600,
        synthetic: manifest.synthetic?.label,
      },
      full: { url: manifest.full.url, bytes: manifest.full.bytes, jsonBytes: summary.full.jsonBytes },
      delta: null,
      deltasInHistory: 0,
      firstNight: true,
      inputBytes: (await readFile(input)).byteLength,
      seconds: 0,
      warnings: { count: 0, byRule: {}, first: [] },
    },
  );
  const inspected = await cli('inspect', out, '--json');
  assert.equal(inspected.code, 0);
  assert.deepEqual(JSON.parse(inspected.stdout), {
    ok: true,
    snapshot: manifest,
    files: [{ url: manifest.full.url, ok: true, message: `ok (${manifest.full.bytes} bytes)` }],
  });
  const failed = await cli('build', join(dir, 'missing.xml'), '--out', out, '--json');
  assert.equal(failed.code, 1);
  const error = JSON.parse(failed.stdout);
  assert.equal(error.ok, false);
  assert.equal(error.exitCode, 1);
  assert.match(error.error, /missing\.xml:0:0: cannot read the export/);
});

test('warnings on stderr: "N warnings (first 10 shown)", the count per rule, then ten lines', async () => {
  const dir = await tempDir();
  const generated = await writeGeneratedExport(dir, { units: 600 });
  // Twelve units lose their name: twelve "empty name" warnings.
  let emptied = 0;
  const xml = (await readFile(generated, 'utf8')).replace(/<EntityName>[^<]*<\/EntityName>/g, (name) =>
    emptied++ < 12 ? '<EntityName></EntityName>' : name,
  );
  const input = join(dir, 'empty-names.xml');
  await writeFile(input, xml);
  const result = await cli('build', input, '--out', join(dir, 'snapshot'), '--json');
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stderr.split('\n');
  const head = lines.findIndex((line) => line.startsWith('12 warnings'));
  assert.equal(lines[head], '12 warnings (first 10 shown): empty name 12');
  const shown = lines.slice(head + 1).filter((line) => line.startsWith('  warning: '));
  assert.equal(shown.length, 10);
  assert.match(shown[0], /^ {2}warning: .*empty-names\.xml:\d+:\d+: SOR \d+: empty name$/);
  const summary = JSON.parse(result.stdout);
  assert.equal(summary.warnings.count, 12);
  assert.deepEqual(summary.warnings.byRule, { 'empty name': 12 });
  assert.equal(summary.warnings.first.length, 10);
  assert.equal(summary.warnings.first[0].rule, 'empty name');
  // --quiet keeps the warnings out of the log too.
  const quiet = await cli('build', input, '--out', join(dir, 'quiet'), '--quiet');
  assert.equal(quiet.stderr, '');
});
