import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ELEMENT_ID } from '../../src/cli/import/element-ids.js';
import {
  EAN_EDI_ELEMENT,
  ENTITY_ELEMENTS,
  KNOWN_UNUSED_ELEMENTS,
  LEVEL_ELEMENTS,
  OIO_ELEMENT,
  OIO_NAMESPACES,
  SOR_ELEMENT,
  SOR_XML_NAMESPACE,
  SOR_XML_NAMESPACE_PATTERN,
} from '../../src/cli/sor-xml-elements.js';

// The v1 schemas beside the repository: one XSD per element.
const XSD_DIR = fileURLToPath(new URL('../../../shared/sor-samples/sor-xml-v1/xsd/', import.meta.url));

const SOR_NAMES = [
  ...Object.values(SOR_ELEMENT),
  ...Object.values(ENTITY_ELEMENTS).flatMap((kind) => [kind.entity, kind.data, kind.type]),
  ...Object.values(EAN_EDI_ELEMENT),
];

test('every SOR element name is one of the v1 schema’s elements', async () => {
  assert.ok(existsSync(XSD_DIR), `the SOR v1 schemas at ${XSD_DIR} (../shared/sor-samples)`);
  // A global element has its own <Name>.xsd; a local one is declared inside another schema.
  const schemas = await Promise.all(
    (await readdir(XSD_DIR))
      .filter((file) => file.endsWith('.xsd'))
      .map((file) => readFile(join(XSD_DIR, file), 'utf8')),
  );
  const declared = new Set(
    schemas.flatMap((schema) => [...schema.matchAll(/element name="(\w+)"/g)].map((match) => match[1])),
  );
  for (const name of SOR_NAMES) assert.ok(declared.has(name), `${name} declared in a v1 XSD`);
});

test('the EDI fields are named and ordered as EanLocationCodeEntity.xsd has them', async () => {
  const schema = await readFile(join(XSD_DIR, 'EanLocationCodeEntity.xsd'), 'utf8');
  const order = [...schema.matchAll(/ref="([A-Za-z]+)"/g)].map((match) => match[1]);
  const edi = Object.values(EAN_EDI_ELEMENT);
  assert.deepEqual(
    order.filter((name) => (edi as string[]).includes(name)),
    edi,
  );
});

test('the reader knows every name the writer can write: mapped or known unused, never both', () => {
  const written = [
    ...SOR_NAMES,
    ...Object.values(OIO_ELEMENT).map((element) => element.local),
    LEVEL_ELEMENTS.code[0],
    LEVEL_ELEMENTS.name[0],
  ];
  for (const name of written) {
    if (name === OIO_ELEMENT.country.local) continue; // outside the SOR namespace: not counted
    assert.ok(ELEMENT_ID.has(name) || KNOWN_UNUSED_ELEMENTS.has(name), name);
  }
  for (const name of KNOWN_UNUSED_ELEMENTS)
    assert.ok(!ELEMENT_ID.has(name), `${name} both mapped and unused`);
  for (const names of Object.values(LEVEL_ELEMENTS))
    for (const name of names) assert.ok(ELEMENT_ID.has(name), name);
});

test('namespaces: v1 matches the version pattern, OIO prefixes are distinct URIs', () => {
  assert.equal(SOR_XML_NAMESPACE_PATTERN.exec(SOR_XML_NAMESPACE)?.[1], '1.0.0');
  assert.equal(SOR_XML_NAMESPACE_PATTERN.exec('urn:oio:sundhedsstyrelsen:organisation:3.0.0')?.[1], '3.0.0');
  assert.equal(SOR_XML_NAMESPACE_PATTERN.test('urn:oio:sundhedsstyrelsen:organisation:'), false);
  const uris = Object.values(OIO_NAMESPACES);
  assert.equal(new Set(uris).size, uris.length);
  for (const element of Object.values(OIO_ELEMENT))
    assert.ok(element.prefix in OIO_NAMESPACES, element.local);
});
