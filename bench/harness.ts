// What the browser benchmarks (bench/<part>/main.ts) share: bundle a bench page with vite, serve it
// (and a folder of snapshot files) from a local origin, and print figures as a table or as JSON for
// `npm run bench`. Benchmarks print; they assert nothing.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { build, type Rolldown } from 'vite';

/** One measured figure, beside the baseline measured in the same run. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string } | null;
  goal?: string;
}

/** Bundles a bench page into one ES module; `production` puts Lit in production mode, as a vendor ships it. */
export async function bundleBenchPage(entry: string, { production = false } = {}): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    define: production ? { 'process.env.NODE_ENV': '"production"' } : {},
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      lib: { entry, formats: ['es'], fileName: 'bench' },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const chunk = (Array.isArray(output) ? output : [output])
    .flatMap((result) => result.output)
    .find((item) => item.type === 'chunk' && item.isEntry);
  if (!chunk || chunk.type !== 'chunk')
    throw new Error(`bench: the page bundle of ${entry} has no entry chunk`);
  return chunk.code;
}

export interface BenchServer {
  /** `http://<host>:<port>/`; the page is at `/`, files under `/<urlPrefix>/`. */
  origin: string;
  close(): void;
}

/**
 * Serves the bench page at `/` and the files of `files.dir` under `/<files.urlPrefix>/`, on
 * 127.0.0.1. `localhost` (the default host name in the origin) is a secure context, so Web
 * Crypto and IndexedDB work as on HTTPS.
 */
export async function serveBenchPage(
  bundle: string,
  {
    lang = 'en',
    files,
    host = 'localhost',
  }: { lang?: string; files?: { urlPrefix: string; dir: string }; host?: string } = {},
): Promise<BenchServer> {
  const dir = files && normalize(files.dir);
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/') {
      response.setHeader('content-type', 'text/html');
      return response.end(
        `<!doctype html><html lang="${lang}"><body><script type="module" src="/bench.js"></script></body></html>`,
      );
    }
    if (path === '/bench.js') {
      response.setHeader('content-type', 'text/javascript');
      return response.end(bundle);
    }
    const prefix = files ? `/${files.urlPrefix}/` : null;
    const file = dir && prefix ? normalize(join(dir, path.slice(prefix.length))) : null;
    if (!file || !dir || !path.startsWith(prefix!) || !file.startsWith(dir) || !existsSync(file)) {
      response.statusCode = 404;
      return response.end();
    }
    response.setHeader('content-type', file.endsWith('.json') ? 'application/json' : 'application/gzip');
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://${host}:${(server.address() as AddressInfo).port}/`,
    close: () => server.close(),
  };
}

/** Prints the figures: one JSON document with `--json` (for `npm run bench`), else a table. */
export function printFigures(figures: readonly Figure[], json: boolean, nameWidth = 60): void {
  if (json) {
    console.log(JSON.stringify(figures));
    return;
  }
  for (const figure of figures) {
    const against = figure.baseline
      ? `   baseline ${figure.baseline.value} ${figure.baseline.unit} (${figure.baseline.name})`
      : '';
    console.log(
      `${figure.name.padEnd(nameWidth)} ${String(figure.value).padStart(9)} ${figure.unit}${against}${figure.goal ? `   goal ${figure.goal}` : ''}`,
    );
  }
}
