import { SorCatalog } from '../src/catalog/catalog.js';
import '../src/define/sor-picker.js';
import { SMALL_REGISTER, SMALL_REGISTER_INFO } from '../test/fixtures/small-register.js';

const picker = document.querySelector('sor-picker')!;
const output = document.querySelector<HTMLPreElement>('#selection')!;
const language = document.querySelector<HTMLSelectElement>('#language')!;
const status = document.querySelector<HTMLElement>('#dataset-status')!;

const catalog = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);
picker.catalog = catalog;
status.textContent = `${catalog.size} enheder · snapshot ${catalog.snapshot?.id} (${catalog.snapshot?.sourceDate})`;

picker.addEventListener('sor-select', (event) => {
  output.textContent = JSON.stringify(event.detail, null, 2);
});

language.addEventListener('change', () => {
  document.documentElement.lang = language.value;
  picker.requestUpdate();
});
