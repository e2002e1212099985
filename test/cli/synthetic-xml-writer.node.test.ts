import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XmlWriter, escapeXmlAttribute, escapeXmlText } from '../../src/cli/synthetic/xml-writer.js';

function written(build: (xml: XmlWriter) => void, chunkSize?: number): { text: string; chunks: number } {
  const chunks: string[] = [];
  const xml = new XmlWriter((chunk) => chunks.push(chunk), chunkSize);
  build(xml);
  xml.end();
  return { text: chunks.join(''), chunks: chunks.length };
}

test('escapes text and attribute values, and leaves plain text as it is', () => {
  assert.equal(escapeXmlText('Øre, næse & hals <ØNH> "a"'), 'Øre, næse &amp; hals &lt;ØNH&gt; "a"');
  assert.equal(escapeXmlAttribute('a "b" & <c>'), 'a &quot;b&quot; &amp; &lt;c&gt;');
  const plain = 'Aalborg Universitetshospital';
  assert.equal(escapeXmlText(plain), plain);
});

test('refuses characters XML cannot hold, naming the code point and where', () => {
  assert.throws(
    () => escapeXmlText('bell\u0007'),
    /U\+0007 at index 4 of "bell\\u0007" is not allowed in XML/,
  );
  assert.throws(() => escapeXmlAttribute('\uFFFE'), /U\+FFFE/);
  assert.equal(escapeXmlText('tab\tand\nnewline'), 'tab\tand\nnewline');
});

test('one element a line, a tab per level, attributes in order', () => {
  const { text } = written((xml) => {
    xml.declaration();
    xml.comment('made by a test');
    xml.open('Root', { 'xmlns:a': 'urn:a', xmlns: 'urn:root' });
    xml.leaf('Name', 'A & B');
    xml.open('a:Inner');
    xml.leaf('a:Code', 'DK', { scheme: 'iso3166-alpha2' });
    xml.close();
    xml.close();
  });
  assert.equal(
    text,
    '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by a test -->\n' +
      '<Root xmlns:a="urn:a" xmlns="urn:root">\n\t<Name>A &amp; B</Name>\n\t<a:Inner>\n' +
      '\t\t<a:Code scheme="iso3166-alpha2">DK</a:Code>\n\t</a:Inner>\n</Root>\n',
  );
});

test('writes in chunks of about chunkSize and loses nothing', () => {
  const many = written((xml) => {
    xml.open('List');
    for (let i = 0; i < 1000; i++) xml.leaf('Item', String(i));
    xml.close();
  }, 1000);
  assert.ok(many.chunks > 10, `${many.chunks} chunks`);
  const whole = written((xml) => {
    xml.open('List');
    for (let i = 0; i < 1000; i++) xml.leaf('Item', String(i));
    xml.close();
  });
  assert.equal(whole.chunks, 1);
  assert.equal(many.text, whole.text);
});

test('refuses a bad name, a comment with "--", unbalanced close and end with elements open', () => {
  const xml = new XmlWriter(() => {});
  assert.throws(() => xml.open('1st'), /"1st" is not an XML name/);
  assert.throws(() => xml.leaf('A B', 'x'), /"A B" is not an XML name/);
  assert.throws(() => xml.open('A', { 'b c': 'x' }), /"b c" is not an XML name/);
  assert.throws(() => xml.comment('a -- b'), /cannot hold "--"/);
  assert.throws(() => xml.close(), /close\(\) without an open element/);
  xml.open('Root');
  xml.open('Inner');
  assert.equal(xml.depth, 2);
  assert.throws(() => xml.end(), /Root > Inner still open/);
});
