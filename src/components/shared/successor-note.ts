import { html, nothing } from 'lit';
import type { SorUnit } from '../../model/types.js';
import type { SorStrings } from './strings.js';

/**
 * The note under a field about a retired unit: `lead` (what is retired), "replaced by", and one
 * button a successor that goes to it, so the keyboard reaches the jump. Nothing without successors.
 */
export function successorNote(
  lead: unknown,
  successors: readonly SorUnit[],
  text: SorStrings,
  go: (successor: SorUnit, event: Event) => void,
) {
  if (successors.length === 0) return nothing;
  return html`<p class="note successor">
    ${lead}, ${text.replacedBy('')}
    ${successors.map(
      (successor) =>
        html`<button type="button" class="link" @click=${(event: Event) => go(successor, event)}>
          ${text.goToSuccessor(successor.name)}
        </button> `,
    )}
  </p>`;
}
