import { catalogFor, type SorCatalog } from '../../catalog/index.js';

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
