// What `npm publish` would upload, read from `npm pack --dry-run --json`: everything a vendor
// needs (ESM, types, source maps, the CDN bundle, the manifest, the React TSX typings, the CLI,
// the docs and the usage examples the README links to) and nothing else (tests, TypeScript
// sources, demo data, the Storybook build). Runs after `npm run build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  homepage: string;
  repository: { type: string; url: string };
  bugs: { url: string };
  exports: Record<string, string | Record<string, string>>;
};
/** The project's public home, as package.json names it (`git+https://…/name.git` → `https://…/name`). */
const projectUrl = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

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
    'dist/react/jsx.d.ts',
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
      /^(test|src|stories|demo|storybook-static|\.storybook|node_modules)\//.test(path) ||
      // docs/: the prose and the usage examples' sources, not their tsconfig or Storybook pages.
      (path.startsWith('docs/') && !/\.md$|^docs\/usage\/.+\.(html|tsx?)$/.test(path)) ||
      (path.endsWith('.ts') && !path.endsWith('.d.ts') && !path.startsWith('docs/usage/')) ||
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

/** The targets of the README's Markdown links `[text](target)`, in order, with their line. */
function readmeLinks(): { target: string; line: number }[] {
  const links: { target: string; line: number }[] = [];
  readFileSync(`${root}README.md`, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g))
        links.push({ target: match[1], line: index + 1 });
    });
  return links;
}

test('every file the README links to relatively is in the pack; other links are absolute', () => {
  const files = new Set(packedFiles());
  const links = readmeLinks();
  assert.ok(links.length >= 5, 'the README has links to check');
  const broken = links
    .filter(({ target }) => !/^(https?:|mailto:|#)/.test(target))
    .filter(({ target }) => !files.has(target.replace(/^\.\//, '').replace(/#.*$/, '')))
    .map(({ target, line }) => `README.md:${line}: ${target} is not in the pack (link it absolutely)`);
  assert.deepEqual(broken, []);
  // A link into the repository must use the one URL package.json names, not a guess of its own.
  const elsewhere = links
    .filter(({ target }) => /^https:\/\/github\.com\//.test(target) && !target.startsWith(`${projectUrl}/`))
    .map(({ target, line }) => `README.md:${line}: ${target} is not under ${projectUrl}`);
  assert.deepEqual(elsewhere, []);
});

test('package.json names the project home, repository and issue tracker under one public URL', () => {
  assert.equal(pkg.repository.type, 'git');
  assert.match(pkg.repository.url, /^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
  assert.equal(pkg.homepage, `${projectUrl}#readme`);
  assert.equal(pkg.bugs.url, `${projectUrl}/issues`);
});

test('the React TSX typings are packed and exported as sor-picker/react', () => {
  assert.deepEqual(pkg.exports['./react'], { types: './dist/react/jsx.d.ts' });
  assert.ok(packedFiles().includes('dist/react/jsx.d.ts'));
});
