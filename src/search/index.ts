export * from './types.js';
// The normaliser's public part (its `foldName` serves the stored unit table only).
export {
  expandAbbreviation,
  foldForSearch,
  foldWithMap,
  searchKeys,
  tokenize,
  toSourceRange,
  type FoldedText,
  type SearchToken,
} from './normalize.js';
export { CodeIndex, type CodeField } from './code-index.js';
export { SearchIndex, type SearchRequest } from './search-index.js';
