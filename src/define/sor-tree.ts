import { SorTree } from '../components/tree/tree.js';

// Guarded: a page that loads two copies of the bundle must not throw on the second definition.
if (!customElements.get('sor-tree')) customElements.define('sor-tree', SorTree);

declare global {
  interface HTMLElementTagNameMap {
    'sor-tree': SorTree;
  }
}

export { SorTree };
