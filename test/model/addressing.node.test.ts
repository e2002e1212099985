import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressingProblem, resolveAddressing, unitsReceivingAt } from '../../src/model/addressing.js';
import type { SorUnit } from '../../src/model/types.js';
import {
  SMALL_REGISTER,
  aarhusCardiology,
  aarhusCardiologyWard,
  aarhusEmergency,
  gpPractice,
  koegeSundhed,
  selectInSmallRegister,
  smallRegisterAncestors,
  unitNamed,
} from '../fixtures/small-register.js';

const AS_OF = '2026-11-26';
const resolve = (unit: SorUnit, asOf = AS_OF) => resolveAddressing(unit, smallRegisterAncestors(unit), asOf);
const childrenOf = (code: string) => SMALL_REGISTER.filter((unit) => unit.parentCode === code);

test('own EAN: the unit receives itself, with every EDI field of its entity', () => {
  assert.deepEqual(resolve(gpPractice), {
    ok: true,
    addressing: {
      ean: gpPractice.ean,
      owner: { sorCode: gpPractice.sorCode, name: 'Lægerne i Søndergade', kind: 'SI' },
      inherited: false,
      active: true,
      nonActive: false,
      onlyInternal: false,
      systemType: { code: '1611000045003', name: 'Lægesystem' },
      systemSupplier: { code: '641000055002', name: null },
      communicationSupplier: { code: '41000035001', name: null },
      ediAdministrator: { code: '116', name: null },
      regionCode: '1082',
      validFrom: '2012-01-01',
      changedFrom: '2024-03-01',
      validTo: null,
    },
  });
});

test('inherited EAN: the nearest ancestor that declares it owns it', () => {
  const result = resolve(aarhusCardiologyWard);
  assert.ok(result.ok);
  assert.equal(result.addressing.ean, aarhusCardiology.ean);
  assert.equal(result.addressing.inherited, true);
  assert.deepEqual(result.addressing.owner, {
    sorCode: aarhusCardiology.sorCode,
    name: 'Hjertesygdomme',
    kind: 'OE',
  });
});

test('cannot receive: no EAN, inactive (own or inherited), internal only, each with its reason', () => {
  assert.deepEqual(resolve(unitNamed('Region Hovedstaden')), {
    ok: false,
    reason: 'no-ean',
    ean: null,
    addressing: null,
  });
  const inactive = resolve(aarhusEmergency);
  assert.equal(inactive.ok, false);
  assert.equal(!inactive.ok && inactive.reason, 'inactive');
  // The EAN's data comes along, so a UI can say which EAN is inactive.
  assert.equal(inactive.addressing?.ean, aarhusEmergency.ean);
  assert.equal(inactive.addressing?.active, false);
  const heir = resolve(unitNamed('Akutafdelingen, modtagelse', 'Akutafdelingen'));
  assert.equal(!heir.ok && heir.reason, 'inactive');
  assert.equal(heir.addressing?.owner.sorCode, aarhusEmergency.sorCode);
  const internal = resolve(koegeSundhed);
  assert.equal(!internal.ok && internal.reason, 'internal-only');
  assert.equal(internal.addressing?.onlyInternal, true);
  assert.equal(!resolve(unitNamed('Sundhedsplejen Køge')).ok, true);
});

test("the EAN entity's own validity dates decide whether it is active on the day asked", () => {
  const closing = { ...gpPractice, eanEntity: { ...gpPractice.eanEntity!, validTo: '2026-12-31' } };
  const ancestors = smallRegisterAncestors(gpPractice);
  assert.equal(resolveAddressing(closing, ancestors, '2026-12-31').ok, true);
  const after = resolveAddressing(closing, ancestors, '2027-01-01');
  assert.equal(!after.ok && after.reason, 'inactive');
  const before = resolveAddressing(gpPractice, ancestors, '2011-12-31');
  assert.equal(!before.ok && before.reason, 'inactive');
});

test('a snapshot without EDI data says so instead of guessing (no-edi-data)', () => {
  const bare = { ...gpPractice, eanEntity: null };
  assert.deepEqual(resolveAddressing(bare, smallRegisterAncestors(gpPractice), AS_OF), {
    ok: false,
    reason: 'no-edi-data',
    ean: gpPractice.ean,
    addressing: null,
  });
  // An inherited EAN that no ancestor declares: its entity is not in the snapshot either.
  const orphan = { ...aarhusCardiologyWard, ean: '5790000999994' };
  const result = resolveAddressing(orphan, smallRegisterAncestors(aarhusCardiologyWard), AS_OF);
  assert.equal(!result.ok && result.reason, 'no-edi-data');
});

test('unitsReceivingAt: the owner first, then every unit that inherits its EAN, and no one else', () => {
  const receiving = unitsReceivingAt(aarhusCardiology.ean!, [aarhusCardiology], childrenOf);
  assert.deepEqual(
    receiving.map((unit) => unit.name),
    ['Hjertesygdomme', 'Hjertesygdomme, sengeafsnit', 'Hjertesygdomme, amb.'],
  );
  assert.ok(receiving.every((unit) => unit.ean === aarhusCardiology.ean));
  // Below an owner, a unit with its own EAN (and what inherits from it) receives elsewhere.
  const hospital = SMALL_REGISTER.find((unit) => unit.sorCode === aarhusEmergency.parentCode)!;
  const atHospital = unitsReceivingAt(hospital.ean!, [hospital], childrenOf);
  assert.equal(atHospital[0], hospital);
  assert.ok(!atHospital.includes(aarhusEmergency));
  assert.ok(atHospital.every((unit) => resolve(unit).addressing?.owner.sorCode === hospital.sorCode));
});

test('selection.addressing and addressingProblem follow the resolution', () => {
  const ok = selectInSmallRegister(aarhusCardiologyWard);
  assert.equal(ok.addressing?.ean, aarhusCardiology.ean);
  assert.equal(ok.addressingProblem, null);
  const internal = selectInSmallRegister(koegeSundhed);
  assert.equal(internal.addressing, null);
  assert.equal(internal.addressingProblem, 'internal-only');
});

test('addressingProblem answers as resolveAddressing does, asking for ancestors only for an inherited EAN', () => {
  for (const unit of SMALL_REGISTER) {
    for (const asOf of [AS_OF, '2011-06-01']) {
      const result = resolve(unit, asOf);
      assert.equal(
        addressingProblem(unit, () => smallRegisterAncestors(unit), asOf),
        result.ok ? null : result.reason,
        `${unit.name} on ${asOf}`,
      );
    }
  }
  const refuse = () => assert.fail('ancestors asked for a unit with its own EAN');
  assert.equal(addressingProblem(gpPractice, refuse, AS_OF), null);
  assert.equal(addressingProblem(aarhusEmergency, refuse, AS_OF), 'inactive');
  assert.equal(addressingProblem(unitNamed('Region Hovedstaden'), refuse, AS_OF), 'no-ean');
  assert.equal(addressingProblem({ ...gpPractice, eanEntity: null }, refuse, AS_OF), 'no-edi-data');
});
