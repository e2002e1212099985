import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Bundle, Organization } from 'fhir/r4';
import {
  ID27_LEVEL_EXTENSION_URL,
  ID27_LEVEL_SYSTEM,
  SNOMED_SYSTEM,
  toFhirBundle,
  toFhirOrganization,
} from '../../src/fhir.js';
import { importExport } from '../../src/cli/build.js';
import type { SorUnit } from '../../src/model/types.js';
import {
  aarhusCardiology,
  aarhusCardiologyWard,
  gpPractice,
  koegeRetired,
  SMALL_REGISTER,
  selectInSmallRegister,
} from '../fixtures/small-register.js';
import { requireSamples } from '../cli/helpers.js';

const byCode = new Map(SMALL_REGISTER.map((unit) => [unit.sorCode, unit]));
const select = selectInSmallRegister;

// The output must be a valid R4 Organization / Bundle for an established type package: these
// assignments are checked by `npm run typecheck` (tsconfig.node.json covers this file).
const asR4Organization = (organization: Organization) => organization;
const asR4Bundle = (bundle: Bundle) => bundle;

test('a department with its own EAN: SOR official, GLN, type and level, address, partOf', () => {
  const organization = asR4Organization(toFhirOrganization(select(aarhusCardiology)));
  const parent = byCode.get(aarhusCardiology.parentCode!)!;
  assert.deepEqual(organization, {
    resourceType: 'Organization',
    identifier: [
      { system: 'urn:oid:1.2.208.176.1.1', use: 'official', value: aarhusCardiology.sorCode },
      { system: 'https://www.gs1.org/gln', value: aarhusCardiology.ean },
    ],
    active: true,
    name: 'Hjertesygdomme',
    type: [
      { coding: [{ system: SNOMED_SYSTEM, code: aarhusCardiology.typeCode }] },
      { coding: [{ system: ID27_LEVEL_SYSTEM, code: 'Afdeling', display: 'Afdeling' }] },
    ],
    extension: [{ url: ID27_LEVEL_EXTENSION_URL, valueCoding: { code: 'ID27-5', display: 'Afdeling' } }],
    address: [
      {
        use: 'work',
        type: 'physical',
        line: [aarhusCardiology.address!.street],
        postalCode: aarhusCardiology.address!.postcode,
        city: aarhusCardiology.address!.city,
        country: 'DK',
      },
    ],
    partOf: {
      identifier: { system: 'urn:oid:1.2.208.176.1.1', value: parent.sorCode },
      display: parent.name,
    },
  });
  // The fixture gives this department no phone, e-mail or web address: no empty telecom list.
  assert.equal(aarhusCardiology.phone, null);
  assert.equal(organization.telecom, undefined);
});

test('an inherited EAN identifies an ancestor, so it is not this unit’s GLN identifier', () => {
  assert.equal(aarhusCardiologyWard.eanInherited, true);
  const organization = toFhirOrganization(select(aarhusCardiologyWard));
  assert.deepEqual(
    organization.identifier.map((identifier) => identifier.system),
    ['urn:oid:1.2.208.176.1.1'],
  );
});

test('SHAK never becomes an identifier or any other field', () => {
  assert.ok(aarhusCardiologyWard.shak);
  const json = JSON.stringify(toFhirOrganization(select(aarhusCardiologyWard)));
  assert.ok(!json.includes(aarhusCardiologyWard.shak!), json);
  assert.ok(!/shak/i.test(json), json);
});

test('a GP practice: ydernummer and GLN identifiers, phone, SNOMED type', () => {
  const organization = toFhirOrganization(select(gpPractice));
  assert.deepEqual(organization.identifier, [
    { system: 'urn:oid:1.2.208.176.1.1', use: 'official', value: gpPractice.sorCode },
    { system: 'https://www.gs1.org/gln', value: gpPractice.ean },
    { system: 'urn:oid:1.2.208.176.1.4', value: '045678' },
  ]);
  assert.deepEqual(organization.telecom, [{ system: 'phone', value: '86 12 34 56', use: 'work' }]);
  assert.deepEqual(organization.type, [{ coding: [{ system: SNOMED_SYSTEM, code: gpPractice.typeCode }] }]);
  assert.equal(organization.extension, undefined);
});

test('active follows validity: retired, not yet valid, and the date given', () => {
  assert.equal(toFhirOrganization(select(koegeRetired)).active, false);
  assert.equal(toFhirOrganization(koegeRetired, { asOf: '2024-12-31' }).active, true);
  assert.equal(toFhirOrganization(koegeRetired, { asOf: '2025-01-01' }).active, false);
  const future: SorUnit = { ...gpPractice, validFrom: '2099-01-01' };
  assert.equal(toFhirOrganization(future).active, false);
  assert.equal(toFhirOrganization(future, { asOf: '2099-01-01' }).active, true);
});

test('a plain unit gives the same resource as its selection, partOf named only when told', () => {
  const fromSelection = toFhirOrganization(select(aarhusCardiology));
  const fromUnit = toFhirOrganization(aarhusCardiology);
  const parent = byCode.get(aarhusCardiology.parentCode!)!;
  assert.deepEqual(fromUnit.partOf, {
    identifier: { system: 'urn:oid:1.2.208.176.1.1', value: parent.sorCode },
  });
  assert.deepEqual({ ...fromUnit, partOf: fromSelection.partOf }, fromSelection);
  assert.deepEqual(toFhirOrganization(aarhusCardiology, { parentName: parent.name }), fromSelection);
  const owner = SMALL_REGISTER.find((unit) => unit.kind === 'IE')!;
  assert.equal(toFhirOrganization(owner).partOf, undefined);
});

test('toFhirBundle: a collection with one entry per selection, in order', () => {
  const bundle = asR4Bundle(toFhirBundle([select(gpPractice), select(aarhusCardiology)]));
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.type, 'collection');
  assert.deepEqual(
    bundle.entry!.map((entry) => (entry.resource as Organization).identifier![0].value),
    [gpPractice.sorCode, aarhusCardiology.sorCode],
  );
  assert.deepEqual(toFhirBundle([]).entry, []);
});

test('real export (ONE_PRAKSIS.xml): the practice’s type is in DK Core’s SOR organisation type value set', async () => {
  const samples = requireSamples();
  const { units } = await importExport(join(samples, 'ONE_PRAKSIS.xml'));
  const valueSet = JSON.parse(
    readFileSync(join(samples, '../../fhir/dk-core-sor-organization-type.valueset.json'), 'utf8'),
  ) as { compose: { include: { system: string; concept?: { code: string }[] }[] } };
  const dkCoreTypes = new Set(
    valueSet.compose.include.flatMap((include) =>
      include.system === SNOMED_SYSTEM ? (include.concept ?? []).map((concept) => concept.code) : [],
    ),
  );
  const practice = units.find((unit) => unit.kind === 'SI')!;
  const organization = toFhirOrganization(practice, { asOf: '2010-01-26' });
  const typeCoding = organization.type![0].coding[0];
  assert.equal(typeCoding.system, SNOMED_SYSTEM);
  assert.ok(dkCoreTypes.has(typeCoding.code), `${typeCoding.code} is not in the DK Core value set`);
  assert.equal(organization.identifier[0].value, practice.sorCode);
  if (practice.providerNumber) {
    assert.ok(
      organization.identifier.some(
        (identifier) =>
          identifier.system === 'urn:oid:1.2.208.176.1.4' && identifier.value === practice.providerNumber,
      ),
    );
  }
  assert.equal(organization.active, true);
});
