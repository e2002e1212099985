import { expect } from '@open-wc/testing';
import {
  checkEan,
  checkShak,
  checkSorCode,
  checkTypedSorCode,
  detectCodeKind,
  eanCheckDigitMatches,
  makeSorCode,
  shakAncestors,
  shakLevel,
  sorCheckDigitMatches,
  sorCodeFromKey,
  sorCodeKey,
} from '../../src/model/codes.js';

const reasonOf = (check: ReturnType<typeof checkSorCode>) => (check.valid ? null : check.reason);

describe('SOR code format', () => {
  it('accepts the codes DESIGN.md gives, 11 to 16 digits', () => {
    for (const code of ['11000016002', '21000016006', '347801000016001', '1133181000016000']) {
      expect(checkSorCode(code), code).to.deep.equal({ valid: true });
    }
  });

  it('gives a reason for each way a code can be malformed', () => {
    expect(reasonOf(checkSorCode(''))).to.equal('SOR code is empty');
    expect(reasonOf(checkSorCode('2100001600x'))).to.contain('digits only');
    expect(reasonOf(checkSorCode('1000016006'))).to.contain('has 10 digits; a SOR code has 11 to 18');
    expect(reasonOf(checkSorCode('1234567891000016006'))).to.contain('has 19 digits');
    expect(reasonOf(checkSorCode('21000017006'))).to.contain('namespace 1000016');
    expect(reasonOf(checkSorCode('21000016106'))).to.contain('partition 10');
  });

  it('does not reject a code for its check digit, but reports a typed typo', () => {
    // Same shape as the real 347801000016001, last digit changed.
    expect(checkSorCode('347801000016002').valid).to.equal(true);
    expect(sorCheckDigitMatches('347801000016002')).to.equal(false);
    expect(sorCheckDigitMatches('21000016006')).to.equal(true);
    expect(reasonOf(checkTypedSorCode('21000016007'))).to.contain('check digit does not match');
    expect(checkTypedSorCode('21000016006').valid).to.equal(true);
  });

  it('makes codes with a matching check digit, and refuses a bad running number', () => {
    expect(makeSorCode(1)).to.equal('11000016002');
    expect(makeSorCode(2)).to.equal('21000016006');
    const code = makeSorCode(12345678);
    expect(code).to.have.length(18);
    expect(checkTypedSorCode(code).valid).to.equal(true);
    expect(() => makeSorCode(0)).to.throw(RangeError, 'running number');
    expect(() => makeSorCode('123456789')).to.throw(RangeError);
  });
});

describe('SHAK and EAN formats', () => {
  it('accepts 4, 6 and 7 character SHAK codes and says why others fail', () => {
    for (const code of ['1301', '130101', '1301011', '13010A'])
      expect(checkShak(code).valid, code).to.equal(true);
    expect(reasonOf(checkShak('13010'))).to.contain('has 5 characters');
    expect(reasonOf(checkShak('AB0101'))).to.contain('start with 4 digits');
    expect(reasonOf(checkShak('1301-1'))).to.contain('only letters and digits');
    expect(reasonOf(checkShak(''))).to.equal('SHAK code is empty');
  });

  it('maps SHAK length to the ID27 level it stood for, and finds its prefix ancestors', () => {
    expect(shakLevel('2529')).to.equal('Hospital');
    expect(shakLevel('252901')).to.equal('Afdeling');
    expect(shakLevel('2529010')).to.equal('Afsnit');
    expect(shakLevel('25290')).to.equal(null);
    expect(shakAncestors('2529010')).to.deep.equal(['2529', '252901']);
  });

  it('checks EAN length and digits, and the GS1 check digit separately', () => {
    expect(checkEan('5790000141227').valid).to.equal(true);
    expect(reasonOf(checkEan('579000014122'))).to.contain('has 12 digits; it must have 13');
    expect(reasonOf(checkEan('579000014122X'))).to.contain('digits only');
    expect(eanCheckDigitMatches('5790000141227')).to.equal(true);
    expect(eanCheckDigitMatches('5790000141228')).to.equal(false);
  });

  it('detects which code a person typed', () => {
    expect(detectCodeKind(' 21000016006 ')).to.equal('sor');
    expect(detectCodeKind('5790000141227')).to.equal('ean');
    expect(detectCodeKind('252901')).to.equal('shak');
    expect(detectCodeKind('rigshospitalet')).to.equal(null);
  });

  it('keys a regular SOR code as a small integer and gives it back; any other string is -1', () => {
    for (const code of ['47251000016001', '11000016004', '999999991000016009']) {
      const key = sorCodeKey(code);
      expect(key).to.be.within(0, 999_999_999);
      expect(sorCodeFromKey(key)).to.equal(code);
    }
    expect(sorCodeKey('47251000016001')).to.equal(47251); // running number 4725, check digit 1
    for (const other of ['047251000016001', '4725100001600', '47251000017001', '4725x000016001', '']) {
      expect(sorCodeKey(other), other).to.equal(-1);
    }
  });
});
