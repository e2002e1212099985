import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { minifyTemplates } from './bin/minify-templates.js';

const snapshotsDir = 'demo/public/snapshots';

/**
 * The demo's stand-in for a static snapshot host that is republished every night:
 * `/snapshots/live/manifest.json` is the manifest of `national` (night 0) until someone POSTs
 * `/__demo/publish-next`, then that of `national-next` (night 1, with a delta from night 0).
 * Payload files are content-addressed, so `/snapshots/live/<file>` serves either night's file.
 * The manifest carries an ETag and answers `If-None-Match` with 304, as a CDN would.
 */
function liveSnapshotHost(): Plugin {
  let night: 'national' | 'national-next' = 'national';
  return {
    name: 'sor-demo-live-snapshot-host',
    configureServer(server) {
      server.middlewares.use('/__demo/publish-next', (request, response) => {
        night = request.method === 'DELETE' ? 'national' : 'national-next';
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ published: night }));
      });
      server.middlewares.use('/snapshots/live/', (request, response, next) => {
        const file = (request.url ?? '').split('?')[0].replace(/^\//, '');
        if (!/^[\w.-]+$/.test(file)) return next();
        const candidates = file === 'manifest.json' ? [night] : ['national-next', 'national'];
        const path = candidates
          .map((dir) => join(snapshotsDir, dir, file))
          .find((candidate) => existsSync(candidate));
        if (!path) {
          response.statusCode = 404;
          return response.end(`no ${file}: run npm run demo:data`);
        }
        const body = readFileSync(path);
        if (file === 'manifest.json') {
          const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
          response.setHeader('etag', etag);
          response.setHeader('cache-control', 'no-cache');
          if (request.headers['if-none-match'] === etag) {
            response.statusCode = 304;
            return response.end();
          }
          response.setHeader('content-type', 'application/json');
        } else {
          // Content-addressed files never change.
          response.setHeader('cache-control', 'public, max-age=31536000, immutable');
          response.setHeader('content-type', 'application/gzip');
        }
        response.end(body);
      });
    },
  };
}

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
