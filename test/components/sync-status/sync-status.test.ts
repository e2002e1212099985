import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { SorCatalog } from '../../../src/catalog/catalog.js';
import type { SorSyncStatus } from '../../../src/components/sync-status/sync-status.js';
import '../../../src/define/sor-sync-status.js';
import { SMALL_REGISTER, SMALL_REGISTER_INFO } from '../../fixtures/small-register.js';
import { buildSnapshot, SnapshotHost, uniqueDbName, type BuiltSnapshot } from '../../store/snapshot-host.js';

const part = (element: SorSyncStatus, name: string) =>
  element.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);
const textOf = (element: SorSyncStatus, name: string) => part(element, name)?.textContent?.trim() ?? null;

describe('<sor-sync-status>', () => {
  let v1: BuiltSnapshot;
  let host: SnapshotHost;
  let dbName: string;
  let catalog: SorCatalog | null;

  before(async () => {
    v1 = await buildSnapshot(SMALL_REGISTER, '2026-11-01');
  });

  beforeEach(() => {
    host = new SnapshotHost();
    dbName = uniqueDbName();
    catalog = null;
  });

  afterEach(async () => {
    await catalog?.clear();
  });

  const status = (source: SorCatalog | null, lang = 'en') =>
    fixture<SorSyncStatus>(html`<sor-sync-status lang=${lang} .catalog=${source}></sor-sync-status>`);

  it('shows the snapshot date and unit count, in Danish and English', async () => {
    const memory = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);
    const da = await status(memory, 'da');
    expect(textOf(da, 'summary')).to.equal(`Data fra 1. november 2026 · ${SMALL_REGISTER.length} enheder`);
    const en = await status(memory, 'en');
    expect(textOf(en, 'summary')).to.equal(`Data from 1 November 2026 · ${SMALL_REGISTER.length} units`);
    // Nothing to sync for an in-memory catalog: no button.
    expect(part(en, 'button')).to.equal(null);
    await expect(en).to.be.accessible();
  });

  it('says when no snapshot is loaded yet', async () => {
    const element = await status(null);
    expect(textOf(element, 'summary')).to.equal('No SOR data downloaded yet');
  });

  it('shows a progress bar while syncing, then the last update; accessible in each state', async () => {
    host.publish(v1);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const fullUrl = host.fileUrl(v1.full);
    // The full file arrives in two halves; the second waits until the test lets it through.
    const slowFetch: typeof fetch = async (input, init) => {
      const response = await host.fetch(input, init);
      if (String(input) !== fullUrl) return response;
      const bytes = v1.fullBytes;
      let step = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (step === 0) controller.enqueue(bytes.slice(0, bytes.length >> 1));
          else if (step === 1) {
            await released;
            controller.enqueue(bytes.slice(bytes.length >> 1));
          } else controller.close();
          step++;
        },
      });
      return new Response(body, { status: 200 });
    };
    catalog = SorCatalog.open({ src: host.manifestUrl, dbName, fetch: slowFetch });
    const element = await status(catalog);
    // Opening IndexedDB and the first half of the download can take seconds on a loaded machine.
    await waitUntil(
      () => part(element, 'progress')?.getAttribute('value') !== null && part(element, 'progress') !== null,
      'the progress bar never showed a value while the download was held half way',
      { timeout: 10_000 },
    );
    expect(textOf(element, 'state')).to.equal('Downloading SOR data …');
    expect(Number(part(element, 'progress')!.getAttribute('value'))).to.be.within(1, 99);
    expect((part(element, 'button') as HTMLButtonElement).disabled).to.equal(true);
    await expect(element).to.be.accessible();
    release();
    await catalog.sync();
    await element.updateComplete;
    expect(part(element, 'progress')).to.equal(null);
    expect(textOf(element, 'state')).to.match(/^Last updated /);
    expect(textOf(element, 'summary')).to.contain('1 November 2026');
    expect(textOf(element, 'badge')).to.equal('Synthetic test data');
    await expect(element).to.be.accessible();
  });

  it('names a failed update, also an unreachable host with nothing stored (not "offline"); "Sync now" retries', async () => {
    host.publish(v1);
    host.faults.set(host.manifestUrl, { status: 500 });
    catalog = SorCatalog.open({ src: host.manifestUrl, dbName, fetch: host.fetch });
    const failed = oneEvent(catalog, 'sor-sync-error');
    const element = await status(catalog);
    await failed;
    await element.updateComplete;
    expect(textOf(element, 'state')).to.equal(
      `Update failed: ${host.manifestUrl}: HTTP 500 Internal Server Error`,
    );
    await expect(element).to.be.accessible();

    host.faults.set(host.manifestUrl, { network: true });
    const request = oneEvent(element, 'sor-sync-request');
    const offline = oneEvent(catalog, 'sor-sync-error');
    part(element, 'button')!.click();
    expect((await request).detail.manifestUrl).to.equal(host.manifestUrl);
    await offline;
    await element.updateComplete;
    // Nothing is stored yet: "offline – showing the stored data" would promise data there is not (#12).
    expect(textOf(element, 'state')).to.equal(
      `Update failed: ${host.manifestUrl}: network error (Failed to fetch)`,
    );

    host.faults.clear();
    const complete = oneEvent(catalog, 'sor-sync-complete');
    part(element, 'button')!.click();
    await complete;
    await element.updateComplete;
    expect(catalog.snapshot!.id).to.equal(v1.id);
    expect(textOf(element, 'summary')).to.contain(`${SMALL_REGISTER.length} units`);
  });

  it('lets the vendor cancel "Sync now"', async () => {
    host.publish(v1);
    catalog = SorCatalog.open({ src: host.manifestUrl, dbName, fetch: host.fetch });
    await catalog.sync();
    const element = await status(catalog);
    const before = host.requests.length;
    element.addEventListener('sor-sync-request', (event) => event.preventDefault());
    part(element, 'button')!.click();
    await element.updateComplete;
    expect(host.requests.length).to.equal(before);
    expect(catalog.status.state).to.equal('idle');
  });

  it('says when the data is kept in memory only (IndexedDB unavailable)', async () => {
    host.publish(v1);
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = () => {
      throw new DOMException('IndexedDB is disabled', 'InvalidStateError');
    };
    const memoryCatalog = SorCatalog.open({ src: host.manifestUrl, dbName, fetch: host.fetch });
    try {
      await memoryCatalog.sync();
    } finally {
      IDBFactory.prototype.open = open;
    }
    const element = await status(memoryCatalog, 'da');
    expect(
      [...element.shadowRoot!.querySelectorAll('[part="badge"]')].map((badge) => badge.textContent),
    ).to.include('Data gemmes ikke på enheden (kun i denne session)');
    await expect(element).to.be.accessible();
  });

  // Issue #14 finding 9: SOR's SnapshotDate is an xs:date, which may carry a zone; a render must
  // never throw on a date, whatever the snapshot says.
  it('shows a zone-suffixed source date as its day, and a malformed one as given, without throwing', async () => {
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    try {
      const zoned = SorCatalog.fromUnits(SMALL_REGISTER, { snapshotId: 'z', sourceDate: '2010-01-26+01:00' });
      const da = await status(zoned, 'da');
      expect(textOf(da, 'summary')).to.equal(`Data fra 26. januar 2010 · ${SMALL_REGISTER.length} enheder`);
      const timed = SorCatalog.fromUnits(SMALL_REGISTER, {
        snapshotId: 't',
        sourceDate: '2010-01-26T23:30:00-05:00',
      });
      expect(textOf(await status(timed), 'summary')).to.equal(
        `Data from 26 January 2010 · ${SMALL_REGISTER.length} units`,
      );
      for (const bad of ['26/01/2010', '2010-02-30', '']) {
        const source = SorCatalog.fromUnits(SMALL_REGISTER, { snapshotId: 'bad', sourceDate: bad });
        const element = await status(source);
        const expected =
          bad === '' ? 'No SOR data downloaded yet' : `Data from ${bad} · ${SMALL_REGISTER.length} units`;
        expect(textOf(element, 'summary')).to.equal(expected);
        await expect(element).to.be.accessible();
      }
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
  });
});
