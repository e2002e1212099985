import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SorUnit } from '../../src/model/types.js';
import { decodeFull, encodeFull } from '../../src/snapshot/codec.js';
import { applyDelta, decodeDelta, encodeDelta } from '../../src/snapshot/delta.js';
import { declaresEan, encodeEanEntities } from '../../src/snapshot/ean-entities.js';
import { canonicalOrder, unitsEqual, validateUnit } from '../../src/snapshot/units.js';
import { SMALL_REGISTER, aarhusEmergency, koegeSundhed } from '../fixtures/small-register.js';
import { packRefs, unpackRefs } from '../../src/snapshot/columns.js';

const roundTrip = (units: readonly SorUnit[]) =>
  decodeFull(JSON.parse(JSON.stringify(encodeFull(units, '2026-11-01'))));

// The register as a snapshot of sor-snapshot before EDI data was carried: no EAN entities.
const withoutEdi = (units: readonly SorUnit[]): SorUnit[] =>
  units.map((unit) => ({ ...unit, eanEntity: null }));

test('every EAN entity survives the full payload field by field, once per declaring unit', () => {
  const payload = encodeFull(SMALL_REGISTER, '2026-11-01');
  const owners = canonicalOrder(SMALL_REGISTER).filter((unit) => unit.eanEntity !== null);
  assert.ok(owners.length > 10);
  // One entry per declaring unit, not per unit: units inheriting the EAN add nothing.
  assert.equal(payload.eanEntities?.units.length, owners.length);
  assert.ok(SMALL_REGISTER.some((unit) => unit.eanInherited));
  assert.deepEqual(roundTrip(SMALL_REGISTER), canonicalOrder(SMALL_REGISTER));
  const decoded = new Map(roundTrip(SMALL_REGISTER).map((unit) => [unit.sorCode, unit]));
  assert.equal(decoded.get(aarhusEmergency.sorCode)?.eanEntity?.nonActive, true);
  assert.equal(decoded.get(koegeSundhed.sorCode)?.eanEntity?.onlyInternal, true);
  assert.deepEqual(decoded.get(koegeSundhed.sorCode)?.eanEntity?.systemType, {
    code: '1611000045003',
    name: 'Lægesystem',
  });
  // A code without a name comes back without one (not as an empty name).
  assert.deepEqual(decoded.get(koegeSundhed.sorCode)?.eanEntity?.ediAdministrator, {
    code: '116',
    name: null,
  });
});

test("an EAN entity's dates are written only where they differ from its unit's FirstFromDate", () => {
  // Each EAN registered with its unit and unchanged since (FromDate = FirstFromDate = the unit's
  // FirstFromDate), but for three: one changed later, one lost its region, one closed alone.
  const moved = SMALL_REGISTER.find((unit) => unit.eanEntity !== null && unit !== koegeSundhed)!;
  const units = SMALL_REGISTER.map((unit) => {
    if (unit.eanEntity === null) return unit;
    const entity = { ...unit.eanEntity, validFrom: unit.validFrom, changedFrom: unit.validFrom };
    if (unit === moved) entity.changedFrom = '2025-06-01';
    if (unit === koegeSundhed) Object.assign(entity, { regionCode: null, validTo: '2026-12-31' });
    return { ...unit, eanEntity: entity };
  });
  const { columns } = encodeFull(units, '2026-11-01').eanEntities!;
  assert.deepEqual(columns.validFrom.values, []);
  assert.deepEqual(columns.changedFrom.values, ['2025-06-01']);
  assert.deepEqual(columns.validTo.values, ['2026-12-31']);
  const decoded = roundTrip(units);
  assert.deepEqual(decoded, canonicalOrder(units));
  const entities = new Map(decoded.map((unit) => [unit.sorCode, unit.eanEntity]));
  assert.equal(entities.get(moved.sorCode)?.changedFrom, '2025-06-01');
  assert.equal(entities.get(moved.sorCode)?.validFrom, moved.validFrom);
  assert.equal(entities.get(koegeSundhed.sorCode)?.changedFrom, koegeSundhed.validFrom);
  assert.equal(entities.get(koegeSundhed.sorCode)?.regionCode, null);
  assert.equal(entities.get(koegeSundhed.sorCode)?.validTo, '2026-12-31');
});

test('a payload without the EAN entity section (sor-snapshot before 0.2) decodes with no EDI data', () => {
  const payload = JSON.parse(JSON.stringify(encodeFull(SMALL_REGISTER, '2026-11-01')));
  delete payload.eanEntities;
  const units = decodeFull(payload);
  assert.ok(units.every((unit) => unit.eanEntity === null));
  assert.deepEqual(units, canonicalOrder(withoutEdi(SMALL_REGISTER)));
});

test('refuses a broken EAN entity section, naming the field and entry', () => {
  const broken = (change: (section: Record<string, unknown>) => void): string => {
    const payload = JSON.parse(JSON.stringify(encodeFull(SMALL_REGISTER, '2026-11-01')));
    change(payload.eanEntities);
    try {
      decodeFull(payload);
    } catch (error) {
      return (error as Error).message;
    }
    return 'decoded';
  };
  // The first entry pointed at unit 0, an owner without an EAN of its own.
  assert.match(
    broken((section) => ((section.units as number[])[0] = 0)),
    /full payload: field "eanEntities.units"\[0\]: unit index 0 declares no EAN of its own/,
  );
  assert.match(
    broken((section) => ((section.units as number[])[1] = 0)),
    /"eanEntities.units"\[1\] gives unit index \d+ of 58, not after the previous/,
  );
  assert.match(
    broken((section) => ((section.flags as number[])[2] = 4)),
    /field "eanEntities.flags"\[2\] is 4, expected 0–3/,
  );
  assert.match(
    broken((section) => ((section.flags as number[]).length = 1)),
    /field "eanEntities.flags" has 1 entries for \d+ units/,
  );
  assert.match(
    broken((section) => {
      const columns = section.columns as Record<string, { refs: string }>;
      const refs = Array.from(
        unpackRefs(columns.systemType.refs, 'systemType', columns.systemType.refs.length),
      );
      columns.systemType.refs = packRefs([1, ...refs.slice(1)]);
    }),
    /column "eanEntities.systemType" at unit index 0: an owner has no parent/,
  );
  assert.match(
    broken((section) => delete section.columns),
    /column "eanEntities.systemType" is missing/,
  );
});

test('an EAN entity on a unit that declares no EAN of its own is refused when encoding', () => {
  const inheriting = SMALL_REGISTER.find((unit) => unit.eanInherited)!;
  const odd = SMALL_REGISTER.map((unit) =>
    unit === inheriting ? { ...unit, eanEntity: koegeSundhed.eanEntity } : unit,
  );
  assert.equal(declaresEan(inheriting), false);
  assert.throws(() => encodeEanEntities(canonicalOrder(odd)), /carries an EAN entity but declares no EAN/);
});

test('a changed EDI field makes a unit differ, and reaches a client through the delta', () => {
  const changed = SMALL_REGISTER.map((unit) =>
    unit === koegeSundhed ? { ...unit, eanEntity: { ...unit.eanEntity!, onlyInternal: false } } : unit,
  );
  assert.equal(
    unitsEqual(
      koegeSundhed,
      changed.find((unit) => unit.sorCode === koegeSundhed.sorCode)!,
    ),
    false,
  );
  const delta = decodeDelta(
    JSON.parse(
      JSON.stringify(encodeDelta(SMALL_REGISTER, changed, { from: 'a', to: 'b', sourceDate: '2026-11-02' })),
    ),
  );
  assert.deepEqual(
    delta.upserts.map((unit) => unit.sorCode),
    [koegeSundhed.sorCode],
  );
  assert.deepEqual(applyDelta(SMALL_REGISTER, delta), canonicalOrder(changed));
});

test('a delta from a snapshot without EDI data brings every EAN entity, so delta sync equals a full download', () => {
  const old = withoutEdi(SMALL_REGISTER);
  const delta = decodeDelta(
    JSON.parse(
      JSON.stringify(encodeDelta(old, SMALL_REGISTER, { from: 'a', to: 'b', sourceDate: '2026-11-02' })),
    ),
  );
  assert.equal(delta.upserts.length, SMALL_REGISTER.filter((unit) => unit.eanEntity !== null).length);
  assert.deepEqual(applyDelta(old, delta), roundTrip(SMALL_REGISTER));
});

test('delta units of sor-snapshot before 0.2 (no eanEntity field) read as having none; bad ones are refused', () => {
  const { eanEntity: _dropped, ...legacy } = JSON.parse(JSON.stringify(koegeSundhed)) as SorUnit;
  assert.equal(validateUnit(legacy, 'upserts[0]').eanEntity, null);
  const wrong =
    (eanEntity: unknown, unit: SorUnit = koegeSundhed) =>
    () =>
      validateUnit({ ...JSON.parse(JSON.stringify(unit)), eanEntity }, 'upserts[3]');
  assert.throws(
    wrong({ ...koegeSundhed.eanEntity, nonActive: 'no' }),
    /upserts\[3\] \(unit \d+\): field "eanEntity.nonActive" has the wrong type/,
  );
  assert.throws(
    wrong({ ...koegeSundhed.eanEntity, systemType: { code: 7 } }),
    /field "eanEntity.systemType" has the wrong type/,
  );
  assert.throws(
    wrong({ ...koegeSundhed.eanEntity, validTo: 20261231 }),
    /field "eanEntity.validTo" has the wrong type/,
  );
  const inheriting = SMALL_REGISTER.find((unit) => unit.eanInherited)!;
  assert.throws(
    wrong(koegeSundhed.eanEntity, inheriting),
    /is set on a unit that declares no EAN of its own/,
  );
});
