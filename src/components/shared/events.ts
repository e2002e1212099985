import type { SorSelection } from '../../model/types.js';

/**
 * Fired when the user chooses a unit. `event.detail` is the `SorSelection`. Bubbles and is
 * composed, so a listener on any ancestor (or a framework binding) receives it. Never fired from a
 * property setter or on first render.
 */
export class SorSelectEvent extends CustomEvent<SorSelection> {
  static readonly eventName = 'sor-select';
  constructor(selection: SorSelection) {
    super(SorSelectEvent.eventName, { detail: selection, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sor-select': SorSelectEvent;
  }
}
