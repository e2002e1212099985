import { css } from 'lit';

// Knobs are read with fallback chains and never set on :host, so a vendor can set them on :root.
export const pickerStyles = css`
  :host {
    display: block;
    position: relative;
    font: inherit;
    color: var(--sor-color-text, CanvasText);
  }
  :host([hidden]) {
    display: none;
  }
  label {
    display: block;
    margin-block-end: 0.25rem;
    font-weight: var(--sor-picker-label-font-weight, 600);
  }
  input {
    box-sizing: border-box;
    inline-size: 100%;
    padding: var(--sor-picker-input-padding, 0.5rem 0.625rem);
    font: inherit;
    color: inherit;
    background: var(--sor-picker-input-bg, var(--sor-color-surface, Field));
    border: 1px solid var(--sor-picker-border-color, var(--sor-color-border, light-dark(#767676, #8a9099)));
    border-radius: var(--sor-picker-radius, var(--sor-radius, 4px));
  }
  input:focus-visible {
    outline: var(--sor-focus-ring-width, 2px) solid
      var(--sor-color-focus, var(--sor-color-accent, light-dark(#0b5cad, #8ab4f8)));
    outline-offset: 1px;
  }
  .popup {
    position: absolute;
    inset-inline: 0;
    z-index: var(--sor-picker-popup-z-index, 10);
    margin-block-start: 2px;
    background: var(--sor-picker-popup-bg, var(--sor-color-surface, Canvas));
    border: 1px solid var(--sor-picker-border-color, var(--sor-color-border, light-dark(#767676, #8a9099)));
    border-radius: var(--sor-picker-radius, var(--sor-radius, 4px));
    box-shadow: var(--sor-picker-popup-shadow, 0 4px 16px rgb(0 0 0 / 0.16));
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
  .windowed .name {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .group-label {
    padding: 0.5rem 0.625rem 0.25rem;
    font-size: 0.8125em;
    font-weight: 700;
    color: var(--sor-color-text-subtle, light-dark(#4a4a4a, #b8bcc2));
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
    color: var(--sor-chip-color, var(--sor-color-accent-strong, light-dark(#073b70, #d2e3fc)));
    background: var(--sor-chip-bg, var(--sor-color-accent-subtle, light-dark(#e8f0fe, #23324a)));
    border: 1px solid var(--sor-chip-border-color, transparent);
    border-radius: 999px;
    cursor: pointer;
  }
  .chip:focus-visible,
  .successor button:focus-visible {
    outline: var(--sor-focus-ring-width, 2px) solid
      var(--sor-color-focus, var(--sor-color-accent, light-dark(#0b5cad, #8ab4f8)));
    outline-offset: 1px;
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
    background: var(--sor-picker-option-hover-bg, var(--sor-color-hover, rgb(0 0 0 / 0.05)));
  }
  [role='option'][aria-selected='true'] {
    background: var(
      --sor-picker-option-active-bg,
      var(--sor-color-accent-subtle, light-dark(#e8f0fe, #23324a))
    );
    border-inline-start-color: var(--sor-color-accent, light-dark(#0b5cad, #8ab4f8));
    outline: 1px solid transparent; /* visible in forced-colours mode */
  }
  .name {
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .context {
    grid-column: 1;
    font-size: 0.875em;
    color: var(--sor-color-text-subtle, light-dark(#4a4a4a, #b8bcc2));
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
  .code {
    font-variant-numeric: tabular-nums;
    color: var(--sor-color-text-subtle, light-dark(#4a4a4a, #b8bcc2));
  }
  .badge {
    padding: 0 0.375rem;
    border-radius: 999px;
    background: var(--sor-badge-bg, var(--sor-color-accent-subtle, light-dark(#e8f0fe, #23324a)));
    color: var(--sor-badge-color, var(--sor-color-accent-strong, light-dark(#073b70, #d2e3fc)));
    border: 1px solid transparent;
    white-space: nowrap;
  }
  .hint {
    color: var(--sor-color-text-subtle, light-dark(#4a4a4a, #b8bcc2));
  }
  .retired {
    color: var(--sor-color-danger, light-dark(#a4262c, #ff8a80));
  }
  mark {
    background: var(--sor-highlight-bg, transparent);
    color: inherit;
    font-weight: 700;
    text-decoration: underline;
    text-underline-offset: 2px;
  }
  .message {
    padding: 0.625rem;
    color: var(--sor-color-text-subtle, light-dark(#4a4a4a, #b8bcc2));
  }
  [role='option'][aria-disabled='true'] {
    cursor: default;
    color: var(--sor-color-text-subtle, light-dark(#4a4a4a, #b8bcc2));
  }
  .reason {
    font-style: italic;
    color: var(--sor-color-text-subtle, light-dark(#4a4a4a, #b8bcc2));
  }
  .note {
    margin: 0.375rem 0 0;
    font-size: 0.875em;
    color: var(--sor-color-text-subtle, light-dark(#4a4a4a, #b8bcc2));
  }
  .note.invalid {
    color: var(--sor-color-danger, light-dark(#a4262c, #ff8a80));
  }
  input[aria-invalid='true'] {
    border-color: var(--sor-color-danger, light-dark(#a4262c, #ff8a80));
  }
  .successor button {
    font: inherit;
    color: var(--sor-color-link, var(--sor-color-accent, light-dark(#0b5cad, #8ab4f8)));
    background: none;
    border: 0;
    padding: 0;
    text-decoration: underline;
    cursor: pointer;
  }
  /* Forced colours: system colours mark the active option and the error, not a tint that vanishes. */
  @media (forced-colors: active) {
    [role='option'][aria-selected='true'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
    input[aria-invalid='true'] {
      border-width: 2px;
    }
    mark {
      color: inherit;
      background: transparent;
    }
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
