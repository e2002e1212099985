// The bundle-size check of `npm test`: gates the single-file CDN bundle (`dist/cdn/sor-picker.js`,
// built by `npm run build:cdn`: our code, Lit, @lit/task, fuse.js and idb, all three tags) at the
// product's ceiling, 57 kB gzip, and prints what else a vendor ships, ungated.
//
// The ceiling is a product decision (it replaced the withdrawn 20 / 36 kB targets): the check is a
// no-growth guard. A change that pushes the bundle past it must make room elsewhere, not raise it.
// The library build (`dist/`, Lit external so a vendor's bundler dedupes it) and the per-element
// figures (what a page that registers only one tag loads) are printed so growth shows early.
import { gzipSync } from 'node:zlib';
import { readFileSync, readdirSync } from 'node:fs';
import { transform } from 'esbuild';
import { build, type Rolldown } from 'vite';
import { minifyTemplates } from './minify-templates.js';

const CDN_BUNDLE = 'dist/cdn/sor-picker.js';
const CDN_CEILING = 57 * 1024;

const defineModules = readdirSync('src/define').map((file) => `src/define/${file}`);
const entries = ['src/index.ts', ...defineModules];

async function gzipBytes(
  includeLit: boolean,
  entry: string[] = entries,
): Promise<{ raw: number; gzip: number }> {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    plugins: [minifyTemplates()],
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      lib: { entry, formats: ['es'] },
      rollupOptions: { external: includeLit ? [] : [/^lit($|\/)/, /^@lit\//, /^@lit-labs\//] },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) => result.output);
  // One gzip stream over all chunks approximates the single-file CDN bundle a page would load.
  // Vite keeps whitespace in ES library builds (to keep pure annotations for tree-shaking), but
  // what reaches a browser has been through the vendor's minifier: measure that, chunk by chunk.
  const minified = await Promise.all(
    chunks.map(async (chunk) =>
      chunk.type === 'chunk'
        ? (await transform(chunk.code, { minify: true, format: 'esm', target: 'es2022', loader: 'js' })).code
        : '',
    ),
  );
  const code = minified.join('\n');
  return { raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const cdnCode = readFileSync(CDN_BUNDLE);
const cdn = { raw: cdnCode.length, gzip: gzipSync(cdnCode, { level: 9 }).length };
const overCeiling = cdn.gzip > CDN_CEILING;
console.log('bundle size (gzip -9):');
console.log(
  `  ${'CDN bundle (gated)'.padEnd(28)} ${kB(cdn.gzip).padStart(9)} gzip  (${kB(cdn.raw)} raw)  ` +
    (overCeiling
      ? `FAIL: over the ceiling ${kB(CDN_CEILING)}`
      : `ceiling ${kB(CDN_CEILING)}, ${kB(CDN_CEILING - cdn.gzip)} left`),
);
const withoutLit = await gzipBytes(false);
console.log(
  `  ${'library without Lit'.padEnd(28)} ${kB(withoutLit.gzip).padStart(9)} gzip  (${kB(withoutLit.raw)} raw)`,
);
console.log('per element, what a page that registers only that tag loads (not gated):');
for (const module of defineModules) {
  const [alone, aloneWithLit] = [await gzipBytes(false, [module]), await gzipBytes(true, [module])];
  const tag = module.replace(/^src\/define\/|\.ts$/g, '');
  console.log(
    `  <${tag}>`.padEnd(30) + ` ${kB(alone.gzip).padStart(9)} gzip, ${kB(aloneWithLit.gzip)} with Lit`,
  );
}
if (overCeiling) {
  console.error(`size check failed: ${CDN_BUNDLE} grew past its ceiling; make room, do not raise it`);
  process.exit(1);
}
