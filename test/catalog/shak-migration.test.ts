import { expect } from '@open-wc/testing';
import { SorCatalog } from '../../src/catalog/catalog.js';
import { parseShakList, shakMigrationCsv } from '../../src/catalog/shak-migration.js';
import { isValidOn } from '../../src/model/dates.js';
import { makeSorCode } from '../../src/model/codes.js';
import type { SorUnit } from '../../src/model/types.js';
import { clonedRegister } from '../fixtures/cloned-register.js';
import {
  aarhusCardiology,
  aarhusCardiologyWard,
  koegeRetired,
  koegeSuccessor,
  shakSharedA,
  SMALL_REGISTER,
  SMALL_REGISTER_INFO,
} from '../fixtures/small-register.js';

const AS_OF = '2026-11-26';
const units = clonedRegister({ copies: 12 });
const catalog = SorCatalog.fromUnits(units, SMALL_REGISTER_INFO);
const named = (name: string) => units.find((unit) => unit.name === name)!;

describe('SorCatalog.byShak on generated data', () => {
  it('returns exactly the units carrying each SHAK, valid ones first', () => {
    const carriers = new Map<string, SorUnit[]>();
    for (const unit of units) {
      if (unit.shak) carriers.set(unit.shak, [...(carriers.get(unit.shak) ?? []), unit]);
    }
    let oneToMany = 0;
    for (const [shak, expected] of carriers) {
      const found = catalog.byShak(shak, AS_OF);
      expect(
        found.map((u) => u.sorCode),
        shak,
      ).to.have.members(expected.map((u) => u.sorCode));
      const valid = found.map((u) => isValidOn(u.validFrom, u.validTo, AS_OF));
      expect(valid, shak).to.deep.equal([...valid].sort((a, b) => Number(b) - Number(a)));
      if (found.length > 1) oneToMany++;
    }
    // Each copy has the shared afsnit SHAK and the retired/successor pair (except k % 4 == 1).
    expect(oneToMany).to.be.greaterThan(12);
  });

  it('ranks the unit whose level matches the SHAK length first among valid ones', () => {
    const twin = { ...aarhusCardiologyWard, sorCode: makeSorCode(90001), shak: aarhusCardiology.shak };
    const local = SorCatalog.fromUnits([...SMALL_REGISTER, twin], SMALL_REGISTER_INFO);
    expect(local.byShak('662001', AS_OF).map((u) => u.sorCode)).to.deep.equal([
      aarhusCardiology.sorCode,
      twin.sorCode,
    ]);
  });
});

describe('SorCatalog.migrateShak', () => {
  it('is exact for a SHAK one valid unit carries', () => {
    const result = catalog.migrateShak('6620011', AS_OF);
    expect(result).to.deep.include({
      shak: '6620011',
      sorCode: aarhusCardiologyWard.sorCode,
      name: aarhusCardiologyWard.name,
      confidence: 'exact',
    });
    expect(result.level).to.deep.equal(aarhusCardiologyWard.level);
    expect(result.candidates).to.have.length(1);
  });

  it('is exact when the other carriers are retired, listing them as candidates', () => {
    const result = catalog.migrateShak(' 3800012 ', AS_OF);
    expect(result.confidence).to.equal('exact');
    expect(result.sorCode).to.equal(koegeSuccessor.sorCode);
    expect(result.candidates.map((c) => [c.sorCode, c.retired])).to.deep.equal([
      [koegeSuccessor.sorCode, false],
      [koegeRetired.sorCode, true],
    ]);
  });

  it('is exact when only one of several valid carriers has the level the SHAK length stands for', () => {
    const twin = { ...aarhusCardiologyWard, sorCode: makeSorCode(90001), shak: aarhusCardiology.shak };
    const local = SorCatalog.fromUnits([...SMALL_REGISTER, twin], SMALL_REGISTER_INFO);
    const result = local.migrateShak('662001', AS_OF);
    expect(result.confidence).to.equal('exact');
    expect(result.sorCode).to.equal(aarhusCardiology.sorCode);
    expect(result.candidates).to.have.length(2);
  });

  it('is ambiguous when several valid units of the same level carry it, proposing the best', () => {
    const result = catalog.migrateShak(shakSharedA.shak!, AS_OF);
    expect(result.confidence).to.equal('ambiguous');
    expect(result.candidates).to.have.length(2);
    expect(result.sorCode).to.equal(result.candidates[0].sorCode);
    expect(result.level?.name).to.equal('Afsnit');
    // The same in every generated copy.
    const copy = named('Hjertemedicinsk dagafsnit 7');
    expect(catalog.migrateShak(copy.shak!, AS_OF).confidence).to.equal('ambiguous');
  });

  it('follows replacedBy when only a retired unit carries it (retired-successor)', () => {
    const retired = named('Medicinsk sengeafsnit M2 2');
    const successor = named('Medicinsk sengeafsnit M2-M3 2');
    expect(successor.shak).not.to.equal(retired.shak);
    const result = catalog.migrateShak(retired.shak!, AS_OF);
    expect(result.confidence).to.equal('retired-successor');
    expect(result.sorCode).to.equal(successor.sorCode);
    expect(result.name).to.equal(successor.name);
    expect(result.candidates.map((c) => c.sorCode)).to.deep.equal([successor.sorCode]);
    // Before the closing date the retired unit was still valid: exact.
    expect(catalog.migrateShak(retired.shak!, '2024-06-01')).to.deep.include({
      confidence: 'exact',
      sorCode: retired.sorCode,
    });
  });

  it('follows a chain of replacements to the unit valid today', () => {
    const a = { ...koegeRetired, sorCode: makeSorCode(90011), shak: '3800019', replacedBy: [] as string[] };
    const b = { ...koegeRetired, sorCode: makeSorCode(90012), shak: null, validTo: '2025-06-30' };
    const c = { ...koegeSuccessor, sorCode: makeSorCode(90013), shak: null, replaces: [] };
    a.replacedBy = [b.sorCode];
    b.replacedBy = [c.sorCode];
    const local = SorCatalog.fromUnits([...SMALL_REGISTER, a, b, c], SMALL_REGISTER_INFO);
    expect(local.migrateShak('3800019', AS_OF)).to.deep.include({
      confidence: 'retired-successor',
      sorCode: c.sorCode,
    });
  });

  it('gives none for a retired carrier without successor, and for an unknown SHAK', () => {
    const closed = named('Ortopædkirurgisk ambulatorium 4');
    const result = catalog.migrateShak(closed.shak!, AS_OF);
    expect(result).to.deep.include({ confidence: 'none', sorCode: null, name: null, level: null });
    expect(result.candidates.map((c) => [c.sorCode, c.retired])).to.deep.equal([[closed.sorCode, true]]);
    expect(catalog.migrateShak('9999', AS_OF)).to.deep.equal({
      shak: '9999',
      sorCode: null,
      name: null,
      level: null,
      confidence: 'none',
      candidates: [],
    });
  });
});

describe('SHAK lists and CSV', () => {
  it('reads one code a line, or comma / semicolon separated, skipping a header', () => {
    expect(parseShakList('SHAK\n6620011\r\n1301 ; 3800012,"662001"\n\n')).to.deep.equal([
      '6620011',
      '1301',
      '3800012',
      '662001',
    ]);
  });

  it('writes a semicolon CSV with a header, quoting where needed', () => {
    const rows = ['6620011', '9999'].map((code) => catalog.migrateShak(code, AS_OF));
    const csv = shakMigrationCsv([...rows, { ...rows[0], name: 'Afsnit "A"; nord' }]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).to.equal('SHAK;SOR;Name;ID27Level;ID27LevelCode;Confidence;Candidates');
    expect(lines[1]).to.equal(
      `6620011;${aarhusCardiologyWard.sorCode};${aarhusCardiologyWard.name};Afsnit;ID27-6;exact;${aarhusCardiologyWard.sorCode}`,
    );
    expect(lines[2]).to.equal('9999;;;;;none;');
    expect(lines[3]).to.contain('"Afsnit ""A""; nord"');
  });
});
