import { expect } from '@open-wc/testing';
import { classifyCode, compactCodeInput } from '../../src/model/classify-code.js';
import { detectCodeKind } from '../../src/model/codes.js';

describe('classifyCode', () => {
  it('recognises a valid SOR code, EAN, SHAK and ydernummer', () => {
    expect(classifyCode('1057801000016004')).to.deep.equal({
      kind: 'sor',
      value: '1057801000016004',
      valid: true,
      reason: null,
      alsoPossible: [],
    });
    expect(classifyCode('5790000141227')).to.include({ kind: 'ean', valid: true, reason: null });
    expect(classifyCode('2529')).to.include({ kind: 'shak', value: '2529', valid: true });
    expect(classifyCode('252901').alsoPossible).to.deep.equal(['provider']);
    expect(classifyCode('019062')).to.include({ kind: 'shak', valid: true });
    expect(classifyCode('19062')).to.include({ kind: 'provider', value: '19062', valid: true });
  });

  it('reads 7-character SHAK codes that end in a letter, in either case', () => {
    for (const [typed, value] of [
      ['3800A80', '3800A80'],
      ['664038K', '664038K'],
      ['664038k', '664038K'],
    ]) {
      const result = classifyCode(typed);
      expect(result, typed).to.include({ kind: 'shak', value, valid: true });
      expect(result.alsoPossible).to.deep.equal([]);
    }
  });

  it('unwraps spreadsheet text and removes separators, and says so', () => {
    for (const pasted of [
      '="1057801000016004"',
      '"1057801000016004"',
      "'1057801000016004",
      '1 057 801 000 016 004',
      '1057801-000016-004',
      '1.057.801.000.016.004',
      '\u00A01\u202F057\u202F801\u202F000\u202F016\u202F004 ',
    ]) {
      const result = classifyCode(pasted);
      expect(result, pasted).to.include({ kind: 'sor', value: '1057801000016004', valid: true });
      expect(result.reason, pasted).to.match(
        /^read as 1057801000016004 \(without (the spreadsheet wrapper|separators)/,
      );
      expect(compactCodeInput(pasted)).to.equal('1057801000016004');
    }
    expect(classifyCode('="1 057 801 000 016 004"').reason).to.equal(
      'read as 1057801000016004 (without the spreadsheet wrapper and separators)',
    );
  });

  it('explains a SOR code whose last digits a spreadsheet zeroed, and keeps what survived', () => {
    const result = classifyCode('1057801000016000');
    expect(result).to.include({ kind: 'sor', valid: false, survivingPrefix: '105780100001600' });
    expect(result.reason).to.equal(
      'SOR code "1057801000016000": its last digit was zeroed, as a spreadsheet does with numbers longer than 15 digits; format the column as text and copy the code again (it begins 105780100001600)',
    );
    expect(classifyCode('12345671000016000').reason).to.contain('its last 2 digits were zeroed');
    // A 15-digit code with a wrong check digit is a typo, not a spreadsheet's doing.
    const typo = classifyCode('347801000016002');
    expect(typo.reason).to.equal(
      'SOR code "347801000016002": check digit does not match (a digit may be mistyped)',
    );
    expect(typo.survivingPrefix).to.equal(undefined);
  });

  it('reads a SHAK + 99999 pseudo-code as the SHAK, and says it is no SOR code', () => {
    const result = classifyCode('141102099999');
    expect(result).to.include({ kind: 'shak', value: '1411020', valid: true });
    expect(result.reason).to.equal(
      '141102099999 is a local pseudo-code (SHAK 1411020 followed by 99999), not a SOR code: look the unit up by its SHAK 1411020',
    );
    expect(classifyCode('664038K99999')).to.include({ kind: 'shak', value: '664038K' });
    expect(classifyCode('252999999')).to.include({ kind: 'shak', value: '2529' });
  });

  it('says why a value is no code, and leaves names alone', () => {
    expect(classifyCode('Rigshospitalet')).to.deep.equal({
      kind: 'none',
      value: '',
      valid: false,
      reason: null,
      alsoPossible: [],
    });
    expect(classifyCode('   ').kind).to.equal('none');
    expect(classifyCode('1234567890').reason).to.equal(
      '"1234567890" has 10 digits: no SOR code (11–18), EAN (13), SHAK (4, 6, 7) or ydernummer (1–9) has that many',
    );
    expect(classifyCode('1234567891000017006')).to.include({ kind: 'none' });
    expect(classifyCode('12345678910000170').reason).to.contain('namespace 1000016');
    expect(classifyCode('5790000141228')).to.include({ kind: 'ean', valid: false });
    expect(classifyCode('5790000141228').reason).to.contain('check digit does not match');
    expect(classifyCode('13010').kind).to.equal('provider');
    expect(classifyCode('1301AB').reason).to.equal(null);
    expect(classifyCode('Afsnit 2143').kind).to.equal('none');
  });

  it('keeps detectCodeKind working', () => {
    expect(detectCodeKind(' 21000016006 ')).to.equal('sor');
    expect(detectCodeKind('5790000141227')).to.equal('ean');
    expect(detectCodeKind('252901')).to.equal('shak');
    expect(detectCodeKind('rigshospitalet')).to.equal(null);
  });
});
