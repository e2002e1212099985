import type { SorCatalog } from '../src/catalog/catalog.js';
import type { SorPicker } from '../src/components/picker/picker.js';
import '../src/define/sor-picker.js';
import { todayIso } from '../src/model/dates.js';
import { toFhirOrganization } from '../src/model/fhir-organization.js';

const NOTHING_CHOSEN = 'Ingen modtager valgt endnu. / No recipient chosen yet.';

/**
 * An EAN worth pasting into the "send to" field: the first hospital's, where it can receive and
 * units below it inherit it, so the paste lists the owner and its heirs. Read from the data, so
 * each data set gets an EAN that means something; null when none fits.
 */
export function sampleReceivingEan(catalog: SorCatalog): string | null {
  const asOf = todayIso();
  for (const owner of catalog.children(null)) {
    for (const institution of catalog.children(owner.sorCode)) {
      const ean = institution.ean;
      if (
        ean !== null &&
        !institution.eanInherited &&
        catalog.addressingProblem(institution.sorCode, asOf) === null &&
        catalog.unitsReceivingAt(ean).length > 1
      ) {
        return ean;
      }
    }
  }
  return null;
}

/**
 * Mounts the "send to" panel into `container` (replacing its content): a `<sor-picker
 * purpose="addressing">`, and for the chosen unit the JSON of its `addressing` and its FHIR R4
 * `Organization` (`toFhirOrganization`). `catalog` is a function, so the panel follows a data set
 * switch. Returns the picker, and a function that names a sample EAN from the current catalog.
 */
export function mountSendToPanel(
  container: HTMLElement,
  catalog: () => SorCatalog,
): { picker: SorPicker; refillSample: () => void } {
  const picker = document.createElement('sor-picker');
  picker.id = 'send-to';
  picker.purpose = 'addressing';
  picker.label = 'Modtager / Recipient';
  picker.catalog = catalog();
  const hint = document.createElement('p');
  hint.className = 'hint';
  const addressing = output('send-to-addressing', 'addressing');
  const fhir = output('send-to-fhir', 'FHIR R4 Organization');
  container.replaceChildren(picker, hint, addressing.heading, addressing.pre, fhir.heading, fhir.pre);

  picker.addEventListener('sor-select', (event) => {
    const selection = event.detail;
    addressing.pre.textContent = selection ? JSON.stringify(selection.addressing, null, 2) : NOTHING_CHOSEN;
    fhir.pre.textContent = selection
      ? JSON.stringify(toFhirOrganization(selection), null, 2)
      : NOTHING_CHOSEN;
  });

  const refillSample = () => {
    const current = catalog();
    const ean = current.isReady ? sampleReceivingEan(current) : null;
    // Text only: the EAN comes from the data and is never parsed as HTML.
    hint.textContent = ean
      ? `Prøv et navn, eller indsæt EAN ${ean}: alle enheder, der modtager på det. / Paste an EAN to list every unit receiving at it.`
      : 'Prøv et navn. / Try a name.';
  };
  refillSample();
  return { picker, refillSample };
}

function output(id: string, title: string): { heading: HTMLHeadingElement; pre: HTMLPreElement } {
  const heading = document.createElement('h3');
  heading.id = `${id}-heading`;
  heading.textContent = title;
  const pre = document.createElement('pre');
  pre.id = id;
  // Scrollable output is reachable by keyboard, and named by its heading.
  pre.tabIndex = 0;
  pre.setAttribute('aria-labelledby', heading.id);
  pre.textContent = NOTHING_CHOSEN;
  return { heading, pre };
}
