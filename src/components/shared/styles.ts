import { css, unsafeCSS, type CSSResult } from 'lit';

// The styles all three components share. Knobs are read with fallback chains and never set on
// :host, so a vendor can set them on :root; the colour tokens below are those chains, written once.

/** The documented colour knobs with their defaults (light and dark). */
export const colors = {
  accent: css`var(--sor-color-accent, light-dark(#0b5cad, #8ab4f8))`,
  accentSubtle: css`var(--sor-color-accent-subtle, light-dark(#e8f0fe, #23324a))`,
  accentStrong: css`var(--sor-color-accent-strong, light-dark(#073b70, #d2e3fc))`,
  border: css`var(--sor-color-border, light-dark(#767676, #8a9099))`,
  textSubtle: css`var(--sor-color-text-subtle, light-dark(#4a4a4a, #b8bcc2))`,
  danger: css`var(--sor-color-danger, light-dark(#a4262c, #ff8a80))`,
  hover: css`var(--sor-color-hover, rgb(0 0 0 / 0.05))`,
  link: css`var(--sor-color-link, var(--sor-color-accent, light-dark(#0b5cad, #8ab4f8)))`,
};

/**
 * The host box, and one focus ring for everything focusable: an outline (never a box-shadow), so
 * forced-colours mode keeps it, in the system colour it forces outlines to.
 */
export const baseStyles = css`
  :host {
    display: block;
    font: inherit;
    color: var(--sor-color-text, CanvasText);
  }
  :host([hidden]) {
    display: none;
  }
  :focus-visible {
    outline: var(--sor-focus-ring-width, 2px) solid var(--sor-color-focus, ${colors.accent});
    outline-offset: 1px;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/**
 * The labelled text field of the picker and the tree, its size and colours read from the
 * component's own knobs first (`--sor-picker-…`, `--sor-tree-…`): label font weight, input
 * padding (default `inputPadding`), background, border colour and radius.
 */
export function fieldStyles(component: 'picker' | 'tree', inputPadding: string): CSSResult {
  const knob = (name: string) => unsafeCSS(`--sor-${component}-${name}`);
  return css`
    label {
      display: block;
      margin-block-end: 0.25rem;
      font-weight: var(${knob('label-font-weight')}, 600);
    }
    input {
      box-sizing: border-box;
      inline-size: 100%;
      padding: var(${knob('input-padding')}, ${unsafeCSS(inputPadding)});
      font: inherit;
      color: inherit;
      background: var(${knob('input-bg')}, var(--sor-color-surface, Field));
      border: ${boxBorder(component)};
      border-radius: ${boxRadius(component)};
    }
    /* The lines below the field: the level rules, the error, a message, a successor to go to. */
    .note {
      margin: 0.375rem 0 0;
      font-size: 0.875em;
      color: ${colors.textSubtle};
    }
    .note.invalid {
      color: ${colors.danger};
    }
  `;
}

/** The border of the component's boxes (input, popup, tree). */
export function boxBorder(component: 'picker' | 'tree'): CSSResult {
  return unsafeCSS(`1px solid var(--sor-${component}-border-color, ${colors.border.cssText})`);
}

/** The corner radius of the component's boxes. */
export function boxRadius(component: 'picker' | 'tree'): CSSResult {
  return unsafeCSS(`var(--sor-${component}-radius, var(--sor-radius, 4px))`);
}

/** The ID27 level badge (`levelBadge`), and the text marked as matching a search. */
export const badgeStyles = css`
  .badge {
    padding: 0 0.375rem;
    border-radius: 999px;
    background: var(--sor-badge-bg, ${colors.accentSubtle});
    color: var(--sor-badge-color, ${colors.accentStrong});
    /* Transparent, so invisible, until forced-colours mode draws it in a system colour. */
    border: 1px solid transparent;
    white-space: nowrap;
  }
  mark {
    background: var(--sor-highlight-bg, transparent);
    color: inherit;
    font-weight: 700;
    text-decoration: underline;
    text-underline-offset: 2px;
  }
  /* A button that reads as a link: the jump to a retired unit's successor, the breadcrumb. */
  .link {
    font: inherit;
    color: ${colors.link};
    background: none;
    border: 0;
    padding: 0;
    text-decoration: underline;
    cursor: pointer;
  }
`;
