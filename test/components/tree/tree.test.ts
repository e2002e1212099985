import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SorCatalog } from '../../../src/catalog/catalog.js';
import type { SorTree } from '../../../src/components/tree/tree.js';
import '../../../src/define/sor-tree.js';
import { clonedRegister } from '../../fixtures/cloned-register.js';
import {
  aarhusCardiology,
  aarhusCardiologyWard,
  koegeRetired,
  koegeSuccessor,
  rigshospitalet,
  SMALL_REGISTER,
  SMALL_REGISTER_INFO,
  unitNamed,
} from '../../fixtures/small-register.js';
import { AS_OF, smallCatalog } from '../../fixtures/small-catalog.js';
import { activate, press } from './tree-keys.js';

const catalog = smallCatalog();

async function tree(
  attributes: Partial<Record<'selectable-levels' | 'resolve-level' | 'value' | 'value-type', string>> & {
    lang?: string;
    showShak?: boolean;
    includeRetired?: boolean;
  } = {},
  source: SorCatalog = catalog,
): Promise<SorTree> {
  const element = await fixture<SorTree>(
    html`<sor-tree
      lang=${attributes.lang ?? 'en'}
      as-of=${AS_OF}
      selectable-levels=${attributes['selectable-levels'] ?? ''}
      resolve-level=${attributes['resolve-level'] ?? ''}
      value-type=${attributes['value-type'] ?? 'sor'}
      value=${attributes.value ?? ''}
      ?show-shak=${attributes.showShak}
      ?include-retired=${attributes.includeRetired}
      .catalog=${source}
    ></sor-tree>`,
  );
  await element.updateComplete;
  return element;
}

const root = (element: SorTree) => element.shadowRoot!;
const treeEl = (element: SorTree) => root(element).querySelector<HTMLElement>('[role="tree"]')!;
const rows = (element: SorTree) => [...root(element).querySelectorAll<HTMLElement>('[role="treeitem"]')];
const nameOf = (row: Element) => row.querySelector('.name')!.textContent;
const rowNames = (element: SorTree) => rows(element).map(nameOf);
const row = (element: SorTree, sorCode: string) =>
  root(element).querySelector<HTMLElement>(`#row-${sorCode}`);
const activeRow = (element: SorTree) => {
  const id = treeEl(element).getAttribute('aria-activedescendant');
  return id ? root(element).getElementById(id) : null;
};
const activeName = (element: SorTree) => {
  const active = activeRow(element);
  return active ? nameOf(active) : null;
};

describe('<sor-tree>', () => {
  it('shows the owners as an accessible APG tree with level, set size and position', async () => {
    const element = await tree();
    expect(treeEl(element).getAttribute('role')).to.equal('tree');
    const owners = SMALL_REGISTER.filter((unit) => unit.kind === 'IE');
    expect(rows(element)).to.have.length(owners.length);
    const first = rows(element)[0];
    expect(first.getAttribute('aria-level')).to.equal('1');
    expect(first.getAttribute('aria-setsize')).to.equal(String(owners.length));
    expect(first.getAttribute('aria-posinset')).to.equal('1');
    expect(first.getAttribute('aria-expanded')).to.equal('false');
    expect(first.getAttribute('aria-selected')).to.equal('false');
    await expect(element).to.be.accessible();
  });

  it('moves with Up, Down, Home and End, starting on the first row', async () => {
    const element = await tree();
    element.focus();
    await element.updateComplete;
    const names = rowNames(element);
    expect(activeName(element)).to.equal(names[0]);
    await press(element, 'ArrowDown');
    expect(activeName(element)).to.equal(names[1]);
    await press(element, 'ArrowDown', 'ArrowUp');
    expect(activeName(element)).to.equal(names[1]);
    await press(element, 'End');
    expect(activeName(element)).to.equal(names.at(-1));
    await press(element, 'ArrowDown');
    expect(activeName(element)).to.equal(names.at(-1)); // no wrap in a tree
    await press(element, 'Home');
    expect(activeName(element)).to.equal(names[0]);
    expect(root(element).activeElement).to.equal(treeEl(element));
  });

  it('opens with Right, moves to the first child with Right, closes with Left, moves to the parent with Left', async () => {
    const element = await tree();
    const region = unitNamed('Region Hovedstaden');
    await activate(element, region.sorCode);
    await press(element, 'ArrowRight');
    expect(row(element, region.sorCode)!.getAttribute('aria-expanded')).to.equal('true');
    expect(activeName(element)).to.equal('Region Hovedstaden');
    const firstChild = catalog.children(region.sorCode)[0];
    expect(row(element, firstChild.sorCode)!.getAttribute('aria-level')).to.equal('2');
    await press(element, 'ArrowRight');
    expect(activeName(element)).to.equal(firstChild.name);
    await press(element, 'ArrowLeft'); // a closed child: to its parent
    expect(activeName(element)).to.equal('Region Hovedstaden');
    await press(element, 'ArrowLeft'); // an open row: closes
    expect(row(element, region.sorCode)!.getAttribute('aria-expanded')).to.equal('false');
    expect(row(element, firstChild.sorCode)).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('mirrors the row arrows and breadcrumb separators right to left', async () => {
    const transformOf = (element: SorTree) =>
      getComputedStyle(root(element).querySelector('.toggle')!).transform;
    expect(transformOf(await tree())).to.equal('none');
    const wrapper = await fixture<HTMLDivElement>(
      html`<div dir="rtl"><sor-tree lang="da" .catalog=${catalog}></sor-tree></div>`,
    );
    const element = wrapper.querySelector<SorTree>('sor-tree')!;
    await element.updateComplete;
    expect(transformOf(element)).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    // The keys swap too: Left opens and goes in, Right goes out and closes.
    const region = unitNamed('Region Hovedstaden');
    const firstChild = catalog.children(region.sorCode)[0];
    await activate(element, region.sorCode);
    await press(element, 'ArrowLeft');
    expect(row(element, region.sorCode)!.getAttribute('aria-expanded')).to.equal('true');
    await press(element, 'ArrowLeft');
    expect(activeName(element)).to.equal(firstChild.name);
    await press(element, 'ArrowRight');
    expect(activeName(element)).to.equal('Region Hovedstaden');
    await press(element, 'ArrowRight');
    expect(row(element, region.sorCode)!.getAttribute('aria-expanded')).to.equal('false');
  });

  it('does nothing on Right at a leaf', async () => {
    const element = await tree();
    await activate(element, aarhusCardiologyWard.sorCode);
    const before = rows(element).length;
    await press(element, 'ArrowRight');
    expect(activeName(element)).to.equal(aarhusCardiologyWard.name);
    expect(rows(element).length).to.equal(before);
    expect(row(element, aarhusCardiologyWard.sorCode)!.hasAttribute('aria-expanded')).to.equal(false);
  });

  it('opens every sibling with *', async () => {
    const element = await tree();
    element.focus();
    await element.updateComplete;
    await press(element, '*');
    for (const owner of rows(element).filter((r) => r.getAttribute('aria-level') === '1')) {
      expect(owner.getAttribute('aria-expanded'), nameOf(owner)!).to.equal('true');
    }
    expect(rows(element).some((r) => r.getAttribute('aria-level') === '2')).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('jumps by type-ahead, and cycles on a repeated letter', async () => {
    const element = await tree();
    element.focus();
    await element.updateComplete;
    await press(element, 'r', 'e', 'g', 'i', 'o', 'n', ' ', 's');
    expect(activeName(element)).to.equal('Region Sjælland');
    await new Promise((resolve) => setTimeout(resolve, 600));
    await press(element, 'l');
    expect(activeName(element)).to.equal('Lægerne i Søndergade');
    await new Promise((resolve) => setTimeout(resolve, 600));
    const regions = rowNames(element).filter((name) => name!.startsWith('R'));
    await press(element, 'r');
    expect(activeName(element)).to.equal(regions[0]);
    await press(element, 'r');
    expect(activeName(element)).to.equal(regions[1]);
  });

  it('chooses with Enter and with Space: sor-select with the SorSelection, then change', async () => {
    const element = await tree();
    await activate(element, aarhusCardiologyWard.sorCode);
    const seen: string[] = [];
    element.addEventListener('change', () => seen.push('change'));
    element.addEventListener('sor-select', () => seen.push('sor-select'));
    const selected = oneEvent(element, 'sor-select');
    await press(element, 'Enter');
    const event = await selected;
    expect(event.detail.sorCode).to.equal(aarhusCardiologyWard.sorCode);
    expect(event.detail.levels.Center?.name).to.equal('Hjertecenter');
    expect(event.bubbles && event.composed).to.equal(true);
    expect(seen).to.deep.equal(['sor-select', 'change']);
    expect(element.value).to.equal(aarhusCardiologyWard.sorCode);
    expect(row(element, aarhusCardiologyWard.sorCode)!.getAttribute('aria-selected')).to.equal('true');
    // The breadcrumb of the chosen unit's path.
    const crumbs = [...root(element).querySelectorAll('nav li')].map((li) => li.textContent!.trim());
    expect(crumbs).to.deep.equal(event.detail.path.map((step: { name: string }) => step.name));
    expect(root(element).querySelector('nav [aria-current="location"]')!.textContent).to.equal(
      aarhusCardiologyWard.name,
    );

    await press(element, 'ArrowLeft');
    const again = oneEvent(element, 'sor-select');
    await press(element, ' ');
    expect((await again).detail.sorCode).to.equal(aarhusCardiology.sorCode);
    await expect(element).to.be.accessible();
  });

  it('chooses with a click and opens with a click on the toggle', async () => {
    const element = await tree();
    const region = unitNamed('Region Syddanmark');
    row(element, region.sorCode)!.querySelector<HTMLElement>('[part="toggle"]')!.click();
    await element.updateComplete;
    expect(row(element, region.sorCode)!.getAttribute('aria-expanded')).to.equal('true');
    const hospital = unitNamed('Odense Universitetshospital');
    const selected = oneEvent(element, 'sor-select');
    row(element, hospital.sorCode)!.click();
    expect((await selected).detail.name).to.equal('Odense Universitetshospital');
  });

  it('filters to matches, opens their ancestors, highlights the match, and restores when cleared', async () => {
    const element = await tree();
    const ward = unitNamed('Kardiologisk sengeafs. B1');
    root(element).querySelector<HTMLInputElement>('input')!.focus();
    await sendKeys({ type: 'sengeafs. B1' });
    await waitUntil(() => row(element, ward.sorCode) !== null, 'the match did not show');
    await element.updateComplete;
    const names = rowNames(element);
    expect(names).to.include.members([
      'Region Syddanmark',
      'Odense Universitetshospital',
      'Kardiologisk afdeling B',
      'Kardiologisk sengeafs. B1',
    ]);
    expect(names).not.to.include('Region Hovedstaden');
    expect(row(element, ward.sorCode)!.querySelector('mark')).not.to.equal(null);
    expect(activeName(element)).to.equal(ward.name);
    await expect(element).to.be.accessible();
    await sendKeys({ press: 'ArrowDown' });
    expect(root(element).activeElement).to.equal(treeEl(element));
    await press(element, 'Enter');
    expect(element.value).to.equal(ward.sorCode);

    root(element).querySelector<HTMLInputElement>('input')!.focus();
    const input = root(element).querySelector<HTMLInputElement>('input')!;
    input.select();
    await sendKeys({ press: 'Backspace' });
    await element.updateComplete;
    expect(rowNames(element)).to.include('Region Hovedstaden');
    expect(rows(element).every((r) => r.querySelector('mark') === null)).to.equal(true);
  });

  it('says when the filter matches nothing', async () => {
    const element = await tree();
    root(element).querySelector<HTMLInputElement>('input')!.focus();
    await sendKeys({ type: 'xqzvw' });
    await waitUntil(() => rows(element).length === 0, 'rows still shown');
    await element.updateComplete;
    expect(root(element).querySelector('.message')!.textContent).to.equal('No units match “xqzvw”');
    await expect(element).to.be.accessible();
  });

  it('lets other levels be browsed but not chosen under selectable-levels, and says why', async () => {
    const element = await tree({ 'selectable-levels': 'afdeling section' });
    expect(root(element).querySelector('.note')!.textContent).to.equal(
      'Only units at level Department or Section can be chosen.',
    );
    const centre = unitNamed('Hjertecenter');
    await activate(element, centre.sorCode);
    const centreRow = row(element, centre.sorCode)!;
    expect(centreRow.getAttribute('aria-disabled')).to.equal('true');
    expect(centreRow.getAttribute('aria-describedby')).to.equal('note');
    expect(row(element, aarhusCardiology.sorCode)).to.equal(null); // not opened yet
    let fired = false;
    element.addEventListener('sor-select', () => (fired = true));
    await press(element, 'Enter');
    expect(fired).to.equal(false);
    expect(root(element).querySelector('[role="status"]')!.textContent).to.equal(
      'Hjertecenter cannot be chosen: wrong level',
    );
    await expect(element).to.be.accessible();
    await activate(element, aarhusCardiology.sorCode);
    expect(row(element, aarhusCardiology.sorCode)!.hasAttribute('aria-disabled')).to.equal(false);
    await press(element, 'Enter');
    expect(fired).to.equal(true);
  });

  it('resolves a choice to the nearest unit at resolve-level and says from which', async () => {
    const element = await tree({ 'resolve-level': 'Afdeling' });
    await activate(element, aarhusCardiologyWard.sorCode);
    const selected = oneEvent(element, 'sor-select');
    await press(element, 'Enter');
    const { detail } = await selected;
    expect(detail.sorCode).to.equal(aarhusCardiology.sorCode);
    expect(detail.resolvedFrom).to.deep.equal({
      sorCode: aarhusCardiologyWard.sorCode,
      name: aarhusCardiologyWard.name,
      kind: 'OE',
    });
    expect(element.value).to.equal(aarhusCardiology.sorCode);
    // A hospital has no Afdeling above it: it cannot be chosen.
    await activate(element, unitNamed('Aarhus Universitetshospital').sorCode);
    expect(activeRow(element)!.getAttribute('aria-disabled')).to.equal('true');
    await expect(element).to.be.accessible();
  });

  it('shows the SHAK code only with show-shak', async () => {
    const plain = await tree({ value: aarhusCardiologyWard.sorCode });
    expect(row(plain, aarhusCardiologyWard.sorCode)!.querySelector('.shak')).to.equal(null);
    const element = await tree({ value: aarhusCardiologyWard.sorCode, showShak: true });
    expect(row(element, aarhusCardiologyWard.sorCode)!.querySelector('.shak')!.textContent).to.equal(
      'SHAK 6620011',
    );
    const badge = row(element, aarhusCardiologyWard.sorCode)!.querySelector('[part="badge"]')!;
    expect(badge.textContent).to.equal('Section');
    await expect(element).to.be.accessible();
  });

  it('hides units retired before as-of, or shows them with include-retired and jumps to the successor', async () => {
    const hidden = await tree({ value: koegeSuccessor.sorCode });
    expect(row(hidden, koegeRetired.sorCode)).to.equal(null);
    expect(row(hidden, koegeSuccessor.sorCode)).not.to.equal(null);

    const element = await tree({ value: koegeRetired.sorCode, includeRetired: true });
    const retiredRow = row(element, koegeRetired.sorCode)!;
    expect(retiredRow.querySelector('.retired')!.textContent).to.contain('Retired');
    expect(retiredRow.querySelector('.retired')!.textContent).to.contain(koegeSuccessor.name);
    expect(element.selection?.retired).to.equal(true);
    expect(element.selection?.replacedBy).to.deep.equal([koegeSuccessor.sorCode]);
    await expect(element).to.be.accessible();
    // The keyboard reaches the jump below the tree.
    const jump = root(element).querySelector<HTMLButtonElement>('.successor button')!;
    expect(jump.textContent!.trim()).to.equal(`Go to ${koegeSuccessor.name}`);
    let fired = false;
    element.addEventListener('sor-select', () => (fired = true));
    jump.click();
    await element.updateComplete;
    expect(activeName(element)).to.equal(koegeSuccessor.name);
    expect(fired).to.equal(false);
  });

  it('preselects a value: path open, row selected and active, no events', async () => {
    let fired = false;
    const element = await fixture<SorTree>(
      html`<sor-tree
        lang="en"
        .catalog=${catalog}
        value=${aarhusCardiologyWard.sorCode}
        @sor-select=${() => (fired = true)}
        @change=${() => (fired = true)}
      ></sor-tree>`,
    );
    await element.updateComplete;
    const selectedRow = row(element, aarhusCardiologyWard.sorCode)!;
    expect(selectedRow.getAttribute('aria-selected')).to.equal('true');
    expect(selectedRow.getAttribute('aria-level')).to.equal('7');
    expect(activeName(element)).to.equal(aarhusCardiologyWard.name);
    expect(element.selection?.sorCode).to.equal(aarhusCardiologyWard.sorCode);
    expect(fired).to.equal(false);
    await expect(element).to.be.accessible();
  });

  // The scroll is asked for before the tree is laid out; it must land once the rows are measured,
  // also when a narrow tree lays each row out on two lines (taller than the default estimate).
  for (const width of ['40rem', '18rem']) {
    it(`scrolls a preselected row wholly into view (${width} wide)`, async () => {
      const element = await fixture<SorTree>(
        html`<div style="inline-size: ${width}">
          <sor-tree lang="en" .catalog=${catalog} value=${aarhusCardiologyWard.sorCode}></sor-tree>
        </div>`,
      ).then((wrapper) => wrapper.querySelector<SorTree>('sor-tree')!);
      const viewport = treeEl(element);
      await waitUntil(() => {
        const selected = row(element, aarhusCardiologyWard.sorCode)?.getBoundingClientRect();
        const box = viewport.getBoundingClientRect();
        return selected && selected.top >= box.top && selected.bottom <= box.bottom + 1;
      }, 'the preselected row is scrolled into view');
      expect(viewport.scrollWidth).to.be.at.most(viewport.clientWidth);
    });
  }

  it('preselects from a SHAK code with value-type="shak"', async () => {
    const element = await tree({ value: '6620011', 'value-type': 'shak' });
    expect(element.selection?.sorCode).to.equal(aarhusCardiologyWard.sorCode);
    expect(row(element, aarhusCardiologyWard.sorCode)!.getAttribute('aria-selected')).to.equal('true');
  });

  it('shows an invalid state with a message for an unknown value', async () => {
    const element = await tree({ value: '99999999000016000' });
    expect(element.invalid).to.equal(true);
    expect(element.selection).to.equal(null);
    expect(treeEl(element).getAttribute('aria-invalid')).to.equal('true');
    expect(root(element).querySelector('#invalid')!.textContent).to.equal(
      'No unit has the code 99999999000016000',
    );
    await expect(element).to.be.accessible();
    element.value = rigshospitalet.sorCode;
    await element.updateComplete;
    expect(element.invalid).to.equal(false);
  });

  it('follows a new snapshot while open, keeping what is open and active', async () => {
    const live = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);
    const element = await tree({}, live);
    await activate(element, aarhusCardiologyWard.sorCode);
    live.replaceUnits(
      SMALL_REGISTER.map((unit) =>
        unit.sorCode === aarhusCardiology.sorCode ? { ...unit, name: 'Hjertesygdomme (ny)' } : unit,
      ),
      { snapshotId: 'next', sourceDate: '2026-11-02' },
    );
    await element.updateComplete;
    expect(nameOf(row(element, aarhusCardiology.sorCode)!)).to.equal('Hjertesygdomme (ny)');
    expect(activeName(element)).to.equal(aarhusCardiologyWard.name);
    const selected = oneEvent(element, 'sor-select');
    await press(element, 'Enter');
    expect((await selected).detail.snapshot.id).to.equal('next');
  });

  it('renders only the rows in view of a large, fully open tree', async () => {
    const big = SorCatalog.fromUnits(clonedRegister({ copies: 60 }), SMALL_REGISTER_INFO);
    const element = await tree({}, big);
    element.expandAll();
    await element.updateComplete;
    expect(rows(element).length).to.be.lessThan(60);
    element.focus();
    await press(element, 'End');
    const last = activeRow(element)!;
    expect(last).not.to.equal(null);
    expect(Number(last.getAttribute('aria-posinset'))).to.equal(Number(last.getAttribute('aria-setsize')));
    await press(element, 'Home');
    expect(activeRow(element)!.getAttribute('aria-posinset')).to.equal('1');
    await expect(element).to.be.accessible();
  });

  it('shows a name containing markup as text', async () => {
    const hostile = {
      ...rigshospitalet,
      sorCode: '91000016008',
      parentCode: null,
      kind: 'IE' as const,
      name: '<img src=x onerror=alert(1)> Ejer <script>x</script>',
    };
    const element = await tree({}, SorCatalog.fromUnits([...SMALL_REGISTER, hostile], SMALL_REGISTER_INFO));
    const hostileRow = row(element, hostile.sorCode)!;
    expect(hostileRow.querySelector('img, script')).to.equal(null);
    expect(nameOf(hostileRow)).to.equal(hostile.name);
  });

  it('speaks Danish under lang="da"', async () => {
    const element = await tree({ lang: 'da', 'selectable-levels': 'Afsnit' });
    expect(root(element).querySelector('label')!.textContent).to.equal('Filtrér hierarkiet');
    expect(treeEl(element).getAttribute('aria-label')).to.equal('SOR-hierarki');
    expect(root(element).querySelector('.note')!.textContent).to.equal(
      'Kun enheder på niveau Afsnit kan vælges.',
    );
    await expect(element).to.be.accessible();
  });
});
