import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { minifyTemplates } from './bin/minify-templates.js';

const snapshotsDir = 'demo/public/snapshots';

/**
 * The demo's stand-in for a snapshot host that is republished every night:
 * `/snapshots/live/manifest.json` is the manifest of `national` (night 0) until someone POSTs
 * `/__demo/publish-next`, then that of `national-next` (night 1, with a delta from night 0). The
 * manifest carries an ETag and answers `If-None-Match` with 304, as a CDN would.
 *
 * Payload files are content-addressed, so `/snapshots/live/<file>` is either night's file: the
 * request is only pointed at the folder that has it, and Vite's own static serving answers it
 * with its own headers (`Content-Encoding: gzip` for `.gz`), as any static host might. The
 * library must cope with that, and the demo shows it does.
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
      server.middlewares.use((request, response, next) => {
        const [path, query] = (request.url ?? '').split('?');
        const file = /^\/snapshots\/live\/([\w.-]+)$/.exec(path)?.[1];
        if (!file) return next();
        if (file !== 'manifest.json') {
          const dir = ['national-next', 'national'].find((candidate) =>
            existsSync(join(snapshotsDir, candidate, file)),
          );
          if (!dir) {
            response.statusCode = 404;
            return response.end(`no ${file}: run npm run demo:data`);
          }
          request.url = `/snapshots/${dir}/${file}${query === undefined ? '' : `?${query}`}`;
          return next();
        }
        const manifestPath = join(snapshotsDir, night, file);
        if (!existsSync(manifestPath)) {
          response.statusCode = 404;
          return response.end(`no ${file}: run npm run demo:data`);
        }
        const body = readFileSync(manifestPath);
        const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
        response.setHeader('etag', etag);
        response.setHeader('cache-control', 'no-cache');
        if (request.headers['if-none-match'] === etag) {
          response.statusCode = 304;
          return response.end();
        }
        response.setHeader('content-type', 'application/json');
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
