import { html, nothing, type TemplateResult } from 'lit';

/**
 * Renders text with the given half-open ranges wrapped in `<mark>`. Text goes through Lit's text
 * bindings, so a name containing markup shows literally and is never parsed as HTML.
 */
export function highlight(text: string, ranges: readonly [number, number][]): TemplateResult | string {
  if (ranges.length === 0) return text;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const parts: (TemplateResult | string)[] = [];
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) parts.push(text.slice(at, from));
    parts.push(html`<mark>${text.slice(from, end)}</mark>`);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return html`${parts.length ? parts : nothing}`;
}
