import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

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
 *
 * @param snapshotsDir the folder holding `national/` and `national-next/` (what `npm run demo:data`
 *   writes), relative to the working directory or absolute.
 */
export function liveSnapshotHost(snapshotsDir = 'demo/public/snapshots'): Plugin {
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
