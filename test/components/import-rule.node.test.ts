// The lint rule that keeps the third layering rule (eslint.config.js): components import nothing
// from the store, snapshot or search layers, and reach the catalog through src/catalog/index.ts.
// Lints short sources as if they were component files, with the project's own config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const root = new URL('../../', import.meta.url).pathname;
const eslint = new ESLint({ cwd: root });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${root}${filePath}` });
  return result.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

test('a component importing from the search, store or snapshot layer is flagged', async () => {
  const flagged = await restrictedImports(
    'src/components/picker/example.ts',
    [
      "import type { SorSearchHit } from '../../search/types.js';",
      "import { SorSyncError } from '../../store/index.js';",
      "import type { SnapshotManifest } from '../../snapshot/manifest.js';",
      "import { SearchIndex } from '../../search';",
      'export type Used = [SorSearchHit, SorSyncError, SnapshotManifest, SearchIndex];',
    ].join('\n'),
  );
  assert.equal(flagged.length, 4, flagged.join('\n'));
  for (const message of flagged) assert.match(message, /take it from src\/catalog\/index\.ts/);
});

test('a component importing a catalog module other than its index is flagged', async () => {
  const flagged = await restrictedImports(
    'src/components/shared/example.ts',
    "import type { SorCatalog } from '../../catalog/catalog.js';\nexport type Used = SorCatalog;\n",
  );
  assert.equal(flagged.length, 1);
  assert.match(flagged[0], /through src\/catalog\/index\.ts only/);
});

test('the catalog index, the model and other components are allowed', async () => {
  const flagged = await restrictedImports(
    'src/components/tree/example.ts',
    [
      "import type { SorCatalog, SorSearchHit } from '../../catalog/index.js';",
      "import type { SorUnit } from '../../model/types.js';",
      "import { highlight } from '../shared/highlight.js';",
      'export type Used = [SorCatalog, SorSearchHit, SorUnit, typeof highlight];',
    ].join('\n'),
  );
  assert.deepEqual(flagged, []);
});

test('the rule is scoped to components: the catalog itself may import the search layer', async () => {
  const flagged = await restrictedImports(
    'src/catalog/example.ts',
    "import type { SorSearchHit } from '../search/types.js';\nexport type Used = SorSearchHit;\n",
  );
  assert.deepEqual(flagged, []);
});
