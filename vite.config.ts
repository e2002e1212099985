import { defineConfig } from 'vite';

// Runtime dependencies stay external in the library build, so a vendor's bundler dedupes them
// (one Lit on the page); the CDN bundle (separate config) inlines them instead.
const external = [/^lit($|\/)/, /^@lit\//, /^@lit-labs\//, /^fuse\.js/, /^idb($|\/)/];

export default defineConfig(({ command }) =>
  command === 'serve'
    ? {
        // `npm start`: the demo page, served from demo/ (snapshots under demo/public/).
        root: 'demo',
        server: { host: '127.0.0.1', port: 5173, fs: { allow: ['..'] } },
      }
    : {
        // `npm run build:lib`: the library as ES modules, one entry per public module.
        publicDir: false,
        build: {
          outDir: 'dist',
          emptyOutDir: true,
          sourcemap: true,
          target: 'es2022',
          minify: false,
          lib: {
            entry: {
              index: 'src/index.ts',
              'define/sor-picker': 'src/define/sor-picker.ts',
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
