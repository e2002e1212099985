import { foldForSearch, tokenize } from './normalize.js';

/**
 * The folded words and the search keys of a name, each after a space (` kardiologisk sengeafs b1`,
 * ` kardiologisk sengeafsnit b1`): `includes(' ' + word)` then finds a word that starts with
 * `word`, natively, with no list of words per name. Also what a stored unit table keeps.
 */
export function foldName(name: string): { words: string; keys: string } {
  let words = '';
  let keys = '';
  for (const token of tokenize(foldForSearch(name))) {
    words += ' ' + token.word;
    keys += ' ' + token.key;
  }
  return { words, keys };
}

/** Raise whenever `foldName` (or what it calls) changes: stored folds of another version are not used. */
export const NAME_FOLDING_VERSION = 2;
