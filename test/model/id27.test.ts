import { expect } from '@open-wc/testing';
import {
  ID27_LEVEL_NAMES,
  canonicalLevelName,
  levelLabel,
  levelRank,
  parseLevelList,
  toId27Level,
} from '../../src/model/id27.js';

describe('ID27 levels', () => {
  it('lists the six levels top to bottom', () => {
    expect([...ID27_LEVEL_NAMES]).to.deep.equal([
      'Hospital',
      'Hospitalsområde',
      'Center',
      'Overafdeling',
      'Afdeling',
      'Afsnit',
    ]);
    expect(levelRank('Hospital')).to.be.lessThan(levelRank('Afsnit'));
  });

  it('maps Danish, ASCII and English spellings in any case onto the canonical name', () => {
    expect(canonicalLevelName('afdeling')).to.equal('Afdeling');
    expect(canonicalLevelName('HOSPITALSOMRAADE')).to.equal('Hospitalsområde');
    expect(canonicalLevelName('Department')).to.equal('Afdeling');
    expect(canonicalLevelName('centre')).to.equal('Center');
    expect(canonicalLevelName('Klinik')).to.equal(null);
  });

  it('keeps an unknown level name as the source gave it, never dropping it', () => {
    expect(toId27Level('123', ' Klinik ')).to.deep.equal({ code: '123', name: 'Klinik' });
    expect(toId27Level('456', 'afsnit')).to.deep.equal({ code: '456', name: 'Afsnit' });
    expect(levelLabel('Klinik', 'en')).to.equal('Klinik');
    expect(levelRank('Klinik')).to.equal(6);
  });

  it('parses level lists in attributes, two-word English labels included, and reports unknown words', () => {
    expect(parseLevelList('Afdeling Afsnit')).to.deep.equal({ levels: ['Afdeling', 'Afsnit'], unknown: [] });
    expect(parseLevelList('hospital area, section, ward')).to.deep.equal({
      levels: ['Hospitalsområde', 'Afsnit'],
      unknown: ['ward'],
    });
    expect(levelLabel('Overafdeling', 'en')).to.equal('Department group');
  });
});
