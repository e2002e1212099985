// The docs tables' rows (.storybook/api-rows.ts) for the real custom-elements.json: attributes in
// kebab-case with their property beside them, enumerated controls, no controls where nothing can be
// set. Runs after `npm run build` (the manifest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type { StrictArgTypes } from 'storybook/internal/types';
import { apiRows, CATEGORY, literalOptions, type ManifestElement } from '../../.storybook/api-rows.js';

const root = new URL('../../', import.meta.url).pathname;

interface Item {
  name: string;
  kind?: string;
  type?: { text: string };
  description?: string;
}

function element(tagName: string): ManifestElement & Record<string, Item[]> {
  assert.ok(existsSync(`${root}custom-elements.json`), 'run `npm run build:cem` first');
  const manifest = JSON.parse(readFileSync(`${root}custom-elements.json`, 'utf8'));
  return manifest.modules
    .flatMap((module: { declarations?: object[] }) => module.declarations ?? [])
    .find((declaration: { tagName?: string }) => declaration.tagName === tagName);
}

/** The rows as Storybook's web-components renderer extracts them from a manifest declaration. */
function extracted(declaration: Record<string, Item[]>): StrictArgTypes {
  const rows: StrictArgTypes = {};
  const add = (items: Item[] = [], category: string) => {
    for (const item of items) {
      if (item.kind === 'method') continue;
      rows[item.name] = {
        name: item.name,
        description: item.description,
        type: { name: 'other', value: item.type?.text ?? 'void' },
        table: { category, type: { summary: item.type?.text ?? '' } },
      };
    }
  };
  add(declaration.members, 'properties');
  add(declaration.attributes, 'attributes');
  add(declaration.events, 'events');
  add(declaration.cssProperties, 'css custom properties');
  add(declaration.cssParts, 'css shadow parts');
  return rows;
}

test('literalOptions reads a union of string literals and nothing else', () => {
  assert.deepEqual(literalOptions("'' | 'institution'"), ['', 'institution']);
  assert.deepEqual(literalOptions("'sor' | 'shak'"), ['sor', 'shak']);
  assert.equal(literalOptions('string'), null);
  assert.equal(literalOptions("'sor' | number"), null);
  assert.equal(literalOptions(undefined), null);
});

test('<sor-picker>: one row per attribute, named in kebab-case beside its property', () => {
  const picker = element('sor-picker');
  const rows = apiRows(extracted(picker), picker);
  assert.equal(rows['max-results'].name, 'max-results · maxResults');
  assert.equal(rows['max-results'].table?.category, CATEGORY.attributes);
  assert.equal(rows.maxResults, undefined, 'no second row for the property');
  assert.equal(rows.value.name, 'value');
  assert.deepEqual(rows['group-by'].options, ['', 'institution']);
  assert.deepEqual(rows['value-type'].options, ['sor', 'shak']);
  assert.equal((rows['value-type'].control as { type: string }).type, 'inline-radio');
  assert.equal((rows['include-retired'].control as { type: string }).type, 'boolean');
  assert.equal(rows.catalog.table?.category, CATEGORY.properties);
  assert.equal(rows.selection.table?.category, CATEGORY.readonly);
  assert.equal(rows.selection.control, false);
  assert.equal(rows['sor-select'].control, false);
  assert.equal(rows['--sor-color-accent'].control, false);
  // Every attribute of the manifest has its row; the categories come attributes first.
  for (const { name } of picker.attributes ?? []) assert.ok(rows[name], `row for ${name}`);
  const categories = [...new Set(Object.values(rows).map((row) => row.table?.category))];
  assert.deepEqual(categories.slice(0, 3), [CATEGORY.attributes, CATEGORY.properties, CATEGORY.readonly]);
});

test('<sor-tree> gets the same treatment from its own manifest entry', () => {
  const tree = element('sor-tree');
  const rows = apiRows(extracted(tree), tree);
  assert.equal(rows['show-shak'].name, 'show-shak · showShak');
  assert.equal(rows.showShak, undefined);
  assert.deepEqual(rows['value-type'].options, ['sor', 'shak']);
});
