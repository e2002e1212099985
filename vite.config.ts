import { defineConfig } from 'vite';
import { liveSnapshotHost } from './demo/snapshot-host.js';
import { minifyTemplates } from './scripts/minify-templates.js';

// Runtime dependencies stay external in the library build, so a vendor's bundler dedupes them
// (one Lit on the page); the CDN bundle (separate config) inlines them instead.
const external = [/^node:/, /^lit($|\/)/, /^@lit\//, /^@lit-labs\//, /^fuse\.js/, /^idb($|\/)/];

export default defineConfig(({ command }) =>
  command === 'serve'
    ? {
        // `npm start`: the demo page, served from demo/ (snapshots under demo/public/).
        root: 'demo',
        plugins: [liveSnapshotHost()],
        server: { host: '127.0.0.1', port: 5173, fs: { allow: ['..'] } },
      }
    : {
        // `npm run build:lib`: the library as ES modules, one entry per public module.
        publicDir: false,
        plugins: [minifyTemplates()],
        build: {
          outDir: 'dist',
          emptyOutDir: true,
          sourcemap: true,
          target: 'es2022',
          minify: false,
          lib: {
            entry: {
              index: 'src/index.ts',
              fhir: 'src/fhir.ts',
              'define/sor-picker': 'src/define/sor-picker.ts',
              'define/sor-tree': 'src/define/sor-tree.ts',
              'define/sor-sync-status': 'src/define/sor-sync-status.ts',
              // `sor-picker/node`: the catalog for Node (its `node:` imports stay external).
              'node/index': 'src/node/index.ts',
            },
            formats: ['es'],
          },
          rollupOptions: {
            external,
            output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
          },
        },
      },
);
