// Issue #12 item 4: a snapshot built without ID27 levels (no level elements, no side file). The
// quick start's `selectable-levels="Afdeling Afsnit"` must not block every unit there: the rules are
// not applied, picker and tree say why, the status line says it once, and the console warns once.
// A single unit without a level in data that has levels is "has no level", not "wrong level".
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SorCatalog } from '../../../src/catalog/catalog.js';
import type { SorPicker } from '../../../src/components/picker/picker.js';
import type { SorSyncStatus } from '../../../src/components/sync-status/sync-status.js';
import type { SorTree } from '../../../src/components/tree/tree.js';
import '../../../src/define/sor-picker.js';
import '../../../src/define/sor-sync-status.js';
import '../../../src/define/sor-tree.js';
import { LEVELLESS_REGISTER, levellessCatalog } from '../../fixtures/levelless-register.js';
import {
  aarhusCardiology,
  aarhusUnlevelled,
  SMALL_REGISTER,
  SMALL_REGISTER_INFO,
  unitNamed,
} from '../../fixtures/small-register.js';

const levelled = () => SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);

const shadow = (element: Element) => element.shadowRoot!;
const options = (element: SorPicker) => [...shadow(element).querySelectorAll<HTMLElement>('[role="option"]')];
const optionNamed = (element: SorPicker, name: string) =>
  options(element).find((option) => option.querySelector('.name')!.textContent === name);
const note = (element: Element) => shadow(element).querySelector('#note')?.textContent;
const row = (element: SorTree, sorCode: string) =>
  shadow(element).querySelector<HTMLElement>(`#row-${sorCode}`);

// Records console.warn calls while a test runs.
function watchWarnings(): { warnings: string[]; restore: () => void } {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  return { warnings, restore: () => (console.warn = original) };
}

// Chooses the first option with the keyboard; resolves with the selection sor-select carried.
async function chooseFirst(element: SorPicker) {
  const selected = oneEvent(element, 'sor-select');
  await sendKeys({ press: 'ArrowDown' });
  await sendKeys({ press: 'Enter' });
  return (await selected).detail!;
}

// Either element in English with the quick start's level rule, on the snapshot without levels.
function withQuickStartRule<T extends SorPicker | SorTree>(tag: 'sor-picker' | 'sor-tree'): Promise<T> {
  const element = document.createElement(tag);
  element.setAttribute('lang', 'en');
  element.setAttribute('selectable-levels', 'Afdeling Afsnit');
  element.catalog = levellessCatalog();
  return fixture<T>(html`${element}`);
}

async function typeAndWait(element: SorPicker, text: string) {
  element.focus();
  await sendKeys({ type: text });
  await waitUntil(() => options(element).length > 0, `no results for ${text}`);
}

describe('a snapshot without ID27 levels', () => {
  let watch: ReturnType<typeof watchWarnings>;
  beforeEach(() => (watch = watchWarnings()));
  afterEach(() => watch.restore());

  it('SorCatalog.hasLevels tells one from the other, false before any data', () => {
    expect(levelled().hasLevels).to.equal(true);
    expect(levellessCatalog().hasLevels).to.equal(false);
    expect(new SorCatalog().hasLevels).to.equal(false);
    // One unit with a level is enough.
    const one = LEVELLESS_REGISTER.map((unit) =>
      unit.sorCode === aarhusCardiology.sorCode ? aarhusCardiology : unit,
    );
    expect(SorCatalog.fromUnits(one, SMALL_REGISTER_INFO).hasLevels).to.equal(true);
  });

  it('<sor-picker>: selectable-levels blocks nothing, the note says why, a choice by keyboard works', async () => {
    const element = await withQuickStartRule<SorPicker>('sor-picker');
    expect(note(element)).to.equal('This snapshot has no ID27 levels, so any unit can be chosen.');
    await typeAndWait(element, 'Hjertecenter');
    const option = optionNamed(element, 'Hjertecenter')!;
    expect(option.hasAttribute('aria-disabled')).to.equal(false);
    expect(option.querySelector('.reason')).to.equal(null);
    await expect(element).to.be.accessible();
    const detail = await chooseFirst(element);
    expect(detail.name).to.equal('Hjertecenter');
    expect(detail.level).to.equal(null);
    expect(element.value).to.equal(unitNamed('Hjertecenter').sorCode);
  });

  it('<sor-picker> says it in Danish, and resolve-level is not applied either', async () => {
    const element = await fixture<SorPicker>(
      html`<sor-picker lang="da" resolve-level="Afdeling" .catalog=${levellessCatalog()}></sor-picker>`,
    );
    expect(note(element)).to.equal('Disse SOR-data har ingen ID27-niveauer, så alle enheder kan vælges.');
    await typeAndWait(element, 'Hjertesygdomme, sengeafsnit');
    const detail = await chooseFirst(element);
    expect(detail.name).to.equal('Hjertesygdomme, sengeafsnit');
    expect(detail.resolvedFrom).to.equal(undefined);
  });

  it('<sor-tree>: rows are choosable with Enter, the note says why', async () => {
    const element = await withQuickStartRule<SorTree>('sor-tree');
    expect(note(element)).to.equal('This snapshot has no ID27 levels, so any unit can be chosen.');
    const centre = unitNamed('Hjertecenter');
    element.reveal(centre.sorCode);
    element.focus();
    await element.updateComplete;
    expect(row(element, centre.sorCode)!.hasAttribute('aria-disabled')).to.equal(false);
    await expect(element).to.be.accessible();
    const selected = oneEvent(element, 'sor-select');
    await sendKeys({ press: 'Enter' });
    const { detail } = await selected;
    expect(detail!.sorCode).to.equal(centre.sorCode);
  });

  it('warns on the console once per snapshot, however many elements share the catalog', async () => {
    const catalog = levellessCatalog();
    await fixture(
      html`<div>
        <sor-picker selectable-levels="Afsnit" .catalog=${catalog}></sor-picker>
        <sor-tree selectable-levels="Afsnit" .catalog=${catalog}></sor-tree>
      </div>`,
    );
    const about = watch.warnings.filter((warning) => warning.includes('has no ID27 levels'));
    expect(about).to.have.length(1);
    expect(about[0]).to.include('snapshot no-levels');
    expect(about[0]).to.include('Where ID27 levels come from');
  });

  it('applies the rules again once a snapshot with levels replaces it', async () => {
    const catalog = levellessCatalog();
    const element = await fixture<SorTree>(
      html`<sor-tree lang="en" selectable-levels="Afsnit" .catalog=${catalog}></sor-tree>`,
    );
    catalog.replaceUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);
    await element.updateComplete;
    expect(note(element)).to.equal('Only units at level Section can be chosen.');
    const centre = unitNamed('Hjertecenter');
    element.reveal(centre.sorCode);
    await element.updateComplete;
    expect(row(element, centre.sorCode)!.getAttribute('aria-disabled')).to.equal('true');
  });

  it('<sor-sync-status> shows it once; not for a snapshot with levels', async () => {
    const element = await fixture<SorSyncStatus>(
      html`<sor-sync-status lang="da" .catalog=${levellessCatalog()}></sor-sync-status>`,
    );
    const badges = [...shadow(element).querySelectorAll('[part="badge"]')].map((badge) => badge.textContent);
    expect(badges).to.deep.equal(['Disse SOR-data har ingen ID27-niveauer']);
    await expect(element).to.be.accessible();
    const other = await fixture<SorSyncStatus>(
      html`<sor-sync-status lang="en" .catalog=${levelled()}></sor-sync-status>`,
    );
    expect(shadow(other).querySelector('[part="badge"]')).to.equal(null);
  });

  it('one unit without a level in data with levels: "has no ID27 level", not "wrong level"', async () => {
    const element = await fixture<SorPicker>(
      html`<sor-picker lang="da" selectable-levels="Afsnit" .catalog=${levelled()}></sor-picker>`,
    );
    expect(note(element)).to.equal('Kun enheder på niveau Afsnit kan vælges.');
    await typeAndWait(element, aarhusUnlevelled.name);
    const option = optionNamed(element, aarhusUnlevelled.name)!;
    expect(option.getAttribute('aria-disabled')).to.equal('true');
    expect(option.querySelector('.reason')!.textContent).to.equal(
      'enheden har intet ID27-niveau i disse data',
    );
    await expect(element).to.be.accessible();
    expect(watch.warnings.filter((warning) => warning.includes('ID27'))).to.deep.equal([]);
  });
});
