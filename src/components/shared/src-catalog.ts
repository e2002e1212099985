import type { SorCatalog } from '../../catalog/catalog.js';
import { catalogFor } from '../../catalog/catalog-registry.js';

/**
 * The `src` attribute of a component that also takes a `catalog` property: `src` opens (or
 * shares) the catalog of that manifest, and a new `src` replaces the catalog it gave, but never
 * one the vendor set.
 */
export class SrcCatalog {
  private fromSrc: SorCatalog | null = null;

  /** The catalog to use once `src` changed, given the component's `catalog` now. */
  resolve(src: string, current: SorCatalog | null): SorCatalog | null {
    if (current !== null && current !== this.fromSrc) return current;
    this.fromSrc = src ? catalogFor(src) : null;
    return this.fromSrc;
  }
}
