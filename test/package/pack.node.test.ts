// What `npm publish` would upload, read from `npm pack --dry-run --json`: everything a vendor
// needs (ESM, types, source maps, the CDN bundle, the manifest, the CLI, the docs) and nothing
// else (tests, TypeScript sources, demo data, the Storybook build). Runs after `npm run build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('../../', import.meta.url).pathname;

interface PackResult {
  name: string;
  files: { path: string; size: number }[];
}

function packedFiles(): string[] {
  assert.ok(existsSync(`${root}dist/cdn/sor-picker.js`), 'dist is missing: run `npm run build` first');
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [result] = JSON.parse(output) as PackResult[];
  assert.equal(result.name, 'sor-picker');
  return result.files.map((file) => file.path);
}

test('npm pack publishes the built package, its types, manifest, CLI and docs, and nothing else', () => {
  const files = packedFiles();
  const has = (path: string) => assert.ok(files.includes(path), `packed: ${path}`);

  for (const path of [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'custom-elements.json',
    'bin/sor-snapshot.js',
    'dist/cli/sor-snapshot.js',
    'dist/index.js',
    'dist/types/index.d.ts',
    'dist/cdn/sor-picker.js',
    'dist/cdn/sor-picker.js.map',
  ])
    has(path);
  for (const tag of ['sor-picker', 'sor-tree', 'sor-sync-status']) {
    has(`dist/define/${tag}.js`);
    has(`dist/define/${tag}.js.map`);
    has(`dist/types/define/${tag}.d.ts`);
  }

  assert.ok(
    files.some((path) => /^dist\/components\/.+\.js\.map$/.test(path)),
    'source maps of the component modules are packed',
  );

  const unwanted = files.filter(
    (path) =>
      /^(test|src|stories|demo|storybook-static|docs|\.storybook|node_modules)\//.test(path) ||
      (path.endsWith('.ts') && !path.endsWith('.d.ts')) ||
      /\.test\.|\.stories\.|\.json\.gz$|\.png$/.test(path) ||
      (path.startsWith('bin/') && path !== 'bin/sor-snapshot.js'),
  );
  assert.deepEqual(unwanted, [], 'nothing but the package is published');
});

test('every file the exports map and bin point at is in the pack', () => {
  const files = new Set(packedFiles());
  const pkg = JSON.parse(
    execFileSync('npm', ['pkg', 'get', 'exports', 'bin', '--json'], { cwd: root, encoding: 'utf8' }),
  ) as {
    exports: Record<string, string | Record<string, string>>;
    bin: Record<string, string>;
  };
  const targets = [
    ...Object.values(pkg.exports).flatMap((target) =>
      typeof target === 'string' ? [target] : Object.values(target),
    ),
    ...Object.values(pkg.bin),
  ];
  for (const target of targets) assert.ok(files.has(target.replace(/^\.\//, '')), `packed: ${target}`);
});
