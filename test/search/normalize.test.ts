import { expect } from '@open-wc/testing';
import { foldForSearch, foldWithMap, toSourceRange } from '../../src/search/normalize.js';

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
