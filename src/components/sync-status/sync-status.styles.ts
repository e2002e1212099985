import { css } from 'lit';
import { baseStyles, colors } from '../shared/styles.js';

export const syncStatusStyles = [
  baseStyles,
  css`
    [part='base'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.75rem;
    }
    [part='state'] {
      color: ${colors.textSubtle};
    }
    [part='state'].error {
      color: var(--sor-sync-status-error-color, light-dark(#b00020, #ff8a80));
    }
    [part='progress'] {
      inline-size: 8rem;
      max-inline-size: 100%;
      accent-color: ${colors.accent};
    }
    [part='badge'] {
      padding: 0 0.4em;
      border-radius: var(--sor-radius, 4px);
      background: ${colors.accentSubtle};
      font-size: 0.85em;
    }
    [part='button'] {
      font: inherit;
      padding: 0.1rem 0.6rem;
      border: 1px solid ${colors.border};
      border-radius: var(--sor-radius, 4px);
      background: var(--sor-color-surface, ButtonFace);
      color: inherit;
      cursor: pointer;
    }
    [part='button']:focus-visible {
      outline-offset: 2px;
    }
    /* Forced colours drop the badge's background: a border keeps it a marker. */
    @media (forced-colors: active) {
      [part='badge'] {
        border: 1px solid CanvasText;
      }
    }
  `,
];
