import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as ElementId from '../../src/cli/import/element-ids.js';
import { ENTITY_ELEMENTS, LEVEL_ELEMENTS, OIO_ELEMENT, SOR_ELEMENT } from '../../src/cli/sor-xml-elements.js';

test('entities: kind, data element and the parents SOR allows', () => {
  const { ELEMENT_ID, ENTITY } = ElementId;
  assert.equal(ENTITY[ElementId.OWNER_ENTITY].kind, 'IE');
  assert.equal(ENTITY[ElementId.INSTITUTION_ENTITY].kind, 'SI');
  assert.equal(ENTITY[ElementId.UNIT_ENTITY].kind, 'OE');
  for (const [kind, names] of Object.entries(ENTITY_ELEMENTS)) {
    const entity = ENTITY[ELEMENT_ID.get(names.entity) as number];
    assert.equal(entity.kind, kind);
    assert.equal(entity.data, ELEMENT_ID.get(names.data));
    assert.equal(ELEMENT_ID.get(names.type), ElementId.TYPE_CODE);
  }
  assert.deepEqual(ENTITY[ElementId.OWNER_ENTITY].parents, [ElementId.SOR_TREE]);
  // A unit directly under an owner is against the schema but found in production data.
  assert.ok(ENTITY[ElementId.UNIT_ENTITY].parents.includes(ElementId.OWNER_ENTITY));
  assert.equal(ENTITY[ElementId.UNIT_ENTITY].allowed, 'HealthInstitutionEntity or OrganizationalUnitEntity');
});

test('every level name and the address parts map to their ids; ids above FOREIGN', () => {
  const { ELEMENT_ID } = ElementId;
  for (const name of LEVEL_ELEMENTS.code) assert.equal(ELEMENT_ID.get(name), ElementId.LEVEL_CODE);
  for (const name of LEVEL_ELEMENTS.name) assert.equal(ELEMENT_ID.get(name), ElementId.LEVEL_NAME);
  for (const name of LEVEL_ELEMENTS.container) assert.equal(ELEMENT_ID.get(name), ElementId.LEVEL_CONTAINER);
  assert.equal(ELEMENT_ID.get(OIO_ELEMENT.streetName.local), ElementId.STREET_NAME);
  assert.equal(ELEMENT_ID.get(OIO_ELEMENT.email.local), ElementId.EMAIL);
  assert.equal(ELEMENT_ID.get(SOR_ELEMENT.sorIdentifier), ElementId.SOR_IDENTIFIER);
  for (const id of ELEMENT_ID.values()) assert.ok(id > ElementId.FOREIGN);
});
