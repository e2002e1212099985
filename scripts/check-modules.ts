// `npm run check:cycles` (part of `npm test`): three guards on the shape of src/ that no linter
// here checks. (1) No import cycle: a cycle makes module evaluation order decide which side sees
// the other half-initialised, and it hides which layer depends on which. (2) Every import follows
// the arrows between the layers (LAYERS below, drawn in docs/architecture.md), and only Node's
// layers use Node's built-in modules. (3) No file over MAX_LINES lines: past that a file holds
// several concerns and cannot be read in one sitting (issue #13). Every import counts, `import
// type` included: a type-only cycle is still two modules that cannot be understood apart, and the
// next value import turns it into a real one.
//   node --import tsx scripts/check-modules.ts [dir]      # dir defaults to src
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The most lines a file in src/ may have (as `wc -l` counts them). */
export const MAX_LINES = 450;

/** What the modules of one layer (a top folder of src/) may import besides their own layer. */
export interface LayerRule {
  /** Layers it may import anything from. */
  imports: readonly string[];
  /** Layers it may import types from, and nothing else. */
  typesFrom?: readonly string[];
  /** Whether it may use Node's built-in modules (`node:fs`, …): only code that never runs in a browser. */
  nodeBuiltins?: boolean;
}

/**
 * The arrows between the layers of src/, bottom-up; `''` is the package entries at the top of the
 * folder (`index.ts`, `fhir.ts`). A new top folder must be added here, with what it may import.
 */
export const LAYERS: Readonly<Record<string, LayerRule>> = {
  // Helpers with no domain in them (the slice scheduler that keeps long builds off the typing path).
  util: { imports: [] },
  model: { imports: [] },
  snapshot: { imports: ['model'] },
  search: { imports: ['model', 'util'] },
  // The stored unit table keeps the names as the search index reads them.
  store: { imports: ['snapshot', 'model'], typesFrom: ['search'] },
  catalog: { imports: ['store', 'search', 'snapshot', 'model', 'util'] },
  // Components get data only through the catalog: its types included (#13).
  components: { imports: ['catalog', 'model'] },
  define: { imports: ['components'] },
  node: { imports: ['catalog', 'snapshot', 'model'], typesFrom: ['search'], nodeBuiltins: true },
  cli: { imports: ['node', 'catalog', 'search', 'snapshot', 'model'], nodeBuiltins: true },
  '': { imports: ['model', 'snapshot', 'store', 'search', 'catalog', 'components', 'define'] },
};

/** One import of a module by another, as written in the importing file. */
export interface ImportEdge {
  /** The imported module, a path relative to the scanned folder (`catalog/catalog.ts`). */
  target: string;
  /** 1-based line of the import in the importing file. */
  line: number;
  /** `import type`, `export type … from`, or a type position such as `import('…').Name`. */
  typeOnly: boolean;
}

/** Each module (path relative to the scanned folder) with the local modules it imports. */
export type ImportGraph = Map<string, ImportEdge[]>;

/** Every `.ts` file under `dir` (declaration files aside), as paths relative to `dir`, sorted. */
export function listModules(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

/**
 * The relative imports and the imports of Node built-ins of one source text (static, re-exports,
 * dynamic `import()` and type positions), each with its specifier, line and whether only types flow
 * through it. Parsed with the TypeScript compiler, so imports inside comments and strings are not
 * mistaken for real ones. Packages (`lit`, `idb`) are left out: ESLint guards those.
 */
export function readImports(
  fileName: string,
  text: string,
): { specifier: string; line: number; typeOnly: boolean }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { specifier: string; line: number; typeOnly: boolean }[] = [];
  const add = (specifier: ts.Node | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    if (!specifier.text.startsWith('.') && !isNodeBuiltin(specifier.text)) return;
    const line = source.getLineAndCharacterOfPosition(specifier.getStart(source)).line + 1;
    found.push({ specifier: specifier.text, line, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument)) add(argument.literal, true);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `node:fs`, `fs`, `fs/promises`: a module of Node itself, absent in a browser. */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]);
}

/**
 * Maps a relative specifier of `from` to a module of `modules`: `./x.js` is the source `./x.ts`
 * (the project writes ES module specifiers), a folder means its `index.ts`. Returns null for a
 * file outside the scanned folder or not a TypeScript module (a `.json`, a `.css`).
 */
export function resolveImport(from: string, specifier: string, modules: ReadonlySet<string>): string | null {
  const base = join(dirname(from), specifier).split('\\').join('/');
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, `${base}/index.ts`];
  return candidates.find((candidate) => modules.has(candidate)) ?? null;
}

/** An import of one of Node's built-in modules. */
export interface BuiltinImport {
  specifier: string;
  line: number;
}

/**
 * Reads every module under `dir`: the local imports between them (`graph`) and each module's
 * imports of Node built-ins (`builtins`).
 */
export function readModules(dir: string): { graph: ImportGraph; builtins: Map<string, BuiltinImport[]> } {
  const modules = listModules(dir);
  const known = new Set(modules);
  const graph: ImportGraph = new Map();
  const builtins = new Map<string, BuiltinImport[]>();
  for (const module of modules) {
    const edges: ImportEdge[] = [];
    const fromNode: BuiltinImport[] = [];
    for (const { specifier, line, typeOnly } of readImports(
      module,
      readFileSync(join(dir, module), 'utf8'),
    )) {
      if (!specifier.startsWith('.')) {
        fromNode.push({ specifier, line });
        continue;
      }
      const target = resolveImport(module, specifier, known);
      if (target !== null) edges.push({ target, line, typeOnly });
    }
    graph.set(module, edges);
    builtins.set(module, fromNode);
  }
  return { graph, builtins };
}

/** Every module under `dir` and the local imports between them. */
export function readImportGraph(dir: string): ImportGraph {
  return readModules(dir).graph;
}

/** The layer of a module: its top folder under the scanned folder, `''` for a file at the top. */
export function layerOf(module: string): string {
  const slash = module.indexOf('/');
  return slash < 0 ? '' : module.slice(0, slash);
}

/**
 * Every import that breaks the layer rules, as printable lines: an arrow `rules` does not allow, a
 * value import where only types may flow, a Node built-in outside Node's layers, and a module in a
 * layer `rules` does not name (so a new folder cannot slip past the rules).
 */
export function findLayerViolations(
  graph: ImportGraph,
  builtins: ReadonlyMap<string, readonly BuiltinImport[]>,
  dirLabel: string,
  rules: Readonly<Record<string, LayerRule>> = LAYERS,
): string[] {
  const problems: string[] = [];
  const unknownLayers = new Set<string>();
  const allowed = (rule: LayerRule) =>
    [...rule.imports, ...(rule.typesFrom ?? []).map((layer) => `${layer} (types only)`)].join(', ') ||
    'nothing';
  for (const [module, edges] of graph) {
    const layer = layerOf(module);
    const rule = rules[layer];
    if (!rule) {
      unknownLayers.add(layer);
      continue;
    }
    const where = `${dirLabel}/${module}`;
    for (const edge of edges) {
      const target = layerOf(edge.target);
      if (target === layer || rule.imports.includes(target)) continue;
      if (edge.typeOnly && rule.typesFrom?.includes(target)) continue;
      const label = layer === '' ? 'the entries' : `${layer}/`;
      problems.push(
        `layer rule: ${where}:${edge.line} imports ${dirLabel}/${edge.target}${edge.typeOnly ? ' (type)' : ''}; ${label} may import ${allowed(rule)}`,
      );
    }
    if (!rule.nodeBuiltins) {
      for (const { specifier, line } of builtins.get(module) ?? []) {
        problems.push(
          `layer rule: ${where}:${line} imports ${specifier}; only node/ and cli/ may use Node built-ins`,
        );
      }
    }
  }
  for (const layer of [...unknownLayers].sort()) {
    problems.push(
      `layer rule: ${dirLabel}/${layer}/ is not a known layer; add it to LAYERS in scripts/check-modules.ts with what it may import`,
    );
  }
  return problems;
}

/** One import cycle: the modules in import order, the first repeated at the end, and its edges. */
export interface ImportCycle {
  modules: string[];
  edges: ImportEdge[];
}

/**
 * One cycle per group of modules that reach each other (a strongly connected component, found
 * with Tarjan's algorithm), the shortest cycle through the group's first module. One per group,
 * not every cycle: a tangle of n modules can hold exponentially many, and breaking one import
 * usually changes the rest.
 */
export function findImportCycles(graph: ImportGraph): ImportCycle[] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let counter = 0;
  // Iterative, so a deep import chain cannot overflow the call stack.
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { module: string; next: number }[] = [{ module: root, next: 0 }];
    index.set(root, counter);
    lowLink.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.module) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++].target;
        if (!index.has(target)) {
          index.set(target, counter);
          lowLink.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ module: target, next: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.module, Math.min(lowLink.get(frame.module)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent)
        lowLink.set(parent.module, Math.min(lowLink.get(parent.module)!, lowLink.get(frame.module)!));
      if (lowLink.get(frame.module) !== index.get(frame.module)) continue;
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== frame.module);
      const selfImport = (graph.get(frame.module) ?? []).some((edge) => edge.target === frame.module);
      if (group.length > 1 || selfImport) groups.push(group.sort());
    }
  }
  return groups
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map((group) => shortestCycleThrough(graph, group[0], new Set(group)));
}

/** Breadth-first search from `start` back to itself, staying inside `group`. */
function shortestCycleThrough(graph: ImportGraph, start: string, group: ReadonlySet<string>): ImportCycle {
  const cameFrom = new Map<string, { module: string; edge: ImportEdge }>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const module = queue[head];
    for (const edge of graph.get(module) ?? []) {
      if (!group.has(edge.target)) continue;
      if (edge.target === start) {
        // Walk back from the last module to `start`, then turn the path around.
        const modules = [start];
        const edges = [edge];
        for (let at = module; at !== start; at = cameFrom.get(at)!.module) {
          modules.push(at);
          edges.push(cameFrom.get(at)!.edge);
        }
        modules.push(start);
        return { modules: modules.reverse(), edges: edges.reverse() };
      }
      if (!cameFrom.has(edge.target)) {
        cameFrom.set(edge.target, { module, edge });
        queue.push(edge.target);
      }
    }
  }
  // Unreachable for a strongly connected group; kept so a broken invariant fails loudly.
  throw new Error(`check-modules: no cycle through ${start} although it is in a cycle group`);
}

/** A cycle as one readable line: `a.ts:3 → b.ts:7 (type) → a.ts`, with the line of each import. */
export function describeCycle(cycle: ImportCycle, dirLabel: string): string {
  return cycle.modules
    .map((module, at) => {
      const edge = cycle.edges[at];
      const name = `${dirLabel}/${module}`;
      return edge ? `${name}:${edge.line}${edge.typeOnly ? ' (type)' : ''}` : name;
    })
    .join(' → ');
}

/** The modules under `dir` longer than `maxLines` lines, longest first. */
export function findLongFiles(dir: string, maxLines = MAX_LINES): { module: string; lines: number }[] {
  return listModules(dir)
    .map((module) => {
      const text = readFileSync(join(dir, module), 'utf8');
      // As `wc -l` counts: newline characters, so a last line without one is not counted.
      return { module, lines: text.split('\n').length - 1 };
    })
    .filter((file) => file.lines > maxLines)
    .sort((a, b) => b.lines - a.lines || a.module.localeCompare(b.module));
}

/** Runs the three guards on `dir`; returns the problems as printable lines (none when the folder is fine). */
export function checkModules(
  dir: string,
  dirLabel = relative(process.cwd(), dir) || '.',
  rules: Readonly<Record<string, LayerRule>> = LAYERS,
): string[] {
  const { graph, builtins } = readModules(dir);
  const problems: string[] = [];
  for (const cycle of findImportCycles(graph))
    problems.push(`import cycle: ${describeCycle(cycle, dirLabel)}`);
  problems.push(...findLayerViolations(graph, builtins, dirLabel, rules));
  for (const { module, lines } of findLongFiles(dir))
    problems.push(`${dirLabel}/${module}: ${lines} lines, over the limit of ${MAX_LINES}`);
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? 'src');
  const problems = checkModules(dir);
  const count = listModules(dir).length;
  if (problems.length > 0) {
    for (const problem of problems) console.error(problem);
    console.error(`check:cycles: ${problems.length} problem(s) in ${count} modules`);
    process.exit(1);
  }
  console.log(
    `check:cycles: ${count} modules, no import cycle, every import along the layers, none over ${MAX_LINES} lines`,
  );
}
