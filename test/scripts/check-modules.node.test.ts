// The src/ shape guards of `npm run check:cycles`: import cycles (with their path) and files over
// 450 lines, on small module trees written to a temporary folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  checkModules,
  findImportCycles,
  findLongFiles,
  MAX_LINES,
  readImportGraph,
  readImports,
} from '../../scripts/check-modules.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const folders: string[] = [];
after(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** Writes `files` (path → text) into a fresh temporary folder and returns it. */
function moduleTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sor-check-modules-'));
  folders.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, dirname(path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const lines = (count: number) => 'export const x = 1;\n'.repeat(count);

test('reads static, re-exported, dynamic and type-position imports, not those in comments or strings', () => {
  const imports = readImports(
    'a.ts',
    [
      "import { b } from './b.js';",
      "import type { C } from './c.js';",
      "export { d } from './d.js';",
      "export type { E } from './e.js';",
      "import './side-effect.js';",
      "const f = await import('./f.js');",
      "let g: import('./g.js').G;",
      "import { html } from 'lit';",
      "// import { h } from './h.js';",
      'const text = "import { i } from \'./i.js\'";',
    ].join('\n'),
  );
  assert.deepEqual(imports, [
    { specifier: './b.js', line: 1, typeOnly: false },
    { specifier: './c.js', line: 2, typeOnly: true },
    { specifier: './d.js', line: 3, typeOnly: false },
    { specifier: './e.js', line: 4, typeOnly: true },
    { specifier: './side-effect.js', line: 5, typeOnly: false },
    { specifier: './f.js', line: 6, typeOnly: false },
    { specifier: './g.js', line: 7, typeOnly: true },
  ]);
});

test('resolves .js specifiers to the .ts sources, folders to their index, and leaves out other files', () => {
  const dir = moduleTree({
    'a.ts': "import { b } from './b.js';\nimport { c } from './c';\nimport data from './data.json';\n",
    'b.ts': "export { d } from './sub/index.js';\nexport { e } from './sub';\n",
    'c.ts': 'export const c = 1;\n',
    'sub/index.ts': "export { x } from '../../outside.js';\n",
    'types.d.ts': "import { a } from './a.js';\n",
  });
  const graph = readImportGraph(dir);
  assert.deepEqual(
    [...graph.keys()],
    ['a.ts', 'b.ts', 'c.ts', 'sub/index.ts'],
    'declaration files are skipped',
  );
  assert.deepEqual(
    graph.get('a.ts')!.map((edge) => edge.target),
    ['b.ts', 'c.ts'],
  );
  assert.deepEqual(
    graph.get('b.ts')!.map((edge) => edge.target),
    ['sub/index.ts', 'sub/index.ts'],
  );
  assert.deepEqual(graph.get('sub/index.ts'), [], 'an import outside the folder is not an edge');
});

test('a tree without cycles passes', () => {
  const dir = moduleTree({
    'model.ts': 'export const m = 1;\n',
    'store.ts': "import { m } from './model.js';\nexport const s = m;\n",
    'catalog.ts':
      "import { m } from './model.js';\nimport { s } from './store.js';\nexport const c = m + s;\n",
  });
  assert.deepEqual(findImportCycles(readImportGraph(dir)), []);
  assert.deepEqual(checkModules(dir, 'src'), []);
});

test('a two-module cycle is reported with its path and the line of each import, type-only edges marked', () => {
  // The shape #13 names: catalog.ts imports open-catalog.ts, which imports a type back.
  const dir = moduleTree({
    'catalog/catalog.ts':
      "// the catalog\nimport { open } from './open-catalog.js';\nexport const c = open;\n",
    'catalog/open-catalog.ts': "import type { C } from './catalog.js';\nexport const open = 1;\n",
  });
  assert.deepEqual(checkModules(dir, 'src'), [
    'import cycle: src/catalog/catalog.ts:2 → src/catalog/open-catalog.ts:1 (type) → src/catalog/catalog.ts',
  ]);
});

test('a longer cycle, a self-import and a separate tangle are each reported once, by the shortest path', () => {
  const dir = moduleTree({
    'a.ts': "import './b.js';\n",
    'b.ts': "import './c.js';\n",
    'c.ts': "import './a.js';\nimport './d.js';\n",
    'd.ts': 'export {};\n',
    'self.ts': "import './self.js';\n",
    // x ⇄ y and y ⇄ z: one group of three modules, reported once.
    'x.ts': "import './y.js';\n",
    'y.ts': "import './x.js';\nimport './z.js';\n",
    'z.ts': "import './y.js';\n",
  });
  const cycles = findImportCycles(readImportGraph(dir)).map((cycle) => cycle.modules.join(' → '));
  assert.deepEqual(cycles, ['a.ts → b.ts → c.ts → a.ts', 'self.ts → self.ts', 'x.ts → y.ts → x.ts']);
});

test('a long import chain does not overflow the stack', () => {
  const length = 20_000;
  const graph = new Map(
    Array.from({ length }, (_, at) => [
      `m${at}.ts`,
      at + 1 < length ? [{ target: `m${at + 1}.ts`, line: 1, typeOnly: false }] : [],
    ]),
  );
  assert.deepEqual(findImportCycles(graph), []);
  graph.get(`m${length - 1}.ts`)!.push({ target: 'm0.ts', line: 1, typeOnly: false });
  assert.equal(findImportCycles(graph)[0].modules.length, length + 1);
});

test(`files over ${MAX_LINES} lines are named with their line count, counted as wc -l does`, () => {
  const dir = moduleTree({
    'ok.ts': lines(MAX_LINES),
    'no-final-newline.ts': `${lines(MAX_LINES)}export const y = 2;`,
    'search/big.ts': lines(MAX_LINES + 1),
    'bigger.ts': lines(MAX_LINES + 50),
  });
  assert.deepEqual(findLongFiles(dir), [
    { module: 'bigger.ts', lines: MAX_LINES + 50 },
    { module: 'search/big.ts', lines: MAX_LINES + 1 },
  ]);
  assert.deepEqual(checkModules(dir, 'src'), [
    `src/bigger.ts: ${MAX_LINES + 50} lines, over the limit of ${MAX_LINES}`,
    `src/search/big.ts: ${MAX_LINES + 1} lines, over the limit of ${MAX_LINES}`,
  ]);
});

test('the script exits 1 and prints each problem, or exits 0 with a summary', () => {
  const run = (dir: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-modules.ts', dir], {
      cwd: repo,
      encoding: 'utf8',
    });
  const failing = run(
    moduleTree({ 'a.ts': "import './b.js';\n", 'b.ts': "import type {} from './a.js';\n" }),
  );
  assert.equal(failing.status, 1, failing.stderr);
  assert.match(failing.stderr, /import cycle: .*a\.ts:1 → .*b\.ts:1 \(type\) → .*a\.ts\n/);
  assert.match(failing.stderr, /1 problem\(s\) in 2 modules/);

  const passing = run(moduleTree({ 'a.ts': "import './b.js';\n", 'b.ts': '' }));
  assert.equal(passing.status, 0, passing.stderr);
  assert.match(passing.stdout, /2 modules, no import cycle, none over 450 lines/);
});
