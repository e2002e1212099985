// The src/ shape guards of `npm run check:cycles`: import cycles (with their path), imports against
// the layer arrows, and files over 450 lines, on small module trees written to a temporary folder.
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
  isNodeBuiltin,
  LAYERS,
  layerOf,
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
      "import { readFile } from 'node:fs/promises';",
      "import { join } from 'path';",
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
    { specifier: 'node:fs/promises', line: 9, typeOnly: false },
    { specifier: 'path', line: 10, typeOnly: false },
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

test('Node built-ins are told from packages', () => {
  for (const builtin of ['node:fs', 'node:test', 'fs', 'fs/promises', 'path', 'crypto'])
    assert.ok(isNodeBuiltin(builtin), builtin);
  for (const other of ['lit', '@lit/task', 'idb', 'fuse.js/basic', 'fsevents', 'pathe'])
    assert.ok(!isNodeBuiltin(other), other);
});

test('a module belongs to the layer of its top folder; files at the top are the entries', () => {
  assert.equal(layerOf('components/picker/picker.ts'), 'components');
  assert.equal(layerOf('model/types.ts'), 'model');
  assert.equal(layerOf('index.ts'), '');
});

test('imports along the layer arrows pass, within a layer, downwards, and types where only types may flow', () => {
  const dir = moduleTree({
    'index.ts': "export * from './components/picker.js';\nexport * from './catalog/catalog.js';\n",
    'model/types.ts': 'export interface SorUnit { sorCode: string }\n',
    'model/codes.ts':
      "import type { SorUnit } from './types.js';\nexport const code = (unit: SorUnit) => unit.sorCode;\n",
    'search/types.ts':
      "import type { SorUnit } from '../model/types.js';\nexport type Hit = { unit: SorUnit };\n",
    'store/table.ts': "import type { Hit } from '../search/types.js';\nexport const hits: Hit[] = [];\n",
    'catalog/catalog.ts': "import { hits } from '../store/table.js';\nexport const catalog = hits;\n",
    'components/picker.ts':
      "import { catalog } from '../catalog/catalog.js';\nexport const picker = catalog;\n",
    'node/files.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  });
  assert.deepEqual(checkModules(dir, 'src'), []);
});

test('an import against the arrows is named with its line and what the layer may import', () => {
  const dir = moduleTree({
    'model/types.ts': 'export const model = 1;\n',
    'store/store.ts': 'export const store = 1;\n',
    'search/types.ts': 'export const search = 1;\n',
    // #13's third rule: components take even types through the catalog, never from search.
    'components/picker.ts':
      "import { model } from '../model/types.js';\nimport type { search } from '../search/types.js';\n",
    'components/tree.ts': "\nimport { store } from '../store/store.js';\n",
    // Only types may flow from search into store.
    'store/table.ts': "import { search } from '../search/types.js';\n",
    // The model is the bottom: it imports no other layer.
    'model/codes.ts': "import { store } from '../store/store.js';\n",
  });
  assert.deepEqual(checkModules(dir, 'src'), [
    'layer rule: src/components/picker.ts:2 imports src/search/types.ts (type); components/ may import catalog, model',
    'layer rule: src/components/tree.ts:2 imports src/store/store.ts; components/ may import catalog, model',
    'layer rule: src/model/codes.ts:1 imports src/store/store.ts; model/ may import nothing',
    'layer rule: src/store/table.ts:1 imports src/search/types.ts; store/ may import snapshot, model, search (types only)',
  ]);
});

test('only node/ and cli/ may use Node built-ins, and a folder missing from the rules is reported', () => {
  const dir = moduleTree({
    'catalog/open.ts':
      "// reads the snapshot\nimport { readFile } from 'node:fs/promises';\nconst crypto = await import('crypto');\n",
    'cli/main.ts': "import { argv } from 'node:process';\n",
    'node/index.ts': "import { join } from 'path';\n",
    'helpers/slices.ts': "import { readFile } from 'node:fs';\n",
    'util/slices.ts': "import { readFile } from 'node:fs';\n",
  });
  assert.deepEqual(checkModules(dir, 'src'), [
    'layer rule: src/catalog/open.ts:2 imports node:fs/promises; only node/ and cli/ may use Node built-ins',
    'layer rule: src/catalog/open.ts:3 imports crypto; only node/ and cli/ may use Node built-ins',
    'layer rule: src/util/slices.ts:1 imports node:fs; only node/ and cli/ may use Node built-ins',
    'layer rule: src/helpers/ is not a known layer; add it to LAYERS in scripts/check-modules.ts with what it may import',
  ]);
});

test('the layer rules name only layers they define, and no layer imports the CLI', () => {
  for (const [layer, rule] of Object.entries(LAYERS)) {
    for (const target of [...rule.imports, ...(rule.typesFrom ?? [])]) {
      assert.ok(target in LAYERS, `${layer || 'the entries'} → ${target}: not a layer`);
      assert.notEqual(target, 'cli', `${layer || 'the entries'} may not import the CLI`);
    }
  }
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
  assert.match(
    passing.stdout,
    /2 modules, no import cycle, every import along the layers, none over 450 lines/,
  );
});
