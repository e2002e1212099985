import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { catalogFor } from '../../src/catalog/catalog-registry.js';
import type { SorPicker } from '../../src/components/picker/picker.js';
import '../../src/define/sor-picker.js';
import '../../src/define/sor-sync-status.js';
import '../../src/define/sor-tree.js';
import { SMALL_REGISTER } from '../fixtures/small-register.js';
import { buildSnapshot, SnapshotHost } from '../store/snapshot-host.js';

describe('catalogFor and the src attribute', () => {
  let host: SnapshotHost;
  const realFetch = window.fetch;

  beforeEach(async () => {
    host = new SnapshotHost();
    host.publish(await buildSnapshot(SMALL_REGISTER, '2026-11-01'));
    // `src` catalogs use the page's fetch: serve the snapshot from memory instead of a network.
    window.fetch = host.fetch;
  });

  afterEach(async () => {
    window.fetch = realFetch;
    await catalogFor(host.manifestUrl).clear();
  });

  it('gives one catalog per absolute URL', async () => {
    const other = catalogFor(`${host.base}other/manifest.json`);
    expect(catalogFor(host.manifestUrl)).to.equal(catalogFor(new URL(host.manifestUrl)));
    expect(catalogFor(host.manifestUrl)).not.to.equal(other);
    expect(other.status.manifestUrl).to.equal(`${host.base}other/manifest.json`);
    await other.clear();
  });

  it('<sor-picker src>, <sor-tree src> and <sor-sync-status src> share the synced catalog; the picker searches it, the tree shows it', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="en">
        <sor-picker src=${host.manifestUrl}></sor-picker>
        <sor-picker src=${host.manifestUrl}></sor-picker>
        <sor-sync-status src=${host.manifestUrl}></sor-sync-status>
        <sor-tree src=${host.manifestUrl}></sor-tree>
      </div>`,
    );
    const tree = wrapper.querySelector('sor-tree')!;
    const [first, second] = [...wrapper.querySelectorAll('sor-picker')] as SorPicker[];
    const statusElement = wrapper.querySelector('sor-sync-status')!;
    expect(first.catalog).to.equal(second.catalog);
    expect(statusElement.catalog).to.equal(first.catalog);
    expect(tree.catalog).to.equal(first.catalog);
    await first.catalog!.ready;
    await waitUntil(() => tree.shadowRoot!.querySelectorAll('[role="treeitem"]').length > 0);
    const owners = SMALL_REGISTER.filter((unit) => unit.kind === 'IE').length;
    expect(tree.shadowRoot!.querySelectorAll('[role="treeitem"]').length).to.equal(owners);
    first.shadowRoot!.querySelector('input')!.focus();
    await sendKeys({ type: 'rigshosp' });
    await waitUntil(() => first.shadowRoot!.querySelectorAll('[role="option"]').length > 0);
    expect(first.shadowRoot!.querySelector('[role="option"] .name')!.textContent).to.equal('Rigshospitalet');
    expect(host.count(host.manifestUrl)).to.be.at.least(1);
  });

  it('keeps a catalog the vendor set, whatever src says', async () => {
    const element = await fixture<SorPicker>(html`<sor-picker></sor-picker>`);
    const own = catalogFor(`${host.base}vendor/manifest.json`);
    element.catalog = own;
    element.src = host.manifestUrl;
    await element.updateComplete;
    expect(element.catalog).to.equal(own);
    await own.clear();
  });
});
