import { expect } from '@open-wc/testing';
import type { SorUnit } from '../../src/model/types.js';
import { EarlyNames } from '../../src/search/early-names.js';
import { foldName, NAME_FOLDING_VERSION } from '../../src/search/fold-name.js';
import type { SearchRequest } from '../../src/search/search-index.js';
import { unitsSource, type NameTable, type UnitSource } from '../../src/search/types.js';
import {
  koege,
  koegeRetired,
  koegeSuccessor,
  rigshospitalet,
  SMALL_REGISTER,
} from '../fixtures/small-register.js';

const request = (extra: Partial<SearchRequest> = {}): SearchRequest => ({
  limit: 20,
  asOf: '2026-11-26',
  ...extra,
});
const byCode = new Map(SMALL_REGISTER.map((unit) => [unit.sorCode, unit]));
const codes = { get: (code: string) => byCode.get(code) };
const names = (hits: { unit: SorUnit }[]) => hits.map((hit) => hit.unit.name);
const early = EarlyNames.build(SMALL_REGISTER);

describe('EarlyNames', () => {
  it('finds names by word prefixes, exact and name-prefix matches first, highlighting them', () => {
    const hits = early.search('rigshosp', request(), codes);
    expect(hits[0].unit.sorCode).to.equal(rigshospitalet.sorCode);
    expect(hits[0].ranges).to.deep.equal([[0, 8]]);
    const hit = early.search('koege', request(), codes).find((h) => h.unit.sorCode === koege.sorCode)!;
    expect(hit.ranges.map(([s, e]) => koege.name.slice(s, e))).to.deep.equal(['Køge']);
  });

  it('needs every query word in the name, and finds no typos', () => {
    expect(early.search('rigshospitalt', request(), codes)).to.deep.equal([]);
    expect(early.search('rigshospitalet aarhus', request(), codes)).to.deep.equal([]);
  });

  it('applies the filter before the limit, and hides retired units unless asked', () => {
    const active = early.search('medicinsk sengeafsnit m2', request(), codes);
    expect(names(active)).to.include(koegeSuccessor.name);
    expect(names(active)).not.to.include(koegeRetired.name);
    const all = early.search(
      'medicinsk sengeafsnit m2',
      request({ filter: { includeRetired: true } }),
      codes,
    );
    expect(names(all).indexOf(koegeRetired.name)).to.be.greaterThan(names(all).indexOf(koegeSuccessor.name));
    const owners = early.search('region', request({ filter: { kinds: ['IE'] } }), codes);
    expect(owners.length).to.be.greaterThan(0);
    expect(owners.every((hit) => hit.unit.kind === 'IE')).to.equal(true);
    expect(early.search('region', request({ limit: 1 }), codes)).to.have.length(1);
  });

  it('patches copy-on-write: the old names answer as before', () => {
    const renamed = { ...rigshospitalet, name: 'Blegdamsvej Hospital' };
    const next = early.patched([rigshospitalet], [renamed]);
    expect(next.search('rigshosp', request(), codes).map((hit) => hit.unit.sorCode)).not.to.include(
      rigshospitalet.sorCode,
    );
    expect(next.search('blegdam', request(), codes)[0].unit).to.equal(renamed);
    expect(early.search('rigshosp', request(), codes)[0].unit).to.equal(rigshospitalet);
    expect(early.search('blegdam', request(), codes)).to.deep.equal([]);
  });

  describe('from a name table, with units made on demand', () => {
    // The table a decoder gives: distinct names in first-use order, each unit's position among them.
    function tableOf(units: readonly SorUnit[], folded = false): NameTable {
      const names = [...new Set(units.map((unit) => unit.name))];
      const nameIds = Int32Array.from(units, (unit) => names.indexOf(unit.name));
      if (!folded) return { names, nameIds };
      const folds = names.map(foldName);
      return {
        names,
        nameIds,
        folded: {
          version: NAME_FOLDING_VERSION,
          words: folds.map((fold) => fold.words),
          keys: folds.map((fold) => fold.keys),
        },
      };
    }
    // Counts the units made, as a stored unit table makes them.
    function countingSource(): { source: UnitSource; made: Set<number> } {
      const made = new Set<number>();
      const plain = unitsSource(SMALL_REGISTER);
      return {
        made,
        source: {
          ...plain,
          unitAt: (position) => {
            made.add(position);
            return plain.unitAt(position);
          },
        },
      };
    }
    const build = (source: UnitSource, table: NameTable): EarlyNames => {
      const steps = EarlyNames.stepsFromTable(source, table);
      for (;;) {
        const step = steps.next();
        if (step.done) return step.value;
      }
    };
    const answers = (names: EarlyNames, query: string) =>
      names
        .search(query, request({ filter: { includeRetired: true } }), codes)
        .map((hit) => hit.unit.sorCode);

    for (const folded of [false, true]) {
      it(`answers as the names collected unit by unit do (${folded ? 'stored folds' : 'folded now'}), making only the units it finds`, () => {
        const { source, made } = countingSource();
        const names = build(source, tableOf(SMALL_REGISTER, folded));
        expect(made.size).to.equal(0);
        for (const query of ['rigshosp', 'koege', 'medicinsk sengeafsnit m2', 'hjerte', 'region']) {
          expect(answers(names, query), query).to.deep.equal(answers(early, query));
        }
        expect(made.size).to.be.greaterThan(0).and.below(SMALL_REGISTER.length);
      });
    }

    it('folds anew when the stored folds are of another version', () => {
      const table = tableOf(SMALL_REGISTER, true);
      const stale = {
        ...table,
        folded: {
          ...table.folded!,
          version: NAME_FOLDING_VERSION + 1,
          words: table.names.map(() => ' x'),
          keys: table.names.map(() => ' x'),
        },
      };
      const names = build(unitsSource(SMALL_REGISTER), stale);
      expect(answers(names, 'rigshosp')).to.deep.equal(answers(early, 'rigshosp'));
      expect(answers(names, 'x')).to.deep.equal([]);
    });

    it('patches names whose units are not made yet', () => {
      const { source } = countingSource();
      const names = build(source, tableOf(SMALL_REGISTER, true));
      const renamed = { ...rigshospitalet, name: 'Blegdamsvej Hospital' };
      const next = names.patched([rigshospitalet], [renamed]);
      expect(answers(next, 'blegdam')).to.deep.equal([renamed.sorCode]);
      expect(answers(next, 'rigshosp')).not.to.include(rigshospitalet.sorCode);
      expect(answers(names, 'rigshosp')).to.include(rigshospitalet.sorCode);
    });
  });
});
