// Screenshots of the key stories in Chromium, Firefox ESR and WebKit, to look at side by side:
//   npm run build:storybook && node --import tsx scripts/engine-screenshots.ts [--out dir] [--engines firefox,webkit]
// Serves storybook-static/ on a free local port, opens each story's iframe (its play function
// types and opens lists as in Storybook) and writes <out>/<story>.<engine>.png. For looking, not
// for asserting: engines draw native controls and fonts differently.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';
import { ENGINES, openEnginePage, waitInPage, type Engine } from '../test/support/engine-pages.js';

const KEY_STORIES = [
  'components-sor-picker--typing-with-results',
  'components-sor-picker--chosen',
  'components-sor-picker--multiple',
  'components-sor-picker--required-and-invalid',
  'components-sor-picker--dark',
  'components-sor-picker--right-to-left',
  'components-sor-tree--default',
  'components-sor-tree--expanded-deep-path',
  'components-sor-tree--preselected',
  'components-sor-sync-status--idle',
  'components-sor-sync-status--syncing-with-progress',
  'components-sor-sync-status--offline',
];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.gz': 'application/gzip',
};

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '.screenshots/engines' },
    engines: { type: 'string', default: ENGINES.join(',') },
  },
});
const staticDir = new URL('../storybook-static/', import.meta.url).pathname;
if (!existsSync(join(staticDir, 'iframe.html'))) {
  console.error('storybook-static/ missing: run `npm run build:storybook` first');
  process.exit(1);
}
const engines = values.engines.split(',') as Engine[];
for (const engine of engines) {
  if (!ENGINES.includes(engine))
    throw new Error(`--engines: unknown engine ${engine} (known: ${ENGINES.join(', ')})`);
}

const server = createServer((request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(
    /^(\.\.[/\\])+/,
    '',
  );
  const file = join(staticDir, path === '/' ? 'index.html' : path);
  if (!file.startsWith(staticDir) || !existsSync(file)) return response.writeHead(404).end();
  response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
  response.end(readFileSync(file));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
mkdirSync(values.out, { recursive: true });

try {
  for (const engine of engines) {
    const page = await openEnginePage(engine);
    try {
      await page.setViewport(800, 600);
      for (const story of KEY_STORIES) {
        await page.goto(`${base}/iframe.html?id=${story}&viewMode=story`);
        // Rendered and its play function done: Storybook marks the body once the story has played.
        await waitInPage(
          page,
          `story ${story}`,
          `const root = document.querySelector('#storybook-root');
           return !!root && root.childElementCount > 0 && !document.body.classList.contains('sb-show-preparing-story');`,
        );
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const file = join(values.out, `${story.replace('components-', '')}.${engine}.png`);
        writeFileSync(file, await page.screenshot());
        console.log(file);
      }
    } finally {
      await page.close();
    }
  }
} finally {
  server.close();
}
