// The React 19 TSX typings as a vendor gets them: the package is packed (`npm pack`), unpacked
// into a fresh project's node_modules and type-checked there with `strict` and `skipLibCheck:
// false`. A component that uses every attribute, property and event of the three elements
// compiles; misspelt props, wrong values and wrong event types are reported by tsc.
// Runs after `npm run build`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
let project: string;

before(() => {
  assert.ok(existsSync(join(root, 'dist/react/jsx.d.ts')), 'dist is missing: run `npm run build` first');
  project = mkdtempSync(join(tmpdir(), 'sor-picker-jsx-'));
  const [tarball] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', project], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  ) as { filename: string }[];
  const installed = join(project, 'node_modules/sor-picker');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(project, tarball.filename), '-C', installed, '--strip-components=1']);
  // Its dependencies (lit, idb, …) and React's types, as `npm install` would have put them.
  for (const entry of readdirSync(join(root, 'node_modules')))
    if (!entry.startsWith('.') && entry !== 'sor-picker')
      symlinkSync(join(root, 'node_modules', entry), join(project, 'node_modules', entry));
});

after(() => project && rmSync(project, { recursive: true, force: true }));

/** Type-checks `files` in the vendor project; answers tsc's diagnostics, one per line. */
function typecheck(files: Record<string, string>): { ok: boolean; errors: string[] } {
  const dir = mkdtempSync(join(project, 'app-'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        jsx: 'react-jsx',
        types: [],
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        isolatedModules: true,
        verbatimModuleSyntax: true,
      },
      include: ['*.tsx'],
    }),
  );
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const run = spawnSync(
    join(root, 'node_modules/.bin/tsc'),
    ['-p', join(dir, 'tsconfig.json'), '--pretty', 'false'],
    {
      encoding: 'utf8',
    },
  );
  // One diagnostic per entry: its first line names file, line and code; the rest explain it.
  const errors = run.stdout.split(/\n(?=\S)/).filter((text) => /error TS\d+/.test(text));
  return { ok: run.status === 0, errors };
}

// Every attribute (kebab-case), writable property (camelCase) and event of the three elements.
const EVERY_PROP = `import type {} from 'sor-picker/react';
import type { SorCatalog, SorOptionRenderer, SorPicker, SorSelection, SorTree } from 'sor-picker';
import { useRef } from 'react';

export function EveryProp({ catalog, render }: { catalog: SorCatalog; render: SorOptionRenderer }) {
  const picker = useRef<SorPicker>(null);
  const tree = useRef<SorTree>(null);
  const chosen: (SorSelection | null)[] = []; // null: the user cleared the field
  return (
    <>
      <sor-picker
        ref={picker}
        id="receiver"
        className="wide"
        catalog={catalog}
        src="/snapshot/manifest.json"
        value="49421000016004"
        name="receiver"
        required
        disabled={false}
        readonly={false}
        multiple={false}
        debounce={150}
        min-chars="2"
        minChars={2}
        group-by="institution"
        groupBy=""
        renderOption={render}
        label="Modtager"
        placeholder="Søg"
        max-results={20}
        maxResults={20}
        strings={{ noMatch: (query) => 'Intet fundet for ' + query }}
        value-type="shak"
        valueType="sor"
        selectable-levels="Afdeling Afsnit"
        selectableLevels="Afdeling"
        resolve-level="Afdeling"
        resolveLevel="Afdeling"
        purpose="addressing"
        as-of="2026-11-26"
        asOf="2026-11-26"
        include-retired
        includeRetired={false}
        onsor-select={(event) => chosen.push(event.detail)}
        onchange={(event) => event.target}
      />
      <sor-tree
        ref={tree}
        catalog={catalog}
        src="/snapshot/manifest.json"
        value="49421000016004"
        value-type="sor"
        valueType="shak"
        name="unit"
        required={false}
        disabled={false}
        readonly
        label="Filtrér"
        selectable-levels="Afsnit"
        selectableLevels="Afsnit"
        resolve-level="Afdeling"
        resolveLevel="Afdeling"
        purpose=""
        as-of="2026-11-26"
        asOf="2026-11-26"
        include-retired={true}
        includeRetired
        show-shak
        showShak
        filter-limit={200}
        filterLimit={200}
        strings={{}}
        onsor-select={(event) => chosen.push(event.detail)}
        onchange={() => undefined}
      />
      <sor-sync-status
        catalog={catalog}
        src="/snapshot/manifest.json"
        strings={{}}
        onsor-sync-request={(event) => event.preventDefault()}
      />
    </>
  );
}
`;

test('a component using every attribute, property and event type-checks against the packed typings', () => {
  const result = typecheck({ 'every-prop.tsx': EVERY_PROP });
  assert.deepEqual(result.errors, []);
  assert.ok(result.ok);
});

test('the fixture above uses every attribute, writable property and event the manifest lists', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const missing: string[] = [];
  for (const module of manifest.modules)
    for (const element of module.declarations ?? []) {
      if (!element.tagName) continue;
      const start = EVERY_PROP.indexOf(`<${element.tagName}`);
      const usage = EVERY_PROP.slice(start, EVERY_PROP.indexOf('/>', start));
      const names = [
        ...element.attributes.map((attribute: { name: string }) => attribute.name),
        ...element.members
          .filter(
            (member: { kind: string; static?: boolean; readonly?: boolean; privacy?: string }) =>
              member.kind === 'field' && !member.static && !member.readonly && !member.privacy,
          )
          .map((member: { name: string }) => member.name),
        ...element.events.map((event: { name: string }) => `on${event.name}`),
      ];
      for (const name of names)
        if (!new RegExp(`\\n\\s+${name}[\\s=]`).test(usage)) missing.push(`<${element.tagName}> ${name}`);
    }
  assert.deepEqual(missing, []);
});

test('misspelt props, wrong values and wrong event types fail to type-check', () => {
  const lines = [
    `/// <reference types="sor-picker/react" />`,
    `export const wrong = [`,
    `  <sor-picker maxResult={5} />,`, // 3: misspelt property
    `  <sor-picker value-type="sorr" />,`, // 4: not one of 'sor' | 'shak'
    `  <sor-picker max-results={true} />,`, // 5: a number, not a boolean
    `  <sor-tree onsor-select={(event: KeyboardEvent) => event.key} />,`, // 6: wrong event type
    `  <sor-picker onsor-select={(event) => event.detail?.sorCodee} />,`, // 7: no such field
    `  <sor-sync-status lable="x" />,`, // 8: misspelt attribute
    // 9: no error, by TypeScript's rule for JSX: a name with a hyphen that the element does not
    // declare is let through (as data-* and aria-* are), so a misspelt kebab-case attribute
    // is only caught in its camelCase spelling (line 3).
    `  <sor-tree group-by="institution" />,`,
    `];`,
  ];
  const { ok, errors } = typecheck({ 'wrong.tsx': lines.join('\n') });
  assert.equal(ok, false);
  const lineOf = (error: string) => Number(/\.tsx\((\d+),/.exec(error)?.[1]);
  assert.deepEqual(
    [...new Set(errors.map(lineOf))].sort((a, b) => a - b),
    [3, 4, 5, 6, 7, 8],
    `tsc reported:\n${errors.join('\n')}`,
  );
  assert.match(
    errors.find((error) => lineOf(error) === 3) ?? '',
    /'maxResult' does not exist[^]*Did you mean 'maxResults'/,
  );
  assert.match(errors.find((error) => lineOf(error) === 7) ?? '', /sorCodee/);
});
