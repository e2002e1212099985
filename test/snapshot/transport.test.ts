// The payload transport in the browser, through `SorCatalog.open` and a host in memory: whatever a
// server does to a `.gz` payload on the way (serves it as stored, decompressed with
// `Content-Encoding: gzip`, compressed anew), the client gets verified units; a changed byte, a
// body longer than declared, a gzip bomb, a manifest pointing elsewhere or naming another
// snapshot are refused with a clear error, and the stored snapshot stays as it was.
import { expect } from '@open-wc/testing';
import { sha256Hex } from '../../src/snapshot/codec.js';
import type { SnapshotFileRef } from '../../src/snapshot/format.js';
import { gunzip } from '../../src/snapshot/transport.js';
import { gzip } from '../../src/store/decode.js';
import { SnapshotStore } from '../../src/store/snapshot-store.js';
import { manifestOf, offlineFetch, SnapshotHost, syncError } from '../store/snapshot-host.js';
import { onSnapshotHost } from '../catalog/catalog-fixture.js';

/** The same gzip stream with another header (mtime, OS byte): what a server compressing anew sends. */
function recompressed(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  copy.set([0x12, 0x34, 0x56, 0x78], 4);
  copy[9] = 0x0b;
  return copy;
}

/** A body that never ends, counting what the client pulled from it. */
function endlessBody(): { response: Response; pulled: () => number } {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  chunk.set([0x1f, 0x8b]);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk.byteLength;
      controller.enqueue(chunk.slice());
    },
  });
  return { response: new Response(stream, { status: 200 }), pulled: () => pulled };
}

describe('snapshot transport: any static server, verified and bounded', () => {
  const ctx = onSnapshotHost();
  const { open, storedV1, expectV1Intact } = ctx;
  let v2Json: Uint8Array;

  before(async () => {
    v2Json = await gunzip(ctx.v2.fullBytes);
  });

  describe('what a server does to the .gz on the way', () => {
    it('decompressed (Content-Encoding: gzip): verified by the decoded hash, stored, read back', async () => {
      const catalog = await storedV1();
      ctx.host.faults.set(ctx.host.fileUrl(ctx.v2.full), { bytes: v2Json });
      await catalog.sync();
      expect(catalog.snapshot!.id).to.equal(ctx.v2.id);
      expect(catalog.size).to.equal(ctx.v2.units.length);
      // The stored file is what arrived; a cold start from the files verifies it again.
      const stored = await new SnapshotStore(ctx.dbName).read({ table: false });
      expect(stored!.meta.snapshotId).to.equal(ctx.v2.id);
      expect(stored!.units.length).to.equal(ctx.v2.units.length);
    });

    it('compressed anew (other gzip bytes, same JSON): verified by the decoded hash', async () => {
      const catalog = await storedV1();
      const other = recompressed(ctx.v2.fullBytes);
      expect(await sha256Hex(other)).not.to.equal(ctx.v2.full.sha256);
      ctx.host.faults.set(ctx.host.fileUrl(ctx.v2.full), { bytes: other });
      await catalog.sync();
      expect(catalog.snapshot!.id).to.equal(ctx.v2.id);
    });

    it('decompressed with one byte changed: refused, the stored snapshot stays', async () => {
      const catalog = await storedV1();
      const altered = v2Json.slice();
      altered[altered.indexOf(0x52 /* R */)] = 0x72;
      ctx.host.faults.set(ctx.host.fileUrl(ctx.v2.full), { bytes: altered });
      const error = await syncError(catalog);
      expect(error.code).to.equal('integrity');
      expect(error.message)
        .to.contain('SHA-256 mismatch of the decompressed payload')
        .and.contain(ctx.v2.full.decoded!.sha256);
      await expectV1Intact(catalog);
    });

    it('compressed anew from changed JSON: refused, the stored snapshot stays', async () => {
      const catalog = await storedV1();
      const altered = v2Json.slice();
      altered[altered.indexOf(0x52 /* R */)] = 0x72;
      ctx.host.faults.set(ctx.host.fileUrl(ctx.v2.full), { bytes: await gzip(altered) });
      const error = await syncError(catalog);
      expect(error.code).to.equal('integrity');
      expect(error.message).to.contain(`expected ${ctx.v2.full.sha256}`).and.contain('decompressed payload');
      await expectV1Intact(catalog);
    });

    it('decompressed, from a manifest without decoded hashes (sor-snapshot 0.1): says what to change', async () => {
      const catalog = await storedV1();
      const { decoded: _, ...oldRef } = ctx.v2.full;
      ctx.host.publish(ctx.v2, [], { ...manifestOf(ctx.v2), full: oldRef });
      ctx.host.faults.set(ctx.host.fileUrl(ctx.v2.full), { bytes: v2Json });
      const error = await syncError(catalog);
      expect(error.code).to.equal('integrity');
      expect(error.message).to.contain('Content-Encoding').and.contain('rebuild the snapshot');
      await expectV1Intact(catalog);
      // The same old manifest still works where the server sends the file as stored.
      ctx.host.faults.clear();
      await catalog.sync();
      expect(catalog.snapshot!.id).to.equal(ctx.v2.id);
    });
  });

  describe('bounded downloads', () => {
    it('stops reading once more bytes arrive than the manifest declares', async () => {
      await storedV1();
      const endless = endlessBody();
      const fetchEndless: typeof fetch = (input, init) =>
        String(input) === ctx.host.fileUrl(ctx.v2.full)
          ? Promise.resolve(endless.response)
          : ctx.host.fetch(input as string, init);
      const reader = open({ fetch: fetchEndless, syncOnOpen: false });
      await reader.ready;
      const refused = await syncError(reader);
      expect(refused.code).to.equal('integrity');
      expect(refused.message)
        .to.contain(ctx.host.fileUrl(ctx.v2.full))
        .and.contain('more than the manifest declares');
      // Declared: a few kB (the decoded size bounds the body): one or two chunks, not megabytes.
      expect(endless.pulled()).to.be.below(8 * 64 * 1024);
      await expectV1Intact(reader);
    });

    it('a gzip bomb with a correct hash inflates no further than the manifest allows', async () => {
      const catalog = await storedV1();
      // 4 MB of spaces after "{": about 4 kB of gzip, so past the 1 MiB floor of the old-manifest cap too.
      const plain = new Uint8Array(4 << 20).fill(0x20);
      plain[0] = 0x7b;
      const bomb = await gzip(plain);
      const claimed = ctx.v2.full.decoded!;
      const full: SnapshotFileRef = {
        url: 'full-bomb.json.gz',
        bytes: bomb.byteLength,
        sha256: await sha256Hex(bomb),
        decoded: claimed,
      };
      ctx.host.files.set(ctx.host.base + full.url, bomb);
      ctx.host.publish(ctx.v2, [], { ...manifestOf(ctx.v2), full });
      const error = await syncError(catalog);
      expect(error.code).to.equal('integrity');
      expect(error.message).to.contain(`inflates to more than ${claimed.bytes} bytes`);
      await expectV1Intact(catalog);
      // A manifest without the decoded size: the cap is a multiple of the gzip size.
      const { decoded: _, ...oldRef } = full;
      ctx.host.publish(ctx.v2, [], { ...manifestOf(ctx.v2), full: oldRef });
      const old = await syncError(catalog);
      expect(old.code).to.equal('integrity');
      expect(old.message).to.match(/inflates to more than \d+ bytes/);
      await expectV1Intact(catalog);
    });
  });

  describe('the manifest points only beside itself, at the snapshot it names', () => {
    for (const url of [
      '../evil.html',
      'sub/full.json.gz',
      'https://evil.example/full.json.gz',
      'data:,{}',
      '%2e%2e/x',
    ]) {
      it(`refuses full.url ${JSON.stringify(url)} and fetches nothing for it`, async () => {
        const catalog = await storedV1();
        ctx.host.publish(ctx.v2, [], { ...manifestOf(ctx.v2), full: { ...ctx.v2.full, url } });
        const before = ctx.host.requests.length;
        const error = await syncError(catalog);
        expect(error.code).to.equal('format');
        expect(error.message).to.contain('full.url').and.contain('plain file name beside the manifest');
        expect(ctx.host.requests.slice(before).map((request) => request.url)).to.deep.equal([
          ctx.host.manifestUrl,
        ]);
        await expectV1Intact(catalog);
      });
    }

    it('refuses a payload that is another snapshot than the manifest names', async () => {
      const catalog = await storedV1();
      // v2's manifest, whose full entry is v1's file (hash and all correct).
      ctx.host.publish(ctx.v2, [], {
        ...manifestOf(ctx.v2),
        full: ctx.v1.full,
        unitCount: ctx.v1.units.length,
      });
      ctx.host.files.set(ctx.host.fileUrl(ctx.v1.full), ctx.v1.fullBytes);
      const error = await syncError(catalog);
      expect(error.code).to.equal('format');
      expect(error.message).to.contain(`snapshot "${ctx.v1.id}"`).and.contain(`announces ${ctx.v2.id}`);
      await expectV1Intact(catalog);
    });

    it('refuses a manifest whose sourceDate is not a date, before any render sees it', async () => {
      const catalog = await storedV1();
      ctx.host.publish(ctx.v2, [], { ...manifestOf(ctx.v2), sourceDate: '2026-11-02+01:00' });
      const error = await syncError(catalog);
      expect(error.code).to.equal('format');
      expect(error.message).to.contain('"sourceDate" is "2026-11-02+01:00"; expected a date YYYY-MM-DD');
      await expectV1Intact(catalog);
    });
  });

  describe('cross-origin hosts', () => {
    it('a fetch that fails for another origin names CORS and the header to add', async () => {
      ctx.host = new SnapshotHost(`https://snapshots.other-origin.test/${crypto.randomUUID()}/`);
      ctx.host.publish(ctx.v1);
      const catalog = open({ fetch: offlineFetch, syncOnOpen: false });
      const error = await syncError(catalog);
      expect(error.code).to.equal('network');
      expect(error.message)
        .to.contain('CORS')
        .and.contain(`Access-Control-Allow-Origin: ${location.origin}`)
        .and.contain('https://snapshots.other-origin.test');
    });

    it('a fetch that fails on the page origin says network error, not CORS', async () => {
      ctx.host.publish(ctx.v1);
      const error = await syncError(open({ fetch: offlineFetch, syncOnOpen: false }));
      expect(error.message).to.contain('network error (Failed to fetch)').and.not.contain('CORS');
    });

    it('asks another origin without If-None-Match (no CORS preflight); the browser cache revalidates', async () => {
      ctx.host = new SnapshotHost(`https://snapshots.other-origin.test/${crypto.randomUUID()}/`);
      ctx.host.publish(ctx.v1);
      const catalog = open();
      await catalog.sync();
      await catalog.sync();
      expect(ctx.host.requests.filter((request) => request.url === ctx.host.manifestUrl).length).to.equal(2);
      expect(ctx.host.requests.every((request) => request.ifNoneMatch === null)).to.equal(true);
      expect(catalog.snapshot!.id).to.equal(ctx.v1.id);
    });
  });
});
