// What a vendor installs: package.json fields, the generated custom-elements.json and the public
// type declarations. Runs after `npm run build` (as `npm test` orders it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const pkg = JSON.parse(read('package.json'));

function requireBuilt(path: string): void {
  assert.ok(existsSync(join(root, path)), `${path} is missing: run \`npm run build\` before the Node tests`);
}

test('package.json describes an ESM-only package with types and a custom elements manifest', () => {
  assert.equal(pkg.name, 'sor-picker');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.license, 'MIT');
  assert.equal(pkg.customElements, 'custom-elements.json');
  assert.equal(pkg.exports['.'].types, pkg.types);
  assert.ok(!('require' in pkg.exports['.']), 'ESM only: no require condition');
  assert.deepEqual(
    pkg.sideEffects.filter((entry: string) => !entry.includes('/define/')),
    [],
    'only the define modules have side effects',
  );
  for (const file of readdirSync(join(root, 'src/define'))) {
    const name = file.replace(/\.ts$/, '.js');
    assert.ok(pkg.exports[`./define/${name}`], `exports map lists ./define/${name}`);
  }
});

test('every export target exists after the build', () => {
  requireBuilt('dist/index.js');
  for (const [subpath, target] of Object.entries<string | Record<string, string>>(pkg.exports)) {
    const files = typeof target === 'string' ? [target] : Object.values(target);
    for (const file of files) assert.ok(existsSync(join(root, file)), `${subpath} → ${file} exists`);
  }
});

test('custom-elements.json lists <sor-picker> with its attributes, properties and events', () => {
  requireBuilt('custom-elements.json');
  const manifest = JSON.parse(read('custom-elements.json'));
  const declarations = manifest.modules.flatMap(
    (module: { declarations?: object[] }) => module.declarations ?? [],
  );
  const picker = declarations.find((d: { tagName?: string }) => d.tagName === 'sor-picker');
  assert.ok(picker, 'sor-picker is declared');
  const attributes = picker.attributes.map((a: { name: string }) => a.name);
  for (const name of ['value', 'label', 'placeholder', 'max-results'])
    assert.ok(attributes.includes(name), `attribute ${name}`);
  const members = picker.members
    .filter((m: { privacy?: string }) => !m.privacy)
    .map((m: { name: string }) => m.name);
  for (const name of ['catalog', 'value', 'selection', 'strings', 'maxResults'])
    assert.ok(members.includes(name), `property ${name}`);
  assert.deepEqual(picker.events.map((e: { name: string }) => e.name).sort(), ['change', 'sor-select']);
  assert.ok(
    picker.cssParts.some((p: { name: string }) => p.name === 'option'),
    'css parts documented',
  );
  assert.ok(picker.cssProperties.length >= 5, 'css custom properties documented');
});

test('the public type declarations contain no `any`', () => {
  requireBuilt('dist/types/index.d.ts');
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.d.ts')) {
        read(path.slice(root.length))
          .split('\n')
          .forEach((line, index) => {
            const code = line.trim();
            if (code.startsWith('*') || code.startsWith('/')) return; // JSDoc prose
            if (/(:|<|\||,)\s*any\b|\bany\[\]/.test(code))
              offenders.push(`${path.slice(root.length)}:${index + 1}: ${line.trim()}`);
          });
      }
    }
  };
  walk(join(root, 'dist/types'));
  assert.deepEqual(offenders, []);
});

test('the built bundles keep the components’ CSS as written, only without its whitespace', async () => {
  const { minifyCss } = await import('../../scripts/minify-templates.js');
  assert.equal(
    minifyCss(`
      /* a comment */
      @container (max-width: 26rem) {
        [role='option'] :is(.a, .b) { grid-row: auto; }
      }
      .d { color: @TEMPLATE_EXPRESSION(); }
    `),
    "@container (max-width:26rem){[role='option'] :is(.a,.b){grid-row:auto}}.d{color:@TEMPLATE_EXPRESSION()}",
  );
  // The rule clean-css 4 broke: the narrow layout of the picker's options and the tree's rows.
  for (const bundle of ['dist/cdn/sor-picker.js', 'dist/components/picker/picker.styles.js']) {
    requireBuilt(bundle);
    assert.match(read(bundle), /@container \(max-width:26rem\)\{\[role='option'\]\{grid-template-columns/);
  }
});

test('the README’s theming section names every documented CSS custom property and part', () => {
  requireBuilt('custom-elements.json');
  const manifest = JSON.parse(read('custom-elements.json'));
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('### Dark mode and theming'));
  assert.ok(section.length < readme.length, 'README has a "Dark mode and theming" section');
  assert.match(section, /color-scheme: light dark/);
  const missing: string[] = [];
  for (const module of manifest.modules)
    for (const declaration of module.declarations ?? []) {
      if (!declaration.tagName) continue;
      for (const { name } of declaration.cssProperties ?? [])
        if (!section.includes(`\`${name}\``)) missing.push(`<${declaration.tagName}> ${name}`);
      const partsRow = section.split('\n').find((line) => line.startsWith(`| \`<${declaration.tagName}>\``));
      for (const { name } of declaration.cssParts ?? [])
        if (!partsRow?.includes(`\`${name}\``)) missing.push(`<${declaration.tagName}> part ${name}`);
    }
  assert.deepEqual(missing, []);
});
