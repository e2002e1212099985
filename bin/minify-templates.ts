// Minifies the HTML and CSS inside Lit's html`` and css`` templates at build time. A JS minifier
// leaves template strings alone, and vendors' bundlers do too, so the whitespace and comments of
// our styles and markup would otherwise ship as they are written (several kB gzip).
import { minifyHTMLLiterals } from 'minify-html-literals';
import type { Plugin } from 'vite';

export function minifyTemplates(): Plugin {
  return {
    name: 'sor-minify-lit-templates',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
      const result = minifyHTMLLiterals(code, { fileName: id });
      return result ? { code: result.code, map: result.map?.toString() ?? null } : null;
    },
  };
}
