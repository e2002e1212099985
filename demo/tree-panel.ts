import type { SorCatalog } from '../src/catalog/catalog.js';
import '../src/define/sor-tree.js';
import type { SorTree } from '../src/components/tree/tree.js';

export interface TreePanelOptions {
  /** Called with every selection the user makes in the tree. */
  onSelect?: (event: HTMLElementEventMap['sor-select']) => void;
  /** Attributes to set on the tree, e.g. `{ 'show-shak': '', 'selectable-levels': 'Afdeling Afsnit' }`. */
  attributes?: Record<string, string>;
}

/**
 * Mounts a `<sor-tree>` for a catalog into `container` (replacing its content) and returns the
 * tree, so the page can change its catalog, language or attributes later.
 */
export function mountTreePanel(
  container: HTMLElement,
  catalog: SorCatalog,
  options: TreePanelOptions = {},
): SorTree {
  const tree = document.createElement('sor-tree');
  for (const [name, value] of Object.entries(options.attributes ?? { 'show-shak': '' }))
    tree.setAttribute(name, value);
  tree.catalog = catalog;
  if (options.onSelect) tree.addEventListener('sor-select', options.onSelect);
  container.replaceChildren(tree);
  return tree;
}
