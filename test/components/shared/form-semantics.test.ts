// Issue #12 item 5: form semantics a vendor can rely on, for picker and tree alike (they share
// SorFormElement and FormController). Clearing tells `sor-select` listeners (detail null); a value
// that names no unit, or a SHAK several units carry, makes the field invalid and submits nothing;
// a SHAK given with value-type="shak" is submitted as the SOR code it resolved to.
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SorCatalog } from '../../../src/catalog/catalog.js';
import type { SorPicker } from '../../../src/components/picker/picker.js';
import type { SorTree } from '../../../src/components/tree/tree.js';
import '../../../src/define/sor-picker.js';
import '../../../src/define/sor-tree.js';
import type { SorSelection } from '../../../src/model/types.js';
import { inForm } from '../form-fixture.js';
import {
  aarhusCardiologyWard,
  shakSharedA,
  SMALL_REGISTER,
  SMALL_REGISTER_INFO,
} from '../../fixtures/small-register.js';
import { AS_OF, smallCatalog } from '../../fixtures/small-catalog.js';

const catalog = smallCatalog();
const UNKNOWN = '99999999999';
// Two units valid on AS_OF carry this SHAK, both Afsnit: only a person can say which one is meant.
const SHARED_SHAK = shakSharedA.shak!;
const sharing = SMALL_REGISTER.filter((unit) => unit.shak === SHARED_SHAK);

const shadow = (element: Element) => element.shadowRoot!;
const input = (element: SorPicker) => shadow(element).querySelector('input')!;
const options = (element: SorPicker) => [...shadow(element).querySelectorAll<HTMLElement>('[role="option"]')];
const shownError = (element: Element) => shadow(element).querySelector('#invalid')?.textContent;
const submitted = (form: HTMLFormElement) => new FormData(form).getAll('unit');

type Kind = 'sor-picker' | 'sor-tree';
async function field(
  kind: Kind,
  attributes: { value: string; valueType?: 'sor' | 'shak'; multiple?: boolean },
  source: SorCatalog = catalog,
) {
  // The same attributes on either element: the form semantics are one contract.
  const element = document.createElement(kind);
  element.setAttribute('lang', 'en');
  element.setAttribute('name', 'unit');
  element.setAttribute('as-of', AS_OF);
  element.setAttribute('value-type', attributes.valueType ?? 'sor');
  element.toggleAttribute('multiple', attributes.multiple ?? false);
  element.setAttribute('value', attributes.value);
  element.catalog = source;
  const mounted = await inForm<SorPicker | SorTree>(kind, html`${element}`);
  await mounted.element.updateComplete;
  return mounted;
}

// A submit the browser would block; with `novalidate` it goes through and posts what FormData has.
function blocksSubmit(form: HTMLFormElement): boolean {
  let sent = false;
  const onSubmit = (event: Event) => {
    event.preventDefault();
    sent = true;
  };
  form.addEventListener('submit', onSubmit);
  form.requestSubmit();
  form.removeEventListener('submit', onSubmit);
  return !sent;
}

for (const kind of ['sor-picker', 'sor-tree'] as const) {
  describe(`<${kind}> form semantics`, () => {
    it('an unknown value is invalid, blocks the submit and is never submitted', async () => {
      const { form, element } = await field(kind, { value: UNKNOWN });
      expect(element.invalid).to.equal(true);
      expect(element.validity.valid).to.equal(false);
      expect(element.validity.badInput).to.equal(true);
      expect(element.checkValidity()).to.equal(false);
      expect(element.validationMessage).to.equal(`No unit has the code ${UNKNOWN}`);
      expect(shownError(element)).to.equal(`No unit has the code ${UNKNOWN}`);
      expect(blocksSubmit(form)).to.equal(true);
      // A form that skips validation still gets nothing that looks like a valid code.
      form.noValidate = true;
      expect(submitted(form)).to.deep.equal([]);
      await expect(element).to.be.accessible();
    });

    it('a valid value set later makes it valid again and is submitted', async () => {
      const { form, element } = await field(kind, { value: UNKNOWN });
      element.value = aarhusCardiologyWard.sorCode;
      await element.updateComplete;
      expect(element.validity.valid).to.equal(true);
      expect(submitted(form)).to.deep.equal([aarhusCardiologyWard.sorCode]);
    });

    it('value-type="shak": the SOR code the SHAK resolved to is submitted, never the SHAK', async () => {
      const { form, element } = await field(kind, { value: aarhusCardiologyWard.shak!, valueType: 'shak' });
      expect(element.validity.valid).to.equal(true);
      expect(submitted(form)).to.deep.equal([aarhusCardiologyWard.sorCode]);
      expect(element.value).to.equal(aarhusCardiologyWard.sorCode);
      expect(element.selection!.sorCode).to.equal(aarhusCardiologyWard.sorCode);
      // A reset brings back the page's SHAK, resolved again.
      form.reset();
      await element.updateComplete;
      expect(submitted(form)).to.deep.equal([aarhusCardiologyWard.sorCode]);
    });

    it('a SHAK several units carry is invalid, names them, and submits nothing', async () => {
      expect(sharing).to.have.length(2);
      const { form, element } = await field(kind, { value: SHARED_SHAK, valueType: 'shak' });
      expect(element.validity.valid).to.equal(false);
      expect(element.validity.badInput).to.equal(true);
      expect(element.checkValidity()).to.equal(false);
      // Named in the order the catalog ranks the carriers.
      const names = catalog
        .byShak(SHARED_SHAK, AS_OF)
        .map((unit) => unit.name)
        .join(', ');
      const message = `SHAK ${SHARED_SHAK} belongs to 2 SOR units: choose the right one (${names}).`;
      expect(element.validationMessage).to.equal(message);
      expect(shownError(element)).to.equal(message);
      expect(element.selection).to.equal(null);
      expect(blocksSubmit(form)).to.equal(true);
      form.noValidate = true;
      expect(submitted(form)).to.deep.equal([]);
      await expect(element).to.be.accessible();
    });

    it('a SHAK is not submitted while the data is still loading, and is resolved once it is', async () => {
      const loading = new SorCatalog();
      const { form, element } = await field(
        kind,
        { value: aarhusCardiologyWard.shak!, valueType: 'shak' },
        loading,
      );
      expect(element.validity.badInput).to.equal(true);
      expect(element.validationMessage).to.equal(
        `SHAK ${aarhusCardiologyWard.shak} is looked up once the SOR data has loaded.`,
      );
      expect(submitted(form)).to.deep.equal([]);
      loading.replaceUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);
      await loading.ready;
      await waitUntil(() => element.validity.valid, 'valid once the data is there');
      expect(submitted(form)).to.deep.equal([aarhusCardiologyWard.sorCode]);
    });
  });
}

describe("<sor-picker> clearing and choosing among a SHAK's units", () => {
  it('Escape after a choice clears it: sor-select with a null detail, change, nothing submitted', async () => {
    const { form, element } = await field('sor-picker', { value: aarhusCardiologyWard.sorCode });
    const picker = element as SorPicker;
    const details: (SorSelection | null)[] = [];
    picker.addEventListener('sor-select', (event) => details.push(event.detail));
    const changed = oneEvent(picker, 'change');
    picker.focus();
    await sendKeys({ press: 'Escape' });
    await changed;
    await picker.updateComplete;
    expect(details).to.deep.equal([null]);
    expect(picker.value).to.equal('');
    expect(picker.selection).to.equal(null);
    expect(input(picker).value).to.equal('');
    expect(submitted(form)).to.deep.equal([]);
    await expect(picker).to.be.accessible();
  });

  it('editing the text of a choice clears it too (once), then a new choice is a SorSelection', async () => {
    const { element } = await field('sor-picker', { value: aarhusCardiologyWard.sorCode });
    const picker = element as SorPicker;
    const details: (string | null)[] = [];
    picker.addEventListener('sor-select', (event) => details.push(event.detail?.sorCode ?? null));
    picker.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await picker.updateComplete;
    expect(details).to.deep.equal([null]);
    await waitUntil(() => options(picker).length > 0);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await picker.updateComplete;
    expect(details).to.have.length(2);
    expect(details[1]).to.be.a('string');
  });

  it('removing the last chip of a multiple picker fires sor-select with null', async () => {
    const { element } = await field('sor-picker', { value: aarhusCardiologyWard.sorCode, multiple: true });
    const details: unknown[] = [];
    element.addEventListener('sor-select', (event) => details.push(event.detail));
    element.focus();
    await sendKeys({ press: 'Backspace' });
    await element.updateComplete;
    expect(details).to.deep.equal([null]);
    expect(element.value).to.equal('');
  });

  it('an ambiguous SHAK stays in the input; the list shows its units and a choice makes the field valid', async () => {
    const { form, element } = await field('sor-picker', { value: SHARED_SHAK, valueType: 'shak' });
    const picker = element as SorPicker;
    expect(input(picker).value).to.equal(SHARED_SHAK);
    expect(input(picker).getAttribute('aria-invalid')).to.equal('true');
    picker.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => options(picker).length >= 2, 'the units carrying the SHAK are listed');
    const listed = options(picker).map((option) => option.querySelector('.name')!.textContent);
    for (const unit of sharing) expect(listed).to.include(unit.name);
    await expect(picker).to.be.accessible();
    const selected = oneEvent(picker, 'sor-select');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    const { detail } = await selected;
    expect(sharing.map((unit) => unit.sorCode)).to.include(detail!.sorCode);
    await picker.updateComplete;
    expect(picker.validity.valid).to.equal(true);
    expect(shownError(picker)).to.equal(undefined);
    expect(submitted(form)).to.deep.equal([detail!.sorCode]);
  });
});

describe("<sor-tree> choosing among a SHAK's units", () => {
  it('a choice by keyboard replaces the ambiguous SHAK and makes the field valid', async () => {
    const { form, element } = await field('sor-tree', { value: SHARED_SHAK, valueType: 'shak' });
    const tree = element as SorTree;
    expect(tree.reveal(sharing[1].sorCode)).to.equal(true);
    tree.focus();
    await tree.updateComplete;
    const selected = oneEvent(tree, 'sor-select');
    await sendKeys({ press: 'Enter' });
    const { detail } = await selected;
    expect(detail!.sorCode).to.equal(sharing[1].sorCode);
    await tree.updateComplete;
    expect(tree.validity.valid).to.equal(true);
    expect(submitted(form)).to.deep.equal([sharing[1].sorCode]);
    await expect(tree).to.be.accessible();
  });
});
