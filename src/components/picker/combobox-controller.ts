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
  private isOpen = false;
  private active = -1;
  // The active option at the last update: a change since then is revealed before rendering.
  private revealed = -1;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: ComboboxCallbacks,
  ) {
    host.addController(this);
  }

  /** The popup is open (it shows only once there is text to search, see the host). */
  get open(): boolean {
    return this.isOpen;
  }

  set open(open: boolean) {
    if (open === this.isOpen) return;
    this.isOpen = open;
    this.host.requestUpdate();
  }

  /** The index of the active option, or -1. */
  get activeIndex(): number {
    return this.active;
  }

  set activeIndex(index: number) {
    if (index === this.active) return;
    this.active = index;
    this.host.requestUpdate();
  }

  /** Closes the popup; no option stays active. */
  close(): void {
    this.open = false;
    this.activeIndex = -1;
  }

  /** Opens the popup for new text: no option is active until the keyboard moves to one. */
  openForInput(): void {
    this.open = true;
    this.activeIndex = -1;
  }

  hostUpdate(): void {
    if (this.active === this.revealed) return;
    this.revealed = this.active;
    if (this.active >= 0) this.callbacks.reveal(this.active);
  }

  /** Handles a key in the input; prevents its default where the key acted on the list. */
  handleKey(event: KeyboardEvent): void {
    const count = this.callbacks.count();
    const active = this.active;
    switch (event.key) {
      case 'Backspace':
        if (this.callbacks.query() === '' && this.callbacks.removeLast()) event.preventDefault();
        break;
      case 'ArrowDown':
        event.preventDefault();
        if (!this.isOpen || event.altKey) {
          this.open = true;
          if (event.altKey) return;
        }
        if (count > 0) this.activeIndex = active + 1 >= count ? 0 : active + 1;
        break;
      case 'ArrowUp':
        event.preventDefault();
        this.open = true;
        if (count > 0) this.activeIndex = active <= 0 ? count - 1 : active - 1;
        break;
      case 'Home':
      case 'End':
        // With an active option, Home/End move within the list; otherwise they move the caret.
        if (this.isOpen && active >= 0 && count > 0) {
          event.preventDefault();
          this.activeIndex = event.key === 'Home' ? 0 : count - 1;
        }
        break;
      case 'Enter':
        if (this.isOpen && active >= 0 && active < count) {
          event.preventDefault();
          this.callbacks.choose(active);
        }
        break;
      case 'Escape':
        if (this.isOpen && this.callbacks.query().trim() !== '') {
          event.preventDefault();
          this.close();
        } else if (this.callbacks.query() !== '') {
          event.preventDefault();
          this.callbacks.clear();
        }
        break;
      case 'Tab':
        this.close();
        break;
    }
  }
}
