import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SorCatalog } from '../../../src/catalog/catalog.js';
import type { SorPicker } from '../../../src/components/picker/picker.js';
import '../../../src/define/sor-picker.js';
import {
  SMALL_REGISTER,
  SMALL_REGISTER_INFO,
  aarhusCardiology,
  aarhusCardiologyWard,
  koegeRetired,
  koegeSuccessor,
  rigshospitalet,
  unitNamed,
} from '../../fixtures/small-register.js';

const catalog = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);

async function picker(lang = 'en', source: SorCatalog | null = catalog): Promise<SorPicker> {
  const element = await fixture<SorPicker>(html`<sor-picker lang=${lang} .catalog=${source}></sor-picker>`);
  element.focus();
  return element;
}

const input = (element: SorPicker) => element.shadowRoot!.querySelector('input')!;
const options = (element: SorPicker) => [...element.shadowRoot!.querySelectorAll('[role="option"]')];
const optionNames = (element: SorPicker) =>
  options(element).map((o) => o.querySelector('.name')!.textContent);
const message = (element: SorPicker) => element.shadowRoot!.querySelector('.message')?.textContent?.trim();

async function typeAndWait(element: SorPicker, text: string) {
  await sendKeys({ type: text });
  // Settled: options showing, or a final message (not "Searching …" / "Loading …").
  await waitUntil(
    () => options(element).length > 0 || message(element)?.endsWith('…') === false,
    `no results for ${text}`,
  );
}

describe('<sor-picker>', () => {
  it('is an accessible combobox, closed and open', async () => {
    const element = await picker();
    expect(input(element).getAttribute('role')).to.equal('combobox');
    expect(input(element).getAttribute('aria-expanded')).to.equal('false');
    await expect(element).to.be.accessible();
    await typeAndWait(element, 'akut');
    expect(input(element).getAttribute('aria-expanded')).to.equal('true');
    await expect(element).to.be.accessible();
  });

  it('lists Rigshospitalet first for "rigshosp", with its level and SOR code', async () => {
    const element = await picker();
    await typeAndWait(element, 'rigshosp');
    const first = options(element)[0];
    expect(first.querySelector('.name')!.textContent).to.equal('Rigshospitalet');
    expect(first.querySelector('mark')!.textContent).to.equal('Rigshosp');
    expect(first.querySelector('[part="badge"]')!.textContent).to.equal('Hospital');
    expect(first.querySelector('.code')!.textContent).to.contain(rigshospitalet.sorCode);
    expect(first.querySelector('.context')!.textContent).to.equal('Region Hovedstaden');
  });

  it('moves through options with the arrow keys, Home and End, keeping focus in the input', async () => {
    const element = await picker();
    await typeAndWait(element, 'akut');
    const count = options(element).length;
    expect(count).to.be.greaterThan(2);
    const active = () => input(element).getAttribute('aria-activedescendant');
    expect(active()).to.equal(null);
    await sendKeys({ press: 'ArrowDown' });
    expect(active()).to.equal('option-0');
    expect(options(element)[0].getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowDown' });
    expect(active()).to.equal('option-1');
    await sendKeys({ press: 'End' });
    expect(active()).to.equal(`option-${count - 1}`);
    await sendKeys({ press: 'ArrowDown' });
    expect(active()).to.equal('option-0'); // wraps
    await sendKeys({ press: 'ArrowUp' });
    expect(active()).to.equal(`option-${count - 1}`);
    await sendKeys({ press: 'Home' });
    expect(active()).to.equal('option-0');
    expect(element.shadowRoot!.activeElement).to.equal(input(element));
  });

  it('chooses with Enter: fires sor-select with the SorSelection, then change, and closes', async () => {
    const element = await picker();
    const ward = unitNamed('Kardiologisk sengeafs. B1');
    await typeAndWait(element, 'sengeafs. B1');
    const seen: string[] = [];
    element.addEventListener('change', () => seen.push('change'));
    element.addEventListener('sor-select', () => seen.push('sor-select'));
    await sendKeys({ press: 'ArrowDown' });
    const selected = oneEvent(element, 'sor-select');
    await sendKeys({ press: 'Enter' });
    const event = await selected;
    expect(event.detail.sorCode).to.equal(ward.sorCode);
    expect(event.detail.levels.Afdeling?.name).to.equal('Kardiologisk afdeling B');
    expect(event.detail.levels.Hospital?.name).to.equal('Odense Universitetshospital');
    expect(event.detail.identifier).to.deep.equal({
      system: 'urn:oid:1.2.208.176.1.1',
      use: 'official',
      value: ward.sorCode,
    });
    expect(event.bubbles && event.composed).to.equal(true);
    expect(seen).to.deep.equal(['sor-select', 'change']);
    expect(element.value).to.equal(ward.sorCode);
    expect(element.selection?.sorCode).to.equal(ward.sorCode);
    await element.updateComplete;
    expect(input(element).value).to.equal(ward.name);
    expect(input(element).getAttribute('aria-expanded')).to.equal('false');
  });

  it('chooses with the mouse', async () => {
    const element = await picker();
    await typeAndWait(element, 'odense');
    const selected = oneEvent(element, 'sor-select');
    (options(element)[0] as HTMLElement).click();
    expect((await selected).detail.name).to.equal('Odense Universitetshospital');
  });

  it('closes on Escape, clears on a second Escape, and closes on Tab without choosing', async () => {
    const element = await picker();
    await typeAndWait(element, 'akut');
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(input(element).getAttribute('aria-expanded')).to.equal('false');
    expect(input(element).value).to.equal('akut');
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(input(element).value).to.equal('');

    let chosen = false;
    element.addEventListener('sor-select', () => (chosen = true));
    await typeAndWait(element, 'akut');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    await element.updateComplete;
    expect(input(element).getAttribute('aria-expanded')).to.equal('false');
    expect(chosen).to.equal(false);
  });

  it('finds Køge typed as koge or Koege, and a unit by its SHAK code with a hint', async () => {
    for (const query of ['koge', 'Koege']) {
      const element = await picker();
      await typeAndWait(element, query);
      expect(optionNames(element), query).to.include('Sjællands Universitetshospital, Køge');
    }
    const element = await picker();
    await typeAndWait(element, '6620011');
    expect(optionNames(element)[0]).to.equal('Hjertesygdomme, sengeafsnit');
    expect(options(element)[0].querySelector('.hint')!.textContent).to.equal('SHAK 6620011');
  });

  it('says when nothing matches, and is still accessible', async () => {
    const element = await picker();
    await typeAndWait(element, 'xqzvw');
    expect(message(element)).to.equal('No units match “xqzvw”');
    await expect(element).to.be.accessible();
  });

  it('shows a loading state until the catalog is ready, then searches', async () => {
    const pending = new SorCatalog();
    const element = await picker('en', pending);
    await sendKeys({ type: 'rigs' });
    await element.updateComplete;
    expect(message(element)).to.equal('Loading SOR data …');
    pending.replaceUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);
    await waitUntil(() => options(element).length > 0, 'no results after the catalog became ready');
    expect(optionNames(element)[0]).to.equal('Rigshospitalet');
  });

  it('says so when the catalog holds no data', async () => {
    const element = await picker(
      'en',
      SorCatalog.fromUnits([], { snapshotId: 'empty', sourceDate: '2026-11-01' }),
    );
    await sendKeys({ type: 'rigs' });
    await waitUntil(() => message(element) === 'No SOR data loaded');
  });

  it('follows a new snapshot while open', async () => {
    const live = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);
    const element = await picker('en', live);
    await typeAndWait(element, 'rigshosp');
    expect(optionNames(element)[0]).to.equal('Rigshospitalet');
    live.replaceUnits(
      SMALL_REGISTER.map((unit) =>
        unit.sorCode === rigshospitalet.sorCode ? { ...unit, name: 'Rigshospitalet Blegdamsvej' } : unit,
      ),
      { snapshotId: 'next', sourceDate: '2026-11-02' },
    );
    await waitUntil(
      () => optionNames(element)[0] === 'Rigshospitalet Blegdamsvej',
      'the open list did not follow the new snapshot',
    );
  });

  it('shows a preselected value without firing events', async () => {
    let fired = false;
    const element = await fixture<SorPicker>(
      html`<sor-picker
        .catalog=${catalog}
        value=${rigshospitalet.sorCode}
        @sor-select=${() => (fired = true)}
      ></sor-picker>`,
    );
    expect(input(element).value).to.equal('Rigshospitalet');
    expect(element.selection?.sorCode).to.equal(rigshospitalet.sorCode);
    expect(fired).to.equal(false);
  });

  it('shows a name containing markup as text', async () => {
    const hostile = {
      ...rigshospitalet,
      sorCode: '91000016008',
      name: '<img src=x onerror=alert(1)> Rigsklinik <script>x</script>',
    };
    const element = await picker(
      'en',
      SorCatalog.fromUnits([...SMALL_REGISTER, hostile], SMALL_REGISTER_INFO),
    );
    await typeAndWait(element, 'rigsklinik');
    const option = options(element).find((o) => o.textContent!.includes('Rigsklinik'))!;
    expect(option.querySelector('img, script')).to.equal(null);
    expect(option.querySelector('.name')!.textContent).to.equal(hostile.name);
  });

  it('speaks Danish under lang="da"', async () => {
    const element = await picker('da');
    expect(element.shadowRoot!.querySelector('label')!.textContent).to.equal('SOR-enhed');
    await typeAndWait(element, 'xqzvw');
    expect(message(element)).to.equal('Ingen enheder matcher »xqzvw«');
  });

  describe('level rules, validity and preselect', () => {
    async function ruled(attributes: string, value = '') {
      const element = await fixture<SorPicker>(
        html`<sor-picker lang="en" as-of="2026-11-26" value=${value} .catalog=${catalog}></sor-picker>`,
      );
      for (const pair of attributes.split('|').filter(Boolean)) {
        const [name, attr] = pair.split('=');
        element.setAttribute(name, attr ?? '');
      }
      await element.updateComplete;
      element.focus();
      return element;
    }

    it('lists units outside selectable-levels as disabled with a reason, and will not choose them', async () => {
      const element = await ruled('selectable-levels=Afdeling Afsnit');
      expect(element.shadowRoot!.querySelector('#note')!.textContent).to.equal(
        'Only units at level Department or Section can be chosen.',
      );
      expect(input(element).getAttribute('aria-describedby')).to.equal('note');
      await typeAndWait(element, 'Hjertecenter');
      const option = options(element).find((o) => o.querySelector('.name')!.textContent === 'Hjertecenter')!;
      expect(option.getAttribute('aria-disabled')).to.equal('true');
      expect(option.querySelector('.reason')!.textContent).to.equal('wrong level');
      await expect(element).to.be.accessible();
      let fired = false;
      element.addEventListener('sor-select', () => (fired = true));
      (option as HTMLElement).click();
      await element.updateComplete;
      expect(fired).to.equal(false);
      expect(element.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim()).to.equal(
        'Hjertecenter cannot be chosen: wrong level',
      );
    });

    it('resolves a choice to resolve-level and names the unit it came from', async () => {
      const element = await ruled('resolve-level=department');
      await typeAndWait(element, aarhusCardiologyWard.sorCode);
      const selected = oneEvent(element, 'sor-select');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      const { detail } = await selected;
      expect(detail.sorCode).to.equal(aarhusCardiology.sorCode);
      expect(detail.resolvedFrom?.sorCode).to.equal(aarhusCardiologyWard.sorCode);
      expect(element.value).to.equal(aarhusCardiology.sorCode);
      await element.updateComplete;
      expect(input(element).value).to.equal(aarhusCardiology.name);
    });

    it('finds retired units only with include-retired, says who replaced them, and jumps to the successor', async () => {
      const hidden = await ruled('');
      await typeAndWait(hidden, 'sengeafsnit M2');
      expect(optionNames(hidden)).not.to.include(koegeRetired.name);

      const element = await ruled('include-retired');
      await typeAndWait(element, 'sengeafsnit M2');
      const option = options(element).find(
        (o) => o.querySelector('.name')!.textContent === koegeRetired.name,
      )!;
      expect(option.querySelector('.retired')!.textContent).to.equal(
        `Retired · replaced by ${koegeSuccessor.name}`,
      );
      const selected = oneEvent(element, 'sor-select');
      (option as HTMLElement).click();
      const { detail } = await selected;
      expect(detail.retired).to.equal(true);
      expect(detail.replacedBy).to.deep.equal([koegeSuccessor.sorCode]);
      await element.updateComplete;
      const jump = element.shadowRoot!.querySelector<HTMLButtonElement>('.successor button')!;
      expect(jump.textContent!.trim()).to.equal(`Go to ${koegeSuccessor.name}`);
      await expect(element).to.be.accessible();
      const next = oneEvent(element, 'sor-select');
      jump.click();
      expect((await next).detail.sorCode).to.equal(koegeSuccessor.sorCode);
    });

    it('preselects from a SHAK code with value-type="shak" and shows an unknown value as invalid', async () => {
      const element = await fixture<SorPicker>(
        html`<sor-picker lang="en" value-type="shak" value="6620011" .catalog=${catalog}></sor-picker>`,
      );
      expect(element.selection?.sorCode).to.equal(aarhusCardiologyWard.sorCode);
      expect(input(element).value).to.equal(aarhusCardiologyWard.name);

      const unknown = await fixture<SorPicker>(
        html`<sor-picker lang="en" value="99999999000016000" .catalog=${catalog}></sor-picker>`,
      );
      expect(unknown.invalid).to.equal(true);
      expect(input(unknown).getAttribute('aria-invalid')).to.equal('true');
      expect(unknown.shadowRoot!.querySelector('#invalid')!.textContent).to.equal(
        'No unit has the code 99999999000016000',
      );
      await expect(unknown).to.be.accessible();
    });
  });
});
