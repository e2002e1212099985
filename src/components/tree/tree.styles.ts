import { css } from 'lit';
import { badgeStyles, baseStyles, boxBorder, boxRadius, colors, fieldStyles } from '../shared/styles.js';

// Knobs are read with fallback chains and never set on :host, so a vendor can set them on :root.
export const treeStyles = [
  baseStyles,
  fieldStyles('tree', '0.375rem 0.625rem'),
  badgeStyles,
  css`
    .viewport {
      box-sizing: border-box;
      margin-block-start: 0.375rem;
      block-size: var(--sor-tree-height, 24rem);
      overflow: auto;
      overscroll-behavior: contain;
      background: var(--sor-tree-bg, var(--sor-color-surface, Canvas));
      border: ${boxBorder('tree')};
      border-radius: ${boxRadius('tree')};
      /* Rows lay out by the tree's width (narrow: two lines, below), not the page's. */
      container-type: inline-size;
    }
    .viewport[aria-invalid='true'] {
      border-color: ${colors.danger};
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
      background: var(--sor-tree-row-hover-bg, ${colors.hover});
    }
    [role='treeitem'].active {
      background: var(--sor-tree-row-active-bg, ${colors.accentSubtle});
    }
    .viewport:focus-visible [role='treeitem'].active {
      outline: 2px solid ${colors.accent};
      outline-offset: -2px;
    }
    [role='treeitem'][aria-selected='true'] {
      border-inline-start-color: ${colors.accent};
      font-weight: 600;
    }
    .viewport[aria-disabled='true'] {
      color: GrayText;
      cursor: not-allowed;
      /* Disabled: nothing in it can be operated, scrolling included (by wheel or keyboard alike).
         The chosen row stays scrolled into view and its path is spelled out below the tree. */
      overflow: hidden;
    }
    [role='treeitem'][aria-disabled='true'] {
      cursor: default;
      color: ${colors.textSubtle};
    }
    .toggle {
      flex: none;
      inline-size: 1rem;
      text-align: center;
      color: ${colors.textSubtle};
    }
    /* Right to left, a closed row's arrow and the breadcrumb's separators point the way the text
       reads (▸ and › mirror to ◂ and ‹). */
    :host(:dir(rtl)) .toggle,
    :host(:dir(rtl)) nav li + li::before {
      display: inline-block;
      transform: scaleX(-1);
    }
    .name {
      /* A name from the data never reorders the text beside it (bidi controls, RTL script). */
      unicode-bidi: isolate;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .meta {
      display: contents;
    }
    .code,
    .shak,
    .hint {
      font-size: 0.8125em;
      font-variant-numeric: tabular-nums;
      color: ${colors.textSubtle};
    }
    .shak {
      font-style: italic;
    }
    /* Too long for the row: the SHAK code and the retired note give way first (the active row's
       successors are offered again below the tree), then the name; level and SOR code never. */
    .shak,
    .hint,
    .retired {
      flex-shrink: 100;
      min-inline-size: 0;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    /* Where the unit's MedCom messages go (purpose="addressing"): only the room left over, so the
       name never gives way to it; the whole text stays in the row's accessible name. */
    .hint {
      flex: 1 1 0;
    }
    .badge,
    .code {
      flex: none;
    }
    .badge {
      font-size: 0.8125em;
    }
    .retired {
      font-size: 0.8125em;
      color: ${colors.danger};
    }
    /* A narrow tree (a phone, 400 % zoom): each row takes two lines, the name on the first with
       the whole width, level and code below from the twisty on; indents shrink to 0.5rem a level.
       Rows stay one fixed height (windowing). */
    @container (max-width: 30rem) {
      [role='treeitem'] {
        display: grid;
        grid-template-columns: 1rem minmax(0, 1fr);
        align-content: center;
        gap: 0.125rem 0.5rem;
        block-size: calc(var(--sor-tree-row-height, 2.25rem) * 1.5);
        padding-inline: calc((var(--depth) - 1) * 0.5rem) 0.625rem;
      }
      .meta {
        grid-column: 1 / -1;
        display: flex;
        align-items: center;
        gap: 0.5rem;
        min-inline-size: 0;
      }
      /* Deep rows with wide digits (Firefox's default fonts on Linux) would otherwise push the code
         out of the row: the level's badge gives way (ellipsis) before the tree scrolls sideways.
         Its whole text stays in the row's accessible name. */
      .badge {
        flex: 0 1 auto;
        min-inline-size: 0;
        overflow: hidden;
        text-overflow: ellipsis;
      }
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
      color: ${colors.textSubtle};
    }
    /* Forced colours: author colours give way to system ones, so the active row, the chosen row,
       the level badges and the error are marked with system colours and borders. */
    @media (forced-colors: active) {
      [role='treeitem'] {
        border-inline-start-color: Canvas;
      }
      [role='treeitem'][aria-selected='true'] {
        border-inline-start-color: CanvasText;
      }
      [role='treeitem'].active {
        forced-color-adjust: none;
        background: Highlight;
        color: HighlightText;
        border-inline-start-color: Highlight;
      }
      [role='treeitem'].active[aria-selected='true'] {
        border-inline-start-color: HighlightText;
      }
      [role='treeitem'].active :is(.toggle, .code, .shak, .hint, .retired, .badge, .link) {
        color: HighlightText;
        background: transparent;
        border-color: HighlightText;
      }
      .viewport:focus-visible [role='treeitem'].active {
        outline-color: HighlightText;
      }
      [role='treeitem'][aria-disabled='true']:not(.active) {
        color: GrayText;
      }
      .viewport[aria-invalid='true'] {
        border-width: 2px;
      }
    }
  `,
];
