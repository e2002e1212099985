import type { SorSelection } from '../../model/types.js';

/**
 * Fired when the user chooses a unit: `event.detail` is the `SorSelection`. Also fired when a user
 * action leaves the field with no unit chosen (Escape clears it, the text of a choice is edited,
 * the last chip of a `multiple` picker is removed): `event.detail` is then `null`, so a listener
 * that keeps the choice in its own state learns of the clearing too. Bubbles and is composed, so
 * a listener on any ancestor (or a framework binding) receives it. Never fired from a property
 * setter, a form reset or on first render.
 */
export class SorSelectEvent extends CustomEvent<SorSelection | null> {
  static readonly eventName = 'sor-select';
  constructor(selection: SorSelection | null) {
    super(SorSelectEvent.eventName, { detail: selection, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sor-select': SorSelectEvent;
  }
}
