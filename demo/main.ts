import { SorCatalog } from '../src/catalog/catalog.js';
import '../src/define/sor-picker.js';
import '../src/define/sor-sync-status.js';
import { whenIdle } from '../src/util/slices.js';
import { SMALL_REGISTER, SMALL_REGISTER_INFO } from '../test/fixtures/small-register.js';
import { mountSendToPanel } from './send-to-panel.js';
import { mountShakMigrationPanel } from './shak-migration-panel.js';
import { mountTreePanel } from './tree-panel.js';

// The national data set takes the real path: the CLI built it (npm run demo:data), vite serves it
// as a static snapshot host (see vite.config.ts), and SorCatalog.open syncs it into IndexedDB.
const LIVE_MANIFEST = '/snapshots/live/manifest.json';

const picker = document.querySelector<HTMLElementTagNameMap['sor-picker']>('#picker')!;
const syncStatus = document.querySelector('sor-sync-status')!;
const output = document.querySelector<HTMLPreElement>('#selection')!;
const dataset = document.querySelector<HTMLSelectElement>('#dataset')!;
const language = document.querySelector<HTMLSelectElement>('#language')!;
const theme = document.querySelector<HTMLSelectElement>('#theme')!;
const liveControls = document.querySelector<HTMLElement>('#live-controls')!;

const catalogs = {
  national: () => SorCatalog.open({ src: LIVE_MANIFEST }),
  small: () => SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO),
};
type DatasetName = keyof typeof catalogs;
const opened = new Map<DatasetName, SorCatalog>();
// Each data set's catalog is made once and kept: switching back is instant, and the national one
// keeps syncing in the background.
function catalogOf(name: DatasetName): SorCatalog {
  let catalog = opened.get(name);
  if (!catalog) {
    catalog = catalogs[name]();
    opened.set(name, catalog);
  }
  return catalog;
}
dataset.value = localStorage.getItem('sor-demo-dataset') === 'small' ? 'small' : 'national';
let current = catalogOf(dataset.value as DatasetName);

const showSelection = (event: HTMLElementEventMap['sor-select']) => {
  output.textContent = JSON.stringify(event.detail, null, 2);
};
const tree = mountTreePanel(document.querySelector<HTMLElement>('#tree')!, current, {
  onSelect: showSelection,
  attributes: { 'show-shak': '' },
});
picker.addEventListener('sor-select', showSelection);
const sendTo = mountSendToPanel(document.querySelector<HTMLElement>('#send-to-panel')!, () => current);
const refillShakSamples = mountShakMigrationPanel(
  document.querySelector<HTMLElement>('#shak-migration')!,
  () => current,
);

function useDataset(name: DatasetName) {
  const catalog = catalogOf(name);
  current = catalog;
  picker.catalog = catalog;
  tree.catalog = catalog;
  sendTo.picker.catalog = catalog;
  syncStatus.catalog = catalog;
  liveControls.hidden = name !== 'national';
  // The sample SHAK codes are looked up once the page is idle: a SHAK lookup indexes every unit,
  // which must not stand between a reload and the first search someone types. The library's
  // whenIdle, since Safari (WebKit) has no requestIdleCallback.
  void catalog.ready.then(() =>
    whenIdle(() => {
      if (catalog !== current) return;
      refillShakSamples();
      sendTo.refillSample();
    }),
  );
  localStorage.setItem('sor-demo-dataset', name);
}

async function publish(method: 'POST' | 'DELETE') {
  await fetch('/__demo/publish-next', { method });
  await current.sync();
}
document.querySelector('#publish-next')!.addEventListener('click', () => void publish('POST'));
document.querySelector('#publish-reset')!.addEventListener('click', () => void publish('DELETE'));

dataset.addEventListener('change', () => useDataset(dataset.value as DatasetName));
useDataset(dataset.value as DatasetName);

language.value = document.documentElement.lang;
language.addEventListener('change', () => {
  document.documentElement.lang = language.value;
  for (const element of [picker, sendTo.picker, tree, syncStatus]) element.requestUpdate();
});

theme.addEventListener('change', () => {
  document.documentElement.dataset.theme = theme.value;
});
