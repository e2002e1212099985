import { expect } from '@open-wc/testing';
import {
  VERHOEFF_PERMUTATIONS,
  checkDigitBeforeTail,
  verhoeffCheckDigit,
  verhoeffValid,
} from '../../src/model/verhoeff.js';
import { checkTypedSorCode, sorCheckDigitMatches } from '../../src/model/codes.js';

// Real SOR codes: the examples of shared/DESIGN.md and every SorIdentifier of the Trifork samples
// (../shared/sor-samples/sor-xml-v1/trifork-sdm4-sorimporter/*.xml).
const REAL_CODES = [
  '11000016002',
  '21000016006',
  '347801000016001',
  '1133181000016000',
  '1057801000016004',
  '306011000016003',
  '306021000016007',
  '306031000016009',
  '8321000016007',
  '8331000016009',
  '8341000016002',
  '347811000016004',
  '347821000016008',
  '347831000016005',
];

describe('Verhoeff check digit', () => {
  it('validates every real SOR code', () => {
    for (const code of REAL_CODES) {
      expect(verhoeffValid(code), code).to.equal(true);
      expect(sorCheckDigitMatches(code), code).to.equal(true);
      expect(checkTypedSorCode(code), code).to.deep.equal({ valid: true });
    }
  });

  it('gives the published check digits', () => {
    // Verhoeff's worked examples: 236 → 2363, 12345 → 123451, 142857 → 1428570.
    expect(verhoeffCheckDigit('236')).to.equal(3);
    expect(verhoeffCheckDigit('12345')).to.equal(1);
    expect(verhoeffCheckDigit('142857')).to.equal(0);
    for (const code of REAL_CODES)
      expect(verhoeffCheckDigit(code.slice(0, -1)), code).to.equal(Number(code.slice(-1)));
  });

  it('builds the permutation table as the powers of p1', () => {
    const p1 = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];
    expect(VERHOEFF_PERMUTATIONS[0]).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (let k = 1; k < 8; k++) {
      expect(VERHOEFF_PERMUTATIONS[k], `row ${k}`).to.deep.equal(
        VERHOEFF_PERMUTATIONS[k - 1].map((digit) => p1[digit]),
      );
    }
    // The row a hand-typed table once got wrong.
    expect(VERHOEFF_PERMUTATIONS[4]).to.deep.equal([9, 4, 5, 3, 1, 2, 6, 8, 7, 0]);
    // p1 has order 8: applied once more, it is the identity again.
    expect(VERHOEFF_PERMUTATIONS[7].map((digit) => p1[digit])).to.deep.equal(VERHOEFF_PERMUTATIONS[0]);
  });

  it('catches every single-digit substitution and every adjacent transposition', () => {
    for (const code of ['347801000016001', '1133181000016000', '1057801000016004', '8321000016007']) {
      for (let i = 0; i < code.length; i++) {
        for (let digit = 0; digit <= 9; digit++) {
          if (String(digit) === code[i]) continue;
          const typo = code.slice(0, i) + digit + code.slice(i + 1);
          expect(verhoeffValid(typo), `${code} → ${typo}`).to.equal(false);
        }
        if (i + 1 < code.length && code[i] !== code[i + 1]) {
          const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
          expect(verhoeffValid(swapped), `${code} → ${swapped}`).to.equal(false);
          expect(checkTypedSorCode(swapped).valid, swapped).to.equal(false);
        }
      }
    }
  });

  it('gives a running number before a fixed tail the same check digit as its digits written out', () => {
    const sorTail = checkDigitBeforeTail('100001600');
    for (const code of REAL_CODES) {
      const running = Number(code.slice(0, -10));
      expect(sorTail(running), code).to.equal(Number(code.slice(-1)));
    }
    // Every length of running number, at each of the eight permutation positions, and other tails.
    for (const tail of ['100001600', '0', '31', '12345678']) {
      const atTail = checkDigitBeforeTail(tail);
      for (let running = 1; running < 100_000_000; running = running * 7 + 3) {
        expect(atTail(running), `${running}${tail}`).to.equal(verhoeffCheckDigit(`${running}${tail}`));
      }
    }
    // Another table (snapshot format 1's): the v1 fixture test in test/snapshot/codec.node.test.ts.
  });

  it('refuses anything that is not a digit string', () => {
    expect(verhoeffValid('')).to.equal(false);
    expect(verhoeffValid('2363a')).to.equal(false);
    expect(verhoeffValid(' 2363')).to.equal(false);
  });
});
