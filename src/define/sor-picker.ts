import { SorPicker } from '../components/picker/picker.js';

// Guarded: a page that loads two copies of the bundle must not throw on the second definition.
if (!customElements.get('sor-picker')) customElements.define('sor-picker', SorPicker);

declare global {
  interface HTMLElementTagNameMap {
    'sor-picker': SorPicker;
  }
}

export { SorPicker };
