import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the combobox controller asks of the element. */
export interface ComboboxCallbacks {
  /** How many options the list holds now. */
  count(): number;
  /** The text in the input. */
  query(): string;
  /** The user chose the option at `index` (Enter). */
  choose(index: number): void;
  /** Escape with nothing to close: the user empties the field. */
  clear(): void;
  /** Backspace in the empty input: remove the last chosen unit; false when there is none to remove. */
  removeLast(): boolean;
  /** An option became active: render it (inside the window) before the input points at it. */
  reveal(index: number): void;
}

/**
 * The keyboard and the active option of an editable combobox with a listbox popup, after the
 * WAI-ARIA APG combobox pattern (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): focus stays
 * in the input; ↓/↑ open the list and move the active option (wrapping), Alt+↓ only opens it,
 * Home/End move within the list once an option is active, Enter chooses, Escape closes the list
 * (or, closed, empties the field), Tab closes it. The host renders `aria-expanded` from `open`
 * and `aria-activedescendant` from `activeIndex`.
 */
export class ComboboxController implements ReactiveController {
  /** The popup is open (the host shows it only once there is text to search). Read, never write. */
  open = false;
  /** The index of the active option, or -1. Read, never write. */
  activeIndex = -1;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: ComboboxCallbacks,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /**
   * Opens the popup, keeping the active option; with `activeIndex` -1 (new text) no option is
   * active until the keyboard moves to one.
   */
  show(activeIndex = this.activeIndex): void {
    this.set(true, activeIndex);
  }

  /** Closes the popup; no option stays active. */
  close(): void {
    this.set(false, -1);
  }

  /** Handles a key in the input; prevents its default where the key acted on the list. */
  handleKey(event: KeyboardEvent): void {
    const count = this.callbacks.count();
    const { open, activeIndex: active } = this;
    const query = this.callbacks.query();
    switch (event.key) {
      case 'Backspace':
        if (query === '' && this.callbacks.removeLast()) event.preventDefault();
        break;
      case 'ArrowDown':
        event.preventDefault();
        // Alt+↓ opens the list without moving; ↓ on a closed list opens it and moves too.
        if (event.altKey) this.show();
        else if (count > 0) this.set(true, active + 1 >= count ? 0 : active + 1);
        else this.show();
        break;
      case 'ArrowUp':
        event.preventDefault();
        this.set(true, count > 0 ? (active <= 0 ? count - 1 : active - 1) : active);
        break;
      case 'Home':
      case 'End':
        // With an active option, Home/End move within the list; otherwise they move the caret.
        if (open && active >= 0 && count > 0) {
          event.preventDefault();
          this.set(true, event.key === 'Home' ? 0 : count - 1);
        }
        break;
      case 'Enter':
        if (open && active >= 0 && active < count) {
          event.preventDefault();
          this.callbacks.choose(active);
        }
        break;
      case 'Escape':
        if (open && query.trim() !== '') {
          event.preventDefault();
          this.close();
        } else if (query !== '') {
          event.preventDefault();
          this.callbacks.clear();
        }
        break;
      case 'Tab':
        this.close();
        break;
    }
  }

  private set(open: boolean, activeIndex: number): void {
    if (open === this.open && activeIndex === this.activeIndex) return;
    // Before the update renders it: the host makes the newly active option part of the window.
    if (activeIndex >= 0 && activeIndex !== this.activeIndex) this.callbacks.reveal(activeIndex);
    this.open = open;
    this.activeIndex = activeIndex;
    this.host.requestUpdate();
  }
}
