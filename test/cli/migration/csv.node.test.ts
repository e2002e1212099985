// The streaming CSV reader of `sor-snapshot migrate-shak`: dialects, chunk boundaries, errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CsvDecoder,
  CsvError,
  CsvParser,
  csvField,
  detectSeparator,
  encodeCsvText,
  type CsvRecord,
} from '../../../src/cli/migration/csv.js';

/** Parses text fed in pieces of `size` characters (1 = every boundary a chunk can fall on). */
function parse(text: string, size = text.length, separator: string | null = null) {
  const parser = new CsvParser('in.csv', separator);
  const records = [];
  for (let at = 0; at < text.length; at += size) records.push(...parser.push(text.slice(at, at + size)));
  records.push(...parser.end());
  return { parser, records };
}

const SAMPLE =
  '\ufeffid;navn;shak\r\n1;"Hjerte; ""kardio""\r\nafsnit";6620011\r\n2;Øre, næse, hals;662002\r\n3;;\r\n4;ab"c;1301011';

test('quoted fields, doubled quotes, line breaks inside quotes, CRLF and a BOM, at every chunk boundary', () => {
  for (const size of [1, 2, 3, 7, SAMPLE.length]) {
    const { parser, records } = parse(SAMPLE, size);
    assert.equal(parser.separator, ';', `chunk size ${size}`);
    assert.equal(parser.hasBom, true);
    assert.equal(parser.lineBreak, '\r\n');
    assert.deepEqual(
      records.map((r) => r.fields),
      [
        ['id', 'navn', 'shak'],
        ['1', 'Hjerte; "kardio"\r\nafsnit', '6620011'],
        ['2', 'Øre, næse, hals', '662002'],
        ['3', '', ''],
        ['4', 'ab"c', '1301011'],
      ],
      `chunk size ${size}`,
    );
    // The raw text of each record is exactly what the file holds (without the line break).
    assert.deepEqual(
      records.map((r) => r.raw),
      [
        'id;navn;shak',
        '1;"Hjerte; ""kardio""\r\nafsnit";6620011',
        '2;Øre, næse, hals;662002',
        '3;;',
        '4;ab"c;1301011',
      ],
    );
    assert.deepEqual(
      records.map((r) => r.line),
      [1, 2, 4, 5, 6],
    );
  }
});

test('the separator is detected from the first line, outside quotes, or given', () => {
  assert.equal(detectSeparator('a,b,c\n1;2;3;4;5\n', false), ',');
  assert.equal(detectSeparator('"a;b;c",d\n', false), ',');
  assert.equal(detectSeparator('a\tb\n', false), '\t');
  assert.equal(detectSeparator('shak\n', false), ';');
  assert.equal(detectSeparator('a,b', false), null, 'wait for the end of the first line');
  assert.equal(detectSeparator('a,b', true), ',');
  const { records } = parse('a;b,c\n1;2,3\n', 4, ',');
  assert.deepEqual(records[1].fields, ['1;2', '3']);
});

test('LF files, a last line without a line break, an empty last field', () => {
  const { parser, records } = parse('a,b\n1,\n2,"x"', 1);
  assert.equal(parser.lineBreak, '\n');
  assert.deepEqual(
    records.map((r) => r.fields),
    [
      ['a', 'b'],
      ['1', ''],
      ['2', 'x'],
    ],
  );
});

test('malformed quoting is an error naming file and line', () => {
  assert.throws(
    () => parse('a;b\n1;"x"y;2\n'),
    (error: Error) =>
      error instanceof CsvError &&
      /^in\.csv:2: a quoted field is followed by "y" instead of the separator/.test(error.message),
  );
  assert.throws(
    () => parse('a;b\n1;2\n3;"never closed\n4;5\n'),
    /^CsvError: in\.csv:3: a quoted field is not closed before the end of the file|in\.csv:3: a quoted field is not closed/,
  );
});

test('fields are quoted on output only when needed', () => {
  assert.equal(csvField('plain', ';'), 'plain');
  assert.equal(csvField('a;b', ';'), '"a;b"');
  assert.equal(csvField('a,b', ';'), 'a,b');
  assert.equal(csvField('say "hi"', ','), '"say ""hi"""');
  assert.equal(csvField('two\nlines', ','), '"two\nlines"');
});

test('UTF-8 is decoded strictly (across chunks); Latin-1 byte for byte; Latin-1 output never writes a wrong byte', () => {
  const bytes = Buffer.from('Ærø;Køge\n', 'utf8');
  const decoder = new CsvDecoder('utf-8');
  const text = [...bytes].map((byte) => decoder.decode(Uint8Array.of(byte))).join('') + decoder.end();
  assert.equal(text, 'Ærø;Køge\n');
  assert.throws(() => new CsvDecoder('utf-8').decode(Buffer.from('Køge', 'latin1')), TypeError);
  assert.equal(new CsvDecoder('latin1').decode(Buffer.from('Køge', 'latin1')), 'Køge');
  assert.deepEqual([...encodeCsvText('ø – €', 'latin1')], [0xf8, 0x20, 0x3f, 0x20, 0x3f]);
});

test('feed/finish hand over the same records as push/end, one at a time, across any chunking', () => {
  const text = '\ufeffa;b\r\n1;"x\r\n""y"";z"\r\n2;plain\r\n3;"end"';
  const whole = new CsvParser('in.csv');
  const expected = [...whole.push(text), ...whole.end()];
  for (const size of [1, 2, 5, 13, text.length]) {
    const parser = new CsvParser('in.csv');
    const records: CsvRecord[] = [];
    for (let at = 0; at < text.length; at += size)
      parser.feed(text.slice(at, at + size), (record) => records.push(record));
    parser.finish((record) => records.push(record));
    assert.deepEqual(records, expected, `chunks of ${size}`);
    assert.equal(parser.hasBom, true);
    assert.equal(parser.lineBreak, '\r\n');
  }
  assert.deepEqual(
    expected.map((record) => record.fields.join('|')),
    ['a|b', '1|x\r\n"y";z', '2|plain', '3|end'],
  );
});
