import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CliError, EXIT } from '../../src/cli/cli-error.js';
import { usageError, wholeNumberOption } from '../../src/cli/commands/command.js';

test('a usage error names the command and its --help; whole numbers or a default', () => {
  const error = usageError('build', 'needs --out <dir>');
  assert.ok(error instanceof CliError);
  assert.equal(error.exitCode, EXIT.usage);
  assert.equal(error.message, 'build: needs --out <dir>; run "sor-snapshot build --help" for the options');
  assert.equal(wholeNumberOption('generate', '42', '--units'), 42);
  assert.equal(wholeNumberOption('generate', undefined, '--seed', 1), 1);
  assert.throws(() => wholeNumberOption('generate', undefined, '--units'), /generate: --units is required/);
  assert.throws(
    () => wholeNumberOption('generate', '-3', '--units'),
    /--units must be a whole number, got "-3"/,
  );
  assert.throws(() => wholeNumberOption('generate', true, '--units'), /got "true"/);
});
