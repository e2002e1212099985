import { SorCatalog } from './catalog.js';
import { absoluteUrl } from './open-catalog.js';

// One catalog per absolute manifest URL per page: every `<sor-picker src>` (and tree) naming the
// same snapshot shares one copy of the units, one IndexedDB connection and one sync.
const catalogs = new Map<string, SorCatalog>();

/**
 * The shared catalog of a snapshot source (`src` = its `manifest.json`, relative to the page),
 * opened with `SorCatalog.open` on first request. Components use it for their `src` attribute.
 */
export function catalogFor(src: string | URL): SorCatalog {
  const url = absoluteUrl(src);
  let catalog = catalogs.get(url);
  if (!catalog) {
    catalog = SorCatalog.open({ src: url });
    catalogs.set(url, catalog);
  }
  return catalog;
}
