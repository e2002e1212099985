import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SorTree } from '../../../src/components/tree/tree.js';
import '../../../src/define/sor-tree.js';
import { expectRequiredBlocksSubmit, inForm as inFormOf, mount } from '../form-fixture.js';
import { odense, rigshospitalet } from '../../fixtures/small-register.js';
import { AS_OF, smallCatalog } from '../../fixtures/small-catalog.js';

const catalog = smallCatalog();

const root = (element: SorTree) => element.shadowRoot!;
const treeEl = (element: SorTree) => root(element).querySelector<HTMLElement>('[role="tree"]')!;

const inForm = (element: ReturnType<typeof html>) => inFormOf<SorTree>('sor-tree', element);
// An English tree in a form, on AS_OF, holding `value` under the name "unit".
const holding = (value: string, { readonly = false } = {}) =>
  inForm(
    html`<sor-tree
      lang="en"
      as-of=${AS_OF}
      name="unit"
      ?readonly=${readonly}
      value=${value}
      .catalog=${catalog}
    ></sor-tree>`,
  );

// Chooses a unit with the keyboard: reveal it, then Enter on the tree.
async function chooseWithKeyboard(element: SorTree, sorCode: string) {
  element.reveal(sorCode);
  element.focus();
  await element.updateComplete;
  const selected = oneEvent(element, 'sor-select');
  await sendKeys({ press: 'Enter' });
  await selected;
  await element.updateComplete;
}

describe('<sor-tree> in a form', () => {
  it('submits the chosen SOR code under its name', async () => {
    const { form, element } = await inForm(
      html`<sor-tree lang="en" as-of=${AS_OF} name="unit" .catalog=${catalog}></sor-tree>`,
    );
    expect(new FormData(form).get('unit')).to.equal(null);
    await chooseWithKeyboard(element, odense.sorCode);
    expect(new FormData(form).get('unit')).to.equal(odense.sorCode);
    expect(element.form).to.equal(form);
  });

  it('blocks submit when required and empty, with a localised message at the tree', async () => {
    const { form, element } = await inForm(
      html`<sor-tree lang="da" as-of=${AS_OF} name="unit" required .catalog=${catalog}></sor-tree>`,
    );
    const submitted = await expectRequiredBlocksSubmit(
      form,
      element,
      () => treeEl(element),
      'Vælg en SOR-enhed.',
    );

    await chooseWithKeyboard(element, rigshospitalet.sorCode);
    expect(element.reportValidity()).to.equal(true);
    expect(root(element).querySelector('#invalid')).to.equal(null);
    form.requestSubmit();
    expect(submitted()).to.equal(true);
  });

  it('restores the initial value on reset, and a state after navigation', async () => {
    const { form, element } = await holding(rigshospitalet.sorCode);
    await chooseWithKeyboard(element, odense.sorCode);
    form.reset();
    await element.updateComplete;
    expect(element.value).to.equal(rigshospitalet.sorCode);
    expect(element.selection?.sorCode).to.equal(rigshospitalet.sorCode);
    expect(new FormData(form).get('unit')).to.equal(rigshospitalet.sorCode);

    let fired = false;
    element.addEventListener('change', () => (fired = true));
    element.formStateRestoreCallback(odense.sorCode);
    await element.updateComplete;
    expect(new FormData(form).get('unit')).to.equal(odense.sorCode);
    expect(element.selection?.sorCode).to.equal(odense.sorCode);
    expect(fired).to.equal(false);
  });

  it('inside a disabled fieldset: out of the tab order, not submitted, choosing nothing', async () => {
    const form = await mount(
      html`<form>
        <fieldset disabled>
          <sor-tree
            lang="en"
            as-of=${AS_OF}
            name="unit"
            value=${odense.sorCode}
            .catalog=${catalog}
          ></sor-tree>
        </fieldset>
      </form>`,
    );
    const element = form.querySelector<SorTree>('sor-tree')!;
    await element.updateComplete;
    expect(treeEl(element).getAttribute('tabindex')).to.equal('-1');
    expect(treeEl(element).getAttribute('aria-disabled')).to.equal('true');
    expect(root(element).querySelector('input')!.disabled).to.equal(true);
    expect([...new FormData(form).keys()]).to.deep.equal([]);
    let fired = false;
    element.addEventListener('sor-select', () => (fired = true));
    root(element).querySelector<HTMLElement>('[role="treeitem"]')!.click();
    expect(fired).to.equal(false);
    await expect(element).to.be.accessible();

    form.querySelector('fieldset')!.disabled = false;
    await element.updateComplete;
    expect(treeEl(element).getAttribute('tabindex')).to.equal('0');
    expect(new FormData(form).get('unit')).to.equal(odense.sorCode);
  });

  it('read-only: browses, submits its value, but Enter chooses nothing', async () => {
    const { form, element } = await holding(odense.sorCode, { readonly: true });
    let fired = false;
    element.addEventListener('sor-select', () => (fired = true));
    element.reveal(rigshospitalet.sorCode);
    element.focus();
    await element.updateComplete;
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(fired).to.equal(false);
    expect(element.value).to.equal(odense.sorCode);
    expect(new FormData(form).get('unit')).to.equal(odense.sorCode);
    await expect(element).to.be.accessible();
  });
});
