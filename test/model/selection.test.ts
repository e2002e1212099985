import { expect } from '@open-wc/testing';
import { buildSelection } from '../../src/model/selection.js';
import {
  aarhus,
  aarhusCardiology,
  aarhusCardiologyWard,
  aarhusUnlevelled,
  koegeRetired,
  koegeSuccessor,
  gpPractice,
  SMALL_REGISTER_INFO,
  selectInSmallRegister,
  smallRegisterAncestors,
} from '../fixtures/small-register.js';

const snapshot = { id: SMALL_REGISTER_INFO.snapshotId, sourceDate: SMALL_REGISTER_INFO.sourceDate };
const ancestorsOf = smallRegisterAncestors;
const select = selectInSmallRegister;

describe('buildSelection', () => {
  it('gives an afsnit its whole ID27 chain, intermediate levels included', () => {
    const selection = select(aarhusCardiologyWard);
    expect(Object.keys(selection.levels)).to.deep.equal([
      'Afsnit',
      'Afdeling',
      'Overafdeling',
      'Center',
      'Hospitalsområde',
      'Hospital',
    ]);
    expect(selection.levels.Afdeling).to.deep.equal({
      sorCode: aarhusCardiology.sorCode,
      name: 'Hjertesygdomme',
    });
    expect(selection.levels.Hospital).to.deep.equal({
      sorCode: aarhus.sorCode,
      name: 'Aarhus Universitetshospital',
    });
    expect(selection.clinicalUnit?.sorCode).to.equal(aarhusCardiologyWard.sorCode);
    expect(selection.level?.name).to.equal('Afsnit');
  });

  it('builds the path, institution, owner and the FHIR identifier', () => {
    const selection = select(aarhusCardiologyWard);
    expect(selection.path.map((step) => step.kind)).to.deep.equal(['IE', 'SI', 'OE', 'OE', 'OE', 'OE', 'OE']);
    expect(selection.path.at(-1)?.sorCode).to.equal(aarhusCardiologyWard.sorCode);
    expect(selection.institution?.name).to.equal('Aarhus Universitetshospital');
    expect(selection.owner?.name).to.equal('Region Midtjylland');
    expect(selection.identifier).to.deep.equal({
      system: 'urn:oid:1.2.208.176.1.1',
      use: 'official',
      value: aarhusCardiologyWard.sorCode,
    });
    expect(selection.legacyShak).to.equal('6620011');
    expect(selection.snapshot).to.deep.equal({ id: 'small-register-v1', sourceDate: '2026-11-01' });
  });

  it('leaves the level null for a unit without one and takes the nearest levelled ancestor as clinical unit', () => {
    const selection = select(aarhusUnlevelled);
    expect(selection.level).to.equal(null);
    expect(selection.clinicalUnit?.name).to.equal('Akutafdelingen');
    expect(selection.clinicalUnit?.level.name).to.equal('Afdeling');
    expect(selection.levels.Afsnit).to.equal(undefined);
    expect(selection.levels.Hospitalsområde).to.equal(undefined);
    expect(selection.levels.Hospital?.name).to.equal('Aarhus Universitetshospital');
  });

  it('has no level chain at all for a GP practice, and an institution that is the unit itself', () => {
    const selection = select(gpPractice);
    expect(selection.levels).to.deep.equal({});
    expect(selection.clinicalUnit).to.equal(null);
    expect(selection.institution?.sorCode).to.equal(gpPractice.sorCode);
    expect(selection.providerNumber).to.equal('045678');
  });

  it('marks a unit closed before the date as retired and names its successor', () => {
    const selection = select(koegeRetired);
    expect(selection.retired).to.equal(true);
    expect(selection.validTo).to.equal('2024-12-31');
    expect(selection.replacedBy).to.deep.equal([koegeSuccessor.sorCode]);
    // ToDate is inclusive: on its last day the unit is still active.
    expect(select(koegeRetired, '2024-12-31').retired).to.equal(false);
    expect(select(koegeSuccessor).retired).to.equal(false);
  });

  it('takes the nearest unit where a level repeats on the path', () => {
    const outer = { ...aarhusCardiology, sorCode: '31000016003', level: { code: 'x', name: 'Afsnit' } };
    const inner = { ...aarhusCardiologyWard, parentCode: outer.sorCode };
    const selection = buildSelection(inner, [...ancestorsOf(aarhusCardiology), outer], snapshot);
    expect(selection.levels.Afsnit?.sorCode).to.equal(inner.sorCode);
  });
});
