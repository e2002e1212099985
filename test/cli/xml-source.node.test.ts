import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { SorImportError } from '../../src/cli/import/errors.js';
import { feedXml, sourceName, type XmlSink } from '../../src/cli/import/xml-source.js';
import { tempDir } from './helpers.js';

function collecting(): XmlSink & { text: string; closed: boolean } {
  return {
    text: '',
    closed: false,
    write(text: string) {
      this.text += text;
    },
    close() {
      this.closed = true;
    },
  };
}

const at = { position: () => ({ file: 'f', line: 7, column: 3 }), parserFailure: () => null };

test('a file is decoded as its declaration says and fed whole, with progress in bytes', async () => {
  const dir = await tempDir();
  const file = join(dir, 'latin1.xml');
  const xml = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<SorTree>Køge</SorTree>\n';
  await writeFile(file, Buffer.from(xml, 'latin1'));
  const sink = collecting();
  const progress: number[] = [];
  const encoding = await feedXml(file, sink, { ...at, onProgress: (bytes) => progress.push(bytes) });
  assert.equal(encoding, 'windows-1252');
  assert.equal(sink.text, xml);
  assert.ok(sink.closed);
  assert.equal(progress.at(-1), Buffer.byteLength(xml, 'latin1'));
  assert.equal(sourceName(file), file);
});

test('a producer is fed as it writes, as UTF-8, and named by its name', async () => {
  const sink = collecting();
  const progress: number[] = [];
  const source = {
    name: 'generated.xml',
    produce: async (write: (chunk: string) => void) => {
      write('<SorTree>');
      write('Ø</SorTree>');
    },
  };
  assert.equal(await feedXml(source, sink, { ...at, onProgress: (bytes) => progress.push(bytes) }), 'utf-8');
  assert.equal(sink.text, '<SorTree>Ø</SorTree>');
  assert.deepEqual(progress, [9, 21]);
  assert.equal(sourceName(source), 'generated.xml');
});

test('a missing file, a bad byte and an unknown encoding are SorImportErrors with a position', async () => {
  const dir = await tempDir();
  await assert.rejects(feedXml(join(dir, 'missing.xml'), collecting(), at), (error: unknown) => {
    assert.ok(error instanceof SorImportError);
    assert.match(error.message, /cannot read the export: ENOENT/);
    return true;
  });
  const bad = join(dir, 'bad.xml');
  await writeFile(
    bad,
    Buffer.concat([Buffer.from('<SorTree>ab'), Buffer.from([0xff]), Buffer.from('</SorTree>')]),
  );
  const sink = collecting();
  await assert.rejects(feedXml(bad, sink, at), (error: unknown) => {
    assert.ok(error instanceof SorImportError);
    assert.match(error.message, /f:7:3: byte offset 11/);
    return true;
  });
  assert.equal(sink.text, '<SorTree>ab', 'the valid text before the bad byte reaches the parser');
  const ebcdic = join(dir, 'ebcdic.xml');
  await writeFile(ebcdic, '<?xml version="1.0" encoding="EBCDIC-US"?><SorTree/>');
  await assert.rejects(feedXml(ebcdic, collecting(), at), (error: unknown) => {
    assert.ok(error instanceof SorImportError);
    assert.match(error.message, /:1:1: .*EBCDIC-US/i);
    return true;
  });
});

test('the parser’s own error wins over what it was wrapped in', async () => {
  const failure = new SorImportError({ file: 'p', line: 2, column: 5 }, 'malformed XML: bad');
  const sink: XmlSink = {
    write: () => {
      throw new Error('wrapped');
    },
    close: () => {},
  };
  const source = { name: 'p', produce: async (write: (chunk: string) => void) => write('<') };
  await assert.rejects(
    feedXml(source, sink, { ...at, parserFailure: () => failure }),
    (error) => error === failure,
  );
});
