import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { SorCatalog } from '../src/catalog/catalog.js';
import { levellessCatalog } from '../test/fixtures/levelless-register.js';
import '../src/define/sor-sync-status.js';
import { encodeFull, sha256Hex, withSnapshotId } from '../src/snapshot/codec.js';
import { gzip } from '../src/store/decode.js';
import { SMALL_REGISTER, SMALL_REGISTER_INFO } from '../test/fixtures/small-register.js';

// Stories never touch a network: each catalog gets an in-memory "host" through `fetch`, built
// from the small synthetic register. Every story uses its own database name.
const BASE = 'https://snapshots.example/story/';

type Behaviour = 'serve' | 'stall' | 'offline' | 'fail' | 'memory';

// A docs page runs every story's loader at once, and InMemoryFallback turns IndexedDB off for the
// whole page while its catalog opens: the other stories' catalogs would then open without storage
// and never show their state. One loader at a time keeps that window to itself.
let loading: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(load: () => Promise<T>): Promise<T> {
  const run = loading.then(load, load);
  loading = run.catch(() => undefined);
  return run;
}

function storyCatalog(behaviour: Behaviour): Promise<SorCatalog> {
  return oneAtATime(() => openStoryCatalog(behaviour));
}

async function openStoryCatalog(behaviour: Behaviour): Promise<SorCatalog> {
  const { payload, bytes: json } = await withSnapshotId(
    encodeFull(SMALL_REGISTER, SMALL_REGISTER_INFO.sourceDate),
  );
  const bytes = await gzip(json);
  const full = { url: `full-${payload.id}.json.gz`, bytes: bytes.byteLength, sha256: await sha256Hex(bytes) };
  const manifest = JSON.stringify({
    format: 'sor-snapshot',
    version: 1,
    id: payload.id,
    sourceDate: SMALL_REGISTER_INFO.sourceDate,
    exportCreatedAt: null,
    createdAt: `${SMALL_REGISTER_INFO.sourceDate}T03:00:00Z`,
    unitCount: SMALL_REGISTER.length,
    synthetic: { label: 'SYNTHETIC story register' },
    full,
    deltas: [],
  });
  const dbName = `sor-story-${behaviour}`;
  const serve: typeof fetch = async (input) =>
    String(input).endsWith('manifest.json')
      ? new Response(manifest, { status: 200 })
      : new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200 });
  // Store the snapshot first, so offline and failing stories have data to show.
  if (behaviour !== 'memory') {
    const primer = SorCatalog.open({ src: `${BASE}manifest.json`, dbName, fetch: serve, syncOnOpen: false });
    await primer.sync();
  }
  const fetches: Record<Behaviour, typeof fetch> = {
    serve,
    memory: serve,
    offline: () => Promise.reject(new TypeError('Failed to fetch')),
    fail: async () => new Response('', { status: 500, statusText: 'Internal Server Error' }),
    // The manifest names a new snapshot and its full file arrives halfway, then waits forever.
    stall: async (input) =>
      String(input).endsWith('manifest.json')
        ? new Response(manifest.replace(payload.id, '0000000000000001'), { status: 200 })
        : new Response(
            new ReadableStream({
              start: (controller) => controller.enqueue(bytes.slice(0, bytes.length >> 1)),
            }),
            { status: 200 },
          ),
  };
  const catalog = SorCatalog.open({ src: `${BASE}manifest.json`, dbName, fetch: fetches[behaviour] });
  if (behaviour !== 'memory') await catalog.ready;
  return catalog;
}

const meta: Meta = {
  title: 'Components/sor-sync-status',
  component: 'sor-sync-status',
  parameters: {
    docs: {
      description: {
        component:
          'The status line of a catalog kept in IndexedDB: the snapshot date and unit count, sync progress, and ' +
          'whether the data is offline, failed to update or lives in memory only. Give it the same `.catalog` as ' +
          'the picker (or the same `src`). Data in these stories is synthetic and served from memory.',
      },
    },
  },
  // Unset, `lang` follows the toolbar's language (the preview's decorator fills it in).
  argTypes: { lang: { control: 'inline-radio', options: ['da', 'en'] } },
};
export default meta;

type Story = StoryObj<{ lang: string }>;

const story = (behaviour: Behaviour): Story => ({
  loaders: [async () => ({ catalog: await storyCatalog(behaviour) })],
  render: (args, { loaded }) =>
    html`<sor-sync-status lang=${args.lang} .catalog=${loaded.catalog as SorCatalog}></sor-sync-status>`,
});

export const Idle = story('serve');
export const SyncingWithProgress = story('stall');
export const Offline = story('offline');
export const Failed = story('fail');

/** IndexedDB unavailable (private mode, blocked by policy): the catalog syncs into memory for the session. */
export const InMemoryFallback: Story = {
  loaders: [
    () =>
      oneAtATime(async () => {
        const open = IDBFactory.prototype.open;
        // Stands in for a browser that refuses IndexedDB, only while this catalog opens.
        IDBFactory.prototype.open = () => {
          throw new DOMException('IndexedDB is disabled', 'InvalidStateError');
        };
        try {
          const catalog = await openStoryCatalog('memory');
          await catalog.sync();
          return { catalog };
        } finally {
          IDBFactory.prototype.open = open;
        }
      }),
  ],
  render: (args, { loaded }) =>
    html`<sor-sync-status lang=${args.lang} .catalog=${loaded.catalog as SorCatalog}></sor-sync-status>`,
};

/** A catalog given its units in memory by the vendor (`fromUnits`): nothing to sync. */
export const FromUnits: Story = {
  render: (args) =>
    html`<sor-sync-status
      lang=${args.lang}
      .catalog=${SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO)}
    ></sor-sync-status>`,
};

/** A snapshot built without ID27 levels: the status line says so, once. */
export const NoLevels: Story = {
  render: (args) =>
    html`<sor-sync-status lang=${args.lang} .catalog=${levellessCatalog()}></sor-sync-status>`,
};

/** Dark: the status line follows the `color-scheme` of the page around it. */
export const Dark: Story = {
  loaders: [async () => ({ catalog: await storyCatalog('offline') })],
  render: (args, { loaded }) =>
    html`<div style="color-scheme: dark; background: Canvas; color: CanvasText; padding: 1rem">
      <sor-sync-status lang=${args.lang} .catalog=${loaded.catalog as SorCatalog}></sor-sync-status>
    </div>`,
};
