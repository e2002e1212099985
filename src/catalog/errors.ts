/** Why a catalog call could not answer. */
export type SorCatalogErrorCode = 'unknown-code' | 'not-ready' | 'duplicate-code' | 'missing-parent';

/** An error from a `SorCatalog`, with a machine-readable `code` and a message a person can act on. */
export class SorCatalogError extends Error {
  override name = 'SorCatalogError';
  constructor(
    readonly code: SorCatalogErrorCode,
    message: string,
  ) {
    super(message);
  }
}
