// Minifies the HTML and CSS inside Lit's html`` and css`` templates at build time. A JS minifier
// leaves template strings alone, and vendors' bundlers do too, so the whitespace and comments of
// our styles and markup would otherwise ship as they are written (several kB gzip).
import { defaultMinifyOptions, minifyHTMLLiterals } from 'minify-html-literals';
import type { Plugin } from 'vite';

/**
 * Strips comments and the whitespace CSS does not need, and nothing else. The CSS minifier that
 * minify-html-literals brings (clean-css 4) predates `@container`: it moved rules out of the block
 * and dropped others, silently, in the built bundle only. Restructuring saves little once gzipped;
 * a minifier that cannot change what the CSS means is worth more.
 */
export function minifyCss(css: string): string {
  return (
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      // Around braces, semicolons and commas a space never matters; after a colon neither (a
      // selector's pseudo-class has none after its colon, `a :is()` keeps the one before it).
      .replace(/\s*([{};,])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .trim()
  );
}

export function minifyTemplates(): Plugin {
  return {
    name: 'sor-minify-lit-templates',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
      const result = minifyHTMLLiterals(code, {
        fileName: id,
        minifyOptions: { ...defaultMinifyOptions, minifyCSS: minifyCss },
      });
      return result ? { code: result.code, map: result.map?.toString() ?? null } : null;
    },
  };
}
