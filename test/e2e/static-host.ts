// A plain static file server for the end-to-end tests, in the variants a vendor meets: files as
// they are on disk, or `.gz` files sent with `Content-Encoding: gzip` (Apache's `AddEncoding`, an
// object store with that metadata), with or without a CORS header.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

/** How the server treats what it serves. */
export interface StaticHostOptions {
  /** Send `.gz` files with `Content-Encoding: gzip` (and the type of what is inside). */
  gzipEncoding?: boolean;
  /** The `Access-Control-Allow-Origin` value to send, or none. */
  allowOrigin?: string;
  /** The port to listen on (0: any free port). */
  port?: number;
}

/** A running static host. */
export interface StaticHost {
  origin: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.gz': 'application/gzip',
};

/** Serves the files under `dir` on 127.0.0.1. */
export async function serveStatic(dir: string, options: StaticHostOptions = {}): Promise<StaticHost> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (options.allowOrigin) response.setHeader('Access-Control-Allow-Origin', options.allowOrigin);
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const encoded = options.gzipEncoding === true && file.endsWith('.gz');
    const type = TYPES[extname(encoded ? file.slice(0, -3) : file)] ?? 'application/octet-stream';
    response.writeHead(200, {
      'Content-Type': type,
      ...(encoded ? { 'Content-Encoding': 'gzip' } : {}),
      'Cache-Control': file.endsWith('manifest.json') ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
