// The bundle-size check of `npm test`: builds what a vendor ships (every public module and every
// define module, minified) and prints its gzip size without and with Lit, failing past the budgets
// (issue: 20 kB for our code + fuse.js + idb, 36 kB with Lit).
import { gzipSync } from 'node:zlib';
import { readdirSync } from 'node:fs';
import { build, type Rolldown } from 'vite';

const BUDGET_WITHOUT_LIT = 20 * 1024;
const BUDGET_WITH_LIT = 36 * 1024;

const defineModules = readdirSync('src/define').map((file) => `src/define/${file}`);
const entries = ['src/index.ts', ...defineModules];

async function gzipBytes(includeLit: boolean): Promise<{ raw: number; gzip: number }> {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      lib: { entry: entries, formats: ['es'] },
      rollupOptions: { external: includeLit ? [] : [/^lit($|\/)/, /^@lit\//, /^@lit-labs\//] },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) => result.output);
  // One gzip stream over all chunks approximates the single-file CDN bundle a page would load.
  const code = chunks.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('\n');
  return { raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const withoutLit = await gzipBytes(false);
const withLit = await gzipBytes(true);
const rows: [string, { raw: number; gzip: number }, number][] = [
  ['our code + fuse.js + idb', withoutLit, BUDGET_WITHOUT_LIT],
  ['… + lit (+ @lit/task)', withLit, BUDGET_WITH_LIT],
];
let failed = false;
console.log('bundle size (minified, gzip -9):');
for (const [name, size, budget] of rows) {
  const over = size.gzip > budget;
  failed ||= over;
  console.log(
    `  ${name.padEnd(28)} ${kB(size.gzip).padStart(9)} gzip  (${kB(size.raw)} raw)  budget ${kB(budget)}  ${over ? 'OVER BUDGET' : 'ok'}`,
  );
}
if (failed) {
  console.error('size check failed: the bundle is over its budget');
  process.exit(1);
}
