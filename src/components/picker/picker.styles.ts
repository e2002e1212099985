import { css } from 'lit';
import { badgeStyles, baseStyles, boxBorder, boxRadius, colors, fieldStyles } from '../shared/styles.js';

// Knobs are read with fallback chains and never set on :host, so a vendor can set them on :root.
export const pickerStyles = [
  baseStyles,
  fieldStyles('picker', '0.5rem 0.625rem'),
  badgeStyles,
  css`
    :host {
      position: relative;
    }
    .popup {
      position: absolute;
      inset-inline: 0;
      z-index: var(--sor-picker-popup-z-index, 10);
      margin-block-start: 2px;
      background: var(--sor-picker-popup-bg, var(--sor-color-surface, Canvas));
      border: ${boxBorder('picker')};
      border-radius: ${boxRadius('picker')};
      box-shadow: var(--sor-picker-popup-shadow, 0 4px 16px rgb(0 0 0 / 0.16));
      /* Option rows lay out by the popup's width (narrow: below), not the page's. */
      container-type: inline-size;
    }
    input:disabled {
      color: GrayText;
      cursor: not-allowed;
    }
    [role='listbox'] {
      max-block-size: var(--sor-picker-popup-max-height, 22rem);
      overflow-y: auto;
      overscroll-behavior: contain;
      padding-block: 0.25rem;
    }
    [role='listbox'] > [role='none'] {
      box-sizing: border-box;
    }
    /* Windowed: every row one fixed height (WindowController's arithmetic), names cut with an ellipsis. */
    .windowed [role='option'],
    .windowed .group-label {
      box-sizing: border-box;
      block-size: var(--sor-picker-option-height, 3.25rem);
      overflow: hidden;
    }
    /* Addressing rows have a third line (the receiving EAN): every windowed row is that high. */
    :host([purpose='addressing']) .windowed :is([role='option'], .group-label) {
      block-size: var(--sor-picker-option-height, 4.5rem);
    }
    .windowed .name {
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .group-label {
      padding: 0.5rem 0.625rem 0.25rem;
      font-size: 0.8125em;
      font-weight: 700;
      color: ${colors.textSubtle};
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin-block-end: 0.375rem;
    }
    .chip {
      display: inline-flex;
      gap: 0.375rem;
      font: inherit;
      font-size: 0.875em;
      padding: 0.125rem 0.5rem;
      color: var(--sor-chip-color, ${colors.accentStrong});
      background: var(--sor-chip-bg, ${colors.accentSubtle});
      border: 1px solid var(--sor-chip-border-color, transparent);
      border-radius: 999px;
      cursor: pointer;
      overflow-wrap: anywhere;
    }
    [role='option'] {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.125rem 0.75rem;
      padding: 0.375rem 0.625rem;
      cursor: pointer;
      border-inline-start: 3px solid transparent;
    }
    [role='option']:hover {
      background: var(--sor-picker-option-hover-bg, ${colors.hover});
    }
    [role='option'][aria-selected='true'] {
      background: var(--sor-picker-option-active-bg, ${colors.accentSubtle});
      border-inline-start-color: ${colors.accent};
    }
    .name {
      /* A name from the data never reorders the text beside it (bidi controls, RTL script). */
      unicode-bidi: isolate;
      font-weight: 500;
      overflow-wrap: anywhere;
    }
    .context {
      grid-column: 1;
      font-size: 0.875em;
      color: ${colors.textSubtle};
      overflow-wrap: anywhere;
    }
    .meta {
      grid-row: 1 / span 2;
      grid-column: 2;
      display: flex;
      flex-direction: column;
      align-items: flex-end;
      gap: 0.125rem;
      font-size: 0.8125em;
    }
    /* A narrow popup (a phone, 400 % zoom): the level, code and hints go below the name, so the
       name keeps the whole width and wraps between words. Windowed rows grow to fit the line. */
    @container (max-width: 26rem) {
      [role='option'] {
        grid-template-columns: minmax(0, 1fr);
      }
      .meta {
        grid-row: auto;
        grid-column: 1;
        flex-direction: row;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.125rem 0.5rem;
      }
      .windowed [role='option'] {
        block-size: calc(var(--sor-picker-option-height, 3.25rem) * 1.5);
      }
      .windowed .context,
      .windowed .meta {
        flex-wrap: nowrap;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
    }
    .code {
      font-variant-numeric: tabular-nums;
      color: ${colors.textSubtle};
    }
    .hint {
      color: ${colors.textSubtle};
    }
    .retired {
      color: ${colors.danger};
    }
    .message {
      padding: 0.625rem;
      color: ${colors.textSubtle};
    }
    [role='option'][aria-disabled='true'] {
      cursor: default;
      color: ${colors.textSubtle};
    }
    .reason {
      font-style: italic;
      color: ${colors.textSubtle};
    }
    input[aria-invalid='true'] {
      border-color: ${colors.danger};
    }
    /* Forced colours: author colours give way to system ones and box-shadows are dropped, so the
       active option, the chips and the error are marked with system colours and borders. */
    @media (forced-colors: active) {
      [role='option'] {
        border-inline-start-color: Canvas;
      }
      [role='option'][aria-selected='true'] {
        forced-color-adjust: none;
        background: Highlight;
        color: HighlightText;
        border-inline-start-color: HighlightText;
      }
      [role='option'][aria-selected='true'] :is(.context, .code, .hint, .retired, .reason, .badge) {
        color: HighlightText;
        background: transparent;
        border-color: HighlightText;
      }
      [role='option'][aria-disabled='true'],
      [role='option'][aria-disabled='true'] :is(.context, .code, .hint, .reason) {
        color: GrayText;
      }
      .chip {
        border-color: ButtonText;
      }
      input[aria-invalid='true'] {
        border-width: 2px;
      }
      mark {
        color: inherit;
        background: transparent;
      }
    }
  `,
];
