// `npm run build:cdn`: the single-file bundle for `<script type="module" src=".../cdn/sor-picker.js">`.
// Unlike the library build (vite.config.ts, runtime dependencies external so a vendor's bundler
// dedupes Lit), this inlines lit, @lit/task, fuse.js and idb, registers all
// three tags and exports what a plain HTML page uses (see the entry below), so it needs nothing else.
// Runs after build:lib, which empties dist/.
import { defineConfig, type Plugin } from 'vite';
import { minifyTemplates } from './minify-templates.js';

const ENTRY_ID = 'virtual:sor-picker-cdn';
const root = new URL('../', import.meta.url).pathname;

// The entry lives here rather than in src/: src/index.ts registers nothing by design, and the
// define modules are the only place that calls customElements.define.
function cdnEntry(): Plugin {
  return {
    name: 'sor-picker-cdn-entry',
    // Lib mode hands the entry over resolved against the root.
    resolveId: (id) => (id.endsWith(ENTRY_ID) ? `\0${ENTRY_ID}` : null),
    load: (id) =>
      id === `\0${ENTRY_ID}`
        ? [
            // What a page without a build step uses: the elements, the catalog, their events
            // and errors, the UI strings and the typed-code classifier. The whole API (search
            // internals, SHAK migration helpers, controllers) is in the npm package; exporting
            // all of it here would keep unused code in a file every page loads.
            `export { SorPicker, SorTree, SorSyncStatus, SorSelectEvent, SorSyncRequestEvent } from '${root}src/index.ts';`,
            `export { SorCatalog, SorCatalogChangeEvent, SorIndexReadyEvent, SorSyncStartEvent, SorSyncProgressEvent, SorSyncCompleteEvent, SorSyncErrorEvent } from '${root}src/index.ts';`,
            `export { SorCatalogError, SorSyncError, SorStaleSnapshotError, STRINGS } from '${root}src/index.ts';`,
            `export { classifyCode } from '${root}src/index.ts';`,
            `import '${root}src/define/sor-picker.ts';`,
            `import '${root}src/define/sor-tree.ts';`,
            `import '${root}src/define/sor-sync-status.ts';`,
          ].join('\n')
        : null,
  };
}

export default defineConfig({
  root,
  publicDir: false,
  plugins: [cdnEntry(), minifyTemplates()],
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    minify: true,
    lib: { entry: { 'sor-picker': ENTRY_ID }, formats: ['es'], fileName: () => 'sor-picker.js' },
    // Vite keeps whitespace in ES library output by default (for the pure annotations a bundler
    // uses to tree-shake); this file goes to browsers as it is, so minify it fully.
    // Pure annotations only help a later bundler tree-shake; nothing bundles this file again.
    rollupOptions: {
      output: {
        codeSplitting: false,
        minify: true,
        comments: false,
      },
    },
  },
});
