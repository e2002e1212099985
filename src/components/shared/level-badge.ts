import { html, nothing } from 'lit';
import { levelLabel, type Id27Level, type UiLanguage } from '../../model/id27.js';

/** The ID27 level badge (part `badge`); nothing for a unit without a level. */
export function levelBadge(level: Id27Level | null, language: UiLanguage) {
  if (!level) return nothing;
  return html`<span part="badge" class="badge" data-level=${level.name}
    >${levelLabel(level.name, language)}</span
  >`;
}
