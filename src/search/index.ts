export * from './types.js';
export * from './normalize.js';
export { CodeIndex, type CodeField } from './code-index.js';
export { SearchIndex, type SearchRequest } from './search-index.js';
