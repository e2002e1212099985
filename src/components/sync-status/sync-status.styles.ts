import { css } from 'lit';

export const syncStatusStyles = css`
  :host {
    display: block;
    font: inherit;
    color: var(--sor-color-text, CanvasText);
  }
  :host([hidden]) {
    display: none;
  }
  [part='base'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
  }
  [part='state'] {
    color: var(--sor-color-text-subtle, light-dark(#4a4a4a, #b8bcc2));
  }
  [part='state'].error {
    color: var(--sor-sync-status-error-color, light-dark(#b00020, #ff8a80));
  }
  [part='progress'] {
    inline-size: 8rem;
    accent-color: var(--sor-color-accent, light-dark(#0b5cad, #8ab4f8));
  }
  [part='badge'] {
    padding: 0 0.4em;
    border-radius: var(--sor-radius, 4px);
    background: var(--sor-color-accent-subtle, light-dark(#e8f0fe, #23324a));
    font-size: 0.85em;
  }
  [part='button'] {
    font: inherit;
    padding: 0.1rem 0.6rem;
    border: 1px solid var(--sor-color-border, light-dark(#767676, #8a9099));
    border-radius: var(--sor-radius, 4px);
    background: var(--sor-color-surface, ButtonFace);
    color: inherit;
    cursor: pointer;
  }
  [part='button']:focus-visible {
    outline: 2px solid var(--sor-color-accent, light-dark(#0b5cad, #8ab4f8));
    outline-offset: 2px;
  }
`;
