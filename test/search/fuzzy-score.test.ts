// `fuzzyScore` took the place of fuse.js in the word dictionary (the CDN bundle's size ceiling):
// it must score one word against another exactly as fuse.js did with the options the library
// gave it, so that typo-tolerant search ranks as before. fuse.js stays a dev dependency as the oracle.
import { expect } from '@open-wc/testing';
import Fuse from 'fuse.js/basic';
import { foldName } from '../../src/search/fold-name.js';
import { FUZZY_THRESHOLD, fuzzyScore } from '../../src/search/token-dictionary.js';
import { SMALL_REGISTER } from '../fixtures/small-register.js';

const FUSE_OPTIONS = {
  includeScore: true,
  ignoreLocation: true,
  threshold: FUZZY_THRESHOLD,
  minMatchCharLength: 2,
  isCaseSensitive: true,
} as const;

// The dictionary's words: every unit's folded name, word by word.
const words = [
  ...new Set(
    SMALL_REGISTER.flatMap((unit) => foldName(unit.name).keys.split(' ')).filter((word) => word.length >= 4),
  ),
];

// What a person mistypes: a letter left out, doubled, changed, two swapped, one added.
function typos(word: string): string[] {
  const found = new Set<string>();
  for (let i = 0; i < word.length; i++) {
    found.add(word.slice(0, i) + word.slice(i + 1));
    found.add(word.slice(0, i) + word[i] + word.slice(i));
    found.add(word.slice(0, i) + 'x' + word.slice(i + 1));
    if (i + 1 < word.length) found.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    found.add(word.slice(0, i) + 'e' + word.slice(i));
  }
  return [...found].filter((typo) => typo.length >= 4 && typo.length <= 32);
}

describe('fuzzyScore', () => {
  it('scores as fuse.js did: the same words match, with the same score, for every typo of every word', () => {
    expect(words.length).to.be.greaterThan(50);
    const fuse = new Fuse(words, FUSE_OPTIONS);
    let compared = 0;
    let matched = 0;
    const queries = [...words, ...words.flatMap(typos)];
    for (const query of queries) {
      const expected = new Map(fuse.search(query).map((result) => [words[result.refIndex], result.score]));
      for (const word of words) {
        const score = fuzzyScore(query, word);
        const wanted = expected.get(word) ?? null;
        if (score === null || wanted === null) expect(score, `${query} in ${word}`).to.equal(wanted);
        else expect(score, `${query} in ${word}`).to.be.closeTo(wanted, 1e-12);
        compared++;
        if (score !== null) matched++;
      }
    }
    expect(compared).to.be.greaterThan(100_000);
    expect(matched).to.be.greaterThan(1000);
  });

  it('a word itself is 0, inside a longer word 0.001, one typo in three letters the most', () => {
    expect(fuzzyScore('kardiologisk', 'kardiologisk')).to.equal(0);
    expect(fuzzyScore('afdeling', 'akutafdelingen')).to.equal(0.001);
    expect(fuzzyScore('kardiologsk', 'kardiologisk')).to.be.closeTo(1 / 11, 1e-12);
    expect(fuzzyScore('abc', 'xyz')).to.equal(null);
  });
});
