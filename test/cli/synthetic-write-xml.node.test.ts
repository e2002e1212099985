import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readSorXml } from '../../src/cli/import/sor-xml.js';
import type { RawUnit } from '../../src/cli/import/raw-export.js';
import { SyntheticRegister } from '../../src/cli/synthetic/register.js';
import { generatedLevelCode, writeSorXml } from '../../src/cli/synthetic/write-xml.js';

function smallRegister(): SyntheticRegister {
  const register = new SyntheticRegister(3);
  const owner = register.add(null, {
    name: 'Region <Test> & Co',
    typeCode: '550881000005103',
    ean: register.ean('1084', 'hospital'),
    postal: { street: 'Blegdamsvej', building: '9', postcode: '2100', city: 'København Ø' },
    virtual: { phone: '35450000', email: 'post@test.dk', web: 'www.test.dk' },
  });
  const hospital = register.add(owner, {
    name: 'Testhospitalet',
    typeCode: '22232009',
    shak: '1301',
    level: 'Hospital',
    ean: register.ean('1084', 'hospital'),
  });
  const department = register.add(hospital, {
    name: 'Øre-, næse- & halsafdeling',
    level: 'Afdeling',
    providerNumber: '012345',
    specialties: ['394604002'],
  });
  const section = register.add(department, { name: 'Sengeafsnit A1', level: 'Afsnit', ean: null });
  const successor = register.add(department, { name: 'Sengeafsnit A2', level: 'Afsnit' });
  register.retire(section, successor);
  return register;
}

async function readBack(xml: string): Promise<{ units: RawUnit[]; unknown: string[]; label: string | null }> {
  const units: RawUnit[] = [];
  const header = await readSorXml({ name: 'written.xml', produce: async (write) => write(xml) }, (unit) =>
    units.push(unit),
  );
  return {
    units,
    unknown: header.unknownElements.map((element) => element.name),
    label: header.syntheticLabel,
  };
}

test('what the writer writes, the reader reads: every field, escaped, no element unknown to it', async () => {
  const register = smallRegister();
  let xml = '';
  writeSorXml(register, { comment: 'SYNTHETIC test export', write: (chunk) => (xml += chunk) });
  assert.match(xml, /Region &lt;Test&gt; &amp; Co/);
  const { units, unknown, label } = await readBack(xml);
  assert.deepEqual(unknown, []);
  assert.equal(label, 'SYNTHETIC test export');
  assert.deepEqual(
    units.map((unit) => [unit.kind, unit.name, unit.depth]),
    [
      ['IE', 'Region <Test> & Co', 0],
      ['SI', 'Testhospitalet', 1],
      ['OE', 'Øre-, næse- & halsafdeling', 2],
      ['OE', 'Sengeafsnit A1', 3],
      ['OE', 'Sengeafsnit A2', 3],
    ],
  );
  const [owner, hospital, department, section, successor] = units;
  assert.equal(owner.ean, (register.all[0].ean as { code: string }).code);
  assert.equal(owner.regionCode, '1084');
  assert.deepEqual(owner.postal, { street: 'Blegdamsvej 9', postcode: '2100', city: 'København Ø' });
  assert.deepEqual(owner.virtual, {
    phone: '35450000',
    email: 'post@test.dk',
    web: 'www.test.dk',
    fax: null,
  });
  assert.equal(hospital.shak, '1301');
  assert.equal(hospital.typeCode, '22232009');
  assert.equal(hospital.levelName, 'Hospital');
  assert.equal(hospital.levelCode, generatedLevelCode('Hospital'));
  assert.equal(department.eanInherited, true);
  assert.equal(department.providerNumber, '012345');
  assert.deepEqual(department.specialties, ['394604002']);
  assert.equal(section.eanInherited, false);
  assert.equal(section.validTo, register.all[3].validTo);
  assert.deepEqual(
    section.replacedBy.map((entry) => entry.code),
    [successor.sorCode],
  );
  assert.deepEqual(successor.replaces, [section.sorCode]);
  for (const [index, unit] of units.entries()) {
    assert.equal(unit.validFrom, register.all[index].validFrom);
    assert.equal(unit.changedFrom, register.all[index].changedFrom);
  }
});

test('with onLevel, the levels leave the XML for the callback, in document order', async () => {
  const register = smallRegister();
  let xml = '';
  const levels: string[] = [];
  writeSorXml(register, {
    comment: 'SYNTHETIC',
    write: (chunk) => (xml += chunk),
    onLevel: (sorCode, code, name) => levels.push(`${sorCode};${code};${name}`),
  });
  const { units } = await readBack(xml);
  assert.ok(units.every((unit) => unit.levelCode === null && unit.levelName === null));
  assert.deepEqual(levels, [
    `${units[1].sorCode};id27-1;Hospital`,
    `${units[2].sorCode};id27-5;Afdeling`,
    `${units[3].sorCode};id27-6;Afsnit`,
    `${units[4].sorCode};id27-6;Afsnit`,
  ]);
});

test('generatedLevelCode numbers the six levels from the top', () => {
  assert.equal(generatedLevelCode('Hospital'), 'id27-1');
  assert.equal(generatedLevelCode('Afsnit'), 'id27-6');
});
