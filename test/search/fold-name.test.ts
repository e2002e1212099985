import { expect } from '@open-wc/testing';
import { foldName, NAME_FOLDING_VERSION } from '../../src/search/fold-name.js';
import { searchKeys } from '../../src/search/normalize.js';

describe('foldName', () => {
  it('gives the folded words and the search keys of a name, each after a space', () => {
    expect(foldName('Kardiologisk sengeafs. B1')).to.deep.equal({
      words: ' kardiologisk sengeafs b1',
      keys: ' kardiologisk sengeafsnit b1',
    });
  });

  it('folds Danish letters and their spellings alike, as the search does', () => {
    expect(foldName('Køge Sygehus')).to.deep.equal(foldName('Koege sygehus'));
    expect(foldName('Århus').words).to.equal(' arhus');
    expect(foldName('Lægehuset Østerbro').keys.trim().split(' ')).to.deep.equal(
      searchKeys('Lægehuset Østerbro'),
    );
  });

  it('lets a word prefix be found with includes(" " + word)', () => {
    const { keys } = foldName('Ortopædkirurgisk afd. O');
    expect(keys.includes(' ortopadkir')).to.equal(true);
    expect(keys.includes(' afdeling')).to.equal(true);
    expect(keys.includes(' kirurgisk')).to.equal(false);
  });

  it('folds nothing out of an empty or punctuation-only name', () => {
    expect(foldName('')).to.deep.equal({ words: '', keys: '' });
    expect(foldName(' – (.) ')).to.deep.equal({ words: '', keys: '' });
  });

  it('has a folding version that stored tables are checked against', () => {
    expect(NAME_FOLDING_VERSION).to.be.a('number');
    expect(NAME_FOLDING_VERSION).to.be.greaterThan(0);
  });
});
