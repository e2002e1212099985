// `npm run build:cdn`: the single-file bundle for `<script type="module" src=".../cdn/sor-picker.js">`.
// Unlike the library build (vite.config.ts, runtime dependencies external so a vendor's bundler
// dedupes Lit), this inlines lit, @lit/task, fuse.js and idb, registers all
// three tags and re-exports the public API, so a plain HTML page needs nothing else.
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
            `export * from '${root}src/index.ts';`,
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
    rollupOptions: { output: { codeSplitting: false, minify: true } },
  },
});
