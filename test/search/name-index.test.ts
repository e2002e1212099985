import { expect } from '@open-wc/testing';
import type { SorUnit } from '../../src/model/types.js';
import { CodeIndex } from '../../src/search/code-index.js';
import { runAtOnce } from '../../src/util/slices.js';
import { buildNameIndex, countingLayout, type NameIndex } from '../../src/search/name-index.js';
import { aarhus, aarhusCardiology, koege, odense, SMALL_REGISTER, TYPE } from '../fixtures/small-register.js';

const build = (units: readonly SorUnit[]): NameIndex => runAtOnce(buildNameIndex(new CodeIndex(units)));

const index = build(SMALL_REGISTER);
const posOf = (unit: SorUnit) => index.units.findIndex((at) => at.sorCode === unit.sorCode);
const wordId = (word: string) => index.dictionary.idOf(word)!;
const namesOfWord = (word: string) => {
  const id = wordId(word);
  return Array.from(index.wordNames.subarray(index.wordNameStart[id], index.wordNameStart[id + 1]));
};

describe('buildNameIndex', () => {
  it('lays the units out depth first, so every subtree is one range of positions', () => {
    expect(index.units.length).to.equal(SMALL_REGISTER.length);
    for (let pos = 0; pos < index.units.length; pos++) {
      const parent = index.parent[pos];
      if (parent < 0) {
        expect(index.units[pos].parentCode).to.equal(null);
        continue;
      }
      expect(index.units[parent].sorCode).to.equal(index.units[pos].parentCode);
      expect(pos).to.be.greaterThan(parent);
      expect(index.end[pos]).to.be.at.most(index.end[parent]);
    }
    const under = index.units.slice(posOf(aarhus) + 1, index.end[posOf(aarhus)]);
    expect(under.map((unit) => unit.name)).to.include(aarhusCardiology.name);
    expect(under.map((unit) => unit.name)).to.not.include(odense.name);
    expect(index.posOfInput[SMALL_REGISTER.indexOf(aarhus)]).to.equal(posOf(aarhus));
  });

  it('keeps each unit once under a parent cycle, and a self-parent as a root', () => {
    const a: SorUnit = { ...aarhusCardiology, sorCode: '11000016002', parentCode: '21000016006' };
    const b: SorUnit = { ...aarhusCardiology, sorCode: '21000016006', parentCode: '11000016002' };
    const self: SorUnit = { ...aarhusCardiology, sorCode: '31000016000', parentCode: '31000016000' };
    const odd = build([aarhus, a, b, self]);
    expect(odd.units.length).to.be.at.most(4);
    expect(new Set(odd.units.map((unit) => unit.sorCode)).size).to.equal(odd.units.length);
    expect(odd.parent[odd.units.findIndex((unit) => unit.sorCode === self.sorCode)]).to.equal(-1);
  });

  it('inherits region and owner type down the tree', () => {
    const pos = posOf(aarhusCardiology);
    expect(index.regionOf[pos]).to.equal('1082');
    expect(index.ownerTypeOf[pos]).to.equal(TYPE.region);
  });

  it('holds each distinct name once, its words in the dictionary, abbreviations expanded', () => {
    const akut = index.units.filter((unit) => unit.name === 'Akutafdelingen');
    expect(akut.length).to.be.greaterThan(1);
    expect(new Set(akut.map((unit) => index.nameOf[posOf(unit)])).size).to.equal(1);
    const name = index.nameOf[posOf(akut[0])];
    expect(index.nameKeys[name]).to.equal('akutafdelingen');
    expect(namesOfWord('akutafdelingen')).to.include(name);
    // `sengeafs.` is indexed under the word it abbreviates.
    const ward = index.nameKeys.indexOf('kardiologisk sengeafsnit b1');
    expect(ward).to.be.at.least(0);
    expect(namesOfWord('sengeafsnit')).to.include(ward);
  });

  it('lists a name’s units best rank first, and the names by their best unit', () => {
    for (let name = 0; name < index.nameKeys.length; name++) {
      const from = index.nameUnitStart[name];
      const to = index.nameUnitStart[name + 1];
      for (let k = from + 1; k < to; k++) {
        expect(index.rank[index.nameUnits[k - 1]]).to.be.at.most(index.rank[index.nameUnits[k]]);
      }
      expect(index.nameMinRank[name]).to.equal(index.rank[index.nameUnits[from]]);
    }
    for (let i = 1; i < index.namesByRank.length; i++) {
      expect(index.nameMinRank[index.namesByRank[i - 1]]).to.be.at.most(
        index.nameMinRank[index.namesByRank[i]],
      );
      expect(index.nameRankOrder[index.namesByRank[i]]).to.equal(i);
    }
  });

  it('gives hospitals their short names and units their own postcode and city, not inherited ones', () => {
    const extras = (unit: SorUnit) => {
      const pos = posOf(unit);
      return Array.from(
        index.extraWords.subarray(index.extraStart[pos], index.extraStart[pos + 1]),
        (id) => index.dictionary.words[id],
      );
    };
    expect(extras(aarhus)).to.include.members(['auh', '8200', 'arhus']);
    expect(extras(koege)).to.include.members(['4600', 'koge']);
    expect(extras(aarhusCardiology)).to.deep.equal([]);
    const auh = wordId('auh');
    expect(
      Array.from(index.wordAliasUnits.subarray(index.wordAliasStart[auh], index.wordAliasStart[auh + 1])),
    ).to.include(posOf(aarhus));
  });

  it('buckets codes by their first four characters, SHAK in upper case', () => {
    const bucket = index.codeBuckets.get('6620')!;
    const at = bucket.codes.indexOf(aarhusCardiology.shak!);
    expect(at).to.be.at.least(0);
    expect(Math.floor(bucket.entries[at] / 4)).to.equal(posOf(aarhusCardiology));
    // A code of four characters or fewer is found exactly, never by prefix.
    expect(bucket.codes).to.not.include(aarhus.shak);
  });
});

describe('countingLayout', () => {
  it('groups values by key in input order', () => {
    const [start, out] = countingLayout(3, [2, 0, 2, 1, 0], (i) => i * 10);
    expect(Array.from(start)).to.deep.equal([0, 2, 3, 5]);
    expect(Array.from(out)).to.deep.equal([10, 40, 30, 0, 20]);
  });
});
