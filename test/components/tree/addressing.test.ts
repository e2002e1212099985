// <sor-tree purpose="addressing">: every unit stays in the tree (ancestors lead to their children);
// the units that cannot receive MedCom messages are disabled with the reason (issue 16, item 3).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { SorCatalog } from '../../../src/catalog/catalog.js';
import type { SorTree } from '../../../src/components/tree/tree.js';
import '../../../src/define/sor-tree.js';
import {
  SMALL_REGISTER,
  SMALL_REGISTER_INFO,
  aarhus,
  aarhusCardiology,
  aarhusCardiologyWard,
  aarhusEmergency,
  gpPractice,
  koegeSundhed,
  unitNamed,
} from '../../fixtures/small-register.js';
import { inForm } from '../form-fixture.js';
import { activate, press } from './tree-keys.js';

const AS_OF = '2026-11-26';
const catalog = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);

async function tree(attributes: { lang?: string; value?: string } = {}, source = catalog): Promise<SorTree> {
  const element = await fixture<SorTree>(
    html`<sor-tree
      lang=${attributes.lang ?? 'en'}
      purpose="addressing"
      as-of=${AS_OF}
      value=${attributes.value ?? ''}
      .catalog=${source}
    ></sor-tree>`,
  );
  await element.updateComplete;
  return element;
}

const root = (element: SorTree) => element.shadowRoot!;
const treeEl = (element: SorTree) => root(element).querySelector<HTMLElement>('[role="tree"]')!;
const rows = (element: SorTree) => [...root(element).querySelectorAll<HTMLElement>('[role="treeitem"]')];
const row = (element: SorTree, sorCode: string) =>
  root(element).querySelector<HTMLElement>(`#row-${sorCode}`)!;
const hint = (element: SorTree, sorCode: string) =>
  row(element, sorCode).querySelector('.hint')?.textContent?.trim();
const status = (element: SorTree) => root(element).querySelector('[role="status"]')!.textContent!.trim();
const activeId = (element: SorTree) => treeEl(element).getAttribute('aria-activedescendant');

async function filter(element: SorTree, text: string) {
  const input = root(element).querySelector<HTMLInputElement>('input')!;
  input.value = text;
  input.dispatchEvent(
    new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true, composed: true }),
  );
}

describe('<sor-tree purpose="addressing">', () => {
  it('keeps every unit; those that cannot receive are disabled with the reason and still open', async () => {
    const element = await tree();
    expect(root(element).querySelector('#note')!.textContent).to.equal(
      'Only units that can receive MedCom messages can be chosen.',
    );
    const owners = SMALL_REGISTER.filter((unit) => unit.kind === 'IE');
    expect(rows(element)).to.have.length(owners.length);
    const region = unitNamed('Region Midtjylland');
    const regionRow = row(element, region.sorCode);
    expect(regionRow.getAttribute('aria-disabled')).to.equal('true');
    expect(regionRow.getAttribute('aria-describedby')).to.equal('note');
    expect(regionRow.hasAttribute('aria-selected')).to.equal(false);
    expect(hint(element, region.sorCode)).to.equal('no EAN number');
    // An ancestor that cannot receive still leads to its children.
    expect(regionRow.getAttribute('aria-expanded')).to.equal('false');

    await activate(element, aarhusCardiologyWard.sorCode);
    expect(hint(element, aarhus.sorCode)).to.equal(`EAN ${aarhus.ean} (own) · EDI system: Lægesystem`);
    expect(hint(element, aarhusCardiologyWard.sorCode)).to.equal(
      `EAN ${aarhusCardiology.ean} (inherited) · EDI system: Lægesystem`,
    );
    expect(row(element, aarhusCardiologyWard.sorCode).hasAttribute('aria-disabled')).to.equal(false);
    expect(row(element, aarhusEmergency.sorCode).getAttribute('aria-disabled')).to.equal('true');
    expect(hint(element, aarhusEmergency.sorCode)).to.equal('the EAN number is inactive');
    await activate(element, unitNamed('Sundhedsplejen Køge').sorCode);
    expect(hint(element, koegeSundhed.sorCode)).to.equal('the EAN number receives internal messages only');
    await expect(element).to.be.accessible();
  });

  it('says it in Danish', async () => {
    const element = await tree({ lang: 'da' });
    await activate(element, aarhusCardiologyWard.sorCode);
    expect(root(element).querySelector('#note')!.textContent).to.equal(
      'Kun enheder, der kan modtage MedCom-beskeder, kan vælges.',
    );
    expect(hint(element, aarhusCardiologyWard.sorCode)).to.equal(
      `EAN ${aarhusCardiology.ean} (arvet) · EDI-system: Lægesystem`,
    );
    expect(hint(element, aarhusEmergency.sorCode)).to.equal('EAN-nummeret er inaktivt');
    await expect(element).to.be.accessible();
  });

  it('with the keyboard: Enter on a unit that cannot receive chooses nothing and says why; on one that can, sor-select carries the addressing', async () => {
    const element = await tree();
    let fired = 0;
    element.addEventListener('sor-select', () => fired++);
    await activate(element, aarhusEmergency.sorCode);
    await press(element, 'Enter');
    await press(element, ' ');
    expect(fired).to.equal(0);
    expect(element.value).to.equal('');
    expect(status(element)).to.equal(
      'Akutafdelingen cannot be chosen: cannot receive MedCom messages (the EAN number is inactive)',
    );
    // The ward inherits the active EAN of its afdeling.
    await activate(element, aarhusCardiologyWard.sorCode);
    expect(activeId(element)).to.equal(`row-${aarhusCardiologyWard.sorCode}`);
    const selected = oneEvent(element, 'sor-select');
    await press(element, 'Enter');
    const { detail } = await selected;
    expect(detail!.sorCode).to.equal(aarhusCardiologyWard.sorCode);
    const expected = catalog.addressOf(aarhusCardiologyWard.sorCode, AS_OF);
    expect(detail!.addressing).to.deep.equal(expected.ok ? expected.addressing : null);
    expect(detail!.addressing!.inherited).to.equal(true);
    expect(row(element, aarhusCardiologyWard.sorCode).getAttribute('aria-selected')).to.equal('true');
    await expect(element).to.be.accessible();
  });

  it('a click on a unit that cannot receive chooses nothing', async () => {
    const element = await tree();
    let fired = 0;
    element.addEventListener('sor-select', () => fired++);
    await activate(element, koegeSundhed.sorCode);
    row(element, koegeSundhed.sorCode).click();
    await element.updateComplete;
    expect(fired).to.equal(0);
    expect(element.selection).to.equal(null);
    await activate(element, gpPractice.sorCode);
    const selected = oneEvent(element, 'sor-select');
    row(element, gpPractice.sorCode).click();
    expect((await selected).detail!.addressing!.ean).to.equal(gpPractice.ean);
  });

  it('the filter finds only units that can receive; a pasted EAN finds every unit receiving at it', async () => {
    const element = await tree();
    await filter(element, 'akutafdelingen');
    await waitUntil(() =>
      rows(element).some((r) => r.id === `row-${unitNamed('Akutafdelingen', 'Rigshospitalet').sorCode}`),
    );
    expect(root(element).querySelector(`#row-${aarhusEmergency.sorCode}`)).to.equal(null);

    await filter(element, aarhusCardiology.ean!);
    const receiving = catalog.unitsReceivingAt(aarhusCardiology.ean!);
    await waitUntil(() =>
      receiving.every((unit) => root(element).querySelector(`#row-${unit.sorCode}`) !== null),
    );
    expect(activeId(element)).to.equal(`row-${aarhusCardiology.sorCode}`);
    expect(status(element)).to.equal('3 units found');

    await filter(element, aarhusEmergency.ean!);
    await waitUntil(() => rows(element).length === 0, 'rows still shown');
    await element.updateComplete;
    expect(root(element).querySelector('.message')!.textContent).to.equal(
      `EAN ${aarhusEmergency.ean} cannot be chosen: cannot receive MedCom messages (the EAN number is inactive)`,
    );
    await expect(element).to.be.accessible();
  });

  it('refuses a programmatic or restored value that cannot receive, with a validity message', async () => {
    const { form, element } = await inForm<SorTree>(
      'sor-tree',
      html`<sor-tree name="to" lang="en" purpose="addressing" as-of=${AS_OF} .catalog=${catalog}></sor-tree>`,
    );
    let fired = 0;
    element.addEventListener('sor-select', () => fired++);
    element.value = unitNamed('Sundhedsplejen Køge').sorCode;
    await element.updateComplete;
    expect(element.invalid).to.equal(true);
    expect(element.validity.badInput).to.equal(true);
    expect(element.validationMessage).to.equal(
      'Sundhedsplejen Køge cannot be chosen: cannot receive MedCom messages (the EAN number receives internal messages only)',
    );
    expect(root(element).querySelector('#invalid')!.textContent).to.equal(element.validationMessage);
    expect(treeEl(element).getAttribute('aria-invalid')).to.equal('true');
    expect(new FormData(form).get('to')).to.equal(null);

    element.formStateRestoreCallback(aarhusCardiologyWard.sorCode);
    await element.updateComplete;
    expect(element.invalid).to.equal(false);
    expect(element.selection!.addressing!.owner.sorCode).to.equal(aarhusCardiology.sorCode);
    expect(new FormData(form).get('to')).to.equal(aarhusCardiologyWard.sorCode);

    element.formStateRestoreCallback(aarhusEmergency.sorCode);
    await element.updateComplete;
    expect(element.invalid).to.equal(true);
    expect(element.selection).to.equal(null);
    expect(new FormData(form).get('to')).to.equal(null);
    expect(fired).to.equal(0);
  });

  it('a snapshot without EDI data refuses every unit with an EAN, saying the data lacks it', async () => {
    const bare = SorCatalog.fromUnits(
      SMALL_REGISTER.map((unit) => ({ ...unit, eanEntity: null })),
      SMALL_REGISTER_INFO,
    );
    const element = await tree({}, bare);
    await activate(element, gpPractice.sorCode);
    expect(row(element, gpPractice.sorCode).getAttribute('aria-disabled')).to.equal('true');
    expect(hint(element, gpPractice.sorCode)).to.equal("the SOR data lacks the EAN number's EDI details");
  });
});
