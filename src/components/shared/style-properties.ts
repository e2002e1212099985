import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/** CSS properties by name (`block-size`, `--depth`); null or absent: not set. */
export type StyleProperties = Readonly<Record<string, string | null>>;

/**
 * Sets CSS properties on the element through the CSSOM (`style.setProperty`), from the first
 * render on. Unlike a `style` attribute, and unlike Lit's `styleMap` (whose first render writes the
 * attribute), this is allowed under a strict Content Security Policy (`style-src 'self'`, no
 * `'unsafe-inline'`), where the browser drops inline style attributes. Use in element position:
 * `<div ${styleProperties({ '--depth': '2' })}>`. A property left out of a later call is removed.
 */
class StylePropertiesDirective extends Directive {
  private readonly applied = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) {
      throw new Error('styleProperties() belongs in element position');
    }
  }

  render(properties: StyleProperties): typeof noChange {
    void properties;
    return noChange;
  }

  override update(part: ElementPart, [properties]: [StyleProperties]): typeof noChange {
    const { style } = part.element as HTMLElement;
    for (const name of this.applied) {
      if (properties[name] == null) {
        style.removeProperty(name);
        this.applied.delete(name);
      }
    }
    for (const [name, value] of Object.entries(properties)) {
      if (value == null) continue;
      // Scrolling re-renders the window often: write only what changed.
      if (style.getPropertyValue(name) !== value) style.setProperty(name, value);
      this.applied.add(name);
    }
    return noChange;
  }
}

/** Sets CSS properties through the CSSOM: strict-CSP safe (see `StylePropertiesDirective`). */
export const styleProperties = directive(StylePropertiesDirective);
