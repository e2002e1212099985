// <sor-picker purpose="addressing">: a "send to" field for MedCom messages (issue 16, item 3).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SorCatalog } from '../../../src/catalog/catalog.js';
import type { SorPicker } from '../../../src/components/picker/picker.js';
import { eanCheckDigit, makeSorCode } from '../../../src/model/codes.js';
import type { SorUnit } from '../../../src/model/types.js';
import '../../../src/define/sor-picker.js';
import {
  SMALL_REGISTER,
  SMALL_REGISTER_INFO,
  aarhusCardiology,
  aarhusCardiologyWard,
  aarhusEmergency,
  gpPractice,
  koegeSundhed,
  unitNamed,
} from '../../fixtures/small-register.js';
import { inForm } from '../form-fixture.js';

const AS_OF = '2026-11-26';
const catalog = SorCatalog.fromUnits(SMALL_REGISTER, SMALL_REGISTER_INFO);

// Below the inactive Akutafdelingen, a clinic with an active EAN of its own: it can receive, but
// under resolve-level="Afdeling" a choice of it would yield Akutafdelingen, which cannot.
const clinicEan = `579000999001${eanCheckDigit('579000999001')}`;
const clinic: SorUnit = {
  ...aarhusCardiologyWard,
  sorCode: makeSorCode(990001),
  name: 'Akut forskningsklinik',
  parentCode: aarhusEmergency.sorCode,
  level: null,
  shak: null,
  ean: clinicEan,
  eanInherited: false,
  eanEntity: gpPractice.eanEntity,
};
const withClinic = SorCatalog.fromUnits([...SMALL_REGISTER, clinic], SMALL_REGISTER_INFO);

async function picker(
  attributes: { lang?: string; value?: string; resolveLevel?: string; purpose?: string } = {},
  source: SorCatalog = catalog,
): Promise<SorPicker> {
  const element = await fixture<SorPicker>(
    html`<sor-picker
      lang=${attributes.lang ?? 'en'}
      purpose=${attributes.purpose ?? 'addressing'}
      as-of=${AS_OF}
      resolve-level=${attributes.resolveLevel ?? ''}
      value=${attributes.value ?? ''}
      .catalog=${source}
    ></sor-picker>`,
  );
  element.focus();
  return element;
}

const input = (element: SorPicker) => element.shadowRoot!.querySelector('input')!;
const options = (element: SorPicker) => [
  ...element.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]'),
];
const optionNames = (element: SorPicker) =>
  options(element).map((o) => o.querySelector('.name')!.textContent);
const optionCodes = (element: SorPicker) =>
  options(element).map((o) => o.querySelector('.code')!.textContent!.replace(/\D/g, ''));
const message = (element: SorPicker) => element.shadowRoot!.querySelector('.message')?.textContent?.trim();
const note = (element: SorPicker) => element.shadowRoot!.querySelector('#note')?.textContent?.trim();
const invalidNote = (element: SorPicker) =>
  element.shadowRoot!.querySelector('#invalid')?.textContent?.trim();
// The option's second and further lines of context: where it sits, then where its messages go.
const hints = (option: HTMLElement) =>
  [...option.querySelectorAll('.context')].slice(1).map((line) => line.textContent!.trim());

// The option of a unit, once the search for the whole text typed has answered.
async function optionOf(element: SorPicker, sorCode: string): Promise<HTMLElement> {
  await waitUntil(() => optionCodes(element).includes(sorCode), `no option for ${sorCode}`);
  return options(element).find((option) => option.querySelector('.code')!.textContent!.includes(sorCode))!;
}

// A form with one addressing picker, submitted under "to".
const addressingForm = (lang: 'en' | 'da') =>
  inForm<SorPicker>(
    'sor-picker',
    html`<sor-picker
      name="to"
      lang=${lang}
      purpose="addressing"
      as-of=${AS_OF}
      .catalog=${catalog}
    ></sor-picker>`,
  );

// Settled: options showing, or a final message (not "Searching …" / "Loading …").
const settled = (element: SorPicker, what: string) =>
  waitUntil(
    () => options(element).length > 0 || message(element)?.endsWith('…') === false,
    `no results for ${what}`,
  );

async function typeAndWait(element: SorPicker, text: string) {
  await sendKeys({ type: text });
  await settled(element, text);
}

// A paste: the whole value arrives in one input event, as from the clipboard.
async function paste(element: SorPicker, text: string) {
  const field = input(element);
  field.value = text;
  field.dispatchEvent(
    new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true, composed: true }),
  );
  await settled(element, text);
}

describe('<sor-picker purpose="addressing">', () => {
  it('lists only units that can receive MedCom messages; without the mode the others are found too', async () => {
    const plain = await picker({ purpose: '' });
    await typeAndWait(plain, 'akutafdelingen');
    await optionOf(plain, aarhusEmergency.sorCode);

    const element = await picker();
    await typeAndWait(element, 'akutafdelingen');
    const codes = optionCodes(element);
    expect(codes.length).to.be.greaterThan(1);
    expect(codes).not.to.include(aarhusEmergency.sorCode);
    for (const code of codes) expect(catalog.addressingProblem(code, AS_OF), code).to.equal(null);
    // The limit counts receivers only: hidden units take no place in it.
    expect(options(element).every((option) => option.getAttribute('aria-disabled') === null)).to.equal(true);
    expect(note(element)).to.equal('Only units that can receive MedCom messages can be chosen.');
  });

  it("shows each row's receiving EAN, own or inherited, and the EDI system by name", async () => {
    const element = await picker();
    await typeAndWait(element, 'Lægerne i Søndergade');
    const own = await optionOf(element, gpPractice.sorCode);
    expect(hints(own)).to.deep.equal([`EAN ${gpPractice.ean} (own) · EDI system: Lægesystem`]);

    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Escape' });
    await typeAndWait(element, 'Hjertesygdomme, sengeafsnit');
    const heir = await optionOf(element, aarhusCardiologyWard.sorCode);
    expect(hints(heir)).to.deep.equal([`EAN ${aarhusCardiology.ean} (inherited) · EDI system: Lægesystem`]);
  });

  it('shows the EDI system code where the snapshot has no names for the codes', async () => {
    const unnamed = SMALL_REGISTER.map((unit) =>
      unit.eanEntity
        ? { ...unit, eanEntity: { ...unit.eanEntity, systemType: { code: '1611000045003', name: null } } }
        : unit,
    );
    const element = await picker({ lang: 'da' }, SorCatalog.fromUnits(unnamed, SMALL_REGISTER_INFO));
    await typeAndWait(element, 'Lægerne i Søndergade');
    const own = await optionOf(element, gpPractice.sorCode);
    expect(hints(own)).to.deep.equal([`EAN ${gpPractice.ean} (eget) · EDI-system: 1611000045003`]);
    expect(note(element)).to.equal('Kun enheder, der kan modtage MedCom-beskeder, kan vælges.');
  });

  it('a pasted EAN lists every unit receiving at it, the owner first; typed with spaces too', async () => {
    const element = await picker();
    await paste(element, aarhusCardiology.ean!);
    expect(optionNames(element)).to.deep.equal([
      'Hjertesygdomme',
      'Hjertesygdomme, amb.',
      'Hjertesygdomme, sengeafsnit',
    ]);
    expect(hints(options(element)[0])).to.deep.equal([
      `EAN ${aarhusCardiology.ean} (own) · EDI system: Lægesystem`,
    ]);
    expect(hints(options(element)[1])[0]).to.contain('(inherited)');
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Escape' });
    const spaced = aarhusCardiology.ean!.replace(/^(\d{4})(\d{4})(\d{5})$/, '$1 $2 $3');
    await typeAndWait(element, spaced);
    // Each keystroke searched: wait for the answer to the whole EAN.
    await waitUntil(() => optionNames(element).length === 3, 'the units receiving at the spaced EAN');
    expect(optionNames(element)[0]).to.equal('Hjertesygdomme');
  });

  it('a long list of units receiving at one EAN is windowed, each row high enough for its three lines', async () => {
    const wards: SorUnit[] = Array.from({ length: 80 }, (_, i) => ({
      ...aarhusCardiologyWard,
      sorCode: makeSorCode(991000 + i),
      name: `Hjertesygdomme, afsnit ${String(i).padStart(2, '0')}`,
    }));
    const element = await picker(
      {},
      SorCatalog.fromUnits([...SMALL_REGISTER, ...wards], SMALL_REGISTER_INFO),
    );
    await paste(element, aarhusCardiology.ean!);
    await waitUntil(() => element.shadowRoot!.querySelector('.windowed') !== null, 'not windowed');
    const shown = options(element);
    expect(shown.length).to.be.lessThan(83);
    expect(optionNames(element)[0]).to.equal('Hjertesygdomme');
    for (const option of shown) {
      expect(hints(option)[0]).to.match(/^EAN \d{13} \((own|inherited)\)/);
      expect(option.scrollHeight, option.textContent!).to.be.at.most(option.clientHeight);
    }
    // With no option active, ↑ goes to the last one: rendered, though far outside the first window.
    await sendKeys({ press: 'ArrowUp' });
    await element.updateComplete;
    expect(input(element).getAttribute('aria-activedescendant')).to.equal('option-82');
  });

  it('a pasted EAN that cannot receive says why instead of "no match"', async () => {
    const element = await picker();
    await paste(element, aarhusEmergency.ean!);
    expect(options(element)).to.have.length(0);
    expect(message(element)).to.equal(
      `EAN ${aarhusEmergency.ean} cannot be chosen: cannot receive MedCom messages (the EAN number is inactive)`,
    );
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Escape' });
    await paste(element, koegeSundhed.ean!);
    expect(message(element)).to.contain('the EAN number receives internal messages only');
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Escape' });
    await paste(element, '5790000000000');
    expect(message(element)).to.equal('No units match “5790000000000”');
  });

  it('chooses with the keyboard: sor-select carries the addressing, then change; the form gets the SOR code', async () => {
    const { form, element } = await addressingForm('en');
    element.focus();
    await paste(element, aarhusCardiology.ean!);
    const seen: string[] = [];
    element.addEventListener('change', () => seen.push('change'));
    element.addEventListener('sor-select', () => seen.push('sor-select'));
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(input(element).getAttribute('aria-activedescendant')).to.equal('option-1');
    const selected = oneEvent(element, 'sor-select');
    await sendKeys({ press: 'Enter' });
    const { detail } = await selected;
    const ambulatory = unitNamed('Hjertesygdomme, amb.');
    expect(detail!.sorCode).to.equal(ambulatory.sorCode);
    const expected = catalog.addressOf(ambulatory.sorCode, AS_OF);
    expect(expected.ok).to.equal(true);
    expect(detail!.addressing).to.deep.equal(expected.ok ? expected.addressing : null);
    expect(detail!.addressing!.owner.sorCode).to.equal(aarhusCardiology.sorCode);
    expect(detail!.addressing!.inherited).to.equal(true);
    expect(detail!.addressingProblem).to.equal(null);
    expect(seen).to.deep.equal(['sor-select', 'change']);
    expect(new FormData(form).get('to')).to.equal(ambulatory.sorCode);
    expect(element.selection!.addressing!.ean).to.equal(aarhusCardiology.ean);
  });

  it('is accessible closed, open with receiving rows, and refusing a value', async () => {
    const element = await picker();
    await expect(element).to.be.accessible();
    await paste(element, aarhusCardiology.ean!);
    await sendKeys({ press: 'ArrowDown' });
    await expect(element).to.be.accessible();
    const refused = await picker({ value: aarhusEmergency.sorCode });
    await expect(refused).to.be.accessible();
  });

  it('never chooses a unit whose choice cannot receive, by keyboard or mouse (resolve-level)', async () => {
    const element = await picker({ resolveLevel: 'Afdeling' }, withClinic);
    let fired = 0;
    element.addEventListener('sor-select', () => fired++);
    await typeAndWait(element, 'Akut forskningsklinik');
    const option = await optionOf(element, clinic.sorCode);
    // The clinic itself receives, so it is listed; its Afdeling does not, so it cannot be chosen.
    expect(option.getAttribute('aria-disabled')).to.equal('true');
    expect(option.querySelector('.reason')!.textContent).to.equal(
      'cannot receive MedCom messages (the EAN number is inactive)',
    );
    const index = options(element).indexOf(option);
    for (let i = 0; i <= index; i++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    option.click();
    await element.updateComplete;
    expect(fired).to.equal(0);
    expect(element.value).to.equal('');
    expect(element.selection).to.equal(null);
    expect(element.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim()).to.equal(
      'Akut forskningsklinik cannot be chosen: cannot receive MedCom messages (the EAN number is inactive)',
    );
  });

  it('refuses a programmatic value that cannot receive, with a validity message, and submits nothing', async () => {
    const { form, element } = await addressingForm('en');
    let fired = 0;
    element.addEventListener('sor-select', () => fired++);
    element.value = aarhusEmergency.sorCode;
    await element.updateComplete;
    expect(element.invalid).to.equal(true);
    expect(element.selection).to.equal(null);
    expect(element.validity.badInput).to.equal(true);
    const reason =
      'Akutafdelingen cannot be chosen: cannot receive MedCom messages (the EAN number is inactive)';
    expect(element.validationMessage).to.equal(reason);
    expect(invalidNote(element)).to.equal(reason);
    expect(input(element).getAttribute('aria-invalid')).to.equal('true');
    expect(form.checkValidity()).to.equal(false);
    expect(new FormData(form).get('to')).to.equal(null);

    element.value = unitNamed('Region Sjælland').sorCode;
    await element.updateComplete;
    expect(element.validationMessage).to.equal(
      'Region Sjælland cannot be chosen: cannot receive MedCom messages (no EAN number)',
    );

    element.value = gpPractice.sorCode;
    await element.updateComplete;
    expect(element.invalid).to.equal(false);
    expect(element.selection!.addressing!.ean).to.equal(gpPractice.ean);
    expect(new FormData(form).get('to')).to.equal(gpPractice.sorCode);
    expect(fired).to.equal(0);
  });

  it('refuses a value the browser restores that cannot receive (internal only)', async () => {
    const { form, element } = await addressingForm('da');
    element.formStateRestoreCallback(koegeSundhed.sorCode);
    await element.updateComplete;
    expect(element.invalid).to.equal(true);
    expect(element.validationMessage).to.equal(
      'Sundhed og Omsorg, Køge Kommune kan ikke vælges: kan ikke modtage MedCom-beskeder (EAN-nummeret modtager kun interne beskeder)',
    );
    expect(new FormData(form).get('to')).to.equal(null);
    element.formStateRestoreCallback(aarhusCardiologyWard.sorCode);
    await element.updateComplete;
    expect(element.invalid).to.equal(false);
    expect(new FormData(form).get('to')).to.equal(aarhusCardiologyWard.sorCode);
  });

  it('turning the mode on refuses a unit already shown that cannot receive; off again accepts it', async () => {
    const element = await picker({ purpose: '', value: aarhusEmergency.sorCode });
    expect(element.invalid).to.equal(false);
    expect(element.selection!.addressingProblem).to.equal('inactive');
    element.purpose = 'addressing';
    await element.updateComplete;
    expect(element.invalid).to.equal(true);
    expect(element.selection).to.equal(null);
    element.purpose = '';
    await element.updateComplete;
    expect(element.invalid).to.equal(false);
    expect(element.selection!.sorCode).to.equal(aarhusEmergency.sorCode);
  });

  it('judges on as-of: an EAN closed before that day cannot receive', async () => {
    const closing = SMALL_REGISTER.map((unit) =>
      unit === gpPractice ? { ...unit, eanEntity: { ...unit.eanEntity!, validTo: '2026-06-30' } } : unit,
    );
    const element = await picker(
      { value: gpPractice.sorCode },
      SorCatalog.fromUnits(closing, SMALL_REGISTER_INFO),
    );
    expect(element.validationMessage).to.contain('the EAN number is inactive');
    element.asOf = '2026-06-30';
    await element.updateComplete;
    expect(element.invalid).to.equal(false);
  });
});
