import { css } from 'lit';

// Knobs are read with fallback chains and never set on :host, so a vendor can set them on :root.
export const treeStyles = css`
  :host {
    display: block;
    font: inherit;
    color: var(--sor-color-text, CanvasText);
  }
  :host([hidden]) {
    display: none;
  }
  label {
    display: block;
    margin-block-end: 0.25rem;
    font-weight: var(--sor-tree-label-font-weight, 600);
  }
  input {
    box-sizing: border-box;
    inline-size: 100%;
    padding: var(--sor-tree-input-padding, 0.375rem 0.625rem);
    font: inherit;
    color: inherit;
    background: var(--sor-tree-input-bg, var(--sor-color-surface, Field));
    border: 1px solid var(--sor-tree-border-color, var(--sor-color-border, light-dark(#767676, #8a9099)));
    border-radius: var(--sor-tree-radius, var(--sor-radius, 4px));
  }
  input:focus-visible,
  .viewport:focus-visible,
  button:focus-visible {
    outline: var(--sor-focus-ring-width, 2px) solid
      var(--sor-color-focus, var(--sor-color-accent, light-dark(#0b5cad, #8ab4f8)));
    outline-offset: 1px;
  }
  .note,
  .message,
  .successor {
    margin: 0.375rem 0 0;
    font-size: 0.875em;
    color: var(--sor-color-text-subtle, light-dark(#4a4a4a, #b8bcc2));
  }
  .message.invalid {
    color: var(--sor-color-danger, light-dark(#a4262c, #ff8a80));
  }
  .viewport {
    box-sizing: border-box;
    margin-block-start: 0.375rem;
    block-size: var(--sor-tree-height, 24rem);
    overflow: auto;
    overscroll-behavior: contain;
    background: var(--sor-tree-bg, var(--sor-color-surface, Canvas));
    border: 1px solid var(--sor-tree-border-color, var(--sor-color-border, light-dark(#767676, #8a9099)));
    border-radius: var(--sor-tree-radius, var(--sor-radius, 4px));
  }
  .viewport[aria-invalid='true'] {
    border-color: var(--sor-color-danger, light-dark(#a4262c, #ff8a80));
  }
  .spacer {
    box-sizing: border-box;
  }
  [role='treeitem'] {
    box-sizing: border-box;
    display: flex;
    align-items: center;
    gap: 0.5rem;
    block-size: var(--sor-tree-row-height, 2.25rem);
    padding-inline: calc(var(--depth) * var(--sor-tree-indent, 1.25rem) - 1rem) 0.625rem;
    white-space: nowrap;
    cursor: pointer;
    border-inline-start: 3px solid transparent;
  }
  [role='treeitem']:hover {
    background: var(--sor-tree-row-hover-bg, var(--sor-color-hover, rgb(0 0 0 / 0.05)));
  }
  [role='treeitem'].active {
    background: var(--sor-tree-row-active-bg, var(--sor-color-accent-subtle, light-dark(#e8f0fe, #23324a)));
    outline: 1px solid transparent; /* visible in forced-colours mode */
  }
  .viewport:focus-visible [role='treeitem'].active {
    outline: 2px solid var(--sor-color-accent, light-dark(#0b5cad, #8ab4f8));
    outline-offset: -2px;
  }
  [role='treeitem'][aria-selected='true'] {
    border-inline-start-color: var(--sor-color-accent, light-dark(#0b5cad, #8ab4f8));
    font-weight: 600;
  }
  .viewport[aria-disabled='true'] {
    color: GrayText;
    cursor: not-allowed;
  }
  @media (forced-colors: active) {
    [role='treeitem'].active {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
  }
  [role='treeitem'][aria-disabled='true'] {
    cursor: default;
    color: var(--sor-color-text-subtle, light-dark(#4a4a4a, #b8bcc2));
  }
  .toggle {
    flex: none;
    inline-size: 1rem;
    text-align: center;
    color: var(--sor-color-text-subtle, light-dark(#4a4a4a, #b8bcc2));
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .code,
  .shak {
    font-size: 0.8125em;
    font-variant-numeric: tabular-nums;
    color: var(--sor-color-text-subtle, light-dark(#4a4a4a, #b8bcc2));
  }
  .shak {
    font-style: italic;
  }
  .badge {
    font-size: 0.8125em;
    padding: 0 0.375rem;
    border-radius: 999px;
    background: var(--sor-badge-bg, var(--sor-color-accent-subtle, light-dark(#e8f0fe, #23324a)));
    color: var(--sor-badge-color, var(--sor-color-accent-strong, light-dark(#073b70, #d2e3fc)));
    border: 1px solid transparent;
  }
  .retired {
    font-size: 0.8125em;
    color: var(--sor-color-danger, light-dark(#a4262c, #ff8a80));
  }
  button {
    font: inherit;
    color: var(--sor-color-link, var(--sor-color-accent, light-dark(#0b5cad, #8ab4f8)));
    background: none;
    border: 0;
    padding: 0;
    text-decoration: underline;
    cursor: pointer;
  }
  mark {
    background: var(--sor-highlight-bg, transparent);
    color: inherit;
    font-weight: 700;
    text-decoration: underline;
    text-underline-offset: 2px;
  }
  nav ol {
    display: flex;
    flex-wrap: wrap;
    list-style: none;
    margin: 0.375rem 0 0;
    padding: 0;
    font-size: 0.875em;
  }
  nav li + li::before {
    content: '›';
    padding-inline: 0.375rem;
    color: var(--sor-color-text-subtle, light-dark(#4a4a4a, #b8bcc2));
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
