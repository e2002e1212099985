// The migration's output in large blocks: every byte, in order, encoded as the input was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OutputBlocks } from '../../../src/cli/migration/output-blocks.js';

function collector() {
  const writes: Buffer[] = [];
  return { writes, write: (bytes: Uint8Array) => void writes.push(Buffer.from(bytes)) };
}

test('text and bytes come out in order, in blocks no larger than asked, the last one at end()', async () => {
  const { writes, write } = collector();
  const out = new OutputBlocks('utf-8', write, 16);
  out.addInputText('id;shak');
  out.addBytes(Buffer.from(';sor\n'));
  out.addInputText('1;ÆØÅ–');
  out.addBytes(Buffer.from(';x\n'));
  await out.drain();
  assert.ok(writes.every((block) => block.length <= 16));
  const drained = writes.length;
  await out.end();
  assert.ok(writes.length > drained, 'end() hands over the partly filled block');
  assert.equal(Buffer.concat(writes).toString('utf8'), 'id;shak;sor\n1;ÆØÅ–;x\n');
});

test('nothing is written until drain(): adding stays synchronous, the row loop awaits once a chunk', async () => {
  const { writes, write } = collector();
  const out = new OutputBlocks('utf-8', write, 8);
  for (let i = 0; i < 10; i++) out.addInputText('abcdef');
  assert.equal(writes.length, 0);
  await out.drain();
  assert.ok(writes.length >= 7);
  await out.end();
  assert.equal(Buffer.concat(writes).toString(), 'abcdef'.repeat(10));
});

test('Latin-1 output writes one byte a character', async () => {
  const { writes, write } = collector();
  const out = new OutputBlocks('latin1', write, 64);
  out.addInputText('Ærø;Å');
  await out.end();
  assert.deepEqual([...Buffer.concat(writes)], [0xc6, 0x72, 0xf8, 0x3b, 0xc5]);
});

test('a record longer than a block is written whole, between its neighbours', async () => {
  const { writes, write } = collector();
  const out = new OutputBlocks('utf-8', write, 8);
  const long = 'ø'.repeat(20);
  out.addInputText('a;');
  out.addInputText(long);
  out.addBytes(Buffer.from('0123456789abcdef'));
  out.addInputText(';z');
  await out.end();
  assert.equal(Buffer.concat(writes).toString(), `a;${long}0123456789abcdef;z`);
});

test('drain() waits for each write before the next (the writer’s backpressure holds reading back)', async () => {
  const order: string[] = [];
  let pending = 0;
  const out = new OutputBlocks(
    'utf-8',
    async (bytes) => {
      assert.equal(pending, 0, 'no write starts before the previous one finished');
      pending++;
      await new Promise((resolve) => setTimeout(resolve, 1));
      order.push(Buffer.from(bytes).toString());
      pending--;
    },
    4,
  );
  for (const word of ['one;', 'two;', 'six;']) out.addInputText(word);
  await out.end();
  assert.deepEqual(order, ['one;', 'two;', 'six;']);
});

test('a written block is never reused: the writer may keep it until the bytes are on disk', async () => {
  const kept: Uint8Array[] = [];
  const out = new OutputBlocks('utf-8', (bytes) => void kept.push(bytes), 4);
  out.addInputText('aaaa');
  out.addInputText('bbbb');
  await out.drain();
  out.addInputText('cccc');
  await out.end();
  assert.deepEqual(
    kept.map((bytes) => Buffer.from(bytes).toString()),
    ['aaaa', 'bbbb', 'cccc'],
  );
});
