import { expect } from '@open-wc/testing';
import {
  expandAbbreviation,
  foldForSearch,
  foldWithMap,
  searchKeys,
  tokenize,
  toSourceRange,
} from '../../src/search/normalize.js';
import { SMALL_REGISTER } from '../fixtures/small-register.js';

describe('Danish folding', () => {
  it('lets Køge, Koege and koge meet', () => {
    expect(foldForSearch('Køge')).to.equal('koge');
    expect(foldForSearch('Koege')).to.equal('koge');
    expect(foldForSearch('KOGE')).to.equal('koge');
  });

  it('lets Århus and Aarhus, Sjælland and Sjaelland meet', () => {
    expect(foldForSearch('Århus')).to.equal(foldForSearch('Aarhus'));
    expect(foldForSearch('Sjælland')).to.equal(foldForSearch('Sjaelland'));
    expect(foldForSearch('Sjælland')).to.equal(foldForSearch('sjalland'));
  });

  it('strips diacritics, punctuation and hyphens and collapses spaces', () => {
    expect(foldForSearch('  Børne- og Ungeafdelingen,  Afsnit 5062 ')).to.equal(
      'borne og ungeafdelingen afsnit 5062',
    );
    expect(foldForSearch('Café Île')).to.equal('cafe ile');
    expect(foldForSearch('J. B. Winsløws Vej')).to.equal('j b winslows vej');
  });

  it('folds the same text with and without the map back to the source', () => {
    const samples = [
      ...SMALL_REGISTER.map((unit) => unit.name),
      'Ærø  -- Øst',
      ' ÅAaæ é ü ',
      'Sct. Hans (Roskilde)',
      'a\u0301b Ñandú',
      'Αθήνα 𝒜 b',
      'Aaa OEoe aeae',
      '  ',
      '',
    ];
    for (const sample of samples) expect(foldForSearch(sample), sample).to.equal(foldWithMap(sample).text);
  });

  it('maps folded positions back to the source for highlighting', () => {
    const source = 'Sjællands Universitetshospital, Køge';
    const folded = foldWithMap(source);
    const at = folded.text.indexOf('koge');
    expect(source.slice(...toSourceRange(folded, at, at + 3, source))).to.equal('Køge');
    const sj = folded.text.indexOf('sjallands');
    expect(source.slice(...toSourceRange(folded, sj, sj + 'sjallands'.length - 1, source))).to.equal(
      'Sjællands',
    );
  });
});

describe('search keys', () => {
  it('splits folded text into words with positions and expands abbreviations', () => {
    const folded = foldForSearch('Kardiologisk sengeafs. B1');
    expect(tokenize(folded)).to.deep.equal([
      { word: 'kardiologisk', key: 'kardiologisk', start: 0, end: 12 },
      { word: 'sengeafs', key: 'sengeafsnit', start: 13, end: 21 },
      { word: 'b1', key: 'b1', start: 22, end: 24 },
    ]);
  });

  it('gives the index and the query the same keys', () => {
    expect(searchKeys('Medicinsk afd.')).to.deep.equal(searchKeys('medicinsk afdeling'));
    expect(searchKeys('Ortopædkirurgisk amb.')).to.deep.equal(['ortopadkirurgisk', 'ambulatorium']);
    expect(expandAbbreviation('sgh')).to.equal('sygehus');
    expect(expandAbbreviation('kardiologisk')).to.equal('kardiologisk');
  });
});
