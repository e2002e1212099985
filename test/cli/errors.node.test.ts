import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { MARKER_FILE } from '../../src/cli/out-folder.js';
import { FIXTURES_DIR, cli, listing, tempDir } from './helpers.js';

const fixture = (name: string): string => join(FIXTURES_DIR, name);

/** Runs a build that must fail; checks exit code 1, the message, and that --out was not touched. */
async function expectFailure(args: string[], message: RegExp): Promise<void> {
  const parent = await tempDir();
  const out = join(parent, 'snapshot');
  await mkdir(out);
  // A folder an earlier build wrote (its marker), so the build gets as far as reading the export.
  await writeFile(join(out, MARKER_FILE), 'marker');
  await writeFile(join(out, 'manifest.json'), '{"previous":"snapshot"}');
  const before = await listing(parent);
  const result = await cli('build', ...args, '--out', out);
  assert.equal(result.code, 1, `expected exit code 1, got ${result.code}: ${result.stdout}`);
  assert.match(result.stderr, message);
  // Neither the old snapshot nor the folder beside it changed: no temp folder is left either.
  assert.deepEqual(await listing(parent), before);
  assert.equal(dirname(out), parent);
}

test('malformed XML names file:line:col and the parser’s rule', async () => {
  await expectFailure(
    [fixture('malformed.xml')],
    /malformed\.xml:38:\d+: malformed XML: unexpected close tag/,
  );
});

test('a wrong root element is refused', async () => {
  await expectFailure(
    [fixture('wrong-root.xml')],
    /wrong-root\.xml:2:\d+: root element is \{urn:oio:sundhedsstyrelsen:organisation:1\.0\.0\}SorExport; a SOR export has root SorTree/,
  );
});

test('the right root in a foreign namespace is refused', async () => {
  await expectFailure(
    [fixture('wrong-namespace.xml')],
    /wrong-namespace\.xml:2:\d+: root element is \{urn:example:not-sor:1\.0\.0\}SorTree; a SOR export has root SorTree in a namespace urn:oio:sundhedsstyrelsen:organisation:<version>/,
  );
});

test('a malformed SorIdentifier is refused with the code and the rule', async () => {
  await expectFailure(
    [fixture('bad-identifier.xml')],
    /bad-identifier\.xml:32:\d+: SOR 12345: malformed SorIdentifier: SOR code "12345" has 5 digits; a SOR code has 11 to 18/,
  );
});

test('a duplicate code is refused, naming both places', async () => {
  await expectFailure(
    [fixture('duplicate-code.xml')],
    /duplicate-code\.xml:43:\d+: SOR 1031000016001: duplicate SOR code: the code is already used at .*duplicate-code\.xml:32:\d+/,
  );
});

test('an unreadable side file is refused', async () => {
  const missing = join(await tempDir(), 'missing.csv');
  await expectFailure(
    [fixture('features.xml'), '--levels', missing],
    /missing\.csv:0:0: cannot read the ID27 side file: ENOENT/,
  );
});

test('a side file with a wrong header is refused', async () => {
  await expectFailure(
    [fixture('features.xml'), '--levels', fixture('levels-bad-header.csv')],
    /levels-bad-header\.csv:1:1: ID27 side file header is "SorId,Code,Name"; expected "SorId;OrganisationalLevelCode;OrganisationalLevelName"/,
  );
});

test('a side file row with missing fields is refused', async () => {
  await expectFailure(
    [fixture('features.xml'), '--levels', fixture('levels-bad-row.csv')],
    /levels-bad-row\.csv:3:1: ID27 side file row has 2 fields; expected 3/,
  );
});

test('--strict makes warnings (empty name, unknown level) fatal', async () => {
  await expectFailure(
    ['--strict', fixture('features.xml')],
    /--strict: 2 warning\(s\) are fatal; first: .*features\.xml:\d+:\d+: SOR \d+: /,
  );
});

test('usage errors exit with 2 and point at --help', async () => {
  const result = await cli('build', fixture('features.xml'));
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    /^sor-snapshot: error: build: needs --out <dir>; run "sor-snapshot build --help" for the options\n$/,
  );
  const help = await cli('--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /sor-snapshot build <export\.xml> --out <dir>/);
});
