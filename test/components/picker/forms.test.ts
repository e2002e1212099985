import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type * as Axe from 'axe-core';
import { SorCatalog } from '../../../src/catalog/catalog.js';
import type { SorOptionRenderer, SorPicker } from '../../../src/components/picker/picker.js';
import '../../../src/define/sor-picker.js';
import { expectRequiredBlocksSubmit, inForm as inFormOf, mount } from '../form-fixture.js';
import type { SorSearchOptions } from '../../../src/search/types.js';
import { clonedRegister } from '../../fixtures/cloned-register.js';
import {
  SMALL_REGISTER,
  SMALL_REGISTER_INFO,
  aarhusCardiologyWard,
  odense,
  rigshospitalet,
} from '../../fixtures/small-register.js';
import { smallCatalog } from '../../fixtures/small-catalog.js';

const catalog = smallCatalog();

const root = (element: SorPicker) => element.shadowRoot!;
const input = (element: SorPicker) => root(element).querySelector('input')!;
const options = (element: SorPicker) => [...root(element).querySelectorAll<HTMLElement>('[role="option"]')];
const chips = (element: SorPicker) => [...root(element).querySelectorAll<HTMLButtonElement>('[part="chip"]')];
const status = (element: SorPicker) => root(element).querySelector('[role="status"]')!.textContent!.trim();
const message = (element: SorPicker) => root(element).querySelector('.message')?.textContent?.trim();

const inForm = (element: ReturnType<typeof html>) => inFormOf<SorPicker>('sor-picker', element);
// An English picker in a form, holding `value` (codes separated by spaces) under `name`.
const holding = (value: string, { name = 'unit', multiple = false, readonly = false } = {}) =>
  inForm(
    html`<sor-picker
      lang="en"
      name=${name}
      ?multiple=${multiple}
      ?readonly=${readonly}
      value=${value}
      .catalog=${catalog}
    ></sor-picker>`,
  );

async function typeAndWait(element: SorPicker, text: string) {
  element.focus();
  await sendKeys({ type: text });
  await waitUntil(() => options(element).length > 0, `no results for ${text}`);
}

// Types a query and chooses the first option with the keyboard.
async function pickFirst(element: SorPicker, text: string) {
  await typeAndWait(element, text);
  const selected = oneEvent(element, 'sor-select');
  await sendKeys({ press: 'ArrowDown' });
  await sendKeys({ press: 'Enter' });
  await selected;
  await element.updateComplete;
}

async function shiftTab() {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

// The accessible name as axe computes it (the accname algorithm, across shadow roots): the
// test runner's Chromium launcher has no accessibility-tree command.
async function accessibleName(element: Element): Promise<string> {
  // The UMD build registers `window.axe`, as chai-a11y-axe loads it; only the main entry is typed.
  // @ts-expect-error -- no declaration file for axe.min.js
  await import('axe-core/axe.min.js');
  const axe = (window as unknown as { axe: typeof Axe }).axe;
  axe.setup(document);
  try {
    return axe.commons.text.accessibleText(element);
  } finally {
    axe.teardown();
  }
}

// Counts the searches a catalog runs, so debounce and min-chars can be seen to hold them back.
function countingCatalog(): { source: SorCatalog; queries: string[] } {
  const source = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);
  const queries: string[] = [];
  const search = source.search.bind(source);
  source.search = (query: string, options?: SorSearchOptions) => {
    queries.push(query);
    return search(query, options);
  };
  return { source, queries };
}

describe('<sor-picker> in a form', () => {
  it('submits the chosen SOR code under its name', async () => {
    const { form, element } = await inForm(
      html`<sor-picker lang="en" name="unit" .catalog=${catalog}></sor-picker>`,
    );
    expect(new FormData(form).getAll('unit')).to.deep.equal([]);
    await pickFirst(element, 'rigshosp');
    expect(new FormData(form).getAll('unit')).to.deep.equal([rigshospitalet.sorCode]);
    expect(element.form).to.equal(form);
    await expect(element).to.be.accessible();
  });

  it('submits a preselected value before any user action', async () => {
    const { form } = await inForm(
      html`<sor-picker name="unit" value=${odense.sorCode} .catalog=${catalog}></sor-picker>`,
    );
    expect(new FormData(form).get('unit')).to.equal(odense.sorCode);
  });

  it('blocks submit when required and empty, with a localised message at the input', async () => {
    const { form, element } = await inForm(
      html`<sor-picker lang="en" name="unit" required .catalog=${catalog}></sor-picker>`,
    );
    expect(element.validity.valueMissing).to.equal(true);
    const submitted = await expectRequiredBlocksSubmit(
      form,
      element,
      () => input(element),
      'Choose a SOR unit.',
    );

    await pickFirst(element, 'odense');
    expect(element.checkValidity()).to.equal(true);
    expect(root(element).querySelector('#invalid')).to.equal(null);
    form.requestSubmit();
    expect(submitted()).to.equal(true);
  });

  it('says the required message in Danish under lang="da", and reportValidity works', async () => {
    const { element } = await inForm(
      html`<sor-picker lang="da" name="unit" required .catalog=${catalog}></sor-picker>`,
    );
    expect(element.reportValidity()).to.equal(false);
    expect(element.validationMessage).to.equal('Vælg en SOR-enhed.');
    await element.updateComplete;
    expect(root(element).querySelector('#invalid')!.textContent).to.equal('Vælg en SOR-enhed.');
  });

  it('takes a vendor override of the required message', async () => {
    const { element } = await inForm(
      html`<sor-picker
        name="unit"
        required
        .strings=${{ required: 'Vælg afsender' }}
        .catalog=${catalog}
      ></sor-picker>`,
    );
    expect(element.validationMessage).to.equal('Vælg afsender');
  });

  it('restores the initial value on form reset', async () => {
    const { form, element } = await holding(rigshospitalet.sorCode);
    input(element).select();
    await pickFirst(element, 'odense');
    expect(new FormData(form).get('unit')).to.equal(odense.sorCode);
    form.reset();
    await element.updateComplete;
    expect(element.value).to.equal(rigshospitalet.sorCode);
    expect(input(element).value).to.equal(rigshospitalet.name);
    expect(new FormData(form).get('unit')).to.equal(rigshospitalet.sorCode);
  });

  it('restores its state after navigation, as the browser hands it back, without events', async () => {
    const { element: before } = await inForm(
      html`<sor-picker lang="en" name="unit" multiple .catalog=${catalog}></sor-picker>`,
    );
    await pickFirst(before, 'rigshosp');
    await pickFirst(before, 'odense');
    // The state the picker gave `setFormValue` is its value; the browser passes it back as is.
    const state = before.value;

    const { form, element } = await inForm(
      html`<sor-picker lang="en" name="unit" multiple .catalog=${catalog}></sor-picker>`,
    );
    let fired = false;
    element.addEventListener('sor-select', () => (fired = true));
    element.addEventListener('change', () => (fired = true));
    element.formStateRestoreCallback(state);
    await element.updateComplete;
    expect(new FormData(form).getAll('unit')).to.deep.equal([rigshospitalet.sorCode, odense.sorCode]);
    expect(chips(element).map((chip) => chip.textContent!.trim())).to.deep.equal([
      `${rigshospitalet.name}×`,
      `${odense.name}×`,
    ]);
    expect(fired).to.equal(false);
  });

  it('is not submitted and cannot be used inside a disabled fieldset, or when disabled', async () => {
    const form = await mount(
      html`<form>
        <fieldset disabled>
          <sor-picker name="a" value=${odense.sorCode} .catalog=${catalog}></sor-picker>
        </fieldset>
        <sor-picker name="b" disabled value=${odense.sorCode} .catalog=${catalog}></sor-picker>
      </form>`,
    );
    const [inFieldset, disabled] = [...form.querySelectorAll<SorPicker>('sor-picker')];
    await inFieldset.updateComplete;
    await disabled.updateComplete;
    expect(input(inFieldset).disabled).to.equal(true);
    expect(input(disabled).disabled).to.equal(true);
    expect([...new FormData(form).keys()]).to.deep.equal([]);
    await expect(inFieldset).to.be.accessible();

    form.querySelector('fieldset')!.disabled = false;
    await inFieldset.updateComplete;
    expect(input(inFieldset).disabled).to.equal(false);
    expect(new FormData(form).get('a')).to.equal(odense.sorCode);
  });

  it('submits but cannot change a read-only value', async () => {
    const { form, element } = await holding(odense.sorCode, { readonly: true });
    element.focus();
    await sendKeys({ type: 'rigs' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(input(element).readOnly).to.equal(true);
    expect(input(element).value).to.equal(odense.name);
    expect(new FormData(form).get('unit')).to.equal(odense.sorCode);
    await expect(element).to.be.accessible();
  });
});

describe('<sor-picker multiple>', () => {
  it('submits every chosen code as a repeated field, firing sor-select per choice', async () => {
    const { form, element } = await inForm(
      html`<sor-picker lang="en" name="units" multiple .catalog=${catalog}></sor-picker>`,
    );
    const chosen: string[] = [];
    element.addEventListener('sor-select', (event) => chosen.push(event.detail?.sorCode ?? 'cleared'));
    await pickFirst(element, 'rigshosp');
    expect(input(element).value).to.equal('');
    await pickFirst(element, 'odense');
    expect(chosen).to.deep.equal([rigshospitalet.sorCode, odense.sorCode]);
    expect(new FormData(form).getAll('units')).to.deep.equal([rigshospitalet.sorCode, odense.sorCode]);
    expect(element.value).to.equal(`${rigshospitalet.sorCode} ${odense.sorCode}`);
    expect(element.selections.map((selection) => selection.sorCode)).to.deep.equal(chosen);
    expect(chips(element).map((chip) => chip.getAttribute('aria-label'))).to.deep.equal([
      `Remove ${rigshospitalet.name}`,
      `Remove ${odense.name}`,
    ]);
    await expect(element).to.be.accessible();
  });

  it('removes chips with the keyboard only: Backspace in the empty input, Delete and Enter on a chip', async () => {
    const { form, element } = await inForm(
      html`<sor-picker lang="da" name="units" multiple .catalog=${catalog}></sor-picker>`,
    );
    await pickFirst(element, 'rigshosp');
    await pickFirst(element, 'odense');
    await pickFirst(element, aarhusCardiologyWard.sorCode);
    expect(chips(element)).to.have.length(3);
    expect(chips(element)[0].getAttribute('aria-label')).to.equal(`Fjern ${rigshospitalet.name}`);

    let changes = 0;
    element.addEventListener('change', () => changes++);
    // Backspace in the empty input removes the last chip; focus stays in the input.
    await sendKeys({ press: 'Backspace' });
    await element.updateComplete;
    expect(chips(element)).to.have.length(2);
    expect(root(element).activeElement).to.equal(input(element));
    expect(status(element)).to.equal(`${aarhusCardiologyWard.name} er fjernet`);

    // Shift+Tab reaches the chips; Delete removes the focused one and focus moves to the next.
    await shiftTab();
    expect(root(element).activeElement).to.equal(chips(element)[1]);
    await shiftTab();
    expect(root(element).activeElement).to.equal(chips(element)[0]);
    await sendKeys({ press: 'Delete' });
    await element.updateComplete;
    expect(chips(element).map((chip) => chip.getAttribute('aria-label'))).to.deep.equal([
      `Fjern ${odense.name}`,
    ]);
    expect(root(element).activeElement).to.equal(chips(element)[0]);

    // Enter on the last chip (a button) removes it; focus falls back to the input.
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(chips(element)).to.have.length(0);
    expect(root(element).activeElement).to.equal(input(element));
    expect(changes).to.equal(3);
    expect(new FormData(form).getAll('units')).to.deep.equal([]);
    await expect(element).to.be.accessible();
  });

  it('does not remove chips when read-only', async () => {
    const { element } = await holding(`${rigshospitalet.sorCode} ${odense.sorCode}`, {
      name: 'units',
      multiple: true,
      readonly: true,
    });
    expect(chips(element).every((chip) => chip.disabled)).to.equal(true);
    element.focus();
    await sendKeys({ press: 'Backspace' });
    expect(chips(element)).to.have.length(2);
  });
});

describe('<sor-picker> result list', () => {
  it('waits for min-chars, and says how many are needed', async () => {
    const { source, queries } = countingCatalog();
    const element = await fixture<SorPicker>(
      html`<sor-picker lang="en" min-chars="3" .catalog=${source}></sor-picker>`,
    );
    element.focus();
    await sendKeys({ type: 'ri' });
    await element.updateComplete;
    expect(message(element)).to.equal('Type at least 3 characters');
    expect(status(element)).to.equal('Type at least 3 characters');
    expect(queries.filter((query) => query.trim().length > 0 && query.trim().length < 3)).to.deep.equal([]);
    await sendKeys({ type: 'g' });
    await waitUntil(() => options(element).length > 0);
    expect(options(element)[0].querySelector('.name')!.textContent).to.equal('Rigshospitalet');
  });

  it('with debounce, searches once for a burst of keystrokes and says it is searching meanwhile', async () => {
    const { source, queries } = countingCatalog();
    const element = await fixture<SorPicker>(
      html`<sor-picker lang="en" debounce="200" .catalog=${source}></sor-picker>`,
    );
    element.focus();
    await sendKeys({ type: 'odense' });
    await element.updateComplete;
    expect(message(element)).to.equal('Searching …');
    await waitUntil(() => options(element).length > 0);
    expect(queries).to.deep.equal(['odense']);
    expect(status(element)).to.match(/^\d+ results?$/);
  });

  it('without debounce, searches on every keystroke', async () => {
    const { source, queries } = countingCatalog();
    const element = await fixture<SorPicker>(html`<sor-picker lang="en" .catalog=${source}></sor-picker>`);
    await typeAndWait(element, 'odense');
    expect(queries.length).to.be.greaterThan(1);
  });

  it('groups results by institution in named groups, and the keys follow the order shown', async () => {
    const element = await fixture<SorPicker>(
      html`<sor-picker lang="en" group-by="institution" .catalog=${catalog}></sor-picker>`,
    );
    await typeAndWait(element, 'akut');
    const groups = [...root(element).querySelectorAll('[role="listbox"] [role="group"]')];
    expect(groups.length).to.be.greaterThan(1);
    for (const group of groups) {
      const institution = group.getAttribute('aria-label')!;
      expect(group.querySelector('.group-label')!.textContent).to.equal(institution);
      for (const option of group.querySelectorAll('[role="option"]')) {
        const sorCode = option.querySelector('.code')!.textContent!.match(/\d{11,18}/)![0];
        const path = [...catalog.ancestors(sorCode), catalog.get(sorCode)!].map((step) => step.name);
        expect(path, sorCode).to.include(institution);
      }
    }
    // Option ids run in the order shown, so ArrowDown walks down the list group by group.
    expect(options(element).map((option) => option.id)).to.deep.equal(
      options(element).map((_, i) => `option-${i}`),
    );
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(input(element).getAttribute('aria-activedescendant')).to.equal(options(element)[1].id);
    await expect(element).to.be.accessible();
  });

  it('windows hundreds of results, and renders the active option before pointing at it', async () => {
    const big = SorCatalog.fromUnits(clonedRegister({ copies: 40 }), SMALL_REGISTER_INFO);
    const element = await fixture<SorPicker>(
      html`<sor-picker lang="en" max-results="400" .catalog=${big}></sor-picker>`,
    );
    await typeAndWait(element, 'sengeafsnit');
    const total = Number(options(element)[0].getAttribute('aria-setsize'));
    expect(total).to.be.greaterThan(100);
    expect(options(element).length).to.be.lessThan(60);
    expect(status(element)).to.equal(`${total} results`);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'End' });
    await element.updateComplete;
    const id = input(element).getAttribute('aria-activedescendant')!;
    expect(id).to.equal(`option-${total - 1}`);
    const last = root(element).getElementById(id)!;
    expect(last.getAttribute('aria-posinset')).to.equal(String(total));
    expect(last.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'Home' });
    await element.updateComplete;
    expect(root(element).getElementById(input(element).getAttribute('aria-activedescendant')!)).to.not.equal(
      null,
    );
    await expect(element).to.be.accessible();
  });

  it('windows a grouped list too: every rendered option sits in a named group', async () => {
    const big = SorCatalog.fromUnits(clonedRegister({ copies: 40 }), SMALL_REGISTER_INFO);
    const element = await fixture<SorPicker>(
      html`<sor-picker lang="en" group-by="institution" max-results="400" .catalog=${big}></sor-picker>`,
    );
    await typeAndWait(element, 'sengeafsnit');
    expect(options(element).length).to.be.lessThan(60);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'End' });
    await element.updateComplete;
    const active = root(element).getElementById(input(element).getAttribute('aria-activedescendant')!)!;
    expect(active.getAttribute('aria-selected')).to.equal('true');
    for (const option of options(element)) {
      expect(option.parentElement!.getAttribute('role')).to.equal('group');
      expect(option.parentElement!.getAttribute('aria-label')).to.not.equal(null);
    }
    await expect(element).to.be.accessible();
  });

  it('names an option by the whole unit name even though the match is marked', async () => {
    const element = await fixture<SorPicker>(html`<sor-picker lang="en" .catalog=${catalog}></sor-picker>`);
    await typeAndWait(element, 'rigshosp');
    expect(options(element)[0].querySelector('mark')!.textContent).to.equal('Rigshosp');
    const name = await accessibleName(options(element)[0]);
    expect(name.startsWith(`${rigshospitalet.name} `)).to.equal(true, name);
  });

  it('draws a vendor renderer’s row (with the EAN), named from it and still accessible', async () => {
    const renderOption: SorOptionRenderer = (unit, context) =>
      html`<span class="name">${context.name}</span> <span class="ean">EAN ${unit.ean ?? '–'}</span>`;
    const element = await fixture<SorPicker>(
      html`<sor-picker lang="en" .renderOption=${renderOption} .catalog=${catalog}></sor-picker>`,
    );
    await typeAndWait(element, 'rigshosp');
    const first = options(element)[0];
    expect(first.querySelector('.ean')!.textContent).to.equal(`EAN ${rigshospitalet.ean ?? '–'}`);
    expect(first.querySelector('mark')!.textContent).to.equal('Rigshosp');
    expect(await accessibleName(first)).to.equal(`${rigshospitalet.name} EAN ${rigshospitalet.ean ?? '–'}`);
    await expect(element).to.be.accessible();
    const selected = oneEvent(element, 'sor-select');
    first.click();
    expect((await selected).detail.sorCode).to.equal(rigshospitalet.sorCode);
  });

  it('a name with markup stays text in a custom row too', async () => {
    const hostile = {
      ...rigshospitalet,
      sorCode: '91000016008',
      name: '<b>Rigsklinik</b><script>x</script>',
    };
    const source = SorCatalog.fromUnits([...SMALL_REGISTER, hostile], SMALL_REGISTER_INFO);
    const element = await fixture<SorPicker>(
      html`<sor-picker
        lang="en"
        .renderOption=${((_, context) => context.name) as SorOptionRenderer}
        .catalog=${source}
      ></sor-picker>`,
    );
    await typeAndWait(element, 'rigsklinik');
    const option = options(element).find((o) => o.textContent!.includes('Rigsklinik'))!;
    expect(option.querySelector('b, script')).to.equal(null);
    expect(option.textContent!.trim()).to.equal(hostile.name);
  });

  it('says the catalog is syncing while it has no data yet', async () => {
    const pending = new SorCatalog();
    Object.defineProperty(pending, 'status', { value: { state: 'syncing', lastError: null } });
    const element = await fixture<SorPicker>(html`<sor-picker lang="en" .catalog=${pending}></sor-picker>`);
    element.focus();
    await sendKeys({ type: 'rigs' });
    await element.updateComplete;
    expect(message(element)).to.equal('Downloading SOR data …');
    expect(status(element)).to.equal('Downloading SOR data …');
    await expect(element).to.be.accessible();
  });

  it('lays out right to left under dir="rtl"', async () => {
    const element = await fixture<SorPicker>(
      html`<sor-picker
        dir="rtl"
        lang="en"
        multiple
        value=${odense.sorCode}
        .catalog=${catalog}
      ></sor-picker>`,
    );
    await typeAndWait(element, 'akut');
    const option = options(element)[0];
    const name = option.querySelector('.name')!.getBoundingClientRect();
    const meta = option.querySelector('.meta')!.getBoundingClientRect();
    // The name starts at the right edge; the level and code sit to its left.
    expect(meta.right).to.be.lessThan(name.left + 1);
    expect(getComputedStyle(option).borderRightWidth).to.equal('3px');
    await expect(element).to.be.accessible();
  });
});
